"""Places on public geoparsing corpora: Lens beside a population baseline, per corpus, in one run.

    python bench/geoparsing.py [--limit N] [--details CORPUS]

The corpora are the annotated ones of ``data/corpora/sweep.jsonl.gz`` (LGL, TR-News, GeoVirus: local
news, world news and Wikinews outbreak reports, each toponym with its coordinates), built by
``scripts/build_sweep_corpus.py`` from public mirrors and never committed. GeoWebNews is not scored
here: it is the benchmark the project is measured on, not developed on.

The baseline is the usual one of the geoparsing literature: the spaCy model's own GPE, LOC and FAC
entities, each resolved to the most populous gazetteer entry of its name (the same gazetteer Lens
uses). Measures (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation", 2019): recognition
precision / recall / F1 by span overlap; for the recognised gold toponyms, the share within 161 km of
the annotated point (unresolved counts as wrong), the AUC of scaled log errors (lower is better) and
the median error. Distances are point to point: the place's gazetteer point against the gold point.
The places stage's cost is printed per corpus as a share of the bare parse in the same run.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.evaluation import GeoScores, Point, StageClock, lens_points, load_corpus, offset_map  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language

CORPUS = ROOT / "data" / "corpora" / "sweep.jsonl.gz"
BASELINE_LABELS = {"GPE", "LOC", "FAC"}
ADJECTIVES_ANNOTATED = {"lgl", "tr-news"}
"""Corpora whose guidelines tag a place's adjective or demonym ("Sudanese") as a toponym; GeoVirus
tags named locations only. Lens's adjectival mentions are scored only where the gold has them."""


def load(limit: int | None) -> dict[str, list[dict]]:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is missing (scripts/build_sweep_corpus.py builds it)")
        sys.exit(0)
    return load_corpus(CORPUS, limit, keep=lambda a: a.get("toponyms") is not None)


def gold_points(article: dict, mapping: list[int] | None = None) -> list[Point]:
    def at(i: int) -> int:
        return mapping[i] if mapping else i

    return [
        Point(at(t["start"]), at(t["end"]), t["surface"], t["lat"], t["lon"]) for t in article["toponyms"]
    ]


def run_lens(articles: list[dict], adjectival: bool, clock: StageClock) -> tuple[GeoScores, float, int]:
    from lib.ingest import InputError, read_article
    from lib.pipeline import ProcessingError

    scores, seconds, refused = GeoScores(), 0.0, 0
    for a in articles:
        start = time.perf_counter()
        try:
            doc = clock.process(read_article(a["text"]))
        except (InputError, ProcessingError):
            refused += 1  # too short to be an article, say: every gold toponym of it counts as missed
            scores.add(a["id"], gold_points(a), [])
            continue
        seconds += time.perf_counter() - start
        mapping = offset_map(a["text"], doc.article.text)
        scores.add(a["id"], gold_points(a, mapping), lens_points(doc, adjectival=adjectival))
    return scores, seconds, refused


@functools.cache
def _bare_model() -> Language:
    """The spaCy model alone, loaded once for every corpus."""
    from lib.nlp import load_model

    return load_model()


def run_baseline(articles: list[dict]) -> tuple[GeoScores, float]:
    from lib.geo.gazetteer import get_gazetteer

    nlp, gazetteer = _bare_model(), get_gazetteer()
    scores, seconds = GeoScores(), 0.0
    for a in articles:
        start = time.perf_counter()
        predicted = []
        for ent in nlp(a["text"]).ents:
            if ent.label_ in BASELINE_LABELS:
                entries = gazetteer.lookup(ent.text)
                best = max(entries, key=lambda e: e.population, default=None)
                lat, lon = (best.lat, best.lon) if best else (None, None)
                predicted.append(Point(ent.start_char, ent.end_char, ent.text, lat, lon))
        seconds += time.perf_counter() - start
        scores.add(a["id"], gold_points(a), predicted)
    return scores, seconds


def row(corpus: str, system: str, s: GeoScores, seconds: float, n: int) -> str:
    return (
        f"{corpus:9} {system:20} {s.gold:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
        f"{s.acc161:8.3f} {s.auc:6.3f} {s.median_km:9.1f} {seconds / max(1, n):8.3f}"
    )


def main(limit: int | None, details: str | None) -> None:
    corpora = load(limit)
    print(f"{'corpus':9} {'system':20} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6} {'Acc@161':>8} {'AUC':>6} "
          f"{'median km':>9} {'s/article':>8}")  # fmt: skip
    for corpus, articles in corpora.items():
        clock = StageClock()
        lens, lens_s, refused = run_lens(articles, corpus in ADJECTIVES_ANNOTATED, clock)
        base, base_s = run_baseline(articles)
        print(row(corpus, "Lens", lens, lens_s, len(articles)))
        print(row(corpus, "population baseline", base, base_s, len(articles)))
        print(f"{'':9} places stage {clock.share('lens_places'):.1%} of the bare parse")
        if refused:
            note = "refused by ingest; their toponyms count as missed"
            print(f"{'':9} ({refused} of {len(articles)} articles {note})")
        if details == corpus:
            for title, items in (("missed", lens.misses), ("spurious", lens.spurious), ("far", lens.far)):
                print(f"\n  Lens {title} ({len(items)}):")
                for item in items[:80]:
                    print(f"    {item}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="articles per corpus (default: all)")
    parser.add_argument("--details", metavar="CORPUS", help="list Lens's misses and far resolutions")
    args = parser.parse_args()
    main(args.limit, args.details)
