"""Every temporal expression of a parsed article, each with its TIMEX3 reading.

The spaCy model's DATE and TIME entities are the start; a PhraseMatcher adds what it does not tag but
TimeML counts as time: references to the present, past and future ("now", "recently", "the future")
and repeated times ("daily", "every week"). Each expression is read in text order, so that "a day
later" counts from the date mentioned before it, and with the tense of the clause that holds it, so
that "on Friday" and "in March" look back in a past-tense clause and ahead in a future one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from lib.contract import TimeExpression
from lib.doc_index import index
from lib.times.normalise import HOLIDAYS, MONTHS, WEEKDAYS, Context, Reading, Tense, normalise
from lib.times.values import interval

EXTRA_PHRASES = (
    "now", "right now", "currently", "at present", "presently", "nowadays", "these days", "at the moment",
    "recently", "lately", "previously", "formerly", "in the past", "the past", "historically",
    "until recently", "more recently", "the future", "the near future", "soon", "eventually",
    "the near term", "the short term", "the long term", "daily", "weekly", "monthly", "quarterly",
    "annually", "yearly", "hourly", "every day", "each day", "every week", "each week", "every month",
    "each month", "every year", "each year", "every quarter", "each quarter", "recent years",
    "recent months", "recent weeks", "recent days", "the quarter", "the latest quarter", "the period",
    "the latest period", "the year", "tonight", "overnight", "today", "yesterday", "tomorrow",
)  # fmt: skip
"""Time words the model's entities miss and TimeML annotates."""
FUTURE_AUX = {"will", "'ll", "shall", "wo"}
PAST_AUX = {"was", "were", "had", "did", "'d"}
PERFECT_AUX = {"has", "have", "'ve"}


@dataclass(frozen=True)
class Found:
    """One temporal expression: where it is and how it reads."""

    span: Span
    reading: Reading


YEAR_AFTER = ("in", "since", "by", "until", "till", "from", "before", "after", "during", "through", "of")


def time_matcher(vocab: Vocab, lexicon_phrases: Iterable[str] = ()) -> Matcher:
    """The time words the model misses: the phrases above, the lexicon's vague time phrases
    (``time_words.csv``), holidays, a bare year after a preposition ("since 1997"), which the model
    can leave untagged or call a number, and "every"/"each" with a month, weekday or unit ("every
    January")."""
    matcher = Matcher(vocab)
    phrases = [*EXTRA_PHRASES, *HOLIDAYS, *lexicon_phrases]
    matcher.add("TIMEX", [[{"LOWER": w} for w in _words(p)] for p in phrases])
    year = {"TEXT": {"REGEX": r"^(1[5-9]|20)\d\d$"}}
    matcher.add("YEAR", [[{"LOWER": {"IN": list(YEAR_AFTER)}}, year]])
    matcher.add("REFERENCE", [[{"LOWER": {"IN": ["current", "recent", "future"]}, "TAG": "JJ"}]])
    calendar_words = sorted({*UNIT_WORDS, *WEEKDAYS, *MONTHS})  # as nouns: not "each may have"
    every = [
        {"LOWER": {"IN": ["every", "each"]}},
        {"LOWER": {"IN": calendar_words}, "POS": {"IN": ["NOUN", "PROPN"]}},
    ]
    matcher.add("SET", [every])
    return matcher


def _words(phrase: str) -> list[str]:
    """A phrase as the model's tokeniser splits it ("new year's" -> new, year, 's)."""
    return phrase.replace("'s", " 's").split()


def _trimmed(span: Span) -> Span:
    """Without the trailing punctuation and possessive a model's entity can hold ("Friday's")."""
    start, end = span.start, span.end
    while end > start + 1 and (span.doc[end - 1].is_punct or span.doc[end - 1].tag_ == "POS"):
        end -= 1
    return span.doc[start:end]


LEFT_WORDS = {"this", "last", "next", "that", "early", "late", "mid", "earlier", "later"}
UNIT_WORDS = {
    "year",
    "month",
    "week",
    "quarter",
    "day",
    "morning",
    "afternoon",
    "evening",
    "night",
    "weekend",
}
UNIT_WORDS |= {"spring", "summer", "fall", "autumn", "winter"}


