"""Every word list the analysis uses, read from data files by one loader.

The lexicon is a folder of CSV files (``lib/data`` by default; the components' ``lexicon`` setting
points elsewhere). Each file has a ``source`` column saying where its rows come from, and each list
is defined once:

- ``words.csv``: small word lists by name (``list,word,source``): the verbs that make a place an
  actor, locative prepositions, pronouns, anonymity phrases, hedging helpers...;
- ``reporting_cues.csv``: verbs and phrases that report speech or thought, with kind and stance;
- ``roles.csv``: words naming someone's function, with the source type a reader expects;
- ``organisations.csv``: organisations news cites, with type and country;
- ``hedges.csv``: hedges and boosters with the certainty they signal;
- ``time_words.csv``: vague time phrases with the relation to publication they imply;
- ``speaker_nouns.csv``: nouns that name a person or a body of people ("magnate", "agency"), from
  WordNet (``scripts/build_speaker_nouns.py``), so a description can speak whatever its noun.

Loading checks every row against the types the analysis expects, so a typo in a data file fails at
load time with the file and line, never as a wrong result.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from lib.contract import Certainty, Relation, SourceType
from lib.geo.names import fold

DEFAULT_FOLDER = Path(__file__).resolve().parent / "data"

WordList = Literal[
    "speech_and_agency",
    "political_object",
    "government_nouns",
    "agentive_nouns",
    "relational_nouns",
    "action_nouns",
    "non_agentive_verbs",
    "locative_prepositions",
    "region_words",
    "part_words",
    "resident_nouns",
    "city_words",
    "generic_region_names",
    "person_pronouns",
    "group_pronouns",
    "share_words",
    "quantifiers",
    "national_heads",
    "male_words",
    "female_words",
    "relative_pronouns",
    "anonymity_marks",
    "document_nouns",
    "publishing_verbs",
    "determiners",
    "intermediary_verbs",
    "future_markers",
    "predictive_words",
    "clause_connectives",
    "approximators",
    "intention_verbs",
    "object_cues",
    "prepositional_cues",
    "organisation_words",
    "institution_words",
    "question_cues",
]
CueKind = Literal["speech", "cognition", "writing", "stance", "attribution", "intermediary"]
Stance = Literal["neutral", "hedging", "distancing", "assertive", "negative"]
HedgeKind = Literal["hedge", "booster"]
SpeakerNoun = Literal["person", "group"]
REPORTING_KINDS: frozenset[CueKind] = frozenset({"speech", "cognition", "writing"})
"""Cue kinds that report what someone says, thinks or writes (not "according to", not "via")."""
ATTRIBUTING_KINDS: frozenset[CueKind] = REPORTING_KINDS | {"stance"}
"""And positions: what someone wants, backs or opposes ("X wants to run", "Y backs the bill")."""


class LexiconError(ValueError):
    """A lexicon file that is missing, malformed or holds a value the analysis does not know."""


@dataclass(frozen=True)
class Cue:
    cue: str
    kind: CueKind
    stance: Stance


@dataclass(frozen=True)
class Organisation:
    name: str
    type: SourceType
    country: str | None
    source: str


@dataclass(frozen=True)
class Hedge:
    kind: HedgeKind
    certainty: Certainty


def read_table(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of one CSV data file, which must have the given columns and a ``source`` column."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = {*columns, "source"} - set(reader.fieldnames or ())
            if missing:
                raise LexiconError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
            rows = list(reader)
    except OSError as exc:
        raise LexiconError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    for line, row in enumerate(rows, 2):
        if any(value is None for value in row.values()):
            raise LexiconError(f"{path}, line {line}: too few fields")
    return rows


def _checked(value: str, literal: Any, where: str) -> Any:
    """The value, if it is one the ``Literal`` type allows (so it can be typed as that type)."""
    value, allowed = value.strip(), get_args(literal)
    if value not in allowed:
        raise LexiconError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return value


class Lexicon:
    """The loaded word lists and tables of one lexicon folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._words = self._word_lists()
        self._unions: dict[tuple[WordList, ...], frozenset[str]] = {}
        self.cues: dict[str, Cue] = {}
        """Single-word reporting verbs by lemma ("say", "argue")."""
        self.cue_phrases: dict[str, Cue] = {}
        """Multi-word cues ("according to", "as reported by"), lower case."""
        for i, r in enumerate(read_table(folder / "reporting_cues.csv", ("cue", "kind", "stance")), 2):
            where = f"reporting_cues.csv, line {i}"
            cue = Cue(
                r["cue"].strip().lower(),
                _checked(r["kind"], CueKind, where),
                _checked(r["stance"], Stance, where),
            )
            (self.cue_phrases if " " in cue.cue else self.cues)[cue.cue] = cue
        self.roles: dict[str, SourceType | None] = {}
        """Role word or phrase (lower case) -> source type (None when the word alone does not say)."""
        for i, r in enumerate(read_table(folder / "roles.csv", ("role", "type")), 2):
            kind = r["type"].strip()
            self.roles[r["role"].lower().strip()] = (
                _checked(kind, SourceType, f"roles.csv, line {i}") if kind else None
            )
        self.organisations: dict[str, Organisation] = {}
        """Folded name or alias -> organisation."""
        columns = ("name", "aliases", "type", "country")
        for i, r in enumerate(read_table(folder / "organisations.csv", columns), 2):
            kind = _checked(r["type"], SourceType, f"organisations.csv, line {i}")
            org = Organisation(r["name"], kind, r["country"] or None, r["source"])
            for name in [r["name"], *filter(None, r["aliases"].split("|"))]:
                self.organisations.setdefault(fold(name), org)
        self.hedges: dict[str, Hedge] = {}
        for i, r in enumerate(read_table(folder / "hedges.csv", ("cue", "kind", "certainty")), 2):
            where = f"hedges.csv, line {i}"
            self.hedges[r["cue"].lower()] = Hedge(
                _checked(r["kind"], HedgeKind, where),
                _checked(r["certainty"], Certainty, where),
            )
        self.time_words: dict[str, Relation] = {
            r["phrase"].lower(): _checked(r["relation"], Relation, f"time_words.csv, line {i}")
            for i, r in enumerate(read_table(folder / "time_words.csv", ("phrase", "relation")), 2)
        }
        """Vague time phrases and the relation to publication they imply ("historically" -> past)."""
        nouns = read_table(folder / "speaker_nouns.csv", ("word", "kind", "type"))
        self.speaker_nouns: dict[str, SpeakerNoun] = {
            r["word"]: _checked(r["kind"], SpeakerNoun, f"speaker_nouns.csv, line {i}")
            for i, r in enumerate(nouns, 2)
        }
        """Lemma -> whether it names a person ("producer") or a body of people ("agency")."""
        self.noun_types: dict[str, tuple[SourceType, str]] = {
            r["word"]: (_checked(r["type"], SourceType, f"speaker_nouns.csv, line {i}"), r["source"])
            for i, r in enumerate(nouns, 2)
            if r["type"]
        }
        """Lemma -> the source type WordNet's senses give a person noun the roles do not hold
        ("archaeologist": expert), with where it comes from."""

    def _word_lists(self) -> dict[str, frozenset[str]]:
        path = self.folder / "words.csv"
        known = set(get_args(WordList))
        lists: dict[str, set[str]] = defaultdict(set)
        for i, r in enumerate(read_table(path, ("list", "word")), 2):
            if r["list"] not in known:
                raise LexiconError(f"{path}, line {i}: unknown list {r['list']!r}")
            lists[r["list"]].add(r["word"].strip().lower())
        if missing := known - set(lists):
            raise LexiconError(f"{path}: no words for list(s) {', '.join(sorted(missing))}")
        return {name: frozenset(words) for name, words in lists.items()}

    def words(self, *names: WordList) -> frozenset[str]:
        """A named word list from ``words.csv``, or the union of several (made once, then kept:
        the analysis asks for the same unions for every mention)."""
        if len(names) == 1:
            return self._words[names[0]]
        union = self._unions.get(names)
        if union is None:
            union = self._unions[names] = frozenset().union(*(self._words[n] for n in names))
        return union

    def role_type(self, words: str) -> tuple[str, SourceType | None] | None:
        """The role phrase a description contains and the source type it implies, longest phrase
        first, nearest the end first: "French Defense Minister" -> ("defense minister", "government").
        A known phrase with no type ("spokesperson") comes back with None: the role alone does not
        say, the organisation it names will."""
        tokens = fold(words).split()
        for size in range(min(4, len(tokens)), 0, -1):
            for i in range(len(tokens) - size, -1, -1):
                phrase = " ".join(tokens[i : i + size])
                for form in (phrase, phrase.removesuffix("s")):
                    if form in self.roles:
                        return form, self.roles[form]
        return None

    def noun_type(self, words: str) -> tuple[str, SourceType, str] | None:
        """(noun, type, source) for a description's head noun, its last word, from WordNet ("an
        Iraqi policeman": government): the fallback when no curated role matches."""
        tokens = fold(words).split()
        if not tokens:
            return None
        last = tokens[-1]
        for form in (
            last,
            last.removesuffix("s"),
            last.removesuffix("es"),
            last[:-3] + "y" if last.endswith("ies") else last,
        ):
            if form in self.noun_types:
                return (form, *self.noun_types[form])
        return None

    def find_organisation(self, surface: str) -> Organisation | None:
        """The organisation a name in the text refers to. Initials match only when written in
        capitals, so the pronoun "who" is never the World Health Organization."""
        org = self.organisations.get(fold(surface))
        if org is None:
            return None
        letters = surface.replace(".", "").strip()
        if (
            len(letters) <= 5
            and letters.isalpha()
            and not letters.isupper()
            and fold(org.name) != fold(surface)
        ):
            return None
        return org

    def organisation_in(self, text: str) -> Organisation | None:
        """The longest known organisation named in a phrase ("State Department spokesperson")."""
        words = fold(text).split()
        for size in range(min(6, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                org = self.organisations.get(" ".join(words[i : i + size]))
                if org is not None:
                    return org
        return None


def load_lexicon(folder: Path | str | None = None) -> Lexicon:
    """The lexicon of a folder (default ``lib/data``), read once per process."""
    return _load(Path(folder).resolve() if folder else DEFAULT_FOLDER)


@cache
def _load(folder: Path) -> Lexicon:
    return Lexicon(folder)
