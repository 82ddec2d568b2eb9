"""Library: every stored article; add by paste or upload (analysed by the worker), open, download,
delete."""

from contextlib import suppress

import pandas as pd
import streamlit as st

from lib.contract import DocumentError
from lib.exports import export
from lib.ingest import MAX_INPUT_BYTES, InputError, read_article
from lib.library import failed_article
from lib.store import NotFound
from ui import jobs, state
from ui.text import md

state.entered_through_app()
store = state.get_store()
who = state.person()
st.title("Library")


def read_and_queue(data: str | bytes, label: str | None = None, **meta: object) -> str | None:
    """Read one article here (quick, and its problems are the user's to fix) and queue its analysis
    for the worker; the reason it cannot be read, if it cannot."""
    try:
        raw = read_article(data, **meta)  # type: ignore[arg-type]
    except InputError as exc:
        return str(exc)
    jobs.submit(raw, label or raw.title)
    return None


if not who.can_edit:
    signed_in = f"You are signed in as {md(who.name)}, who" if who.name else "You are not signed in, so you"
    st.info(
        f"{signed_in} can read the library. Adding, retrying and deleting articles need an editor: "
        "ask whoever runs Lens for your team.",
        icon=":material/visibility:",
    )
else:
    add_paste, add_upload = st.tabs(
        [":material/content_paste: Paste text", ":material/upload_file: Upload files"]
    )
    with add_paste, st.form("paste", clear_on_submit=False, border=False):
        text = st.text_area(
            "Article text",
            height=220,
            placeholder="Paste the article here. A short first line without a full stop is the headline.",
        )
        c1, c2, c3 = st.columns([3, 1.2, 1.5])
        title = c1.text_input("Title (optional)", placeholder="Taken from the text when empty")
        published = c2.date_input("Published (optional)", value=None, format="YYYY-MM-DD")
        source = c3.text_input("Source (optional)", placeholder="e.g. Reuters")
        if st.form_submit_button("Process and add", type="primary", icon=":material/add:"):
            problem = read_and_queue(text, title=title or None, published=published, source=source or None)
            if problem:
                st.error(md(problem), icon=":material/error:")
            else:
                st.rerun()  # the progress panel at the top of the page takes it from here

    with add_upload:
        files = st.file_uploader(
            f"Articles as .txt, .md or .html (up to {MAX_INPUT_BYTES // 1_048_576} MB each)",
            type=["txt", "md", "html", "htm"],
            accept_multiple_files=True,
            key=f"upload-{st.session_state.get('upload_round', 0)}",
        )
        if files and st.button("Process and add", type="primary", icon=":material/add:", key="add-files"):
            unreadable = []
            for f in files:
                problem = read_and_queue(f.getvalue(), f.name, filename=f.name)
                if problem:
                    unreadable.append(f"{f.name}: {problem}")
            st.session_state["upload_report"] = unreadable
            st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
            st.rerun()
        for line in st.session_state.pop("upload_report", []):
            st.error(md(line), icon=":material/error:")


def retry_failed(article_id: str, title: str) -> None:
    """A callback, so the click is acted on before the page is drawn again."""
    with suppress(NotFound):  # retried or deleted meanwhile, in another browser: the list drops it
        jobs.submit(failed_article(store, article_id), title)


def drop(article_id: str) -> None:
    if state.person().can_edit:
        store.delete(article_id)


failed = store.failures()
if failed:
    st.subheader(f"Failed articles ({len(failed)})")
    st.caption(
        "Lens could not analyse these articles. Their text is kept: retry them (after an upgrade, say) "
        "or delete them."
    )
    for row in failed:
        with st.container(border=True):
            left, mid, right = st.columns([6, 1, 1])
            left.markdown(f"**{md(row.title)}**")
            when = row.failed_at[:16].replace("T", " ")
            left.caption(f"Failed in the {md(row.stage)} stage on {when} UTC: {md(row.error[:300])}")
            if who.can_edit:
                mid.button(
                    "Retry", key=f"retry-{row.id}", icon=":material/refresh:", on_click=retry_failed,
                    args=(row.id, row.title), disabled=jobs.busy(row.id),
                )  # fmt: skip
                right.button(
                    "Delete", key=f"drop-{row.id}", icon=":material/delete:", on_click=drop, args=(row.id,)
                )

