"""Timeline: what the article claims happened, is happening and will happen, and who claims it."""

import streamlit as st

from ui import state
from ui.timeline import claims_frame, timeline_figure

doc = state.require_article()
state.header(doc, "Timeline")
frame = claims_frame(doc)
if frame.empty:
    st.info("No claims were found in this article.")
    st.stop()
if doc.article.published is None:
    st.caption("The publication date is unknown, so claims are placed by their relation to it.")

lane = state.url_widget(
    "segmented_control",
    "Lanes",
    ["speaker", "source_type"],
    param="lane",
    default="speaker",
    labels={"speaker": "By speaker", "source_type": "By source type"},
)
st.plotly_chart(timeline_figure(frame, lane or "speaker"), config={"displayModeBar": False})
st.dataframe(
    frame[["claim", "speaker", "source_type", "relation", "when", "certainty", "hedges"]],
    hide_index=True,
    column_config={"claim": st.column_config.TextColumn("Claim", width="large")},
)
