"""Every page through Streamlit's AppTest: with the sample, with an empty store, with a bad link."""

from __future__ import annotations

import time

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.voices import TYPE_LABELS

PAGES = ["pages/article.py", "pages/map.py", "pages/timeline.py", "pages/voices.py", "pages/library.py"]


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


def app(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        for key, value in params.items():  # a shared link opens the page with its parameters
            at.query_params[key] = value
        at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "success", "warning", "error")
        for e in getattr(at, kind)
    ]
    parts += [e.proto.body for e in at.get("html")]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def sample_id(sample_doc):
    return sample_doc.article.id


def test_first_start_shows_the_sample_article_selected(sample_id, sample_doc):
    at = app()
    assert at.query_params["article"] == [sample_id] or at.query_params["article"] == sample_id
    body = texts(at)
    assert sample_doc.places[0].mentions[0].surface in body
    assert 'class="al-place' in body
    assert at.sidebar.selectbox[0].value == sample_id


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_the_sample(page, sample_id):
    at = app(page, article=sample_id)
    assert not at.error, [e.value for e in at.error]
    assert "Article not found" not in texts(at)


@pytest.mark.parametrize("page", PAGES[:4])
def test_an_unknown_id_shows_a_friendly_not_found(page):
    at = app(page, article="deadbeefdeadbeef")
    body = texts(at)
    assert "Article not found" in body
    assert "deleted" in body
    assert any("Library" in str(link.proto.label) for link in at.get("page_link"))


@pytest.mark.parametrize("bad", ["../../etc/passwd", "<script>alert(1)</script>", "x" * 400])
def test_a_malformed_id_is_not_found(bad):
    at = app("pages/article.py", article=bad)
    body = texts(at)
    assert "Article not found" in body and "malformed" in body
    assert "<script>" not in body


@pytest.mark.parametrize("page", PAGES)
def test_an_empty_store_explains_what_to_do(page, tmp_path, monkeypatch):
    empty = tmp_path / "no-samples"
    empty.mkdir()
    monkeypatch.setenv("LENS_SAMPLES_DIR", str(empty))
    at = app(page)
    body = texts(at)
    assert "No articles yet" in body or "library is empty" in body


def test_the_map_page_lists_every_place_with_its_evidence(sample_id, sample_doc):
    at = app("pages/map.py", article=sample_id)
    [table] = at.dataframe
    frame = table.value
    assert set(frame["Place"]) == {p.name for p in sample_doc.places}
    assert frame["Why"].str.len().min() > 0


def test_a_selected_place_shows_its_sentences(sample_id, sample_doc):
    place = sample_doc.places[0]
    at = app("pages/map.py", article=sample_id, place=place.id)
    body = texts(at)
    assert "Why this place" in body
    assert place.mentions[0].surface in body


def test_the_voices_page_groups_voices_by_type_and_states_the_balance(sample_id, sample_doc):
    at = app("pages/voices.py", article=sample_id)
    headings = [h.value for h in at.subheader]
    speaking = [v for v in sample_doc.voices if v.quotes]
    assert any(h.startswith(speaking[0].source_type.capitalize()) for h in headings)
    body = texts(at)
    assert "Balance" in body
    for v in speaking:
        assert v.name in body


def test_voice_filters_come_from_the_url(sample_id, sample_doc):
    kinds = {v.source_type for v in sample_doc.voices if v.quotes}
    keep = sorted(kinds)[0]
    at = app("pages/voices.py", article=sample_id, types=keep)
    assert next(h.value for h in at.subheader).startswith(TYPE_LABELS[keep])
    hidden = [v.name for v in sample_doc.voices if v.quotes and v.source_type != keep]
    cards = "\n".join(e.proto.body for e in at.get("html"))
    assert not any(f">{name}<" in cards for name in hidden)


def test_the_timeline_offers_to_set_an_unknown_publication_date(sample_id, sample_doc):
    at = app("pages/timeline.py", article=sample_id)
    assert "publication date is unknown" in texts(at)
    assert any(b.label == "Set publication date" for b in at.button)
    [table] = at.dataframe
    assert len(table.value) == len(sample_doc.claims)


def test_timeline_filters_and_the_selected_claim_come_from_the_url(sample_id, sample_doc):
    future = [c for c in sample_doc.claims if c.time.relation == "future"]
    at = app("pages/timeline.py", article=sample_id, when="future", claim=future[0].id)
    [table] = at.dataframe
    assert set(table.value["relation"]) == {"future"}
    assert "Claim by" in texts(at)


def test_the_selected_claim_is_ringed_and_the_legend_stays_plain(sample_doc):
    from ui.timeline import SELECTED, claims_frame, timeline_figure

    frame = claims_frame(sample_doc)
    chosen = frame.iloc[0]["id"]
    fig = timeline_figure(frame, None, selected=chosen)
    legend = [t for t in fig.data if t.showlegend is not False]
    assert sorted(t.name for t in legend) == sorted(set(frame["source_type"]))
    assert all(t.marker.line.color != SELECTED for t in legend)
    [ring] = [t for t in fig.data if t.showlegend is False and t.marker.line.color == SELECTED]
    assert list(ring.customdata) == [chosen]


