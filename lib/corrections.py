"""What people correct in an article, kept apart from the processed document and applied over it.

A correction names its item by the words of the article it is anchored to (a place's mention, a voice's
quote or mention, a quote, a claim), never by the item's id: ids change when an article is processed
again, the text does not. Applying finds the item that now holds those words; a correction that fits
no item any more is reported as "needs review" and kept. Corrections apply oldest first, so of two
people changing the same field the later one wins, and both stay in the history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from pydantic import JsonValue

from lib.contract import (
    IDENTITIES,
    SOURCE_TYPES,
    Candidate,
    Certainty,
    Claim,
    CorrectionRecord,
    CorrectionStatus,
    CorrectionTarget,
    Mention,
    Place,
    PlaceKind,
    PlaceMention,
    ProcessedArticle,
    Quote,
    QuoteKind,
    Relation,
    Span,
    TimeInfo,
    Voice,
    time_value_days,
)

Field = Literal[
    "resolution", "not_place", "literal", "add_place",
    "source_type", "identity", "role", "affiliation", "merge", "add_voice",
    "voice", "not_quote", "add_quote",
    "date", "relation", "certainty", "not_claim",
]  # fmt: skip
FIELDS: dict[CorrectionTarget, tuple[Field, ...]] = {
    "place": ("resolution", "not_place", "literal", "add_place"),
    "voice": ("source_type", "identity", "role", "affiliation", "merge", "add_voice"),
    "quote": ("voice", "not_quote", "add_quote"),
    "claim": ("date", "relation", "certainty", "not_claim"),
}
"""The fields each kind of item can be corrected in. ``add_*`` adds an item Lens missed at the anchor."""
RESOLUTION_KEYS = ("key", "name", "kind", "geonameid", "lat", "lon", "country_code", "admin1")
MAX_NOTE_CHARS = 2000
LEGACY_ANONYMOUS = "anonymous"
"""A source type until schema version 3, now an identity: a stored correction to it sets that."""
MAX_VALUE_CHARS = 200


class CorrectionError(ValueError):
    """A correction that cannot be made (a value the field does not take, words not in the article)."""


@dataclass(frozen=True)
class Correction:
    """One stored correction: what was changed, from what to what, by whom and when."""

    id: int
    article_id: str
    target: CorrectionTarget
    start: int
    end: int
    text: str
    field: Field
    old: JsonValue
    new: JsonValue
    author: str
    at: datetime
    note: str = ""
    undone_at: datetime | None = None
    undone_by: str | None = None


def check(doc: ProcessedArticle, target: str, field: str, start: int, end: int, new: JsonValue) -> None:
    """Refuse, with one sentence, a correction that cannot apply: an unknown field, a value the field
    does not take, or an anchor that is not words of this article."""
    if target not in FIELDS or field not in FIELDS[target]:
        raise CorrectionError(f"{target} {field} cannot be corrected")
    if not 0 <= start < end <= len(doc.article.text) or not doc.article.text[start:end].strip():
        raise CorrectionError("the words to correct are not in this article")
    problem = _value_problem(field, new)
    if problem:
        raise CorrectionError(problem)


def _text(value: JsonValue, *, empty: bool = True) -> bool:
    return (value is None and empty) or (isinstance(value, str) and 0 < len(value.strip()) <= MAX_VALUE_CHARS)


def _span(value: JsonValue) -> tuple[int, int]:
    """The offsets of an anchor value (checked by ``_anchor`` when the correction was made)."""
    assert isinstance(value, dict)
    start, end = value["start"], value["end"]
    assert isinstance(start, int) and isinstance(end, int)
    return start, end


def _anchor(value: JsonValue) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("start"), int)
        and isinstance(value.get("end"), int)
        and isinstance(value.get("text"), str)
    )


def _value_problem(field: str, new: JsonValue) -> str | None:
    """Why a new value does not fit its field, or None."""
    if field in ("not_place", "not_quote", "not_claim"):
        return None if new is True else f"{field} takes true"
    if field == "literal":
        return None if isinstance(new, bool) else "literal takes true or false"
    if field in ("resolution", "add_place"):
        ok = isinstance(new, dict) and set(new) == set(RESOLUTION_KEYS)
        ok = ok and isinstance(new, dict) and _text(new["name"], empty=False)
        ok = ok and isinstance(new, dict) and new["kind"] in get_args(PlaceKind)
        return None if ok else "a place correction takes a gazetteer place"
    if field == "source_type":
        return None if new in SOURCE_TYPES else f"{new!r} is not a source type"
    if field == "identity":
        return None if new in IDENTITIES else f"{new!r} is not named, unnamed or anonymous"
    if field in ("role", "affiliation"):
        return None if _text(new) else f"a {field} is a short text, or nothing"
    if field in ("merge", "voice", "add_quote", "add_voice"):
        named = isinstance(new, dict) and _text(new.get("name"), empty=False)
        if field == "merge":
            return None if _anchor(new) else "a merge names the voice to merge into"
        return None if _anchor(new) or named else "a quote goes to a voice, or a new voice with a name"
    if field == "date":
        ok = new is None or (isinstance(new, str) and time_value_days(new) is not None)
        return None if ok else "a date is a year, a month or a day (2024, 2024-05, 2024-05-17), or nothing"
    if field == "relation":
        return None if new in get_args(Relation) else f"{new!r} is not past, present, future or unknown"
    if field == "certainty":
        return None if new in get_args(Certainty) else f"{new!r} is not high, medium or low"
    return f"{field} cannot be corrected"


def anchor_of(doc: ProcessedArticle, target: CorrectionTarget, item_id: str) -> Span:
    """The words a correction of an item is anchored to: a place's first named mention, a voice's
    first quote (else its first mention), a quote or claim itself. Quotes are named as in the Article
    view: ``v2.q1`` is v2's first."""
    if target == "place":
        place = doc.place(item_id)
        if place and place.mentions:
            m = next((m for m in place.mentions if not m.associative), place.mentions[0])
            return Span(start=m.start, end=m.end)
    elif target == "voice":
        voice = doc.voice(item_id)
        spans: list[Span] = [*(voice.quotes if voice else []), *(voice.mentions if voice else [])]
        if spans:
            return Span(start=spans[0].start, end=spans[0].end)
    elif target == "quote":
        voice, q = _quote(doc, item_id)
        if q is not None:
            return Span(start=q.start, end=q.end)
    elif target == "claim":
        claim = doc.claim(item_id)
        if claim:
            return Span(start=claim.start, end=claim.end)
    raise CorrectionError(f"no {target} {item_id} in this article")


