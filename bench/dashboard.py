"""The dashboard under a realistic store: cold start, warm page switches, server time, peak memory.

    python bench/dashboard.py [N_ARTICLES]      (default 200 stored articles)

Fills a fresh store with N distinct articles (tests/corpus.py) plus the samples, then prints:

- load times of the spaCy model, the gazetteer and its phrase matcher, and a first ``process()``;
- cold start: ``streamlit run app.py`` launched until its health check answers, and until the Article
  page has painted the article in headless Chromium (launch to paint, and navigation to paint); then
  a second visitor with an empty browser cache opening the running server;
- warm page switches in the browser (click in the sidebar until the new page's content is drawn);
- warm server time per page: the page's script rerun in Streamlit's AppTest, over ten articles;
- the app server's peak resident memory (VmHWM) after every page was opened for 25 articles.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import distinct_articles  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

# What each page draws once it is ready, as a user would wait for it.
READY = {
    "Article": ".al-article",
    "Map": 'iframe[title="streamlit_folium.st_folium"]',
    "Timeline": ".scatterlayer .points path",
    "Voices": ".al-card",
    "Library": '[data-testid="stDataFrame"]',
}
SERVER_ARTICLES = 10  # warm server time is measured on this many stored articles
ALERT = '[data-testid="stMain"] [data-testid="stAlert"]'
RUNNING = '[data-testid="stStatusWidget"]'
SCRIPTS = {
    "Article": "pages/article.py",
    "Map": "pages/map.py",
    "Timeline": "pages/timeline.py",
    "Voices": "pages/voices.py",
    "Library": "pages/library.py",
}


def fill_store(data_dir: Path, count: int) -> float:
    """Store ``count`` articles the way a user would (the CLI); returns seconds taken."""
    folder = data_dir.parent / "articles"
    distinct_articles(folder, range(count - 1), seed=5, paragraphs=(3, 6))
    env = {**os.environ, "LENS_DATA_DIR": str(data_dir)}
    t = time.perf_counter()
    cmd = [sys.executable, "-m", "lib", "process", str(folder), *map(str, (ROOT / "samples").glob("*.txt"))]
    subprocess.run([*cmd, "--workers", "2"], cwd=ROOT, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def load_times() -> list[tuple[str, float]]:
    """Each resource the pipeline loads once per process, timed in a fresh interpreter."""
    code = """
import time
t = time.perf_counter()
from lib.nlp import load_model
nlp = load_model()
a = time.perf_counter()
from lib.geo.gazetteer import get_gazetteer
g = get_gazetteer()
b = time.perf_counter()
from lib.places.recognise import gazetteer_matcher
gazetteer_matcher(nlp.vocab, g)
c = time.perf_counter()
from lib.pipeline import process
process("Officials in Lyon said on Monday that the bridge over the Rhone would reopen next week, " * 3)
d = time.perf_counter()
print(a - t, b - a, c - b, d - c)
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    model, gazetteer, matcher, first = map(float, out.stdout.split())
    return [
        ("spaCy model (import + load)", model),
        ("gazetteer (open)", gazetteer),
        ("gazetteer phrase matcher (build)", matcher),
        ("first process() (loads the Lens pipeline: model and components)", first),
    ]


def browser_figures(data_dir: Path, article_ids: list[str]) -> tuple[dict, dict, int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        t = time.perf_counter()
        server = Server(data_dir)
        try:
            up = time.perf_counter() - t
            t_nav = time.perf_counter()
            page.goto(server.url)
            page.wait_for_selector(READY["Article"], timeout=60_000)
            painted = time.perf_counter()
            # a teammate opening a shared link later: a fresh browser (empty cache), a running server
            other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            t_other = time.perf_counter()
            other.goto(server.url)
            other.wait_for_selector(READY["Article"], timeout=60_000)
            later = time.perf_counter() - t_other
            other.context.close()
            cold = {
                "health check answers": up,
                "article painted": painted - t,
                "of which navigation": painted - t_nav,
                "next visitor, fresh browser": later,
            }

            switches: dict[str, list[float]] = {name: [] for name in READY}
            for _ in range(5):
                for name in ("Map", "Timeline", "Voices", "Library", "Article"):
                    t = time.perf_counter()
                    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).first.click()
                    page.wait_for_selector(READY[name], timeout=60_000)
                    switches[name].append(time.perf_counter() - t)
            warm = {name: statistics.median(v) for name, v in switches.items()}

            for article_id in article_ids[:25]:
                for name, script in SCRIPTS.items():
                    path = Path(script).stem if name != "Article" else ""
                    page.goto(f"{server.url}/{path}?article={article_id}")
                    # an article may have no voices or places: the page then says so instead
                    page.wait_for_selector(f"{READY[name]}, {ALERT}", timeout=60_000)
                    page.wait_for_selector(RUNNING, state="detached", timeout=60_000)
            status = Path(f"/proc/{server.proc.pid}/status").read_text()
            peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))
        finally:
            server.stop()
            browser.close()
    return cold, warm, peak_kb


def server_times(data_dir: Path, article_ids: list[str], runs: int = 5) -> dict[str, tuple[float, float]]:
    """The script time of each page, warm, as Streamlit's test harness runs it in this process: for
    each article the median of repeated reruns; per page the median and the slowest over articles."""
    from streamlit.testing.v1 import AppTest

    os.environ["LENS_DATA_DIR"] = str(data_dir)
    os.chdir(ROOT)
    times = {}
    for name, script in SCRIPTS.items():
        per_article = []
        for article_id in article_ids:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.query_params["article"] = article_id
            at.run()
            at.switch_page(script)
            at.run()  # first run of this page: caches fill
            assert not at.exception, at.exception
            samples = []
            for _ in range(runs):
                t = time.perf_counter()
                at.run()
                samples.append(time.perf_counter() - t)
            per_article.append(statistics.median(samples))
        times[name] = (statistics.median(per_article), max(per_article))
    return times


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        took = fill_store(data_dir, count)
        os.environ["LENS_DATA_DIR"] = str(data_dir)
        from lib.store import Store

        store = Store()
        ids = [row.id for row in store.articles()]
        store.close()
        print(f"store: {len(ids)} articles, filled in {took:.0f} s\n")

        print("Loaded once per process")
        for what, seconds in load_times():
            print(f"  {what:<34} {seconds:6.2f} s")

        cold, warm, peak_kb = browser_figures(data_dir, ids)
        print("\nCold start (launch of streamlit run app.py; target: article painted <= 4 s)")
        for what, seconds in cold.items():
            print(f"  {what:<34} {seconds:6.2f} s")

        server = server_times(data_dir, ids[:SERVER_ARTICLES])
        print(f"\nWarm, per page (target: server time <= 0.3 s; over {SERVER_ARTICLES} articles)")
        print(f"  {'page':<10} {'server, median':>15} {'server, slowest':>16} {'switch in browser':>18}")
        for name in READY:
            median, slowest = server[name]
            print(f"  {name:<10} {median:14.3f}s {slowest:15.3f}s {warm[name]:17.3f}s")

        mb = peak_kb / 1024
        print(f"\nApp server peak memory, {len(ids)} articles stored: {mb:.0f} MB RSS (target <= 600 MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
