"""Quotes and their speakers: direct quotes, partial quotes and indirect speech, each tied to the
reporting cue that attributes it and, where the article names one, the intermediary it came through.

Reporting cues come from the lexicon (``reporting_cues.csv``), found with spaCy's Matcher, and read
on the dependency parse: the cue verb's subject is the speaker, its clausal complement the reported
content ("X argued that ...", "X, who noted that ...", "..., he suggested, ..." and "according to X").
Every search is bounded (a quote's frame, a cue's window), so the stage stays linear in the length
of the article, the number of quotes and the length of a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from lib.contract import QuoteKind
from lib.doc_index import index
from lib.geo.names import fold
from lib.lexicon import ATTRIBUTING_KINDS, REPORTING_KINDS, Lexicon
from lib.voices.marks import CLOSE_DOUBLE, OPEN_DOUBLE, Marked, quoted_passages
from lib.voices.speakers import Draft, Speakers


@dataclass
class Found:
    """One quote before it becomes part of the contract."""

    start: int
    end: int
    kind: QuoteKind
    speaker: Draft | None
    cue: str | None
    via: Draft | None = None
    parts: tuple[tuple[int, int], ...] = ()
    """The quoted pieces of one quote its attribution interrupts; empty for a quote in one piece."""
    cue_at: int | None = None
    """The cue's token, so that two quotes with cues of their own are never taken for one."""


