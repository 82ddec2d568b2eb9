"""Claims stage: who claims what, when, and how sure they are.

Each clause that asserts or predicts something becomes a claim: its speaker is the voice whose quote
or paraphrase it is (else the article itself), its certainty comes from its hedges and from how it
was reported, and its time from its own temporal expression (against the publication date) or from
its tense, aspect and modality. A clause gets a date only from words of its own: carrying the date of
a neighbouring sentence over was measured to invent more wrong dates than it found right ones, while a
date inside the clause that does not govern its verb ("recovering after surgery last Monday") was
measured to be the clause's date more often than not (it dates the claim; the tense still decides
past, present or future).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from spacy.tokens import Doc, Span

from lib.claims.clauses import clause_spans
from lib.claims.hedging import certainty, hedges
from lib.contract import Certainty, Claim, Place, Quote, Relation, TimeExpression, TimeInfo, Voice
from lib.doc_index import index
from lib.lexicon import Lexicon, Stance
from lib.times.values import REFERENCES

TENTATIVE_STANCE: dict[Stance, Certainty] = {"hedging": "low", "distancing": "medium"}
"""A claim reported with a tentative or distancing cue ("suggested", "claimed") is that sure at most."""


def _grammatical_relation(clause: Span, lex: Lexicon) -> tuple[Relation, str]:
    """Past, present or future from tense, aspect and modality, with the words that decided it."""
    future_markers, predictive = lex.words("future_markers"), lex.words("predictive_words")
    head = clause.root
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    for t in clause:
        if t.lower_ in future_markers and t.tag_ == "MD":
            return "future", f"“{t.text}”"
        if t.lower_ == "going" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to" and t.head.i == t.i:
            return "future", "“going to”"
        if t.lemma_.lower() in predictive and any(c.dep_ == "xcomp" for c in t.children):
            return "future", f"“{t.text} to”"
        if (
            t.lower_ in ("is", "are")
            and t.dep_ != "aux"
            and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in t.children)
        ):
            return "future", f"“{t.text} to”: a plan"
    modal = next((t for t in head.children if t.tag_ == "MD"), None)
    if modal is not None:
        if modal.lower_ in ("could", "may", "might") and head.lemma_ not in ("be", "have"):
            return "future", f"“{modal.text} {head.text}”: a possibility ahead"
        if modal.lower_ == "would":
            sentence_root = index(clause.doc).sentence_of(clause.start).root
            if sentence_root.tag_ == "VBD" and sentence_root.i != head.i:
                return "past", f"“would” in speech reported in the past (“{sentence_root.text}”)"
            return "future", "“would”: a conditional outcome"
        return "present", f"“{modal.text} {head.text}”"
    if head.tag_ == "VBD" or auxes & {"was", "were", "did", "had"}:
        return "past", f"past tense “{head.text}”"
    if head.tag_ == "VBN" and auxes & {"has", "have", "'ve", "'s"}:
        return "past", f"perfect “{' '.join(sorted(auxes & {'has', 'have'}))} {head.text}”"
    if head.tag_ in ("VBZ", "VBP", "VBG") or auxes & {"is", "are", "am", "'re", "'m", "do", "does"}:
        return "present", f"present tense “{head.text}”"
    return "unknown", "no tense to go by"


def extract_claims(
    doc: Doc,
    voices: list[Voice],
    places: list[Place],
    times: list[TimeExpression],
    published: date | None,
    lex: Lexicon,
    *,
    min_words: int,
) -> list[Claim]:
    """Every claim of the article (the ``lens_claims`` component's work), each dated by the time
    expression of its own clause (``times``, from ``lens_times``)."""
    quotes = _Quotes(voices)
    time_starts = [t.start for t in times]
    order = {p.id: n for n, p in enumerate(places)}
    mentions = sorted((m.start, p.id) for p in places for m in p.mentions)
    claims: list[Claim] = []
    text = index(doc).text
    for sent in index(doc).sents:
        for span in clause_spans(sent, lex, min_words):
            start, end = span.start_char, span.end_char
            speaker, cue = quotes.speaker(start, end)
            found = hedges(span, lex)
            stance = lex.cues[cue.lower()].stance if cue and cue.lower() in lex.cues else None
            if cue and stance in TENTATIVE_STANCE and cue not in {w for w, _ in found}:
                found.append((cue, TENTATIVE_STANCE[stance]))
            within = times[bisect_left(time_starts, start) : bisect_left(time_starts, end)]
            expr, governs = _dating(doc, span, within)
            until = _range_end(doc, expr, within) if expr else None
            named = {
                pid
                for _, pid in mentions[bisect_left(mentions, (start, "")) : bisect_left(mentions, (end, ""))]
            }
            time = _time(span, expr, governs, until, published, lex)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    start=start,
                    end=end,
                    text=text[start:end],
                    speaker=speaker,
                    hedges=[word for word, _ in found],
                    certainty=certainty(found),
                    time=time,
                    places=sorted(named, key=order.__getitem__),
                )
            )
    return claims


class _Quotes:
    """Every quote of the article by position, so each clause looks only at the quotes near it."""

    def __init__(self, voices: list[Voice]) -> None:
        # ties go to the first listed; a position ("backs the bill") is not words the clause reports
        listed = ((v, q) for v in voices for q in v.quotes if q.kind != "stance")
        self.quotes = sorted(
            ((q.start, q.end, n, v, q) for n, (v, q) in enumerate(listed)), key=lambda x: x[:3]
        )
        self.starts = [q[0] for q in self.quotes]
        self.longest = max((e - s for s, e, *_ in self.quotes), default=0)

    def speaker(self, start: int, end: int) -> tuple[str | None, str | None]:
        """The voice whose quote or paraphrase makes up most of this clause, and the cue that
        reported it. A few quoted words inside the article's own sentence leave it the article's."""
        best: tuple[float, int, Voice, Quote] | None = None
        first = bisect_left(self.starts, start - self.longest)
        for q_start, q_end, n, voice, quote in self.quotes[first : bisect_left(self.starts, end)]:
            overlap = min(end, q_end) - max(start, q_start)
            if overlap <= 0:
                continue
            share = overlap / (end - start)
            if share >= 0.5 and (best is None or (share, -n) > best[:2]):
                best = (share, -n, voice, quote)
        if best is None or best[2].source_type == "article":
            return None, None
        return best[2].id, best[3].cue


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


PLAIN_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
"""The values schema version 1 writes as they are."""
REFERENCE_RELATIONS: dict[str, Relation] = dict(zip(REFERENCES, ("present", "past", "future"), strict=True))


def _words(doc: Doc, time: TimeExpression) -> Span:
    """The tokens of a time expression (its offsets come from tokens, so they always align)."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    assert span is not None
    return span


def _dating(doc: Doc, clause: Span, within: list[TimeExpression]) -> tuple[TimeExpression | None, bool]:
    """The time expression that dates a clause, and whether it governs the clause's verb: the one
    that does ("fighting began on Monday"), else the clause's first calendar date ("recovering after
    surgery last Monday")."""
    governing = next((t for t in within if anchors_clause(_words(doc, t), clause)), None)
    if governing is not None:
        return governing, True
    return next((t for t in within if t.first is not None), None), False


RANGE_WORDS = {"between": {"and"}, "from": {"to", "until", "till", "through", "-", "–"}}
"""A range's opening word and the words that join its ends ("between 2014 and 2016")."""


def _range_end(doc: Doc, expr: TimeExpression, within: list[TimeExpression]) -> TimeExpression | None:
    """The other end of a range the expression opens ("from May to July", "2014-2016"), if any."""
    later = [t for t in within if t.start >= expr.end]
    if not later or expr.first is None or later[0].first is None or later[0].first < expr.first:
        return None
    joiner = index(doc).text[expr.end : later[0].start].strip().lower()
    first = _words(doc, expr).start
    opener = doc[first - 1].lower_ if first > 0 else ""
    if joiner in RANGE_WORDS.get(opener, set()) or joiner in ("-", "–"):
        return later[0]
    return None


def _time(
    span: Span,
    expr: TimeExpression | None,
    governs: bool,
    until: TimeExpression | None,
    published: date | None,
    lex: Lexicon,
) -> TimeInfo:
    """A claim's time: the calendar stretch of its own expression (a TIMEX3 value drawn as the days it
    covers), else what the expression or the clause's tense says of past, present and future."""
    grammar, why = _grammatical_relation(span, lex)
    if expr is None:
        return TimeInfo(relation=grammar, basis=why)
    words, reading = _words(span.doc, expr), expr

    def at(relation: Relation, basis: str, value: str | None = None) -> TimeInfo:
        return TimeInfo(
            timex=expr.id,
            expression=words.text,
            start=words.start_char,
            end=words.end_char,
            value=value,
            relation=relation,
            basis=basis,
        )

    if reading.first is None or reading.last is None:
        lower = words.text.lower()
        forms = (lower, re.sub(r"^in ", "", lower), re.sub(r"^(in |the )+", "", lower))
        said = REFERENCE_RELATIONS.get(reading.value or "") or next(
            (lex.time_words[f] for f in forms if f in lex.time_words), None
        )
        if said:
            return at(relation=said, basis=f"“{words.text}” places it in the {said}")
        if reading.type == "DURATION":
            return at(relation=grammar, basis=f"{reading.basis}, not a date; {why}")
        return at(relation=grammar, basis=f"{reading.basis}; {why}")
    first, last, basis = reading.first, reading.last, reading.basis
    if until is not None and until.last is not None:
        last, basis = until.last, f"{basis}, to “{until.text}”: a range"
    narrowed = reading.mod in ("START", "MID", "END")
    if reading.value and PLAIN_VALUE.fullmatch(reading.value) and not narrowed and until is None:
        value = reading.value  # a day, month or year as it is; anything else as the days it covers
    else:
        value = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    since = words.start > 0 and words.doc[words.start - 1].lower_ == "since"
    if since and published is not None and first <= published:
        up_to = f"“since {words.text}”: from {reading.value} up to publication"
        return at(value=f"{first.isoformat()}/{published.isoformat()}", relation="present", basis=up_to)
    if not governs:
        return at(value=value, relation=grammar, basis=f"{basis} (the clause's date, not its verb's); {why}")
    relation: Relation = grammar
    if published is not None:
        relation = "past" if last < published else "future" if first > published else "present"
        if relation == "present" and grammar in ("past", "future") and first == last:
            relation = grammar  # "today" holds events earlier and later the same day
    return at(value=value, relation=relation, basis=basis)
