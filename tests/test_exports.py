"""Exports a user downloads: JSON that loads back, CSV with every item, valid GeoJSON."""

import csv
import io
import json

from lib.contract import load_document
from lib.exports import to_csv, to_geojson, to_json


def test_json_export_loads_back_identically(sample_doc):
    assert load_document(to_json(sample_doc)) == sample_doc


def test_csv_has_a_row_per_item_with_offsets(sample_doc):
    rows = list(csv.DictReader(io.StringIO(to_csv(sample_doc))))
    items = [r["item"] for r in rows]
    assert items.count("place") == len(sample_doc.places)
    assert items.count("claim") == len(sample_doc.claims)
    text = sample_doc.article.text
    for r in rows:
        if r["item"] == "claim":
            assert text[int(r["start"]) : int(r["end"])] == r["text"]


def test_geojson_puts_longitude_first_and_quotes_sentences(sample_doc):
    data = json.loads(to_geojson(sample_doc))
    assert data["type"] == "FeatureCollection"
    located = [p for p in sample_doc.places if p.lat is not None]
    assert len(data["features"]) == len(located)
    for feature, place in zip(data["features"], located, strict=True):
        assert feature["geometry"]["coordinates"] == [place.lon, place.lat]
        assert feature["properties"]["sentences"]
        assert place.mentions[0].surface in feature["properties"]["sentences"][0]