rows = state.rows()
st.subheader(f"Stored articles ({len(rows)})")
if not rows:
    st.info("The library is empty. Paste or upload an article above, or run `python -m lib process FILE`.")
    st.stop()

reviews = store.reviews()
query = st.text_input("Filter", placeholder="Search titles and sources", key="q", bind="query-params")
table = pd.DataFrame(
    {
        "id": r.id,
        "Title": r.title,
        "Source": r.source or "",
        "Published": r.published or "unknown",
        "Places": r.n_places,
        "Voices": r.n_voices,
        "Claims": r.n_claims,
        "Words": r.n_words,
        "Processed": r.processed_at[:16].replace("T", " "),
        "Status": state.problem(r.id, r.processed_at) or "ok",
        "Reviewed by": ", ".join(f"{who} ({at[:10]})" for who, at in reviews.get(r.id, [])),
    }
    for r in rows
)
damaged = table[table["Status"] != "ok"]
if len(damaged):
    st.warning(
        f"{len(damaged)} stored article(s) cannot be read (see Status). The others are fine; "
        "select a damaged one to delete it, then add it again."
    )
if query:
    needle = query.lower()
    table = table[
        table["Title"].str.lower().str.contains(needle, regex=False)
        | table["Source"].str.lower().str.contains(needle, regex=False)
    ]
current = state.selected_id()
picked = st.dataframe(
    table,
    hide_index=True,
    column_order=[
        "Title",
        "Source",
        "Published",
        "Places",
        "Voices",
        "Claims",
        "Words",
        "Processed",
        "Status",
        "Reviewed by",
    ],
    column_config={"Title": st.column_config.TextColumn(width="large")},
    on_select="rerun",
    selection_mode="single-row",
    key="library-table",
)
if picked.selection.rows:
    chosen = table.iloc[picked.selection.rows[0]]["id"]
    if chosen != current:
        state.select(chosen)
        current = chosen

if current is None or current not in set(table["id"]):
    st.caption("Select a row to open, download or delete that article.")
    st.stop()

selected_title = table.set_index("id").at[current, "Title"]
st.markdown(f"**Selected:** {md(selected_title)}")
cols = st.columns([1.1, 1, 1, 1.3, 1.8, 1.3])
try:
    doc = state.load(current)
except DocumentError as exc:
    st.error(f"This stored article cannot be opened: {md(str(exc))}. You can delete it and add it again.")
else:
    cols[0].page_link(
        "pages/article.py", label="Open", icon=":material/open_in_new:", query_params={"article": current}
    )
    for col, fmt, mime in zip(
        cols[1:4],
        ("json", "csv", "geojson"),
        ("application/json", "text/csv", "application/geo+json"),
        strict=True,
    ):
        col.download_button(
            fmt.upper(),
            export(doc, fmt),
            file_name=f"article-{current}.{fmt}",
            mime=mime,
            icon=":material/download:",
            key=f"dl-{fmt}",
        )


@st.dialog("Delete this article?")
def confirm_delete(article_id: str, title: str) -> None:
    st.markdown(
        f"“{md(title)}” and everything extracted from it will be removed from the library. "
        "This cannot be undone."
    )
    left, right = st.columns(2)
    if left.button("Delete", type="primary", icon=":material/delete:"):
        drop(article_id)
        state.select(None)
        st.rerun()
    if right.button("Cancel"):
        st.rerun()


if who.can_edit:
    waiting = jobs.busy(current)
    cols[4].button(
        "Processing…" if waiting else "Process again", icon=":material/refresh:", key="process-again",
        disabled=waiting, on_click=jobs.reprocess, args=(current, selected_title),
        help="Analyse it again with this version and the team lexicon; every correction is kept.",
    )  # fmt: skip
if who.can_edit and cols[5].button("Delete", icon=":material/delete:", key="delete"):
    confirm_delete(current, selected_title)
