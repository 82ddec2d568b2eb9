"""Map: the places an article mentions, on a map that works with no internet."""

import streamlit as st
from streamlit_folium import st_folium

from ui import corrections, state
from ui.map import build_map
from ui.places import place_details, places_frame, select_place
from ui.text import md

doc = state.require_article()
state.header(doc, "Map")
corrections.notices(doc)
if not doc.places:
    st.info("No places were found in this article.")
    st.stop()

frame = places_frame(doc)
map_key = f"map-{doc.article.id}"
# What the user picked in the previous run (a map click or a table row), read before drawing again.
clicked = (st.session_state.get(map_key) or {}).get("last_object_clicked_tooltip")
table_pick = st.session_state.get("places-table")
row = table_pick.selection.rows[0] if table_pick and table_pick.selection.rows else None
new_click = clicked is not None and clicked != st.session_state.get("map-seen")
new_row = row is not None and row != st.session_state.get("places-row")
st.session_state["map-seen"], st.session_state["places-row"] = clicked, row
choice = doc.place(frame.iloc[row]["id"]) if new_row and row is not None and row < len(frame) else None
if choice is None and new_click:
    choice = select_place(doc, None, tooltip=clicked)
if choice is not None:
    st.query_params["place"] = choice.id
selected = select_place(doc, st.query_params.get("place"))

unplaced = [p.name for p in doc.places if p.lat is None]
if unplaced:
    st.caption(f"Not on the map (not in the gazetteer): {md(', '.join(unplaced))}")
first_mentions = [(p.name, p.mentions[0]) for p in doc.places if not p.named]
associative_only = [f"{name} (“{m.in_name or m.surface}”)" for name, m in first_mentions]
if associative_only:
    st.caption(
        "Met only as an adjective or inside the name of an organisation, so counted but not drawn: "
        f"{md(', '.join(associative_only))}"
    )

prefix = "/" + "/".join(x for x in (st.get_option("server.baseUrlPath").strip("/"), "app/static") if x)
st_folium(
    build_map(doc, prefix, selected.id if selected else None),
    height=540,
    use_container_width=True,
    returned_objects=["last_object_clicked_tooltip"],
    key=map_key,
)
st.dataframe(
    frame.drop(columns=["id"]),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="places-table",
    column_config={
        "Confidence": st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f", width="small"),
        "Why": st.column_config.TextColumn(width="large"),
        "Mentions": st.column_config.NumberColumn(width="small"),
    },
)

if selected is not None:
    with st.container(border=True):
        st.html(place_details(doc, selected))
        corrections.place_form(doc, selected)
        if st.button("Clear selection", icon=":material/close:"):
            del st.query_params["place"]
            st.rerun()
else:
    st.caption(
        "Select a place in the table or click it on the map to read its sentences and evidence, "
        "and to correct it."
    )
corrections.history(doc)
