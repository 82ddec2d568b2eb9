"""Article Lens: navigation, the shared sidebar and configuration.

Run with ``streamlit run app.py``. The pages only read processed articles from the store; everything
else lives in ``lib/`` (pipeline, storage) and ``ui/`` (drawing helpers).
"""

import streamlit as st

from ui import jobs, state
from ui.text import md

st.set_page_config(page_title="Article Lens", page_icon="static/favicon.png", layout="wide")

PAGES = [
    st.Page("pages/article.py", title="Article", icon=":material/article:", url_path="article", default=True),
    st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page("pages/voices.py", title="Voices", icon=":material/record_voice_over:", url_path="voices"),
    st.Page("pages/library.py", title="Library", icon=":material/library_books:", url_path="library"),
]
page = st.navigation(PAGES)
st.logo("static/logo.svg", size="large", icon_image="static/favicon.png")


def sidebar() -> None:
    rows = state.rows()
    ids = [r.id for r in rows]
    titles = {r.id: r.title for r in rows}
    current = state.selected_id()
    choice = st.selectbox(
        "Article",
        ids,
        index=ids.index(current) if current in ids else None,
        format_func=lambda i: (titles.get(i) or str(i))[:80],
        placeholder="Choose an article" if ids else "No articles yet",
        help="The article every page shows. The link in your address bar opens this same view.",
    )
    if choice and choice != current:
        state.select(choice)
        st.rerun()
    identity()


def display_name() -> None:
    """The name recorded with each correction, asked once and kept in this browser (no passwords:
    a team that needs real identities sets them up in lib.access)."""
    name = state.author()
    if name and not st.session_state.get("renaming"):
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.caption(f"Correcting as **{md(name)}**")
        right.button(
            "Change",
            key="rename",
            type="tertiary",
            on_click=st.session_state.update,
            args=({"renaming": True},),
        )
    else:
        st.text_input(
            "Your name", key="name-input", placeholder="Who corrects, for the team",
            help="Recorded with each correction you make, and kept in this browser.",
            on_change=_named,
        )  # fmt: skip
    state.write_name_cookie()


def _named() -> None:
    state.remember_name(st.session_state.get("name-input"))
    st.session_state["renaming"] = False


def identity() -> None:
    """Who is signed in and what they may do, when a team has set up identities (lib.access)."""
    who = state.person()
    if who.how == "open":
        display_name()
        return
    if who.name:
        rights = "can add and delete articles" if who.can_edit else "can read the library"
        st.caption(f"Signed in as **{md(who.name)}**, who {rights}.")
    else:
        st.caption("Not signed in: you can read the library.")
    if who.how == "login":
        st.button("Log out", icon=":material/logout:", on_click=st.logout)
    elif state.login_configured() and who.name is None:
        st.button("Log in", icon=":material/login:", on_click=st.login)


# Whatever goes wrong, the browser gets one sentence and a reference to the server's log, never a
# traceback or a server path (``client.showErrorDetails = "none"`` covers what this does not).
with state.unexpected_errors():
    state.get_store()  # first start: opens the store and processes the samples
    with st.sidebar:
        sidebar()
    jobs.panel()  # articles being analysed for this session, on whichever page it is on
    page.run()
