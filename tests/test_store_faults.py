"""A store that cannot be used gives one sentence saying what happened and what to do, never a
traceback, and harms nothing already stored."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from lib.contract import DocumentError, load_document
from lib.library import add_text
from lib.store import Store, StoreError, store_problem
from tests.conftest import article_text, lens


def test_a_damaged_database_file_gives_one_sentence_on_every_command(tmp_path):
    (tmp_path / "lens.db").write_bytes(b"this is not a database, it was overwritten " * 200)
    for command in (["list"], ["show", "0123456789abcdef"]):
        run = lens(*command, LENS_DATA_DIR=str(tmp_path))
        assert run.returncode == 1
        assert run.stderr.startswith("error: The store at") and "is damaged" in run.stderr
        assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_read_only_store_still_lists_and_refuses_writes_in_one_sentence(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'lens.db'}")
    kept = add_text(store, article_text(60)).doc.article.id
    store.close()
    read_only = f"sqlite:///file:{tmp_path / 'lens.db'}?mode=ro&uri=true"
    listing = lens("list", LENS_DATABASE_URL=read_only)
    assert listing.returncode == 0 and kept in listing.stdout
    new = tmp_path / "new.txt"
    new.write_text(article_text(80, "the railway station"), encoding="utf-8")
    run = lens("process", str(new), LENS_DATABASE_URL=read_only)
    assert run.returncode == 1 and "is read-only" in run.stderr and "Traceback" not in run.stderr
    assert Store(f"sqlite:///{tmp_path / 'lens.db'}").ids() == {kept}, "nothing stored was harmed"


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ("database or disk is full", "full disk"),
        ("attempt to write a readonly database", "read-only"),
        ("file is not a database", "damaged"),
        ('connection to server at "db" failed: Connection refused', "cannot be reached"),
    ],
)
def test_each_store_fault_has_its_own_advice(message, says):
    problem = store_problem(
        OperationalError("INSERT ...", {}, Exception(message)), "postgresql://lens:secret@db/x"
    )
    assert isinstance(problem, StoreError) and says in str(problem)
    assert "secret" not in str(problem), "a password in the URL is never shown"


def test_a_deeply_nested_document_is_refused_as_damaged():
    with pytest.raises(DocumentError, match="nested too deeply"):
        load_document("[" * 100_000 + "]" * 100_000)


def test_a_broken_file_among_the_samples_never_keeps_the_dashboard_from_starting(tmp_path, monkeypatch):
    from lib.library import seed_samples

    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (samples / "b-good.txt").write_text(article_text(60), encoding="utf-8")
    monkeypatch.setenv("LENS_SAMPLES_DIR", str(samples))
    store = Store()
    assert seed_samples(store) == 1 and store.count() == 1
