"""End-to-end fixtures: the real app on a free localhost port, driven by headless Debian Chromium.

Every page a test opens is watched: any request that leaves localhost and any console error fails the
test, and a screenshot is saved under ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

STREAMLIT_BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """A server process a test starts, its output in a log file: up once its health check answers,
    or stopped with the end of the log in the error."""

    proc: subprocess.Popen
    log: Path

    def _start(
        self, name: str, command: list[str], env: dict, health: Callable[[], object], timeout: float
    ) -> None:
        self.proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                health()
                return
            except OSError:  # refused, or an HTTP error status (urllib's errors are OSErrors)
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{name} did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Server(Service):
    """``streamlit run app.py`` with its own data folder, stopped at the end of the session."""

    def __init__(self, data_dir: Path, samples_dir: Path | None = None, **settings: str) -> None:
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        env = {**os.environ, "LENS_DATA_DIR": str(data_dir), **settings}
        if samples_dir is not None:
            env["LENS_SAMPLES_DIR"] = str(samples_dir)
        self.log = data_dir / "streamlit.log"
        data_dir.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                   "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
        self._start(
            "streamlit",
            command,
            env,
            lambda: urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2).close(),
            90,
        )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A fresh app and store for each test module, so modules cannot see each other's articles."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (make test installs it)")
    srv = Server(tmp_path_factory.mktemp("e2e-data"))
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A browser page that records what a test must never see: outside requests, console errors."""

    def __init__(self, page, name: str) -> None:
        self.page = page
        self.name = name
        self.external: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", self._request)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console_errors.append(f"page error: {e}"))

    def _console(self, message) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        # Opened at a page path (/map), Streamlit's frontend first probes /map/_stcore/health and
        # /map/_stcore/host-config for a base path, gets 404, then uses the root. Not an app error.
        if source.endswith(STREAMLIT_BASE_PATH_PROBES):
            return
        self.console_errors.append(f"{message.text} ({source})" if source else message.text)

    def _request(self, request) -> None:
        url = urlparse(request.url)
        if url.scheme in ("data", "blob", "about"):
            return
        if url.hostname not in LOCAL_HOSTS:
            self.external.append(request.url)

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.settle()

    def settle(self, timeout: float = 60) -> None:
        """Wait until Streamlit has finished running the script and the page is still."""
        page = self.page
        page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout * 1000)
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            busy = page.evaluate(
                "() => !!document.querySelector('[data-testid=\"stStatusWidget\"]')"
                " || !!document.querySelector('[data-testid=\"stSpinner\"]')"
                " || !!document.querySelector('[data-testid=\"stSkeleton\"]')"
                ' || !document.querySelector(\'[data-testid="stMain"] [data-testid="stElementContainer"]\')'
            )
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since > 0.8:
                return
            time.sleep(0.1)
        raise AssertionError(f"the page never settled: {page.url}")

    def shot(self, suffix: str = "") -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}{suffix}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def href(self) -> str:
        """The address bar now (Streamlit rewrites it with replaceState, which page.url misses)."""
        return self.page.evaluate("() => location.href")

    def wait_for_alert(self, words: str, timeout: float = 90) -> str:
        """Wait for a message containing these words (an article the worker finished, say); the page."""
        self.page.wait_for_function(
            "words => [...document.querySelectorAll('[data-testid=\"stAlert\"]')]"
            ".some(a => a.innerText.includes(words))",
            arg=words,
            timeout=timeout * 1000,
        )
        return self.main_text()

    def main_text(self) -> str:
        return self.page.inner_text('[data-testid="stMain"]')


@contextmanager
def watching(browser, name: str, **context_options) -> Iterator[Watched]:
    """A watched page in its own browser context (its own cookies, credentials and headers: one user)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    w = Watched(context.new_page(), name)
    try:
        yield w
    finally:
        try:
            w.shot()
        finally:
            context.close()
    assert not w.external, f"requests left localhost: {w.external}"
    assert not w.console_errors, f"browser console errors: {w.console_errors}"


@pytest.fixture
def watched(browser, request):
    with watching(browser, request.node.name.replace("/", "_").replace("[", "-").replace("]", "")) as w:
        yield w
