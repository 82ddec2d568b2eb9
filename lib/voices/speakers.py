"""Who a speaker mention refers to: one voice per real speaker, whatever the article calls them
("Economist Grace Okafor", "Okafor", "she"; "the president"; "Reuters"; "Paris").

Persons are merged by surname, pronouns go to the most recent person (or organisation, for "they"),
titles without a name ("the president") to the most recent person with that title or, failing that,
without any title. Organisations are looked up in the curated list; places speaking ("Moscow said")
become their country's government; a document speaks for the author the article names for it ("the
report" of "X released a report"); unnamed speakers ("officials", "a source") become groups.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from lib.contract import Identity, Place
from lib.doc_index import index
from lib.geo.gazetteer import Gazetteer
from lib.geo.names import fold
from lib.lexicon import Lexicon, Organisation
from lib.voices.acronyms import defined_acronyms

RECENT_PEOPLE = 200
"""How many people back a bare title ("the president") may refer to."""
VoiceKind = Literal["person", "organisation", "government", "group", "article"]
"""What a voice is while it is assembled: its source type is decided from this and its roles."""


@dataclass
class Draft:
    """A voice being assembled while the article is read."""

    key: str
    name: str
    kind: VoiceKind
    first: int
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    organisation: Organisation | None = None
    country: str | None = None  # country code
    why: list[str] = field(default_factory=list)
    anonymous: bool = False
    gender: Literal["male", "female"] | None = None  # only from what the article says: "Mr", "mother"

    @property
    def identity(self) -> Identity:
        """Named, or described without a name (a group: "officials", "a source"), anonymous when
        the article says it withholds the name."""
        if self.kind != "group":
            return "named"
        return "anonymous" if self.anonymous else "unnamed"

    def mention(self, start: int, end: int, surface: str, alias: bool = True) -> None:
        """Record a reference; names (not pronouns or descriptions) also become aliases."""
        if not any(s == start for s, _, _ in self.mentions):
            self.mentions.append((start, end, surface))
        if alias and self.kind != "group":
            self.aliases.add(surface)


def _strip_det(tokens: list[Token], determiners: frozenset[str]) -> list[Token]:
    while tokens and (tokens[0].lower_ in determiners or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


class Speakers:
    """The article's speakers, built up in reading order."""

    def __init__(
        self, doc: Doc, places: list[Place], gazetteer: Gazetteer, lex: Lexicon, antecedent_sentences: int
    ) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.lex = lex
        self.antecedent_sentences = antecedent_sentences
        self.determiners = lex.words("determiners")
        self.drafts: dict[str, Draft] = {}
        self.surnames: dict[str, str] = {}
        self.timeline: list[tuple[int, str]] = []
        """(token index, draft key) of every resolved reference, kept sorted: looking back from a
        pronoun or a title walks only the references just before it."""
        self.place_at: dict[int, Place] = {}
        self.metonymic_at: dict[int, Place] = {}  # character offset -> place, for every character
        for p in places:
            for m in p.mentions:
                self.place_at[m.start] = p
                if not m.literal:
                    self.metonymic_at.update(dict.fromkeys(range(m.start, m.end), p))
        self.countries = {p.country_code: p.name for p in places if p.kind == "country" and p.country_code}
        self.spelled_out = self._spelled_out()
        self.issuing: set[int] = set()  # document words whose author is being looked for
        self._people()

    def _spelled_out(self) -> dict[int, Span]:
        """Token index -> the full name of the organisation it names: every word of an acronym's
        definition and every use of the acronym ("RWB" after "Reporters Without Borders (RWB)").
        A definition that spells out a place ("United States (US)") stays the place's."""
        defined = {
            a: long for a, long in defined_acronyms(self.doc).items() if long.start_char not in self.place_at
        }
        out: dict[int, Span] = {}
        for t in self.doc:
            if t.text in defined:
                out[t.i] = defined[t.text]
        for long in defined.values():
            out.update(dict.fromkeys(range(long.start, long.end), long))
        return out

    # -- persons -------------------------------------------------------------------------------
    def _people(self) -> None:
        """Every named person, so that later surnames, pronouns and titles can find them."""
        for ent in index(self.doc).ents:
            if ent.label_ == "PERSON" and ent.start_char not in self.place_at:
                self._person(ent)
        for t in self.doc:  # "Rourke" alone, which the small model may call an organisation
            key = self.surnames.get(fold(t.text)) if t.pos_ == "PROPN" and t.text[:1].isupper() else None
            if key and t.ent_type_ != "PERSON" and t.idx not in self.place_at:
                self.drafts[key].mention(t.idx, t.idx + len(t.text), t.text)
                self._remember(t.i, key)

    def turn_taker(self, label: Span) -> Draft:
        """A transcript's speaker the article names only by a label in capitals ("TAPPER:" line
        after line): a person, shown as "Tapper", the same as a "Jake Tapper" named anywhere."""
        draft = self._person(Span(self.doc, label.start, label.end, label="PERSON"))
        if draft.name.isupper():
            draft.name = draft.name.title()
        return draft

    def _person(self, ent: Span) -> Draft:
        if len(ent) > 1 and ent[-1].tag_ == "POS":
            ent = ent[:-1]  # the model's "Hillary Clinton’s": the voice is Hillary Clinton
        verb = next((t.i for t in ent if t.pos_ in ("VERB", "AUX", "PART")), None)
        if verb is not None and verb > ent.start:  # a title-case headline read as a name:
            end = verb  # "Trump May Not Have Suggested" is Trump
            while end - 1 > ent.start and self.doc[end - 1].is_stop:
                end -= 1
            ent = Span(self.doc, ent.start, end, label="PERSON")
        words = [t for t in ent if t.is_alpha]
        surname = fold(words[-1].text) if words else fold(ent.text)
        key = self.surnames.get(surname) or f"person:{surname}"
        draft = self.drafts.get(key)
        if draft is None:
            draft = Draft(key, ent.text, "person", ent.start_char)
            self.drafts[key] = draft
            self.surnames[surname] = key
        if len(ent.text) > len(draft.name):
            draft.name = ent.text
        draft.mention(ent.start_char, ent.end_char, ent.text)
        draft.roles.extend(r for r in self._roles(ent) if r not in draft.roles)
        if draft.gender is None:
            before = self.doc[ent.start - 1].text if ent.start else ""
            draft.gender = self._gender(" ".join((before, ent.text, *draft.roles)))
        self._remember(ent.start, key)
        return draft

    def _gender(self, words: str) -> Literal["male", "female"] | None:
        """What an honorific or a role word says ("Mrs", "spokesman", "mother of a victim"), when
        it says one thing; pronouns and determiners inside a role ("her lawyer") say nothing."""
        ignore = self.determiners | self.lex.words("person_pronouns")
        said = {w for w in fold(words).split() if w not in ignore}
        male = bool(said & self.lex.words("male_words"))
        female = bool(said & self.lex.words("female_words"))
        return "male" if male and not female else "female" if female and not male else None

    def _roles(self, ent: Span) -> list[str]:
        """Title and function from the words before the name, an apposition between commas or an
        "of" after it: "Economist Grace Okafor", "Jan Novak, the finance minister, said", "analyst
        Ana Ruiz of the Eurasia Group" (two roles: each says something of its own)."""
        root = ent.root
        before = [c for c in root.children if c.i < ent.start and c.dep_ in ("compound", "amod", "nmod")]
        parts = []
        if before:
            first = min(t.left_edge.i for t in before)
            parts.append(_text(_strip_det(list(self.doc[first : ent.start]), self.determiners)))
        else:
            parts.append(self._title_before(ent))
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
            parts.append(self._words_before(root.head.left_edge.i, ent))  # "The director of X, Jane Roe"
        parts.append(self._apposition(ent))
        for prep in (
            c for c in root.children if c.dep_ == "prep" and c.lower_ in ("of", "from", "for", "at")
        ):
            place = [t for t in prep.subtree if t.ent_type_ in ("GPE", "ORG", "NORP")]
            if place and not parts[-1]:
                parts.append(
                    _text(_strip_det(list(prep.subtree), self.determiners))
                )  # "Ivan Petrov of Bulgaria"
        return [p for p in parts if p and len(p.split()) <= 14]

    def _title_before(self, ent: Span) -> str:
        """A title run the parser did not tie to the name ("British military spokesman Maj. Tom
        Holloway"): the words right before it, kept only when they name a known role."""
        words: list[Token] = []
        first = max(index(self.doc).sentence_of(ent.start).start, ent.start - 6)  # "drew crowds. Jane Roe"
        for tok in reversed(self.doc[first : ent.start]):
            if not (tok.pos_ in ("NOUN", "PROPN", "ADJ") or tok.text == "." or tok.ent_type_ == "NORP"):
                break
            words.insert(0, tok)
        words = _strip_det(words, self.determiners)
        text = _text(words)
        return text if text and self.lex.role_type(text) is not None else ""

    def _apposition(self, ent: Span) -> str:
        """The noun phrase set off by commas right after a name (whatever the parser made of it)."""
        doc = self.doc
        if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
            return ""
        tokens: list[Token] = []
        for tok in doc[ent.end + 1 : min(len(doc), ent.end + 16)]:
            if tok.text in (",", ".", ":", ";", "(", ")") or tok.is_space or tok.is_quote:
                break
            if tokens and (
                tok.lower_ in self.lex.words("relative_pronouns") or "relcl" in (tok.dep_, tok.head.dep_)
            ):  # "the expert who led it", "the bureau chief of the network where she worked"
                break
            if tokens and tok.i == ent.root.head.i and ent.root.dep_.startswith("nsubj"):
                break  # "X, a security analyst at Y told ...": the writer left out the closing comma
            if (tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG")) or tok.ent_type_ == "PERSON":
                return ""
            tokens.append(tok)
        tokens = _strip_det(tokens, self.determiners)
        if not tokens or (
            tokens[0].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") and tokens[0].lower_ != "one"
        ):
            return ""
        return _text(tokens)

    # -- resolution ----------------------------------------------------------------------------
    def resolve(self, token: Token, cited: bool = False) -> Draft | None:
        """The voice a subject token (of "said", of "according to") refers to. ``cited``: the words
        name it as a source ("according to the results"), so it speaks whatever its noun."""
        doc = self.doc
        if (
            token.lower_ in self.lex.words("relative_pronouns")
            and token.dep_.startswith("nsubj")
            and token.head.dep_ == "relcl"
        ):
            return self.resolve(token.head.head)
        long = self.spelled_out.get(token.i)
        if long is not None:
            return self._organisation(None, token, long)
        if (
            ((cited and token.pos_ == "NOUN") or self._is_document(token))
            and token.i not in self.issuing
            and (issuer := self._issuer(token))
        ):
            return issuer
        if self._is_share(token):
            return self._share(token)
        ent = index(doc).entity_at(token.i)
        if ent is not None and ent.label_ == "PERSON":
            return self._person(ent)
        place = self._place_for(token)
        if place is not None:
            return self._government(place, token)
        words = (ent.text if ent is not None else token.text).split()
        if token.text[:1].isupper() and fold(words[-1]) in self.surnames:  # "Frazer", met as "Jendayi Frazer"
            draft = self.drafts[self.surnames[fold(words[-1])]]
            draft.mention(token.idx, token.idx + len(token.text), token.text)
            self._remember(token.i, draft.key)
            return draft
        if (ent is not None and ent.label_ in ("ORG", "NORP")) or self._known_org(token):
            return self._organisation(ent, token)
        lower = token.lower_
        if lower == "it":
            return self._it(token)
        if lower in self.lex.words("person_pronouns"):
            return self._antecedent(token, ("person",))
        if lower in self.lex.words("group_pronouns"):
            return self._antecedent(token, ("organisation", "group", "government"))
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        if (beside := self._named_beside(token)) is not None:
            return beside
        if ent is None and (name := self._unrecognised_name(token)) is not None:
            return self._person(name)
        return self._description(token, cited)

    def _unrecognised_name(self, token: Token) -> Span | None:
        """ "Shane Shook, a security expert, said": a speaker's full name that the small model's
        entity recogniser missed. Two to four capitalised proper nouns, none a word of an
        organisation's name ("Breitbart News"), a role ("Defence Minister") or a place, and not after
        "the", are a person's."""
        if token.pos_ != "PROPN" or token.idx in self.place_at:
            return None
        start = token.i
        while start > 0 and token.i - start < 3:
            before = self.doc[start - 1]
            if not (before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i >= start):
                break
            start -= 1
        words = self.doc[start : token.i + 1]
        if len(words) < 2 or (start > 0 and self.doc[start - 1].lower_ in self.determiners):
            return None  # "the Daily Record": a title, not a person
        if self.lex.role_type(words.text) is not None or any(
            (not t.is_alpha and "'" not in t.text)
            or not t.text.istitle()
            or t.ent_type_
            or t.idx in self.place_at
            or t.lower_ in self.lex.words("organisation_words")
            or t.is_stop  # "Repairs Will Be Paid": a title-case headline, not "Will Be"
            for t in words
        ):
            return None
        return Span(self.doc, start, token.i + 1, label="PERSON")

    def _named_beside(self, token: Token) -> Draft | None:
        """ "The deputy director for Amnesty International, Jane Roe, said": the person a role is set
        beside, named. The parser may hang the name on the organisation before it (a person is never
        an organisation's apposition); one it hangs on another role ("a spokesman for the president,
        Jane Roe") is that role's. The small model may call a full name an organisation; a one-word
        organisation ("the newspaper, Kommersant") stays one."""
        if token.pos_ != "NOUN" or self.lex.role_type(token.text) is None:
            return None
        for child in token.subtree:
            if child.dep_ != "appos" or child.i <= token.i:
                continue
            head = child.head
            misattached = head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "GPE", "LOC", "FAC")
            ent = index(self.doc).entity_at(child.i)
            if (
                (head.i == token.i or misattached)
                and ent is not None
                and (ent.label_ == "PERSON" or (ent.label_ == "ORG" and len(ent) >= 2))
                and ent.root.i == child.i
                and self.lex.find_organisation(ent.text) is None
            ):
                draft = self._person(ent)
                role = self._words_before(token.left_edge.i, ent)
                if role and role not in draft.roles:
                    draft.roles.append(role)
                return draft
        return None

    def _is_share(self, token: Token) -> bool:
        """ "55 percent", "a majority of voters", "six in 10", "two of the victims", "all of the
        candidates", "others": part of a group."""
        preps = {c.lower_ for c in token.children if c.dep_ in ("prep", "quantmod")}
        if token.pos_ == "NUM":  # "4 in 10", however the parser hangs the "in"
            after = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
            return bool((preps | {after}) & {"in", "of", "out"})
        return token.lower_ in self.lex.words("quantifiers") or (
            token.lemma_.lower() in self.lex.words("share_words") and token.ent_type_ not in ("PERSON", "ORG")
        )

    def _share(self, token: Token) -> Draft | None:
        """A share speaks for its group ("68 percent of voters said": voters), or, with none named,
        for those polled ("55 percent said", "six in 10 say": respondents); a quantifier with no
        group named speaks for itself ("others call it": Others)."""
        group = next(
            (
                g
                for p in token.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN", "PRON")
            ),
            None,
        )
        if group is not None:
            return self.resolve(group)
        quantifier = token.lower_ in self.lex.words("quantifiers")  # "others call it": not a poll
        label = token.text.capitalize() if quantifier else "Respondents"
        key = f"group:{fold(label)}"
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = Draft(key, label, "group", token.idx)
            draft.roles.append(label.lower())
        words = [t for t in token.subtree if not (t.is_punct or t.is_space)]
        draft.mention(words[0].idx, words[-1].idx + len(words[-1].text), _text(words))
        self._remember(token.i, draft.key)
        return draft

    def _issuer(self, token: Token) -> Draft | None:
        """ "The report found": the author a document speaks for, named with it ("the World Bank's
        report", "the Home Office letter", "a statement released by the council", "an article from
        the website X") or where the article brings it in ("X released a report"): the nearest
        earlier mention of the same word that names one, else a later one ("a leaked letter" ...
        "the Home Office letter"). A document whose author is never named stays itself."""
        self.issuing.add(token.i)  # "the Survey's report" ... "the Report's survey": never in circles
        try:
            return self._issuer_of(token)
        finally:
            self.issuing.discard(token.i)

    def _issuer_of(self, token: Token) -> Draft | None:
        word = token.lemma_.lower()
        same = [
            t for t in self.doc if t.lemma_.lower() == word and t.pos_ in ("NOUN", "PROPN") and t != token
        ]
        before = [t for t in same if t.i < token.i]
        for document in itertools.chain((token,), reversed(before), (t for t in same if t.i > token.i)):
            author = self._author(document)
            if author is None:
                continue
            ent = index(self.doc).entity_at(author.i)
            known = (
                ent is not None
                or author.i in self.spelled_out
                or self._known_org(author)
                or author.lemma_.lower() in self.lex.speaker_nouns
            )
            draft = self.resolve(author) if known else self._organisation(None, author)
            if draft is not None and draft.kind != "group":
                phrase = _text(self._noun_phrase(token)) or token.text
                return self._refer(draft, token, f"“{phrase}” is {draft.name}’s")
        return None

    def _author(self, document: Token) -> Token | None:
        """The word naming who wrote a document: its possessor or a name before it, "by" or "from"
        after it, the agent of a participle after it ("released by") or the subject of the verb
        that publishes it ("X issued a statement", "a statement they released")."""
        publishing = self.lex.words("publishing_verbs")
        found = [c for c in document.lefts if c.dep_ in ("poss", "compound", "nmod")]
        verbs = [c for c in document.children if c.dep_ in ("acl", "relcl") and c.lemma_ in publishing]
        if document.dep_ in ("dobj", "nsubjpass") and document.head.lemma_ in publishing:
            verbs.append(document.head)
        objects = [
            c
            for p in document.children
            if p.dep_ == "prep" and p.lower_ in ("by", "from")
            for c in p.children
        ]
        for verb in verbs:
            found.extend(c for c in verb.children if c.dep_ == "nsubj")
            objects.extend(c for a in verb.children if a.dep_ == "agent" for c in a.children)
        for pobj in (c for c in objects if c.dep_ == "pobj"):
            found.extend((pobj, *(c for c in pobj.children if c.dep_ == "appos")))  # "from the website X"
        return next((c for c in found if self._names_author(c, document)), None)

    def _names_author(self, token: Token, document: Token) -> bool:
        """A word that names a person, an organisation or a place speaking (or a body of people: "the
        ministry issued a statement"), not the document's own
        title ("its 2012 World Development Report") and not "its" or "the 2012"."""
        ent = index(self.doc).entity_at(token.i)
        if ent is not None and ent.start <= document.i < ent.end:
            return False
        return (
            (ent is not None and ent.label_ in ("PERSON", "ORG", "NORP"))
            or (ent is None and token.pos_ == "PROPN")
            or token.i in self.spelled_out
            or self._place_for(token) is not None
            or token.idx in self.place_at
            or self._known_org(token)
            or (token.pos_ == "NOUN" and token.lemma_.lower() in self.lex.speaker_nouns)
        )

    def _words_before(self, first: int, ent: Span) -> str:
        """The role phrase from token ``first`` up to the name it is set beside."""
        return _text(_strip_det([t for t in self.doc[first : ent.start] if not t.is_space], self.determiners))

    def _place_for(self, token: Token) -> Place | None:
        """The place a metonymic mention under this token stands for ("Moscow said")."""
        return self.metonymic_at.get(token.idx)

    def _known_org(self, token: Token) -> bool:
        return self.lex.find_organisation(_text(self._noun_phrase(token))) is not None

    def _noun_phrase(self, token: Token) -> list[Token]:
        """The words naming a speaker, never across a line break."""
        left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "det", "nmod", "poss")]
        start = min([token.i, *(t.left_edge.i for t in left)])
        words = list(self.doc[start : token.i + 1])
        breaks = [i for i, t in enumerate(words) if "\n" in t.text]
        if breaks:
            words = words[breaks[-1] + 1 :]
        return _strip_det(words, self.determiners)

    def _government(self, place: Place, token: Token) -> Draft:
        cc = place.country_code or place.name
        country = self.gazetteer.get(f"cc:{cc}") if place.country_code else None
        country_name = country.name if country else place.name
        key = f"government:{cc}"
        draft = self.drafts.get(key)
        if draft is None:
            name = f"{country_name} (government)"
            draft = Draft(key, name, "government", token.idx, country=place.country_code)
            draft.why.append(f"“{token.text}” stands for the government of {country_name}")
            self.drafts[key] = draft
        mention = next(m for m in place.mentions if m.start <= token.idx < m.end)
        draft.mention(mention.start, mention.end, mention.surface)
        self._remember(token.i, key)
        return draft

    def _organisation(self, ent: Span | None, token: Token, long: Span | None = None) -> Draft:
        """The organisation named here; ``long``, the full name an acronym's definition gives it."""
        if long is not None:
            tokens = list(long) if long.start <= token.i < long.end else [token]
        else:
            tokens = _strip_det(list(ent) if ent is not None else self._noun_phrase(token), self.determiners)
        surface = _text(tokens) or token.text
        full = long.text if long is not None else surface
        org = self.lex.find_organisation(full) or (self.lex.find_organisation(surface) if long else None)
        name = org.name if org else full
        key = f"organisation:{fold(name)}"
        draft = self.drafts.get(key)
        if draft is None:
            draft = Draft(key, name, "organisation", tokens[0].idx if tokens else token.idx, organisation=org)
            if org:
                draft.country = org.country
                draft.why.append(f"{org.name}: {org.source}")
            self.drafts[key] = draft
        start = tokens[0].idx if tokens else token.idx
        draft.mention(start, start + len(surface), surface)
        self._remember(token.i, key)
        return draft

    def _antecedent(self, token: Token, kinds: tuple[str, ...]) -> Draft | None:
        """The voice of the right kind a pronoun most likely refers to, within a few sentences:
        salience in the manner of Lappin and Leass (1994), the best of each voice's mentions,
        halved with every sentence back. A subject outweighs an object and a name inside another
        phrase ("al-Sadr's movement"), so "X disputed Y's account. He said" is X; "she" never goes
        to a voice the article calls "Mr" or "spokesman", nor "he" to one it calls "Mrs"."""
        male, female = self.lex.words("male_words"), self.lex.words("female_words")
        gender = "male" if token.lower_ in male else "female" if token.lower_ in female else None
        sentences = index(self.doc)
        starts = [sentences.sentence_of(token.i).start]
        for _ in range(self.antecedent_sentences):
            if starts[-1] == 0:
                break
            starts.append(sentences.sentence_of(starts[-1] - 1).start)
        salience: dict[str, float] = {}
        for i, key in self._before(token.i):
            if i < starts[-1]:
                break
            draft = self.drafts[key]
            if draft.kind in kinds and not (gender and draft.gender and draft.gender != gender):
                back = sum(1 for start in starts if start > i)
                salience[key] = max(salience.get(key, 0.0), self._salience(i) / 2**back)
        if not salience:
            return None
        draft = self.drafts[max(salience, key=salience.__getitem__)]  # ties: the nearest, met first
        draft.mention(token.idx, token.idx + len(token.text), token.text, alias=False)
        self._remember(token.i, draft.key)
        return draft

    def _salience(self, i: int) -> float:
        """Lappin and Leass's weights for the mention at token ``i``: recency 100, subject 80,
        object 50, indirect object 40, and 80 for a phrase of its own, not inside another."""
        ent = index(self.doc).entity_at(i)
        word = ent.root if ent is not None else self.doc[i]
        while word.dep_ in ("appos", "compound", "flat") and word.head.i != word.i:
            word = word.head  # "the secretary, Jane Roe", "President Jane Roe": the phrase's place
        role = {"nsubj": 80, "nsubjpass": 80, "dobj": 50, "dative": 40}.get(word.dep_, 0)
        inside = word.dep_ == "nmod" or (word.dep_ == "pobj" and word.head.head.pos_ in ("NOUN", "PROPN"))
        return 100 + role + (0 if inside else 80)

    def _remember(self, i: int, key: str) -> None:
        insort(self.timeline, (i, key))

    def _before(self, i: int) -> Iterator[tuple[int, str]]:
        """The references before token ``i``, nearest first."""
        for at in range(bisect_left(self.timeline, (i, "")) - 1, -1, -1):
            yield self.timeline[at]

    def _description(self, token: Token, cited: bool = False) -> Draft | None:
        """A speaker named by what they are: "the president", "officials", "a source", "the report",
        any noun for a person or a body of people ("the actress", "the agency"), anything ``cited``;
        or a role with the name after it ("a spokesperson for the UN, Rupert Colville")."""
        ents = index(self.doc)
        last = token.right_edge.i
        if cited:  # "according to Cuban vice-premier Carlos Lage", however the parser splits the title
            last = max(last, min(token.i + 4, index(self.doc).sentence_of(token.i).end - 1))
        named = next(
            (
                e
                for t in range(token.i + 1, last + 1)
                if (e := ents.entity_at(t)) is not None
                and e.label_ == "PERSON"
                and token.i < e.start
                and e.end <= last + 1
                and (
                    e.end <= token.right_edge.i + 1
                    or not any(w.is_punct for w in self.doc[token.i : e.start])
                )
            ),
            None,
        )
        if named is not None:
            draft = self._person(named)
            role = _text(_strip_det([t for t in token.subtree if t.i < named.start], self.determiners))
            if role and role not in draft.roles:
                draft.roles.append(role)
            return draft
        tokens = self._noun_phrase(token)
        phrase = _text(tokens)
        if not phrase:
            return None
        pobj_orgs = []
        for prep in (
            c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at", "from")
        ):
            for g in prep.subtree:
                ent = index(self.doc).entity_at(g.i)
                if ent is not None and ent.label_ == "ORG" and ent not in pobj_orgs:
                    pobj_orgs.append(ent)
        found = self.lex.role_type(phrase)
        org = self.lex.find_organisation(pobj_orgs[0].text) if pobj_orgs else None
        lemma = token.lemma_.lower()
        # "the airline", "the group": WordNet files their first sense elsewhere; never a person's title
        organisation = lemma in self.lex.words("organisation_words")
        noun = self.lex.speaker_nouns.get(lemma) or ("group" if organisation else None)
        document = self._is_document(token)
        if found is None and org is None and noun is None and not (document or cited):
            return None  # "This assertion underscores ...": not somebody speaking
        definite = token.i > 0 and self.doc[tokens[0].i - 1].lower_ == "the" if tokens else False
        if definite and token.tag_ == "NN" and not pobj_orgs:
            if not organisation and (found or noun == "person"):
                person = self._titled_person(token, found[0] if found else lemma, untitled=found is not None)
                if person is not None:
                    return person
            if noun == "group" or organisation:
                body = self._named_body(token)
                if body is not None:
                    return body
        sentence = index(self.doc).sentence_of(token.i).text.lower()
        anonymous = any(mark in sentence for mark in self.lex.words("anonymity_marks")) or token.lemma_ in (
            "source",
            "insider",
        )
        label = phrase[0].upper() + phrase[1:]
        if pobj_orgs:
            label = f"{label} ({pobj_orgs[0].text})"
        key = f"group:{fold(label)}"
        group = self.drafts.get(key)
        if group is None:
            group = Draft(key, label, "group", tokens[0].idx, anonymous=anonymous, organisation=org)
            group.roles.append(phrase)
            if org:
                group.country = org.country
            self.drafts[key] = group
        group.mention(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), phrase)
        self._remember(token.i, key)
        return group

    def _is_document(self, token: Token) -> bool:
        """A common noun for a document that can speak ("the report", "new filings show", "the
        ads ask"), by its lemma or its own form: the list holds both ("results", "data")."""
        nouns = self.lex.words("document_nouns")
        return token.pos_ == "NOUN" and (token.lemma_.lower() in nouns or token.lower_ in nouns)

    def _named_body(self, token: Token) -> Draft | None:
        """ "The organization said", "the committee found": the organisation named in the last few
        sentences, the nearest whose name holds the noun ("the National Transportation Safety
        Committee"), else the nearest. Looked up in the text, not among the voices met so far, which
        hold only those already heard."""
        sentences = index(self.doc)
        first = sentences.sentence_of(token.i).start
        for _ in range(self.antecedent_sentences):
            if first == 0:
                break
            first = sentences.sentence_of(first - 1).start
        named: list[tuple[int, str]] = []  # (token, the organisation's name), nearest first
        for t in range(token.i - 1, first - 1, -1):
            ent = sentences.entity_at(t)
            if t in self.spelled_out:
                named.append((t, self.spelled_out[t].text))
            elif ent is not None and ent.label_ == "ORG" and ent.root.i == t:
                named.append((t, ent.text))
        noun = fold(token.text)
        for t, _ in [n for n in named if noun in fold(n[1])] or named:
            draft = self.resolve(self.doc[t])
            if draft is not None and draft.kind == "organisation":
                return self._refer(draft, token, f"“the {token.text}” refers to {draft.name}")
        return None

    def _it(self, token: Token) -> Draft | None:
        """ "It said ...": the body heard most recently (an organisation or a government), else the
        subject of a recent sentence that is an organisation, a body ("the agency") or a document
        ("The ministry released the figures on Monday. It said ..."); never a person, and nothing
        when neither is near."""
        heard = self._antecedent(token, ("organisation", "government"))
        if heard is not None:
            return heard
        sentences = index(self.doc)
        first = sentences.sentence_of(token.i).start
        for _ in range(self.antecedent_sentences):
            if first == 0:
                break
            first = sentences.sentence_of(first - 1).start
        for t in range(token.i - 1, first - 1, -1):
            word = self.doc[t]
            if word.dep_ != "nsubj" or word.lower_ == "it":
                continue
            ent = sentences.entity_at(t)
            named = ent is not None and ent.label_ == "ORG" and ent.root.i == t
            body = word.tag_ == "NN" and self.lex.speaker_nouns.get(word.lemma_.lower()) == "group"
            if named or body or t in self.spelled_out or self._is_document(word) or self._known_org(word):
                draft = self.resolve(word, cited=True)
                if draft is not None and draft.kind != "person":
                    return self._refer(draft, token, f"“it” refers to {draft.name}")
        return None

    def _titled_person(self, token: Token, title: str, untitled: bool = True) -> Draft | None:
        """ "The president" after a named person: the latest one with that title, else (``untitled``:
        the title is a known role) the latest one named without any title, within the last few
        sentences. "The actress" is only someone the article calls an actress."""
        recent: list[str] = []
        for _, key in self._before(token.i):
            if self.drafts[key].kind == "person" and key not in recent:
                recent.append(key)
                if len(recent) == RECENT_PEOPLE:
                    break
        for key in recent:
            if any(title in fold(r) for r in self.drafts[key].roles):
                return self._refer(
                    self.drafts[key], token, f"“the {title}” refers to {self.drafts[key].name}"
                )
        for key in recent[:6] if untitled else ():
            draft = self.drafts[key]
            if not draft.roles:
                draft.roles.append(title)
                return self._refer(
                    draft, token, f"“the {title}” taken to be {draft.name}, the latest person named"
                )
        return None

    def _refer(self, draft: Draft, token: Token, why: str) -> Draft:
        if why not in draft.why:
            draft.why.append(why)
        tokens = self._noun_phrase(token)
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        draft.mention(start, end, index(self.doc).text[start:end], alias=False)
        self._remember(token.i, draft.key)
        return draft
