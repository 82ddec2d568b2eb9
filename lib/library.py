"""Adding articles to the store: the path shared by the CLI, the upload form and first start."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lib.contract import ProcessedArticle
from lib.ingest import RawArticle, parse_published, read_article, read_path
from lib.pipeline import process
from lib.store import REPO_ROOT, Store

SAMPLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class Added:
    doc: ProcessedArticle
    created: bool  # False when the same article was already stored


def add_text(store: Store, data: bytes | str, **meta: object) -> Added:
    """Check, process and store one article; ``InputError`` leaves the store untouched."""
    raw = read_article(data, **meta)  # type: ignore[arg-type]
    if store.exists(raw.id):
        return Added(store.get(raw.id), created=False)
    doc = process(raw)
    return Added(doc, created=store.add(doc))


def add_file(store: Store, path: str | Path, **meta: object) -> Added:
    raw = read_path(path, **meta)
    if store.exists(raw.id):
        return Added(store.get(raw.id), created=False)
    doc = process(raw)
    return Added(doc, created=store.add(doc))


def samples_dir() -> Path:
    return Path(os.environ.get("LENS_SAMPLES_DIR") or REPO_ROOT / "samples")


def seed_samples(store: Store, on_progress: Callable[[str], None] | None = None) -> int:
    """On a first start with an empty store, process the shipped samples so the dashboard is full."""
    if store.count():
        return 0
    added = 0
    for path in sorted(samples_dir().glob("*")):
        if path.suffix.lower() in SAMPLE_SUFFIXES:
            if on_progress:
                on_progress(path.name)
            added += add_file(store, path).created
    return added


def set_published(store: Store, article_id: str, published: date | str) -> ProcessedArticle:
    """Give a stored article its publication date and re-anchor everything in time: the article is
    processed again from its stored text (same id) and replaces the old document."""
    old = store.get(article_id)
    a = old.article
    raw = RawArticle(
        id=a.id,
        text=a.text,
        title=a.title,
        published=parse_published(published),
        source=a.source,
        format="txt",
    )
    doc = process(raw)
    store.add(doc, replace=True)
    return doc
