"""Accuracy against a folder of hand-annotated articles (default: tests/data/articles).

    python bench/accuracy.py [--gold FOLDER] [--details]

Places: toponym precision / recall / F1 (span overlap), Acc@161km and median error of the resolved
places, literal-vs-metonymic agreement. Voices: quote precision / recall / F1 (span overlap), speaker
accuracy of the matched quotes, source-type accuracy of the annotated voices.
    python bench/accuracy.py --details [SECTION WORDS]   e.g. --details speaker "quotes missed"
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.evaluation import annotated, score_claims, score_places, score_voices

ROOT = Path(__file__).resolve().parent.parent


def main(folder: Path, details: bool) -> None:
    t = time.perf_counter()
    articles = annotated(folder)
    print(f"{len(articles)} annotated articles processed in {time.perf_counter() - t:.1f} s\n")
    p = score_places(articles)
    print("PLACES")
    print(f"  toponyms: {p.gold} annotated, {p.predicted} found, {p.matched} matched")
    print(f"  precision {p.precision:.3f}  recall {p.recall:.3f}  F1 {p.f1:.3f}")
    print(
        f"  Acc@161km {p.acc161:.3f}  median error {p.median_km:.1f} km  ({len(p.errors_km)} resolved, "
        f"{p.unresolved} unresolved)"
    )
    print(f"  literal/metonymic agreement {p.literal_accuracy:.3f} over {p.literal_total} mentions")
    v = score_voices(articles)
    print("\nVOICES")
    print(f"  quotes: {v.gold} annotated, {v.predicted} found, {v.matched} matched")
    print(f"  precision {v.precision:.3f}  recall {v.recall:.3f}  F1 {v.f1:.3f}  (span overlap)")
    print(f"  speaker accuracy {v.speaker_accuracy:.3f} over {v.matched} matched quotes")
    print(f"  voices found {v.voice_recall:.3f} ({v.type_total} of {v.gold_voices} annotated voices)")
    print(f"  source-type accuracy {v.type_accuracy:.3f} over the {v.type_total} voices found")
    c = score_claims(articles)
    print("\nCLAIMS")
    print(f"  claims: {c.gold} annotated, {c.predicted} found, {c.matched} matched")
    print(f"  recall {c.recall:.3f}  precision {c.precision:.3f}  (span overlap)")
    print(f"  speaker accuracy {c.speaker_accuracy:.3f}  relation accuracy {c.relation_accuracy:.3f}")
    print(
        f"  time value accuracy {c.value_accuracy:.3f} over all matched claims; "
        f"{c.dated_accuracy:.3f} over the {c.dated_gold} the annotation dates"
    )
    if details:
        sections = {
            "claims missed": c.misses,
            "claims wrong speaker": c.wrong_speaker,
            "claims wrong relation": c.wrong_relation,
            "claims wrong time value": c.wrong_value,
            "places missed": p.misses,
            "places spurious": p.spurious,
            "places far or unresolved": p.far,
            "literal/metonymic disagreements": p.literal_wrong,
            "quotes missed": v.misses,
            "quotes spurious": v.spurious,
            "wrong speaker": v.wrong_speaker,
            "wrong source type": v.wrong_type,
        }
        wanted = [a for a in sys.argv[1:] if not a.startswith("--") and a != str(folder)]
        for title, rows in sections.items():
            if wanted and not any(w in title for w in wanted):
                continue
            print(f"\n  {title} ({len(rows)}):")
            for row in rows:
                print(f"    {row}")


if __name__ == "__main__":
    gold = sys.argv[sys.argv.index("--gold") + 1] if "--gold" in sys.argv else ROOT / "tests/data/articles"
    main(Path(gold), "--details" in sys.argv)
