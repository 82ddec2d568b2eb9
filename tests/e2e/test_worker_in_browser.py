"""Articles analysed by the worker process, as users see it: progress, cancelling, and another user's
pages served meanwhile."""

from __future__ import annotations

import re

import pytest

from tests.conftest import DATA, article_text
from tests.e2e.conftest import watching

pytestmark = pytest.mark.e2e

PROSE = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((DATA / "articles").glob("*.txt")))
LONG = ((PROSE + "\n\n") * 3)[:190_000]  # real prose near the 200,000-character limit


def stored(watched) -> int:
    return int(re.search(r"Stored articles \((\d+)\)", watched.main_text()).group(1))


def paste(watched, server, text: str) -> None:
    page = watched.page
    watched.open(f"{server.url}/library")
    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Process and add").click()


def test_a_pasted_article_shows_its_progress_then_is_added_and_opened(server, watched):
    watched.open(f"{server.url}/library")
    before = stored(watched)
    paste(watched, server, "Ferry terminal to reopen\n\n" + article_text(80, "the ferry terminal"))
    progress = watched.page.locator('[data-testid="stProgress"]')
    progress.first.wait_for(timeout=30_000)
    assert watched.page.get_by_role("button", name="Cancel").count() == 1
    watched.wait_for_alert("added as “Ferry terminal to reopen”")
    watched.settle()
    assert stored(watched) == before + 1
    assert watched.page.locator('[data-testid="stProgress"]').count() == 0, "the panel goes when done"
    assert "Selected: Ferry terminal to reopen" in watched.main_text(), "the new article is opened"


def test_cancelling_a_long_article_stops_it_and_stores_nothing(server, watched):
    watched.open(f"{server.url}/library")
    before = stored(watched)
    paste(watched, server, LONG)
    cancel = watched.page.get_by_role("button", name="Cancel")
    cancel.wait_for(timeout=30_000)
    cancel.click()
    text = watched.wait_for_alert("cancelled; nothing was stored", timeout=30)
    assert "Traceback" not in text
    watched.settle()
    assert stored(watched) == before
    assert "Failed articles" not in watched.main_text()


def test_another_user_switches_pages_while_a_long_article_is_analysed(server, browser):
    with watching(browser, "uploader") as uploader, watching(browser, "reader") as reader:
        paste(uploader, server, LONG)
        uploader.page.locator('[data-testid="stProgress"]').first.wait_for(timeout=30_000)
        pages = (("", "Article"), ("map", "Map"), ("timeline", "Timeline"), ("voices", "Voices"))
        for path, heading in pages:
            reader.open(f"{server.url}/{path}")
            assert reader.page.locator("h1").first.inner_text().strip() == heading
        # the reader saw every page while the long article was still being analysed for the uploader
        assert uploader.page.locator('[data-testid="stProgress"]').count() == 1, "it finished too soon"
        uploader.page.get_by_role("button", name="Cancel").click()
        uploader.wait_for_alert("cancelled", timeout=30)
