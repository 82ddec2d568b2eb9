"""Adding articles to the store: the path shared by the CLI, the upload form and first start.

An article a stage fails on is kept as failed (its text, metadata, the stage and the error), never
lost: the Library lists it with the reason and a Retry button, and the CLI retries it on the next
run of the same command.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import lib
from lib import team
from lib.contract import ProcessedArticle
from lib.ingest import InputError, RawArticle, parse_published, read_article, read_path
from lib.pipeline import Failed, ProcessingError, process
from lib.store import REPO_ROOT, NotFound, Store

SAMPLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
log = logging.getLogger("lib.library")


@dataclass(frozen=True)
class Added:
    doc: ProcessedArticle
    created: bool  # False when the same article was already stored


def add_raw(store: Store, raw: RawArticle, on_stage: Callable[[str], None] | None = None) -> Added:
    """Process and store one read article; a stage that fails keeps it as failed and raises
    ``ProcessingError``."""
    if store.exists(raw.id):
        return Added(store.get(raw.id), created=False)
    try:
        doc = process(raw, on_stage=on_stage)
    except ProcessingError as exc:
        raise exc.then(keep_unless_stored(store, raw, exc.stage, exc.error, replace=False)) from None
    doc = with_team_knowledge(store, doc)
    return Added(doc, created=store.add(doc))


def with_team_knowledge(store: Store, doc: ProcessedArticle) -> ProcessedArticle:
    """A processed article as the team's lexicon corrects it (``lib.team``), before it is stored."""
    return team.apply(doc, team.read(store.knowledge()))


def add_text(store: Store, data: bytes | str, **meta: object) -> Added:
    """Check, process and store one article; ``InputError`` leaves the store untouched."""
    return add_raw(store, read_article(data, **meta))  # type: ignore[arg-type]


def add_file(store: Store, path: str | Path, **meta: object) -> Added:
    return add_raw(store, read_path(path, **meta))


KEPT = "It was kept as failed."
UNCHANGED = "The stored article is unchanged."


def keep_unless_stored(store: Store, raw: RawArticle, stage: str, reason: str, *, replace: bool) -> str:
    """What becomes of an article a stage or a budget stopped, as a sentence for the user: a new one
    is kept as failed, to retry; one being processed again is still stored as it was."""
    if replace:
        return UNCHANGED
    keep_failed(store, Failed(raw, stage, reason))
    return KEPT


def keep_failed(store: Store, failed: Failed) -> None:
    """Store an article a stage failed on, with what is needed to retry it."""
    raw = failed.raw
    store.add_failure(
        raw.id,
        title=raw.title,
        text=raw.text,
        source=raw.source,
        published=raw.published.isoformat() if raw.published else None,
        stage=failed.stage,
        error=failed.error,
        pipeline=lib.__version__,
    )


def failed_article(store: Store, article_id: str) -> RawArticle:
    """A failed article as it was read, to process again; ``NotFound`` if there is no such failure."""
    row = store.failure(article_id)
    if row is None:
        raise NotFound(article_id)
    published = date.fromisoformat(row.published) if row.published else None
    return _stored_raw(row.id, row.text, row.title, published, row.source)


def _stored_raw(
    article_id: str, text: str, title: str, published: date | None, source: str | None
) -> RawArticle:
    """An article read back from the store (its text is already clean) under its own id."""
    return RawArticle(id=article_id, text=text, title=title, published=published, source=source, format="txt")


def samples_dir() -> Path:
    return Path(os.environ.get("LENS_SAMPLES_DIR") or REPO_ROOT / "samples")


def seed_samples(store: Store, on_progress: Callable[[str], None] | None = None) -> int:
    """On a first start with an empty store, process the shipped samples so the dashboard is full.
    A sample that cannot be read or processed is skipped (and logged): the dashboard still opens."""
    if store.count():
        return 0
    added = 0
    for path in sorted(samples_dir().glob("*")):
        if path.suffix.lower() in SAMPLE_SUFFIXES:
            if on_progress:
                on_progress(path.name)
            try:
                added += add_file(store, path).created
            except (InputError, ProcessingError) as exc:
                log.warning("sample %s skipped: %s", path.name, exc)
    return added


def reread(store: Store, article_id: str) -> RawArticle:
    """A stored article read back as it was given, to process again with this version."""
    a = store.get(article_id).article
    return _stored_raw(a.id, a.text, a.title, a.published, a.source)


def redated(store: Store, article_id: str, published: date | str) -> RawArticle:
    """A stored article read back with a new publication date; ``InputError`` for a bad date."""
    return dataclasses.replace(reread(store, article_id), published=parse_published(published))


def replace_raw(
    store: Store, raw: RawArticle, on_stage: Callable[[str], None] | None = None
) -> ProcessedArticle:
    """Process a stored article again and replace its document; ``ProcessingError`` leaves the
    stored document as it was (it is not kept as failed: the article is still there)."""
    try:
        doc = process(raw, on_stage=on_stage)
    except ProcessingError as exc:
        raise exc.then(UNCHANGED) from None
    doc = with_team_knowledge(store, doc)
    store.add(doc, replace=True)
    return doc
