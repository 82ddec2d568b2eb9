"""The dashboard's worker process: articles processed apart from the server, within a budget, and
stoppable."""

from __future__ import annotations

import time

import pytest

from lib.ingest import read_article
from lib.jobs import Budget, Job, Worker
from lib.store import Store
from tests.conftest import DATA, article_text, python

LONG = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((DATA / "articles").glob("*.txt")))[:120_000]


def wait(worker: Worker, job: Job, timeout: float = 120) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = worker.job(job.id)
        assert now is not None
        if now.finished:
            return now
        time.sleep(0.1)
    raise AssertionError(f"{job.label} still {now.state} after {timeout} s")


@pytest.fixture
def worker():
    w = Worker(Budget(seconds=60))
    yield w
    w.close()


def test_an_article_is_processed_apart_and_stored_with_its_stages_reported(worker):
    raw = read_article(article_text(80, "the ferry terminal"))
    job = worker.submit(raw, "ferry.txt")
    now = wait(worker, job)
    assert now.state == "done" and now.message.startswith("ferry.txt: added as")
    assert now.stages == (
        "reading",
        "parsing",
        "finding names",
        "places",
        "voices and quotes",
        "dates and times",
        "claims",
    )
    assert Store().exists(raw.id) and now.article_id == raw.id


def test_cancelling_stops_the_work_and_stores_nothing(worker):
    raw = read_article(LONG)
    job = worker.submit(raw, "long.txt")
    time.sleep(1)
    worker.cancel(job.id)
    assert worker.job(job.id).state == "cancelled"
    after = worker.submit(read_article(article_text(70, "the tram depot")), "tram.txt")
    assert wait(worker, after).state == "done", "a fresh worker serves the next article"
    assert not Store().exists(raw.id) and not Store().failures()


def test_an_article_over_its_time_budget_is_stopped_and_kept_as_failed():
    worker = Worker(Budget(seconds=0.5))
    try:
        warm = worker.submit(read_article(article_text(40, "the bus station")), "bus.txt")
        assert wait(worker, warm).state in ("done", "failed")
        raw = read_article(LONG)
        slow = wait(worker, worker.submit(raw, "long.txt"))
        assert slow.state == "failed"
        assert "took longer than 0.5 s" in slow.message and "kept as failed" in slow.message
        [failed] = [f for f in Store().failures() if f.id == raw.id]
        assert failed.stage == "budget" and not Store().exists(raw.id)
    finally:
        worker.close()


def test_a_job_nobody_watches_is_cancelled():
    worker = Worker(Budget(seconds=60, unwatched_seconds=1))
    try:
        job = worker.submit(read_article(LONG), "left-behind.txt")
        time.sleep(3)
        assert worker.job(job.id).state == "cancelled"
    finally:
        worker.close()


def test_the_server_can_exit_after_a_long_article_is_cancelled(tmp_path):
    """A cancelled article still in the pipe to a dead child used to keep the process from ever exiting."""
    script = (
        "import pathlib, sys, time\n"
        "from lib.ingest import read_article\n"
        "from lib.jobs import Budget, Worker\n"
        "w = Worker(Budget(seconds=60))\n"
        "job = w.submit(read_article(pathlib.Path(sys.argv[1]).read_text()), 'long.txt')\n"
        "time.sleep(1)\n"
        "w.cancel(job.id)\n"
        "print(w.job(job.id).state)\n"
    )
    (tmp_path / "long.txt").write_text(LONG, encoding="utf-8")
    done = python("-c", script, str(tmp_path / "long.txt"), timeout=90, LENS_DATA_DIR=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "cancelled"
