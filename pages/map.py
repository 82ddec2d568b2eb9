"""Map: the places an article mentions, on a map that works with no internet."""

import streamlit as st
from streamlit_folium import st_folium

from ui import state
from ui.map import build_map
from ui.places import place_details, places_frame, select_place

doc = state.require_article()
state.header(doc, "Map")
if not doc.places:
    st.info("No places were found in this article.")
    st.stop()

selected = select_place(doc, st.query_params.get("place"))
unplaced = [p.name for p in doc.places if p.lat is None]
if unplaced:
    st.caption(f"Not on the map (not in the gazetteer): {', '.join(unplaced)}")

prefix = "/" + "/".join(x for x in (st.get_option("server.baseUrlPath").strip("/"), "app/static") if x)
clicked = st_folium(
    build_map(doc, prefix, selected.id if selected else None),
    height=540,
    use_container_width=True,
    returned_objects=["last_object_clicked_tooltip"],
    key=f"map-{doc.article.id}",
)
hit = select_place(doc, None, tooltip=(clicked or {}).get("last_object_clicked_tooltip"))
if hit and (selected is None or hit.id != selected.id):
    st.query_params["place"] = hit.id
    st.rerun()

frame = places_frame(doc)
table = st.dataframe(
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
if table.selection.rows:
    chosen = frame.iloc[table.selection.rows[0]]["id"]
    if selected is None or chosen != selected.id:
        st.query_params["place"] = chosen
        st.rerun()

if selected is not None:
    with st.container(border=True):
        st.html(place_details(doc, selected))
        if st.button("Clear selection", icon=":material/close:"):
            del st.query_params["place"]
            st.rerun()
else:
    st.caption("Select a place in the table or click it on the map to read its sentences and evidence.")
