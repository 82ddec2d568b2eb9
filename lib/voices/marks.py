"""Quoted passages found by their quotation marks, before anyone is attributed anything.

Handles curly and straight double quotes, British single quotes, quotes nested inside quotes, and
quotes that run over several paragraphs (each paragraph reopens the quote and only the last closes
it): those come out as one passage per paragraph, linked so that the speaker carries over.
"""

from __future__ import annotations

from bisect import bisect_right
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


def _closes_as_typed(text: str, i: int) -> bool:
    """An opening curly mark typed where a closing one belongs ("“We will win,“ he said"): right
    after a word or its punctuation and before a space or the text's end, never before a word."""
    return (
        text[i] == OPEN_DOUBLE
        and i > 0
        and not text[i - 1].isspace()
        and (i + 1 == len(text) or text[i + 1].isspace())
    )


def _double_quotes(text: str) -> list[Marked]:
    found: list[Marked] = []
    start: int | None = None
    continuing = False
    for i, ch in enumerate(text):
        if ch == "\n" and start is not None and text[i : i + 2] == "\n\n":
            # Paragraph ends inside a quote: close it here; if the next paragraph reopens, continue.
            nxt = i + 2
            if text[start:i].strip():
                found.append(Marked(start, i, continuing))
            reopened = nxt < len(text) and text[nxt] in (OPEN_DOUBLE, '"')
            start, continuing = (nxt + 1, True) if reopened else (None, False)
            continue
        if start is not None and i < start:
            continue
        is_open = ch == OPEN_DOUBLE or (ch == '"' and start is None and _opens_straight(text, i))
        is_close = ch == CLOSE_DOUBLE or (ch == '"' and start is not None) or _closes_as_typed(text, i)
        if start is None and is_open:
            start, continuing = i + 1, False
        elif start is not None and is_close:
            if text[start:i].strip():  # an empty pair (“ ”) quotes nothing
                found.append(Marked(start, i, continuing))
            start, continuing = None, False
    if start is not None and text[start:].strip():
        found.append(Marked(start, len(text), continuing))
    return found


def _single_quotes(text: str, taken: list[Marked]) -> list[Marked]:
    """British-style ‘quotes’: an opening mark after a space, a closing one not followed by a letter
    (so the apostrophes of “Tehran’s” and “don’t” are never mistaken for quotation marks), in the
    same paragraph. Closing marks and paragraph ends are listed once and searched by bisection, so
    the scan stays linear however many apostrophes follow an unclosed mark."""
    closes = [k for k in _positions(text, CLOSE_SINGLE) if not text[k + 1 : k + 2].isalpha()]
    breaks = _positions(text, "\n\n")
    starts = [m.start for m in taken]
    found: list[Marked] = []
    after_last = 0
    for j in _positions(text, OPEN_SINGLE):
        if j < after_last or not (j == 0 or text[j - 1] in OPENERS_BEFORE):
            continue
        inner = bisect_right(starts, j) - 1
        if inner >= 0 and j < taken[inner].end:
            continue  # inside a double-quoted passage
        c = bisect_right(closes, j)
        b = bisect_right(breaks, j)
        paragraph_end = breaks[b] if b < len(breaks) else len(text)
        if c < len(closes) and closes[c] < paragraph_end and text[j + 1 : closes[c]].strip():
            found.append(Marked(j + 1, closes[c]))
            after_last = closes[c] + 1
    return found


def _positions(text: str, mark: str) -> list[int]:
    """Every offset where ``mark`` occurs, in order."""
    out, i = [], text.find(mark)
    while i >= 0:
        out.append(i)
        i = text.find(mark, i + 1)
    return out


def quoted_passages(text: str) -> list[Marked]:
    """Every quoted passage in text order; single-quoted passages inside double quotes are left
    to the passage that contains them."""
    double = _double_quotes(text)
    return sorted(double + _single_quotes(text, double), key=lambda m: m.start)
