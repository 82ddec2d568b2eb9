"""Whose side is heard and whose is missing: the balance of an article's voices, in numbers and in
plain sentences.

Sides are the countries the article itself names (as places or by demonym); a side is heard when a
voice is affiliated with it. Independence is judged by type: experts without a side, international
organisations, civil society and citizens. The article's own unattributed scare quotes are counted
apart, never as a side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from lib.contract import ProcessedArticle, Quote, Voice
from lib.geo.gazetteer import get_gazetteer
from lib.geo.names import fold

INDEPENDENT = {"international organisation", "civil society", "citizen"}


@dataclass
class Balance:
    quotes_by_affiliation: Counter = field(default_factory=Counter)
    words_by_affiliation: Counter = field(default_factory=Counter)
    quotes_by_type: Counter = field(default_factory=Counter)
    words_by_type: Counter = field(default_factory=Counter)
    statements: list[str] = field(default_factory=list)


def _words(voice: Voice) -> int:
    return sum(len(q.text.split()) for q in _heard(voice))


def named_countries(doc: ProcessedArticle) -> Counter:
    """How often the article names each country: itself, its capital, or its demonym."""
    gaz = get_gazetteer()
    counts: Counter = Counter()
    for p in doc.places:
        entry = gaz.get(p.gazetteer_key) if p.gazetteer_key else None
        if p.country_code and entry is not None and entry.feature in ("country", "capital"):
            counts[p.country_code] += len(p.mentions)
    text = doc.article.text
    for word in {w.strip(".,;:()“”\"’'") for w in text.split()}:
        cc = gaz.demonyms.get(fold(word)) if word[:1].isupper() else None
        if cc:
            counts[cc] += text.count(word)
    return counts


def _heard(voice: Voice) -> list[Quote]:
    """What a voice is heard saying: its quotes and paraphrases, not the positions the article
    gives it ("backs the bill")."""
    return [q for q in voice.quotes if q.kind != "stance"]


def balance(doc: ProcessedArticle) -> Balance:
    gaz = get_gazetteer()
    b = Balance()
    speaking = [v for v in doc.voices if _heard(v) and v.source_type != "article"]
    for v in speaking:
        side, count = v.affiliation or "unknown", len(_heard(v))
        b.quotes_by_affiliation[side] += count
        b.words_by_affiliation[side] += _words(v)
        b.quotes_by_type[v.source_type] += count
        b.words_by_type[v.source_type] += _words(v)
    if not speaking:
        b.statements.append("Nobody is quoted or paraphrased: every claim is the article's own.")
        return b

    country_names = {}
    for cc in named_countries(doc):
        entry = gaz.get(f"cc:{cc}")
        if entry:
            country_names[cc] = entry.name
    named = named_countries(doc)
    heard = {v.affiliation for v in speaking if v.affiliation}
    known = [v for v in speaking if v.affiliation]
    unknown = [v for v in speaking if not v.affiliation]
    total_words = sum(_words(v) for v in speaking)
    if known and len(heard) == 1:
        side = next(iter(heard))
        extra = f"; {len(unknown)} more with no stated affiliation" if unknown else ""
        share = sum(_words(v) for v in known) / total_words
        b.statements.append(
            f"Every voice whose affiliation is known speaks for {side}: {len(known)} of {len(speaking)} "
            f"voices, {share:.0%} of the quoted words{extra}."
        )
    elif known:
        parts = ", ".join(f"{a} {n / total_words:.0%}" for a, n in b.words_by_affiliation.most_common())
        b.statements.append(f"Quoted words by affiliation: {parts}.")
    absent = [
        (country_names[cc], n)
        for cc, n in named.most_common()
        if cc in country_names and country_names[cc] not in heard
    ]
    if heard and absent:
        name, n = absent[0]
        b.statements.append(
            f"No voice speaks for {name}, which the article names {n} time{'s' if n != 1 else ''}"
            + (f" (nor for {', '.join(a for a, _ in absent[1:3])})." if len(absent) > 1 else ".")
        )
    independent = [
        v
        for v in speaking
        if v.source_type in INDEPENDENT or (v.source_type == "expert" and not v.affiliation)
    ]
    if not independent:
        b.statements.append(
            "No independent voice: no international organisation, civil society or citizen is quoted."
        )
    if "citizen" not in b.quotes_by_type:
        b.statements.append("No civilian is quoted.")
    article = next((v for v in doc.voices if v.source_type == "article"), None)
    if article and article.quotes:
        n = len(article.quotes)
        b.statements.append(
            f"{n} quoted phrase{'s are' if n != 1 else ' is'} the article's own "
            "(scare quotes or terms nobody is quoted as saying)."
        )
    return b
