"""Corrections: a layer of their own over the processed document, anchored to the article's words."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from lib.contract import load_document
from lib.corrections import Correction, CorrectionError, anchor_of, apply, check, current_value, describe

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def correction(doc, target, item, field, new, *, author="Ana", n=1, minutes=0, **kw) -> Correction:
    """A correction as the app makes one: anchored to the item's words, with the value it replaces."""
    span = anchor_of(doc, target, item)
    check(doc, target, field, span.start, span.end, new)
    return Correction(
        id=n,
        article_id=doc.article.id,
        target=target,
        start=span.start,
        end=span.end,
        text=doc.article.text[span.start : span.end],
        field=field,
        old=current_value(doc, target, field, item),
        new=new,
        author=author,
        at=T0 + timedelta(minutes=minutes),
        **kw,
    )


def quoted(doc):
    """Two different voices that are quoted (the sample has several)."""
    voices = [v for v in doc.voices if v.quotes and v.source_type != "article"]
    assert len(voices) >= 2
    return voices[0], voices[1]


def test_a_place_moved_to_another_candidate_shows_the_pick_and_who_made_it(sample_doc):
    place = next(p for p in sample_doc.places if p.candidates)
    pick = place.candidates[0]
    new = {
        "key": f"gn:{pick.geonameid}",
        "name": pick.name,
        "kind": "city",
        "geonameid": pick.geonameid,
        "lat": pick.lat,
        "lon": pick.lon,
        "country_code": pick.country_code,
        "admin1": pick.admin1,
    }
    fixed = apply(sample_doc, [correction(sample_doc, "place", place.id, "resolution", new)])
    moved = fixed.place(place.id)
    assert (moved.geonameid, moved.lat, moved.lon) == (pick.geonameid, pick.lat, pick.lon)
    assert moved.confidence == 1.0
    assert any("Corrected by Ana on 2026-12-01" in w for w in moved.why)
    assert place.geonameid in [c.geonameid for c in moved.candidates], "the old reading stays a candidate"
    [record] = fixed.corrections
    assert record.status == "applied" and record.before["geonameid"] == place.geonameid
    assert sample_doc.place(place.id).geonameid == place.geonameid, "the stored document is untouched"


def test_not_a_place_takes_it_off_the_map_and_out_of_the_claims(sample_doc):
    place = sample_doc.places[0]
    fixed = apply(sample_doc, [correction(sample_doc, "place", place.id, "not_place", True)])
    assert fixed.place(place.id) is None
    assert all(place.id not in c.places for c in fixed.claims)


def test_the_later_of_two_corrections_wins_and_both_stay_in_the_history(sample_doc):
    voice, _ = quoted(sample_doc)
    first = correction(sample_doc, "voice", voice.id, "source_type", "citizen", author="Ana", n=1)
    second = correction(
        sample_doc, "voice", voice.id, "source_type", "business", author="Ben", n=2, minutes=1
    )
    fixed = apply(sample_doc, [second, first])  # the order they are read in does not matter
    assert fixed.voice(voice.id).source_type == "business"
    assert [(r.author, r.status) for r in fixed.corrections] == [("Ana", "replaced"), ("Ben", "applied")]
    assert [c.author for c in fixed.corrections if c.item == voice.id and c.status == "applied"] == ["Ben"]


def test_an_undone_correction_no_longer_applies(sample_doc):
    voice, _ = quoted(sample_doc)
    undone = correction(
        sample_doc, "voice", voice.id, "source_type", "citizen", undone_at=T0, undone_by="Ana"
    )
    fixed = apply(sample_doc, [undone])
    assert fixed.voice(voice.id).source_type == voice.source_type
    assert fixed.corrections == []


def test_a_quote_moved_to_another_voice_takes_its_claims_with_it(sample_doc):
    a, b = quoted(sample_doc)
    quote = a.quotes[0]
    target = anchor_of(sample_doc, "voice", b.id)
    move = correction(
        sample_doc, "quote", f"{a.id}.q1", "voice", {"start": target.start, "end": target.end, "text": "x"}
    )
    fixed = apply(sample_doc, [move])
    assert quote.start in [q.start for q in fixed.voice(b.id).quotes]
    assert quote.start not in [q.start for q in fixed.voice(a.id).quotes]
    claims = [c for c in fixed.claims if c.start < quote.end and quote.start < c.end]
    assert claims and all(c.speaker != a.id for c in claims)
    assert "moved" in describe(fixed.corrections[0])


