"""Build the robustness-sweep corpus (bench/sweep.py) from local mirrors of public news corpora.

    python scripts/build_sweep_corpus.py MIRROR_DIR [MIRROR_DIR ...] [-o data/corpora/sweep.jsonl.gz]

Each MIRROR_DIR is a bare git directory of one of the repositories below; which corpora it holds is
recognised by the files present, and only its HEAD commit is read (no work tree, no network). The output
is one gzip JSON-lines file, one article a line: ``id`` (``corpus:file or doc id``), ``corpus``,
``source`` (repository@commit:path), ``licence``, ``title``, ``published`` (ISO date or null), ``url``
(the article's original address, when the corpus records it), ``text`` and, for the geoparsing
corpora with coordinates (LGL, TR-News, GeoVirus), ``toponyms``: each annotated toponym's ``start``,
``end`` (character offsets into ``text``), ``surface``, ``lat``, ``lon`` and GeoNames id when given
(``bench/geoparsing.py`` scores against them; a toponym whose offsets do not give its surface is
dropped and counted). GeoWebNews is read for its texts only: it is the public benchmark the project
is measured on, so no annotation of it is used in development. Identical texts (up to whitespace) are
kept once.

Where the articles come from, and their licences as the repositories state them:

- ``milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation`` (Gritta et al., "A Pragmatic Guide to
  Geoparsing Evaluation", LREV 2019); its LICENSE is GPL-3.0:
    - GeoWebNews (``data/GWN.xml``): 200 web news articles with title and link, no date.
    - LGL (``data/Corpora/lgl.xml``; Lieberman et al. 2010): 588 local news articles; ``published`` is
      the date of ``dltime``, when the article was fetched from its RSS feed.
    - TR-News (``data/Corpora/TR-News.xml``; Kamalloo & Rafiei 2018): 118 news articles; ``published``
      is the date in ``dltime``, here the page's own timestamp (in many styles) or the download date.
    - GeoVirus (``data/Corpora/GeoVirus.xml``; Gritta et al. 2018): Wikinews passages about disease
      outbreaks; the title is the Wikinews page name of the ``source`` link, no date.
    - TUD-Loc-2013 (``data/Corpora/TUD-Loc2013.zip``; Katz & Schill 2013): 152 web pages, mostly news
      and travel, from ``4-clean_texts`` with the URLs of ``index.csv``; its own readme licenses it
      CC BY-NC-SA 4.0, which is what is recorded for it.
- ``networkdynamics/PolNeAR`` (Newell et al., LREC 2018): 1,008 US political news articles of 2015-16
  with title and publication date from ``data/metadata.tsv``. Only the train and dev splits are read;
  the test split is never opened, as its authors ask. The repository states no licence for the data
  (its software's setup.py says MIT), so it is recorded as "unstated: local use only".

The articles themselves remain the copyright of their publishers, whatever the corpus licence. The
output is for local use only and must never be committed: write it under ``data/``, which git ignores.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import gzip
import io
import json
import re
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "data" / "corpora" / "sweep.jsonl.gz"

GRITTA = "milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation"
POLNEAR = "networkdynamics/PolNeAR"
GPL = "GPL-3.0 (repository LICENSE)"
UNSTATED = "unstated: local use only"
POLNEAR_SPLITS = ("train", "dev")
"""PolNeAR splits read; ``test`` is held out by its authors and never opened here."""


@dataclass(frozen=True)
class Article:
    """One line of the output file."""

    id: str
    corpus: str
    source: str
    licence: str
    title: str | None
    published: str | None
    url: str | None
    text: str
    toponyms: list[dict] | None = None


SLACK = 5
"""How far (in characters) a gold toponym's offsets may be from where its surface stands."""
DROPPED: Counter[str] = Counter()
"""Annotated toponyms whose offsets did not give their surface, per corpus."""


def _stripped(raw: str) -> tuple[str, int]:
    """The article text without its padding, and how many characters were cut from its start."""
    body = raw.strip()
    return body, raw.find(body[:1]) if body else 0


def _toponym(corpus: str, text: str, shift: int, start: str | None, end: str | None, surface: str | None,
             lat: str | None, lon: str | None, geonameid: str | None) -> dict | None:  # fmt: skip
    """One gold toponym with offsets into the stripped text, or None (counted) when they are off."""
    try:
        s, e, la, lo = int(start or "") - shift, int(end or "") - shift, float(lat or ""), float(lon or "")
    except ValueError:
        DROPPED[corpus] += 1
        return None
    surface = _clean(surface) or ""
    if " ".join(text[s:e].split()) != surface:
        # some corpora count from 1, or drift by a character here and there: take the surface where
        # it stands nearest the given offset, a few characters either way
        near = [at for at in range(max(0, s - SLACK), s + SLACK + 1) if text.startswith(surface, at)]
        if not near:
            DROPPED[corpus] += 1
            return None
        s = min(near, key=lambda at: abs(at - s))
        e = s + len(surface)
    gid = int(geonameid) if geonameid and geonameid.isdigit() else None
    return {"start": s, "end": e, "surface": text[s:e], "lat": la, "lon": lo, "geonameid": gid}


