"""Acronyms an article defines ("Reporters Without Borders (RWB)"), so that a speaker met by its
acronym and by its full name is one voice, named in full.

A definition is the Schwartz-Hearst shape news uses: capitalised words, then the acronym in brackets,
the acronym's capitals being the initials of those words (joiners such as "of" and "the" may sit
between them: "Human Rights Commission of Pakistan (HRCP)"). The shortest such run of words is the
full name. Acronyms the article never spells out are left to the organisations lexicon.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

JOINERS = frozenset({"of", "the", "for", "and", "on", "in", "&", "de", "du", "des", "la", "le", "del", "der"})
MAX_WORDS = 10


def defined_acronyms(doc: Doc) -> dict[str, Span]:
    """Each acronym the article defines, with the words that spell it out (its first definition)."""
    found: dict[str, Span] = {}
    for t in doc[2:-1]:
        if doc[t.i - 1].text != "(" or doc[t.i + 1].text != ")" or t.text in found:
            continue
        capitals = "".join(c for c in t.text if c.isupper())
        if len(capitals) < 2 or not t.text.isalpha() or not t.text[0].isupper():
            continue
        long = _spelled_out(doc, t.i - 1, capitals)
        if long is not None:
            found[t.text] = long
    return found


def _spelled_out(doc: Doc, end: int, capitals: str) -> Span | None:
    """The shortest run of words just before ``end`` whose initials are ``capitals``."""
    for start in range(end - 1, max(end - MAX_WORDS, 0) - 1, -1):
        word = doc[start]
        if word.is_punct or not (word.text[:1].isupper() or word.lower_ in JOINERS):
            return None
        if not word.text[:1].isupper():
            continue
        initials = "".join(w.text[0] for w in doc[start:end] if w.text[:1].isupper())
        if initials == capitals:
            return doc[start:end]
        if len(initials) > len(capitals):
            return None
    return None
