"""Articles processed in a worker process that the dashboard can stop.

The dashboard never analyses an article in its own process: one long or hostile article would hold
a core and slow every other user's pages, and could not be stopped. ``Worker`` keeps one child
process with the pipeline loaded (started on the first job, so pages that only read never pay for
spaCy); jobs wait their turn. Each job has a time and a memory budget (``Budget``; the environment
variables ``LENS_ARTICLE_SECONDS`` and ``LENS_ARTICLE_MEGABYTES``): over either, the child is
stopped, the article is kept as failed with the reason, and a fresh child serves the next job. A job
nobody watches any more (its browser tab was closed) is cancelled the same way.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import queue
import resource
import threading
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing.context import SpawnProcess
from typing import Any, Literal

from lib.ingest import RawArticle

JobState = Literal["queued", "running", "done", "failed", "cancelled"]
STAGES = {"tok2vec": "reading", "parser": "parsing", "ner": "finding names", "lens_places": "places",
          "lens_voices": "voices and quotes",
          "lens_times": "dates and times", "lens_claims": "claims"}  # fmt: skip
"""What the user is told each component is doing (the others are quick)."""


@dataclass(frozen=True)
class Budget:
    """What one article may cost before it is stopped and kept as failed."""

    seconds: float = 120.0
    megabytes: int = 2048
    unwatched_seconds: float = 30.0
    """A job no page has looked at for this long is cancelled: its user has gone."""

    @classmethod
    def from_env(cls) -> Budget:
        return cls(
            seconds=float(os.environ.get("LENS_ARTICLE_SECONDS") or cls.seconds),
            megabytes=int(os.environ.get("LENS_ARTICLE_MEGABYTES") or cls.megabytes),
        )


@dataclass
class Job:
    """One article on its way through the worker, as a page shows it."""

    id: str
    raw: RawArticle
    label: str  # what the user called it: a file name, or the title
    replace: bool = False  # processing a stored article again (a new publication date)
    state: JobState = "queued"
    stage: str = ""
    stages: tuple[str, ...] = ()  # every stage reported so far, in order
    message: str = ""
    article_id: str | None = None
    started: float | None = None
    seen: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed", "cancelled")


def _serve(inbox: Any, outbox: Any, megabytes: int) -> None:
    """The child: load the pipeline once, then process and store one job after another."""
    from lib.library import add_raw, keep_unless_stored, replace_raw
    from lib.nlp import get_nlp
    from lib.pipeline import ProcessingError
    from lib.store import Store, StoreError

    get_nlp()
    _limit_memory(megabytes)
    store = Store()
    outbox.put(("ready", None, None))
    while True:
        job_id, raw, again = inbox.get()

        def report(name: str, job_id: str = job_id) -> None:
            outbox.put(("stage", job_id, name))

        try:
            if again:
                doc, outcome = replace_raw(store, raw, on_stage=report), "processed again"
            else:
                added = add_raw(store, raw, on_stage=report)
                doc = added.doc
                outcome = f"{'added' if added.created else 'already in the library'} as “{doc.article.title}”"
        except (ProcessingError, StoreError) as exc:
            outbox.put(("failed", job_id, str(exc)))
        except MemoryError:
            reason = f"It needed more than {megabytes} MB, the limit for one article."
            outcome = keep_unless_stored(store, raw, "budget", reason, replace=again)
            outbox.put(("failed", job_id, f"{reason} {outcome}"))
        else:
            outbox.put(("done", job_id, (doc.article.id, outcome)))


def _unchanged(job: Job) -> str:
    return "the stored article is unchanged" if job.replace else "nothing was stored"


def _limit_memory(megabytes: int) -> None:
    """Cap the child's address space at what it uses now plus the budget (the pipeline is loaded)."""
    try:
        with open("/proc/self/statm") as fh:  # noqa: PTH123 - a procfs file, not a path we manage
            pages = int(fh.read().split()[0])
        used = pages * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (used + megabytes * 1024 * 1024, resource.RLIM_INFINITY))
    except (OSError, ValueError):
        pass  # no procfs or no limit allowed: the time budget still applies