class Mirror:
    """Read-only access to the HEAD commit of a bare git directory."""

    def __init__(self, git_dir: Path) -> None:
        self.git_dir = git_dir
        self.commit = self._git("rev-parse", "HEAD").decode().strip()
        self.files = set(self._git("ls-tree", "-r", "--name-only", "HEAD").decode().splitlines())

    def _git(self, *args: str) -> bytes:
        return subprocess.run(
            ["git", f"--git-dir={self.git_dir}", *args], check=True, capture_output=True
        ).stdout

    def read(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")

    def source(self, repo: str, path: str) -> str:
        return f"{repo}@{self.commit[:12]}:{path}"


def _clean(value: str | None) -> str | None:
    """Element text as the XML holds it, with the padding some corpora put around titles and URLs."""
    value = " ".join(value.split()) if value else ""
    return value or None


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_DATES = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),  # 2009-03-20 12:24:52.002364-05
    re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"),  # 11/28/2016
    re.compile(r"(?P<m>[a-z]{3,})\.? (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})", re.I),  # Dec. 14, 2016
    re.compile(r"(?P<d>\d{1,2}) (?P<m>[a-z]{3,})\.?,? (?P<y>\d{4})", re.I),  # 9 Oct 2012, 7:43am
    re.compile(r"(?P<y>\d{4}) (?P<m>[a-z]{3,}) (?P<d>\d{1,2})", re.I),  # 2016 Oct 10
)


def _day(value: str | None) -> str | None:
    """The ISO date in a timestamp as a page printed it (TR-News has some forty styles), or None."""
    for pattern in _DATES:
        for found in pattern.finditer(value or ""):
            m = found["m"]
            month = int(m) if m.isdigit() else _MONTHS.get(m[:3].lower())
            try:
                return date(int(found["y"]), month or 0, int(found["d"])).isoformat()
            except ValueError:
                continue
    return None


def geowebnews(m: Mirror) -> Iterator[Article]:
    path = "data/GWN.xml"
    for el in ElementTree.fromstring(m.read(path)).iter("article"):
        yield Article(
            id=f"geowebnews:{el.get('file')}",
            corpus="geowebnews",
            source=m.source(GRITTA, path),
            licence=GPL,
            title=_clean(el.findtext("title")),
            published=None,
            url=_clean(el.findtext("link")),
            text=(el.findtext("text") or "").strip(),
        )


def _rss_corpus(m: Mirror, corpus: str, path: str) -> Iterator[Article]:
    """LGL and TR-News share one format: ``article[@docid]`` with title, url, dltime, text and
    toponyms (``start``, ``end``, ``phrase`` and a ``gaztag`` with ``lat``, ``lon`` and the GeoNames id)."""
    for el in ElementTree.fromstring(m.read(path)).iter("article"):
        text, shift = _stripped(el.findtext("text") or "")
        toponyms = []
        for t in el.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None:  # annotated as a toponym but not resolved by the annotators
                continue
            found = _toponym(
                corpus, text, shift, t.findtext("start"), t.findtext("end"), t.findtext("phrase"),
                tag.findtext("lat"), tag.findtext("lon"), tag.get("geonameid"),
            )  # fmt: skip
            if found:
                toponyms.append(found)
        yield Article(
            id=f"{corpus}:{el.get('docid')}",
            corpus=corpus,
            source=m.source(GRITTA, path),
            licence=GPL,
            title=_clean(el.findtext("title")),
            published=_day(el.findtext("dltime")),
            url=_clean(el.findtext("url")),
            text=text,
            toponyms=toponyms,
        )


def lgl(m: Mirror) -> Iterator[Article]:
    return _rss_corpus(m, "lgl", "data/Corpora/lgl.xml")


def tr_news(m: Mirror) -> Iterator[Article]:
    return _rss_corpus(m, "tr-news", "data/Corpora/TR-News.xml")


