"""Quotes and their speakers: direct quotes, partial quotes and indirect speech, each tied to the
reporting cue that attributes it and, where the article names one, the intermediary it came through.

Reporting cues come from the curated lexicon (``lib/voices/data/reporting_cues.csv``) and are matched
on the dependency parse: the cue verb's subject is the speaker, its clausal complement the reported
content (spaCy's DependencyMatcher finds "X argued that ...", "X, who noted that ...", "..., he
suggested, ..." and "according to X").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token

from lib.nlp import entity_at, sentence_of
from lib.voices.lexicon import cues, find_organisation
from lib.voices.marks import Marked, quoted_passages
from lib.voices.speakers import Draft, Speakers

REPORTING_KINDS = {"speech", "cognition", "writing"}
INTERMEDIARY_VERBS = {"report", "quote", "cite", "carry", "publish", "broadcast"}
DIRECT_MIN_WORDS = 4


@dataclass
class Found:
    """One quote before it becomes part of the contract."""

    start: int
    end: int
    kind: str  # direct | partial | indirect
    speaker: Draft | None
    cue: str | None
    via: Draft | None = None


def _tokens_between(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _frame(doc: Doc, passage: Marked, passages: list[Marked]) -> list[Token]:
    """Tokens around a quote, outside every quote, where its cue can be: the sentences it spans,
    the sentence before when it ends in a colon ("He said:"), the next when it only continues this
    one (", he added.")."""
    span = _tokens_between(doc, max(0, passage.start - 1), min(len(doc.text), passage.end + 1))
    if span is None:
        return []
    first, last = sentence_of(doc, span[0].i).start, sentence_of(doc, span[-1].i).end
    before = first - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and doc[before].text == ":":
        first = sentence_of(doc, before).start
    following = [t for t in doc[last : min(len(doc), last + 3)] if not t.is_space]
    if following and (following[0].is_punct or following[0].is_lower):
        last = sentence_of(doc, following[0].i).end
    inside = [(p.start - 1, p.end + 1) for p in passages]
    return [t for t in doc[first:last] if not any(s <= t.idx < e for s, e in inside)]


def _is_cue(token: Token) -> bool:
    """A reporting verb used as one: not negated ("did not say"), not aspectual ("continue to"), not
    an adjective ("so-called")."""
    entry = cues().get(token.lemma_.lower())
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "so":
        return False  # "so-called"
    return (
        entry is not None
        and entry.kind in REPORTING_KINDS
        and token.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("neg", "xcomp") for c in token.children)
    )


def _governs(cue: Token, quote: Span) -> bool:
    """The quotation is what the cue reports: reached from the cue through a clause or an object
    ("said that ...", "terms the “aggressive” policies", "called it a “gamble”", "accused
    China of “aggression”", "called for a “civil revolt”"), not through an adverbial phrase
    ("responding to “provocations”")."""
    tok = quote.root
    path = []
    while tok.i != cue.i:
        if tok.head.i == tok.i:
            return False
        path.append(tok)
        tok = tok.head
    deps = {t.dep_ for t in path}
    framed = any(t.dep_ == "pobj" and t.head.lower_ in ("as", "of", "for") for t in path)
    return bool(deps & {"ccomp", "dobj", "parataxis", "oprd", "attr", "dative"}) or framed


def _adjacent(cue: Token, passage: Marked) -> bool:
    """ "“...,” she said", "He said: “...”", "she told the press, “...”": the cue's clause is set off
    from the quotation by punctuation and touches it."""
    text = cue.doc.text
    if cue.idx >= passage.end:
        quoted_end = text[passage.start : passage.end].rstrip()[-1:]
        between = text[passage.end + 1 : cue.idx].strip()
        set_off = quoted_end in ",.!?\u2014-" or between[:1] in (",", "\u2014", "-")
        return set_off and len(between.split()) <= 5 and "\n" not in between
    between = text[cue.idx + len(cue.text) : passage.start - 1].strip()
    return between in ("", ":", ",") or (between[-1:] in (",", ":") and len(between.split()) <= 5)


def _cue_for(frame: list[Token], passage: Marked, quote: Span | None) -> Token | None:
    """The reporting verb that attributes a quotation: one that governs it or sits right beside
    it, nearest first."""
    best: tuple[int, Token] | None = None
    for tok in frame:
        if not _is_cue(tok):
            continue
        if not (_adjacent(tok, passage) or (quote is not None and _governs(tok, quote))):
            continue
        distance = min(abs(tok.idx - passage.start), abs(tok.idx - passage.end))
        if best is None or distance < best[0]:
            best = (distance, tok)
    return best[1] if best else None


def _subject(cue: Token) -> Token | None:
    """Who does the reporting: the cue's subject, the agent of a passive cue, the subject of the
    verb the cue hangs from ("..., Okafor stated, adding that ..."), or the one "quoted as
    saying"."""
    for child in cue.children:
        if child.dep_ == "nsubj" and child.lower_ not in ("it", "there"):
            return child
        if child.dep_ == "nsubjpass":
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if pobj is not None:
                return pobj
            if cue.lemma_ in INTERMEDIARY_VERBS:  # "one resident was quoted as saying"
                return child
    if cue.dep_ in ("advcl", "conj", "xcomp") and cue.head.i != cue.i:
        return _subject(cue.head)
    return None


def _according_to(frame: list[Token]) -> Token | None:
    """The source in "according to X", the cue of quotes that have no reporting verb."""
    for tok in frame:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
            if pobj is not None:
                return pobj
    return None


def _intermediary(tokens: list[Token], speakers: Speakers) -> Draft | None:
    """ "as reported by AP", "quoted by Reuters", "according to AFP" when the speaker is someone else."""
    for tok in tokens:
        if tok.lemma_ in INTERMEDIARY_VERBS and tok.dep_ in ("advcl", "acl", "relcl", "conj"):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if pobj is not None:
                return speakers.resolve(pobj)
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
            if pobj is not None and _media(pobj):
                return speakers.resolve(pobj)
    return None


def _media(token: Token) -> bool:
    org = find_organisation(token.text)
    if org is None:
        ent = entity_at(token.doc, token.i)
        org = find_organisation(ent.text) if ent is not None else None
    return org is not None and org.type == "media"


def _is_partial(doc: Doc, passage: Marked) -> bool:
    """A few quoted words inside the writer's own sentence ("called the plan a “dangerous gamble”"),
    rather than a quoted sentence set off by punctuation."""
    words = doc.text[passage.start : passage.end].split()
    before = doc.text[: passage.start - 1].rstrip()
    set_off = not before or before[-1] in '.:,;!?\u2014\u2013-\n\u201d"' or passage.continues
    has_verb = False
    span = _tokens_between(doc, passage.start, passage.end)
    if span is not None:
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return not (set_off and has_verb and len(words) >= DIRECT_MIN_WORDS)


def find_quotes(doc: Doc, speakers: Speakers) -> list[Found]:
    """Direct and partial quotes by their marks, then indirect speech by its cues."""
    passages = quoted_passages(doc.text)
    found: list[Found] = []
    previous: Found | None = None
    last_via: dict[str, Draft] = {}
    for passage in passages:
        frame = _frame(doc, passage, passages)
        partial = _is_partial(doc, passage)
        cue = _cue_for(frame, passage, _tokens_between(doc, passage.start, passage.end))
        speaker = None
        subject = _subject(cue) if cue is not None else None
        if cue is None and (source := _according_to(frame)) is not None:
            subject, cue_word = source, "according to"
        else:
            cue_word = cue.text if cue is not None else None
        if subject is not None:
            speaker = speakers.resolve(subject)
        via = _intermediary(frame, speakers)
        cue_text = cue_word
        if (
            speaker is None
            and previous is not None
            and previous.speaker is not None
            and (passage.continues or _continues(doc, previous, passage))
        ):
            speaker, via, cue_text = previous.speaker, previous.via, f"{previous.cue} (continued)"
        if via is not None and via is speaker:
            via = None
        if via is None and speaker is not None and speaker.key in last_via:
            via = last_via[speaker.key]  # "as reported by Reuters" covers what he goes on to say
        if via is not None and speaker is not None:
            last_via[speaker.key] = via
        item = Found(passage.start, passage.end, "partial" if partial else "direct", speaker, cue_text, via)
        found.append(item)
        previous = item
    direct = [(f.start, f.end) for f in found if f.kind == "direct"]
    return found + _indirect(doc, speakers, direct)


def _continues(doc: Doc, previous: Found, passage: Marked) -> bool:
    """A quote with no cue right after one that has a speaker: the same person still talking
    (the next sentence, or the opening of the next paragraph)."""
    prev_span = _tokens_between(doc, previous.start, previous.end)
    span = _tokens_between(doc, passage.start, passage.end)
    if prev_span is None or span is None:
        return False
    gap = doc[sentence_of(doc, prev_span[-1].i).end : sentence_of(doc, span[0].i).start]
    return len([t for t in gap if not t.is_space]) == 0 and previous.kind != "indirect"


def _matcher(doc: Doc) -> DependencyMatcher:
    lemmas = [lemma for lemma, cue in cues().items() if cue.kind in REPORTING_KINDS]
    matcher = DependencyMatcher(doc.vocab)
    cue = {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "AUX"]}}}
    that_clause = {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}
    matcher.add("THAT_CLAUSE", [[cue, that_clause]])
    matcher.add("PARENTHETICAL", [[{"RIGHT_ID": "content", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
                                   {"LEFT_ID": "content", "REL_OP": ">", "RIGHT_ID": "cue",
                                    "RIGHT_ATTRS": {"LEMMA": {"IN": lemmas}, "DEP": "parataxis"}},
                                   {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "subject",
                                    "RIGHT_ATTRS": {"DEP": "nsubj"}}]])  # fmt: skip
    matcher.add("ACCORDING_TO", [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": "according"}},
                                  {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "to",
                                   "RIGHT_ATTRS": {"LOWER": "to"}},
                                  {"LEFT_ID": "to", "REL_OP": ">", "RIGHT_ID": "subject",
                                   "RIGHT_ATTRS": {"DEP": "pobj"}}]])  # fmt: skip
    return matcher


