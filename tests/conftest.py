"""Shared fixtures. Every test runs against its own temporary data folder, never the user's store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"


def python(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """``python ARGS`` from the repository root as a user's shell runs it, with extra environment."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def lens(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """The command line: ``python -m lib ARGS``."""
    return python("-m", "lib", *args, timeout=timeout, **env)


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path, monkeypatch):
    monkeypatch.setenv("LENS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LENS_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    paths = sorted(SAMPLES.glob("*.txt"))
    assert paths, "the repository ships at least one sample article"
    return paths[0]


@pytest.fixture(scope="session")
def sample_doc(sample_path):
    from lib.pipeline import process

    return process(sample_path.read_bytes(), filename=sample_path.name)


@pytest.fixture(scope="session")
def postgres():
    """One PostgreSQL server for the session (skipped with the reason where it cannot run)."""
    from tests.postgres import PostgresServer

    try:
        server = PostgresServer()
    except (FileNotFoundError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"PostgreSQL cannot run here: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """Every storage test runs on both backends: SQLite (the default) and PostgreSQL (a team's)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with request.getfixturevalue("postgres").database() as url:
        yield url


@pytest.fixture
def store(store_url):
    from lib.store import Store

    s = Store(store_url)
    yield s
    s.close()


def article_text(words: int = 60, topic: str = "the harbour") -> str:
    """A plain English article body of about ``words`` words, for tests that need valid input."""
    sentence = (
        f"Officials said on Monday that the storm had damaged {topic} and that repairs would take "
        "several weeks, according to a statement from the regional council. "
    )
    reps = max(1, words // len(sentence.split()) + 1)
    return "".join(sentence.replace("Monday", day) for day in (["Monday", "Tuesday", "Friday"] * reps)[:reps])
