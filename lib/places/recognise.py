"""Finding place mentions: spaCy's entities checked against the gazetteer, plus a PhraseMatcher of
gazetteer names for places the small model misses or mislabels ("Darfur" as ORG, a town as PERSON).

Not places by themselves: organisations and people whose names contain a place ("Bank of England",
"the Fargo Police Department"): the place is a mention ``in_name`` that counts for it without putting
it on the map; nor "Paris Hilton", nor capitalised common words, unless the context says otherwise
(a locative preposition, or the same name used as a place elsewhere). Demonyms and adjectives
("Syrian forces", "the Sudanese") are found apart (``adjectival_mentions``): they count for their
country but are not names of a place.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from lib.doc_index import index
from lib.geo.gazetteer import Gazetteer
from lib.geo.names import fold
from lib.lexicon import Lexicon

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Found:
    """A place mention before resolution: where it is and why it was taken for a place."""

    span: Span
    why: str
    kind: str | None = None
    """What kind of place the text says it is, where the form says so (a dateline names a town)."""
    in_name: str | None = None
    """The organisation's or person's name the place is met in ("the Fargo Police Department")."""
    name: str | None = None
    """The name to look up where the text gives a list its region word once ("Barrow" in "Barrow
    and Jackson counties" is Barrow County); else the span's words."""

    @property
    def folded(self) -> str:
        return fold(self.name or self.span.text)


def gazetteer_matcher(vocab: Vocab, gazetteer: Gazetteer) -> PhraseMatcher:
    """The PhraseMatcher of gazetteer names (about a second to build: the component builds it once)."""
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add("PLACE", [Doc(vocab, words=tokens) for tokens in gazetteer.patterns()])
    return matcher


def _strip(span: Span) -> Span:
    """Without a leading "the", a trailing possessive or full stop: "the Gaza Strip's" -> "Gaza Strip"."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a"):
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[start:end]


def _capitalised(span: Span) -> bool:
    """Written as a name: "Lagos", or an all-capitals short form ("UK"), but not a shouted headline."""
    text = span.text
    return (text[:1].isupper() and not text.isupper()) or (len(text) <= 4 and text.isupper())


def _preceded_by_locative(span: Span, lex: Lexicon) -> bool:
    i = span.start - 1
    while i >= 0 and span.doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    return i >= 0 and span.doc[i].lower_ in lex.words("locative_prepositions")


def _inside_other_entity(span: Span) -> Span | None:
    """The longer non-place entity this span sits inside, if any ("England" in "Bank of England").
    Entities never overlap, so only the one at the span's first token can hold it."""
    ent = index(span.doc).entity_at(span.start)
    if ent is None or ent.label_ in PLACE_LABELS or span.end > ent.end:
        return None
    inner = _strip(ent)
    return ent if (inner.start, inner.end) != (span.start, span.end) else None


def find_places(
    doc: Doc, gazetteer: Gazetteer, matcher: PhraseMatcher, lex: Lexicon, max_tokens: int
) -> list[Found]:
    """Every place mention in the document, in text order, each with the reason it was kept."""
    demonyms = gazetteer.demonyms
    strong: dict[tuple[int, int], Found] = {}
    weak: dict[tuple[int, int], tuple[Span, str]] = {}
    surnames = _surnames(doc, gazetteer)

    for ent in index(doc).ents:
        span = _strip(ent)
        if ent.label_ in NAMED_AFTER_PLACES and len(span) and not gazetteer.lookup(span.text):
            inner = _place_in_name(span, gazetteer, lex, prefix_only=ent.label_ == "PERSON")
            if inner is not None and fold(inner.text) not in surnames and _sized(gazetteer, inner):
                why = f"in the name “{span.text}”: counted for the place, not drawn by itself"
                strong[(inner.start, inner.end)] = Found(inner, why, in_name=span.text)
                continue
        if not len(span) or len(span) > max_tokens or not _capitalised(span):
            continue
        if fold(span.text) in demonyms:
            continue
        if fold(span.text) in surnames and not _preceded_by_locative(span, lex):
            continue  # "Jones said": the article's Roy Jones, not Jones, Oklahoma
        if ent.label_ in PLACE_LABELS and not _placeable(span, ent.label_, gazetteer, lex):
            continue  # "Pawlenty figures the money into his budget": a name the parser guessed a place
        if ent.label_ in PLACE_LABELS:
            area = _place_in_name(span, gazetteer, lex, prefix_only=True)
            if area is not None:
                why = f"the parser labels “{span.text}” a place ({ent.label_}): “{area.text}” is in it"
                strong[(area.start, area.end)] = Found(area, why)
            else:
                strong[(span.start, span.end)] = Found(span, f"the parser labels it a place ({ent.label_})")
        elif ent.label_ in ("PERSON", "ORG", "NORP") and gazetteer.lookup(span.text):
            weak[(span.start, span.end)] = (span, ent.label_)

    for span in _datelines(doc, gazetteer):
        strong[(span.start, span.end)] = Found(span, "the dateline: where the report was filed", "city")
    for listed in _listed_areas(doc, gazetteer):
        for found in (strong, weak):
            for key in [k for k in found if k[0] < listed.span.end and listed.span.start < k[1]]:
                del found[key]
        strong[(listed.span.start, listed.span.end)] = listed

    strong_at = {t: key for key in strong for t in range(*key)}
    for _, start, end in matcher(doc):
        span = _strip(doc[start:end])
        key = (span.start, span.end)
        if not len(span) or key in strong or key in weak or fold(span.text) in demonyms:
            continue
        met = {strong_at[t] for t in range(span.start, span.end) if t in strong_at}
        edges = {strong_at.get(span.start), strong_at.get(span.end - 1)} - {None}
        if edges and not any(span.start <= s and e <= span.end and (e - s) < len(span) for s, e in met):
            continue  # overlaps a parser place it does not contain
        weak[key] = (span, "")

    accepted = dict(strong)
    found_at = {t: strong[key] for t, key in strong_at.items()}  # accepted mentions never overlap
    for key, (span, label) in sorted(weak.items(), key=lambda kv: kv[1][0].start - len(kv[1][0]) / 100):
        met = {(f.span.start, f.span.end) for t in range(*key) if (f := found_at.get(t)) is not None}
        if met:
            if not any(key[0] <= s and e <= key[1] for s, e in met):
                continue
            for s, e in [k for k in met if key[0] <= k[0] and k[1] <= key[1]]:
                del accepted[(s, e)]  # a longer gazetteer name ("Republic of the Congo") wins
                for t in range(s, e):
                    found_at.pop(t, None)
        if label == "PERSON" and fold(span.text) in surnames:
            continue  # "beyond Jones", where the parser, too, reads the article's Roy Jones
        reason = _keep_weak(span, label, gazetteer, found_at, lex)
        if reason:
            accepted[key] = Found(span, reason)
            found_at.update(dict.fromkeys(range(*key), accepted[key]))

    _same_name_elsewhere(doc, accepted, demonyms, surnames, lex)
    return [accepted[k] for k in sorted(accepted)]


ALIAS_ONLY_POPULATION = 10_000
"""A name that is only another name of villages smaller than this ("Kibaki" of a Ukrainian village)
needs the text to place it, like a name the gazetteer does not know."""


def _placeable(span: Span, label: str, gazetteer: Gazetteer, lex: Lexicon) -> bool:
    """Whether a name the parser calls a town or country (GPE) is one: the gazetteer knows it (as a
    place's own name, or another name of a region or of a town of some size; a spelling one letter
    off included), or the text places it ("in X", "X province", "Aleppo and X"). A GPE name with
    neither is the parser's guess, often a person ("Pawlenty said", "Kibaki", another name of a
    Ukrainian village), and is never listed as a place. Features and buildings (LOC, FAC) are kept:
    the gazetteer holds few."""
    if label != "GPE" or _known(gazetteer, span.text):
        return True
    if not gazetteer.lookup(span.text) and gazetteer.fuzzy(span.text):
        return True
    if _preceded_by_locative(span, lex):
        return True
    kinds = lex.words("region_words", "city_words")
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if any(t.lower_ in kinds for t in span) or (after is not None and after.lower_ in kinds):
        return True
    root = span.root
    partners = [root.head] if root.dep_ == "conj" else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    return any(t.ent_type_ == "GPE" and _known(gazetteer, t.text) for t in partners)


def _known(gazetteer: Gazetteer, name: str) -> bool:
    """The gazetteer has the name as a place's own, or as another name of a region or of a town of
    ``ALIAS_ONLY_POPULATION`` or more."""
    return any(
        e.quality >= 1 or e.kind != "city" or e.population >= ALIAS_ONLY_POPULATION
        for e in gazetteer.lookup(name)
    )


NAMED_AFTER_PLACES = {"ORG", "PERSON"}
"""Entities whose names may hold a place: "the Fargo Police Department" (ORG), "Alexandria Police"
(the small model's PERSON)."""


def _own_name(span: Span, gazetteer: Gazetteer) -> bool:
    """A capitalised place's own name or curated alias, not a looser alternate name ("Google")."""
    return (
        all(t.text[:1].isupper() or not t.is_alpha for t in span)
        and not all(t.is_stop for t in span)
        and any(e.quality >= 0.95 for e in gazetteer.lookup(span.text))
    )


def _sized(gazetteer: Gazetteer, span: Span) -> bool:
    """A region, a country or a town of ``ALIAS_ONLY_POPULATION`` or more by its own name: what an
    organisation is named after, where a village's name is more often a person's ("Wesley Medical
    Center", "Vanderbilt University")."""
    return any(
        e.quality >= 0.95 and (e.kind != "city" or e.population >= ALIAS_ONLY_POPULATION)
        for e in gazetteer.lookup(span.text)
    )


def _place_in_name(span: Span, gazetteer: Gazetteer, lex: Lexicon, *, prefix_only: bool) -> Span | None:
    """The place a longer name unknown to the gazetteer is named after: the county it opens with
    ("Henry County Emergency Management", "Cook County Jail"), the place it opens with before a word
    for one of its institutions ("the Fargo Police Department", "Greer City Hall"), and unless
    ``prefix_only``, the place after its "of" ("the University of Michigan") or a country or region
    closing it ("Environment Canada"). "Lincoln" in "Lincoln Memorial" is no place of the memorial's:
    "memorial" names no institution."""
    if len(span) < 2 or gazetteer.lookup(span.text):
        return None
    doc, region_words = span.doc, lex.words("region_words")
    institution = lex.words("institution_words", "organisation_words", "city_words")
    for end in range(span.end - 1, span.start, -1):  # the longest head first
        head, after = doc[span.start : end], doc[end]
        if head[-1].lower_ in region_words and any(e.kind != "city" for e in gazetteer.lookup(head.text)):
            return head
        named_for = after.lower_ in institution and (end + 1 < span.end or after.lower_ not in region_words)
        if named_for and _own_name(head, gazetteer):
            return head
    if prefix_only:
        return None
    for t in span[1:-1]:
        if t.lower_ == "of":
            rest = _strip(doc[t.i + 1 : span.end])
            entries = gazetteer.lookup(rest.text) if len(rest) else []
            sized = any(e.kind != "city" or e.population >= 100_000 for e in entries)
            if _own_name(rest, gazetteer) and (sized or doc[t.i - 1].lower_ in lex.words("city_words")):
                return rest
    for start in range(span.start + 1, span.end):
        tail = doc[start : span.end]
        if _own_name(tail, gazetteer) and any(
            e.kind in ("country", "region") and e.quality >= 0.95 for e in gazetteer.lookup(tail.text)
        ):
            return tail
    return None


LIST_AREAS = {"counties": "County", "parishes": "Parish", "boroughs": "Borough"}
"""The plural a list of areas ends with, and the word each area's own name ends with."""
LIST_NAME_TOKENS = 3


def _listed_areas(doc: Doc, gazetteer: Gazetteer) -> list[Found]:
    """The names of a list that gives its region word once, at its end ("Becker, Clay and Otter Tail
    counties"), each found as the area whose name is the name and that word (Clay County), where
    the gazetteer has such an area."""
    found: list[Found] = []
    tokens = index(doc).tokens
    for word in tokens:
        singular = LIST_AREAS.get(word.lower_)
        if singular is None:
            continue
        end = word.i
        while end > 0:
            start = end
            while start > 0 and end - start < LIST_NAME_TOKENS and tokens[start - 1].text[:1].isupper():
                start -= 1
            if start == end:
                break
            name = f"{doc[start:end].text} {singular}"
            if not any(e.kind == "region" for e in gazetteer.lookup(name)):
                break
            why = f"named with “{word.text}” in a list: {name}"
            found.append(Found(doc[start:end], why, "region", name=name))
            end = start
            while end > 0 and doc[end - 1].lower_ in (",", "and", "or", "&"):
                end -= 1
            if end == start:
                break
    return found


DASHES = {"-", "--", "---", "\u2013", "\u2014"}
DATELINE_ENDS = DASHES | {",", "(", "_"}
DATELINE_WORDS = 4


def _datelines(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Capitalised place names opening a paragraph before a comma or a dash ("WASHINGTON (AP) --",
    "AUSTIN, Texas"): the parser reads them as shouting, the capitals filter as a headline, so a
    dateline is taken when the gazetteer knows the name as a place's own. After a sentence's end it
    must end with a dash ("Flood closes roads. FARGO -- Water rose"): a headline run into the text."""
    tokens = index(doc).tokens
    starts = {0: DATELINE_ENDS} | {t.i + 1: DASHES for t in tokens if t.text in (".", "!", "?")}
    starts |= {t.i + 1: DATELINE_ENDS for t in tokens if t.is_space and "\n" in t.text}
    found = []
    for i, ends in sorted(starts.items()):
        end = i
        while (
            end < len(doc) and end - i < DATELINE_WORDS and doc[end].is_upper and doc[end].text[0].isalpha()
        ):
            end += 1
        if end == i or end >= len(doc) or doc[end].text not in ends:
            continue  # (an empty span at the document's end costs spaCy a walk over the whole text)
        span = doc[i:end]
        if len(span.text) < 3:
            continue
        # by its written form: five capitals ("PARIS") would otherwise be read as initials
        name = span.text.title()
        own = (e.quality >= 1 and e.matched.lower() == name.lower() for e in gazetteer.lookup(name))
        if any(own):
            found.append(span)
    return found


def _surnames(doc: Doc, gazetteer: Gazetteer) -> set[str]:
    """The last and first names of the people the article names in full ("Roy Jones" gives "jones"
    and "roy"): a later bare "Jones" or "Lucy" is that person, unless the parser calls it a place and
    it follows "in" or "to". A first name that is a country's or region's ("Georgia") stays a place."""
    names = [_strip(ent) for ent in index(doc).ents if ent.label_ == "PERSON"]  # "Roy Jones'" -> "Roy Jones"
    full = [name for name in names if len(name) >= 2 and name[-1].text[:1].isupper()]
    last = {fold(name[-1].text) for name in full}
    first = {fold(name[0].text) for name in full if name[0].text[:1].isupper() and name[0].is_alpha}
    first = {n for n in first - last if not any(e.kind != "city" for e in gazetteer.lookup(n))}
    return last | first


def _listed_with(span: Span, found_at: dict[int, Found]) -> Found | None:
    """The place this name is coordinated with: "Kharkov and Odessa", "Aleppo, Homs and Hama"
    (``found_at``: the accepted place mention at each token)."""
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return next((found_at[tok.i] for tok in linked if tok.i in found_at), None)


def _keep_weak(
    span: Span, label: str, gazetteer: Gazetteer, found_at: dict[int, Found], lex: Lexicon
) -> str | None:
    """Whether a gazetteer name the parser did not call a place is one here, and why."""
    if not _capitalised(span) or all(t.is_stop for t in span):
        return None
    container = _inside_other_entity(span)
    if container is not None:
        return None
    # Only a place's own name or a curated alias counts here: GeoNames' looser alternate names
    # include "Google" (Topeka, Kansas) and "Hamas" (Hamm, Germany).
    entries = [e for e in gazetteer.lookup(span.text) if e.quality >= 0.95]
    notable = any(e.kind != "city" or e.population >= 100_000 for e in entries)
    if not entries:
        return None
    if _preceded_by_locative(span, lex):
        return f"a gazetteer name after “{span.doc[span.start - 1].text}”"
    # "Thunder Bay, Ont.": a region after a place and a comma, even where the parser reads a person
    before = span.start - 2
    after_place = before >= 0 and span.doc[before + 1].text == "," and before in found_at
    if after_place and any(e.kind in ("region", "country") for e in entries):
        return f"a region's name after the place “{found_at[before].span.text}”"
    partner = _listed_with(span, found_at)
    if partner is not None:
        return f"a gazetteer name listed with the place “{partner.span.text}”"
    if label == "PERSON":
        if any(e.kind == "country" or e.key.startswith("cur:") for e in entries):
            return "the parser labels it a person, but it is the name of a country or region"
        head = span.root.head
        if span.root.dep_ == "compound" and head.i >= span.end and head.lower_ in lex.words("resident_nouns"):
            return f"a gazetteer name before “{head.text}”: where the {head.text} is from"
        return None  # a town read as a person: decided by the same name being a place elsewhere
    if label in ("ORG", "NORP") and notable:
        return f"the parser labels it {label}, but it is a known place name"
    if not label and notable and any(t.pos_ == "PROPN" for t in span):
        return "a known place name (gazetteer)"
    return None


def _same_name_elsewhere(
    doc: Doc, accepted: dict[tuple[int, int], Found], demonyms: dict, surnames: set[str], lex: Lexicon
) -> None:
    """One sense per article: a name used as a place once is a place wherever it recurs (a town the
    parser tagged as a person the second time, say), except where it is the surname of a person the
    article names. Found with a PhraseMatcher of the names."""
    if not accepted:
        return
    first_of: dict[str, Found] = {}
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    for found in accepted.values():
        if found.folded not in first_of and found.folded not in demonyms:
            first_of[found.folded] = found
            matcher.add(found.folded, [Doc(doc.vocab, words=[t.text for t in found.span])])
    taken = {i for s, e in accepted for i in range(s, e)}
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -m[2])):
        if any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        if fold(span.text) in surnames and not _preceded_by_locative(span, lex):
            continue
        if _inside_other_entity(span) is None:
            first = first_of[doc.vocab.strings[match_id]].span.text
            accepted[(start, end)] = Found(span, f"the same name is a place elsewhere (“{first}”)")
            taken.update(range(start, end))


def adjectival_mentions(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[tuple[Span, str]]:
    """Each capitalised demonym of a country ("Sudanese", "South African", "Americans") outside the
    place mentions (``taken``: their tokens), with the country's code, in text order."""
    demonyms = gazetteer.demonyms
    found: list[tuple[Span, str]] = []
    tokens = index(doc).tokens
    i = 0
    while i < len(tokens):
        first = tokens[i]  # a span starts with a capitalised word outside a place: most tokens stop here
        if not first.text[:1].isupper() or first.lower_ in ("the", "a", "an") or i in taken:
            i += 1
            continue
        for width in (2, 1):  # the longer form first: "South African", not "African"
            if i + width > len(tokens) or (width == 2 and i + 1 in taken):
                continue
            words = first.text + first.whitespace_ + tokens[i + 1].text if width == 2 else first.text
            folded = fold(words)
            cc = demonyms.get(folded) or (demonyms.get(folded[:-1]) if folded.endswith("s") else None)
            if cc:
                found.append((doc[i : i + width], cc))
                i += width - 1
                break
        i += 1
    return found