def test_a_dated_range_without_a_publication_date_draws_no_broken_line(sample_doc):
    """With no publication date the axis is the four bands: a month's range (a person set it, say)
    has no days to span there, and plotly would draw it as NaN."""
    from lib.contract import TimeInfo
    from ui.timeline import claims_frame, timeline_figure

    claims = [
        c.model_copy(update={"time": TimeInfo(value="2019-05", relation="past")})
        for c in sample_doc.claims[:1]
    ]
    doc = sample_doc.model_copy(update={"claims": [*claims, *sample_doc.claims[1:]]})
    assert doc.article.published is None
    fig = timeline_figure(claims_frame(doc), None)
    assert all(not str(shape.x0).startswith("2019") for shape in fig.layout.shapes)


def test_the_library_lists_a_failed_article_with_its_reason_and_retries_it(sample_id):
    from lib.ingest import read_article
    from lib.library import keep_failed
    from lib.pipeline import Failed
    from lib.store import Store

    raw = read_article("The harbour council said on Monday that the old bridge would reopen next week. " * 3)
    keep_failed(Store(), Failed(raw, "voices", "RuntimeError: something unforeseen"))
    at = app("pages/library.py")
    body = texts(at)
    assert "Failed articles (1)" in body and "something unforeseen" in body and "voices" in body
    assert "\\n" not in body, "no escape sequence shown as text"
    at.button(key=f"retry-{raw.id}").click().run()
    assert not at.exception, at.exception
    store = Store()
    deadline = time.monotonic() + 90
    while "added as" not in texts(at) and time.monotonic() < deadline:  # the worker process analyses it
        time.sleep(0.5)
        at.run()
    assert not store.failures() and store.exists(raw.id)
    body = texts(at)
    assert f"added as “{raw.title}”" in body and "Failed articles" not in body


def test_an_unforeseen_error_shows_a_sentence_and_a_log_reference_not_a_traceback(sample_id, monkeypatch):
    import ui.voices

    def broken(*_args, **_kwargs):
        raise RuntimeError("/srv/secret/path/module.py exploded")

    monkeypatch.setattr(ui.voices, "voice_card", broken)
    at = app("pages/voices.py", article=sample_id)
    [error] = at.error
    assert "Something went wrong" in error.value and "reference" in error.value
    assert "/srv/secret" not in texts(at) and not at.exception


def test_without_an_identity_behind_a_proxy_the_library_is_read_only(sample_id, monkeypatch):
    monkeypatch.setenv("LENS_USER_HEADER", "X-Lens-User")  # a team setup; this session sends no name
    at = app("pages/library.py")
    assert "You are not signed in, so you can read the library" in texts(at)
    assert not at.tabs and not [b for b in at.button if b.label in ("Process and add", "Delete", "Retry")]
    assert "Not signed in: you can read the library." in " ".join(c.value for c in at.sidebar.caption)


def _dated_doc():
    from lib.ingest import read_article
    from lib.pipeline import process

    return process(
        read_article(
            "Profits at the harbour company rose in the third quarter, its chief executive said on "
            "Monday. The ferry service is now running at a loss, the council said. Engineers spent "
            "three years on the new pier, and the <b>mayor</b> will open it in the summer.",
            published="2009-11-05",
        )
    )


def test_the_timeline_draws_a_quarter_as_its_months_and_now_at_publication():
    from ui.timeline import claims_frame, timeline_figure

    doc = _dated_doc()
    frame = claims_frame(doc).set_index("id")
    profits = next(c for c in doc.claims if "Profits" in c.text)
    running = next(c for c in doc.claims if "running at a loss" in c.text)
    pier = next(c for c in doc.claims if "three years" in c.text)
    assert (str(frame.loc[profits.id, "first"]), str(frame.loc[profits.id, "last"])) == (
        "2009-07-01",
        "2009-09-30",
    )
    assert frame.loc[running.id, "first"] == frame.loc[running.id, "last"] == doc.article.published
    assert frame.loc[pier.id, "first"] is None, "a duration is not drawn as a date"
    fig = timeline_figure(frame.reset_index(), doc.article.published)
    hovers = " ".join(h for trace in fig.data for h in trace.hovertext)
    assert "When: " in hovers and "quarter" in hovers
    bars = [(str(s.x0), str(s.x1)) for s in fig.layout.shapes if s.type == "line"]
    assert ("2009-07-01", "2009-09-30") in bars


def test_the_article_view_marks_every_time_with_how_it_was_read():
    from ui.article_html import describe_item, render_article

    doc = _dated_doc()
    page = render_article(doc)
    assert page.count('class="al-time') >= len(doc.times) >= 4
    assert "&lt;b&gt;mayor&lt;/b&gt;" in page and "<b>mayor</b>" not in page
    quarter = next(t for t in doc.times if "quarter" in t.text)
    details = describe_item(doc, quarter.id)
    assert (
        details
        and "2009-Q3" in details
        and "2009-07-01 to 2009-09-30" in details
        and "dates 1 claim" in details
    )


def test_an_article_from_the_previous_version_offers_to_reprocess_it():
    from lib.contract import V1_NOTE, load_document
    from lib.store import Store

    old = load_document(
        (ROOT / "tests" / "data" / "documents" / "schema-v1.json").read_text(encoding="utf-8")
    )
    store = Store()
    store.add(old)
    at = app("pages/timeline.py", article=old.article.id)
    assert V1_NOTE in texts(at)
    at.button(key="reprocess-outdated").click().run()
    assert not at.exception, at.exception
    deadline = time.monotonic() + 90
    while V1_NOTE in store.get(old.article.id).article.warnings and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()
    again = store.get(old.article.id)
    assert V1_NOTE not in again.article.warnings and len(again.times) > len(old.times)
    assert again.article.text == old.article.text and again.article.published == old.article.published
