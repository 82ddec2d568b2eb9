"""Voices: everyone quoted or paraphrased, grouped by source type."""

import streamlit as st

from ui import state
from ui.text import md
from ui.voices import grouped, quotes_frame

doc = state.require_article()
state.header(doc, "Voices")
groups = grouped(doc)
if not groups:
    st.info("Nobody is quoted or paraphrased in this article.")
    st.stop()

frame = quotes_frame(doc)
st.bar_chart(frame.groupby("source_type").size().rename("quotes"), horizontal=True, height=200)
for source_type, voices in groups:
    st.subheader(f"{source_type.capitalize()} ({len(voices)})")
    for v in voices:
        with st.container(border=True):
            role = f" · {md(v.role)}" if v.role else ""
            st.markdown(f"**{md(v.name)}**{role} · {len(v.quotes)} quote(s)")
            for q in v.quotes:
                mark = "“" if q.kind != "indirect" else ""
                st.markdown(f"> {mark}{md(q.text)}{mark.replace('“', '”')}  \n_{q.kind}_")
