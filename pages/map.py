"""Map: the places an article mentions, on a map that works with no internet."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from ui import state
from ui.map import build_map

doc = state.require_article()
state.header(doc, "Map")
if not doc.places:
    st.info("No places were found in this article.")
    st.stop()

prefix = "/" + "/".join(x for x in (st.get_option("server.baseUrlPath").strip("/"), "app/static") if x)
st_folium(build_map(doc, prefix), height=520, use_container_width=True, returned_objects=[])
table = pd.DataFrame(
    {
        "Place": p.name,
        "Kind": p.kind,
        "Country": p.country_code or "",
        "Mentions": len(p.mentions),
        "Literal": p.literal,
        "Confidence": p.confidence,
        "Why": "; ".join(p.why),
    }
    for p in sorted(doc.places, key=lambda p: -len(p.mentions))
)
st.dataframe(
    table,
    hide_index=True,
    column_config={"Confidence": st.column_config.ProgressColumn(min_value=0, max_value=1, format="%.2f")},
)
