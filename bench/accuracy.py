"""Accuracy against the hand-annotated articles in tests/data/articles.

    python bench/accuracy.py [--details]

Places: toponym precision / recall / F1 (span overlap), Acc@161km and median error of the resolved
places, literal-vs-metonymic agreement.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.evaluation import annotated, score_places


def main(details: bool) -> None:
    t = time.perf_counter()
    articles = annotated()
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
    if details:
        for title, rows in (
            ("missed", p.misses),
            ("spurious", p.spurious),
            ("far or unresolved", p.far),
            ("literal/metonymic disagreements", p.literal_wrong),
        ):
            print(f"\n  {title} ({len(rows)}):")
            for row in rows:
                print(f"    {row}")


if __name__ == "__main__":
    main("--details" in sys.argv)
