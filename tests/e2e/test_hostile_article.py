"""An article built to attack its readers: script tags, event handlers, javascript: links and
Markdown/HTML injection in its title, source, quotes, speaker descriptions and place sentences. A
trap is set in every page and frame (a flag any payload would set, and alert/eval replaced by the
same flag); no page, popup, tooltip or table may ever trip it."""

from __future__ import annotations

import pytest

from tests.conftest import article_text, lens
from tests.e2e.conftest import Server

pytestmark = pytest.mark.e2e

TRAP = """
window.__pwned = undefined;
window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };
"""
PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "[click here](javascript:window.__pwned='md-link')",
    "<a href=\"javascript:window.__pwned='a'\">link</a>",
    "![x](javascript:window.__pwned='md-img')",
    ":red[**styled**] $x^2$",
]
HOSTILE_TITLE = f"Harbour vote {PAYLOADS[1]} {PAYLOADS[3]}"


def hostile_article() -> str:
    p = PAYLOADS
    return (
        f"Mayor Anna Kowalska said “{p[0]} we will rebuild the harbour {p[1]}” on Monday in Gdansk, "
        f"according to a statement from the council of Gdynia {p[3]}.\n\n"
        f"Opposition leader Tomasz Nowak, a critic {p[4]}, warned that the plan was a “{p[2]}” "
        f"and described the vote as a “{p[5]} farce”. Moscow said it would respond {p[6]}.\n\n"
        + article_text(60, "the harbour in Gdansk")
    )


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile")
    path = data / "hostile.txt"
    path.write_text(f"{HOSTILE_TITLE}\n{hostile_article()}", encoding="utf-8")
    run = lens(
        "process",
        str(path),
        "--published",
        "2024-05-06",
        "--source",
        f"Daily {PAYLOADS[0]}",
        "--json",
        timeout=300,
        LENS_DATA_DIR=str(data / "store"),
    )
    assert run.returncode == 0, run.stderr
    from lib.contract import load_document

    doc = load_document(run.stdout)
    server = Server(data / "store")
    yield server, doc
    server.stop()


def tripped(page) -> list[str]:
    flags = []
    for frame in page.frames:
        try:
            value = frame.evaluate("() => window.__pwned")
        except Exception:  # a frame that went away cannot have been attacked
            continue
        if value is not None:
            flags.append(f"{frame.url}: {value}")
    return flags


@pytest.mark.parametrize("path", ["", "map", "timeline", "voices", "library"])
def test_no_page_runs_anything_from_the_article(hostile_server, watched, path):
    server, doc = hostile_server
    page = watched.page
    page.context.add_init_script(TRAP)
    watched.open(f"{server.url}/{path}?article={doc.article.id}")
    text = watched.main_text()
    assert "Traceback" not in text
    if path == "":
        assert "<script>" in text, "the payload is shown as text"
        page.locator(".al-article [title]").first.hover()
        for link in page.locator(".al-article a.al-link").all()[:3]:
            link.hover()
    if path == "map":
        frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
        frame.locator(".leaflet-interactive").first.wait_for(timeout=30_000)
        for i in range(4):
            # a click selects the place and redraws the map around it: find the markers afresh,
            # and open the popup of each one still in view
            watched.settle()
            markers = frame.locator("path.leaflet-interactive")
            if i < markers.count() and markers.nth(i).is_visible():
                markers.nth(i).click(force=True)
                page.wait_for_timeout(300)
    if path in ("timeline", "voices"):
        for point in page.locator(".scatterlayer .points path, .plot .bars path").all()[:6]:
            point.hover(force=True)
            page.wait_for_timeout(150)
    if path == "library":
        page.locator('[data-testid="stDataFrame"]').hover()
    page.wait_for_timeout(500)
    assert tripped(page) == [], "a payload ran"
    assert not any("javascript:" in (a.get_attribute("href") or "") for a in page.locator("a").all())


def test_malformed_ids_in_links_are_not_found(hostile_server, watched):
    server, _ = hostile_server
    watched.page.context.add_init_script(TRAP)
    for bad in ("../../etc/passwd", "%3Cscript%3Ealert(1)%3C/script%3E", "x" * 500, "ÆØÅ"):
        watched.open(f"{server.url}/voices?article={bad}")
        assert "Article not found" in watched.main_text()
    assert tripped(watched.page) == []