def _indirect(doc: Doc, speakers: Speakers, quoted: list[tuple[int, int]]) -> list[Found]:
    """Reported speech: "Okafor noted that ...", "..., he suggested, ...", "according to the
    ministry, ...". A paraphrase may hold a few quoted words (they are also partial quotes); one that
    holds a whole quoted sentence is that quotation's framing, not a paraphrase."""
    matcher = _matcher(doc)
    out: list[Found] = []
    taken: set[int] = set()
    for match_id, ids in matcher(doc):
        label = doc.vocab.strings[match_id]
        names = [t["RIGHT_ID"] for t in matcher.get(label)[1][0]]
        tokens = dict(zip(names, (doc[i] for i in ids), strict=True))
        cue = tokens["cue"]
        subject = tokens.get("subject") or _subject(cue)
        if subject is None or (label != "ACCORDING_TO" and not _is_cue(cue)):
            continue
        if subject.lower_ in ("i", "we", "you", "it", "this", "that"):
            continue
        if any(s <= cue.idx < e for s, e in quoted):
            continue  # "I think" inside a quotation is the quotation's business
        sent = sentence_of(doc, cue.i)
        if label == "THAT_CLAUSE":
            content = [
                t for t in tokens["content"].subtree if t.dep_ != "mark" or t.head != tokens["content"]
            ]
        elif label == "PARENTHETICAL":
            skip = {t.i for t in cue.subtree}
            content = [t for t in sent if t.i not in skip]
        else:
            skip = {t.i for t in cue.subtree}
            content = [t for t in sent if t.i not in skip]
        content = [t for t in content if not t.is_space]
        while content and content[0].is_punct:
            content = content[1:]
        while content and content[-1].is_punct:
            content = content[:-1]
        if len(content) < 3:
            continue
        start, end = content[0].idx, content[-1].idx + len(content[-1].text)
        if any(s < end and start < e for s, e in quoted) or start in taken:
            continue
        speaker = speakers.resolve(subject)
        if speaker is None:
            continue
        taken.add(start)
        via = _intermediary(list(sent), speakers)
        out.append(Found(start, end, "indirect", speaker, cue.text, via if via is not speaker else None))
    return out
