"""Articles on their way through the worker process, shown at the top of every page until done.

The pages hand an article to the shared ``Worker`` and go on; this panel polls the session's jobs
once a second, shows each one's stage with a Cancel button, and when one ends turns it into a
message and opens the article. Polling is also what tells the worker that someone still waits: a
closed tab stops polling, and the worker cancels the job soon after.
"""

from __future__ import annotations

import time
from contextlib import suppress

import streamlit as st

from lib.contract import V1_NOTE, ProcessedArticle
from lib.ingest import RawArticle
from lib.jobs import STAGES, Job, Worker
from lib.library import reread
from lib.store import NotFound
from ui import state
from ui.text import md

POLL_SECONDS = 1.0


@st.cache_resource(show_spinner=False)
def worker() -> Worker:
    """One worker per server process: jobs from every session wait their turn for one core."""
    return Worker()


def submit(raw: RawArticle, label: str, *, replace: bool = False) -> None:
    job = worker().submit(raw, label, replace=replace)
    st.session_state.setdefault("jobs", []).append(job.id)


def busy(article_id: str) -> bool:
    """Whether this session is already processing that article (its button should wait)."""
    w = worker()
    return any(
        (job := w.job(job_id)) is not None and not job.finished and job.raw.id == article_id
        for job_id in st.session_state.get("jobs", [])
    )


def panel() -> None:
    """What finished (kept together until the last job of a batch is done), then what is under way."""
    for level, line in st.session_state.get("job_report", []):
        if level == "done":
            st.success(md(line), icon=":material/check_circle:")
        elif level == "cancelled":
            st.info(md(line), icon=":material/cancel:")
        else:
            st.error(md(line), icon=":material/error:")
    if st.session_state.get("jobs"):
        _progress()
    else:
        st.session_state.pop("job_report", None)


@st.fragment(run_every=POLL_SECONDS)
def _progress() -> None:
    w = worker()
    ids: list[str] = st.session_state.get("jobs", [])
    known = [job for job in map(w.job, ids) if job is not None]  # a new worker has none of them
    for job in known:
        if not job.finished:
            _show(job, w)
    ended = [job for job in known if job.finished]
    if ended or len(known) < len(ids):
        report = st.session_state.setdefault("job_report", [])
        for job in ended:
            report.append((job.state, job.message))
            if job.state == "done" and job.article_id:
                state.select(job.article_id)
        st.session_state["jobs"] = [job.id for job in known if not job.finished]
        st.rerun()  # the whole page: the library, the sidebar and the views show the new article


def _show(job: Job, w: Worker) -> None:
    with st.container(border=True):
        left, right = st.columns([8, 1], vertical_alignment="center")
        if job.state == "queued":
            status = "waiting for the articles before it"
        else:
            seconds = time.monotonic() - (job.started or time.monotonic())
            status = f"{job.stage or 'starting'} · {seconds:.0f} s"
        left.progress(len(job.stages) / len(STAGES), text=f"**{md(job.label)}**: {md(status)}")
        right.button(
            "Cancel", key=f"cancel-{job.id}", icon=":material/close:", on_click=w.cancel, args=(job.id,)
        )


def outdated_notice(doc: ProcessedArticle) -> None:
    """An article an earlier Article Lens processed says so, with a button that processes it again
    with this one (its text and metadata as stored; nothing else changes)."""
    if V1_NOTE not in doc.article.warnings:
        return
    with st.container(border=True):
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(f":material/history: {V1_NOTE}")
        waiting = busy(doc.article.id)
        right.button(
            "Reprocessing…" if waiting else "Reprocess",
            disabled=waiting or not state.person().can_edit,
            icon=":material/refresh:",
            key="reprocess-outdated",
            on_click=reprocess,
            args=(doc.article.id, doc.article.title),
        )


def reprocess(article_id: str, title: str) -> None:
    """Process a stored article again with this version and the team's lexicon; its corrections are
    kept (they are re-anchored when it is shown). A callback, so the job is under way before the page
    is drawn again."""
    with suppress(NotFound):  # deleted meanwhile, in another browser
        submit(reread(state.get_store(), article_id), title, replace=True)
