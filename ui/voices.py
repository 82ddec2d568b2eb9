"""Voices grouped by source type, as data the Voices page draws (pure, no Streamlit)."""

from __future__ import annotations

import pandas as pd

from lib.contract import SOURCE_TYPES, ProcessedArticle, Voice


def grouped(doc: ProcessedArticle) -> list[tuple[str, list[Voice]]]:
    """Voices that speak, by source type in the taxonomy's order; most quoted first within a type."""
    speaking = [v for v in doc.voices if v.quotes]
    groups = []
    for t in SOURCE_TYPES:
        members = sorted((v for v in speaking if v.source_type == t), key=lambda v: -len(v.quotes))
        if members:
            groups.append((t, members))
    return groups


def quotes_frame(doc: ProcessedArticle) -> pd.DataFrame:
    rows = [
        {
            "voice": v.name,
            "source_type": v.source_type,
            "affiliation": v.affiliation or "unknown",
            "kind": q.kind,
            "words": len(q.text.split()),
        }
        for v in doc.voices
        for q in v.quotes
    ]
    return pd.DataFrame(rows, columns=["voice", "source_type", "affiliation", "kind", "words"])
