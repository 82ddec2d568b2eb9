"""What every page shares: the store, the selected article, and the URL that carries them.

The URL is the state: ``?article=ID`` plus each page's own filters, so a copied link opens the same view
for a teammate. The selected article is also remembered in the session, so moving between pages keeps
it even when the navigation link drops the query string.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from lib.access import AccessPolicy, Person, clean_name
from lib.contract import DocumentError, ProcessedArticle, is_article_id
from lib.store import ArticleRow, NotFound, Store, StoreError, database_url, store_problem
from ui.text import md

LIBRARY_PAGE = "pages/library.py"
log = logging.getLogger("ui")


@contextmanager
def unexpected_errors() -> Iterator[None]:
    """A bug nobody foresaw shows the user one sentence and a short reference; the traceback goes
    to the server's log under that reference. (Streamlit's stop and rerun are not Exceptions.)"""
    try:
        yield
    except StoreError as exc:
        st.error(md(str(exc)), icon=":material/database:")
    except SQLAlchemyError as exc:
        st.error(md(str(store_problem(exc, database_url()))), icon=":material/database:")
    except Exception:
        reference = secrets.token_hex(4)
        log.exception("unexpected error, reference %s", reference)
        st.error(
            "Something went wrong while showing this page. Try again, or give the team this reference "
            f"to find what happened in the server's log: **{reference}**",
            icon=":material/error:",
        )


def entered_through_app() -> None:
    """Make sure a page runs inside ``app.py`` (navigation, sidebar, page config).

    Streamlit treats an app that has a ``pages/`` folder as a v1 multipage app until ``st.navigation``
    has run once in the server process, so after a restart the first visitor of a shared deep link
    (``/map?article=...``) would get the bare page. Switching to v2 and rerunning runs ``app.py``,
    which resolves the same URL to the same page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner="Opening the article store…")
def get_store() -> Store:
    """One store per server process; on a first start with an empty store, the samples are processed."""
    store = Store()
    if not store.count():
        # imported only when there is work for it: the pipeline pulls in spaCy (~1 s), which the pages
        # that read stored articles never need
        from lib.library import seed_samples

        seed_samples(store)
    return store


@st.cache_resource(max_entries=64, show_spinner=False)
def _load(article_id: str, processed_at: str, corrections: str) -> ProcessedArticle:
    """Documents as corrected, keyed by id, processing time and the article's corrections, so neither a
    reprocessed article nor a teammate's correction is ever shown stale."""
    del processed_at, corrections  # part of the cache key only
    return get_store().corrected(article_id)


@st.cache_data(max_entries=2048, show_spinner=False)
def problem(article_id: str, processed_at: str) -> str | None:
    """Why a stored document cannot be read, checked once per version of it."""
    del processed_at  # part of the cache key only
    return get_store().check(article_id)


