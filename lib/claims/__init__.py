"""Claims stage: who claims what, when, and how sure they are.

Each clause that asserts or predicts something becomes a claim: its speaker is the voice whose quote
or paraphrase it is (else the article itself), its certainty comes from its hedges and from how it
was reported, and its time from its own temporal expression (against the publication date) or from
its tense, aspect and modality. A clause gets a date only from words of its own: carrying the date of
a neighbouring sentence over was measured to invent more wrong dates than it found right ones.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from lib.claims.clauses import clause_spans
from lib.claims.hedging import certainty, hedges
from lib.claims.timex import anchors_clause, find_times, normalise
from lib.contract import Claim, Place, TimeInfo, Voice
from lib.nlp import sentence_of
from lib.voices.lexicon import cues

FUTURE_MARKERS = {"will", "shall", "'ll", "wo"}
PREDICTIVE = {"expect", "plan", "intend", "aim", "set", "due", "schedule", "forecast", "predict", "likely"}
TENTATIVE_STANCE = {"hedging": "low", "distancing": "medium"}


def _grammatical_relation(clause: Span) -> tuple[str, str]:
    """Past, present or future from tense, aspect and modality, with the words that decided it."""
    head = clause.root
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    for t in clause:
        if t.lower_ in FUTURE_MARKERS and t.tag_ == "MD":
            return "future", f"“{t.text}”"
        if t.lower_ == "going" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to" and t.head.i == t.i:
            return "future", "“going to”"
        if t.lemma_.lower() in PREDICTIVE and any(c.dep_ == "xcomp" for c in t.children):
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
            sentence_root = sentence_of(clause.doc, clause.start).root
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


def extract_claims(doc: Doc, voices: list[Voice], places: list[Place], published: date | None) -> list[Claim]:
    quotes = [(v, q) for v in voices for q in v.quotes]
    times = find_times(doc)
    stances = {c.cue: c.stance for c in cues().values()}
    claims: list[Claim] = []
    for sent in doc.sents:
        for span in clause_spans(sent):
            start, end = span.start_char, span.end_char
            speaker, cue = _speaker(start, end, quotes)
            found = hedges(span)
            if cue and stances.get(cue.lower()) in TENTATIVE_STANCE and cue not in {w for w, _ in found}:
                found.append((cue, TENTATIVE_STANCE[stances[cue.lower()]]))
            expr = next((t for t in times if start <= t.start_char < end and anchors_clause(t, span)), None)
            time = _time(span, expr, published)
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                    speaker=speaker,
                    hedges=[word for word, _ in found],
                    certainty=certainty(found),
                    time=time,
                    places=[p.id for p in places if any(start <= m.start < end for m in p.mentions)],
                )
            )
    return claims


def _speaker(start: int, end: int, quotes: list) -> tuple[str | None, str | None]:
    """The voice whose quote or paraphrase makes up most of this clause, and the cue that reported
    it. A few quoted words inside the article's own sentence leave the sentence the article's."""
    best = None
    for voice, quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if overlap <= 0:
            continue
        share = overlap / (end - start)
        if share >= 0.5 and (best is None or share > best[0]):
            best = (share, voice, quote)
    if best is None or best[1].source_type == "article":
        return None, None
    return best[1].id, best[2].cue


def _time(span: Span, expr: Span | None, published: date | None) -> TimeInfo:
    grammar, why = _grammatical_relation(span)
    if expr is None:
        return TimeInfo(relation=grammar, basis=why)
    found = normalise(expr, published, future=grammar == "future")
    relation = found.relation or grammar
    if (
        found.value
        and found.relation == "present"
        and grammar in ("past", "future")
        and "/" not in found.value
    ):
        relation = grammar  # "today" holds events earlier and later the same day
    basis = found.basis if found.relation else f"{found.basis}; {why}"
    return TimeInfo(
        expression=found.span.text,
        start=found.span.start_char,
        end=found.span.end_char,
        value=found.value,
        relation=relation,
        basis=basis,
    )
