"""The processed-article contract: round trips, versioning, and offsets that point at real words."""

import itertools
import json

import pytest

from lib.contract import SCHEMA_VERSION, DocumentError, ProcessedArticle, load_document


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
