"""The claims of an article as a table and a plotly timeline (pure builders, no Streamlit).

With a publication date and dated claims, the x axis is time: dated claims sit on their dates
(intervals as bars), undated ones in bands just before, at and after publication. Without a
publication date the axis is the bands alone. One lane per speaker or per source type; colour is the
source type, the marker's fill is the certainty (filled high, dotted medium, hollow low).
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from lib.contract import Claim, ProcessedArticle, time_value_days

RELATIONS = ["past", "present", "future", "unknown"]
BAND_LABELS = {
    "past": "Before publication",
    "present": "Around publication",
    "future": "After publication",
    "unknown": "Time unknown",
}
SELECTED = "#f08c00"  # a selected claim, as a selected place on the map
CERTAINTY_SYMBOL = {"high": "circle", "medium": "circle-dot", "low": "circle-open"}
CERTAINTY_LABELS = {
    "high": "High (plain assertion)",
    "medium": "Medium (likely, expected)",
    "low": "Low (could, reportedly)",
}
TYPE_COLOURS = {
    "government": "#1c4e80",
    "military": "#5c3c92",
    "politician": "#0091d5",
    "expert": "#2b8a3e",
    "media": "#e8590c",
    "civil society": "#c2255c",
    "international organisation": "#0b7285",
    "business": "#a61e4d",
    "citizen": "#f59f00",
    "article": "#495057",
    "unknown": "#adb5bd",
}


def _days(doc: ProcessedArticle, claim: Claim) -> tuple[date, date] | None:
    """The days a claim is about: a quarter, season or "early 2009" as the stretch it is, "now" as
    the publication day; None for a duration, a set or no time words."""
    time = doc.time(claim.time.timex)
    if time is not None and time.value == "PRESENT_REF" and doc.article.published is not None:
        return doc.article.published, doc.article.published
    return time_value_days(claim.time.value)


def claims_frame(doc: ProcessedArticle) -> pd.DataFrame:
    """One row per claim with who claims it, when and how sure, in text order."""
    voices = {v.id: v for v in doc.voices}
    rows = []
    for order, c in enumerate(doc.claims):
        v = voices.get(c.speaker or "")
        span = _days(doc, c)
        rows.append(
            {
                "id": c.id,
                "order": order,
                "claim": c.text,
                "speaker": v.name if v else "The article itself",
                "source_type": v.source_type if v else "article",
                "relation": c.time.relation,
                "when": c.time.value or BAND_LABELS[c.time.relation],
                "expression": c.time.expression or "",
                "certainty": c.certainty,
                "hedges": ", ".join(c.hedges),
                "basis": c.time.basis,
                "first": span[0] if span else None,
                "last": span[1] if span else None,
                "start": c.start,
            }
        )
    columns = [
        "id",
        "order",
        "claim",
        "speaker",
        "source_type",
        "relation",
        "when",
        "expression",
        "certainty",
        "hedges",
        "basis",
        "first",
        "last",
        "start",
    ]
    return pd.DataFrame(rows, columns=columns)


def _wrap(text: str, width: int = 72) -> str:
    """Escaped and wrapped for a plotly hover box (plotly reads a subset of HTML in hover text)."""
    lines, line = [], ""
    for w in text.split():
        if len(line) + len(w) > width:
            lines.append(line)
            line = ""
        line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(html.escape(x) for x in lines[:8]) + ("…" if len(lines) > 8 else "")


def _positions(frame: pd.DataFrame, published: date | None, lane: str) -> tuple[list, dict, list[dict]]:
    """x of each claim, the axis, and shaded bands for the claims that have no date of their own:
    dates when there are any, else the four bands alone. Claims sharing a lane and a band are
    spread across the band so none hides another."""
    dated = frame.dropna(subset=["first"])
    within = frame.groupby(["relation", lane]).cumcount() + 1
    sizes = frame.groupby(["relation", lane])["id"].transform("count") + 1
    if published is None or dated.empty:
        band = {r: i for i, r in enumerate(RELATIONS)}
        xs = [band[r] - 0.4 + 0.8 * w / n for r, w, n in zip(frame["relation"], within, sizes, strict=True)]
        axis = {
            "tickvals": list(band.values()),
            "ticktext": [BAND_LABELS[r] for r in RELATIONS],
            "range": [-0.6, len(RELATIONS) - 0.4],
            "showgrid": False,
            "zeroline": False,
        }
        return xs, axis, []
    firsts = [*dated["first"], published]
    lasts = [*dated["last"], published]
    span_days = max(4, (max(lasts) - min(firsts)).days)
    width = timedelta(days=max(2, span_days // 3))
    bands = {
        "past": (min(firsts) - width - timedelta(days=1), min(firsts) - timedelta(days=1)),
        "present": (published - width / 4, published + width / 4),
        "future": (max(lasts) + timedelta(days=1), max(lasts) + width + timedelta(days=1)),
        "unknown": (max(lasts) + width + timedelta(days=2), max(lasts) + 2 * width + timedelta(days=2)),
    }
    xs = []
    for (_, row), w, n in zip(frame.iterrows(), within, sizes, strict=True):
        if row["first"] is not None and not pd.isna(row["first"]):
            xs.append(row["first"] + (row["last"] - row["first"]) / 2)
        else:
            a, b = bands[row["relation"]]
            xs.append(a + (b - a) * (w / n))
    used = set(frame.loc[frame["first"].isna(), "relation"])
    shading = [
        {"x0": a, "x1": b, "label": f"{BAND_LABELS[r].lower()}, no date"}
        for r, (a, b) in bands.items()
        if r in used and r != "present"
    ]
    return xs, {"type": "date", "showgrid": True, "gridcolor": "#f1f3f5"}, shading


def timeline_figure(
    frame: pd.DataFrame, published: date | None, lane: str = "speaker", selected: str | None = None
) -> go.Figure:
    """Claims on their dates or in bands, a lane per speaker (or source type)."""
    fig = go.Figure()
    xs, axis, shading = _positions(frame, published, lane)
    frame = frame.assign(x=xs)
    for band in shading:
        fig.add_vrect(
            x0=band["x0"],
            x1=band["x1"],
            fillcolor="#e9ecef",
            opacity=0.45,
            line_width=0,
            layer="below",
            annotation_text=band["label"],
            annotation_position="top left",
            annotation_font={"size": 10, "color": "#868e96"},
        )

    def markers(group: pd.DataFrame, colour: str, **style) -> go.Scatter:
        return go.Scatter(
            x=group["x"],
            y=group[lane].map(html.escape),  # tick labels read plotly's HTML subset
            mode="markers",
            customdata=group["id"],
            marker={
                "size": 14,
                "color": colour,
                "symbol": [CERTAINTY_SYMBOL[c] for c in group["certainty"]],
                "line": {"width": 2, "color": colour},
            }
            | style,
            hovertext=[
                f"<b>{html.escape(s)}</b> · {html.escape(w)} · certainty {c}<br>{_wrap(t)}"
                f"<br><i>{_wrap('When: ' + why)}</i>"
                for s, w, c, t, why in zip(
                    group["speaker"],
                    group["when"],
                    group["certainty"],
                    group["claim"],
                    group["basis"],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )

    for source_type, group in frame.groupby("source_type", sort=False):
        colour = TYPE_COLOURS.get(str(source_type), "#adb5bd")
        fig.add_trace(markers(group, colour).update(name=str(source_type)))
    chosen = frame[frame["id"] == selected]
    if len(chosen):
        # drawn over its lane as its own trace, so the legend keeps the plain marker of each type
        colour = TYPE_COLOURS.get(str(chosen.iloc[0]["source_type"]), "#adb5bd")
        ring = markers(chosen, colour, size=20, line={"width": 3, "color": SELECTED})
        fig.add_trace(ring.update(showlegend=False, name="selected"))
    dated = frame.dropna(subset=["first"]) if axis.get("type") == "date" else frame.iloc[0:0]
    for _, row in dated.iterrows():  # a range's days, on a date axis only (bands have no days)
        if row["last"] != row["first"]:
            fig.add_shape(
                type="line",
                x0=row["first"],
                x1=row["last"],
                y0=html.escape(row[lane]),
                y1=html.escape(row[lane]),
                line={"color": TYPE_COLOURS.get(row["source_type"], "#adb5bd"), "width": 3},
                opacity=0.35,
                layer="below",
            )
    if axis.get("type") == "date" and published is not None:
        fig.add_vline(x=published.isoformat(), line_width=2, line_dash="dot", line_color="#495057")
        fig.add_annotation(
            x=published.isoformat(),
            y=1.02,
            yref="paper",
            text="published",
            showarrow=False,
            font={"size": 11, "color": "#495057"},
        )
    else:
        for i in range(1, len(RELATIONS)):
            fig.add_vline(x=i - 0.5, line_width=1, line_color="#dee2e6")
    fig.update_layout(
        height=max(340, 110 + 44 * frame[lane].nunique()),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis=axis,
        yaxis={"title": None, "automargin": True, "type": "category"},
        legend={"orientation": "h", "y": 1.12, "title": None},
        plot_bgcolor="#fbfbfc",
    )
    return fig


def claim_details(doc: ProcessedArticle, claim_id: str, app_root: str = "/") -> str | None:
    """The claim in its sentence, who makes it, how its time and certainty were decided (escaped)."""
    from urllib.parse import urlencode

    claim = doc.claim(claim_id)
    if claim is None:
        return None
    e = html.escape
    voice = doc.voice(claim.speaker)
    sent = doc.sentence_at(claim.start)
    text = doc.article.text
    s0, s1 = min(sent.start, claim.start), max(sent.end, claim.end)
    href = e(app_root.rstrip("/") + "/?" + urlencode({"article": doc.article.id, "item": claim.id}))
    who = f"{e(voice.name)} ({e(voice.source_type)})" if voice else "the article itself"
    when = e(claim.time.value or BAND_LABELS[claim.time.relation])
    hedges = f" · hedged by {e(', '.join(claim.hedges))}" if claim.hedges else ""
    timex = doc.time(claim.time.timex)
    reading = (
        f"“{e(timex.text)}” reads as TIMEX3 {e(timex.type)} {e(timex.value or 'unknown')}"
        f"{' (' + e(timex.mod) + ')' if timex.mod else ''}; "
        if timex
        else ""
    )
    return (
        "<div style='font-family:sans-serif;line-height:1.55'>"
        f"<div><b>Claim by {who}</b> · {e(claim.time.relation)} · {when} · "
        f"certainty {e(claim.certainty)}{hedges}</div>"
        "<p style='margin:.5em 0;padding-left:.7em;border-left:3px solid #9775fa'>"
        f"{e(text[s0 : claim.start])}"
        f"<mark style='background:#f3f0ff'>{e(claim.text)}</mark>{e(text[claim.end : s1])}</p>"
        f"<div style='color:#868e96;font-size:.88rem'>time: {reading}"
        f"{e(claim.time.basis or 'no time words')}</div>"
        f"<a href='{href}' target='_self'>Read it in the article ↗</a></div>"
    )
