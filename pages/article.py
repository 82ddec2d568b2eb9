"""Article view: the text with every place, voice, quote and claim highlighted and explained."""

import streamlit as st

from ui import state
from ui.article_html import LAYER_LABELS, LAYERS, render_article, render_legend

doc = state.require_article()
state.header(doc, "Article")

layers = st.pills(
    "Highlight",
    LAYERS,
    selection_mode="multi",
    default=list(LAYERS),
    format_func=LAYER_LABELS.get,
    key="layers",
    bind="query-params",
)
shown = set(layers or [])
st.html(render_legend(shown))
st.html(render_article(doc, shown, focus=st.query_params.get("item")))
