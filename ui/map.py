"""The places of an article on a folium map that needs no internet (pure builder, no Streamlit).

Leaflet, jQuery, topojson-client and the Natural Earth country outlines are vendored into
``static/vendor`` by ``scripts/vendor_assets.py`` and served by Streamlit at ``/app/static/``.
No tile server: the base map is the country outlines drawn as a vector layer over a sea colour.
Every label and popup is built from escaped article text.
"""

from __future__ import annotations

import html
import math

import folium
from branca.element import Element
from folium.elements import JSCSSMixin
from jinja2 import Template

from lib.contract import Place, ProcessedArticle

KIND_COLOURS = {"city": "#d9480f", "region": "#5f3dc4", "country": "#1864ab", "other": "#2b8a3e"}
SEA = "#dbe9f4"
LAND = "#f8f9f5"


def assets(prefix: str) -> dict[str, str]:
    """URLs of the vendored files, under the app's static route (``/app/static`` by default)."""
    base = f"{prefix.rstrip('/')}/vendor"
    return {
        "leaflet_js": f"{base}/leaflet/leaflet.js",
        "leaflet_css": f"{base}/leaflet/leaflet.css",
        "jquery": f"{base}/jquery/jquery.min.js",
        "topojson": f"{base}/topojson-client/topojson-client.min.js",
        "countries": f"{base}/world-atlas/countries-50m.json",
    }


class CountryOutlines(JSCSSMixin):
    """Country borders and coastlines as a vector base layer, fetched from the app's own origin."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }})
          .then(function (r) { return r.json(); })
          .then(function (topo) {
            var land = topojson.feature(topo, topo.objects.countries);
            L.geoJSON(land, {
              interactive: false,
              style: {color: "#adb5bd", weight: 0.8, fillColor: {{ this.land|tojson }}, fillOpacity: 1}
            }).addTo({{ this._parent.get_name() }}).bringToBack();
          });
        {% endmacro %}
        """
    )

    def __init__(self, url: str, topojson_js: str) -> None:
        super().__init__()
        self._name = "CountryOutlines"
        self.url = url
        self.land = LAND
        self.default_js = [("topojson", topojson_js)]


def _popup(doc: ProcessedArticle, place: Place) -> str:
    """The place and every sentence that mentions it, escaped, with the mention in bold."""
    lines = [f"<b>{html.escape(place.name)}</b> <small>({html.escape(place.kind)})</small>"]
    seen: set[int] = set()
    for m in place.mentions:
        sent = doc.sentence_at(m.start)
        if sent.start in seen:
            continue
        seen.add(sent.start)
        text = doc.article.text
        before = html.escape(text[sent.start : m.start])
        after = html.escape(text[m.end : sent.end])
        tag = "" if m.literal else " <small><i>(stands for its government)</i></small>"
        lines.append(f"<p style='margin:.4em 0'>{before}<b>{html.escape(m.surface)}</b>{after}{tag}</p>")
    return "".join(lines[:7])


def radius(mentions: int) -> float:
    return 6 + 5 * math.sqrt(max(0, mentions - 1))


def build_map(
    doc: ProcessedArticle, static_prefix: str = "/app/static", selected: str | None = None
) -> folium.Map:
    """Markers sized by mentions and coloured by kind; places only used metonymically are hollow."""
    urls = assets(static_prefix)
    located = [p for p in doc.places if p.lat is not None and p.lon is not None]
    m = folium.Map(
        tiles=None, location=[20, 10], zoom_start=2, min_zoom=2, world_copy_jump=True, control_scale=True
    )
    m.default_js = [("leaflet", urls["leaflet_js"]), ("jquery", urls["jquery"])]
    m.default_css = [("leaflet_css", urls["leaflet_css"])]
    m.get_root().header.add_child(
        Element(f"<style>.leaflet-container{{background:{SEA} !important}}</style>"), name="sea"
    )
    CountryOutlines(urls["countries"], urls["topojson"]).add_to(m)
    for p in sorted(located, key=lambda p: -len(p.mentions)):
        colour = KIND_COLOURS.get(p.kind, "#495057")
        literal = p.literal
        folium.CircleMarker(
            location=[p.lat, p.lon],
            radius=radius(len(p.mentions)),
            color="#e8590c" if p.id == selected else colour,
            weight=4 if p.id == selected else 2,
            dash_array=None if literal else "4 3",
            fill=True,
            fill_color=colour,
            fill_opacity=0.55 if literal else 0.0,
            tooltip=html.escape(
                f"{p.name} · {len(p.mentions)} mention(s)" + ("" if literal else " · metonymic")
            ),
            popup=folium.Popup(_popup(doc, p), max_width=360),
        ).add_to(m)
    if located:
        lats = [p.lat for p in located]
        lons = [p.lon for p in located]
        pad = 1.5 if len(located) > 1 else 4
        m.fit_bounds([[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]])
    return m
