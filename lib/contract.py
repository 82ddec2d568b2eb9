"""The processed-article contract: what the pipeline writes and every page reads.

One versioned document per article. Every extracted item carries character offsets into
``article.text`` so that nothing is shown that cannot be traced back to the words of the article.
Documents are validated on load; an older, newer or corrupt document raises ``DocumentError`` with a
sentence a user can act on, never a pydantic traceback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError, model_validator

SCHEMA_VERSION = 3

PlaceKind = Literal["city", "region", "country", "other"]
QuoteKind = Literal["direct", "partial", "indirect", "stance"]
"""Quoted words, a few quoted words in the writer's sentence, reported speech or thought, and a
position the article attributes with no words of its own ("backs the bill", "wants to run")."""
Certainty = Literal["high", "medium", "low"]
Relation = Literal["past", "present", "future", "unknown"]
SourceType = Literal[
    "government",
    "military",
    "politician",
    "expert",
    "media",
    "civil society",
    "international organisation",
    "business",
    "citizen",
    "article",
    "unknown",
]
SOURCE_TYPES: tuple[str, ...] = SourceType.__args__  # type: ignore[attr-defined]
Identity = Literal["named", "unnamed", "anonymous"]
"""How the article presents a source, apart from its type (``lib.voices.taxonomy`` defines both)."""
IDENTITIES: tuple[str, ...] = Identity.__args__  # type: ignore[attr-defined]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TimexMod = Literal[
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
]
Anchor = Literal["text", "publication", "previous", "none"]
"""What a time value was computed from: the expression's own words ("June 5, 2009"), the publication
date ("yesterday"), the date mentioned before it ("a day later"), or nothing (a duration, "now")."""

_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")


def is_article_id(value: object) -> bool:
    """An article id is 16 hex digits (lib.ingest.article_id); anything else, from a URL or the command
    line (``../x``, very long, unicode), can be refused before it reaches the store."""
    return isinstance(value, str) and bool(_ARTICLE_ID.fullmatch(value))


class DocumentError(ValueError):
    """A stored or supplied document that this version cannot read."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A half-open character range ``[start, end)`` into the article text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"empty or reversed span {self.start}..{self.end}")
        return self


class Mention(Span):
    surface: str


class PlaceMention(Mention):
    literal: bool = True
    why: str = ""
    adjectival: bool = False
    """A demonym or adjective of the place ("Syrian forces", "the Sudanese"): it counts for the place,
    which it does not put on the map by itself."""
    in_name: str | None = None
    """The name of an organisation or person this mention is part of ("Minnesota" in "the Minnesota
    Department of Transportation"): like an adjective, it counts for the place but does not draw it."""

    @property
    def associative(self) -> bool:
        """Met as an adjective or inside another name, not named as a place in its own right."""
        return self.adjectival or self.in_name is not None


class Candidate(_Model):
    """A runner-up reading of a place name, kept so a user can see what else it could have been."""

    name: str
    geonameid: int | None = None
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    score: float


class Place(_Model):
    id: str
    name: str
    kind: PlaceKind
    gazetteer_key: str | None = None
    geonameid: int | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    country_code: str | None = None
    admin1: str | None = None
    confidence: float = Field(ge=0, le=1)
    why: list[str] = []
    candidates: list[Candidate] = []
    mentions: list[PlaceMention]

    @property
    def literal(self) -> bool:
        """True when at least one mention is a literal location (not "Beijing said")."""
        return any(m.literal for m in self.mentions if not m.associative)

    @property
    def named(self) -> bool:
        """Named as a place at least once, not only by its adjective or inside other names: such a
        place is drawn on the map."""
        return any(not m.associative for m in self.mentions)


class Quote(Span):
    text: str
    kind: QuoteKind
    cue: str | None = None
    via: str | None = None
    parts: list[Span] = []
    """The quoted pieces of a quote its attribution interrupts ("A," he said, "B"): ``start``..``end``
    then runs from the first piece to the last, and ``text`` is everything in between."""

    @model_validator(mode="after")
    def _parts_inside(self) -> Quote:
        if any(p.start < self.start or p.end > self.end for p in self.parts):
            raise ValueError(f"a part of the quote at {self.start}..{self.end} lies outside it")
        return self


