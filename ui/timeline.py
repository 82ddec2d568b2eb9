"""The claims of an article as a table and a plotly timeline (pure builders, no Streamlit)."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from lib.contract import ProcessedArticle

RELATIONS = ["past", "present", "future", "unknown"]
BAND_LABELS = {
    "past": "Before publication",
    "present": "Around publication",
    "future": "After publication",
    "unknown": "Time unknown",
}
CERTAINTY_SYMBOL = {"high": "circle", "medium": "circle-open-dot", "low": "circle-open"}
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
    "anonymous": "#868e96",
    "article": "#495057",
    "unknown": "#adb5bd",
}


def claims_frame(doc: ProcessedArticle) -> pd.DataFrame:
    """One row per claim with who claims it and when, in text order."""
    voices = {v.id: v for v in doc.voices}
    rows = []
    for order, c in enumerate(doc.claims):
        v = voices.get(c.speaker or "")
        rows.append(
            {
                "id": c.id,
                "order": order,
                "claim": c.text,
                "speaker": v.name if v else "The article",
                "source_type": v.source_type if v else "article",
                "relation": c.time.relation,
                "when": c.time.value or BAND_LABELS[c.time.relation],
                "expression": c.time.expression or "",
                "certainty": c.certainty,
                "hedges": ", ".join(c.hedges),
                "start": c.start,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
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
            "start",
        ],
    )


def _wrap(text: str, width: int = 70) -> str:
    """Escaped and wrapped for a plotly hover box (plotly reads a subset of HTML in hover text)."""
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) > width:
            lines.append(line)
            line = ""
        line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(html.escape(x) for x in lines[:8]) + ("…" if len(lines) > 8 else "")


def timeline_figure(frame: pd.DataFrame, lane: str = "speaker") -> go.Figure:
    """Claims in bands before/around/after publication, one lane per speaker (or source type)."""
    fig = go.Figure()
    band_x = {r: i for i, r in enumerate(RELATIONS)}
    for source_type, group in frame.groupby("source_type", sort=False):
        jitter = group.groupby("relation").cumcount() / max(1, len(frame)) * 0.6
        fig.add_trace(
            go.Scatter(
                x=[band_x[r] - 0.3 + j for r, j in zip(group["relation"], jitter, strict=True)],
                y=group[lane],
                mode="markers",
                name=str(source_type),
                customdata=group["id"],
                marker={
                    "size": 14,
                    "color": TYPE_COLOURS.get(str(source_type), "#adb5bd"),
                    "symbol": [CERTAINTY_SYMBOL[c] for c in group["certainty"]],
                    "line": {"width": 2, "color": TYPE_COLOURS.get(str(source_type), "#adb5bd")},
                },
                hovertext=[
                    f"<b>{html.escape(s)}</b> · {html.escape(w)} · certainty {c}<br>{_wrap(t)}"
                    for s, w, c, t in zip(
                        group["speaker"], group["when"], group["certainty"], group["claim"], strict=True
                    )
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        height=max(320, 80 + 46 * frame[lane].nunique()),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={
            "tickvals": list(band_x.values()),
            "ticktext": [BAND_LABELS[r] for r in RELATIONS],
            "range": [-0.6, len(RELATIONS) - 0.4],
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={"title": None, "automargin": True},
        legend={"orientation": "h", "y": 1.08, "title": None},
        plot_bgcolor="#fbfbfc",
    )
    for i in range(1, len(RELATIONS)):
        fig.add_vline(x=i - 0.5, line_width=1, line_color="#dee2e6")
    return fig
