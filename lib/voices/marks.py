"""Quoted passages found by their quotation marks, before anyone is attributed anything.

Handles curly and straight double quotes, British single quotes, quotes nested inside quotes, and
quotes that run over several paragraphs (each paragraph reopens the quote and only the last closes
it): those come out as one passage per paragraph, linked so that the speaker carries over.
"""

from __future__ import annotations

from dataclasses import dataclass

OPEN_DOUBLE = "\u201c"
CLOSE_DOUBLE = "\u201d"
OPEN_SINGLE = "\u2018"
CLOSE_SINGLE = "\u2019"
OPENERS_BEFORE = " \n\t([{\u2014\u2013-/:"  # characters after which a straight quote opens


@dataclass(frozen=True)
class Marked:
    """The words between a pair of quotation marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    continues: bool = False  # reopened at a paragraph start, continuing the previous paragraph's quote


def _opens_straight(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in OPENERS_BEFORE


def _double_quotes(text: str) -> list[Marked]:
    found: list[Marked] = []
    start: int | None = None
    continuing = False
    for i, ch in enumerate(text):
        if ch == "\n" and start is not None and text[i : i + 2] == "\n\n":
            # Paragraph ends inside a quote: close it here; if the next paragraph reopens, continue.
            nxt = i + 2
            if start < i:
                found.append(Marked(start, i, continuing))
            reopened = nxt < len(text) and text[nxt] in (OPEN_DOUBLE, '"')
            start, continuing = (nxt + 1, True) if reopened else (None, False)
            continue
        if start is not None and i < start:
            continue
        is_open = ch == OPEN_DOUBLE or (ch == '"' and start is None and _opens_straight(text, i))
        is_close = ch == CLOSE_DOUBLE or (ch == '"' and start is not None)
        if start is None and is_open:
            start, continuing = i + 1, False
        elif start is not None and is_close:
            if start < i:
                found.append(Marked(start, i, continuing))
            start, continuing = None, False
    if start is not None and start < len(text):
        found.append(Marked(start, len(text), continuing))
    return found


def _single_quotes(text: str, taken: list[Marked]) -> list[Marked]:
    """British-style ‘quotes’: an opening mark after a space, a closing one not followed by a letter
    (so the apostrophes of “Tehran’s” and “don’t” are never mistaken for quotation marks)."""
    inside = [(m.start, m.end) for m in taken]
    found = []
    i = 0
    while i < len(text):
        j = text.find(OPEN_SINGLE, i)
        if j < 0:
            break
        if (j == 0 or text[j - 1] in OPENERS_BEFORE) and not any(s <= j < e for s, e in inside):
            k = j + 1
            while True:
                k = text.find(CLOSE_SINGLE, k)
                if k < 0 or "\n\n" in text[j:k]:
                    k = -1
                    break
                after = text[k + 1 : k + 2]
                if not after.isalpha():
                    break
                k += 1
            if k > j + 1:
                found.append(Marked(j + 1, k))
                i = k + 1
                continue
        i = j + 1
    return found


def quoted_passages(text: str) -> list[Marked]:
    """Every quoted passage in text order; single-quoted passages inside double quotes are left
    to the passage that contains them."""
    double = _double_quotes(text)
    return sorted(double + _single_quotes(text, double), key=lambda m: m.start)
