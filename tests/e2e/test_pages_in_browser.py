"""The five pages in a real browser, as a user opens them from the link a teammate shared."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_the_dashboard_opens_on_the_sample_article(server, watched, sample_doc):
    watched.open(server.url)
    assert f"article={sample_doc.article.id}" in watched.href()
    text = watched.main_text()
    assert sample_doc.article.text[:60] in text
    places = watched.page.locator(".al-article .al-place")
    assert places.count() >= 3
    assert "Place:" in (places.first.get_attribute("title") or "")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("", "Hide"),
        ("map", "Map"),
        ("timeline", "Timeline"),
        ("voices", "Voices"),
        ("library", "Stored articles"),
    ],
)
def test_each_page_renders_from_a_shared_link(server, watched, sample_doc, path, expected):
    watched.open(f"{server.url}/{path}?article={sample_doc.article.id}")
    text = watched.main_text()
    assert expected in text
    assert "Traceback" not in text and "Article not found" not in text


def test_switching_pages_keeps_the_article_in_the_url(server, watched, sample_doc):
    watched.open(f"{server.url}/?article={sample_doc.article.id}")
    watched.page.get_by_role("link", name="Voices").first.click()
    watched.settle()
    assert "/voices" in watched.href()
    assert f"article={sample_doc.article.id}" in watched.href()


def test_an_unknown_article_link_says_not_found(server, watched):
    watched.open(f"{server.url}/map?article=0123456789abcdef")
    text = watched.main_text()
    assert "Article not found" in text
    watched.page.get_by_role("link", name="Go to the Library").click()
    watched.settle()
    assert "/library" in watched.href()


def test_the_first_visitor_after_a_restart_can_open_a_deep_link(browser, tmp_path, sample_doc):
    """A shared /map link opened before anyone opened the home page still runs the whole app."""
    from tests.e2e.conftest import Server, Watched

    srv = Server(tmp_path / "fresh")
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        w = Watched(context.new_page(), "first_visitor_deep_link")
        w.open(f"{srv.url}/map?article={sample_doc.article.id}")
        sidebar = w.page.inner_text('[data-testid="stSidebar"]')
        assert "Article" in sidebar and "Library" in sidebar
        assert w.page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').count() == 1
        w.shot()
        context.close()
        assert not w.external and not w.console_errors
    finally:
        srv.stop()


def test_the_map_draws_offline_with_areas_markers_and_a_legend(server, watched, sample_doc):
    watched.open(f"{server.url}/map?article={sample_doc.article.id}")
    frame_el = watched.page.wait_for_selector('iframe[title="streamlit_folium.st_folium"]', timeout=30_000)
    box = frame_el.bounding_box()
    assert box and box["height"] > 300, "the map component has a real height"
    frame = frame_el.content_frame()
    frame.wait_for_selector(".leaflet-container", timeout=30_000)
    frame.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path').length > 20", timeout=30_000
    )
    paths = frame.locator(".leaflet-overlay-pane path").count()
    located = [p for p in sample_doc.places if p.lat is not None]
    assert paths > len(located), "country outlines plus the article's places are drawn"
    assert frame.locator(".al-legend").inner_text().count("\n") >= 2
    dashed = frame.locator(".leaflet-overlay-pane path[stroke-dasharray]").count()
    assert dashed >= 1, "places named for their government are drawn apart (dashed)"
    assert watched.page.locator('[data-testid="stDataFrame"]').count() == 1, "the places table is shown"


def test_selecting_a_place_keeps_it_in_the_url_and_shows_its_sentences(server, watched, sample_doc):
    place = max(sample_doc.places, key=lambda p: len(p.mentions))
    watched.open(f"{server.url}/map?article={sample_doc.article.id}&place={place.id}")
    text = watched.main_text()
    assert "Why this place" in text and "Sentences" in text
    assert sample_doc.sentence_text(place.mentions[0].start)[:40] in text
    assert f"place={place.id}" in watched.href()


def test_voices_are_sorted_by_type_and_each_quote_links_to_the_article(server, watched, sample_doc):
    expert = next(v for v in sample_doc.voices if v.source_type == "expert" and v.quotes)
    watched.open(f"{server.url}/voices?article={sample_doc.article.id}&types=expert")
    text = watched.main_text()
    assert "Balance" in text and "Expert" in text
    assert expert.name in text
    government = [v.name for v in sample_doc.voices if v.source_type == "government" and v.quotes]
    assert not any(name in text for name in government), "the type filter from the link applies"
    watched.page.get_by_role("link", name="in the article ↗").first.click()
    watched.settle()
    assert "item=" in watched.href()
    assert watched.page.locator(".al-article .al-focus").count() >= 1
    assert "quote of" in watched.main_text()


def test_clicking_a_claim_on_the_timeline_shows_it_in_its_sentence(server, watched, sample_doc):
    watched.open(f"{server.url}/timeline?article={sample_doc.article.id}")
    assert "publication date is unknown" in watched.main_text()
    point = watched.page.locator(".scatterlayer .points path").first
    point.wait_for(timeout=20_000)
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    watched.page.mouse.move(x - 30, y)
    watched.page.mouse.move(x, y, steps=8)  # plotly picks the point under a hovering pointer
    watched.page.mouse.down()
    watched.page.mouse.up()
    watched.page.wait_for_function("() => location.search.includes('claim=c')", timeout=20_000)
    watched.settle()
    text = watched.main_text()
    assert "Claim by" in text and "Read it in the article" in text


def test_setting_the_publication_date_reanchors_the_timeline(server, watched, sample_doc):
    watched.open(f"{server.url}/timeline?article={sample_doc.article.id}")
    page = watched.page
    page.get_by_role("spinbutton", name="year, Published on").click()
    page.keyboard.type("20250718", delay=60)
    page.locator('[data-testid="stMain"] h1').click()  # leaving the field commits the date
    watched.settle()
    page.get_by_role("button", name="Set publication date").click()
    watched.wait_for_alert("processed again")
    watched.settle()
    text = watched.main_text()
    assert "publication date is unknown" not in text
    assert "2025-07-18" in text
