"""Claims and time on sentences a reader can check: clauses, speakers, hedges, dates, relations."""

from __future__ import annotations

from datetime import date

from lib.ingest import read_article
from lib.pipeline import process

FILLER = " The statement was published on the ministry's website and shared widely by local media outlets."


def claims(text: str, published: str | None = None):
    doc = process(read_article(text + FILLER, published=published))
    return doc, doc.claims


def claim(text: str, words: str, published: str | None = None):
    doc, found = claims(text, published)
    return doc, next(c for c in found if words in c.text)


def test_a_sentence_with_an_assertion_and_a_prediction_gives_two_claims():
    _, found = claims(
        "The bridge collapsed last week, and engineers will inspect the remaining spans next month."
    )
    collapse = next(c for c in found if "collapsed" in c.text)
    inspect = next(c for c in found if "inspect" in c.text)
    assert collapse.id != inspect.id
    assert (collapse.time.relation, inspect.time.relation) == ("past", "future")


def test_relative_dates_are_resolved_against_the_publication_date():
    _, c = claim("The mayor resigned on Monday after weeks of protests.", "resigned", published="2024-03-07")
    assert c.time.value == "2024-03-04"
    assert c.time.relation == "past"
    _, c = claim("The council met last week to discuss the budget.", "met", published="2024-03-07")
    assert c.time.value == "2024-02-26/2024-03-03"


def test_a_prediction_on_a_weekday_is_the_coming_one():
    _, c = claim("The minister will visit the flooded towns on Monday.", "visit", published="2024-03-07")
    assert c.time.value == "2024-03-11"
    assert c.time.relation == "future"


def test_without_a_publication_date_no_relative_date_is_invented():
    _, c = claim("The council met last week to discuss the budget.", "met")
    assert c.time.value is None
    assert c.time.relation == "past"
    _, c = claim("The treaty was signed on 12 March 2019 in Geneva.", "signed")
    assert c.time.value == "2019-03-12", "absolute dates need no publication date"


def test_hedges_lower_certainty_and_stay_in_their_clause():
    _, found = claims("The offensive could alter the course of the war, but the front line is stable.")
    could = next(c for c in found if "could alter" in c.text)
    stable = next(c for c in found if "stable" in c.text)
    assert (could.certainty, could.hedges) == ("low", ["could"])
    assert could.time.relation == "future"
    assert stable.certainty == "high" and stable.hedges == []


def test_likely_predictions_are_medium_and_vague_times_say_future():
    _, c = claim("The town will likely be a focal point in the coming weeks.", "focal point")
    assert c.certainty == "medium"
    assert c.time.relation == "future"
    assert c.time.value is None
    assert c.time.expression and "coming weeks" in c.time.expression


def test_reported_claims_belong_to_their_speaker_and_the_frame_is_not_a_claim():
    doc, found = claims(
        "Military analyst John Harper argued that the offensive had stalled near the river.",
    )
    harper = next(v for v in doc.voices if v.name == "John Harper")
    stalled = next(c for c in found if "stalled" in c.text)
    assert stalled.speaker == harper.id
    assert not any(c.text.startswith("Military analyst John Harper argued") for c in found)


def test_the_articles_own_claims_have_no_speaker_and_name_their_places():
    doc, c = claim("Heavy rain flooded the centre of Lyon overnight.", "flooded")
    assert c.speaker is None
    lyon = next(p for p in doc.places if p.name == "Lyon")
    assert c.places == [lyon.id]


def test_questions_are_not_claims():
    _, found = claims("Will the government survive the vote? Nobody in the capital could say for sure.")
    assert not any("survive the vote" in c.text for c in found)


def test_claim_offsets_and_time_offsets_point_at_their_words(sample_doc):
    text = sample_doc.article.text
    assert sample_doc.claims
    for c in sample_doc.claims:
        assert text[c.start : c.end] == c.text
        if c.time.start is not None:
            assert text[c.time.start : c.time.end] == c.time.expression


def test_setting_the_publication_date_reanchors_the_claims(store):
    from lib.library import add_text, redated, replace_raw

    added = add_text(store, "The council met last week to discuss the budget." + FILLER * 2)
    before = next(c for c in added.doc.claims if "met" in c.text)
    assert before.time.value is None
    # what the Timeline's "set publication date" hands the worker
    after = replace_raw(store, redated(store, added.doc.article.id, date(2024, 3, 7)))
    assert after.article.id == added.doc.article.id
    assert next(c for c in after.claims if "met" in c.text).time.value == "2024-02-26/2024-03-03"
    assert store.get(added.doc.article.id).article.published == date(2024, 3, 7)


def test_a_date_at_the_end_of_the_calendar_gives_no_value_instead_of_an_error():
    _, c = claim(
        "The company said the project finished in December 9999 after long delays.",
        "finished",
        published="2024-03-07",
    )
    assert c.time.relation in ("past", "present", "future", "unknown")


def test_every_claim_with_a_date_in_its_clause_carries_it():
    doc, found = claims(
        "Ferry traffic fell in the third quarter, and the council is still studying the October "
        "strike, the mayor said.",
        published="2009-11-05",
    )
    studying = next(c for c in found if "studying" in c.text)
    assert studying.time.expression == "October" and studying.time.value == "2009-10"
    assert studying.time.relation == "present", "the tense decides when the date is a noun's"
    assert "not its verb's" in studying.time.basis
    for c in found:
        calendar = [t for t in doc.times if c.start <= t.start < c.end and t.first is not None]
        if calendar:
            assert c.time.timex in {t.id for t in calendar}, c.text


def test_a_range_dates_its_claim_from_its_first_day_to_its_last():
    _, found = claims(
        "Traffic fell sharply between 2004 and 2006, the port authority said. Prices rose from May to "
        "July, and the mayor will open the new pier in the summer.",
        published="2009-11-05",
    )
    by_verb = {w: next(c for c in found if w in c.text) for w in ("fell", "rose", "open")}
    assert by_verb["fell"].time.value == "2004-01-01/2006-12-31" and "a range" in by_verb["fell"].time.basis
    assert by_verb["rose"].time.value == "2009-05-01/2009-07-31"
    assert (by_verb["open"].time.value, by_verb["open"].time.relation) == ("2010-06-01/2010-08-31", "future")
