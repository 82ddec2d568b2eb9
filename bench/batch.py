"""Batch processing against a bare ``nlp.pipe`` over the same texts, in one run.

    python bench/batch.py [N_ARTICLES] [WORKERS]      (default 200 articles, 1 and 2 workers)

The articles are distinct mixes of paragraphs of the annotated test articles (real news prose, seeded
so every run uses the same texts; tests/corpus.py). For each worker count it prints the bare parse
time, the time of ``python -m lib process FOLDER --workers N`` run in this process against a fresh
SQLite store (ingest, all stages, storing each article), the ratio, and articles per second.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import distinct_articles  # noqa: E402


def main(count: int, worker_counts: list[int]) -> None:
    from lib.cli import main as cli
    from lib.ingest import read_article
    from lib.nlp import load_model

    t = time.perf_counter()
    nlp = load_model()
    print(f"model load: {time.perf_counter() - t:.2f} s")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        distinct_articles(folder, range(count), seed=7, paragraphs=(4, 7))
        texts = [read_article(p.read_bytes(), filename=p.name).text for p in sorted(folder.glob("*.txt"))]
        print(f"{count} articles, {sum(len(x.split()) for x in texts) / count:.0f} words on average\n")
        print(f"{'workers':>7} {'nlp.pipe':>10} {'lib process':>12} {'ratio':>6} {'articles/s':>11}")
        for workers in worker_counts:
            t = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
                pass
            bare = time.perf_counter() - t
            os.environ["LENS_DATA_DIR"] = str(Path(tmp) / f"store-{workers}")
            t = time.perf_counter()
            code = cli(["process", str(folder), "--workers", str(workers)])
            full = time.perf_counter() - t
            assert code == 0, f"lib process failed with {code}"
            print(f"{workers:7} {bare:9.1f}s {full:11.1f}s {full / bare:5.2f}x {count / full:10.1f}")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    workers = [int(sys.argv[2])] if len(sys.argv) > 2 else [1, 2]
    main(n, workers)