def geovirus(m: Mirror) -> Iterator[Article]:
    """Articles have no id, so the id is the position in the file; several passages share a page."""
    path = "data/Corpora/GeoVirus.xml"
    for i, el in enumerate(ElementTree.fromstring(m.read(path)).iter("article")):
        url = _clean(el.findtext("source"))
        page = unquote(urlsplit(url).path.rsplit("/", 1)[-1]).replace("_", " ") if url else ""
        text, shift = _stripped(el.findtext("text") or "")
        toponyms = [
            found
            for loc in el.iter("location")
            if (found := _toponym("geovirus", text, shift, loc.findtext("start"), loc.findtext("end"),
                                  loc.findtext("name"), loc.findtext("lat"), loc.findtext("lon"), None))
        ]  # fmt: skip
        yield Article(
            id=f"geovirus:{i}",
            corpus="geovirus",
            source=m.source(GRITTA, path),
            licence=GPL,
            title=page or None,
            published=None,
            url=url,
            text=text,
            toponyms=toponyms,
        )


def tud_loc(m: Mirror) -> Iterator[Article]:
    """The clean (unannotated) texts; their first line is the page title, left for ingest to find."""
    path = "data/Corpora/TUD-Loc2013.zip"
    with zipfile.ZipFile(io.BytesIO(m.read(path))) as z:
        names = z.namelist()
        index = next(n for n in names if n.endswith("/index.csv"))
        urls = dict(csv.reader(io.StringIO(z.read(index).decode("utf-8")), delimiter=";"))
        texts = [n for n in names if "/4-clean_texts/" in n and n.endswith(".txt")]
        for name in sorted(texts, key=lambda n: int(re.sub(r"\D", "", n.rsplit("/", 1)[-1]))):
            file = name.rsplit("/", 1)[-1]
            yield Article(
                id=f"tud-loc-2013:{file.removesuffix('.txt')}",
                corpus="tud-loc-2013",
                source=m.source(GRITTA, f"{path}/{name}"),
                licence="CC BY-NC-SA 4.0 (readme.md of TUD-Loc-2013)",
                title=None,
                published=None,
                url=urls.get(file),
                text=z.read(name).decode("utf-8").strip(),
            )


def polnear(m: Mirror) -> Iterator[Article]:
    rows = csv.DictReader(io.StringIO(m.read("data/metadata.tsv").decode("utf-8")), delimiter="\t")
    for row in rows:
        if row["compartment"] not in POLNEAR_SPLITS:
            continue
        path = f"data/{row['compartment']}/text/{row['filename']}.txt"
        yield Article(
            id=f"polnear:{row['compartment']}/{row['filename']}",
            corpus="polnear",
            source=m.source(POLNEAR, path),
            licence=UNSTATED,
            title=_clean(row["title"]),
            published=_day(row["publication_date"]),
            url=None,
            text=m.read(path).decode("utf-8").strip(),
        )


CORPORA: list[tuple[str, Callable[[Mirror], Iterator[Article]]]] = [
    ("data/GWN.xml", geowebnews),
    ("data/Corpora/lgl.xml", lgl),
    ("data/Corpora/TR-News.xml", tr_news),
    ("data/Corpora/GeoVirus.xml", geovirus),
    ("data/Corpora/TUD-Loc2013.zip", tud_loc),
    ("data/metadata.tsv", polnear),
]
"""The file that marks each corpus in a mirror, and its reader."""


def articles(git_dirs: list[Path]) -> Iterator[Article]:
    for git_dir in git_dirs:
        m = Mirror(git_dir)
        readers = [read for marker, read in CORPORA if marker in m.files]
        if not readers:
            sys.exit(f"{git_dir}: none of the known corpora is in this repository")
        for read in readers:
            yield from read(m)


def main(git_dirs: list[Path], output: Path) -> None:
    kept: Counter[str] = Counter()
    duplicates: Counter[str] = Counter()
    licences: dict[str, str] = {}
    seen: set[str] = set()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    # mtime=0: the same mirrors give a byte-identical file.
    with gzip.GzipFile(partial, "wb", mtime=0) as gz, io.TextIOWrapper(gz, encoding="utf-8") as out:
        for a in articles(git_dirs):
            key = " ".join(a.text.split())
            if key in seen:
                duplicates[a.corpus] += 1
                continue
            seen.add(key)
            kept[a.corpus] += 1
            licences[a.corpus] = a.licence
            out.write(json.dumps(asdict(a), ensure_ascii=False) + "\n")
    partial.replace(output)
    print(f"{'corpus':14} {'articles':>8} {'dupes':>6}  licence")
    for corpus, n in kept.items():
        print(f"{corpus:14} {n:8} {duplicates[corpus]:6}  {licences[corpus]}")
    print(f"{'total':14} {kept.total():8} {duplicates.total():6}  -> {output} (local use only: never commit)")
    for corpus, n in DROPPED.items():
        print(f"{corpus}: {n} annotated toponyms dropped (their offsets do not give their surface)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mirrors", nargs="+", type=Path, help="bare git directories of the corpora")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    main(args.mirrors, args.output)
