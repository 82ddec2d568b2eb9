"""A team corrects an article in the browser, and Lens remembers: on SQLite and on PostgreSQL.

One user moves a wrongly resolved place, gives a voice a type for every article (and, for this
article only, an identity), moves a quote to another voice and sets a claim's date; a second browser
opening the shared links sees the corrected views with who and when; a new article naming the same
speaker comes out with the corrected type; and processing the corrected article again keeps every
correction.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.e2e.conftest import Server, watching

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def team_server(request, tmp_path_factory):
    data = tmp_path_factory.mktemp(f"team-{request.param}")
    if request.param == "sqlite":
        srv = Server(data)
        yield srv
        srv.stop()
        return
    with request.getfixturevalue("postgres").database() as url:
        srv = Server(data, LENS_DATABASE_URL=url)
        yield srv
        srv.stop()


def choose(page, label: str, option: str) -> None:
    """Pick an option of a Streamlit select box by its label and (part of) the option's text."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True)).first
    wanted = page.get_by_role("option").filter(has_text=option).first
    for _ in range(3):  # a rerun that lands just after the click closes the list: open it again
        box.click()
        try:
            wanted.wait_for(timeout=5000)
            break
        except Exception:
            page.keyboard.press("Escape")
    wanted.click()


def open_expander(watched, title: str) -> None:
    """Open an expander unless it is open already (Streamlit keeps it open across reruns)."""
    details = (
        watched.page.locator('[data-testid="stExpander"] details')
        .filter(has=watched.page.locator("summary", has_text=title))
        .first
    )
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
        watched.settle()


def shows(watched, *words: str) -> str:
    """The page's text once it shows every one of these words (the page may still be drawing the
    result of the last click); the test's own assertions then say what is missing."""
    deadline = time.monotonic() + 30
    while True:
        text = watched.main_text()
        if all(w in text for w in words) or time.monotonic() > deadline:
            return text
        time.sleep(0.3)


def unfound_place_name(doc):
    """A capitalised word of the article that is no place Lens found but names a gazetteer place."""
    from lib.geo.gazetteer import get_gazetteer

    taken = [(m.start, m.end) for p in doc.places for m in p.mentions]
    for m in re.finditer(r"\b[A-Z][a-z]{4,}\b", doc.article.text):
        found = get_gazetteer().search(m.group())
        if found and all(m.end() <= a or b <= m.start() for a, b in taken):
            return m.group(), found[0]
    raise AssertionError("no word of the sample names an unfound gazetteer place")


def card(watched, name: str, showing: str | None = None, hiding: str | None = None) -> str:
    """The text of a voice's card on the Voices page, once it shows (or no longer shows) some words:
    the page may still be drawing the result of the last click."""
    page = watched.page
    named = page.locator(".al-name", has_text=re.compile(f"^{re.escape(name)}$"))
    deadline = time.monotonic() + 30
    while True:
        text = page.locator(".al-card").filter(has=named).first.inner_text()
        done = (showing is None or showing in text) and (hiding is None or hiding not in text)
        if done or time.monotonic() > deadline:
            return text
        time.sleep(0.3)


