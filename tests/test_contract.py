"""The processed-article contract: round trips, versioning, and offsets that point at real words."""

import itertools
import json
from datetime import date

import pytest

from lib.contract import SCHEMA_VERSION, V1_NOTE, DocumentError, ProcessedArticle, load_document
from lib.ingest import read_article
from lib.pipeline import process
from tests.conftest import ROOT


def test_round_trip_preserves_every_field(sample_doc):
    again = load_document(sample_doc.to_json())
    assert again == sample_doc
    assert again.schema_version == SCHEMA_VERSION


def test_every_span_points_at_the_words_it_claims(sample_doc):
    text = sample_doc.article.text
    checked = 0
    for p in sample_doc.places:
        for m in p.mentions:
            assert text[m.start : m.end] == m.surface
            checked += 1
    for v in sample_doc.voices:
        for m in v.mentions:
            assert text[m.start : m.end] == m.surface
            checked += 1
        for q in v.quotes:
            assert text[q.start : q.end] == q.text
            checked += 1
    for c in sample_doc.claims:
        assert text[c.start : c.end] == c.text
        if c.time.start is not None:
            assert text[c.time.start : c.time.end] == c.time.expression
        checked += 1
    for t in sample_doc.times:
        assert text[t.start : t.end] == t.text
        checked += 1
    assert checked > 20


def test_older_schema_version_is_refused_with_advice(sample_doc):
    data = json.loads(sample_doc.to_json())
    data["schema_version"] = 0
    with pytest.raises(DocumentError, match="reprocess"):
        load_document(data)


def test_newer_schema_version_asks_for_an_upgrade(sample_doc):
    data = json.loads(sample_doc.to_json())
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(DocumentError, match="newer Article Lens"):
        load_document(data)


@pytest.mark.parametrize("raw", ["", "{not json", "[1, 2]", b"\xff\xfe\x00garbage", '"just a string"'])
def test_corrupt_documents_give_one_readable_error(raw):
    with pytest.raises(DocumentError) as info:
        load_document(raw)
    assert "Traceback" not in str(info.value)
    assert len(str(info.value).splitlines()) == 1


def test_span_past_the_end_of_the_text_is_invalid(sample_doc):
    data = json.loads(sample_doc.to_json())
    data["places"][0]["mentions"][0]["end"] = len(sample_doc.article.text) + 5
    data["places"][0]["mentions"][0]["start"] = len(sample_doc.article.text) + 1
    with pytest.raises(DocumentError, match="past the end"):
        load_document(data)


def test_missing_field_names_where_the_problem_is(sample_doc):
    data = json.loads(sample_doc.to_json())
    del data["article"]["text"]
    with pytest.raises(DocumentError, match=r"article\.text"):
        load_document(data)


def test_sentences_cover_the_text_in_order(sample_doc):
    sents = sample_doc.sentences
    assert sents, "sentences are recorded"
    assert all(a.end <= b.start for a, b in itertools.pairwise(sents))
    assert isinstance(sample_doc, ProcessedArticle)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("places", 0, "mentions", 0, "surface"), "Atlantis"),
        (("voices", 0, "quotes", 0, "text"), "words nobody wrote"),
        (("claims", 0, "text"), "a claim the article never makes"),
        (("times", 0, "text"), "the twelfth of never"),
    ],
)
def test_evidence_that_does_not_match_the_text_is_refused(sample_doc, path, value):
    data = json.loads(sample_doc.to_json())
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(DocumentError, match="does not say what the text says there"):
        load_document(data)


def test_a_malformed_time_value_is_refused(sample_doc):
    data = json.loads(sample_doc.to_json())
    data["claims"][0]["time"]["value"] = "next Tuesday-ish"
    with pytest.raises(DocumentError, match=r"claims\.0\.time\.value"):
        load_document(data)


V1_DOCUMENT = ROOT / "tests" / "data" / "documents" / "schema-v1.json"


