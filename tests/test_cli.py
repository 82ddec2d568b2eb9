"""The command line, run as a user runs it: ``python -m lib ...`` in a subprocess."""

import csv
import io
import json

import pytest

from lib.contract import SCHEMA_VERSION, load_document
from tests.conftest import article_text, lens


def test_process_json_prints_a_valid_document_and_stores_it(sample_path, tmp_path):
    run = lens("process", str(sample_path), "--json", LENS_DATA_DIR=str(tmp_path))
    assert run.returncode == 0, run.stderr
    doc = load_document(run.stdout)
    assert doc.schema_version == SCHEMA_VERSION and doc.times
    assert doc.places and doc.claims

    listing = lens("list", LENS_DATA_DIR=str(tmp_path))
    assert doc.article.id in listing.stdout

    shown = lens("show", doc.article.id, LENS_DATA_DIR=str(tmp_path))
    assert shown.returncode == 0
    assert doc.article.title[:40] in shown.stdout
    assert "Places" in shown.stdout and "Claims" in shown.stdout

    geo = lens("export", doc.article.id, "--format", "geojson", LENS_DATA_DIR=str(tmp_path))
    assert json.loads(geo.stdout)["type"] == "FeatureCollection"
    out = tmp_path / "a.csv"
    exported = lens("export", doc.article.id, "--format", "csv", "-o", str(out), LENS_DATA_DIR=str(tmp_path))
    assert exported.returncode == 0
    assert list(csv.DictReader(io.StringIO(out.read_text())))

    assert lens("delete", doc.article.id, LENS_DATA_DIR=str(tmp_path)).returncode == 0
    assert doc.article.id not in lens("list", LENS_DATA_DIR=str(tmp_path)).stdout


def test_several_files_with_metadata_and_one_bad_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(article_text(60, "the bridge"))
    other = tmp_path / "other.md"
    other.write_text("# Bridge reopens\n\n" + article_text(60, "the tunnel"))
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    run = lens(
        "process", str(good), str(empty), str(other), "--published", "2024-05-01", LENS_DATA_DIR=str(tmp_path)
    )
    assert run.returncode == 1
    assert "empty.txt: The file is empty." in run.stderr
    assert "Traceback" not in run.stderr
    listing = lens("list", LENS_DATA_DIR=str(tmp_path)).stdout
    assert "Bridge reopens" in listing
    assert listing.count("2024-05-01") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "../../etc/passwd"), "no stored article"),
        (("delete", "deadbeefdeadbeef"), "no stored article"),
        (("export", "x" * 300, "--format", "json"), "no stored article"),
        (("process", "/nonexistent/file.txt"), "no such file"),
        (("process", "samples/any.txt", "--published", "someday"), "not a date"),
    ],
)
def test_bad_input_exits_non_zero_with_one_clear_line(args, message, tmp_path):
    run = lens(*args, LENS_DATA_DIR=str(tmp_path))
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert message in lines[0]


def test_binary_and_huge_files_are_refused(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"news " * (20 * 1024 * 1024 // 5))
    run = lens("process", str(binary), str(huge), LENS_DATA_DIR=str(tmp_path))
    assert run.returncode == 1
    assert "binary" in run.stderr and "too large" in run.stderr
    assert "No articles stored" in lens("list", LENS_DATA_DIR=str(tmp_path)).stdout
