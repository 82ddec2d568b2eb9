"""Library: every stored article; add by paste or upload, open, download, delete."""

import pandas as pd
import streamlit as st

from lib.contract import DocumentError
from lib.exports import export
from lib.ingest import MAX_INPUT_BYTES, InputError
from lib.library import add_text, retry
from lib.pipeline import ProcessingError
from ui import state
from ui.text import md

state.entered_through_app()
store = state.get_store()
st.title("Library")

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
        with st.spinner("Reading the article: places, voices, claims…"):
            try:
                added = add_text(store, text, title=title or None, published=published, source=source or None)
            except (InputError, ProcessingError) as exc:
                st.error(md(str(exc)), icon=":material/error:")
            else:
                state.select(added.doc.article.id)
                verb = "Added" if added.created else "Already in the library:"
                st.success(f"{verb} **{md(added.doc.article.title)}**", icon=":material/check_circle:")

with add_upload:
    files = st.file_uploader(
        f"Articles as .txt, .md or .html (up to {MAX_INPUT_BYTES // 1_048_576} MB each)",
        type=["txt", "md", "html", "htm"],
        accept_multiple_files=True,
        key=f"upload-{st.session_state.get('upload_round', 0)}",
    )
    if files and st.button("Process and add", type="primary", icon=":material/add:", key="add-files"):
        bar = st.progress(0.0, text="Starting…")
        report = []
        for i, f in enumerate(files, 1):
            bar.progress((i - 1) / len(files), text=f"Processing {f.name} ({i}/{len(files)})")
            try:
                added = add_text(store, f.getvalue(), filename=f.name)
            except (InputError, ProcessingError) as exc:
                report.append(("error", f"{f.name}: {exc}"))
            else:
                state.select(added.doc.article.id)
                verb = "added" if added.created else "already in the library"
                report.append(("ok", f"{f.name}: {verb} as “{added.doc.article.title}”"))
        bar.progress(1.0, text=f"Done: {len(files)} file(s)")
        st.session_state["upload_report"] = report
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.rerun()
    for level, line in st.session_state.pop("upload_report", []):
        (st.error if level == "error" else st.success)(md(line))


def retry_failed(article_id: str, title: str) -> None:
    """A callback, so the click is acted on before the page is drawn again."""
    with st.spinner("Processing again…"):
        try:
            added = retry(store, article_id)
        except (InputError, ProcessingError) as exc:
            st.session_state["retry_report"] = ("error", f"{title}: {exc}")
        else:
            state.select(added.doc.article.id)
            st.session_state["retry_report"] = ("ok", f"{title}: processed and added")


def drop(article_id: str) -> None:
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
            mid.button(
                "Retry", key=f"retry-{row.id}", icon=":material/refresh:", on_click=retry_failed,
                args=(row.id, row.title),
            )  # fmt: skip
            right.button(
                "Delete",
                key=f"drop-{row.id}",
                icon=":material/delete:",
                on_click=drop,
                args=(row.id,),
            )
if "retry_report" in st.session_state:
    level, line = st.session_state.pop("retry_report")
    (st.error if level == "error" else st.success)(md(line))

rows = state.rows()
st.subheader(f"Stored articles ({len(rows)})")
if not rows:
    st.info("The library is empty. Paste or upload an article above, or run `python -m lib process FILE`.")
    st.stop()

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
cols = st.columns([1.2, 1, 1, 1.2, 3])
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
        store.delete(article_id)
        state.select(None)
        st.rerun()
    if right.button("Cancel"):
        st.rerun()


if cols[4].button("Delete", icon=":material/delete:", key="delete"):
    confirm_delete(current, selected_title)