def _quote(doc: ProcessedArticle, item_id: str) -> tuple[Voice | None, Quote | None]:
    """The voice and quote an id such as ``v2.q1`` names (None, None when it names none)."""
    voice_id, _, number = item_id.partition(".q")
    voice = doc.voice(voice_id)
    if voice is None or not number.isdigit() or not 1 <= int(number) <= len(voice.quotes):
        return None, None
    return voice, voice.quotes[int(number) - 1]


def current_value(doc: ProcessedArticle, target: CorrectionTarget, field: str, item_id: str) -> JsonValue:
    """What the field says now, kept with a correction as its old value."""
    if target == "place" and (place := doc.place(item_id)):
        if field == "resolution":
            return {k: getattr(place, "gazetteer_key" if k == "key" else k) for k in RESOLUTION_KEYS}
        if field == "literal":
            return place.literal
    if target == "voice" and (voice := doc.voice(item_id)):
        if field in ("source_type", "identity", "role", "affiliation"):
            return getattr(voice, field)
        if field == "merge":
            return voice.name
    if target == "quote" and field == "voice":
        voice, _ = _quote(doc, item_id)
        return voice.name if voice else None
    if target == "claim" and (claim := doc.claim(item_id)):
        if field == "date":
            return claim.time.value
        if field in ("relation", "certainty"):
            return claim.time.relation if field == "relation" else claim.certainty
    return None


def _overlap(a: Span, start: int, end: int) -> int:
    return max(0, min(a.end, end) - max(a.start, start))


def _best(spans: list[tuple[str, Span]], start: int, end: int) -> str | None:
    """The item whose span holds the anchor exactly, else overlaps at least half of it."""
    exact = next((key for key, s in spans if (s.start, s.end) == (start, end)), None)
    if exact is not None:
        return exact
    scored = [(_overlap(s, start, end), key) for key, s in spans]
    best = max(scored, default=(0, None))
    return best[1] if best[0] * 2 >= end - start and best[0] > 0 else None