def test_every_time_expression_of_the_article_is_listed_with_its_timex3_reading():
    doc = process(
        read_article(
            "Profits at the harbour company rose in the third quarter, its chief executive said on "
            "Monday. The plant, which opened in early 2009 after three years of building, now "
            "employs 400 people. Ferries leave every Monday.",
            published="2009-11-05",
        )
    )
    by_text = {t.text: t for t in doc.times}
    quarter = next(t for text, t in by_text.items() if "third quarter" in text)
    assert (quarter.type, quarter.value, str(quarter.first), str(quarter.last)) == (
        "DATE", "2009-Q3", "2009-07-01", "2009-09-30"
    )  # fmt: skip
    early = next(t for text, t in by_text.items() if "2009" in text)
    assert (early.value, early.mod) == ("2009", "START") and early.last < date(2009, 6, 1)
    years = next(t for text, t in by_text.items() if "three years" in text)
    assert (years.type, years.value, years.first) == ("DURATION", "P3Y", None)
    assert by_text["now"].value == "PRESENT_REF"
    assert by_text["every Monday"].type == "SET"
    assert all(doc.article.text[t.start : t.end] == t.text and t.basis for t in doc.times)
    dated = [c for c in doc.claims if c.time.timex]
    assert dated and all(doc.claims_dated_by(c.time.timex) for c in dated)  # type: ignore[arg-type]
    profits = next(c for c in doc.claims if "Profits" in c.text)
    assert profits.time.timex == quarter.id


def test_a_claim_pointing_at_a_time_it_does_not_hold_is_refused(sample_doc):
    data = json.loads(sample_doc.to_json())
    dated = next(c for c in data["claims"] if c["time"]["timex"])
    dated["time"]["timex"] = "t9999"
    with pytest.raises(DocumentError, match="points at time t9999"):
        load_document(data)


@pytest.mark.parametrize("value", ["next Tuesday-ish", "2009-Q5", "P3", "20091"])
def test_a_time_expression_with_a_value_timex3_has_no_shape_for_is_refused(sample_doc, value):
    data = json.loads(sample_doc.to_json())
    data["times"][0]["value"] = value
    with pytest.raises(DocumentError, match=r"times\.0\.value"):
        load_document(data)


def test_a_version_1_document_opens_as_the_current_version_with_nothing_lost():
    old = json.loads(V1_DOCUMENT.read_text(encoding="utf-8"))
    assert old["schema_version"] == 1 and "times" not in old
    doc = load_document(old)
    assert doc.schema_version == SCHEMA_VERSION
    assert len(doc.claims) == len(old["claims"]) and len(doc.voices) == len(old["voices"])
    assert len(doc.places) == len(old["places"])
    old_times = {
        (c["time"]["start"], c["time"]["end"]) for c in old["claims"] if c["time"]["start"] is not None
    }
    assert {(t.start, t.end) for t in doc.times} == old_times
    for before, after in zip(old["claims"], doc.claims, strict=True):
        assert (
            after.time.value == before["time"]["value"] and after.time.relation == before["time"]["relation"]
        )
    decade = next(t for t in doc.times if t.text == "the 1980s")
    assert (str(decade.first), str(decade.last)) == ("1980-01-01", "1989-12-31")
    assert V1_NOTE in doc.article.warnings
    assert load_document(doc.to_json()) == doc, "the migrated document round-trips as version 2"


@pytest.mark.parametrize(
    "time",
    [{"start": [1], "end": {"a": 1}}, {"start": "4", "end": 8}, "soon", {"start": 4, "end": 8, "value": 7}],
)
def test_a_damaged_version_1_document_gives_one_readable_error(time):
    old = json.loads(V1_DOCUMENT.read_text(encoding="utf-8"))
    old["claims"][0]["time"] = time
    with pytest.raises(DocumentError) as info:
        load_document(old)
    assert len(str(info.value).splitlines()) == 1


def test_a_version_2_document_opens_with_anonymity_apart_from_the_type(sample_doc):
    data = json.loads(sample_doc.to_json())
    data["schema_version"] = 2
    for v in data["voices"]:
        del v["identity"]
        for q in v["quotes"]:
            del q["parts"]
    speaking = [v for v in data["voices"] if v["source_type"] != "article"]
    speaking[0]["source_type"] = "anonymous"
    doc = load_document(data)
    assert doc.schema_version == SCHEMA_VERSION
    first = doc.voice(speaking[0]["id"])
    assert first is not None and (first.source_type, first.identity) == ("unknown", "anonymous")
    assert all(doc.voice(v["id"]).identity == "named" for v in speaking[1:])  # type: ignore[union-attr]
    assert [q.text for v in doc.voices for q in v.quotes] == [
        q["text"] for v in data["voices"] for q in v["quotes"]
    ]
