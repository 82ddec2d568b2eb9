"""Timeline: what the article claims happened, is happening and will happen, who claims it, how sure."""

import streamlit as st

from lib.ingest import InputError
from lib.library import redated
from ui import corrections, jobs, state
from ui.text import md
from ui.timeline import BAND_LABELS, CERTAINTY_LABELS, RELATIONS, claim_details, claims_frame, timeline_figure

doc = state.require_article()
state.header(doc, "Timeline")
jobs.outdated_notice(doc)
corrections.notices(doc)
frame = claims_frame(doc)
if frame.empty:
    st.info("No claims were found in this article.")
    st.stop()

published = doc.article.published
if published is None:
    with st.container(border=True):
        st.markdown(
            "**The publication date is unknown**, so claims are placed only by their relation to it "
            "(before, around, after) and no relative date (“last week”) can be resolved. "
            "Set it if you know it:"
        )
        left, right = st.columns([2, 1])
        chosen = left.date_input(
            "Published on", value=None, format="YYYY-MM-DD", label_visibility="collapsed"
        )
        waiting = jobs.busy(doc.article.id)
        clicked = right.button(
            "Re-anchoring…" if waiting else "Set publication date",
            disabled=chosen is None or waiting or not state.person().can_edit,
            icon=":material/event:",
        )
        if clicked and chosen is not None:
            try:
                raw = redated(state.get_store(), doc.article.id, chosen)
            except InputError as exc:
                st.error(f"{md(str(exc))} The article is unchanged.", icon=":material/error:")
            else:
                jobs.submit(raw, doc.article.title, replace=True)
                st.rerun()

c1, c4 = st.columns([1, 2])
c2, c3 = st.columns([3, 2])
with c1:
    lane = state.url_widget(
        "segmented_control",
        "Lanes",
        ["speaker", "source_type"],
        param="lane",
        default="speaker",
        labels={"speaker": "Speaker", "source_type": "Source type"},
    )
with c2:
    relations = state.url_widget(
        "pills",
        "When",
        [r for r in RELATIONS if r in set(frame["relation"])],
        param="when",
        default=[],
        labels=BAND_LABELS,
        selection_mode="multi",
    )
with c3:
    certainties = state.url_widget(
        "pills",
        "Certainty",
        [c for c in CERTAINTY_LABELS if c in set(frame["certainty"])],
        param="certainty",
        default=[],
        labels={k: k for k in CERTAINTY_LABELS},
        selection_mode="multi",
    )
speakers = sorted(set(frame["speaker"]))
with c4:
    chosen_speakers = state.url_widget(
        "multiselect", "Speakers", speakers, param="speaker", default=[], placeholder="All speakers"
    )

shown = frame
if relations:
    shown = shown[shown["relation"].isin(relations)]
if certainties:
    shown = shown[shown["certainty"].isin(certainties)]
if chosen_speakers:
    shown = shown[shown["speaker"].isin(chosen_speakers)]
if shown.empty:
    st.info("No claim matches these filters.")
    st.stop()

picked = st.session_state.get("timeline-chart")  # the click of the previous run, before drawing again
points = picked.selection.points if picked else []
if points and points[0].get("customdata") and points[0]["customdata"] != st.query_params.get("claim"):
    st.query_params["claim"] = points[0]["customdata"]
selected = st.query_params.get("claim")
chart_tab, table_tab = st.tabs([":material/timeline: Timeline", ":material/table: Table"])
with chart_tab:
    st.plotly_chart(
        timeline_figure(shown, published, lane or "speaker", selected),
        on_select="rerun",
        selection_mode="points",
        key="timeline-chart",
        config={"displayModeBar": False},
    )
    st.caption(
        "Marker fill shows certainty: filled = high, dotted = medium, hollow = low. Click a claim to read it."
    )
with table_tab:
    st.dataframe(
        shown[["claim", "speaker", "source_type", "relation", "when", "basis", "certainty", "hedges"]],
        hide_index=True,
        column_config={
            "claim": st.column_config.TextColumn("Claim", width="large"),
            "basis": st.column_config.TextColumn("How the time was decided"),
        },
    )

root = "/" + st.get_option("server.baseUrlPath").strip("/")
details = claim_details(doc, selected, root) if selected else None
if details and selected:
    with st.container(border=True):
        st.html(details)
        corrections.claim_form(doc, selected)
corrections.history(doc)
