"""Exports a user downloads: JSON that loads back, CSV with every item, valid GeoJSON."""

import csv
import io
import json

import pytest

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


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _with_formulas(doc):
    """The sample document with text a spreadsheet would run as a formula, as an article may hold."""
    place = doc.places[0].model_copy(
        update={"name": '=HYPERLINK("http://evil.example","Harbour")', "lat": -33.9, "lon": -18.4}
    )
    voice = next(v for v in doc.voices if v.quotes)
    quote = voice.quotes[0].model_copy(update={"text": "+1+1 officials were hurt"})
    voice = voice.model_copy(update={"name": "@SUM(A1)", "quotes": [quote, *voice.quotes[1:]]})
    voices = [voice if v.id == voice.id else v for v in doc.voices]
    return doc.model_copy(update={"places": [place, *doc.places[1:]], "voices": voices})


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_cells_a_spreadsheet_would_run_start_with_a_quote(sample_doc):
    rows = list(csv.DictReader(io.StringIO(to_csv(_with_formulas(sample_doc)))))
    place = next(r for r in rows if r["item"] == "place")
    assert place["text"] == '\'=HYPERLINK("http://evil.example","Harbour")'
    assert (float(place["lat"]), float(place["lon"])) == (-33.9, -18.4)  # numbers stay numbers
    quotes = [r for r in rows if r["item"] == "quote" and r["speaker"] == "'@SUM(A1)"]
    assert quotes[0]["text"] == "'+1+1 officials were hurt"
    assert next(r for r in rows if r["item"] == "voice" and r["text"].endswith("SUM(A1)"))["text"][0] == "'"
    for row in rows:
        for cell in row.values():
            assert _is_number(cell) or not cell.startswith(FORMULA_START), cell


def test_geojson_is_a_valid_rfc7946_feature_collection(sample_doc):
    def refuse(constant):
        pytest.fail(f"{constant} is not valid JSON")

    data = json.loads(to_geojson(_with_formulas(sample_doc)), parse_constant=refuse)
    assert data["type"] == "FeatureCollection"
    assert not {"properties", "geometry", "coordinates", "geometries"} & data.keys()
    assert data["article"]["id"] == sample_doc.article.id
    assert data["features"]
    for feature in data["features"]:
        assert {"type", "geometry", "properties"} <= feature.keys()
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert isinstance(feature["id"], str | int)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