def test_a_quote_given_to_a_new_name_splits_the_voice(sample_doc):
    a, _ = quoted(sample_doc)
    fixed = apply(
        sample_doc, [correction(sample_doc, "quote", f"{a.id}.q1", "voice", {"name": "A Relative"})]
    )
    new = next(v for v in fixed.voices if v.name == "A Relative")
    assert [q.start for q in new.quotes] == [a.quotes[0].start]
    assert len(fixed.voice(a.id).quotes) == len(a.quotes) - 1


def test_two_voices_merged_become_one_with_every_quote(sample_doc):
    a, b = quoted(sample_doc)
    into = anchor_of(sample_doc, "voice", b.id)
    merge = correction(
        sample_doc, "voice", a.id, "merge", {"start": into.start, "end": into.end, "text": "x"}
    )
    fixed = apply(sample_doc, [merge])
    assert fixed.voice(a.id) is None
    assert len(fixed.voice(b.id).quotes) == len(a.quotes) + len(b.quotes)
    assert a.name in fixed.voice(b.id).aliases
    assert all(c.speaker != a.id for c in fixed.claims)


def test_a_claims_date_sets_its_place_on_the_timeline(sample_doc):
    doc = sample_doc.model_copy(
        update={"article": sample_doc.article.model_copy(update={"published": date(2025, 6, 1)})}
    )
    claim = doc.claims[0]
    fixed = apply(doc, [correction(doc, "claim", claim.id, "date", "2024-05")])
    t = fixed.claim(claim.id).time
    assert (t.value, t.relation) == ("2024-05", "past")
    assert "Set by Ana on 2026-12-01" in t.basis
    fixed = apply(doc, [correction(doc, "claim", claim.id, "date", "2025-06-01")])
    assert fixed.claim(claim.id).time.relation == "present"


def test_not_a_claim_and_certainty(sample_doc):
    a, b = sample_doc.claims[:2]
    fixed = apply(
        sample_doc,
        [
            correction(sample_doc, "claim", a.id, "not_claim", True),
            correction(sample_doc, "claim", b.id, "certainty", "low", n=2),
        ],
    )
    assert fixed.claim(a.id) is None and fixed.claim(b.id).certainty == "low"


def test_corrections_follow_the_words_when_ids_change(sample_doc):
    """Processed again, the same voice may get another id: the correction finds it by its words."""
    voice, _ = quoted(sample_doc)
    fix = correction(sample_doc, "voice", voice.id, "role", "economist")
    data = sample_doc.model_dump(mode="json")
    for v in data["voices"]:
        v["id"] = "x" + v["id"]
    for c in data["claims"]:
        c["speaker"] = c["speaker"] and "x" + c["speaker"]
    for v in data["voices"]:
        for q in v["quotes"]:
            q["via"] = q["via"] and "x" + q["via"]
    again = load_document(data)
    fixed = apply(again, [fix])
    assert fixed.voice("x" + voice.id).role == "economist"
    assert fixed.corrections[0].item == "x" + voice.id


def test_a_correction_that_fits_no_item_any_more_needs_review_and_is_kept(sample_doc):
    voice, _ = quoted(sample_doc)
    fix = correction(sample_doc, "voice", voice.id, "role", "economist")
    gone = sample_doc.model_copy(update={"voices": [v for v in sample_doc.voices if v.id != voice.id]})
    fixed = apply(gone, [fix])
    [record] = fixed.corrections
    assert record.status == "needs review" and record.item is None and record.text == fix.text


def test_missed_items_are_added_from_the_words_a_person_selects(sample_doc):
    text = sample_doc.article.text
    taken = [(m.start, m.end) for p in sample_doc.places for m in p.mentions]
    taken += [(q.start, q.end) for v in sample_doc.voices for q in v.quotes]
    found = next(
        m
        for m in re.finditer(r"\b[A-Z][a-z]{5,}\b", text)
        if all(m.end() <= a or b <= m.start() for a, b in taken)
    )
    words, start = found.group(), found.start()
    base = {
        "article_id": sample_doc.article.id,
        "start": start,
        "end": start + len(words),
        "text": words,
        "old": None,
        "author": "Ana",
        "at": T0,
    }
    resolution = {
        "key": "gn:2988507",
        "name": "Paris",
        "kind": "city",
        "geonameid": 2988507,
        "lat": 48.85,
        "lon": 2.35,
        "country_code": "FR",
        "admin1": None,
    }
    check(sample_doc, "place", "add_place", start, start + len(words), resolution)
    added = apply(sample_doc, [Correction(id=1, target="place", field="add_place", new=resolution, **base)])
    place = next(p for p in added.places if p.geonameid == 2988507)
    assert [m.surface for m in place.mentions] == [words] and "Added by Ana" in place.why[0]
    quote = Correction(id=2, target="quote", field="add_quote", new={"name": "Someone Else"}, **base)
    added = apply(sample_doc, [quote])
    voice = next(v for v in added.voices if v.name == "Someone Else")
    assert [q.text for q in voice.quotes] == [words]


