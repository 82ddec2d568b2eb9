"""Literal or metonymic: is a place name the location of events, or does it stand for a government,
an army, a people or an institution ("Moscow said", "the Beijing government", "the regime in Tehran",
"sanctions against Iran", "the White House")?

Decided on the dependency parse: what the name (or the list it belongs to) is the subject, object,
possessor, modifier or prepositional object of. States (countries and capitals) act in politics far
more often than towns do, so the rules for them are broader.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from lib.geo.gazetteer import Entry
from lib.lexicon import Lexicon, WordList

AGENTIVE: tuple[WordList, ...] = ("government_nouns", "agentive_nouns")
"""Nouns of an actor: a government, or what an actor has or does ("policy", "envoy")."""


def _role(root: Token) -> Token:
    """The token whose grammatical role the name shares: the head of a list it is part of
    ("Moscow and Beijing said"), the pronoun it glosses ("We [Malaysia] have"), or the noun a list
    hangs from ("countries, including Ethiopia, Djibouti")."""
    seen = set()
    while root.i not in seen:
        seen.add(root.i)
        if root.dep_ in ("conj", "appos") and root.head.i != root.i:
            root = root.head
        elif root.dep_ == "pobj" and root.head.lower_ in ("including", "like") and root.head.head.i != root.i:
            root = root.head.head
        else:
            break
    return root


def metonymy(span: Span, entry: Entry | None, lex: Lexicon) -> tuple[bool, str]:
    """(literal, why) for one mention; ``entry`` is the place it resolved to, if any. The word lists
    (speech and agency verbs, government and agentive nouns...) are the lexicon's."""
    w = lex.words
    root = _role(span.root)
    head = root.head
    lemma = head.lemma_.lower()
    state = entry is not None and (entry.kind == "country" or entry.feature == "capital")

    if entry is not None and entry.feature == "institution":
        if root.dep_ == "pobj" and head.lower_ in w("locative_prepositions") - {"from", "to"}:
            return True, f"the building itself, after “{head.text}”"
        return False, "an institution's seat, standing for the institution"
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        if lemma in w("speech_and_agency"):
            return False, f"subject of “{head.text}”: the place stands for its government or people"
        if state and lemma not in w("non_agentive_verbs"):
            return False, f"a state as the subject of “{head.text}”"
    if root.dep_ == "dobj" and state and lemma in w("political_object"):
        return False, f"a state as the object of “{head.text}”"
    if root.dep_ == "poss" and lemma in lex.words(*AGENTIVE):
        return False, f"possessor of “{head.text}”"
    if root.dep_ in ("compound", "amod", "nmod") and (
        lemma in w("government_nouns") or (state and lemma in w("relational_nouns", "action_nouns"))
    ):
        return False, f"names the “{head.text}”"
    if (
        root.dep_ == "pobj"
        and head.dep_ == "agent"
        and (state or head.head.lemma_.lower() in w("speech_and_agency"))
    ):
        return False, f"agent of “{head.head.text}”"
    if root.dep_ == "pobj" and head.dep_ in ("prep", "dative"):
        return _prepositional(span, head, state, lex)
    return True, ""


def _prepositional(span: Span, prep: Token, state: bool, lex: Lexicon) -> tuple[bool, str]:
    """ "the regime in Tehran", "the bastion of Damascus", "a war against Iran", "relations with China"."""
    noun = prep.head
    noun_lemma = noun.lemma_.lower()
    word = prep.lower_
    if word == "in" and noun_lemma in lex.words("government_nouns"):
        return False, f"the {noun.text} in {span.text}, not the place"
    if word in ("of", "from") and noun_lemma in lex.words(*AGENTIVE):
        return False, f"the {noun.text} {word} {span.text}: an actor, not a location"
    if state and word == "against":
        return False, f"“against {span.text}”: the state as an adversary"
    relational = lex.words("relational_nouns", *AGENTIVE)
    if state and word in ("with", "between", "to", "on") and noun_lemma in relational:
        return False, f"the {noun.text} {word} {span.text}: relations between states"
    return True, ""
