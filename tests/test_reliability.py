"""The store under load and accidents: concurrent writers, a writer killed half-way, Ctrl-C,
a damaged document. Runs as users run it: ``python -m lib process`` in subprocesses."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from lib.store import Store
from tests.conftest import ROOT
from tests.corpus import distinct_articles

pytestmark = pytest.mark.slow


def lens(data_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "LENS_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "lib", "process", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_as_from_a_terminal,
    )


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches the run as from a terminal, even when the test suite itself runs in the
    background (a shell starts background jobs with SIGINT ignored, and children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def finished(run: subprocess.Popen) -> str:
    """Wait for a run that must succeed; its stderr."""
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err[-2000:]
    return err


def open_store(data_dir: Path) -> Store:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Store(f"sqlite:///{data_dir / 'lens.db'}")


def wait_for(data_dir: Path, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (data_dir / "lens.db").exists():
            con = sqlite3.connect(data_dir / "lens.db", timeout=30)
            try:
                n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                n = 0
            con.close()
            if n >= count:
                return
        time.sleep(0.2)
    raise AssertionError(f"fewer than {count} articles stored after {timeout} s")


def test_two_writers_store_everything_once(tmp_path):
    """Two processes, 110 articles each, 20 of them the same: 200 stored, none twice, none broken."""
    data = tmp_path / "data"
    first = distinct_articles(tmp_path / "a", range(110))
    second = distinct_articles(tmp_path / "b", range(90, 200))
    assert len(first) == len(second) == 110
    runs = [lens(data, str(tmp_path / "a")), lens(data, str(tmp_path / "b"))]
    for run in runs:
        assert "Traceback" not in finished(run)
    store = open_store(data)
    assert store.count() == 200
    for article_id in store.ids():
        assert store.check(article_id) is None


def test_a_writer_killed_half_way_leaves_every_earlier_article_intact(tmp_path):
    data = tmp_path / "data"
    distinct_articles(tmp_path / "in", range(40))
    run = lens(data, str(tmp_path / "in"))
    wait_for(data, 5)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    con = sqlite3.connect(data / "lens.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    store = open_store(data)
    stored = store.ids()
    assert len(stored) >= 5
    assert all(store.check(i) is None for i in stored)
    finished(lens(data, str(tmp_path / "in")))  # the same command resumes: nothing lost or doubled
    assert open_store(data).count() == 40


def test_ctrl_c_stops_cleanly_and_a_rerun_continues(tmp_path):
    data = tmp_path / "data"
    distinct_articles(tmp_path / "in", range(80))
    # small batches, so the store grows steadily and the interrupt lands while work remains
    run = lens(data, str(tmp_path / "in"), "--batch-size", "2")
    wait_for(data, 3)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "run the same command again to continue" in err
    assert "Traceback" not in err
    assert open_store(data).count() < 80
    finished(lens(data, str(tmp_path / "in")))
    assert open_store(data).count() == 80


def test_batch_workers_process_a_folder_with_a_bad_file(tmp_path):
    data = tmp_path / "data"
    distinct_articles(tmp_path / "in", range(12))
    (tmp_path / "in" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    run = lens(data, str(tmp_path / "in"), "--workers", "2")
    _, err = run.communicate(timeout=600)
    assert run.returncode == 1  # one file failed; the others went on
    assert "broken.txt: This looks like a binary file" in err
    assert "12 stored, 0 already stored, 1 failed (1 unreadable)" in err
    assert open_store(data).count() == 12


def test_a_damaged_document_is_flagged_and_the_library_still_works(sample_doc, tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("LENS_DATA_DIR", str(data))
    store = open_store(data)
    store.add(sample_doc)
    other = sample_doc.model_copy(deep=True)
    other.article.id = "0" * 16
    other.article.title = "A damaged article"
    store.add(other)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE articles SET document = '{\"schema_version\": 1' WHERE id = :i"),
            {"i": other.article.id},
        )
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("pages/library.py")
    at.run()
    assert not at.exception
    [table] = at.dataframe
    status = dict(zip(table.value["Title"], table.value["Status"], strict=True))
    assert status[sample_doc.article.title] == "ok"
    assert "not a JSON document" in status["A damaged article"]
    assert any("cannot be read" in w.value for w in at.warning)
    st.cache_resource.clear()


def test_two_writers_share_one_postgresql_store(tmp_path, postgres):
    """A team deployment: two batch workers against one PostgreSQL database, overlapping inputs."""
    distinct_articles(tmp_path / "a", range(40))
    distinct_articles(tmp_path / "b", range(30, 70))
    with postgres.database() as url:
        env = {**os.environ, "LENS_DATABASE_URL": url, "LENS_DATA_DIR": str(tmp_path / "unused")}
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "lib", "process", str(tmp_path / d)],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for d in ("a", "b")
        ]
        for run in runs:
            finished(run)
        store = Store(url)
        assert store.count() == 70
        assert all(store.check(i) is None for i in store.ids())
        store.close()