def _tokens_between(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


FRAME_TOKENS = 80
"""How far from a quotation its cue can be, in tokens: a reporting verb further away in a very long
sentence attributes something else, and a bounded frame keeps each quote's search constant."""


def _quoted_tokens(doc: Doc, passages: list[Marked]) -> list[bool]:
    """For every token, whether it lies inside a quotation (its marks included): one pass."""
    inside = [False] * len(doc)
    spans = sorted((p.start - 1, p.end + 1) for p in passages)
    k = 0
    for tok in doc:
        while k < len(spans) and spans[k][1] <= tok.idx:
            k += 1
        inside[tok.i] = k < len(spans) and spans[k][0] <= tok.idx
    return inside


def _frame(doc: Doc, passage: Marked, quoted: list[bool]) -> list[Token]:
    """Tokens around a quote, outside every quote, where its cue can be: the sentences it spans,
    the sentence before when it ends in a colon ("He said:"), the next when it only continues this
    one (", he added.") or the quote's question or exclamation mark ended this one, never more
    than ``FRAME_TOKENS`` away."""
    span = _tokens_between(doc, max(0, passage.start - 1), min(len(index(doc).text), passage.end + 1))
    if span is None or not len(span):
        return []
    first, last = index(doc).sentence_of(span[0].i).start, index(doc).sentence_of(span[-1].i).end
    before = first - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before >= 0 and doc[before].text == ":":
        first = index(doc).sentence_of(before).start
    # (by index: spaCy builds the whole text for an empty span at the end of the document)
    following = next((doc[i] for i in range(last, min(len(doc), last + 3)) if not doc[i].is_space), None)
    asked = index(doc).text[passage.start : passage.end].rstrip()[-1:] in ("?", "!")
    if following is not None and (following.is_punct or following.is_lower or asked or _bare_cue(following)):
        last = index(doc).sentence_of(following.i).end  # "“Who are they?” Trump said."
    first, last = max(first, span.start - FRAME_TOKENS), min(last, span.end + FRAME_TOKENS)
    return [t for t in doc[first:last] if not quoted[t.i]]


def _bare_cue(first: Token) -> bool:
    """ "“... missing.” Trump said.": the sentence after a quotation is only who said it, a few
    words whose verb has a subject and nothing more to say."""
    sent = index(first.doc).sentence_of(first.i)
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    root = sent.root
    return (
        len(words) <= 6
        and root.pos_ == "VERB"
        and any(c.dep_ == "nsubj" for c in root.children)
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
    )


def _is_cue(token: Token, lex: Lexicon, *, controls: bool = False) -> bool:
    """A reporting verb used as one: not negated ("did not say"), not an adjective ("so-called"), and
    not aspectual ("continue to") unless ``controls``: the verb is read with what it wants or tells
    someone to do ("urged Congress to act", "wants to run")."""
    entry = lex.cues.get(token.lemma_.lower())
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "so":
        return False  # "so-called"
    kinds = ATTRIBUTING_KINDS if controls else REPORTING_KINDS
    return (
        entry is not None
        and entry.kind in kinds
        and token.pos_ in ("VERB", "AUX")
        and not any(c.dep_ == "neg" or (not controls and _aspectual(c)) for c in token.children)
    )


def _aspectual(child: Token) -> bool:
    """ "continue to say", "keep saying": the verb's open complement, an infinitive or a gerund (not
    a word of a quotation the parser hung on the cue)."""
    return child.dep_ == "xcomp" and (
        child.tag_ == "VBG" or any(g.lower_ == "to" and g.dep_ == "aux" for g in child.children)
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


ASIDE_WORDS = 16
"""Words a speaker's name and the aside after it may take between a quotation and its cue."""


def _adjacent(cue: Token, passage: Marked) -> bool:
    """ "“...,” she said", "He said: “...”", "she told the press, “...”": the cue's clause is set off
    from the quotation by punctuation and touches it."""
    text = index(cue.doc).text
    if cue.idx >= passage.end:
        quoted_end = text[passage.start : passage.end].rstrip()[-1:]
        gap = text[passage.end + 1 : cue.idx]
        between = gap.strip()
        set_off = quoted_end in ",.!?\u2014-" or between[:1] in (",", "\u2014", "-")
        if not set_off or "\n" in gap or any(m in between for m in (OPEN_DOUBLE, '"')):
            return False  # a paragraph or another quotation between them: that one's cue
        # "“...,” Trump, the 2016 GOP frontrunner in South Carolina, said": a subject and its aside
        named = between[-1:] == "," and any(c.dep_ == "nsubj" and passage.end < c.idx for c in cue.children)
        return len(between.split()) <= (ASIDE_WORDS if named else 5)
    between = text[cue.idx + len(cue.text) : passage.start - 1].strip()
    # "told Breitbart News Daily host Matt Boyle, “...”": whom it was said to, then the quotation
    return between in ("", ":", ",") or (between[-1:] in (",", ":") and len(between.split()) <= 8)


def _cue_for(frame: list[Token], passage: Marked, quote: Span | None, lex: Lexicon) -> Token | None:
    """The reporting verb that attributes a quotation: one that governs it or sits right beside
    it, nearest first."""
    best: tuple[int, Token] | None = None
    for tok in frame:
        if not _is_cue(tok, lex):
            continue
        if not (_adjacent(tok, passage) or (quote is not None and _governs(tok, quote))):
            continue
        distance = min(abs(tok.idx - passage.start), abs(tok.idx - passage.end))
        if best is None or distance < best[0]:
            best = (distance, tok)
    return best[1] if best else None


def _subject(cue: Token, lex: Lexicon) -> Token | None:
    """Who does the reporting: the cue's subject, the agent of a passive cue, the subject of the
    verb the cue hangs from ("..., Okafor stated, adding that ..."; not through a passive participle,
    whose subject is the one it is done to), the noun a participle qualifies ("a letter warning
    that ..."), or the one "quoted as saying"."""
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.lower_ != "there"]
    if subjects:  # two are a misparse: a word of the quotation ("“Good reporter,” Trump said") or a
        # description set beside the name; the nearest outside quotation marks
        outside = [c for c in subjects if not _quoted(c)] or subjects
        return min(outside, key=lambda c: abs(cue.i - c.i))
    for child in cue.children:
        if child.dep_ == "nsubjpass":
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if pobj is not None:
                return pobj
            if cue.lemma_ in lex.words("intermediary_verbs"):  # "one resident was quoted as saying"
                return child
    if cue.tag_ in ("VBG", "VBD") and cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head  # "a statement saying that ...", "a man yelled" read as a man who yelled
    if (
        cue.tag_ == "VBN"
        and cue.dep_ in ("advcl", "acl")
        and not any(c.dep_.startswith("aux") for c in cue.children)
    ):
        return None  # "Asked about it, she said", "widely expected to win, he said": done to her, not by her
    if cue.dep_ == "pcomp" and cue.tag_ == "VBG":
        return _gerund_subject(cue, lex)
    if cue.dep_ in ("advcl", "conj", "xcomp") and cue.head.i != cue.i:
        if cue.head.pos_ == "ADJ" and cue.head.dep_ == "acomp":  # "voters are more likely to say"
            return _subject(cue.head.head, lex)
        outer = cue.head.head
        if (
            cue.dep_ == "conj"
            and cue.head.dep_ == "ccomp"
            and _cue_verb(outer, lex)
            and not any(ch in DOUBLE_MARKS for ch in cue.doc[outer.i : cue.i].text)
        ):
            return _subject(outer, lex)  # "He says X was Y and says ...": parsed inside X, not quoted
        return _subject(cue.head, lex)
    return _misparsed_subject(cue)


DOUBLE_MARKS = frozenset({OPEN_DOUBLE, CLOSE_DOUBLE, '"'})
GERUND_PREPOSITIONS = frozenset({"in", "by", "after", "before", "while", "since", "despite", "on", "upon"})
"""Prepositions whose gerund is done by the subject of the verb they hang on ("in calling for")."""


def _quoted(token: Token) -> bool:
    """Whether a token lies inside quotation marks opened in its sentence."""
    sent = index(token.doc).sentence_of(token.i)
    before = index(token.doc).text[sent.start_char : token.idx]
    return before.count('"') % 2 == 1 or before.count(OPEN_DOUBLE) > before.count(CLOSE_DOUBLE)


def _gerund_subject(cue: Token, lex: Lexicon) -> Token | None:
    """Who does what a gerund after a preposition says: the noun before it in "with O'Malley
    calling Trump a fascist", else the subject of the verb the phrase hangs on ("joined Trump in
    calling for a prosecutor", "tripped him up by calling him out", "after blasting the report, he
    ..."); not after "for" or "from", whose gerund is often someone else's doing ("praised her for
    speaking out", "laws banning migrants from claiming asylum")."""
    prep = cue.head
    if prep.lower_ == "with":
        return next((c for c in prep.children if c.dep_ == "pobj" and c.i < cue.i), None)
    if prep.lower_ in GERUND_PREPOSITIONS and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX"):
        return _subject(prep.head, lex)
    return None


def _misparsed_subject(cue: Token) -> Token | None:
    """ "Campaigning for his wife, former president Bill Clinton said ...": a main cue left without a
    subject because the parser hung the name right before it on an earlier phrase (in apposition
    to "wife"); the person named just before the cue is its speaker. "Voters going to the polls
    Tuesday say ...": a participle that qualifies the speaker, read as the verb that has it as
    subject (the cue's clausal subject, or the head it hangs on)."""
    participle = next((c for c in cue.children if c.dep_ == "csubj" and c.tag_ == "VBG"), None)
    if participle is None and cue.dep_ == "dep" and cue.head.tag_ == "VBG" and cue.head.i < cue.i:
        participle = cue.head
    if participle is not None and not any(c.dep_.startswith("nsubj") for c in cue.children):
        qualified = next((c for c in participle.children if c.dep_ == "nsubj" and c.i < participle.i), None)
        if qualified is not None:
            return qualified
    if cue.dep_ != "ROOT" or cue.i == 0 or any(c.dep_.startswith(("nsubj", "expl")) for c in cue.children):
        return None
    before = cue.doc[cue.i - 1]
    if before.text == ",":
        return _set_off_name(cue)
    if before.pos_ == "NUM" and before.dep_ == "nummod" and before.head.i == cue.i:
        return before  # "About 4 in 10 say": the share read as a number of the verb
    attached = before.dep_ in ("appos", "conj", "pobj", "dobj", "npadvmod") and before.head.i < before.i
    return before if attached and before.ent_type_ == "PERSON" else None


def _set_off_name(cue: Token) -> Token | None:
    """ "“...,” Texas delegate Bill Eastland, wearing a cowboy hat, said.": the person named before
    an aside set off by commas, when the parser left the cue without a subject; no finite verb
    between them."""
    doc = cue.doc
    for i in range(cue.i - 2, max(-1, cue.i - 16), -1):
        tok = doc[i]
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or tok.text in (".", ";", ":"):
            return None
        if tok.text == "," and i > 0 and doc[i - 1].ent_type_ == "PERSON":
            return doc[i - 1]
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
        if tok.lemma_ in speakers.lex.words("intermediary_verbs") and tok.dep_ in (
            "advcl",
            "acl",
            "relcl",
            "conj",
        ):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if pobj is not None:
                return speakers.resolve(pobj)
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
            if pobj is not None and _media(pobj, speakers.lex):
                return speakers.resolve(pobj)
    return None


def _media(token: Token, lex: Lexicon) -> bool:
    org = lex.find_organisation(token.text)
    if org is None:
        ent = index(token.doc).entity_at(token.i)
        org = lex.find_organisation(ent.text) if ent is not None else None
    return org is not None and org.type == "media"


def _is_partial(doc: Doc, passage: Marked, direct_min_words: int) -> bool:
    """A few quoted words inside the writer's own sentence ("called the plan a “dangerous gamble”"),
    rather than a quoted sentence set off by punctuation."""
    text = index(doc).text
    words = text[passage.start : passage.end].split()
    before = text[max(0, passage.start - 200) : passage.start - 1].rstrip()
    set_off = not before or before[-1] in '.:,;!?\u2014\u2013-\n\u201d"' or passage.continues
    has_verb = False
    span = _tokens_between(doc, passage.start, passage.end)
    if span is not None:
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    return not (set_off and has_verb and len(words) >= direct_min_words)


def find_quotes(doc: Doc, speakers: Speakers, matcher: Matcher, direct_min_words: int) -> list[Found]:
    """Direct and partial quotes by their marks, then indirect speech by its cues (``matcher``:
    ``reporting_matcher``)."""
    lex = speakers.lex
    passages = quoted_passages(index(doc).text)
    found: list[Found] = []
    previous: Found | None = None
    last_via: dict[str, Draft] = {}
    quoted = _quoted_tokens(doc, passages)
    for passage in passages:
        frame = _frame(doc, passage, quoted)
        partial = _is_partial(doc, passage, direct_min_words)
        cue = _cue_for(frame, passage, _tokens_between(doc, passage.start, passage.end), lex)
        speaker = None
        subject = _subject(cue, lex) if cue is not None else None
        cue_word: str | None = cue.text if cue is not None else None
        if cue is None and (source := _according_to(frame)) is not None:
            subject, cue_word = source, "according to"
        if subject is not None:
            speaker = speakers.resolve(subject, cited=cue_word == "according to")
        if speaker is None and subject is not None and cue is not None and not partial:
            # "“...,” said the 46-year-old": a quotation set off with its cue names its speaker,
            # whatever the noun
            speaker = speakers.resolve(subject, cited=True)
        via = _intermediary(frame, speakers)
        cue_text = cue_word
        if (
            speaker is None
            and previous is not None
            and previous.speaker is not None
            and (passage.continues or _continues(doc, previous, passage))
        ):
            speaker, via, cue_text = previous.speaker, previous.via, f"{previous.cue}, continued"
        if via is not None and via is speaker:
            via = None
        if via is None and speaker is not None and speaker.key in last_via:
            via = last_via[speaker.key]  # "as reported by Reuters" covers what he goes on to say
        if via is not None and speaker is not None:
            last_via[speaker.key] = via
        kind: QuoteKind = "partial" if partial else "direct"
        item = Found(passage.start, passage.end, kind, speaker, cue_text, via, cue_at=cue.i if cue else None)
        found.append(item)
        previous = item
    found = _joined(doc, found)
    found, labelled = _labelled(doc, speakers, found)
    direct = [(f.start, f.end) for f in found if f.kind == "direct"]
    indirect = labelled + [
        f for f in _indirect(doc, speakers, direct, matcher) if not any(_inside(f, g) for g in labelled)
    ]
    return _carried_on(doc, found, indirect) + indirect


LABEL = re.compile(r"^(?P<label>[^\W\d][^\n:]{0,40}): +(?P<said>\S[^\n]*)", re.M)
"""A line that opens with a short label and a colon: "Warren: Trump is a ‘proven failure’", "TAPPER:
Do you think ..."."""
LABEL_WORDS = 4
LABEL_LINKS = frozenset({"at", "to", "on", "in"})
"""Words after a headline label's speaker that say where or to whom ("Mukasey at RNC:")."""


def _labelled(doc: Doc, speakers: Speakers, found: list[Found]) -> tuple[list[Found], list[Found]]:
    """What a person says in a headline or a transcript ("Warren: Trump Is a ‘Proven Failure’",
    "TAPPER: Do you think ...?"): a line opening with a person's name, every word capitalised, and a
    colon. A name the parser calls a person or that the article gives a person ("Tapper" of "Jake
    Tapper") counts, and so does a label in capitals when two of them take turns ("HOLT:" and
    "FALLIN:", each twice or more); never a dateline, a place or a label such as "Photo". Quoted
    words after it are the person's; what is not quoted throughout is also the person's paraphrase
    (indirect)."""
    out: list[Found] = []
    matches = list(LABEL.finditer(index(doc).text))
    capitals = Counter(m.group("label") for m in matches if _capital_name(m.group("label")))
    if sum(n >= 2 for n in capitals.values()) < 2:
        capitals.clear()  # a dialogue has two speakers taking turns; "UPDATE:" twice is no one
    for m in matches:
        label = doc.char_span(m.start("label"), m.end("label"), alignment_mode="contract")
        if label is None:
            continue
        words = [t for t in label if not t.is_punct]
        # "Mukasey at RNC:", "Clinton to Planned Parenthood:": the speaker, then where or to whom
        words = words[: next((n for n, t in enumerate(words) if n and t.lower_ in LABEL_LINKS), len(words))]
        if not words or len(words) > LABEL_WORDS or not all(t.text[:1].isupper() for t in words):
            continue
        last = words[-1]
        ent = index(doc).entity_at(last.i)
        named = ent is not None and ent.label_ in ("PERSON", "ORG") and ent.start_char >= m.start("label")
        turns = capitals[m.group("label")] >= 2  # a transcript's speaker: "TAPPER:", "FALLIN:", ...
        if not (named or turns or fold(last.text) in speakers.surnames) or last.idx in speakers.place_at:
            continue
        speaker = speakers.resolve(last)
        if (speaker is None or speaker.kind != "person") and turns and not ent:
            speaker = speakers.turn_taker(label)
        if speaker is None or speaker.kind not in ("person", "organisation"):
            continue
        start = m.start("said")
        end = start + len(m.group("said").rstrip(" ."))
        cue = f"{label.text}:"  # the words that attribute it, as a reader sees them
        inside = [i for i, f in enumerate(found) if start <= f.start and f.end <= end + 1]
        covered = sum(found[i].end - found[i].start for i in inside if found[i].kind == "direct")
        for i in inside:
            if found[i].speaker is None:
                found[i] = replace(found[i], speaker=speaker, cue=cue)
        if covered < 0.9 * (end - start) - 2:
            out.append(Found(start, end, "indirect", speaker, cue))
    return found, out


def _capital_name(label: str) -> bool:
    """ "TAPPER", "JAKE TAPPER": a transcript's label in capitals, not "Q" or "A"."""
    words = label.split()
    return 0 < len(words) <= 3 and all(w.isalpha() and w.isupper() and len(w) >= 3 for w in words)


def _inside(f: Found, g: Found) -> bool:
    return g.start <= f.start and f.end <= g.end


def _carried_on(doc: Doc, found: list[Found], indirect: list[Found]) -> list[Found]:
    """A quoted sentence with no cue right after a sentence of reported speech ("Heald noted the
    findings matter. “An air-quality cleanup would improve yields.”") is the same speaker going on,
    as news writes it and attribution corpora annotate it."""
    said = [g for g in indirect if g.kind == "indirect" and g.speaker is not None]
    out = []
    for f in found:
        if f.speaker is None and f.kind == "direct":
            before = next(
                (g for g in said if g.end <= f.start and _next_to(doc, (g.start, g.end), (f.start, f.end))),
                None,
            )
            if before is not None:
                f = replace(f, speaker=before.speaker, via=before.via, cue=f"{before.cue}, continued")
        out.append(f)
    return out


JOIN_GAP_WORDS = 8
"""At most this many words between two quoted pieces of one speaker (", he said, ", ", said the
minister of finance. ") for them to be one quote."""


def _joined(doc: Doc, found: list[Found]) -> list[Found]:
    """One quote for a quotation its attribution interrupts ("A," he said, "B") or that goes on right
    after the sentence attributing it ("A," he said. "B"), as attribution corpora annotate it: pieces
    of the same speaker in one paragraph with only their attribution between them, and never two
    with cues of their own ("A," she said. "B," she added)."""
    text = index(doc).text
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        gap = text[prev.end : f.start] if prev is not None else ""
        set_off = gap.rstrip(" \"'\u201c\u2018")[-1:] in (",", ":", ".", "")  # not "calling it “a farce”"
        if (
            prev is not None
            and prev.kind == "direct"
            and (f.kind == "direct" or (f.kind == "partial" and set_off))
            and f.speaker is not None
            and f.speaker is prev.speaker
            and f.via is prev.via
            and (f.cue_at is None or prev.cue_at is None or f.cue_at == prev.cue_at)
            and _gap_joins(doc, prev, f)
        ):
            parts = prev.parts or ((prev.start, prev.end),)
            cue = prev.cue if prev.cue and not prev.cue.endswith(", continued") else f.cue
            out[-1] = Found(
                prev.start,
                f.end,
                "direct",
                prev.speaker,
                cue,
                prev.via,
                (*parts, (f.start, f.end)),
                prev.cue_at if prev.cue_at is not None else f.cue_at,
            )
        else:
            out.append(f)
    return out


def _gap_joins(doc: Doc, prev: Found, f: Found) -> bool:
    """Between two quoted pieces: no paragraph break, and their marks with at most a short
    attribution, or only the words of their attribution however long ("," said Ann Lee, a nurse who
    has worked there since 1990. "): its cue and what hangs on it, nothing of another clause."""
    gap = index(doc).text[prev.end : f.start]
    if "\n" in gap:
        return False
    words = [w for w in gap.split() if any(ch.isalnum() for ch in w)]
    if len(words) <= JOIN_GAP_WORDS:
        return True
    cue_at = prev.cue_at if prev.cue_at is not None else f.cue_at
    between = _tokens_between(doc, prev.end, f.start)
    if cue_at is None or between is None or not between.start <= cue_at < between.end:
        return False
    cue = doc[cue_at]
    return all(t.is_punct or t.is_space or t.i == cue_at or cue.is_ancestor(t) for t in between)


def _continues(doc: Doc, previous: Found, passage: Marked) -> bool:
    """A quote with no cue right after one that has a speaker: the same person still talking
    (the next sentence, or the opening of the next paragraph)."""
    return previous.kind != "indirect" and _next_to(
        doc, (previous.start, previous.end), (passage.start, passage.end)
    )


def _next_to(doc: Doc, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the sentence where ``second`` starts comes right after the one where ``first`` ends,
    with no sentence between (a paragraph break may be)."""
    a = _tokens_between(doc, *first)
    b = _tokens_between(doc, *second)
    if a is None or b is None:
        return False
    gap = doc[index(doc).sentence_of(a[-1].i).end : index(doc).sentence_of(b[0].i).start]
    return all(t.is_space for t in gap)


def reporting_matcher(vocab: Vocab, lex: Lexicon) -> Matcher:
    """Where indirect speech can be: a reporting verb ("argued", "noted") or "according". Each hit's
    own children and head then say which frame it is (``_frames``). This keeps the work linear in
    a sentence's length; spaCy's DependencyMatcher with the same three patterns was measured
    quadratic in it (1.6 s on one 6,000-token sentence, 0.3 s on 3,000)."""
    lemmas = [lemma for lemma, cue in lex.cues.items() if cue.kind in ATTRIBUTING_KINDS]
    matcher = Matcher(vocab)
    matcher.add("CUE", [[{"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "AUX"]}}]])
    matcher.add("ACCORDING_TO", [[{"LOWER": "according"}]])
    return matcher


Frame = tuple[str, Token, Token | None, Token | None]
"""(kind, cue, head of the reported content, subject) of one frame of reported speech."""
OBJECT_COMPLEMENTS = ("oprd", "acomp")
OBJECT_PREPOSITIONS = ("of", "for", "as", "over")
CIRCUMSTANCE_WORDS = frozenset(
    {"during", "at", "after", "before", "since", "until", "amid", "while", "when", "though", "although",
     "even", "because", "despite", "unless", "whereas"}
)  # fmt: skip


def _frames(doc: Doc, matcher: Matcher, lex: Lexicon) -> Iterator[Frame]:
    """ "X argued that ..." (THAT_CLAUSE: the cue's clausal complement), "..., he suggested, ..."
    (PARENTHETICAL: a cue in parataxis to the verb of what it reports, or in "as X said, ..."), "X
    urged Y to act" and "X wants to run" (CONTROL: what the cue's open complement says), "X accused
    Y of lying", "X called the plan a gamble", "X backs the bill" (OBJECT: a verb whose object is
    what it reports, ``object_cues``) and "according to X"."""
    object_cues = lex.words("object_cues")
    for match_id, start, _ in matcher(doc):
        tok = doc[start]
        if doc.vocab.strings[match_id] == "ACCORDING_TO":
            for to in (c for c in tok.children if c.lower_ == "to"):
                for pobj in (g for g in to.children if g.dep_ == "pobj"):
                    yield "ACCORDING_TO", tok, None, pobj
            continue
        children = list(tok.children)
        clauses = (
            [c for c in children if c.dep_ == "ccomp"] or _misattached_clause(tok) or _question(tok, lex)
        )
        for n, child in enumerate(clauses):
            if n and _reports_itself(child, lex):
                continue  # "they were worried, and more than 4 in 10 said ...": a report of its own
            yield "THAT_CLAUSE", tok, child, None
        aside = tok.dep_ == "parataxis" and tok.head.i != tok.i
        if aside and (tok.head.pos_ in ("VERB", "AUX") or _set_off(tok)):
            for child in children:
                if child.dep_ == "nsubj":
                    yield "PARENTHETICAL", tok, tok.head, child
        if _as_clause(tok, children):
            for child in children:
                if child.dep_ == "nsubj":
                    yield "PARENTHETICAL", tok, tok.head, child
            continue
        if clauses or tok.dep_ == "parataxis":
            continue
        control = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if control is not None and _withheld(control):
            continue
        if control is not None:
            yield "CONTROL", tok, control, None
        elif (obj := _object(tok, children)) is not None and (
            tok.lemma_.lower() in object_cues or any(c.dep_ == "oprd" for c in children)
        ):
            yield "OBJECT", tok, obj, None  # what it names with a complement: "called the plan a “gamble”"
        elif (prep := _preposition(tok, children, lex)) is not None:
            yield "PREPOSITION", tok, prep, None


def _set_off(cue: Token) -> bool:
    """ "The tool, Ms. Lee said, is ...": an aside between commas, whatever word the parser hung it
    on (a noun, where it misread the sentence's verb)."""
    doc = cue.doc
    first, last = cue.left_edge.i, _aside_end(cue)
    while first < cue.i and doc[first].is_punct:
        first += 1
    while last > cue.i and doc[last].is_punct:
        last -= 1
    return first > 0 and doc[first - 1].text == "," and last + 1 < len(doc) and doc[last + 1].text == ","


def _object(cue: Token, children: list[Token]) -> Token | None:
    """The cue's object; when the parser made the object itself a complement ("called both Trump
    and Clinton “crazy”": two ``oprd``), the first word after the cue."""
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is None and any(c.dep_ == "oprd" for c in children):
        obj = next((c for c in cue.rights if not c.is_punct), None)
    return obj


def _withheld(verb: Token) -> bool:
    """ "asked not to be named", "declined to be identified": how a source stays anonymous, not
    something it said."""
    return verb.lemma_ in ("name", "identify") and any(c.dep_ == "auxpass" for c in verb.children)


def _preposition(cue: Token, children: list[Token], lex: Lexicon) -> Token | None:
    """The preposition that brings in what the cue reports ("called for a ceasefire", "voted against
    the bill", "calling for the US to act", which the parser may read as a clause's "for")."""
    pairs = lex.words("prepositional_cues")
    lemma = cue.lemma_.lower()
    return next(
        (c for c in children if c.dep_ == "prep" and c.i > cue.i and f"{lemma} {c.lower_}" in pairs),
        None,
    ) or next(
        (
            m
            for c in children
            if c.dep_ == "advcl" and c.i > cue.i
            for m in c.children
            if m.dep_ == "mark" and m.i == c.left_edge.i and f"{lemma} {m.lower_}" in pairs
        ),
        None,
    )


def _misattached_clause(cue: Token) -> list[Token]:
    """ "said during a news conference that ...", "says in a statement that ...": the that-clause
    the parser hung on the noun of a phrase between the cue and it, as a relative clause. A clause
    opened by the conjunction "that" (its ``mark``, where a relative "that" is its subject or object)
    is what the cue reports; looked for one or two phrases down ("in an interview with the BBC")."""
    nouns = [
        g for p in cue.children if p.dep_ == "prep" and p.i > cue.i for g in p.children if g.dep_ == "pobj"
    ]
    nouns += [
        g for n in nouns for p in n.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
    ]
    return [
        c
        for n in nouns
        for c in n.children
        if c.dep_ in ("relcl", "acl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ][:1]


def _question(cue: Token, lex: Lexicon) -> list[Token]:
    """What the parser hung on the cue as an adverbial clause but is what it reports: an indirect
    question ("asked voters if they planned to attend", "did not say whether ..."; an "if" clause
    only after a verb of asking, since after "said" it is a condition), or a condition that holds
    the reported clause ("said if the rain stops they will reopen the road")."""
    opener = ("whether", "if") if cue.lemma_.lower() in lex.words("question_cues") else ("whether",)
    for c in cue.children:
        if c.dep_ != "advcl" or not cue.i < c.left_edge.i <= cue.i + 3:
            continue  # right after the cue ("asked voters if"), not "if asked, she said"
        marks = [m.lower_ for m in c.children if m.dep_ == "mark"]
        if any(m in opener for m in marks) or (marks and any(g.dep_ == "ccomp" for g in c.children)):
            return [c]
    return []


def _as_clause(cue: Token, children: list[Token]) -> bool:
    """ "As X said on Monday, ...", "..., as she told reporters": a reporting verb in an "as" clause
    that says nothing itself (no clause, no object but the audience of "told") frames the sentence
    around it; "as she said goodbye" does not."""
    if cue.dep_ != "advcl" or cue.head.i == cue.i or cue.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in children):
        return False
    says = [c for c in children if c.dep_ in ("ccomp", "xcomp", "dobj")]
    return all(c.dep_ == "dobj" and cue.lemma_ == "tell" for c in says)


def _content(
    doc: Doc, lo: int, hi: int, hole: tuple[int, int], drop: set[int], least: int = 3
) -> tuple[int, int] | None:
    """Character range of the words of tokens [lo, hi) outside the token range ``hole`` (and the
    tokens in ``drop``), with no space or punctuation at either end; None under ``least`` tokens.
    Walks only from the ends inward, so a long sentence costs no more than a short one."""

    def indexes(reverse: bool) -> Iterator[int]:
        parts = [range(lo, min(hi, hole[0])), range(max(lo, hole[1] + 1), hi)]
        for part in reversed(parts) if reverse else parts:
            yield from (reversed(part) if reverse else part)

    def words(reverse: bool) -> Iterator[Token]:
        for i in indexes(reverse):
            t = doc[i]
            if not (t.is_space or t.is_punct or i in drop):
                yield t

    first, last = next(words(False), None), next(words(True), None)
    if first is None or last is None:
        return None
    count = 0
    for i in indexes(False):
        if first.i <= i <= last.i and not doc[i].is_space and i not in drop:
            count += 1
            if count == least:
                return first.idx, _closed(index(doc).text, first.idx, last.idx + len(last.text))
        elif i > last.i:
            break
    return None


def _closed(text: str, start: int, end: int) -> int:
    """The end of a content range, taking in the closing mark of a quotation it opens ("called the
    plan a “gamble”"), so no content is shown with half its quotation marks."""
    words = text[start:end]
    opened = words.count("\u201c") > words.count("\u201d") or words.count('"') % 2 == 1
    if not opened:
        return end
    close = end + 1 if text[end : end + 1] in ".,!?" else end  # “rotten to the core.”
    return close + 1 if text[close : close + 1] in ("\u201d", '"') else end


def _indirect(doc: Doc, speakers: Speakers, quoted: list[tuple[int, int]], matcher: Matcher) -> list[Found]:
    """Reported speech: "Okafor noted that ...", "..., he suggested, ...", "according to the
    ministry, ...". A paraphrase may hold a few quoted words (they are also partial quotes); one that
    holds a whole quoted sentence is that quotation's framing, not a paraphrase."""
    out: list[Found] = []
    taken: set[int] = set()
    spans = sorted(quoted)
    starts = [s for s, _ in spans]

    def overlaps(start: int, end: int) -> bool:
        """Whether [start, end) meets a direct quote (they never overlap each other)."""
        i = bisect_left(starts, end) - 1
        return i >= 0 and spans[i][1] > start

    lex = speakers.lex
    for label, cue, head, subject in _frames(doc, matcher, lex):
        subject = subject or _subject(cue, lex)
        controls = label in ("CONTROL", "OBJECT", "PREPOSITION")
        if subject is None or (label != "ACCORDING_TO" and not _is_cue(cue, lex, controls=controls)):
            continue
        if subject.lower_ in ("i", "we", "you", "this", "that"):
            continue
        if overlaps(cue.idx, cue.idx + 1):
            continue  # "I think" inside a quotation is the quotation's business
        sent = index(doc).sentence_of(cue.i)
        sent = doc[max(sent.start, cue.i - FRAME_TOKENS) : min(sent.end, cue.i + FRAME_TOKENS)]
        parts: tuple[tuple[int, int], ...] = ()
        if label == "THAT_CLAUSE" and head is not None and head.i < cue.i:
            pieces = _fronted(doc, cue, head, lex)
            found = (pieces[0][0], pieces[-1][1]) if pieces else None
            parts = pieces if len(pieces) > 1 else ()
        elif label == "THAT_CLAUSE" and head is not None:
            # "that" is no part of the content; "whether" and "if" are ("asked if they would come")
            marks = {c.i for c in head.children if c.dep_ == "mark" and c.lower_ == "that"}
            found = _content(doc, head.left_edge.i, _goes_on(cue, head, lex) + 1, (-1, -1), marks)
        elif label == "PREPOSITION" and head is not None:
            found = _after_preposition(doc, cue, head)
        elif controls and head is not None:
            found = _complement(doc, cue, head, label, lex)
        elif label == "PARENTHETICAL":
            found = _content(doc, sent.start, sent.end, (cue.left_edge.i, _aside_end(cue)), set())
            pieces = _around(doc, sent.start, sent.end, (cue.left_edge.i, _aside_end(cue)))
            parts = pieces if found is not None and len(pieces) > 1 else ()
        else:
            found = _content(doc, sent.start, sent.end, (cue.left_edge.i, cue.right_edge.i), set())
        if found is None:
            continue
        start, end = found
        if overlaps(start, end) or start in taken:
            continue
        inside = any(a <= subject.idx < b for a, b in parts or (found,))
        if inside and subject.i > cue.i and label not in ("PARENTHETICAL", "ACCORDING_TO"):
            continue  # "Campaigning for his wife, Bill Clinton said": no content holds its own speaker
        speaker = speakers.resolve(subject, cited=label == "ACCORDING_TO")
        if speaker is None:
            continue
        taken.add(start)
        via = _intermediary(list(sent), speakers)
        entry = lex.cues.get(cue.lemma_.lower())
        kind: QuoteKind = "stance" if entry is not None and entry.kind == "stance" else "indirect"
        out.append(Found(start, end, kind, speaker, cue.text, via if via is not speaker else None, parts))
    return out


ASIDE_DEPS = ("nsubj", "dobj", "dative", "prt", "npadvmod", "advmod", "punct")
"""What goes with a parenthetical cue itself: "..., he told reporters on Monday, ...", "..., said
Ann Lee, a senior fellow"."""


def _aside_end(cue: Token) -> int:
    """The last token of an attribution set inside what it reports ("the Times said", "he told
    reporters on Monday"): the cue and the words right after it that belong to it (its audience, a
    time); whatever the parser hangs on the cue beyond them ("..., the Times said, including
    speeches") is the reported content going on."""
    end = cue.i
    for c in cue.rights:
        if c.left_edge.i != end + 1:
            break
        dated = c.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)
        if not (c.dep_ in ASIDE_DEPS or dated):
            break
        end = c.right_edge.i
    return end


def _fronted(doc: Doc, cue: Token, head: Token, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    """ "The emails were on work, the Times said, including speeches": reported content before its
    cue, and its piece after the attribution when it goes on, up to another cue ("..., adding
    that ...")."""
    subject = next((c for c in cue.lefts if c.dep_.startswith("nsubj") and c.i > head.i), None)
    hole = (subject.left_edge.i if subject is not None else cue.i, _aside_end(cue))
    last = hole[1]
    for c in cue.rights:
        if c.i <= hole[1]:
            continue
        if _cue_verb(c, lex):
            break
        last = c.right_edge.i
    marks = {c.i for c in head.children if c.dep_ == "mark"}
    return _around(doc, head.left_edge.i, last + 1, hole, marks)


def _around(
    doc: Doc, lo: int, hi: int, hole: tuple[int, int], drop: set[int] | None = None
) -> tuple[tuple[int, int], ...]:
    """The pieces of tokens [lo, hi) on either side of an attribution set inside them (``hole``):
    the words before it, and those after it when there are any; nothing without words before."""
    before = _content(doc, lo, hole[0], (-1, -1), drop or set())
    after = _content(doc, hole[1] + 1, hi, (-1, -1), set(), least=1)
    return tuple(p for p in (before, after) if p is not None) if before is not None else ()


def _complement(doc: Doc, cue: Token, head: Token, label: str, lex: Lexicon) -> tuple[int, int] | None:
    """What a CONTROL or OBJECT cue reports: from its object (the one urged, accused, backed) to the
    end of what is said of it ("Congress to act", "Trump of lying", "the plan a “gamble”")."""
    first = head.left_edge.i
    last = _own_end(head, lex)
    if label == "CONTROL":  # the one urged: "urged Congress to act", "called on the U.S. to act"
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i < head.i), None) or next(
            (
                g
                for p in cue.children
                if p.dep_ == "prep" and p.i < head.i and p.lower_ in ("on", "upon", "for")
                for g in p.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        first = obj.left_edge.i if obj is not None else first
    else:
        for c in cue.rights:
            if c.i <= head.i or (c.is_punct and c.is_quote):
                continue  # the quotation marks around a complement: “rotten to the core”
            if _cue_verb(c, lex):
                break  # "..., saying ...": a report of its own
            if not (
                c.dep_ in OBJECT_COMPLEMENTS
                or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS)
                or (c.dep_ in ("prep", "advcl", "xcomp") and not _circumstance(c))
            ):
                break
            last = max(last, _own_end(c, lex))
    return _content(doc, first, last + 1, (-1, -1), set(), least=1 if label == "OBJECT" else 2)


def _circumstance(phrase: Token) -> bool:
    """A phrase that says when or where something was said ("on Tuesday", "in Iowa", "during a
    speech", "after meeting him"), not what: it names a time or a place, or opens with a word of
    circumstance."""
    return (
        phrase.lower_ in CIRCUMSTANCE_WORDS
        or phrase.left_edge.lower_ in CIRCUMSTANCE_WORDS
        or any(t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT") for t in phrase.subtree)
    )


def _goes_on(cue: Token, clause: Token, lex: Lexicon) -> int:
    """The last token of what a cue reports in its clause ("told a town hall that waterboarding is
    “peanuts,” compared to what militants do"): the clause, and the phrases the parser hangs on the
    cue after it that say more of it, not when or where it was said, nor another cue."""
    last = _own_end(clause, lex)
    if last < clause.right_edge.i:
        return last
    for c in cue.rights:
        if c.i <= clause.i or c.is_punct:
            continue
        if c.dep_ not in ("prep", "advcl") or _circumstance(c) or c.lemma_.lower() in lex.cues:
            break
        last = c.right_edge.i
    return last


def _cue_verb(token: Token, lex: Lexicon) -> bool:
    """A verb of the cue lexicon ("adding", "saying"): where what an earlier cue reports ends."""
    return token.lemma_.lower() in lex.cues and token.pos_ in ("VERB", "AUX")


def _reports_itself(verb: Token, lex: Lexicon) -> bool:
    """A speech or writing verb with its own subject or clause and no "that" before it: a report
    of its own, not part of the one it is coordinated with ("... and that ..." is)."""
    entry = lex.cues.get(verb.lemma_.lower())
    return (
        entry is not None
        and entry.kind in ("speech", "writing")
        and verb.pos_ in ("VERB", "AUX")
        and any(
            c.dep_.startswith("nsubj") or c.dep_ == "ccomp" or (c.dep_ == "nummod" and c.i < verb.i)
            for c in verb.children
        )  # "and more than 4 in 10 said ...": the share read as a number of the verb
        and not any(c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in verb.children)
    )


def _own_end(clause: Token, lex: Lexicon) -> int:
    """The last token of a reported clause, before a report of its own that the parser coordinated
    with it ("he had momentum and said that ...", "tell him so and tells the crowd he ...") or a
    finite verb, which cannot be coordinated with an infinitive or a modal's verb and so goes with
    the cue ("called on the U.S. to attack the oil and proposed a safe zone", "insists the party
    must be one of ideas, and has championed ...")."""
    last = clause.right_edge.i
    for t in clause.subtree:
        if t.dep_ not in ("conj", "advcl") or t.pos_ not in ("VERB", "AUX") or t.i > last or t.i == clause.i:
            continue
        finite_after_infinitive = (
            t.dep_ == "conj"
            and _finite(t)
            and not any(c.dep_.startswith("nsubj") for c in t.children)
            and _unfinite(t.head)
        )
        # "..., while Sanders suggests ...", "..., claiming that ...": a report of its own
        participle = t.dep_ == "advcl" and t.tag_ == "VBG" and _cue_verb(t, lex)
        if _reports_itself(t, lex) or finite_after_infinitive or participle:
            last = min(last, t.left_edge.i - 1)
    doc = clause.doc
    while last > clause.i and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    return last


def _finite(verb: Token) -> bool:
    """A verb in the past or third-person present, itself or through its auxiliary ("left", "has
    championed"): it cannot share the subject of an infinitive or of a modal ("must be")."""
    return verb.tag_ in ("VBD", "VBZ") or any(
        c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ") for c in verb.children
    )


def _unfinite(verb: Token) -> bool:
    """A verb whose tense no word of its group carries: an infinitive, a modal's verb ("would
    rebuild"), a subjunctive ("that more troops be left")."""
    group = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ != "VB" and not group:
        return False
    return not any(t.tag_ in ("VBD", "VBZ", "VBP") for t in (verb, *group))


def _after_preposition(doc: Doc, cue: Token, prep: Token) -> tuple[int, int] | None:
    """What a prepositional cue reports: the words after its preposition, with the clause that goes
    on from them ("for the secretary to release the transcripts")."""
    last = prep.right_edge.i if prep.dep_ == "prep" else prep.head.right_edge.i
    for c in cue.children:
        if c.i > prep.i and c.dep_ in ("advcl", "xcomp") and c.left_edge.lower_ not in CIRCUMSTANCE_WORDS:
            last = max(last, c.right_edge.i)
    return _content(doc, prep.i + 1, last + 1, (-1, -1), set(), least=1)
