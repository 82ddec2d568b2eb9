"""The places of an article on a folium map that needs no internet (pure builder, no Streamlit).

Leaflet, jQuery, topojson-client and the Natural Earth country outlines are vendored into
``static/vendor`` by ``scripts/vendor_assets.py`` and served by Streamlit at ``/app/static/``.
No tile server: the base map is the country outlines drawn as a vector layer over a sea colour; an
OpenStreetMap layer can be switched on in the layer control and simply stays blank offline.
Regions and countries are drawn as areas (outlines from the gazetteer), towns and points as circles
sized by mentions. Places named only for their government ("Beijing said") are hollow and dashed.
Every label and popup is built from escaped article text.
"""

from __future__ import annotations

import html
import math

import folium
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from lib.contract import Place, ProcessedArticle
from lib.geo.gazetteer import get_gazetteer

KIND_COLOURS = {"city": "#c92a2a", "region": "#7048e8", "country": "#2f9e44", "other": "#1971c2"}
KIND_LABELS = {
    "city": "Town or city",
    "region": "Region",
    "country": "Country",
    "other": "Sea, river, building…",
}
SELECTED = "#f08c00"
SEA = "#dbe9f4"
LAND = "#f8f9f5"
ONLINE_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


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


class Legend(MacroElement):
    """What the colours and styles mean, in the map's corner (static text only)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var legend = L.control({position: "bottomright"});
        legend.onAdd = function () {
          var div = L.DomUtil.create("div", "al-legend");
          div.innerHTML = {{ this.body|tojson }};
          return div;
        };
        legend.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, kinds: list[str], metonymic: bool) -> None:
        super().__init__()
        rows = [
            f'<div><span class="al-swatch" style="background:{KIND_COLOURS[k]}"></span>{KIND_LABELS[k]}</div>'
            for k in ("city", "region", "country", "other")
            if k in kinds
        ]
        if metonymic:
            rows.append(
                '<div><span class="al-swatch al-hollow"></span>Named for its government or institutions '
                "(“Beijing said”), not as a location</div>"
            )
        rows.append("<div class='al-note'>Circle size: number of mentions</div>")
        self.body = "".join(rows)


LEGEND_CSS = f"""<style>
.leaflet-container {{ background: {SEA} !important; font-family: "Source Sans Pro", sans-serif; }}
.al-legend {{ background: rgba(255,255,255,.92); padding: 6px 9px; border-radius: 6px; font-size: 12px;
  line-height: 1.6; box-shadow: 0 1px 4px rgba(0,0,0,.2); max-width: 230px; }}