class Voice(_Model):
    id: str
    name: str
    aliases: list[str] = []
    role: str | None = None
    source_type: SourceType = "unknown"
    identity: Identity = "named"
    affiliation: str | None = None
    via: str | None = None
    why: list[str] = []
    mentions: list[Mention] = []
    quotes: list[Quote] = []


DATE_VALUE = (
    r"^(\d{2,4}|\d{4}-(\d{2}(-\d{2}(T(\d{2}(:\d{2})?|MO|AF|EV|NI|DT))?)?|W\d{2}(-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI)"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
"""A TIMEX3 date or time value: a year, decade ("199") or century ("20"); a month, day, clock time or
part of a day; a week or weekend; a quarter, half or season; a reference to the present, past or
future."""
DURATION_VALUE = r"^P(T?(\d+(\.\d+)?|X)[YMWDHSEQCL])+$"
"""A TIMEX3 duration: ``P3Y``, ``P2Y6M``, ``PT5H``, ``PXW`` (some weeks)."""
SET_VALUE = r"^XXXX-(WXX-[1-7]|\d{2})$"
"""A TIMEX3 set's calendar value: every Monday (``XXXX-WXX-1``), every June (``XXXX-06``); other sets
have a duration for a value (``P1D``, daily)."""
TIMEX_VALUE = f"{DATE_VALUE}|{DURATION_VALUE}|{SET_VALUE}"

TIME_VALUE = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"
"""A time value: a year, month or day (ISO 8601), or an interval of two of them ("start/end")."""


class TimeExpression(Span):
    """One temporal expression of the article with its TIMEX3 (ISO-TimeML) reading, and the days it
    covers so that the Timeline and past/present/future need not parse the value again."""

    id: str
    text: str
    type: TimexType
    value: str | None = Field(default=None, pattern=TIMEX_VALUE)
    """None when the expression could not be read ("the day", with no date before it)."""
    mod: TimexMod | None = None
    anchor: Anchor = "none"
    basis: str = ""
    """How the value was decided, shown to the user."""
    first: date | None = None
    last: date | None = None
    """The first and last day a date value covers (``2009-Q3``: July 1 to September 30); None for a
    duration, a set, a reference or an unread value."""

    @model_validator(mode="after")
    def _ordered_days(self) -> TimeExpression:
        if (self.first is None) != (self.last is None) or (
            self.first and self.last and self.last < self.first
        ):
            raise ValueError(f"time {self.id} covers no days ({self.first} to {self.last})")
        return self


class TimeInfo(_Model):
    """When a claim is about: its own time expression's calendar value (``timex`` points at it in
    ``times``), else past, present or future from its tense."""

    timex: str | None = None
    expression: str | None = None
    start: int | None = None
    end: int | None = None
    value: str | None = Field(default=None, pattern=TIME_VALUE)
    relation: Relation = "unknown"
    basis: str = ""  # how the value and relation were decided, shown to the user


class Claim(Span):
    id: str
    text: str
    speaker: str | None = None
    hedges: list[str] = []
    certainty: Certainty = "high"
    time: TimeInfo = TimeInfo()
    places: list[str] = []


class PipelineInfo(_Model):
    code: str
    model: str
    gazetteer: str


class ArticleInfo(_Model):
    id: str
    title: str
    source: str | None = None
    published: date | None = None
    language: str = "en"
    text: str
    processed_at: datetime
    pipeline: PipelineInfo
    warnings: list[str] = []


CorrectionTarget = Literal["place", "voice", "quote", "claim"]
CorrectionStatus = Literal["applied", "replaced", "needs review"]


class CorrectionRecord(_Model):
    """A person's correction as it was applied to this document (``lib.corrections``): exports carry
    it, so the value Lens found is never lost behind the corrected one."""

    id: int
    target: CorrectionTarget
    field: str
    item: str | None = None
    """The corrected item's id in this document; None when the correction no longer fits it."""
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    """The words of the article the correction is anchored to."""
    before: JsonValue = None
    after: JsonValue = None
    author: str
    at: datetime
    note: str = ""
    status: CorrectionStatus = "applied"


class ProcessedArticle(_Model):
    schema_version: Literal[3] = 3
    article: ArticleInfo
    places: list[Place] = []
    voices: list[Voice] = []
    claims: list[Claim] = []
    times: list[TimeExpression] = []
    """Every temporal expression of the article, in text order; a claim points at the one dating it."""
    sentences: list[Span] = []
    corrections: list[CorrectionRecord] = []
    """The corrections shown with this document, oldest first; never stored with it (they live in
    their own table and are applied when an article is shown or exported)."""

    @model_validator(mode="after")
    def _spans_match_the_text(self) -> ProcessedArticle:
        """Every span lies inside the text and says what the text says there: evidence that cannot
        be traced back to the words of the article is refused."""
        text = self.article.text
        for label, span in self.spans():
            if span.end > len(text):
                raise ValueError(f"{label} ends at {span.end}, past the end of the text ({len(text)})")
            said = (
                span.surface
                if isinstance(span, Mention)
                else span.text
                if isinstance(span, Quote | Claim | TimeExpression)
                else None
            )
            if said is not None and said != text[span.start : span.end]:
                raise ValueError(f"{label} at {span.start}..{span.end} does not say what the text says there")
        times = {t.id: t for t in self.times}
        for c in self.claims:
            t = c.time
            if t.start is not None and t.end is not None and t.expression != text[t.start : t.end]:
                raise ValueError(f"the time of claim {c.id} does not say what the text says there")
            if t.timex is not None:
                listed = times.get(t.timex)
                if listed is None or (listed.start, listed.end) != (t.start, t.end):
                    raise ValueError(f"claim {c.id} points at time {t.timex}, which is not its expression")
        return self

    def claims_dated_by(self, time_id: str) -> list[Claim]:
        """The claims a time expression dates (the other side of ``Claim.time.timex``)."""
        return [c for c in self.claims if c.time.timex == time_id]

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every span in the document with a label saying where it sits, for checks and exports."""
        for p in self.places:
            for m in p.mentions:
                yield f"place {p.id}", m
        for v in self.voices:
            for vm in v.mentions:
                yield f"voice {v.id}", vm
            for q in v.quotes:
                yield f"quote of {v.id}", q
        for s in self.sentences:
            yield "sentence", s
        for t in self.times:
            yield f"time {t.id}", t
        for c in self.claims:
            yield f"claim {c.id}", c
            if c.time.start is not None and c.time.end is not None:
                yield f"time of {c.id}", Span(start=c.time.start, end=c.time.end)

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding a character offset: the context shown with every piece of evidence."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return Span(start=max(0, offset), end=min(len(self.article.text), offset + 1) or 1)

    def sentence_text(self, offset: int) -> str:
        s = self.sentence_at(offset)
        return self.article.text[s.start : s.end]

    def voice(self, voice_id: str | None) -> Voice | None:
        return next((v for v in self.voices if v.id == voice_id), None)

    def place(self, place_id: str) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def time(self, time_id: str | None) -> TimeExpression | None:
        return next((t for t in self.times if t.id == time_id), None)

    def claim(self, claim_id: str | None) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def to_json(self, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)


def load_document(data: str | bytes | dict) -> ProcessedArticle:
    """Parse and validate a document, turning every failure into one readable ``DocumentError``."""
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise DocumentError(f"not a JSON document ({exc.msg if hasattr(exc, 'msg') else exc})") from None
        except RecursionError:
            raise DocumentError("nested too deeply to be a processed-article document") from None
    if not isinstance(data, dict):
        raise DocumentError("not a processed-article document (expected a JSON object)")
    version = data.get("schema_version")
    if version == 1:
        data, version = _from_version_1(data), 2
    if version == 2:
        data, version = _from_version_2(data), SCHEMA_VERSION
    if version != SCHEMA_VERSION:
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise DocumentError(
                f"written by a newer Article Lens (schema version {version}); this one reads version "
                f"{SCHEMA_VERSION}. Upgrade Article Lens to open it."
            )
        raise DocumentError(
            f"schema version {version!r} is not supported (this Article Lens reads version "
            f"{SCHEMA_VERSION}); reprocess the article from its text."
        )
    try:
        return ProcessedArticle.model_validate(data)
    except RecursionError:
        raise DocumentError("nested too deeply to be a processed-article document") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "document"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise DocumentError(f"invalid document at {where}: {first['msg']}{more}") from None


V1_NOTE = (
    "Processed by an earlier Article Lens: only the times its claims carry are listed, by their days. "
    "Reprocess it to read every time expression of the article."
)


def _from_version_1(data: dict) -> dict:
    """A version 1 document as version 2. Version 1 kept a time only inside the claim it dated, its
    value as days ("2009-07-01/2009-09-30" for a quarter): each such expression becomes an entry of
    ``times`` (a DATE, with the days it covers), the claim points at it, and a warning says that
    reprocessing reads the rest. Anything that is not a version 1 shape is left for validation to
    refuse."""
    data = {**data, "schema_version": 2}
    claims = data.get("claims")
    times: list[dict] = []
    ids: dict[tuple[int, int], str] = {}
    if not isinstance(claims, list):
        return data
    data["claims"] = claims = [dict(c) if isinstance(c, dict) else c for c in claims]
    for claim in claims:
        t = claim.get("time") if isinstance(claim, dict) else None
        if not isinstance(t, dict) or not all(type(t.get(k)) is int for k in ("start", "end")):
            continue
        key = (t["start"], t["end"])
        if key not in ids:
            ids[key] = f"t{len(ids) + 1}"
            value = t.get("value") if isinstance(t.get("value"), str) else None
            days = time_value_days(value)
            whole = value is not None and "/" not in value
            times.append(
                {"id": ids[key], "start": key[0], "end": key[1], "text": t.get("expression") or "",
                 "type": "DATE", "value": value if whole else None, "anchor": "none",
                 "basis": t.get("basis") or "", "first": days and days[0], "last": days and days[1]}
            )  # fmt: skip
        claim["time"] = {**t, "timex": ids[key]}
    data["times"] = times
    article = data.get("article")
    if isinstance(article, dict) and isinstance(article.get("warnings", []), list):
        data["article"] = {**article, "warnings": [*article.get("warnings", []), V1_NOTE]}
    return data


def _from_version_2(data: dict) -> dict:
    """A version 2 document as version 3. Version 2 had "anonymous" among the source types: such a
    voice becomes an anonymous one of unknown type (what the article said of its function was not
    kept apart). Every other voice is taken as named; reprocessing tells unnamed ones apart."""
    data = {**data, "schema_version": SCHEMA_VERSION}
    voices = data.get("voices")
    if isinstance(voices, list):
        data["voices"] = [
            {**v, "source_type": "unknown", "identity": "anonymous"}
            if isinstance(v, dict) and v.get("source_type") == "anonymous"
            else v
            for v in voices
        ]
    return data


def time_value_days(value: str | None) -> tuple[date, date] | None:
    """The first and last day of a claim's time value (``TIME_VALUE``): a year, month or day, or two
    of them joined by a slash; None for no value or a day no calendar has."""
    if not value or not re.fullmatch(TIME_VALUE, value):
        return None
    first, _, last = value.partition("/")
    last = last or first
    try:
        start = date(int(first[:4]), int(first[5:7] or 1), int(first[8:10] or 1))
        if len(last) == 4:
            end = date(int(last), 12, 31)
        elif len(last) == 7:
            y, m = int(last[:4]), int(last[5:7])
            end = date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        else:
            end = date.fromisoformat(last)
    except ValueError:
        return None
    return (start, end) if start <= end else None
