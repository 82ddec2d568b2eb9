"""Voices on public attribution news and on the team's annotated articles: Lens beside
GenderGapTracker's quote extractor and textacy's ``direct_quotations``, in one run.

    python bench/voices.py [--split dev|train] [--limit N] [--systems lens,ggt,textacy] [--details SYSTEM]

Corpora:
- **PolNeAR** (``data/corpora/polnear.jsonl.gz``, built by ``scripts/build_polnear_corpus.py`` from a
  public mirror and never committed; its test split is never read): every attribution as source,
  cue and content. The dev split by default.
- **own**: ``tests/data/articles``, annotated by hand (quotes with their kind and speaker's name).

Measures, as in the issue: attributions matched one to one when their contents overlap by at least
half of the longer one; P/R/F1 overall and per kind (direct: quoted throughout; partial: holds quoted
words; indirect: none); recall per kind where the cue is a speech verb; speaker accuracy on the
matched ones (PolNeAR: the system's speaker is named where the corpus marks the source, or by the
same name, and a source the corpus marks as a relative pronoun, "Bush, who said ...", is the noun
its clause hangs on; own: the speaker's name); pronoun and description resolution: on the own set,
the share of matched quotes whose named speaker the sentence calls "he" or "the minister" that go
to that speaker; on PolNeAR, which links no source to a name, only the share given a capitalised voice.

Every system reads the same text with the same spaCy model. GenderGapTracker's extractor (MIT) is
run from its own source, copied under ``data/tools/ggt/`` by ``scripts/get_ggt_extractor.py``, on
the text its own ``preprocess_text`` makes; textacy comes from PyPI (``requirements-bench.txt``).
Seconds per article are each system's, its own parse of the text included.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib.util
import json
import logging
import sys
import time
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.evaluation import Attribution, AttributionScores, StageClock, kind_of, offset_map  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CORPUS = ROOT / "data" / "corpora" / "polnear.jsonl.gz"
OWN = ROOT / "tests" / "data" / "articles"
GGT = ROOT / "data" / "tools" / "ggt"
SYSTEMS = ("lens", "ggt", "textacy")
CLOCK = StageClock()
"""Seconds in each pipeline component over Lens's runs of one corpus, for the voices stage's cost."""


@dataclass
class Article:
    """One article of a corpus with its gold attributions, offsets into ``text``."""

    id: str
    text: str
    gold: list[Attribution]
    by_name: bool  # the gold names speakers rather than pointing at their words


@functools.cache
def bare_model() -> Language:
    from lib.nlp import load_model

    return load_model()


@functools.cache
def speech_cues() -> frozenset[str]:
    from lib.lexicon import load_lexicon

    return frozenset(lemma for lemma, cue in load_lexicon().cues.items() if cue.kind == "speech")


def _cue_lemma(doc: Doc, ranges: list[list[int]]) -> str:
    """The cue's word that carries its meaning: its last verb ("has learned", "is expected"), else its
    last word ("according to", "of")."""
    tokens = [t for s, e in ranges if (span := doc.char_span(s, e, alignment_mode="expand")) for t in span]
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    last = verbs[-1] if verbs else (tokens[-1] if tokens else None)
    return last.lemma_.lower() if last is not None else ""


def _antecedent(doc: Doc, source: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """The corpus marks a relative pronoun as the source ("Bush, who said ..."): it refers to the
    noun its clause hangs on, so a system that names that noun's person has the right speaker."""
    if len(source) != 1 or doc.text[source[0][0] : source[0][1]].lower() not in ("who", "which", "that"):
        return ()
    token = doc.char_span(*source[0])
    if token is None or token.root.head.dep_ != "relcl":
        return ()
    noun = token.root.head.head
    ent = next((e for e in doc.ents if e.start <= noun.i < e.end), None)
    return ((ent.start_char, ent.end_char),) if ent is not None else ((noun.idx, noun.idx + len(noun)),)


def polnear(split: str, limit: int | None) -> list[Article]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["split"] != split:
                continue
            text, doc = a["text"], bare_model()(a["text"])
            gold = []
            for att in a["attributions"]:
                content = tuple((s, e) for s, e in att["content"])
                marked = tuple((s, e) for s, e in att["source"])
                gold.append(
                    Attribution(
                        content,
                        marked + _antecedent(doc, marked),
                        (" ".join(text[s:e] for s, e in marked),) if marked else (),
                        kind_of(text, content),
                        _cue_lemma(doc, att["cue"]),
                    )
                )
            out.append(Article(a["id"], text, gold, by_name=False))
            if limit and len(out) >= limit:
                break
    return out


