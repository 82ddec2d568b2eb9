"""How long ``process()`` takes on each sample next to a bare ``nlp(text)`` of the same model, in one run.

    python bench/process_vs_parse.py [FILES...]      (default: samples/*.txt and tests/data/articles/*.txt)

Prints one row per article (median of several repetitions, after a warm-up; the per-name caches are
cleared before every run, so each run costs what a first encounter costs) and the median ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.ingest import read_article  # noqa: E402
from lib.nlp import load_model  # noqa: E402
from lib.pipeline import clear_caches, process  # noqa: E402

REPEAT = 5


def median_time(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(paths: list[Path]) -> None:
    t = time.perf_counter()
    nlp = load_model()
    print(f"model load: {time.perf_counter() - t:.2f} s")
    raws = [read_article(p.read_bytes(), filename=p.name) for p in paths]
    t = time.perf_counter()
    process(raws[0])  # warm-up: loads the gazetteer and any lazy resources once
    print(f"first process() (warm-up, lazy loads): {time.perf_counter() - t:.2f} s\n")
    print(f"{'article':40} {'words':>6} {'nlp(text)':>10} {'process()':>10} {'ratio':>6}")
    ratios = []
    for path, raw in zip(paths, raws, strict=True):
        bare = median_time(lambda raw=raw: nlp(raw.text))
        full = median_time(lambda raw=raw: (clear_caches(), process(raw)))
        ratios.append(full / bare)
        print(
            f"{path.name[:40]:40} {len(raw.text.split()):6} {bare * 1000:8.0f}ms {full * 1000:8.0f}ms "
            f"{full / bare:5.2f}x"
        )
    print(f"\nmedian ratio process()/nlp(text): {statistics.median(ratios):.2f}x over {len(ratios)} articles")


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    default = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests/data/articles").glob("*.txt"))
    main(args or default)