.al-swatch {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; opacity: .8; }}
.al-hollow {{ border: 2px dashed #495057; background: transparent; width: 8px; height: 8px; }}
.al-note {{ color: #868e96; }}
.al-label {{ font-size: 12px; color: #343a40; white-space: nowrap; pointer-events: none;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }}
</style>"""


def _popup(doc: ProcessedArticle, place: Place) -> str:
    """The place and every sentence that mentions it, escaped, with the mention in bold."""
    where = ", ".join(x for x in (place.admin1, place.country_code) if x)
    lines = [
        f"<b>{html.escape(place.name)}</b> <small>({html.escape(place.kind)}"
        f"{', ' + html.escape(where) if where else ''})</small>"
    ]
    text = doc.article.text
    seen: set[int] = set()
    for m in place.mentions:
        sent = doc.sentence_at(m.start)
        if sent.start in seen:
            continue
        seen.add(sent.start)
        before = html.escape(text[sent.start : m.start])
        after = html.escape(text[m.end : sent.end])
        tag = "" if m.literal else " <small><i>(stands for its government)</i></small>"
        lines.append(f"<p style='margin:.4em 0'>{before}<b>{html.escape(m.surface)}</b>{after}{tag}</p>")
    if len(seen) > 6:
        lines = [*lines[:7], f"<p><small>… and {len(seen) - 6} more sentences</small></p>"]
    return "".join(lines)


def drawn(doc: ProcessedArticle) -> list[Place]:
    """The places on the map: located, and named at least once (a country met only as an adjective,
    "Sudanese officials", or a state only in an organisation's name, is in the table and counts for
    its place, but is not a place in the story)."""
    return [p for p in doc.places if p.lat is not None and p.lon is not None and p.named]


def radius(mentions: int) -> float:
    return 6 + 5 * math.sqrt(max(0, mentions - 1))


def _tooltip(place: Place) -> str:
    n = len(place.mentions)
    role = "" if place.literal else " · named for its government"
    return html.escape(f"{place.name} · {n} mention{'s' if n != 1 else ''}{role}")


class Outline(folium.GeoJson):
    """An area whose bounds come from the gazetteer: folium would otherwise walk every vertex of the
    outline on each rerun to find them (a quarter of a second for a large country)."""

    def __init__(self, data: dict, box: tuple[float, float, float, float], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.box = box

    def _get_self_bounds(self) -> list[list[float | None]]:
        west, south, east, north = self.box
        return [[south, west], [north, east]]


def _area(doc: ProcessedArticle, place: Place, layer: folium.FeatureGroup, selected: bool) -> bool:
    """Draw a region or country as its outline; False when the gazetteer has no outline for it."""
    gaz = get_gazetteer()
    geometry = gaz.shape(place.gazetteer_key) if place.gazetteer_key else None
    box = gaz.bbox(place.gazetteer_key) if geometry is not None and place.gazetteer_key else None
    if geometry is None or box is None:
        return False
    colour = KIND_COLOURS[place.kind]
    literal = place.literal
    style = {
        "color": SELECTED if selected else colour,
        "weight": 3 if selected else 1.5,
        "dashArray": None if literal else "5 4",
        "fillColor": colour,
        "fillOpacity": (0.08 if place.kind == "country" else 0.14) if literal else 0.0,
    }
    Outline(
        {"type": "Feature", "geometry": geometry, "properties": {}},
        box,
        style_function=lambda _f, style=style: style,
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.3},
        tooltip=_tooltip(place),
        popup=folium.Popup(_popup(doc, place), max_width=380),
    ).add_to(layer)
    return True


def build_map(
    doc: ProcessedArticle, static_prefix: str = "/app/static", selected: str | None = None
) -> folium.Map:
    """The article's places: areas for regions and countries, circles for the rest."""
    urls = assets(static_prefix)
    located = drawn(doc)
    points_at = {p.id: (p.lat, p.lon) for p in located if p.lat is not None and p.lon is not None}
    m = folium.Map(tiles=None, location=[20, 10], zoom_start=2, min_zoom=2, world_copy_jump=True,
                   control_scale=True)  # fmt: skip
    m.default_js = [("leaflet", urls["leaflet_js"]), ("jquery", urls["jquery"])]
    m.default_css = [("leaflet_css", urls["leaflet_css"])]
    m.get_root().header.add_child(Element(LEGEND_CSS), name="al-css")  # type: ignore[attr-defined]
    CountryOutlines(urls["countries"], urls["topojson"]).add_to(m)
    folium.TileLayer(
        ONLINE_TILES, name="Street map (online only)", attr="© OpenStreetMap contributors", overlay=True,
        show=False, max_zoom=19,
    ).add_to(m)  # fmt: skip
    areas = folium.FeatureGroup(name="Regions and countries")
    points = folium.FeatureGroup(name="Towns, seas and buildings")
    areas.add_to(m)
    points.add_to(m)
    drawn_as_area = set()
    for p in sorted(located, key=lambda p: (p.kind != "country", -len(p.mentions))):
        if p.kind in ("region", "country") and _area(doc, p, areas, p.id == selected):
            drawn_as_area.add(p.id)
    for p in sorted(located, key=lambda p: -len(p.mentions)):
        if p.id in drawn_as_area:
            continue
        colour = KIND_COLOURS.get(p.kind, "#495057")
        literal = p.literal
        folium.CircleMarker(
            location=list(points_at[p.id]),
            radius=radius(len(p.mentions)),
            color=SELECTED if p.id == selected else colour,
            weight=4 if p.id == selected else 2,
            dash_array=None if literal else "4 3",
            fill=True,
            fill_color=colour,
            fill_opacity=0.55 if literal else 0.0,
            tooltip=_tooltip(p),
            popup=folium.Popup(_popup(doc, p), max_width=380),
        ).add_to(points)
    _labels(located, points_at, drawn_as_area).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    Legend(sorted({p.kind for p in located}), any(not p.literal for p in located)).add_to(m)
    bounds = view_bounds(doc, selected)
    if bounds:
        m.fit_bounds(bounds, padding=(24, 24), max_zoom=8)
    return m


POINT_MARGIN = 0.5
"""Degrees of map shown around a town in view, so that towns a few kilometres apart spread out."""
LABELLED = 25
"""Names written on the map beside their places, most mentioned first: enough to read a local story
without a base map, few enough not to cover a world one."""


def _labels(
    located: list[Place], points_at: dict[str, tuple[float, float]], areas: set[str]
) -> folium.FeatureGroup:
    """The names of the places drawn as circles, beside them, in a layer of their own (the layer
    control hides it): offline there is no base map to say where the circles are. Areas are outlined
    and named on hover; their names would sit on the towns inside them."""
    layer = folium.FeatureGroup(name="Names")
    ranked = sorted((p for p in located if p.id not in areas), key=lambda p: -len(p.mentions))
    for p in ranked[:LABELLED]:
        gap = radius(len(p.mentions)) + 3
        folium.Marker(
            location=list(points_at[p.id]),
            icon=folium.DivIcon(
                html=f'<div class="al-label">{html.escape(p.name)}</div>',
                icon_size=(160, 16),
                icon_anchor=(-round(gap), 8),
            ),
            interactive=False,
        ).add_to(layer)
    return layer


def view_bounds(doc: ProcessedArticle, selected: str | None = None) -> list[list[float]] | None:
    """What the view should show: the selected place, else the towns and regions (countries only when
    there is nothing smaller, so one mention of China does not zoom the map out to Asia)."""
    gaz = get_gazetteer()
    located = drawn(doc)
    focus = [p for p in located if p.id == selected] or [p for p in located if p.kind != "country"] or located
    if not focus:
        return None
    south, west, north, east = 90.0, 180.0, -90.0, -180.0
    for p in focus:
        box = gaz.bbox(p.gazetteer_key) if p.gazetteer_key and p.kind in ("region", "country") else None
        lat, lon = p.lat or 0.0, p.lon or 0.0  # located: never None here
        w, s, e, n = (
            box if box else (lon - POINT_MARGIN, lat - POINT_MARGIN, lon + POINT_MARGIN, lat + POINT_MARGIN)
        )
        south, west, north, east = min(south, s), min(west, w), max(north, n), max(east, e)
    return [[south, west], [north, east]]
