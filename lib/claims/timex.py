"""Temporal expressions: found (spaCy's DATE/TIME entities, plus a PhraseMatcher of vague ones such
as "historically" or "in the coming weeks") and normalised against the publication date with
dateparser: "on Monday" -> the Monday before (or after, for a prediction), "last week" -> that ISO
week as an interval, "in 2014" -> 2014. Without a publication date, only absolute dates get a value;
nothing is invented.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from lib.contract import Relation
from lib.doc_index import index
from lib.lexicon import Lexicon

YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d|21\d\d)\b")
DATEISH = re.compile(
    r"\d|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|yesterday|today"
    r"|tonight|tomorrow|week|month|year|ago|last|next|this)",
    re.I,
)
"""Words without which dateparser cannot find a date ("decades", "the past"): not worth asking it."""
CALENDAR_YEARS = (1000, 9000)
"""Years a news date can have; beyond them ("December 9999") a value is no date a reader can use."""


@dataclass(frozen=True)
class TimeExpression:
    span: Span
    value: str | None  # ISO date, YYYY-MM, YYYY, or an interval "start/end"
    relation: Relation | None  # when the expression itself says
    basis: str  # how the value was decided, shown to the user


def vague_matcher(vocab: Vocab, lex: Lexicon) -> PhraseMatcher:
    """The lexicon's vague time phrases ("historically", "in the coming weeks") as a matcher."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("VAGUE", [Doc(vocab, words=phrase.split()) for phrase in lex.time_words])
    return matcher


def _relation(start: date, end: date, published: date) -> Relation:
    if end < published:
        return "past"
    if start > published:
        return "future"
    return "present"


@lru_cache(maxsize=8192)
def _value(text: str, published: date | None, prefer: str) -> tuple[str | None, date | None, date | None]:
    """ISO value and its first and last day, or (None, None, None) when the text fixes no date."""
    from dateparser.date import DateDataParser

    absolute = bool(YEAR.search(text))
    if (published is None and not absolute) or not DATEISH.search(text):
        return None, None, None
    base = datetime.combine(published or date.today(), datetime.min.time())
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True},
    )
    cleaned = re.sub(
        r"^(on|in|at|by|during|since|from|until|till|before|after|of)\s+", "", text.strip(), flags=re.I
    )
    try:
        data = parser.get_date_data(cleaned)
    except (OverflowError, ValueError):  # arithmetic past the calendar's ends ("on Monday" before year 1)
        return None, None, None
    if data.date_obj is None or not CALENDAR_YEARS[0] <= data.date_obj.year <= CALENDAR_YEARS[1]:
        return None, None, None
    day = data.date_obj.date()
    period = data.period
    if period == "year":
        return f"{day.year}", date(day.year, 1, 1), date(day.year, 12, 31)
    if period == "month":
        last = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        return f"{day.year}-{day.month:02d}", date(day.year, day.month, 1), last
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        sunday = monday + timedelta(days=6)
        return f"{monday.isoformat()}/{sunday.isoformat()}", monday, sunday
    return day.isoformat(), day, day


def clear_cache() -> None:
    """Forget the normalised expressions, so that a benchmark run costs what a first run costs."""
    _value.cache_clear()


def find_times(doc: Doc, matcher: PhraseMatcher) -> list[Span]:
    """Every temporal expression in the document, in text order (``matcher``: ``vague_matcher``)."""
    spans: dict[tuple[int, int], Span] = {}
    for ent in index(doc).ents:
        if ent.label_ in ("DATE", "TIME"):
            spans[(ent.start, ent.end)] = ent
    for _, start, end in matcher(doc):
        if not any(s <= start < e or s < end <= e for s, e in spans):
            spans[(start, end)] = doc[start:end]
    return sorted(spans.values(), key=lambda s: s.start)


def normalise(span: Span, published: date | None, future: bool, lex: Lexicon) -> TimeExpression:
    """The value of one expression; ``future`` says the clause looks ahead, so "on Monday" is the
    coming Monday rather than the last one."""
    text = span.text
    lower = text.lower().strip()
    vague = lex.time_words
    prefer = "future" if future or lower.startswith(("next", "coming", "in the coming")) else "past"
    since = span.start > 0 and span.doc[span.start - 1].lower_ == "since"
    for phrase, relation in vague.items():
        if lower == phrase or lower == f"the {phrase}":
            return TimeExpression(span, None, relation, f"“{text}” places it in the {relation}")
    value, first, last = _value(text, published, prefer)
    for size in range(len(span) - 1, 0, -1):  # "Monday after weeks" (too long an entity) -> "Monday"
        if value is not None:
            break
        shorter = span[:size]
        value, first, last = _value(shorter.text, published, prefer)
        if value is not None:
            span, text = shorter, shorter.text
    if value is None:
        hint = next((r for p, r in vague.items() if p in lower.split() or p in lower), None)
        basis = f"“{text}” has no fixed date" + (" without a publication date" if published is None else "")
        return TimeExpression(span, None, hint, basis)
    if since and published is not None and first is not None:
        interval = f"{value.split('/')[0][:10]}/{published.isoformat()}"
        return TimeExpression(span, interval, "present", f"“since {text}”: from {value} up to publication")
    found = _relation(first, last, published) if published and first and last else None
    return TimeExpression(span, value, found, f"“{text}” → {value}")


def anchors_clause(expr: Span, clause: Span) -> bool:
    """Whether an expression dates its clause ("fighting began on Monday") rather than a noun in it
    ("the ongoing conflict", "surgery last Monday")."""
    tok = expr.root
    if tok.dep_ in ("amod", "compound", "nummod", "poss", "nmod"):
        return False
    tok = tok.head
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            return False
        tok = tok.head
    return clause.start <= tok.i < clause.end
