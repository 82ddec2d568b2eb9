"""Corrections and the team lexicon in the store (SQLite and PostgreSQL), through the library and the CLI."""

from __future__ import annotations

import json

import pytest

from lib import team
from lib.corrections import anchor_of, current_value
from lib.library import add_text, replace_raw, reread
from lib.store import NotFound
from tests.conftest import lens

NEW_ARTICLE = (
    "Ports reopen after the storm\n\n"
    "The harbour at the coast reopened on Monday after three days of closure. "
    "“We lost a week of trade,” said Maria Okafor, who runs a shipping firm in the port. "
    "Okafor said the damage would take months to repair."
)


def correct(store, doc, target, item, field, new, author="Ana"):
    span = anchor_of(doc, target, item)
    words = doc.article.text[span.start : span.end]
    old = current_value(doc, target, field, item)
    return store.add_correction(
        doc.article.id, target, (span.start, span.end, words), field, old, new, author
    )


def test_corrections_are_kept_apart_undone_and_go_with_a_deleted_article(store, sample_doc):
    store.add(sample_doc)
    voice = next(v for v in sample_doc.voices if v.quotes)
    stamp = store.corrections_stamp(sample_doc.article.id)
    first = correct(store, sample_doc, "voice", voice.id, "source_type", "citizen")
    correct(store, sample_doc, "voice", voice.id, "source_type", "business", author="Ben")
    assert store.corrections_stamp(sample_doc.article.id) != stamp
    assert store.get(sample_doc.article.id).voice(voice.id).source_type == voice.source_type, (
        "document as processed"
    )
    shown = store.corrected(sample_doc.article.id)
    assert shown.voice(voice.id).source_type == "business"
    assert [c.author for c in shown.corrections] == ["Ana", "Ben"]
    later = store.corrections(sample_doc.article.id)[-1]
    assert store.undo_correction(later.id, "Ben") and not store.undo_correction(later.id, "Ben")
    assert store.corrected(sample_doc.article.id).voice(voice.id).source_type == "citizen"
    assert [c.undone_by for c in store.corrections(sample_doc.article.id)] == [None, "Ben"]
    assert first.author == "Ana"
    store.delete(sample_doc.article.id)
    assert store.corrections(sample_doc.article.id) == []


def test_a_correction_of_an_article_not_stored_is_refused(store, sample_doc):
    with pytest.raises(NotFound):
        store.add_correction("0" * 16, "claim", (0, 3, "The"), "certainty", "high", "low", "Ana")


def test_reprocessing_keeps_every_correction(store, sample_path):
    doc = add_text(store, sample_path.read_bytes(), filename=sample_path.name).doc
    voice = next(v for v in doc.voices if v.quotes)
    claim = doc.claims[2]
    correct(store, doc, "voice", voice.id, "role", "field reporter")
    correct(store, doc, "claim", claim.id, "date", "2023-07")
    replace_raw(store, reread(store, doc.article.id))
    again = store.corrected(doc.article.id)
    assert [r.status for r in again.corrections] == ["applied", "applied"]
    assert any(v.role == "field reporter" for v in again.voices)
    assert any(c.time.value == "2023-07" for c in again.claims)


def test_a_voice_known_to_the_team_is_typed_in_every_new_article(store):
    entry = team.parse(
        json.dumps(
            [
                {
                    "kind": "voice",
                    "name": "Maria Okafor",
                    "source_type": "business",
                    "role": "shipping company owner",
                }
            ]
        )
    )
    before = add_text(store, NEW_ARTICLE, filename="storm.txt").doc
    assert team.stale_articles(store, entry) == [before.article.id]
    store.add_knowledge([(team.key(e), e.model_dump_json()) for e in entry], "Ana")
    store.delete(before.article.id)
    doc = add_text(store, NEW_ARTICLE, filename="storm.txt").doc
    voice = next(v for v in doc.voices if "Okafor" in v.name)
    assert (voice.source_type, voice.role) == ("business", "shipping company owner")
    assert any("team correction by Ana on" in w for w in voice.why)


def test_the_newest_entry_of_a_name_holds_and_a_removed_one_no_longer(store):
    for kind, who in (("expert", "Ana"), ("citizen", "Ben")):
        e = team.VoiceKnowledge(kind="voice", name="Jane Doe", source_type=kind)
        store.add_knowledge([(team.key(e), e.model_dump_json())], who)
    [known] = team.read(store.knowledge())
    assert (known.entry.source_type, known.author) == ("citizen", "Ben")
    assert store.remove_knowledge("voice:jane doe")
    assert store.knowledge() == []