def _extended(span: Span) -> Span:
    """With the words the model's entity left out: "this" of "this year", "-six" of "nineteen
    ninety-six"."""
    doc, start, end = span.doc, span.start, span.end
    if start > 0 and doc[start - 1].lower_ in LEFT_WORDS and span[0].lower_ in UNIT_WORDS:
        start -= 1
    while end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].like_num and doc[end + 1].is_alpha:
        end += 2
    return doc[start:end]


def find_spans(doc: Doc, matcher: Matcher) -> list[Span]:
    """The temporal expressions of ``doc`` in text order, never overlapping."""
    spans = [_extended(_trimmed(e)) for e in index(doc).ents if e.label_ in ("DATE", "TIME")]
    for match_id, start, end in matcher(doc):
        kind = doc.vocab.strings[match_id]
        if kind == "YEAR":
            start += 1
        if kind == "REFERENCE" and doc[start].head.pos_ not in ("NOUN", "PROPN"):
            continue
        span = doc[start:end]
        if span.root.pos_ not in ("VERB", "AUX"):
            spans.append(span)
    return sorted(filter_spans(spans), key=lambda s: s.start)  # the longest of overlapping spans


NON_FINITE_DEPS = {"xcomp", "advcl", "acl", "conj", "pcomp", "ccomp"}
"""How a verb with no tense of its own (an infinitive or a participle) hangs on the clause that has one."""
LOOKING_AHEAD = {"plan", "expect", "intend", "schedule", "hope", "aim", "be"}
"""Verbs whose infinitive looks ahead: "plans to", "is to"."""
SCHEDULING = {"plan", "schedule", "slate", "arrange"}
"""Verbs whose past says nothing of when what they plan happens: "has scheduled a news conference
Thursday", "planned a rally on Saturday" may be either side of publication. Not "set" or "call":
"set a record on Friday" and "called him on Friday" are past."""
DEFERRING = {"postpone", "delay", "defer", "adjourn", "extend", "give", "grant", "suspend", "recess"}
"""Verbs whose "until" looks ahead of them: "postponed until Tuesday", "gave them until Friday"."""


def tense_of(span: Span) -> Tense | None:
    """The tense of the clause an expression sits in: its governing verb's, with "will", "going to"
    and "is scheduled to" looking ahead; none for "would", whose future is that of the past."""
    tok: Token = span.root
    steps, since = 0, False
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and steps < 6:
        tok, steps = tok.head, steps + 1
        since = since or (tok.lower_ == "since" and tok.dep_ == "prep")
    if since:
        return "past"  # "searching since shortly after the Oct. 23 slaying": whatever the verb's tense
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if _deferred_until(span.root, tok):
        return "future"
    for _ in range(3):  # a verb with no tense of its own takes the tense of the clause it depends on
        words = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if words or tok.tag_ not in ("VB", "VBG", "VBN") or tok.dep_ not in NON_FINITE_DEPS:
            break
        if tok.tag_ == "VB" and tok.dep_ == "xcomp" and tok.head.lemma_ in LOOKING_AHEAD:
            if _pluperfect(tok.head):
                return None  # "had been scheduled to expire Friday": ahead of a past, not of publication
            return "future"  # "plans to sell on Friday", "is to resume trading Tuesday"
        if tok.tag_ == "VBN" and tok.dep_ == "acl":
            return "past"  # "a record set on Aug. 6", "shares bought on Thursday"
        if tok.head.pos_ not in ("VERB", "AUX"):
            break
        tok = tok.head  # "the vanguard arriving Tuesday" in a clause that "voted"
    auxiliaries = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    words = auxiliaries | {tok.lower_}
    if "would" in words:
        return None  # the future of a past: ahead of what was said, not always of publication
    if words & FUTURE_AUX or any(c.lower_ == "going" for c in tok.children if c.dep_ == "aux"):
        return "future"
    if tok.tag_ == "VB" and tok.dep_ == "xcomp" and tok.head.lemma_ in LOOKING_AHEAD:
        return "future"
    if tok.tag_ == "VBN" and tok.head.lemma_ in ("schedule", "expect", "due", "set") and tok.dep_ != "ROOT":
        return "future"
    # simple past, past perfect, and the present perfect ("has set", "have been searching since")
    past = bool(words & PAST_AUX) or tok.tag_ == "VBD" or bool(auxiliaries & PERFECT_AUX)
    planned = any(c.dep_ == "dobj" for c in tok.children) and tok.lemma_ in SCHEDULING
    if past and planned and tok.dep_ != "acl":
        return None  # "has scheduled a news conference Thursday": the plan is past, not the event's date
    if past:
        return "past"
    if (
        tok.tag_ == "VBN"
        and any(c.lower_ in ("is", "are") for c in tok.children)
        and tok.lemma_ in ("schedule", "expect", "set", "due", "slate")
    ):
        return "future"
    return "present"