class Worker:
    """One child process and the queue of jobs it serves; safe to share between threads."""

    def __init__(self, budget: Budget | None = None) -> None:
        self.budget = budget or Budget.from_env()
        self._context = multiprocessing.get_context("spawn")  # the server is threaded: never fork it
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._waiting: list[str] = []
        self._running: str | None = None
        self._child: SpawnProcess | None = None
        self._inbox: Any = None
        self._outbox: Any = None
        self._ready = False
        self._thread = threading.Thread(target=self._supervise, name="lens-worker", daemon=True)
        self._thread.start()

    def submit(self, raw: RawArticle, label: str, *, replace: bool = False) -> Job:
        job = Job(uuid.uuid4().hex[:12], raw, label, replace)
        with self._lock:
            self._jobs[job.id] = job
            self._waiting.append(job.id)
        return dataclasses.replace(job)

    def job(self, job_id: str) -> Job | None:
        """The job as it is now (a copy), and a sign that someone still watches it."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            job.seen = time.monotonic()
            return dataclasses.replace(job)

    def cancel(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.finished:
                return
            if job_id in self._waiting:
                self._waiting.remove(job_id)
            elif job_id == self._running:
                self._stop_child()
            job.state, job.message = "cancelled", f"{job.label}: cancelled; {_unchanged(job)}."

    def close(self) -> None:
        with self._lock:
            self._stop_child()

    # -- the supervising thread ------------------------------------------------------------------
    def _supervise(self) -> None:
        while True:
            self._read_messages()
            with self._lock:
                self._enforce_budgets()
                if self._running is None and self._waiting:
                    self._start_next()
            time.sleep(0.05)

    def _start_next(self) -> None:
        if self._child is None or not self._child.is_alive():
            self._inbox, self._outbox = self._context.Queue(), self._context.Queue()
            self._child = self._context.Process(
                target=_serve, args=(self._inbox, self._outbox, self.budget.megabytes), daemon=True
            )
            self._child.start()
            self._ready = False
        job = self._jobs[self._waiting.pop(0)]
        job.state, job.stage, job.started = "running", "starting", time.monotonic()
        self._running = job.id
        self._inbox.put((job.id, job.raw, job.replace))

    def _read_messages(self) -> None:
        outbox = self._outbox
        while outbox is not None:
            try:
                kind, job_id, payload = outbox.get_nowait()
            except (queue.Empty, OSError, ValueError, EOFError):
                return
            with self._lock:
                if kind == "ready":  # the budget counts from here, not from loading the pipeline
                    self._ready = True
                    job_id = self._running
                    if job_id in self._jobs:
                        self._jobs[job_id].started = time.monotonic()
                    continue
                job = self._jobs.get(job_id) if job_id else None
                if job is None or job.finished:
                    continue
                if kind == "stage" and payload in STAGES:
                    job.stage = STAGES[payload]
                    job.stages = (*job.stages, job.stage)
                elif kind == "done":
                    job.article_id, outcome = payload
                    job.state, job.message = "done", f"{job.label}: {outcome}"
                    self._running = None
                elif kind == "failed":
                    job.state, job.message = "failed", f"{job.label}: {payload}"
                    self._running = None

    def _enforce_budgets(self) -> None:
        now = time.monotonic()
        for job_id in list(self._waiting):
            waiting = self._jobs[job_id]
            if now - waiting.seen > self.budget.unwatched_seconds:
                self._waiting.remove(job_id)
                waiting.state = "cancelled"
                waiting.message = f"{waiting.label}: nobody was waiting for it any more."
        job = self._jobs.get(self._running or "")
        if job is None:
            return
        alive = self._child is not None and self._child.is_alive()
        if job.started is not None and now - job.started > self.budget.seconds + (0 if self._ready else 60):
            self._fail(job, f"It took longer than {self.budget.seconds:g} s, the limit for one article.")
        elif not alive:
            self._fail(
                job, f"Its analysis stopped (it probably needed more than {self.budget.megabytes} MB)."
            )
        elif now - job.seen > self.budget.unwatched_seconds:
            self._stop_child()
            job.state, job.message = "cancelled", f"{job.label}: nobody was waiting for it any more."
            self._running = None

    def _fail(self, job: Job, reason: str) -> None:
        """Over budget: stop the child and keep the article as failed, with the reason."""
        from lib.library import KEPT, UNCHANGED, keep_unless_stored
        from lib.store import Store, StoreError

        self._stop_child()
        self._running = None
        try:  # a re-dated article is still stored as it was: no store to open, nothing to keep
            outcome = (
                UNCHANGED
                if job.replace
                else keep_unless_stored(Store(), job.raw, "budget", reason, replace=False)
            )
        except StoreError as exc:
            outcome = f"{KEPT} ({exc})"
        job.state, job.message = "failed", f"{job.label}: {reason} {outcome}"

    def _stop_child(self) -> None:
        if self._child is not None and self._child.is_alive():
            self._child.kill()
            self._child.join(5)
        for pipe in (self._inbox, self._outbox):
            if pipe is not None:  # a long article may still sit in the pipe: never wait for it at exit
                pipe.cancel_join_thread()
                pipe.close()
        self._child, self._inbox, self._outbox, self._running = None, None, None, None
