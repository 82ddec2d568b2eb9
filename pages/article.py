"""Article view: the text with every place, voice, quote and claim highlighted and explained."""

import streamlit as st

from ui import corrections, jobs, state
from ui.article_html import LAYER_LABELS, LAYERS, describe_item, render_article, render_legend

doc = state.require_article()
state.header(doc, "Article")
jobs.outdated_notice(doc)
corrections.notices(doc)
corrections.reviewed(doc)

hidden = state.url_widget(
    "pills", "Hide", list(LAYERS), param="hide", default=[], labels=LAYER_LABELS, selection_mode="multi"
)
shown = set(LAYERS) - set(hidden or [])
item = st.query_params.get("item")
details = describe_item(doc, item)
if details:
    with st.container(border=True):
        st.html(details)
        if st.button("Close", icon=":material/close:"):
            del st.query_params["item"]
            st.rerun()
corrections.add_form(doc)
st.html(render_legend(shown))
st.html(render_article(doc, shown, focus=item))
corrections.history(doc)
