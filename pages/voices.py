"""Voices: everyone quoted or paraphrased, sorted by source type, and the balance of the article."""

import streamlit as st

from lib.voices.balance import balance
from ui import corrections, state
from ui.text import md
from ui.voices import SORTS, TYPE_LABELS, balance_chart, grouped, speaking, taxonomy_markdown, voice_card

doc = state.require_article()
state.header(doc, "Voices")
corrections.notices(doc)
everyone = speaking(doc)
if not everyone:
    st.info("Nobody is quoted or paraphrased in this article: every claim is the article's own.")
    st.stop()

quotes = [q for v in everyone for q in v.quotes]
cols = st.columns(5)
cols[0].metric("Voices", len([v for v in everyone if v.source_type != "article" and v.quotes]))
cols[1].metric("Direct quotes", sum(q.kind == "direct" for q in quotes))
cols[2].metric("Partial quotes", sum(q.kind == "partial" for q in quotes))
cols[3].metric("Paraphrases", sum(q.kind == "indirect" for q in quotes))
cols[4].metric(
    "Positions", sum(q.kind == "stance" for q in quotes), help="What someone is said to back, oppose or want"
)

b = balance(doc)
with st.container(border=True):
    st.markdown("**Balance**")
    for line in b.statements:
        st.markdown(f"- {md(line)}")
    if b.quotes_by_type:
        st.plotly_chart(balance_chart(b), config={"displayModeBar": False})

with st.expander("What the source types mean", icon=":material/help:"):
    st.markdown(taxonomy_markdown())

with st.expander("Correct a voice", icon=":material/edit:"):
    corrections.voice_form(doc, everyone)

present = [t for t in TYPE_LABELS if any(v.source_type == t for v in everyone)]
left, right = st.columns([3, 2])
with left:
    types = state.url_widget(
        "pills",
        "Source types",
        present,
        param="types",
        default=[],
        labels=TYPE_LABELS,
        selection_mode="multi",
    )
with right:
    sort = state.url_widget(
        "segmented_control", "Sort", list(SORTS), param="sort", default="type", labels=SORTS
    )
root = "/" + st.get_option("server.baseUrlPath").strip("/")
for source_type, voices in grouped(speaking(doc, types or None), sort or "type"):
    if source_type:
        st.subheader(f"{TYPE_LABELS.get(source_type, source_type)} ({len(voices)})")
    for v in voices:
        with st.container(border=True):
            st.html(voice_card(doc, v, root))
corrections.history(doc)