def own(limit: int | None) -> list[Article]:
    from lib.evaluation import annotated

    out = []
    for art in annotated(OWN)[:limit]:
        named = {v["name"] for v in art.gold.get("voices", []) if v.get("identity", "named") == "named"}
        gold = [
            Attribution(
                (span,),
                (),
                (g["speaker"],) if g.get("speaker") else (),
                g["kind"],
                "",
                g.get("source", "") if g.get("speaker") in named else "",
            )
            for g, span in art.spans(art.gold.get("quotes", []))
        ]
        out.append(Article(art.name, art.doc.article.text, gold, by_name=True))
    return out


# -- systems ---------------------------------------------------------------------------------------
System = Callable[[Article], tuple[str, list[Attribution]]]
"""A system reads an article and gives the text it worked on and its attributions in that text."""


def run_lens(article: Article) -> tuple[str, list[Attribution]]:
    from lib.ingest import read_article

    doc = CLOCK.process(read_article(article.text))
    out = []
    for v in doc.voices:
        if v.source_type == "article" and not article.by_name:
            continue  # scare quotes: not attributions
        names = (v.name, *v.aliases) if v.source_type != "article" else ()
        mentions = tuple((m.start, m.end) for m in v.mentions)
        for q in v.quotes:
            if (
                q.kind == "partial"
                and not article.by_name
                and any(c.kind == "indirect" and c.start <= q.start and q.end <= c.end for c in v.quotes)
            ):
                continue  # a corpus annotates one attribution: the content that holds the quoted words
            out.append(Attribution(((q.start, q.end),), mentions, names, q.kind, q.cue or ""))
    return doc.article.text, out


def run_textacy(article: Article) -> tuple[str, list[Attribution]]:
    from textacy.extract.triples import direct_quotations

    doc = bare_model()(article.text)
    out: list[Attribution] = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # it gives up on an article with an unclosed quotation mark
        return article.text, out
    for triple in triples:
        source = tuple((t.idx, t.idx + len(t.text)) for t in triple.speaker)
        names = (" ".join(t.text for t in triple.speaker),)
        content = ((triple.content.start_char, triple.content.end_char),)
        out.append(Attribution(content, source, names, "direct", " ".join(t.text for t in triple.cue)))
    return article.text, out


def _module(name: str, path: Path, stubs: dict[str, types.ModuleType]) -> Any:
    sys.modules.update({k: v for k, v in stubs.items() if k not in sys.modules})
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def _ggt() -> tuple[Any, Callable[[str], str]]:
    """GenderGapTracker's QuoteExtractor and its text preprocessing, with stand-ins for the
    modules it imports for its database (bson, pymongo) and logging (its utils)."""
    bson = types.ModuleType("bson")
    bson.ObjectId = object  # type: ignore[attr-defined]
    pymongo = types.ModuleType("pymongo")
    utils = _module("ggt_utils", GGT / "utils.py", {"bson": bson, "pymongo": pymongo})
    utils.create_logger = lambda name, **_: logging.getLogger(name)  # (it writes logs/ in the cwd)
    extractor = _module("ggt_quote_extractor", GGT / "quote_extractor.py", {"utils": utils, "bson": bson})
    config = {"spacy_lang": bare_model(), "NLP": {"QUOTE_VERBS": str(GGT / "quote_verb_list.txt")}}
    return extractor.QuoteExtractor(config), utils.preprocess_text


def _index(value: str) -> tuple[int, int] | None:
    try:
        s, e = (int(n) for n in value.strip("()").split(","))
    except ValueError:
        return None
    return (s, e) if e > s else None


def run_ggt(article: Article) -> tuple[str, list[Attribution]]:
    extractor, preprocess = _ggt()
    text = preprocess(article.text)
    out = []
    for q in extractor.extract_quotes(bare_model()(text)):
        content = _index(q["quote_index"])
        if content is None:
            continue
        source = _index(q.get("speaker_index") or "")
        names = (q["speaker"],) if q.get("speaker") else ()
        out.append(Attribution((content,), (source,) if source else (), names, "", q.get("verb") or ""))
    return text, out


