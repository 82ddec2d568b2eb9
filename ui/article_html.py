"""The article text as HTML with every place, voice, quote, time and claim highlighted.

Pure function of a processed article (no Streamlit), so it is tested directly. The article is untrusted:
every character of it, and of every label built from it, goes through ``html.escape``; the only markup
in the output is the markup written here.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from itertools import pairwise
from urllib.parse import urlencode

from lib.contract import ProcessedArticle

LAYERS = ("places", "voices", "quotes", "times", "claims")
KIND_LABELS = {
    "direct": "Direct quote",
    "partial": "Partial quote",
    "indirect": "Paraphrase",
    "stance": "Position",
}
LAYER_LABELS = {layer: layer.capitalize() for layer in LAYERS}
_ORDER = {"claims": 0, "quotes": 1, "voices": 2, "places": 2, "times": 2}

CSS = """
<style>
.al-article{font-family:Georgia,'DejaVu Serif',serif;font-size:1.06rem;line-height:1.85;
  white-space:pre-wrap;color:#1f2328;max-width:52rem}
.al-article a.al-link{color:inherit;text-decoration:none}
.al-article a.al-link:hover{filter:brightness(.92)}
.al-claim{border-bottom:2px solid transparent}
.al-claim.al-past{border-bottom-color:#adb5bd}
.al-claim.al-present{border-bottom-color:#4dabf7}
.al-claim.al-future{border-bottom-color:#9775fa}
.al-claim.al-unknown{border-bottom-color:#dee2e6}
.al-claim.al-low{border-bottom-style:dotted}
.al-claim.al-medium{border-bottom-style:dashed}
.al-quote{background:#fff3bf;border-radius:2px}
.al-quote.al-indirect{background:#edf2ff}
.al-voice{font-weight:600;color:#1c4e80}
.al-place{background:#d3f9d8;border-radius:4px;padding:0 2px}
.al-place.al-metonymic{background:transparent;outline:1.5px dashed #2b8a3e;outline-offset:-1px}
.al-place.al-adjective{background:transparent;border-bottom:2px solid #8ce99a;border-radius:0}
.al-time{color:#5f3dc4;text-decoration:underline dotted #9775fa;text-underline-offset:3px}
.al-focus{box-shadow:0 0 0 2px #e8590c;border-radius:3px}
.al-legend{display:flex;flex-wrap:wrap;gap:.4rem 1.1rem;font-size:.85rem;color:#495057;margin:.2rem 0 1rem}
.al-legend span.al-key{padding:0 4px}
</style>
"""

LEGEND = [
    ("al-place", "Place"),
    ("al-place al-metonymic", "Place used for its government (“Beijing said”)"),
    ("al-place al-adjective", "Adjective of a place or place in a name (“Syrian”, “Bank of England”)"),
    ("al-voice", "Voice"),
    ("al-quote", "Direct quote"),
    ("al-quote al-indirect", "Paraphrase"),
    ("al-time", "Time"),
    ("al-claim al-past", "Claim: past"),
    ("al-claim al-present", "present"),
    ("al-claim al-future", "future"),
    ("al-claim al-future al-low", "hedged (dotted)"),
]


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    layer: str
    classes: str
    tip: str
    item: str | None = None


def _marks(doc: ProcessedArticle, layers: set[str]) -> list[Mark]:
    marks: list[Mark] = []
    names = {v.id: v.name for v in doc.voices}
    if "places" in layers:
        for p in doc.places:
            where = ", ".join(x for x in (p.admin1, p.country_code) if x)
            for m in p.mentions:
                kind = p.kind if m.literal else f"{p.kind}, standing for its government or institutions"
                kind = f"adjective of this {p.kind}" if m.adjectival else kind
                kind = f"this {p.kind}, in the name “{m.in_name}”" if m.in_name else kind
                tip = f"Place: {p.name} ({kind})" + (f" · {where}" if where else "")
                if m.why:
                    tip += f"\n{m.why}"
                style = "al-adjective" if m.associative else "" if m.literal else "al-metonymic"
                cls = f"al-place {style}".strip()
                marks.append(Mark(m.start, m.end, "places", cls, tip, p.id))
    if "voices" in layers:
        for v in doc.voices:
            role = f", {v.role}" if v.role else ""
            for vm in v.mentions:
                tip = f"Voice: {v.name}{role} · {v.source_type}"
                marks.append(Mark(vm.start, vm.end, "voices", "al-voice", tip, v.id))
    if "quotes" in layers:
        for v in doc.voices:
            for i, q in enumerate(v.quotes, 1):
                via = f" via {names.get(q.via, q.via)}" if q.via else ""
                cue = f" (cue: “{q.cue}”)" if q.cue else ""
                tip = f"{KIND_LABELS[q.kind]} of {v.name}{via}{cue}"
                cls = "al-quote al-indirect" if q.kind in ("indirect", "stance") else "al-quote"
                for piece in q.parts or [q]:  # an interrupted quote: its quoted pieces, not the cue between
                    marks.append(Mark(piece.start, piece.end, "quotes", cls, tip, f"{v.id}.q{i}"))
    if "times" in layers:
        for t in doc.times:
            mod = f" ({t.mod.lower().replace('_', ' ')})" if t.mod else ""
            tip = f"Time: {t.type} {t.value or 'not read'}{mod}\n{t.basis}".strip()
            marks.append(Mark(t.start, t.end, "times", "al-time", tip, t.id))
    if "claims" in layers:
        for c in doc.claims:
            who = names.get(c.speaker or "", "the article itself")
            hedges = f" · hedged by {', '.join(c.hedges)}" if c.hedges else ""
            when = f" · {c.time.expression}" if c.time.expression else ""
            tip = f"Claim by {who}: {c.time.relation}{when} · certainty {c.certainty}{hedges}"
            cls = f"al-claim al-{c.time.relation} al-{c.certainty}"
            marks.append(Mark(c.start, c.end, "claims", cls, tip, c.id))
    return marks


def _link(article_id: str, item: str) -> str:
    return "?" + urlencode({"article": article_id, "item": item})


def render_article(doc: ProcessedArticle, layers: set[str] | None = None, focus: str | None = None) -> str:
    """The highlighted text. Overlaps are split into segments so the markup always nests properly."""
    text = doc.article.text
    marks = _marks(doc, set(LAYERS) if layers is None else layers)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = [CSS, '<div class="al-article">']
    for a, b in pairwise(cuts):
        active = sorted((m for m in marks if m.start <= a and m.end >= b), key=lambda m: _ORDER[m.layer])
        piece = html.escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        link_mark = next((m for m in reversed(active) if m.layer != "claims"), None)
        opened = []
        for m in active:
            focus_cls = " al-focus" if focus and m.item == focus else ""
            attrs = f'class="{m.classes}{focus_cls}" title="{html.escape(m.tip, quote=True)}"'
            if m is link_mark and m.item:
                href = html.escape(_link(doc.article.id, m.item), quote=True)
                out.append(f'<a class="al-link" href="{href}" target="_self"><span {attrs}>')
                opened.append("</span></a>")
            else:
                out.append(f"<span {attrs}>")
                opened.append("</span>")
        out.append(piece)
        out.extend(reversed(opened))
    out.append("</div>")
    return "".join(out)


def render_legend(layers: set[str] | None = None) -> str:
    shown = set(LAYERS) if layers is None else layers
    wanted = {
        "al-place": "places",
        "al-voice": "voices",
        "al-quote": "quotes",
        "al-time": "times",
        "al-claim": "claims",
    }
    keys = [
        f'<span><span class="al-key {cls}">{html.escape(label)}</span></span>'
        for cls, label in LEGEND
        if wanted[cls.split()[0]] in shown
    ]
    return CSS + '<div class="al-legend">' + "".join(keys) + "</div>"


def describe_item(doc: ProcessedArticle, item: str | None) -> str | None:
    """What a clicked highlight is and why, as escaped HTML; None for an unknown item id."""
    if not item:
        return None
    e = html.escape
    names = {v.id: v.name for v in doc.voices}
    voice_id, _, quote_no = item.partition(".q")
    place = doc.place(item)
    voice = doc.voice(voice_id)
    claim = doc.claim(item)
    time = doc.time(item)
    if place is not None:
        where = ", ".join(x for x in (place.admin1, place.country_code) if x)
        head = f"<b>Place: {e(place.name)}</b> ({e(place.kind)}{', ' + e(where) if where else ''})"
        lines = [e(w) for w in place.why]
        lines += [f"“{e(m.surface)}”: {e(m.why)}" for m in place.mentions if not m.literal and m.why]
    elif voice is not None and quote_no.isdigit() and 0 < int(quote_no) <= len(voice.quotes):
        q = voice.quotes[int(quote_no) - 1]
        via = f" via {e(names.get(q.via, ''))}" if q.via else ""
        head = f"<b>{e(KIND_LABELS[q.kind])} of {e(voice.name)}</b>{via}"
        lines = [
            f"“{e(q.text)}”",
            f"reporting cue: {e(q.cue)}" if q.cue else "no reporting cue in the sentence",
        ]
    elif voice is not None:
        head = f"<b>Voice: {e(voice.name)}</b> ({e(voice.source_type)})"
        lines = [e(x) for x in (voice.role, voice.affiliation) if x] + [e(w) for w in voice.why]
    elif claim is not None:
        who = names.get(claim.speaker or "", "the article itself")
        head = f"<b>Claim by {e(who)}</b>: {e(claim.time.relation)}, certainty {e(claim.certainty)}"
        lines = [f"“{e(claim.text)}”"]
        if claim.time.expression:
            lines.append(f"time: “{e(claim.time.expression)}” → {e(claim.time.value or 'no date')}")
        if claim.hedges:
            lines.append("hedged by: " + e(", ".join(claim.hedges)))
    elif time is not None:
        mod = f", {e(time.mod.lower().replace('_', ' '))}" if time.mod else ""
        head = f"<b>Time: “{e(time.text)}”</b> ({e(time.type)} {e(time.value or 'not read')}{mod})"
        days = f"{time.first} to {time.last}" if time.first != time.last else str(time.first)
        dated = doc.claims_dated_by(time.id)
        lines = [
            e(time.basis),
            f"covers {e(days)}" if time.first else "",
            f"dates {len(dated)} claim{'s' * (len(dated) != 1)}" if dated else "dates no claim",
        ]
    else:
        return None
    items = "".join(f"<li>{line}</li>" for line in lines if line)
    body = f"{head}<ul style='margin:.3em 0'>{items}</ul>"
    return f"<div style='font-family:sans-serif;line-height:1.5'>{body}</div>"