def test_a_team_corrects_an_article_and_lens_remembers(team_server, browser, sample_doc):
    doc = sample_doc
    aid = doc.article.id
    base = team_server.url
    place = next(p for p in doc.places if p.candidates and p.named and p.lat is not None)
    pick = place.candidates[0]
    speaker, other = [v for v in doc.voices if v.quotes and v.source_type != "article"][:2]
    new_type = "citizen" if speaker.source_type != "citizen" else "business"
    moved = other.quotes[0]
    claim = next(c for c in doc.claims if not c.time.value)
    missed, missed_place = unfound_place_name(doc)

    with watching(browser, f"corrections-{team_server.port}-ana") as ana:
        page = ana.page
        ana.open(f"{base}/map?article={aid}&place={place.id}")
        page.locator('[data-testid="stSidebar"]').get_by_role("textbox", name="Your name").fill("Ana")
        page.keyboard.press("Enter")
        ana.settle()
        assert "Correcting as Ana" in page.inner_text('[data-testid="stSidebar"]')

        # Map: the place goes to its runner-up reading
        open_expander(ana, "Correct this place")
        choose(page, "The place meant", pick.name)
        page.get_by_role("button", name="Move it there").click()
        text = shows(ana, "Corrected by Ana on")
        assert "Corrected by Ana on" in text and f", was {place.name} (" in text
        assert f"{pick.lat:.4f}, {pick.lon:.4f}" in text
        ana.shot("-1-map")

        # Voices: a type for every article, then a quote moved to another voice
        ana.open(f"{base}/voices?article={aid}")
        assert "Correcting as Ana" in page.inner_text('[data-testid="stSidebar"]'), (
            "the browser keeps the name"
        )
        open_expander(ana, "Correct a voice")
        choose(page, "Voice", speaker.name)
        ana.settle()
        choose(page, "Source type", new_type)
        choose(page, "Identity", "unnamed")
        page.get_by_text(f"For every article: {speaker.name} is always this").click()
        page.get_by_role("button", name="Save").click()
        ana.settle()
        assert f"source type {new_type}" in card(ana, speaker.name, showing=f"source type {new_type}")
        assert "unnamed" in card(ana, speaker.name, showing="unnamed"), "the identity badge shows"
        ana.shot("-2-voice-type")

        open_expander(ana, "Correct a voice")
        choose(page, "Voice", other.name)
        ana.settle()
        choose(page, "Quote", moved.text[:40])
        choose(page, "Move it to", speaker.name)
        page.get_by_role("button", name="Move", exact=True).click()
        ana.settle()
        assert moved.text[:40] in card(ana, speaker.name, showing=moved.text[:40])
        assert moved.text[:40] not in card(ana, other.name, hiding=moved.text[:40])
        ana.shot("-3-quote-moved")

        # Timeline: a claim gets a date
        ana.open(f"{base}/timeline?article={aid}&claim={claim.id}")
        open_expander(ana, "Correct this claim")
        page.get_by_role("textbox", name="Date").fill("2019-05")
        page.get_by_role("button", name="Save").click()
        text = shows(ana, "Set by Ana on", "2019-05")
        assert "Set by Ana on" in text and "2019-05" in text
        ana.shot("-4-claim-date")

        # Article: a place Lens missed, added from words of the text; then the article is reviewed
        ana.open(f"{base}/?article={aid}")
        open_expander(ana, "Add what Lens missed")
        page.get_by_role("textbox", name="Words of the article").fill(missed)
        page.keyboard.press("Enter")
        ana.settle()
        choose(page, "Which place", missed_place.name)
        page.get_by_role("button", name="Add the place").click()
        shows(ana, "Corrections of this article (6)")
        page.get_by_role("button", name="Mark reviewed").click()
        assert "Reviewed by Ana" in shows(ana, "Reviewed by Ana")
        ana.shot("-5-added-and-reviewed")

    # A teammate opens the shared links: the corrected views, with who and when
    with watching(browser, f"corrections-{team_server.port}-ben") as ben:
        ben.open(f"{base}/map?article={aid}&place={place.id}")
        assert "Corrected by Ana on" in ben.main_text() and pick.name in ben.main_text()
        ben.open(f"{base}/voices?article={aid}")
        assert moved.text[:40] in card(ben, speaker.name)
        assert re.search(r"Corrections of this article \(6\)", ben.main_text())
        ben.page.locator('[data-testid="stExpander"] summary').filter(has_text="Corrections of this").click()
        assert shows(ben, "Ana ·").count("Ana ·") >= 6
        ben.shot("-6-history")
        ben.open(f"{base}/?article={aid}")
        assert "Reviewed by Ana" in ben.main_text()
        added = ben.page.locator(".al-article .al-place").filter(has_text=re.compile(f"^{missed}$"))
        assert missed_place.name in (added.first.get_attribute("title") or "")
        ben.open(f"{base}/timeline?article={aid}&claim={claim.id}")
        assert "Set by Ana on" in ben.main_text()

        # A new article naming the same speaker comes out with the type the team gave
        ben.open(f"{base}/library")
        ben.page.get_by_role("textbox", name="Article text").fill(
            f"Harbour reopens after the storm\n\n{speaker.name} said on Monday that the harbour would reopen "
            f"within a week. “We are ready,” {speaker.name} told reporters at the quay."
        )
        ben.page.get_by_role("button", name="Process and add").click()
        ben.wait_for_alert("added as “Harbour reopens after the storm”")
        ben.settle()
        new_id = re.search(r"article=([0-9a-f]{16})", ben.href()).group(1)
        ben.open(f"{base}/voices?article={new_id}")
        assert "team correction by Ana" in card(ben, speaker.name)
        assert new_type.capitalize() in card(ben, speaker.name)
        assert "unnamed" not in card(ben, speaker.name), "how one article presents a source stays with it"
        ben.shot("-7-new-article")

        # Processing the corrected article again keeps every correction
        ben.open(f"{base}/library?article={aid}")
        ben.page.get_by_role("button", name="Process again").click()
        ben.wait_for_alert("processed again")
        ben.open(f"{base}/voices?article={aid}")
        assert moved.text[:40] in card(ben, speaker.name)
        assert new_type.capitalize() in card(ben, speaker.name)
        assert "unnamed" in card(ben, speaker.name)
        ben.open(f"{base}/map?article={aid}&place={place.id}")
        assert f", was {place.name} (" in shows(ben, f", was {place.name} (")
        ben.open(f"{base}/timeline?article={aid}&claim={claim.id}")
        text = shows(ben, "2019-05", "Corrections of this article")
        assert "2019-05" in text and "need review" not in text
        ben.shot("-8-reprocessed")