def _find(doc: ProcessedArticle, target: CorrectionTarget, start: int, end: int) -> str | None:
    """The id of the item that now holds an anchor's words (quotes as ``v2.q1``), or None."""
    spans: list[tuple[str, Span]]
    if target == "place":
        spans = [(p.id, m) for p in doc.places for m in p.mentions]
    elif target == "voice":
        spans = [(v.id, s) for v in doc.voices for s in (*v.quotes, *v.mentions)]
    elif target == "quote":
        spans = [(f"{v.id}.q{i}", q) for v in doc.voices for i, q in enumerate(v.quotes, 1)]
    else:
        spans = [(c.id, c) for c in doc.claims]
    return _best(spans, start, end)


def _stamp(c: Correction) -> str:
    return f"{c.author} on {c.at.date().isoformat()}"


def _shown(value: JsonValue) -> str:
    """A value as the history shows it; a place with its region and country, since many share a name."""
    if isinstance(value, dict):
        where = ", ".join(str(value[k]) for k in ("admin1", "country_code") if value.get(k))
        name = str(value.get("name") or value.get("text") or "?")
        return f"{name} ({where})" if where and "geonameid" in value else name
    return "nothing" if value is None else str(value)


def _next_id(prefix: str, taken: list[str]) -> str:
    numbers = [int(t[len(prefix) :]) for t in taken if t.startswith(prefix) and t[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


class _Applier:
    """Applies corrections one by one to a working copy of a document."""

    def __init__(self, doc: ProcessedArticle) -> None:
        self.doc = doc.model_copy(deep=True)
        self.text = self.doc.article.text

    def apply(self, c: Correction) -> str | None:
        """The id of the item the correction changed, or None when it no longer fits."""
        if self.text[c.start : c.end] != c.text:
            return None
        if c.field == "add_place":
            return self._add_place(c)
        if c.field == "add_voice":
            return self._voice_for(c, c.new)
        if c.field == "add_quote":
            return self._add_quote(c)
        item = _find(self.doc, c.target, c.start, c.end)
        if item is None:
            return None
        handler: Callable[[str, Correction], str | None] = getattr(self, f"_{c.target}")
        return handler(item, c)

    # places
    def _place(self, item: str, c: Correction) -> str | None:
        place = self.doc.place(item)
        assert place is not None
        if c.field == "not_place":
            self.doc.places = [p for p in self.doc.places if p.id != item]
            for claim in self.doc.claims:
                claim.places = [p for p in claim.places if p != item]
            return item
        if c.field == "literal":
            for m in place.mentions:
                if not m.associative:
                    m.literal = bool(c.new)
                    m.why = "" if c.new else f"named for its government (corrected by {_stamp(c)})"
            usage = "a location" if c.new else "stands for its government"
            place.why.append(f"Corrected by {_stamp(c)}: {usage}")
            return item
        assert isinstance(c.new, dict)
        self._resolve(place, c.new)
        place.why.append(f"Corrected by {_stamp(c)}: {_shown(c.new)}, was {_shown(c.old)}")
        return item

    def _resolve(self, place: Place, new: dict) -> None:
        """Give a place the gazetteer reading a person chose; the old reading stays a candidate."""
        if place.lat is not None and place.lon is not None and place.gazetteer_key != new["key"]:
            old = Candidate(
                name=place.name, geonameid=place.geonameid, lat=place.lat, lon=place.lon,
                country_code=place.country_code, admin1=place.admin1, score=place.confidence,
            )  # fmt: skip
            place.candidates = [old, *(k for k in place.candidates if k.geonameid != new["geonameid"])][:5]
        place.name, place.kind, place.gazetteer_key = new["name"], new["kind"], new["key"]
        place.geonameid, place.lat, place.lon = new["geonameid"], new["lat"], new["lon"]
        place.country_code, place.admin1, place.confidence = new["country_code"], new["admin1"], 1.0

    def _add_place(self, c: Correction) -> str | None:
        assert isinstance(c.new, dict)
        if _find(self.doc, "place", c.start, c.end) is not None:
            return None  # Lens found it by now: the correction has nothing to add
        mention = Mention(start=c.start, end=c.end, surface=c.text)
        same = next((p for p in self.doc.places if p.gazetteer_key == c.new["key"]), None)
        if same is not None:
            same.mentions = sorted([*same.mentions, _place_mention(mention)], key=lambda m: m.start)
            return same.id
        place = Place(
            id=_next_id("p", [p.id for p in self.doc.places]), name=c.text, kind="other",
            confidence=1.0, why=[f"Added by {_stamp(c)}"], mentions=[_place_mention(mention)],
        )  # fmt: skip
        self._resolve(place, c.new)
        self.doc.places.append(place)
        return place.id

    # voices
    def _voice(self, item: str, c: Correction) -> str | None:
        voice = self.doc.voice(item)
        assert voice is not None
        if c.field == "merge":
            assert isinstance(c.new, dict)
            into_id = _find(self.doc, "voice", *_span(c.new))
            into = self.doc.voice(into_id)
            if into is None or into.id == voice.id:
                return None
            self._merge(voice, into, c)
            return into.id
        field, new = c.field, c.new
        if field == "source_type" and new == LEGACY_ANONYMOUS:
            field = "identity"  # stored before identity was apart from type (store version 5)
        setattr(voice, field, new)
        voice.why.append(f"Corrected by {_stamp(c)}: {c.field.replace('_', ' ')} {_shown(c.new)}")
        return item

    def _merge(self, voice: Voice, into: Voice, c: Correction) -> None:
        into.mentions = sorted([*into.mentions, *voice.mentions], key=lambda m: m.start)
        into.quotes = sorted([*into.quotes, *voice.quotes], key=lambda q: q.start)
        into.aliases = list(dict.fromkeys([*into.aliases, voice.name, *voice.aliases]))
        into.why.append(f"{voice.name} merged into it by {_stamp(c)}")
        self.doc.voices = [v for v in self.doc.voices if v.id != voice.id]
        for claim in self.doc.claims:
            if claim.speaker == voice.id:
                claim.speaker = into.id
        for v in self.doc.voices:
            for q in v.quotes:
                if q.via == voice.id:
                    q.via = into.id

    def _voice_for(self, c: Correction, new: JsonValue) -> str | None:
        """The voice a quote goes to: the one holding an anchor, else the voice of this name, made
        when there is none (named at the correction's words when they are the name)."""
        assert isinstance(new, dict)
        if _anchor(new):
            return _find(self.doc, "voice", *_span(new))
        name = str(new["name"]).strip()
        same = next((v for v in self.doc.voices if v.name.casefold() == name.casefold()), None)
        if same is not None:
            return same.id
        kind = new.get("source_type")
        voice = Voice(
            id=_next_id("v", [v.id for v in self.doc.voices]), name=name,
            source_type=kind if kind in SOURCE_TYPES else "unknown",  # type: ignore[arg-type]
            why=[f"Added by {_stamp(c)}"],
        )  # fmt: skip
        if c.text == name:
            voice.mentions = [Mention(start=c.start, end=c.end, surface=name)]
        self.doc.voices.append(voice)
        return voice.id

    # quotes
    def _quote(self, item: str, c: Correction) -> str | None:
        voice, quote = _quote(self.doc, item)
        assert voice is not None and quote is not None
        voice.quotes = [q for q in voice.quotes if q is not quote]
        if c.field == "not_quote":
            self._drop_speaker(quote, voice.id)
            return voice.id
        into = self.doc.voice(self._voice_for(c, c.new))
        if into is None:
            voice.quotes.append(quote)
            voice.quotes.sort(key=lambda q: q.start)
            return None
        into.quotes = sorted([*into.quotes, quote], key=lambda q: q.start)
        into.why.append(f"A quote moved here from {voice.name} by {_stamp(c)}")
        for claim in self.doc.claims:
            if claim.speaker == voice.id and _overlap(claim, quote.start, quote.end):
                claim.speaker = into.id
        return into.id

    def _drop_speaker(self, quote: Quote, voice_id: str) -> None:
        for claim in self.doc.claims:
            if claim.speaker == voice_id and _overlap(claim, quote.start, quote.end):
                claim.speaker = None

    def _add_quote(self, c: Correction) -> str | None:
        if _find(self.doc, "quote", c.start, c.end) is not None:
            return None
        into = self.doc.voice(self._voice_for(c, c.new))
        if into is None:
            return None
        kind: QuoteKind = "direct" if c.text[:1] in "\"“‘'" else "indirect"
        quote = Quote(start=c.start, end=c.end, text=c.text, kind=kind)
        into.quotes = sorted([*into.quotes, quote], key=lambda q: q.start)
        into.why.append(f"A quote added by {_stamp(c)}")
        return into.id

    # claims
    def _claim(self, item: str, c: Correction) -> str | None:
        claim = self.doc.claim(item)
        assert claim is not None
        if c.field == "not_claim":
            self.doc.claims = [k for k in self.doc.claims if k.id != item]
            return item
        if c.field == "certainty":
            claim.certainty = c.new  # type: ignore[assignment]
        elif c.field == "relation":
            claim.time = claim.time.model_copy(
                update={"relation": c.new, "basis": f"Set by {_stamp(c)} ({claim.time.basis or 'no basis'})"}
            )
        else:
            self._date(claim, c)
        return item

    def _date(self, claim: Claim, c: Correction) -> None:
        """A claim's date as a person set it; past, present or future follows from the publication day."""
        value = c.new if isinstance(c.new, str) else None
        relation = claim.time.relation
        days = time_value_days(value)
        published = self.doc.article.published
        if days and published:
            relation = _relation(days, published)
        basis = f"Set by {_stamp(c)}" + (f" (Lens read {_shown(c.old)})" if c.old else "")
        claim.time = TimeInfo(value=value, relation=relation, basis=basis)


def _relation(days: tuple[date, date], published: date) -> Relation:
    first, last = days
    return "past" if last < published else "future" if first > published else "present"


def _place_mention(m: Mention) -> PlaceMention:
    return PlaceMention(start=m.start, end=m.end, surface=m.surface, why="added by a person")


def apply(doc: ProcessedArticle, corrections: list[Correction]) -> ProcessedArticle:
    """The document as corrected: each correction not undone applied in the order it was made, and
    every one listed in ``doc.corrections`` with what it changed, or "needs review" when it no longer
    fits (its words are no longer any item's)."""
    if not corrections:
        return doc
    work = _Applier(doc)
    records: list[CorrectionRecord] = []
    last: dict[tuple[str, str, str], int] = {}  # (target, item, field) -> index of the latest record
    for c in sorted(corrections, key=lambda c: (c.at, c.id)):
        if c.undone_at is not None:
            continue
        try:
            item = work.apply(c)
        except (ValueError, KeyError, TypeError, IndexError):  # a value an older version stored
            item = None
        status: CorrectionStatus = "applied" if item is not None else "needs review"
        record = CorrectionRecord(
            id=c.id, target=c.target, field=c.field, item=item, start=c.start, end=c.end, text=c.text,
            before=c.old, after=c.new, author=c.author, at=c.at, note=c.note, status=status,
        )  # fmt: skip
        key = (c.target, item or "", c.field)
        if item is not None and key in last and not c.field.startswith("add_"):
            records[last[key]] = records[last[key]].model_copy(update={"status": "replaced"})
        if item is not None:
            last[key] = len(records)
        records.append(record)
    work.doc.corrections = records
    return ProcessedArticle.model_validate(work.doc.model_dump())


def describe(c: Correction | CorrectionRecord) -> str:
    """One line for the history: what changed, from what to what."""
    field = c.field
    after = c.new if isinstance(c, Correction) else c.after
    before = c.old if isinstance(c, Correction) else c.before
    if field in ("not_place", "not_quote", "not_claim"):
        return f"“{c.text}” is not a {field.removeprefix('not_')}"
    if field.startswith("add_"):
        return f"added “{c.text}” as a {field.removeprefix('add_')}" + (
            f" of {_shown(after)}" if field == "add_quote" else ""
        )
    if field == "merge":
        return f"merged {_shown(before)} into the voice of “{_shown(after)}”"
    if field == "voice":
        return f"moved “{c.text}” from {_shown(before)} to {_shown(after)}"
    if field == "literal":
        return f"{_shown(before)} → {'a location' if after else 'stands for its government'}"
    return f"{field.replace('_', ' ')}: {_shown(before)} → {_shown(after)}"
