"""Voices stage: every quote with its speaker, every speaker with a source type and affiliation."""

from __future__ import annotations

from collections import Counter

from spacy.matcher import Matcher
from spacy.tokens import Doc

from lib.contract import Mention, Place, Quote, Span, Voice
from lib.doc_index import index
from lib.geo.gazetteer import Gazetteer
from lib.lexicon import Lexicon
from lib.voices.attribution import Found, find_quotes
from lib.voices.source_types import affiliation, source_type
from lib.voices.speakers import Draft, Speakers

ARTICLE_VOICE = "article"


def extract_voices(
    doc: Doc,
    places: list[Place],
    gazetteer: Gazetteer,
    lex: Lexicon,
    matcher: Matcher,
    *,
    direct_min_words: int,
    antecedent_sentences: int,
) -> list[Voice]:
    """Every voice of the article with its quotes (the ``lens_voices`` component's work)."""
    text = index(doc).text
    speakers = Speakers(doc, places, gazetteer, lex, antecedent_sentences)
    found = find_quotes(doc, speakers, matcher, direct_min_words)
    article = Draft(ARTICLE_VOICE, "The article itself", "article", len(text))
    by_draft: dict[str, list[Found]] = {}
    for f in sorted(found, key=lambda f: f.start):
        by_draft.setdefault((f.speaker or article).key, []).append(f)
    drafts = {d.key: d for d in speakers.drafts.values()} | {ARTICLE_VOICE: article}
    intermediaries = {f.via.key for f in found if f.via is not None}
    keep = [drafts[k] for k in drafts if k in by_draft or k in intermediaries]
    keep.sort(
        key=lambda d: (d.kind == "article", min([d.first, *(f.start for f in by_draft.get(d.key, []))]))
    )
    ids = {d.key: f"v{i}" for i, d in enumerate(keep, 1)}
    voices = []
    for d in keep:
        kind, type_why = source_type(d, lex, gazetteer)
        aff, aff_why = affiliation(d, gazetteer, lex)
        quotes = by_draft.get(d.key, [])
        vias = Counter(f.via.key for f in quotes if f.via is not None)
        why = list(dict.fromkeys([type_why, *d.why]))
        if aff is None and vias and len(vias) == 1:
            via = drafts[next(iter(vias))]
            aff, aff_why = affiliation(via, gazetteer, lex)
            aff_why = f"quoted through {via.name}; {aff_why}" if aff else None
        if aff_why:
            why.append(f"affiliation: {aff_why}")
        voices.append(
            Voice(
                id=ids[d.key],
                name=d.name,
                aliases=sorted(a for a in d.aliases if a != d.name),
                role="; ".join(d.roles) or None,
                source_type=kind,
                identity=d.identity,
                affiliation=aff,
                via=ids.get(vias.most_common(1)[0][0]) if vias else None,
                why=why,
                mentions=[Mention(start=s, end=e, surface=t) for s, e, t in sorted(d.mentions)],
                quotes=[
                    Quote(
                        start=f.start,
                        end=f.end,
                        text=text[f.start : f.end],
                        kind=f.kind,
                        cue=f.cue,
                        via=ids.get(f.via.key) if f.via else None,
                        parts=[Span(start=a, end=b) for a, b in f.parts],
                    )
                    for f in quotes
                ],
            )
        )
    _affiliate_titles(voices)
    return voices


def _affiliate_titles(voices: list[Voice]) -> None:
    """A title without a country ("the president") among officials who all serve one country is
    taken to serve it too; the evidence says so."""
    countries = {
        v.affiliation for v in voices if v.source_type in ("government", "military") and v.affiliation
    }
    if len(countries) != 1:
        return
    country = next(iter(countries))
    for v in voices:
        if v.affiliation is None and v.source_type in ("government", "military"):
            v.affiliation = country
            v.why.append(f"affiliation: no country named; the other officials quoted serve {country}")