EVENT_PREPOSITIONS = {"in", "on", "during"}
"""Prepositions by which an expression says when its verb happened ("in January"), unlike those of
limits ("by", "until", "through", "to")."""


def dates_event(span: Span) -> bool:
    """Whether the expression says when a finite verb's own event happened: the object of "in", "on"
    or "during" that hangs on the verb, or a bare noun phrase beside a simple past ("killed Jan.
    5"); not beside a participle after a noun, which often schedules ("a summit set for April").
    What a state has lasted "since" began before publication, whatever the tense ("up 5% since
    Nov. 20")."""
    root = _phrase_head(span.root)
    if root.dep_ == "pobj" and root.head.lower_ == "since":
        return True
    if root.dep_ == "pobj" and root.head.lower_ in EVENT_PREPOSITIONS and root.head.dep_ == "prep":
        verb = root.head.head
        return verb.pos_ in ("VERB", "AUX") and verb.dep_ != "acl"
    return root.dep_ == "npadvmod" and root.head.tag_ == "VBD"


def _phrase_head(token: Token) -> Token:
    """The noun a time word qualifies inside its phrase: "morning" for "Tuesday" in "until Tuesday
    morning"."""
    while token.dep_ in ("compound", "nummod", "npadvmod", "nmod") and token.head.i != token.i:
        token = token.head
    return token


def _deferred_until(root: Token, verb: Token) -> bool:
    """Whether the expression is what a verb of deferring puts things off until ("postponed until
    Tuesday morning", "has given them until 9 a.m. Tuesday")."""
    root = _phrase_head(root)
    prep = root.head if root.dep_ == "pobj" else None
    return (
        prep is not None
        and prep.lower_ in ("until", "till")
        and prep.head.i == verb.i
        and verb.lemma_ in DEFERRING
        and not _pluperfect(verb)
    )


def _pluperfect(verb: Token) -> bool:
    """ "had been scheduled", "had postponed": what the verb sets is ahead of a past moment, not
    necessarily of publication."""
    return any(c.lower_ == "had" for c in verb.children if c.dep_ in ("aux", "auxpass"))


JOINERS = {"and", "to", "through", "or", "-", "–", ",", "until", "till", "&", "ended", "ending"}
ENDING = {"ended", "ending"}
GLUE = {",", "on", "at"}


def _parts(span: Span) -> list[Span]:
    """A range or list the model tagged as one ("between 1994 and 1997", "April 24 and 25") as the
    expressions TimeML counts in it."""
    parts, start = [], span.start
    for tok in span:
        if tok.lower_ in JOINERS and tok.i > start:
            parts.append(span.doc[start : tok.i])
            start = tok.i + 1
    parts.append(span.doc[start : span.end])
    parts = [p[1:] if len(p) > 1 and p[0].lower_ in ("between", "from") else p for p in parts]
    return [p for p in parts if len(p) and p.text.lower() not in ("between", "from")]


def _calendar(reading: Reading) -> bool:
    """Whether later expressions may count from this one ("a day later"): a date the text fixed
    itself or counted from publication, not one counted from another (that would drift)."""
    return (
        reading.type in ("DATE", "TIME")
        and bool(reading.value)
        and not str(reading.value).endswith("_REF")
        and reading.anchor != "previous"
    )


def _narrowest_reading(span: Span, reading: Reading, context: Context) -> Found:
    """A span the model drew too wide ("d'etat last year", "both 1990") read without its extra
    words: the longest part, from either end, that has a value, a date before a duration."""
    best: tuple[bool, int, Span, Reading] | None = None
    for size in range(min(len(span) - 1, 8), 0, -1):
        for part in (span[len(span) - size :], span[:size]):
            if part[0].is_punct or part[-1].is_punct:
                continue
            part_reading = normalise(part.text, context)
            key = (part_reading.type in ("DATE", "TIME"), size)
            if part_reading.value is not None and (best is None or key > best[:2]):
                best = (*key, part, part_reading)
    return Found(best[2], best[3]) if best else Found(span, reading)


