"""One source type per voice, decided from what the article says about it, with the evidence kept.

Order of evidence: a place speaking is its government; a known
organisation has its curated type; otherwise the role words ("defence minister", "military expert",
"resident") decide, then the organisation the role names ("a spokesman for Amnesty"), then what
WordNet files the role's noun under ("an archaeologist": a scientist). Nothing found stays
"unknown" rather than guessed.
"""

from __future__ import annotations

import re

from lib.contract import SourceType
from lib.geo.gazetteer import Gazetteer
from lib.geo.names import fold
from lib.lexicon import Lexicon
from lib.voices.speakers import Draft


def source_type(draft: Draft, lex: Lexicon, gazetteer: Gazetteer) -> tuple[SourceType, str]:
    """(type, why) for a voice."""
    if draft.kind == "article":
        return "article", "words the article uses without attributing them"
    if draft.kind == "government":
        return "government", "a capital or country speaking stands for its government"
    if draft.organisation is not None and draft.kind == "organisation":
        return draft.organisation.type, f"{draft.organisation.name}: {draft.organisation.source}"
    for role in draft.roles:
        head = re.split(r"\s(?:for|of|at|with|from|in|on)\s", role, maxsplit=1)[0]
        found = lex.role_type(head)
        if found and found[1]:
            return found[1], f"role “{role}”: {_a(found[0])} is {_article(found[1])}"
        org = lex.organisation_in(role)
        if org:
            return org.type, f"role “{role}” names {org.name} ({org.source})"
        found = lex.role_type(role)
        if found and found[1]:
            return found[1], f"role “{role}”: {_a(found[0])} is {_article(found[1])}"
    if draft.organisation is not None:
        org = draft.organisation
        return org.type, f"speaks for {org.name} ({org.source})"
    heads = lex.words("national_heads")
    for role in draft.roles:  # "the leader of the Maldives", "Libyan leader": a country's head
        words = role.split()
        folded = [fold(w) for w in words]
        of_country = len(words) > 2 and folded[0] in heads and folded[1] == "of"
        if not (of_country or (len(words) > 1 and folded[-1] in heads)):
            continue
        named = words[2:] if of_country else words[:-1]
        country = next(
            (w for w in named if gazetteer.demonyms.get(fold(w)) or _country_code(gazetteer, w)), None
        )
        if country:
            return "government", f"role “{role}”: the head of a country ({country}) is its government"
    for role in draft.roles:  # a person noun no curated role holds: what WordNet files it under
        head = re.split(r"\s(?:for|of|at|with|from|in|on)\s", role, maxsplit=1)[0]
        if lex.role_type(head) is None and (typed := lex.noun_type(head)) is not None:
            noun, kind, source = typed
            return kind, f"role “{role}”: {_a(noun)} is {_article(kind)} ({source})"
    if draft.kind == "organisation":
        found = lex.role_type(draft.name)
        if found and found[1]:
            return found[1], f"“{draft.name}” is {_article(found[1])} by its name ({found[0]})"
    return "unknown", "the article says nothing about this source's function"


def _country_code(gazetteer: Gazetteer, word: str) -> str | None:
    """ "Brazil" in "of Brazil": a country named by its own name."""
    if not word[:1].isupper():
        return None
    return next((e.country_code for e in gazetteer.lookup(word) if e.kind == "country"), None)


def _a(word: str) -> str:
    """ "an analyst", "a minister": the evidence is read as a sentence."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _article(kind: str) -> str:
    return {"international organisation": "an international organisation", "expert": "an expert",
            "civil society": "civil society", "media": "media",
            "business": "business", "citizen": "a citizen", "government": "government",
            "military": "military", "politician": "a politician"}.get(kind, kind)  # fmt: skip


def affiliation(draft: Draft, gazetteer: Gazetteer, lex: Lexicon) -> tuple[str | None, str | None]:
    """(affiliation, why): the country or organisation a voice speaks for, when the article says."""
    if draft.country:
        country = gazetteer.get(f"cc:{draft.country}")
        name = country.name if country else draft.country
        source = draft.organisation.name if draft.organisation else "its government"
        return name, f"{source} is based in {name}" if draft.organisation else f"the government of {name}"
    demonyms = gazetteer.demonyms
    for role in draft.roles:
        org = lex.organisation_in(role)
        if org:
            if org.country:
                country = gazetteer.get(f"cc:{org.country}")
                name = country.name if country else org.country
                return name, f"role “{role}” names {org.name}, based in {name}"
            return org.name, f"role “{role}” names {org.name}"
        for word in role.replace(",", " ").split():
            cc = demonyms.get(fold(word)) or _country_code(gazetteer, word)
            if cc:
                country = gazetteer.get(f"cc:{cc}")
                name = country.name if country else cc
                return name, f"role “{role}” says {word}"
    if draft.organisation is not None:
        return draft.organisation.name, f"speaks for {draft.organisation.name}"
    return None, None