@pytest.mark.parametrize(
    ("target", "field", "new", "message"),
    [
        ("voice", "source_type", "wizard", "not a source type"),
        ("claim", "date", "next spring", "a date is a year"),
        ("claim", "date", "2024-02-30", "a date is a year"),
        ("voice", "role", "x" * 500, "short text"),
        ("place", "resolution", {"name": "Nowhere"}, "gazetteer place"),
        ("place", "colour", "red", "cannot be corrected"),
    ],
)
def test_a_value_a_field_does_not_take_is_refused_with_a_sentence(sample_doc, target, field, new, message):
    with pytest.raises(CorrectionError, match=message):
        check(sample_doc, target, field, 0, 5, new)


def test_words_outside_the_article_are_refused(sample_doc):
    n = len(sample_doc.article.text)
    with pytest.raises(CorrectionError, match="not in this article"):
        check(sample_doc, "claim", "certainty", n - 2, n + 10, "low")


HOSTILE = "<script>alert(1)</script>"


def test_names_and_notes_are_escaped_wherever_they_are_shown(sample_doc):
    from ui.places import place_details
    from ui.timeline import claim_details
    from ui.voices import voice_card

    voice, _ = quoted(sample_doc)
    place, claim = sample_doc.places[0], sample_doc.claims[0]
    fixed = apply(
        sample_doc,
        [
            correction(sample_doc, "voice", voice.id, "role", HOSTILE, author=HOSTILE, note=HOSTILE),
            correction(sample_doc, "place", place.id, "literal", False, author=HOSTILE, n=2),
            correction(sample_doc, "claim", claim.id, "certainty", "low", author=HOSTILE, n=3),
            correction(sample_doc, "claim", claim.id, "relation", "future", author=HOSTILE, n=4),
        ],
    )
    shown = [
        voice_card(fixed, fixed.voice(voice.id)),
        place_details(fixed, fixed.place(place.id)),
        claim_details(fixed, claim.id),
    ]
    for html in shown:
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_exports_carry_the_corrected_value_and_the_original(sample_doc):
    import csv
    import io

    from lib.exports import export

    voice, _ = quoted(sample_doc)
    fixed = apply(sample_doc, [correction(sample_doc, "voice", voice.id, "source_type", "citizen")])
    rows = list(csv.DictReader(io.StringIO(export(fixed, "csv"))))
    [row] = [r for r in rows if r["item"] == "voice" and r["id"] == voice.id]
    assert row["source_type"] == "citizen"
    [fix] = [r for r in rows if r["item"] == "correction of voice"]
    assert (fix["parent"], fix["kind"], fix["by"], fix["status"]) == (
        voice.id,
        "source_type",
        "Ana",
        "applied",
    )
    assert fix["original"] == f'"{voice.source_type}"' and fix["corrected"] == '"citizen"'
    again = load_document(export(fixed, "json"))
    assert again.corrections == fixed.corrections and again.voice(voice.id).source_type == "citizen"


def test_a_voices_identity_is_corrected_apart_from_its_type(sample_doc):
    voice, _ = quoted(sample_doc)
    fixed = apply(sample_doc, [correction(sample_doc, "voice", voice.id, "identity", "anonymous")])
    after = fixed.voice(voice.id)
    assert after is not None and after.identity == "anonymous" and after.source_type == voice.source_type
    with pytest.raises(CorrectionError, match="not named, unnamed or anonymous"):
        correction(sample_doc, "voice", voice.id, "identity", "secret")


def test_a_stored_correction_to_the_old_anonymous_type_sets_the_identity(sample_doc):
    """Store version 5 kept "anonymous" as a source type; such a correction still applies."""
    voice, _ = quoted(sample_doc)
    old = dataclasses.replace(
        correction(sample_doc, "voice", voice.id, "source_type", "citizen"), new="anonymous"
    )
    after = apply(sample_doc, [old]).voice(voice.id)
    assert after is not None and after.identity == "anonymous" and after.source_type == voice.source_type