def _joined(span: Span, after: Span | None, context: Context) -> Found | None:
    """Two expressions with only a comma, "on" or "at" between them read as one day or time ("9 a.m.
    Tuesday", "Friday, Oct. 13"), when together they name one."""
    doc = span.doc
    if after is None or not all(t.lower_ in GLUE for t in doc[span.end : after.start]):
        return None
    joined = doc[span.start : after.end]
    reading = normalise(joined.text, context)
    return Found(joined, reading) if reading.value and re.match(r"\d{4}-\d{2}-\d{2}", reading.value) else None


def _read_span(span: Span, context: Context) -> list[Found]:
    """One expression's readings: itself, or the parts of a range or list, or the period and the date
    it ends on, or, when none of these reads, its narrowest part that does."""
    reading = normalise(span.text, context)
    if reading.value is not None:
        return [Found(span, reading)]
    if any(t.lower_ in ENDING for t in span):
        return _period_ending(span, context)
    parts = _parts(span)
    if len(parts) < 2:
        return [_narrowest_reading(span, reading, context)]
    found, previous = [], context.previous
    for part in parts:
        part_reading = normalise(part.text, Context(context.published, context.tense, previous))
        if part_reading.value is None and part.text.isdigit() and previous and previous.value:
            part_reading = _same_month(part.text, previous) or part_reading
        found.append(Found(part, part_reading))
        if _calendar(part_reading):
            previous = part_reading
    return found


def read_times(doc: Doc, published: date | None, matcher: Matcher) -> list[Found]:
    """Every temporal expression of the document with its reading, in text order; each counts from
    the last date the text fixed before it."""
    found: list[Found] = []
    previous: Reading | None = None
    spans = find_spans(doc, matcher)
    i = 0
    while i < len(spans):
        context = Context(published, tense_of(spans[i]), previous, dates_event=dates_event(spans[i]))
        joined = _joined(spans[i], spans[i + 1] if i + 1 < len(spans) else None, context)
        pieces = [joined] if joined else _read_span(spans[i], context)
        i += 2 if joined else 1
        for piece in pieces:
            found.append(piece)
            if _calendar(piece.reading):
                previous = piece.reading
    return found


def time_expressions(doc: Doc, published: date | None, matcher: Matcher) -> list[TimeExpression]:
    """The document's temporal expressions as the contract lists them (``times``), ids in text order."""
    listed = []
    for n, found in enumerate(read_times(doc, published, matcher), start=1):
        r, span = found.reading, found.span
        days = interval(r.value, r.mod) if r.type in ("DATE", "TIME") else None
        listed.append(
            TimeExpression(
                id=f"t{n}",
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                type=r.type,
                value=r.value,
                mod=r.mod,
                anchor=r.anchor,
                basis=r.basis,
                first=days[0] if days else None,
                last=days[1] if days else None,
            )
        )
    return listed


def _period_ending(span: Span, context: Context) -> list[Found]:
    """ "the quarter ended Sept. 30": the date, and the period read as the one that ends on it."""
    cut = next(t.i for t in span if t.lower_ in ENDING)
    period, end = span.doc[span.start : cut], span.doc[cut + 1 : span.end]
    end_reading = normalise(end.text, context)
    ending = end_reading if end_reading.value else None
    period_context = Context(context.published, context.tense, context.previous, ending)
    pieces = [Found(period, normalise(period.text, period_context))] if len(period) else []
    return pieces + ([Found(end, end_reading)] if len(end) else [])


def _same_month(day: str, previous: Reading) -> Reading | None:
    """ "25" in "April 24 and 25": that day of the month mentioned just before."""
    m = re.fullmatch(r"(\d{4}-\d{2})-\d{2}", previous.value or "")
    if m is None or not 1 <= int(day) <= 31:
        return None
    try:
        value = date.fromisoformat(f"{m[1]}-{int(day):02d}").isoformat()
    except ValueError:
        return None
    return Reading("DATE", value, None, "previous", f"“{day}”: that day of the month mentioned before")
