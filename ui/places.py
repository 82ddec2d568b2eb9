"""The places table and the details of one place, for the Map page (pure builders, no Streamlit)."""

from __future__ import annotations

import html

import pandas as pd

from lib.contract import Place, ProcessedArticle

KIND_NAMES = {"city": "town/city", "region": "region", "country": "country", "other": "other"}


def _usage(place: Place) -> str:
    named = [m for m in place.mentions if not m.associative]
    adjectives = sum(m.adjectival for m in place.mentions)
    in_names = sum(m.in_name is not None for m in place.mentions)
    counts = (f"{adjectives} as adjective" if adjectives else "", f"{in_names} in a name" if in_names else "")
    extra = "; ".join(n for n in counts if n)
    if not named:
        only = "adjective" if not in_names else "in a name" if not adjectives else "adjective or in a name"
        return f"{only} only (not on the map)"
    literal = sum(m.literal for m in named)
    if literal == len(named):
        usage = "location"
    elif literal == 0:
        usage = "stands for its government"
    else:
        usage = f"both ({literal} as location)"
    return f"{usage}; {extra}" if extra else usage


def places_frame(doc: ProcessedArticle) -> pd.DataFrame:
    """One row per place, most mentioned first."""
    rows = [
        {
            "id": p.id,
            "Place": p.name,
            "Kind": KIND_NAMES[p.kind],
            "Country": p.country_code or "",
            "Region": p.admin1 or "",
            "Mentions": len(p.mentions),
            "Used as": _usage(p),
            "Confidence": p.confidence,
            "Why": "; ".join(p.why[1:] or p.why),
            "Other candidates": "; ".join(f"{c.name} ({c.country_code or '?'})" for c in p.candidates),
        }
        for p in sorted(doc.places, key=lambda p: (-len(p.mentions), p.id))
    ]
    return pd.DataFrame(rows)


def select_place(doc: ProcessedArticle, place_id: str | None, tooltip: str | None = None) -> Place | None:
    """The place a URL parameter or a clicked map tooltip ("Lyon · 3 mentions") points to."""
    if place_id:
        return doc.place(place_id)
    if tooltip:
        name = html.unescape(tooltip).split(" · ")[0].strip()
        return next((p for p in doc.places if p.name == name), None)
    return None


def place_details(doc: ProcessedArticle, place: Place) -> str:
    """Why this place, what else it could have been, and every sentence that names it (escaped)."""
    e = html.escape
    where = ", ".join(x for x in (place.admin1, place.country_code) if x)
    coords = f"{place.lat:.4f}, {place.lon:.4f}" if place.lat is not None else "not located"
    parts = [
        "<div style='font-family:sans-serif;line-height:1.5'>",
        f"<h4 style='margin:0 0 .2em'>{e(place.name)}</h4>",
        f"<div style='color:#495057'>{e(KIND_NAMES[place.kind])}{' · ' + e(where) if where else ''}"
        f" · {coords} · confidence {place.confidence:.2f}"
        f"{' · GeoNames ' + str(place.geonameid) if place.geonameid else ''}</div>",
        "<p style='margin:.6em 0 .2em'><b>Why this place</b></p><ul style='margin:0'>",
        *(f"<li>{e(w)}</li>" for w in place.why),
        "</ul>",
    ]
    if place.candidates:
        parts.append("<p style='margin:.6em 0 .2em'><b>Other candidates</b></p><ul style='margin:0'>")
        parts += [
            f"<li>{e(c.name)} ({e(c.country_code or '?')}, {c.lat:.2f}, {c.lon:.2f})"
            f" · score {c.score:.2f}</li>"
            for c in place.candidates
        ]
        parts.append("</ul>")
    parts.append("<p style='margin:.6em 0 .2em'><b>Sentences</b></p>")
    text = doc.article.text
    for m in place.mentions:
        sent = doc.sentence_at(m.start)
        plain = m.literal and not m.associative
        role = "" if plain else f" <small style='color:#6741d9'>({e(m.why)})</small>"
        parts.append(
            "<p style='margin:.3em 0;padding-left:.6em;border-left:3px solid #dee2e6'>"
            f"{e(text[sent.start : m.start])}<b>{e(m.surface)}</b>{e(text[m.end : sent.end])}{role}</p>"
        )
    parts.append("</div>")
    return "".join(parts)
