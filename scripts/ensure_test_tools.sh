#!/bin/sh
# The test suite needs two Debian packages that pip cannot provide: chromium (the end-to-end tests
# drive it; Playwright never downloads a browser here) and postgresql (the storage tests run against a
# throwaway server as well as SQLite). Installs whichever is missing; does nothing when both are there.
set -e
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium fonts-dejavu-core"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
[ -z "$missing" ] && exit 0
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
echo "ensure_test_tools: installing$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
# Debian starts a cluster on install where it can; the tests use their own, so stop it if it runs.
if [ -n "$(echo "$missing" | grep postgresql)" ] && command -v service >/dev/null; then
    $SUDO service postgresql stop >/dev/null 2>&1 || true
fi
