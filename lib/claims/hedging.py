"""Hedges and boosters, and the certainty they leave a claim with.

The lexicon (``lib/claims/data/hedges.csv``) gives each cue the certainty it signals: "could",
"reportedly" -> low; "likely", "expected" -> medium; "certainly", "will" -> high. A claim takes the
lowest certainty among its cues; a tentative or distancing reporting verb ("suggested", "claimed")
counts as a cue of the claims it reports. The scope of a cue is the clause it sits in.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from spacy.tokens import Span

DATA = Path(__file__).resolve().parent / "data"
ORDER = {"low": 0, "medium": 1, "high": 2}
APPROXIMATORS = {"about", "around"}  # hedges only before a number
INTENTIONS = {"aim", "plan", "intend", "expect", "hope"}  # hedges only with what is aimed at


@cache
def lexicon() -> dict[str, tuple[str, str]]:
    """cue -> (kind, certainty)"""
    with (DATA / "hedges.csv").open(encoding="utf-8") as fh:
        return {r["cue"].lower(): (r["kind"], r["certainty"]) for r in csv.DictReader(fh)}


def hedges(clause: Span) -> list[tuple[str, str]]:
    """(cue as written, certainty) for every hedge or booster in a clause."""
    table = lexicon()
    found = []
    for tok in clause:
        for form in (tok.lower_, tok.lemma_.lower()):
            if form in table:
                if form in APPROXIMATORS and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num):
                    break
                if form == "will" and tok.tag_ != "MD":
                    break
                if form in INTENTIONS and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                    break  # "operations aimed at ..." describes, "they aim to ..." intends
                found.append((tok.text, table[form][1]))
                break
    return found


def certainty(cues: list[tuple[str, str]]) -> str:
    """The lowest certainty signalled; plain assertions are high."""
    return min((c for _, c in cues), key=ORDER.__getitem__, default="high")
