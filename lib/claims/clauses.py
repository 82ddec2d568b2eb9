"""Claims at clause level: a sentence that asserts one thing and predicts another gives two claims.

A clause is a verb with its own subject (or a verb coordinated with one), with the words it governs
minus the clauses nested in it. The frame of reported speech ("Okafor noted that ...") is not a
claim of its own: what is reported is. Questions claim nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from lib.lexicon import REPORTING_KINDS, Lexicon

CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"}
SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}


def _is_head(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in CLAUSE_DEPS:
        return False
    if tok.dep_ in ("ROOT", "conj"):
        return True
    return any(c.dep_ in SUBJECTS for c in tok.children)


def _is_frame(tok: Token, lex: Lexicon) -> bool:
    """ "X said that ...": a reporting verb whose content is a clause of its own."""
    entry = lex.cues.get(tok.lemma_.lower())
    return (
        entry is not None
        and entry.kind in REPORTING_KINDS
        and any(c.dep_ in ("ccomp", "parataxis") and _is_head(c) for c in tok.children)
        and not any(c.dep_ in ("dobj", "oprd") for c in tok.children)
    )


def clause_spans(sent: Span, lex: Lexicon, min_words: int) -> list[Span]:
    """The claims of one sentence, as token spans in text order; a clause needs ``min_words`` words."""
    connectives = lex.words("clause_connectives")
    doc: Doc = sent.doc
    if sent.text.rstrip().rstrip("\u201d\"'").endswith("?"):
        return []
    heads = {t.i for t in sent if _is_head(t)}
    if not heads:
        return [sent] if len([t for t in sent if t.is_alpha]) >= min_words else []
    members: dict[int, list[int]] = {}
    for i, head in sorted(_owners(sent, heads).items()):
        members.setdefault(head, []).append(i)
    spans = []
    for head in sorted(heads):
        if _is_frame(doc[head], lex):
            continue
        mine = members.get(head, [head])
        run = _run_around(mine, head)
        start, end = run[0], run[-1] + 1
        while start < end and (
            doc[start].is_punct or doc[start].is_space or doc[start].lower_ in connectives
        ):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and not doc[end - 1].is_quote:
            end -= 1
        span = doc[start:end]
        if len([t for t in span if t.is_alpha]) >= min_words:
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _owners(sent: Span, heads: set[int]) -> dict[int, int]:
    """The clause head each token of a sentence belongs to: the nearest head above it (the first
    head when none is). Each token's answer is its head's, remembered, so a deep parse costs no
    more than a flat one."""
    up = {t.i: t.head.i for t in sent}
    first = min(heads)
    owner: dict[int, int] = {}
    for i in up:
        path = []
        j = i
        while j not in owner:
            if j in heads:
                owner[j] = j
                break
            h = up[j]
            if h == j or h not in up:  # the sentence's root, or a head outside the sentence
                owner[j] = first
                break
            path.append(j)
            j = h
        for k in path:
            owner[k] = owner[j]
    return owner


def _run_around(indexes: list[int], center: int) -> list[int]:
    """The contiguous run of token indexes that contains ``center`` (tolerating one-token gaps,
    such as a comma owned by another clause)."""
    run = [center]
    pool = set(indexes)
    i = center - 1
    while i in pool or (i - 1 in pool and i >= min(indexes)):
        if i in pool:
            run.insert(0, i)
        i -= 1
    i = center + 1
    while i in pool or (i + 1 in pool and i <= max(indexes)):
        if i in pool:
            run.append(i)
        i += 1
    return run
