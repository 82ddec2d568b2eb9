"""Hundreds of distinct, realistic articles on demand, for the reliability tests and the benchmarks:
each is a different mix of real news paragraphs from the annotated set (tests/data/articles)."""

from __future__ import annotations

import random
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "data" / "articles"


def distinct_articles(
    folder: Path, indexes: range, seed: int = 11, paragraphs: tuple[int, int] = (3, 3)
) -> list[Path]:
    """Write one article per index to ``folder`` (``article-NNNN.txt``) and return the paths. The same
    index and seed always give the same text, so separate runs and processes agree on ids."""
    pool = []
    for path in sorted(ARTICLES.glob("*.txt")):
        pool += [p for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 25]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in indexes:
        rng = random.Random(seed * 100_003 + i)
        text = f"Report {i}.\n\n" + "\n\n".join(rng.sample(pool, rng.randint(*paragraphs)))
        path = folder / f"article-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
