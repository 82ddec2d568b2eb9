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

SPEECH_AND_AGENCY = {
    "say", "tell", "state", "announce", "claim", "warn", "deny", "accuse", "insist", "reply", "respond",
    "demand", "urge", "call", "threaten", "reject", "condemn", "agree", "refuse", "vow", "pledge",
    "promise", "argue", "suggest", "believe", "think", "want", "seek", "plan", "decide", "confirm",
    "acknowledge", "admit", "allege", "blame", "criticise", "criticize", "welcome", "sign", "approve",
    "impose", "sanction", "recognise", "recognize", "order", "deploy", "launch", "retaliate",
    "negotiate", "oppose", "expel", "summon", "protest", "complain", "hope", "fear", "expect",
    "intend", "propose", "offer", "describe", "frame", "portray", "dismiss", "veto", "ratify",
    "invade", "annex", "attack", "strike", "bomb", "shell", "accept", "ask", "request", "note", "stress",
    "emphasise", "emphasize", "declare", "report", "signal", "indicate", "vote", "appoint", "nominate",
    "reiterate", "hail", "praise", "slam", "label", "brand", "term", "contest", "win", "commit",
}  # fmt: skip
POLITICAL_OBJECT = {
    "accuse", "threaten", "sanction", "attack", "support", "back", "invade", "urge", "call", "help", "warn",
    "blame", "condemn", "criticise", "criticize", "pressure", "punish", "recognise", "recognize",
    "persuade", "defeat", "fight", "oppose", "join", "trust", "engage", "thank", "praise", "commend",
    "reward", "arm", "aid", "fund", "isolate", "confront", "provoke", "deter", "contain", "appease",
    "reassure", "lobby", "sue", "rebuke", "court", "embolden", "destroy", "beat", "represent",
}  # fmt: skip
GOVERNMENT = {"government", "regime", "administration", "leadership", "junta", "cabinet", "establishment"}
AGENTIVE = GOVERNMENT | {
    "authority", "ministry", "policy", "position", "stance", "decision", "response", "intention", "demand",
    "offer", "plan", "strategy", "ally", "enemy", "military", "army", "navy", "diplomat", "envoy",
    "ambassador", "bastion", "stronghold", "claim", "narrative", "propaganda", "interest", "influence",
    "involvement", "aggression", "invasion", "rhetoric", "backing", "support", "sanction", "threat",
    "provocation", "pressure", "proposal", "statement", "refusal", "objection", "approval", "insistence",
    "denial", "ultimatum", "retaliation", "warning", "accusation", "assertion", "goal", "objective",
    "ambition", "force", "negotiator", "leader", "commitment", "engagement", "ability", "capacity",
    "capability", "sovereignty", "independence", "determination", "resolve", "willingness",
}  # fmt: skip
RELATIONAL = {
    "relation", "tie", "deal", "treaty", "agreement", "talk", "negotiation", "dialogue", "cooperation",
    "partnership", "relationship", "alliance", "conflict", "war", "dispute", "tension", "rivalry",
    "rapprochement", "summit", "accord", "pact", "standoff", "confrontation", "truce", "ceasefire",
}  # fmt: skip
ACTION_NOUNS = {"attack", "strike", "invasion", "offensive", "aggression", "sanction", "policy", "aid"}
NON_AGENTIVE = {
    "lie", "border", "stretch", "sit", "cover", "span", "straddle", "neighbour", "neighbor", "be", "become",
    "remain", "seem", "look", "appear",
}  # fmt: skip
AGENT_VERBS = SPEECH_AND_AGENCY | POLITICAL_OBJECT | {"consider", "see", "view", "regard", "deem", "brand"}
LOCATIVE = {"in", "at", "inside", "outside", "near", "to", "into", "within", "around", "from", "across"}


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


def metonymy(span: Span, entry: Entry | None) -> tuple[bool, str]:
    """(literal, why) for one mention; ``entry`` is the place it resolved to, if any."""
    root = _role(span.root)
    head = root.head
    lemma = head.lemma_.lower()
    state = entry is not None and (entry.kind == "country" or entry.feature == "capital")

    if entry is not None and entry.feature == "institution":
        if root.dep_ == "pobj" and head.lower_ in LOCATIVE - {"from", "to"}:
            return True, f"the building itself, after “{head.text}”"
        return False, "an institution's seat, standing for the institution"
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        if lemma in SPEECH_AND_AGENCY:
            return False, f"subject of “{head.text}”: the place stands for its government or people"
        if state and lemma not in NON_AGENTIVE:
            return False, f"a state as the subject of “{head.text}”"
    if root.dep_ == "dobj" and state and lemma in POLITICAL_OBJECT:
        return False, f"a state as the object of “{head.text}”"
    if root.dep_ == "poss" and lemma in AGENTIVE:
        return False, f"possessor of “{head.text}”"
    if root.dep_ in ("compound", "amod", "nmod") and (
        lemma in GOVERNMENT or (state and lemma in RELATIONAL | ACTION_NOUNS)
    ):
        return False, f"names the “{head.text}”"
    if (
        root.dep_ == "pobj"
        and head.dep_ == "agent"
        and (state or head.head.lemma_.lower() in SPEECH_AND_AGENCY)
    ):
        return False, f"agent of “{head.head.text}”"
    if root.dep_ == "pobj" and head.dep_ in ("prep", "dative"):
        return _prepositional(span, head, state)
    return True, ""


def _prepositional(span: Span, prep: Token, state: bool) -> tuple[bool, str]:
    """ "the regime in Tehran", "the bastion of Damascus", "a war against Iran", "relations with China"."""
    noun = prep.head
    noun_lemma = noun.lemma_.lower()
    word = prep.lower_
    if word == "in" and noun_lemma in GOVERNMENT:
        return False, f"the {noun.text} in {span.text}, not the place"
    if word in ("of", "from") and noun_lemma in AGENTIVE:
        return False, f"the {noun.text} {word} {span.text}: an actor, not a location"
    if state and word == "against":
        return False, f"“against {span.text}”: the state as an adversary"
    if state and word in ("with", "between", "to", "on") and noun_lemma in RELATIONAL | AGENTIVE:
        return False, f"the {noun.text} {word} {span.text}: relations between states"
    return True, ""
