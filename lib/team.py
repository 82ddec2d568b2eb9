"""The team lexicon: corrections made "for every article", applied to each article as it is stored.

Three kinds of entry, written as JSON objects in ``python -m lib team export/import`` files:

- ``{"kind": "voice", "name": "Jane Doe", "source_type": "expert", "role": "economist",
  "affiliation": "France"}``: a speaker of that name (or alias) gets this type, role and affiliation;
- ``{"kind": "place", "name": "Springfield", "country": "US", "geonameid": 4409896}``: the name refers to
  that gazetteer place, in articles whose places lie in that country (any article without ``country``);
- ``{"kind": "not_place", "name": "Kelly"}``: the word is never a place.

An entry's evidence in the document says "team correction by NAME on DATE". A file with one bad entry
is refused whole, with one line saying which and why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from lib.contract import DocumentError, Place, ProcessedArticle, SourceType
from lib.geo.gazetteer import Entry, Gazetteer, get_gazetteer
from lib.geo.names import fold
from lib.store import NotFound, Store

MAX_FILE_BYTES = 5_000_000
MAX_ENTRIES = 50_000
_Name = Annotated[str, Field(min_length=1, max_length=200)]
_Short = Annotated[str, Field(min_length=1, max_length=200)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: _Name

    @field_validator("name")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        value = " ".join(value.split())
        if not fold(value):
            raise ValueError("a name needs letters or digits")
        return value


class VoiceKnowledge(_Entry):
    kind: Literal["voice"]
    source_type: SourceType | None = None
    role: _Short | None = None
    affiliation: _Short | None = None


class PlaceKnowledge(_Entry):
    kind: Literal["place"]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    geonameid: Annotated[int, Field(gt=0)]


class NotPlace(_Entry):
    kind: Literal["not_place"]


Knowledge = Annotated[VoiceKnowledge | PlaceKnowledge | NotPlace, Field(discriminator="kind")]
_FILE = TypeAdapter(list[Knowledge])


class TeamFileError(ValueError):
    """A team lexicon file that cannot be imported; nothing of it was."""


@dataclass(frozen=True)
class Known:
    """One entry of the team lexicon with who made it and when."""

    entry: VoiceKnowledge | PlaceKnowledge | NotPlace
    author: str
    at: str

    @property
    def stamp(self) -> str:
        return f"team correction by {self.author} on {self.at[:10]}"


def key(entry: VoiceKnowledge | PlaceKnowledge | NotPlace) -> str:
    """What an entry is about: a newer entry with the same key replaces it."""
    if isinstance(entry, PlaceKnowledge):
        return f"place:{fold(entry.name)}:{entry.country or ''}"
    return f"{entry.kind}:{fold(entry.name)}"


def parse(data: bytes | str) -> list[VoiceKnowledge | PlaceKnowledge | NotPlace]:
    """The entries of an import file, or ``TeamFileError`` naming the first problem."""
    if len(data) > MAX_FILE_BYTES:
        raise TeamFileError(f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        raw = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TeamFileError(f"not a JSON file ({exc})") from None
    except RecursionError:
        raise TeamFileError("nested too deeply to be a team lexicon") from None
    if not isinstance(raw, list):
        raise TeamFileError("expected a JSON list of entries")
    if len(raw) > MAX_ENTRIES:
        raise TeamFileError(f"more than {MAX_ENTRIES} entries")
    for item in raw:  # the export's "by" and "at" say who made an entry; an import keeps its own
        if isinstance(item, dict):
            item.pop("by", None)
            item.pop("at", None)
    try:
        return _FILE.validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "entry " + ".".join(str(p) for p in first["loc"][:1]) if first["loc"] else "the file"
        field = ".".join(str(p) for p in first["loc"][2:]) if len(first["loc"]) > 2 else ""
        return_msg = f"{where}{': ' + field if field else ''}: {first['msg']}"
        raise TeamFileError(return_msg) from None


def to_file(known: list[Known]) -> str:
    """The lexicon as an import file: one object per entry, with who made it and when."""
    rows = [{**k.entry.model_dump(exclude_none=True), "by": k.author, "at": k.at} for k in known]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def read(rows: list[tuple[str, str, str]]) -> list[Known]:
    """The stored lexicon (``Store.knowledge``) as entries; a row this version cannot read is skipped."""
    known = []
    for entry, author, at in rows:
        try:
            parsed = _FILE.validate_json(f"[{entry}]")[0]
        except ValidationError:
            continue
        known.append(Known(parsed, author, at))
    return known


def check_place(entry: PlaceKnowledge, gazetteer: Gazetteer | None = None) -> Entry:
    """The gazetteer place an entry names; ``TeamFileError`` when there is none."""
    found = (gazetteer or get_gazetteer()).by_geonameid(entry.geonameid)
    if found is None:
        raise TeamFileError(f"{entry.name}: no gazetteer place has GeoNames id {entry.geonameid}")
    return found


def _names(doc_names: list[str]) -> set[str]:
    return {fold(n) for n in doc_names if n}


def _countries(doc: ProcessedArticle, but: Place) -> set[str]:
    """The article's country context: the countries of its other located places."""
    return {p.country_code for p in doc.places if p is not but and p.country_code}


