"""The curated lexicons behind quote attribution, kept as data files in ``lib/voices/data``:

- ``reporting_cues.csv``: verbs and phrases that report speech or thought (say, argue, according to,
  as reported by), each with its kind and the stance it signals (neutral, hedging, distancing...);
- ``roles.csv``: words naming someone's function (minister, military expert, resident), each with
  the source type a reader expects;
- ``organisations.csv``: organisations news cites (Reuters, AFP, the UN, Amnesty International),
  with their type and country.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lib.geo.names import fold

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Cue:
    cue: str
    kind: str  # speech | cognition | writing | attribution | intermediary
    stance: str  # neutral | hedging | distancing | assertive | negative


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str
    country: str | None
    source: str


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def _all_cues() -> list[Cue]:
    return [Cue(r["cue"].strip().lower(), r["kind"], r["stance"]) for r in _rows("reporting_cues.csv")]


@cache
def cues() -> dict[str, Cue]:
    """Single-word reporting verbs by lemma ("say", "argue")."""
    return {c.cue: c for c in _all_cues() if " " not in c.cue}


@cache
def cue_phrases() -> dict[str, Cue]:
    """Multi-word cues ("according to", "as reported by"), lower case."""
    return {c.cue: c for c in _all_cues() if " " in c.cue}


@cache
def roles() -> dict[str, str]:
    """Role word or phrase (lower case) -> source type ("" when the word alone does not say)."""
    return {r["role"].lower().strip(): r["type"].strip() for r in _rows("roles.csv")}


@cache
def organisations() -> dict[str, Organisation]:
    """Folded name or alias -> organisation."""
    out: dict[str, Organisation] = {}
    for r in _rows("organisations.csv"):
        org = Organisation(r["name"], r["type"], r["country"] or None, r["source"])
        for name in [r["name"], *filter(None, (r.get("aliases") or "").split("|"))]:
            out.setdefault(fold(name), org)
    return out


def role_type(words: str) -> tuple[str, str] | None:
    """The role phrase a description contains and the source type it implies, longest phrase first,
    nearest the end first: "French Defense Minister" -> ("defense minister", "government").
    A known phrase with no type ("spokesperson", "executive director") is returned with type "":
    the role alone does not say, the organisation it names will."""
    tokens = fold(words).split()
    table = roles()
    for size in range(min(4, len(tokens)), 0, -1):
        for i in range(len(tokens) - size, -1, -1):
            phrase = " ".join(tokens[i : i + size])
            for form in (phrase, phrase.removesuffix("s")):
                if form in table:
                    return form, table[form]
    return None


def find_organisation(surface: str) -> Organisation | None:
    """The organisation a name in the text refers to. Initials match only when written in capitals,
    so the pronoun "who" is never the World Health Organization."""
    org = organisations().get(fold(surface))
    if org is None:
        return None
    letters = surface.replace(".", "").strip()
    if len(letters) <= 5 and letters.isalpha() and not letters.isupper() and fold(org.name) != fold(surface):
        return None
    return org
