"""The SQLite store: no duplicates, no lost articles, readers alongside a writer."""

import json
import sqlite3
import threading

import pytest
from sqlalchemy import text

from lib.contract import SCHEMA_VERSION, V1_NOTE, DocumentError
from lib.library import add_text, seed_samples
from lib.store import STORE_VERSION, NotFound, Store
from tests.conftest import ROOT, article_text


def test_add_get_list_delete(store, sample_doc):
    assert store.add(sample_doc) is True
    assert store.get(sample_doc.article.id) == sample_doc
    [row] = store.articles()
    assert row.id == sample_doc.article.id
    assert row.title == sample_doc.article.title
    assert row.n_places == len(sample_doc.places)
    assert row.n_claims == len(sample_doc.claims)
    assert store.delete(sample_doc.article.id) is True
    assert store.articles() == []
    with pytest.raises(NotFound):
        store.get(sample_doc.article.id)


def test_the_same_article_twice_is_stored_once(store):
    first = add_text(store, article_text(60))
    again = add_text(store, "  " + article_text(60) + "\n\n")
    assert first.created and not again.created
    assert first.doc.article.id == again.doc.article.id
    assert store.count() == 1


@pytest.mark.parametrize(
    "bad", ["../etc/passwd", "x" * 5000, "ÆØÅ", "", "1; DROP TABLE articles", "0123456789abcdef\n"]
)
def test_malformed_ids_are_not_found(store, bad):
    with pytest.raises(NotFound):
        store.get(bad)
    assert store.exists(bad) is False
    assert store.delete(bad) is False


def test_sqlite_runs_in_wal_mode_and_records_its_version(tmp_path):
    path = tmp_path / "s.db"
    Store(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT value FROM lens_meta WHERE key='store_version'").fetchone()[0] == str(
        STORE_VERSION
    )


def test_a_store_from_a_newer_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 's.db'}"
    s = Store(url)
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE lens_meta SET value='99' WHERE key='store_version'"))
    s.close()
    with pytest.raises(RuntimeError, match="newer Article Lens"):
        Store(url)


def test_readers_keep_reading_while_a_writer_writes(store, sample_doc):
    store.add(sample_doc)
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        try:
            while not stop.is_set():
                assert store.get(sample_doc.article.id).article.id == sample_doc.article.id
                store.articles()
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    for i in range(15):
        doc = sample_doc.model_copy(deep=True)
        doc.article.id = f"{i:016x}"
        store.add(doc)
    stop.set()
    for t in readers:
        t.join()
    assert not errors
    assert store.count() == 16


def test_a_corrupt_document_is_reported_not_fatal(store, sample_doc):
    store.add(sample_doc)
    other = sample_doc.model_copy(deep=True)
    other.article.id = "0" * 16
    store.add(other)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET document='{broken' WHERE id=:i"), {"i": other.article.id})
    with pytest.raises(DocumentError):
        store.get(other.article.id)
    assert store.check(other.article.id)
    assert store.check(sample_doc.article.id) is None
    assert len(store.articles()) == 2


def test_first_start_seeds_the_samples_once(store):
    assert seed_samples(store) >= 1
    assert store.count() >= 1
    assert seed_samples(store) == 0


def test_one_article_is_worked_on_by_one_worker_at_a_time(store, sample_doc):
    """Batch workers sharing a store: a claimed or stored article is skipped by the others; a claim
    left by a dead worker, or older than its lease, is taken over instead of blocking forever."""
    article_id = sample_doc.article.id
    assert store.claim(article_id, "host:1") is True
    assert store.claim(article_id, "host:2") is False
    assert store.claim(article_id, "host:2", is_dead=lambda holder: holder == "host:1") is True
    assert store.claim(article_id, "host:3", lease_seconds=0) is True
    store.release(article_id, "host:1")  # a worker that lost its claim cannot free another's
    assert store.claim(article_id, "host:4") is False
    store.release(article_id, "host:3")
    assert store.claim(article_id, "host:4") is True
    store.add(sample_doc)
    store.release(article_id, "host:4")
    assert store.claim(article_id, "host:5") is False


def test_a_store_of_the_previous_version_upgrades_its_documents_and_loses_none(store_url):
    """A team's store written before times were listed opens with every article readable as the
    current schema, on SQLite and PostgreSQL alike."""
    old = (ROOT / "tests" / "data" / "documents" / "schema-v1.json").read_text(encoding="utf-8")
    article = json.loads(old)["article"]
    s = Store(store_url)
    with s.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, title, source, published, processed_at, schema_version, n_words,"
                " n_places, n_voices, n_claims, document) VALUES (:id, :title, NULL, :published, :at, 1,"
                " 10, 0, 0, 0, :doc)"
            ),
            {"id": article["id"], "title": article["title"], "published": article["published"],
             "at": article["processed_at"], "doc": old},
        )  # fmt: skip
        conn.execute(text("UPDATE lens_meta SET value='3' WHERE key='store_version'"))
    s.close()
    again = Store(store_url)
    doc = again.get(article["id"])
    assert doc.schema_version == SCHEMA_VERSION and doc.times and V1_NOTE in doc.article.warnings
    with again.engine.connect() as conn:
        row = conn.execute(text("SELECT schema_version, document FROM articles")).one()
        version = conn.execute(text("SELECT value FROM lens_meta WHERE key='store_version'")).scalar()
    assert row.schema_version == SCHEMA_VERSION and json.loads(row.document)["times"]
    assert version == str(STORE_VERSION)
    again.close()