def test_a_place_entry_applies_only_in_its_country_and_not_place_removes_the_word(sample_doc):
    place = next(p for p in sample_doc.places if p.candidates and p.country_code)
    other = place.candidates[0]
    surface = next(m.surface for m in place.mentions if not m.adjectival)
    here = team.Known(
        team.PlaceKnowledge(
            kind="place", name=surface, country=place.country_code, geonameid=other.geonameid
        ),
        "Ana",
        "2026-12-01T09:00:00",
    )
    moved = team.apply(sample_doc, [here]).place(place.id)
    assert moved.geonameid == other.geonameid and "team correction by Ana on 2026-12-01" in moved.why[-1]
    elsewhere = here.entry.model_copy(update={"country": "ZZ"})
    kept = team.apply(sample_doc, [team.Known(elsewhere, "Ana", "2026-12-01")]).place(place.id)
    assert kept.geonameid == place.geonameid
    gone = team.apply(
        sample_doc, [team.Known(team.NotPlace(kind="not_place", name=surface), "Ana", "2026-12-01")]
    )
    assert gone.place(place.id) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}", "expected a JSON list"),
        ("[1, 2", "not a JSON file"),
        ('[{"kind": "voice", "name": "A", "source_type": "wizard"}]', "entry 0"),
        ('[{"kind": "voice", "name": "Jane"}, {"kind": "planet", "name": "Mars"}]', "entry 1"),
        ('[{"kind": "place", "name": "Springfield", "geonameid": -4}]', "entry 0"),
        ('[{"kind": "not_place", "name": "   "}]', "entry 0"),
        ('[{"kind": "voice", "name": "A", "admin": true}]', "entry 0"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply|not a JSON file"),
    ],
)
def test_a_bad_lexicon_file_is_refused_whole_with_one_line(content, message):
    with pytest.raises(team.TeamFileError, match=message):
        team.parse(content)


def test_team_export_and_import_through_the_command_line(tmp_path):
    good = tmp_path / "team.json"
    entries = [
        {
            "kind": "voice",
            "name": "Jane Doe",
            "source_type": "expert",
            "role": "economist",
            "affiliation": "France",
        },
        {"kind": "place", "name": "Springfield", "country": "US", "geonameid": 4409896},
        {"kind": "not_place", "name": "Kelly"},
    ]
    good.write_text(json.dumps(entries))
    done = lens("team", "import", str(good), "--by", "Ana")
    assert done.returncode == 0, done.stderr
    assert "imported 3 entries" in done.stderr
    out = tmp_path / "out.json"
    assert lens("team", "export", str(out)).returncode == 0
    exported = json.loads(out.read_text())
    assert [{k: v for k, v in e.items() if k not in ("by", "at")} for e in exported] == entries
    assert {e["by"] for e in exported} == {"Ana"}

    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps([{"kind": "voice", "name": "New Person"}, {"kind": "place", "name": "X", "geonameid": 1}])
    )
    refused = lens("team", "import", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0 and "nothing was imported" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert "New Person" not in lens("team", "export", "-").stdout, "a refused file changes nothing"


def test_two_people_correcting_the_same_item_at_once_are_both_kept(store, sample_doc):
    """Written at the same moment from two browsers: both rows are kept and the later one is shown."""
    import threading

    store.add(sample_doc)
    voice = next(v for v in sample_doc.voices if v.quotes)
    barrier = threading.Barrier(2)

    def write(author: str, kind: str) -> None:
        barrier.wait()
        correct(store, sample_doc, "voice", voice.id, "source_type", kind, author=author)

    threads = [threading.Thread(target=write, args=a) for a in (("Ana", "citizen"), ("Ben", "business"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = store.corrections(sample_doc.article.id)
    assert sorted(c.author for c in rows) == ["Ana", "Ben"]
    shown = store.corrected(sample_doc.article.id)
    last = max(rows, key=lambda c: (c.at, c.id))
    assert shown.voice(voice.id).source_type == last.new
    assert sorted(r.status for r in shown.corrections) == ["applied", "replaced"]
