"""Stored articles: one row per article with its document, in SQLite by default.

One URL setting (``LENS_DATABASE_URL``) points the store elsewhere; without it the store is a SQLite
file in ``LENS_DATA_DIR`` (default: the repository's ignored ``data/`` folder). SQLite runs in WAL mode
so several browser sessions can read while one writes. Every write is one transaction, so a write that
dies half-way leaves every earlier article intact.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import JsonValue
from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError, SQLAlchemyError

from lib.contract import SCHEMA_VERSION, DocumentError, ProcessedArticle, is_article_id, load_document
from lib.corrections import MAX_NOTE_CHARS, Correction
from lib.corrections import apply as apply_corrections

STORE_VERSION = 5
REPO_ROOT = Path(__file__).resolve().parent.parent

metadata = MetaData()
meta_table = Table(
    "lens_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
    Column("source", Text),
    Column("published", String(10)),
    Column("processed_at", String(32), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("n_words", Integer, nullable=False, default=0),
    Column("n_places", Integer, nullable=False, default=0),
    Column("n_voices", Integer, nullable=False, default=0),
    Column("n_claims", Integer, nullable=False, default=0),
    Column("document", Text, nullable=False),
)

work = Table(
    "work",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("worker", String(128), nullable=False),
    Column("claimed_at", Float, nullable=False),
)
"""Articles a batch worker is processing right now: the stable id is the unit of work, so workers on
several machines sharing one database never process the same article twice."""


failures = Table(
    "failures",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
    Column("source", Text),
    Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("stage", String(32), nullable=False),
    Column("error", Text, nullable=False),
    Column("pipeline", String(64), nullable=False),
    Column("failed_at", String(32), nullable=False),
)
"""Articles a stage failed on: kept whole (text and metadata), so nothing a user added is lost and
running the same command again, or Retry in the Library, tries them again."""


corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), nullable=False, index=True),
    Column("target", String(16), nullable=False),
    Column("anchor_start", Integer, nullable=False),
    Column("anchor_end", Integer, nullable=False),
    Column("anchor_text", Text, nullable=False),
    Column("field", String(32), nullable=False),
    Column("old_value", Text, nullable=False),
    Column("new_value", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("made_at", String(32), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("undone_at", String(32)),
    Column("undone_by", Text),
)
"""What people corrected, one row per change and never rewritten but to mark it undone: the history.
Kept apart from the documents, so reprocessing an article never loses a correction."""

team_knowledge = Table(
    "team_knowledge",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, index=True),
    Column("entry", Text, nullable=False),
    Column("author", Text, nullable=False),
    Column("made_at", String(32), nullable=False),
    Column("removed_at", String(32)),
)
"""The team lexicon (``lib.team``): one row per entry as it was made; the newest row of a key holds."""

reviews = Table(
    "reviews",
    metadata,
    Column("article_id", String(16), primary_key=True),
    Column("author", Text, primary_key=True),
    Column("reviewed_at", String(32), nullable=False),
)
"""Who marked an article as reviewed, and when."""


def _add_work_table(conn: Connection) -> None:
    work.create(conn, checkfirst=True)


def _add_failures_table(conn: Connection) -> None:
    failures.create(conn, checkfirst=True)


def _add_correction_tables(conn: Connection) -> None:
    for table in (corrections, team_knowledge, reviews):
        table.create(conn, checkfirst=True)


def _documents_to_current_schema(conn: Connection) -> None:
    """Rewrite the documents an earlier schema version stored (``load_document`` migrates them), so
    every stored article opens and exports in the current shape. One it cannot read is left as it
    is: the Library lists it with the reason, and nothing is lost."""
    older = select(articles.c.id).where(articles.c.schema_version < SCHEMA_VERSION)
    for (article_id,) in conn.execute(older).fetchall():
        row = conn.execute(select(articles.c.document).where(articles.c.id == article_id)).one()
        try:
            doc = load_document(row.document)
        except DocumentError:
            continue
        conn.execute(
            update(articles)
            .where(articles.c.id == article_id)
            .values(document=doc.to_json(), schema_version=doc.schema_version)
        )


# Schema migrations, applied in order: MIGRATIONS[n] upgrades a store from version n + 1 to n + 2.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _add_work_table,
    _add_failures_table,
    _documents_to_current_schema,
    _add_correction_tables,
]


class NotFound(KeyError):
    """No stored article has this id (or the id is not an id at all)."""


class StoreError(RuntimeError):
    """The store cannot be used (read-only, full disk, damaged file, unreachable server): the message
    says what happened and what to do, in one sentence a user can act on."""


_PROBLEMS = (
    (("readonly", "read-only", "permission denied"), "is read-only: Article Lens cannot save there. Check "
     "the folder's permissions or set LENS_DATA_DIR to a writable folder"),
    (("disk is full", "no space left"), "is on a full disk: free some space and try again"),
    (("not a database", "malformed", "disk i/o error"), "is damaged (not a readable database): move the file "
     "aside (keep it for recovery) and Article Lens starts a new store, or restore a backup"),
    (("database is locked",), "is busy (another process holds a lock): try again in a moment"),
    (("unable to open database file",), "cannot be opened: check that its folder exists and is accessible"),
    (("connection", "could not connect", "password authentication"), "cannot be reached: check "
     "LENS_DATABASE_URL and that the database server is running"),
)  # fmt: skip


def store_problem(exc: BaseException, url: str) -> StoreError:
    """The sentence for a database or file-system error met while using the store at ``url``."""
    text = str(exc).lower()
    where = make_url(url).render_as_string(hide_password=True) if "://" in url else url
    for needles, what in _PROBLEMS:
        if any(n in text for n in needles):
            return StoreError(f"The store at {where} {what}. Nothing stored was changed.")
    first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    return StoreError(f"The store at {where} failed ({first}). Nothing stored was changed.")


@dataclass(frozen=True)
class ArticleRow:
    """What the Library lists, read from columns so that no document has to be parsed."""

    id: str
    title: str
    source: str | None
    published: str | None
    processed_at: str
    n_words: int
    n_places: int
    n_voices: int
    n_claims: int


@dataclass(frozen=True)
class FailedRow:
    """An article a stage failed on, as the Library lists it."""

    id: str
    title: str
    source: str | None
    published: str | None
    text: str
    stage: str
    error: str
    pipeline: str
    failed_at: str


def data_dir_path() -> Path:
    return Path(os.environ.get("LENS_DATA_DIR") or REPO_ROOT / "data")


def data_dir() -> Path:
    """The data folder, created if missing."""
    path = data_dir_path()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    return os.environ.get("LENS_DATABASE_URL") or f"sqlite:///{data_dir() / 'lens.db'}"


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """The article store; safe to share between threads (one engine, pooled connections)."""

    def __init__(self, url: str | None = None) -> None:
        """Open (and create or upgrade) the store; ``StoreError`` when it cannot be used."""
        try:
            self.url = url or database_url()
        except OSError as exc:  # the data folder cannot be created
            raise store_problem(exc, str(data_dir_path())) from None
        self.engine = _make_engine(self.url)
        try:
            self._migrate()
        except (SQLAlchemyError, OSError, ValueError) as exc:  # ValueError: a damaged version row
            self.engine.dispose()
            raise store_problem(exc, self.url) from None

    def _migrate(self) -> None:
        """Create or upgrade the tables. Several processes may open a new store at once: on
        PostgreSQL they take turns (a transaction-scoped advisory lock); a race SQLite loses
        ("table already exists", or the other process wrote the version row first) is tried again."""
        for attempt in range(5):
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(7263514)"))
                    self._upgrade(conn)
                return
            except (OperationalError, ProgrammingError, IntegrityError) as exc:
                lost_race = ("exists", "duplicate", "locked", "unique constraint")
                if attempt == 4 or not any(w in str(exc).lower() for w in lost_race):
                    raise
                time.sleep(0.2 * (attempt + 1))

    def _upgrade(self, conn: Connection) -> None:
        metadata.create_all(conn, checkfirst=True)
        row = conn.execute(select(meta_table.c.value).where(meta_table.c.key == "store_version")).first()
        if row is None:
            conn.execute(insert(meta_table).values(key="store_version", value=str(STORE_VERSION)))
            return
        version = int(row.value)
        if version > STORE_VERSION:
            raise StoreError(
                f"The store at {self.url} was written by a newer Article Lens (version {version}): "
                "upgrade Article Lens to open it."
            )
        if version == STORE_VERSION:
            return  # nothing to write: a read-only store still opens for reading
        for step in MIGRATIONS[version - 1 :]:
            step(conn)
        conn.execute(
            update(meta_table).where(meta_table.c.key == "store_version").values(value=str(STORE_VERSION))
        )

    def add(self, doc: ProcessedArticle, *, replace: bool = False) -> bool:
        """Store a document; returns False when the article was already there (and not replaced)."""
        a = doc.article
        values = {
            "title": a.title,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "processed_at": a.processed_at.isoformat(),
            "schema_version": doc.schema_version,
            "n_words": len(a.text.split()),
            "n_places": len(doc.places),
            "n_voices": sum(1 for v in doc.voices if v.quotes),
            "n_claims": len(doc.claims),
            "document": doc.to_json(),
        }
        with self.engine.begin() as conn:
            conn.execute(delete(failures).where(failures.c.id == a.id))
            exists = conn.execute(select(articles.c.id).where(articles.c.id == a.id)).first() is not None
            if exists and not replace:
                return False
            if exists:
                conn.execute(update(articles).where(articles.c.id == a.id).values(**values))
            else:
                try:
                    conn.execute(insert(articles).values(id=a.id, **values))
                except IntegrityError:  # a concurrent writer stored the same article first
                    return False
        return True

    def get(self, article_id: str) -> ProcessedArticle:
        """The stored document; ``NotFound`` for unknown ids, ``DocumentError`` for a damaged one."""
        if not is_article_id(article_id):
            raise NotFound(article_id)
        with self.engine.connect() as conn:
            row = conn.execute(select(articles.c.document).where(articles.c.id == article_id)).first()
        if row is None:
            raise NotFound(article_id)
        return load_document(row.document)

    def corrected(self, article_id: str) -> ProcessedArticle:
        """The stored document as its readers corrected it: what every view and export shows."""
        return apply_corrections(self.get(article_id), self.corrections(article_id))

    def check(self, article_id: str) -> str | None:
        """Why a stored document cannot be read, or None when it is fine."""
        try:
            self.get(article_id)
        except DocumentError as exc:
            return str(exc)
        return None

    def exists(self, article_id: str) -> bool:
        if not is_article_id(article_id):
            return False
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None

    def ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return {r.id for r in conn.execute(select(articles.c.id))}

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(articles)).scalar_one()

    def articles(self) -> list[ArticleRow]:
        """Newest first."""
        cols = [c for c in articles.c if c.name != "document" and c.name != "schema_version"]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).order_by(articles.c.processed_at.desc(), articles.c.id))
            return [ArticleRow(**r._mapping) for r in rows]

    def claim(
        self,
        article_id: str,
        worker: str,
        lease_seconds: float = 1800,
        is_dead: Callable[[str], bool] | None = None,
    ) -> bool:
        """Reserve an article for one worker: False when it is stored already or another worker holds
        it. A claim older than the lease, or held by a worker ``is_dead`` says is gone (a process
        killed on this machine), is taken over."""
        now = time.time()
        if self.exists(article_id):
            return False
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(work).values(id=article_id, worker=worker, claimed_at=now))
            return True
        except IntegrityError:
            pass
        with self.engine.begin() as conn:
            holder = conn.execute(select(work.c.worker).where(work.c.id == article_id)).scalar()
            stale = work.c.claimed_at < now - lease_seconds
            if holder is not None and is_dead is not None and is_dead(holder):
                stale = work.c.worker == holder
            taken = conn.execute(
                update(work).where(work.c.id == article_id, stale).values(worker=worker, claimed_at=now)
            )
            return taken.rowcount == 1

    def release(self, article_id: str, worker: str) -> None:
        """End this worker's claim, whether the article was stored or failed; another worker's claim
        on the same id is left alone."""
        with self.engine.begin() as conn:
            conn.execute(delete(work).where(work.c.id == article_id, work.c.worker == worker))

    def add_failure(
        self,
        article_id: str,
        *,
        title: str,
        text: str,
        source: str | None,
        published: str | None,
        stage: str,
        error: str,
        pipeline: str,
    ) -> None:
        """Keep an article a stage failed on (replacing an earlier failure of the same article)."""
        values = {
            "title": title,
            "source": source,
            "published": published,
            "text": text,
            "stage": stage,
            "error": error[:2000],
            "pipeline": pipeline,
            "failed_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        }
        with self.engine.begin() as conn:
            conn.execute(delete(failures).where(failures.c.id == article_id))
            conn.execute(insert(failures).values(id=article_id, **values))

    def failures(self) -> list[FailedRow]:
        """Articles a stage failed on, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.failed_at.desc(), failures.c.id))
            return [FailedRow(**r._mapping) for r in rows]

    def failure(self, article_id: str) -> FailedRow | None:
        if not is_article_id(article_id):
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(failures).where(failures.c.id == article_id)).first()
        return FailedRow(**row._mapping) if row else None

    def delete(self, article_id: str) -> bool:
        """Remove an article, stored or failed."""
        if not is_article_id(article_id):
            return False
        with self.engine.begin() as conn:
            gone = conn.execute(delete(failures).where(failures.c.id == article_id)).rowcount > 0
            conn.execute(delete(corrections).where(corrections.c.article_id == article_id))
            conn.execute(delete(reviews).where(reviews.c.article_id == article_id))
            return conn.execute(delete(articles).where(articles.c.id == article_id)).rowcount > 0 or gone

    # corrections (lib.corrections): added and undone, never rewritten otherwise
    def add_correction(
        self,
        article_id: str,
        target: str,
        anchor: tuple[int, int, str],
        field: str,
        old: JsonValue,
        new: JsonValue,
        author: str,
        note: str = "",
    ) -> Correction:
        """Keep one correction of a stored article; ``NotFound`` when the article is not stored."""
        start, end, words = anchor
        values = {
            "article_id": article_id, "target": target, "anchor_start": start, "anchor_end": end,
            "anchor_text": words, "field": field, "old_value": json.dumps(old), "new_value": json.dumps(new),
            "author": author, "made_at": _now(), "note": note[:MAX_NOTE_CHARS],
        }  # fmt: skip
        with self.engine.begin() as conn:
            if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                raise NotFound(article_id)
            made = conn.execute(insert(corrections).values(**values)).inserted_primary_key
            row = conn.execute(select(corrections).where(corrections.c.id == (made or [None])[0])).one()
        return _correction(row)

    def corrections(self, article_id: str) -> list[Correction]:
        """Every correction of an article, undone ones included, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(corrections).where(corrections.c.article_id == article_id).order_by(corrections.c.id)
            )
            return [_correction(r) for r in rows]

    def corrections_stamp(self, article_id: str) -> str:
        """Changes whenever a correction of the article is made or undone: a cache key."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(func.max(corrections.c.id), func.count(corrections.c.undone_at)).where(
                    corrections.c.article_id == article_id
                )
            ).one()
        return f"{row[0] or 0}:{row[1]}"

    def undo_correction(self, correction_id: int, author: str) -> bool:
        """Mark a correction undone (it stays in the history); False when it was undone already."""
        with self.engine.begin() as conn:
            done = conn.execute(
                update(corrections)
                .where(corrections.c.id == correction_id, corrections.c.undone_at.is_(None))
                .values(undone_at=_now(), undone_by=author)
            )
            return done.rowcount == 1

    # the team lexicon (lib.team)
    def add_knowledge(self, entries: list[tuple[str, str]], author: str) -> None:
        """Keep team lexicon entries (key, JSON) in one transaction: all of them or none."""
        now = _now()
        with self.engine.begin() as conn:
            for key, entry in entries:
                conn.execute(insert(team_knowledge).values(key=key, entry=entry, author=author, made_at=now))

    def knowledge(self) -> list[tuple[str, str, str]]:
        """The team lexicon as it holds now: the newest entry of each key, as (JSON, author, time)."""
        newest = select(func.max(team_knowledge.c.id)).group_by(team_knowledge.c.key)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(team_knowledge)
                .where(team_knowledge.c.id.in_(newest), team_knowledge.c.removed_at.is_(None))
                .order_by(team_knowledge.c.id)
            )
            return [(r.entry, r.author, r.made_at) for r in rows]

    def remove_knowledge(self, key: str) -> bool:
        """Take an entry out of the lexicon (its history stays); False when it is not in it."""
        with self.engine.begin() as conn:
            newest = conn.execute(
                select(func.max(team_knowledge.c.id)).where(team_knowledge.c.key == key)
            ).scalar()
            done = conn.execute(
                update(team_knowledge)
                .where(team_knowledge.c.id == newest, team_knowledge.c.removed_at.is_(None))
                .values(removed_at=_now())
            )
            return done.rowcount == 1

    def documents_mentioning(self, words: str) -> list[str]:
        """Ids of stored articles whose document contains these words (a first sieve: the caller
        reads each document to see whether an item really has that name)."""
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self.engine.connect() as conn:
            rows = conn.execute(select(articles.c.id).where(articles.c.document.ilike(pattern, escape="\\")))
            return [r.id for r in rows]

    # reviews
    def mark_reviewed(self, article_id: str, author: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(reviews).where(reviews.c.article_id == article_id, reviews.c.author == author)
            )
            conn.execute(insert(reviews).values(article_id=article_id, author=author, reviewed_at=_now()))

    def reviews(self) -> dict[str, list[tuple[str, str]]]:
        """Article id -> who reviewed it and when, earliest first."""
        found: dict[str, list[tuple[str, str]]] = {}
        with self.engine.connect() as conn:
            for r in conn.execute(select(reviews).order_by(reviews.c.reviewed_at)):
                found.setdefault(r.article_id, []).append((r.author, r.reviewed_at))
        return found

    def close(self) -> None:
        self.engine.dispose()


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _correction(row) -> Correction:
    return Correction(
        id=row.id, article_id=row.article_id, target=row.target, start=row.anchor_start,
        end=row.anchor_end, text=row.anchor_text, field=row.field, old=json.loads(row.old_value),
        new=json.loads(row.new_value), author=row.author, at=datetime.fromisoformat(row.made_at),
        note=row.note or "", undone_at=datetime.fromisoformat(row.undone_at) if row.undone_at else None,
        undone_by=row.undone_by,
    )  # fmt: skip
