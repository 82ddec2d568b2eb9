"""Exports of a processed article: the JSON document, a flat CSV of every item, GeoJSON of its places.

An export is of the article as corrected (``lib.corrections``); the JSON and CSV list every
correction with the value it replaced, so the original reading travels with the corrected one.
"""

from __future__ import annotations

import csv
import io
import json

from lib.contract import ProcessedArticle

FORMATS = ("json", "csv", "geojson")
CSV_COLUMNS = [
    "item",
    "id",
    "parent",
    "text",
    "start",
    "end",
    "kind",
    "speaker",
    "source_type",
    "affiliation",
    "literal",
    "lat",
    "lon",
    "country_code",
    "relation",
    "time_value",
    "time",
    "certainty",
    "hedges",
    "original",
    "corrected",
    "by",
    "at",
    "status",
]


def to_json(doc: ProcessedArticle) -> str:
    return doc.to_json(indent=2)


def _csv_rows(doc: ProcessedArticle):
    names = {v.id: v.name for v in doc.voices}
    for p in doc.places:
        yield {
            "item": "place",
            "id": p.id,
            "text": p.name,
            "kind": p.kind,
            "lat": p.lat,
            "lon": p.lon,
            "country_code": p.country_code,
            "literal": p.literal,
        }
        for m in p.mentions:
            yield {
                "item": "place mention",
                "parent": p.id,
                "text": m.surface,
                "start": m.start,
                "end": m.end,
                "kind": "adjective" if m.adjectival else "in a name" if m.in_name else "name",
                "literal": m.literal,
            }
    for v in doc.voices:
        yield {
            "item": "voice",
            "id": v.id,
            "text": v.name,
            "kind": v.role,
            "source_type": v.source_type,
            "affiliation": v.affiliation,
        }
        for q in v.quotes:
            yield {
                "item": "quote",
                "parent": v.id,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                "speaker": v.name,
            }
    for t in doc.times:
        yield {
            "item": "time",
            "id": t.id,
            "text": t.text,
            "start": t.start,
            "end": t.end,
            "kind": f"{t.type} {t.mod}" if t.mod else t.type,
            "time_value": t.value,
        }
    for c in doc.claims:
        yield {
            "item": "claim",
            "id": c.id,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "speaker": names.get(c.speaker or "", "the article"),
            "relation": c.time.relation,
            "time_value": c.time.value,
            "time": c.time.timex,
            "certainty": c.certainty,
            "hedges": "; ".join(c.hedges),
        }
    for r in doc.corrections:
        yield {
            "item": f"correction of {r.target}",
            "id": r.id,
            "parent": r.item,
            "text": r.text,
            "start": r.start,
            "end": r.end,
            "kind": r.field,
            "original": json.dumps(r.before, ensure_ascii=False),
            "corrected": json.dumps(r.after, ensure_ascii=False),
            "by": r.author,
            "at": r.at.isoformat(),
            "status": r.status,
        }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula (OWASP, CSV injection)."""


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as written: text that would start a formula (``=HYPERLINK(...)``,
    ``+1+1 officials``) gets a leading single quote; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(doc: ProcessedArticle) -> str:
    """One row per item (place, mention, voice, quote, time, claim), the same columns for all; a
    claim names its time expression in ``time``. Items show their corrected values, and each
    correction is a row of its own with the value before it (``original``) and after."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in _csv_rows(doc):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def to_geojson(doc: ProcessedArticle) -> str:
    """Places that have coordinates, as an RFC 7946 FeatureCollection (longitude first). The article it
    came from is a foreign member named ``article``: a collection must not have ``properties``."""
    features = []
    for p in doc.places:
        if p.lat is None or p.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "name": p.name,
                    "kind": p.kind,
                    "geonameid": p.geonameid,
                    "country_code": p.country_code,
                    "mentions": len(p.mentions),
                    "adjective_mentions": sum(m.adjectival for m in p.mentions),
                    "mentions_in_names": sum(m.in_name is not None for m in p.mentions),
                    "named": p.named,
                    "literal": p.literal,
                    "confidence": p.confidence,
                    "sentences": [doc.sentence_text(m.start) for m in p.mentions],
                },
            }
        )
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": features,
            "article": {"id": doc.article.id, "title": doc.article.title},
        },
        ensure_ascii=False,
        indent=2,
    )


def export(doc: ProcessedArticle, fmt: str) -> str:
    return {"json": to_json, "csv": to_csv, "geojson": to_geojson}[fmt](doc)