def apply(doc: ProcessedArticle, known: list[Known], gazetteer: Gazetteer | None = None) -> ProcessedArticle:
    """The document with the team's knowledge applied: the evidence names who decided and when."""
    if not known:
        return doc
    doc = doc.model_copy(deep=True)
    gaz = gazetteer or get_gazetteer()
    for k in known:
        if isinstance(k.entry, VoiceKnowledge):
            _voice(doc, k.entry, k.stamp)
        elif isinstance(k.entry, NotPlace):
            _not_place(doc, k.entry)
        else:
            _place(doc, k.entry, k.stamp, gaz)
    return ProcessedArticle.model_validate(doc.model_dump())


def _voice(doc: ProcessedArticle, e: VoiceKnowledge, stamp: str) -> None:
    for v in doc.voices:
        if fold(e.name) in _names([v.name, *v.aliases]):
            changed = {f: getattr(e, f) for f in ("source_type", "role", "affiliation") if getattr(e, f)}
            for field, value in changed.items():
                setattr(v, field, value)
            said = ", ".join(f"{f.replace('_', ' ')} {value}" for f, value in changed.items())
            # the team's type replaces the evidence for the one Lens gave (the first line)
            v.why = [f"{said} ({stamp})", *(v.why[1:] if e.source_type else v.why)]


def _not_place(doc: ProcessedArticle, e: NotPlace) -> None:
    name = fold(e.name)
    gone = {p.id for p in doc.places if name in _names([p.name, *(m.surface for m in p.mentions)])}
    doc.places = [p for p in doc.places if p.id not in gone]
    for c in doc.claims:
        c.places = [p for p in c.places if p not in gone]


def _place(doc: ProcessedArticle, e: PlaceKnowledge, stamp: str, gaz: Gazetteer) -> None:
    entry = gaz.by_geonameid(e.geonameid)
    if entry is None:
        return
    for p in doc.places:
        surfaces = _names([m.surface for m in p.mentions if not m.associative])
        in_context = e.country is None or e.country in _countries(doc, p) | {p.country_code}
        if fold(e.name) not in surfaces or not in_context:
            continue
        if p.gazetteer_key != entry.key:
            p.name, p.kind, p.gazetteer_key, p.geonameid = entry.name, entry.kind, entry.key, entry.geonameid
            p.lat, p.lon, p.country_code = entry.lat, entry.lon, entry.country_code
            p.admin1, p.confidence = gaz.admin_name(entry), 1.0
        p.why.append(f"{e.name} is {entry.name}, {entry.country_code or 'no country'} ({stamp})")


def changes(doc: ProcessedArticle, entry: VoiceKnowledge | PlaceKnowledge | NotPlace) -> bool:
    """Whether an entry would change this stored article (so that it is worth processing again)."""
    name = fold(entry.name)
    if isinstance(entry, VoiceKnowledge):
        return any(name in _names([v.name, *v.aliases]) for v in doc.voices)
    return any(name in _names([p.name, *(m.surface for m in p.mentions)]) for p in doc.places)


def stale_articles(store: Store, entries: list[VoiceKnowledge | PlaceKnowledge | NotPlace]) -> list[str]:
    """Stored articles that entries would change if they were processed again."""
    stale: list[str] = []
    for article_id in sorted({i for e in entries for i in store.documents_mentioning(e.name)}):
        try:
            doc = store.get(article_id)
        except (DocumentError, NotFound):
            continue
        if any(changes(doc, e) for e in entries):
            stale.append(article_id)
    return stale