def login_configured() -> bool:
    """Whether Streamlit's OpenID Connect login is set up (``[auth]`` in ``secrets.toml``)."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets file at all
        return False


def person() -> Person:
    """Who this browser session is and whether they may change the library (see ``lib.access``)."""
    login = login_configured()
    name = None
    if login and st.user.is_logged_in:
        name = str(st.user.get("email") or st.user.get("name") or "") or None
    return AccessPolicy.from_env(login=login).person(st.context.headers, name)


NAME_COOKIE = "lens_name"


def author() -> str | None:
    """The name corrections are recorded under: the identity a team's proxy or login gives, else the
    display name this browser keeps (asked once, in the sidebar)."""
    who = person()
    if who.name:
        return who.name
    if "display_name" not in st.session_state:
        st.session_state["display_name"] = clean_name(unquote(st.context.cookies.get(NAME_COOKIE) or ""))
    return st.session_state["display_name"]


def remember_name(name: str | None) -> None:
    """Keep a display name for this session and in the browser (a cookie read on the next visit)."""
    name = clean_name(name)
    st.session_state["display_name"] = name
    value = json.dumps(name or "").replace("<", "\\u003c")
    age = 400 * 86400 if name else 0
    st.session_state["name_cookie"] = (
        f"<script>document.cookie = {json.dumps(NAME_COOKIE)} + '=' + encodeURIComponent({value})"
        f" + '; path=/; max-age={age}; SameSite=Strict';</script>"
    )


def write_name_cookie() -> None:
    """Set the cookie ``remember_name`` asked for, from a zero-height frame of this origin."""
    script = st.session_state.pop("name_cookie", None)
    if script:
        st.iframe(script, height=1)


def rows() -> list[ArticleRow]:
    return get_store().articles()


def selected_id() -> str | None:
    """The article the URL asks for, else the one this session last looked at, else the newest."""
    value = st.query_params.get("article")
    if value is None:
        value = st.session_state.get("article")
        if value is None:
            newest = rows()[:1]
            value = newest[0].id if newest else None
        if value:
            st.query_params["article"] = value
    return value


def select(article_id: str | None) -> None:
    st.session_state["article"] = article_id
    if article_id:
        st.query_params["article"] = article_id
    elif "article" in st.query_params:
        del st.query_params["article"]


def load(article_id: str) -> ProcessedArticle:
    row = next((r for r in rows() if r.id == article_id), None)
    if row is None:
        raise NotFound(article_id)
    return _load(article_id, row.processed_at, get_store().corrections_stamp(article_id))


def require_article() -> ProcessedArticle:
    """The selected article, or a friendly explanation (and nothing else) when there is none."""
    entered_through_app()
    article_id = selected_id()
    if not article_id:
        if not rows():
            st.info("No articles yet. Add one in the Library.")
        else:
            st.info("Pick an article in the sidebar, or open one from the Library.")
        st.page_link(LIBRARY_PAGE, label="Open the Library", icon=":material/library_books:")
        st.stop()
    if not is_article_id(article_id):
        not_found("This link does not point to an article: the article id in it is malformed.")
    try:
        doc = load(article_id)
    except NotFound:
        not_found("No stored article has the id in this link. It may have been deleted.")
    except DocumentError as exc:
        st.error(f"This stored article cannot be opened: {md(str(exc))}")
        st.page_link(LIBRARY_PAGE, label="Back to the Library", icon=":material/library_books:")
        st.stop()
    st.session_state["article"] = article_id
    return doc


def not_found(message: str) -> None:
    st.session_state.pop("article", None)
    st.subheader("Article not found")
    st.warning(message)
    st.page_link(LIBRARY_PAGE, label="Go to the Library", icon=":material/library_books:")
    st.stop()


def header(doc: ProcessedArticle, view: str) -> None:
    """Title line shared by the article views."""
    a = doc.article
    st.title(view)
    date = a.published.isoformat() if a.published else "publication date unknown"
    source = f" · {md(a.source)}" if a.source else ""
    st.caption(f"**{md(a.title)}** · {date}{source}")


def url_widget(
    kind: str, label: str, options: list[str], *, param: str, default, labels: dict | None = None, **kw
):
    """A choice widget whose value lives in the URL under a short, stable name (``?sort=order``,
    ``?types=expert&types=media``), so a copied link opens the same view. Values in the URL that are
    not options are ignored."""
    multi = kw.get("selection_mode") == "multi"
    widget_key = f"url-{param}"
    if widget_key not in st.session_state:
        raw = st.query_params.get_all(param)
        chosen = [v for v in raw if v in options]
        st.session_state[widget_key] = chosen if multi else (chosen[0] if chosen else default)

    def sync() -> None:
        value = st.session_state[widget_key]
        if value in (default, None, []):
            st.query_params.pop(param, None)
        else:
            st.query_params[param] = value

    if labels:
        kw["format_func"] = lambda o: labels.get(o, o)
    return getattr(st, kind)(label, options, key=widget_key, on_change=sync, **kw)
