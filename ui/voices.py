"""The Voices page's pieces: voices grouped by source type, charts of who is heard, one card per
voice (pure builders, no Streamlit). Every piece of article text is escaped."""

from __future__ import annotations

import html
from urllib.parse import urlencode

import plotly.graph_objects as go

from lib.contract import SOURCE_TYPES, ProcessedArticle, Voice
from lib.voices.balance import Balance
from lib.voices.taxonomy import IDENTITY_MEANING, SOURCE_TYPE_MEANING
from ui.timeline import TYPE_COLOURS

SORTS = {"type": "By type", "quotes": "Most quoted", "order": "In order"}
TYPE_LABELS = {t: t.capitalize() for t in SOURCE_TYPES} | {"article": "The article itself (unattributed)"}


def taxonomy_markdown() -> str:
    """The source types and identities as the help of the Voices page shows them."""
    types = "\n".join(f"- **{TYPE_LABELS[t]}**: {m}" for t, m in SOURCE_TYPE_MEANING.items())
    identities = "\n".join(f"- **{i.capitalize()}**: {m}" for i, m in IDENTITY_MEANING.items())
    return (
        f"A source type says what a source is; its identity, how the article presents it. An unnamed "
        f"official is still government.\n\n{types}\n\n**Identity**\n\n{identities}"
    )


def speaking(doc: ProcessedArticle, types: list[str] | None = None) -> list[Voice]:
    """Voices with at least one quote, and the intermediaries others are quoted through
    ("as reported by Reuters"), optionally only some source types."""
    relays = {q.via for v in doc.voices for q in v.quotes if q.via}
    return [v for v in doc.voices if (v.quotes or v.id in relays) and (not types or v.source_type in types)]


def _first(voice: Voice) -> int:
    return voice.quotes[0].start if voice.quotes else (voice.mentions[0].start if voice.mentions else 0)


def grouped(voices: list[Voice], sort: str = "type") -> list[tuple[str, list[Voice]]]:
    """Groups to draw: one per source type in the taxonomy's order (most quoted first inside a
    type), or a single group sorted by quotes or by first appearance."""
    if sort == "quotes":
        return [("", sorted(voices, key=lambda v: (-len(v.quotes), _first(v))))]
    if sort == "order":
        return [("", sorted(voices, key=_first))]
    groups = []
    for t in SOURCE_TYPES:
        members = sorted((v for v in voices if v.source_type == t), key=lambda v: (-len(v.quotes), _first(v)))
        if members:
            groups.append((t, members))
    return groups


def balance_chart(b: Balance) -> go.Figure:
    """Quotes by source type and quoted words by affiliation, side by side."""
    from plotly.subplots import make_subplots

    titles = ("Quotes by source type", "Quoted words by affiliation")
    fig = make_subplots(rows=1, cols=2, subplot_titles=titles, horizontal_spacing=0.22)
    types = b.quotes_by_type.most_common()
    fig.add_trace(
        go.Bar(
            y=[TYPE_LABELS.get(t, t) for t, _ in types],
            x=[n for _, n in types],
            orientation="h",
            marker_color=[TYPE_COLOURS.get(t, "#adb5bd") for t, _ in types],
            hovertemplate="%{y}: %{x}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    sides = b.words_by_affiliation.most_common()
    fig.add_trace(
        go.Bar(
            y=[html.escape(s) for s, _ in sides],
            x=[n for _, n in sides],
            orientation="h",
            marker_color="#495057",
            hovertemplate="%{y}: %{x} words<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_layout(
        height=90 + 34 * max(len(types), len(sides), 2),
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 36, "b": 10},
        plot_bgcolor="#fbfbfc",
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


CARD_CSS = """<style>
.al-card{font-family:"Source Sans Pro",sans-serif;line-height:1.5;color:#212529}
.al-card .al-name{font-weight:700;font-size:1.08rem}
.al-card .al-badge{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-size:.78rem;
  margin-left:6px;vertical-align:1px}
.al-card .al-meta{color:#495057;font-size:.9rem}
.al-card .al-why{color:#868e96;font-size:.82rem}
.al-card blockquote{margin:.45em 0;padding:.1em .8em;border-left:3px solid #ffd43b;background:#fff9db}
.al-card blockquote.al-indirect{border-left-color:#91a7ff;background:#edf2ff}
.al-card .al-kind{color:#868e96;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em}
.al-card .al-identity{background:#fff;color:#495057;border:1px solid #adb5bd}
.al-card a{color:#1c4e80;text-decoration:none;font-size:.8rem;margin-left:.4em}
</style>"""


def voice_card(doc: ProcessedArticle, voice: Voice, app_root: str = "/") -> str:
    """One voice: who, what role, for whom, how it was decided, and every quote with a link to it."""
    e = html.escape
    colour = TYPE_COLOURS.get(voice.source_type, "#adb5bd")
    label = TYPE_LABELS.get(voice.source_type, voice.source_type)
    meta = " · ".join(e(x) for x in (voice.role, voice.affiliation) if x)
    via = doc.voice(voice.via)
    parts = [
        CARD_CSS,
        "<div class='al-card'>",
        f"<span class='al-name'>{e(voice.name)}</span>"
        f"<span class='al-badge' style='background:{colour}'>{e(label)}</span>",
    ]
    if voice.identity != "named":
        parts.append(
            f"<span class='al-badge al-identity' title='{e(IDENTITY_MEANING[voice.identity])}'>"
            f"{e(voice.identity)}</span>"
        )
    if via:
        meta = f"{meta} · quoted via {e(via.name)}" if meta else f"quoted via {e(via.name)}"
    if meta:
        parts.append(f"<div class='al-meta'>{meta}</div>")
    if voice.why:
        parts.append(f"<div class='al-why'>{' · '.join(e(w) for w in voice.why)}</div>")
    relayed = [(v, q) for v in doc.voices for q in v.quotes if q.via == voice.id]
    if relayed:
        speakers = sorted({v.name for v, _ in relayed})
        parts.append(
            f"<div class='al-kind'>Intermediary</div><div class='al-meta'>Relays {len(relayed)} quote"
            f"{'s' if len(relayed) != 1 else ''} of {e(', '.join(speakers))}</div>"
        )
    for title, kinds in (
        ("Quoted", ("direct", "partial")),
        ("Paraphrased", ("indirect",)),
        ("Positions", ("stance",)),
    ):
        quotes = [(i, q) for i, q in enumerate(voice.quotes, 1) if q.kind in kinds]
        if not quotes:
            continue
        parts.append(f"<div class='al-kind'>{title}</div>")
        for i, q in quotes:
            href = e(
                app_root.rstrip("/")
                + "/?"
                + urlencode({"article": doc.article.id, "item": f"{voice.id}.q{i}"})
            )
            text = f"“{e(q.text)}”" if q.kind in ("direct", "partial") else e(q.text)
            cue = f" <span class='al-why'>({e(q.cue)})</span>" if q.cue else ""
            cls = " class='al-indirect'" if q.kind in ("indirect", "stance") else ""
            link = f"<a href='{href}' target='_self'>in the article ↗</a>"
            parts.append(f"<blockquote{cls}>{text}{cue}{link}</blockquote>")
    parts.append("</div>")
    return "".join(parts)