RUNNERS: dict[str, System] = {"lens": run_lens, "ggt": run_ggt, "textacy": run_textacy}


def available(system: str) -> str | None:
    """Why a system cannot run here, or None."""
    if system == "ggt" and not (GGT / "quote_extractor.py").exists():
        return f"{GGT} is missing (scripts/get_ggt_extractor.py MIRROR copies it)"
    if system == "textacy" and importlib.util.find_spec("textacy") is None:
        return "textacy is not installed (pip install -r requirements-bench.txt)"
    return None


def _mapped(gold: list[Attribution], mapping: list[int]) -> list[Attribution]:
    def at(ranges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        return tuple((mapping[s], mapping[e]) for s, e in ranges)

    return [Attribution(at(g.content), at(g.source), g.names, g.kind, g.cue, g.refers) for g in gold]


def score(system: str, articles: list[Article]) -> tuple[AttributionScores, float]:
    runner, scores, seconds = RUNNERS[system], AttributionScores(), 0.0
    for a in articles:
        start = time.perf_counter()
        text, predicted = runner(a)
        seconds += time.perf_counter() - start
        gold = a.gold if text == a.text else _mapped(a.gold, offset_map(a.text, text))
        scores.add(a.id, text, gold, predicted, speech_cues(), by_name=a.by_name)
    return scores, seconds


def rows(corpus: str, system: str, s: AttributionScores, seconds: float, n: int) -> Iterator[str]:
    def speech(kind: str) -> str:
        return f"{s.speech_recall[kind].recall:.2f}" if kind in s.speech_recall else "-"

    kinds = " ".join(
        f"{k[:3]} {s.by_kind[k].recall:.2f}/{speech(k)}"
        for k in ("direct", "partial", "indirect")
        if k in s.by_kind
    )
    described = (
        f"{s.resolution:.2f}"
        if s.resolved
        else f"{s.described_named / s.described:.2f}*"
        if s.described
        else "-"
    )
    yield (
        f"{corpus:13} {system:8} {s.gold:6} {s.predicted:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
        f"{s.speaker_accuracy:8.3f} {described:>9} {seconds / max(1, n):7.3f}  {kinds}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--details", help="print misses, spurious and wrong speakers of this system")
    parser.add_argument("--corpus", choices=("polnear", "own", "both"), default="both")
    args = parser.parse_args()
    corpora: dict[str, list[Article]] = {}
    if args.corpus in ("polnear", "both"):
        if CORPUS.exists():
            corpora[f"polnear:{args.split}"] = polnear(args.split, args.limit)
        else:
            print(f"skipped PolNeAR: {CORPUS} is missing (scripts/build_polnear_corpus.py builds it)")
    if args.corpus in ("own", "both"):
        corpora["own"] = own(args.limit)
    systems = []
    for system in args.systems.split(","):
        if (why := available(system)) is not None:
            print(f"skipped {system}: {why}")
        else:
            systems.append(system)
    print(f"{'corpus':13} {'system':8} {'gold':>6} {'found':>6} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} "
          f"{'pron→name':>9} {'s/art':>7}  recall per kind: all/speech-verb cue")  # fmt: skip
    for corpus, articles in corpora.items():
        for system in systems:
            s, seconds = score(system, articles)
            for line in rows(corpus, system, s, seconds, len(articles)):
                print(line)
            if system == "lens":
                print(f"{'':13} voices stage {CLOCK.share('lens_voices'):.1%} of the parse")
                CLOCK.seconds.clear()
            if args.details == system:
                for title, items in (("missed", s.misses), ("spurious", s.spurious),
                                     ("wrong speaker", s.wrong_speaker)):  # fmt: skip
                    print(f"\n-- {corpus} {system}: {title} ({len(items)})")
                    print("\n".join(items))
    print("\nkinds: direct = quoted throughout, partial = holds quoted words, indirect = none;")
    print(
        "pron→name, own: matched quotes whose named speaker the sentence calls by a pronoun or a description"
    )
    print('  ("he", "the minister"), given to that speaker; PolNeAR (*): such attributions given any')
    print(
        "  capitalised voice, which says nothing of whether it is the right one (the corpus links no names)"
    )


if __name__ == "__main__":
    main()
