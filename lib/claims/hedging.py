"""Hedges and boosters, and the certainty they leave a claim with.

The lexicon (``hedges.csv``) gives each cue the certainty it signals: "could",
"reportedly" -> low; "likely", "expected" -> medium; "certainly", "will" -> high. A claim takes the
lowest certainty among its cues; a tentative or distancing reporting verb ("suggested", "claimed")
counts as a cue of the claims it reports. The scope of a cue is the clause it sits in.
"""

from __future__ import annotations

from spacy.tokens import Span

from lib.contract import Certainty
from lib.lexicon import Lexicon

ORDER: dict[Certainty, int] = {"low": 0, "medium": 1, "high": 2}


def hedges(clause: Span, lex: Lexicon) -> list[tuple[str, Certainty]]:
    """(cue as written, certainty) for every hedge or booster in a clause. Approximators ("about")
    hedge only before a number, intention verbs ("aim") only with what is intended."""
    table = lex.hedges
    approximators, intentions = lex.words("approximators"), lex.words("intention_verbs")
    found: list[tuple[str, Certainty]] = []
    for tok in clause:
        for form in (tok.lower_, tok.lemma_.lower()):
            if form in table:
                if form in approximators and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num):
                    break
                if form == "will" and tok.tag_ != "MD":
                    break
                if form in intentions and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                    break  # "operations aimed at ..." describes, "they aim to ..." intends
                found.append((tok.text, table[form].certainty))
                break
    return found


def certainty(cues: list[tuple[str, Certainty]]) -> Certainty:
    """The lowest certainty signalled; plain assertions are high."""
    return min((c for _, c in cues), key=ORDER.__getitem__, default="high")
