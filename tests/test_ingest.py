"""Ingest: every kind of input a user brings, and every kind of bad input, with a clear answer."""

import json
import os
import socket
import threading
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import pytest

from lib.cli import build_parser, expand
from lib.ingest import (
    MAX_INPUT_BYTES,
    InputError,
    article_id,
    normalise,
    parse_published,
    read_article,
    read_path,
)
from tests.conftest import article_text

BODY = article_text(80)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "latin-1"])
def test_encodings_are_detected(encoding):
    foreign = {
        "cp1251": "Мэр заявил в понедельник, что мост останется закрытым. «Ремонт займёт несколько недель», "
        "— сказал он журналистам.",
        "latin-1": "Le maire de Besançon a déclaré « être très inquiet » pour la saison d'été.",
    }
    extra = foreign.get(encoding, "The mayor’s office said — and repeated — “no comment”.")
    raw = read_article((BODY + " " + extra + " " + BODY).encode(encoding, errors="replace"))
    assert normalise(extra).replace("’", "'" if encoding == "latin-1" else "’") in raw.text


def test_html_main_text_and_metadata_are_extracted():
    html = f"""<!doctype html><html><head><title>Storm hits harbour | Daily</title>
    <meta property="og:title" content="Storm hits harbour">
    <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
    <body><nav>Home | World | Sport | Subscribe</nav><article><h1>Storm hits harbour</h1>
    <p>{BODY}</p><p>{BODY}</p><script>window.pwned = 1</script></article>
    <footer>Copyright 2024. All rights reserved. Cookie settings.</footer></body></html>"""
    raw = read_article(html.encode(), filename="story.html")
    assert raw.title == "Storm hits harbour"
    assert raw.published == date(2024, 3, 5)
    assert raw.format == "html"
    assert "pwned" not in raw.text
    assert "Subscribe" not in raw.text and "Cookie" not in raw.text
    assert raw.text.startswith("Officials said")


def test_html_without_a_date_gets_no_invented_date():
    html = f"<html><body><article><h1>Storm</h1><p>{BODY}</p></article></body></html>"
    assert read_article(html, filename="a.html").published is None


def test_markdown_heading_is_the_title_and_markup_is_dropped():
    link = "[the council](http://example.com)"
    md = f"# Storm hits harbour\n\nBy **Staff**\n\n{BODY[:200]} {link} said.\n\n{BODY}"
    raw = read_article(md.encode(), filename="story.md")
    assert raw.title == "Storm hits harbour"
    assert "**" not in raw.text and "](" not in raw.text
    assert "the council said" in raw.text


def test_plain_text_headline_line_becomes_the_title():
    raw = read_article(f"Storm hits harbour\n{BODY}")
    assert raw.title == "Storm hits harbour"
    assert raw.text.startswith("Officials said")


def test_without_a_headline_the_title_is_the_opening_words_and_the_text_is_kept():
    raw = read_article(BODY)
    assert raw.text == normalise(BODY)
    assert raw.title.startswith("Officials said")
    assert len(raw.title) <= 90


def test_user_title_and_date_win_over_the_text():
    raw = read_article(f"Storm hits harbour\n{BODY}", title="My title", published="2024-01-02")
    assert raw.title == "My title"
    assert raw.published == date(2024, 1, 2)


def test_typography_is_normalised():
    text = "«Bonjour»\u00a0said\u200b the\u2009mayor \u2015 twice\u00ad.\r\nNext\u2028line"
    assert normalise(text) == "“Bonjour” said the mayor — twice.\nNext\nline"


def test_same_article_gets_the_same_id_whatever_its_whitespace():
    assert article_id(BODY) == article_id("  " + BODY.replace(" ", "  ") + "\n")
    assert article_id(BODY) != article_id(BODY + " More.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        ("", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "binary"),
        (b"PK\x03\x04" + bytes(200) + b"word " * 50, "binary"),
        ("Too short to be news.", "too short"),
        ("1,2,3,4\n" * 300, "not look like an article"),
        (
            "Der Bürgermeister sagte am Montag, dass die Brücke gesperrt bleibt und die Reparatur "
            "mehrere Wochen dauern wird, wie die Stadtverwaltung mitteilte. " * 4,
            "English",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(data, message):
    with pytest.raises(InputError, match=message):
        read_article(data)


def test_huge_input_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"word " * (20 * 1024 * 1024 // 5))
    with pytest.raises(InputError, match="too large"):
        read_path(big)
    with pytest.raises(InputError, match="too large"):
        read_article(b"x" * (MAX_INPUT_BYTES + 1))


def test_files_that_cannot_be_read_say_why(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="broken link"):
        read_path(link)
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_path(tmp_path)
    odd = tmp_path / "slides.pptx"
    odd.write_bytes(BODY.encode())
    with pytest.raises(InputError, match="Unsupported file type"):
        read_path(odd)


def test_publication_date_must_be_a_real_past_date():
    with pytest.raises(InputError, match="not a date"):
        read_article(BODY, published="next Tuesday")
    with pytest.raises(InputError, match="future"):
        read_article(BODY, published=(date.today() + timedelta(days=30)).isoformat())


def test_hostile_markup_in_plain_text_is_kept_as_text_not_executed():
    hostile = BODY + ' <script>alert(1)</script> <img src=x onerror="alert(2)"> ' + BODY
    raw = read_article(hostile)
    assert "<script>alert(1)</script>" in raw.text  # kept literally; escaped wherever it is shown


def test_one_paragraph_per_line_becomes_blank_line_paragraphs():
    raw = read_article("\n".join([BODY[:300], BODY[:250], BODY[:200]]))
    assert raw.text.count("\n\n") == 2


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    words = BODY.split()
    lines = [" ".join(words[i : i + 11]) for i in range(0, len(words), 11)]
    raw = read_article("\n".join(lines[:5]) + "\n\n" + "\n".join(lines[5:]))
    assert raw.text.count("\n") == 2
    assert " ".join(raw.text.split()) == " ".join(BODY.split())


def _read_quickly(path) -> str:
    """read_path in a thread, so a read that blocks fails the test instead of hanging it."""
    outcome: list[BaseException | object] = []
    worker = threading.Thread(target=lambda: outcome.append(_outcome(path)), daemon=True)
    worker.start()
    worker.join(timeout=5)
    assert not worker.is_alive(), f"reading {path} hangs"
    assert isinstance(outcome[0], InputError), f"reading {path} gave {outcome[0]!r}"
    return str(outcome[0])


def _outcome(path) -> object:
    try:
        return read_path(path)
    except Exception as exc:
        return exc


def test_pipes_devices_and_sockets_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _read_quickly(fifo)
    for device in ("/dev/zero", "/dev/urandom"):
        if Path(device).exists():
            assert "not a regular file" in _read_quickly(device)
    sock_path = Path(f"/tmp/lens-{os.getpid()}.sock")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(sock_path))
        try:
            assert "not a regular file" in _read_quickly(sock_path)
        finally:
            sock_path.unlink()
    assert "folder" in _read_quickly(tmp_path)


def test_a_huge_file_is_refused_after_reading_no_more_than_the_limit(tmp_path, monkeypatch):
    huge = tmp_path / "growing.txt"
    with huge.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)  # sparse: takes no disk space
    real_stat, real_fstat = os.stat, os.fstat

    def empty(real):  # what /proc files and files still being written report
        return lambda *args, **kwargs: os.stat_result((*real(*args, **kwargs)[:6], 0, 0, 0, 0))

    monkeypatch.setattr(os, "stat", empty(real_stat))
    monkeypatch.setattr(os, "fstat", empty(real_fstat))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="too large"):
            read_path(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_INPUT_BYTES


def test_one_bad_byte_in_utf8_does_not_turn_the_article_into_mojibake():
    foreign = "Мэр заявил, что мост закрыт. Le maire de Besançon a déclaré « être très inquiet »."
    data = (BODY + " " + foreign + " ").encode() + b"\xff" + (" " + BODY).encode()
    raw = read_article(data)
    assert normalise(foreign) in raw.text
    assert "Ð" not in raw.text and "Ã" not in raw.text
    assert raw.text.count("\ufffd") == 1


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(encoding):
    text = BODY + " The mayor’s office said “no comment” in Besançon. " + BODY
    assert read_article(text.encode(encoding)).text == normalise(text)


def test_undecodable_title_and_source_are_cleaned_so_the_article_can_be_saved():
    raw = read_article(BODY, title="Storm \udcff hits", source="Daily\udcfe")
    assert raw.title == "Storm \ufffd hits"
    json.dumps({"title": raw.title, "source": raw.source}, ensure_ascii=False).encode("utf-8")
    assert read_article(BODY + "\udcff").text.encode("utf-8")


def test_publication_dates_before_1900_are_refused():
    for value in ("0001-01-01", "1899-12-31", date(1, 1, 1)):
        with pytest.raises(InputError, match="before 1900"):
            parse_published(value)
    assert parse_published("1900-01-01") == date(1900, 1, 1)
    with pytest.raises(InputError, match="not a date"):
        parse_published("10000-01-01")


@pytest.mark.parametrize("found", ["0001-01-01", "1850-06-01", "9999-12-31"])
def test_implausible_dates_in_page_metadata_are_treated_as_unknown(monkeypatch, found):
    import trafilatura

    real = trafilatura.bare_extraction

    def extraction_with_date(*args, **kwargs):
        doc = real(*args, **kwargs)
        doc.date = found
        return doc

    monkeypatch.setattr(trafilatura, "bare_extraction", extraction_with_date)
    body = article_text(80, f"the pier built in {found[:4]}")  # trafilatura drops text it has seen often
    html = f"<html><body><article><h1>Storm</h1><p>{body}</p></article></body></html>"
    assert read_article(html, filename="a.html").published is None


# The command line's file arguments and counts (lib.cli), checked before anything is read.


def _tree(root: Path) -> None:
    (root / "news").mkdir()
    for name in ("a.txt", "b.md", "c.HTML", "notes.markdown", "passwd", "image.png", "secret.env"):
        (root / "news" / name).write_text(BODY)


def test_globs_keep_only_article_files_like_folders_do(tmp_path, monkeypatch):
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path / "news")
    from_folder = expand([str(tmp_path / "news")])
    assert [p.name for p in from_folder] == ["a.txt", "b.md", "c.HTML", "notes.markdown"]
    assert [p.name for p in expand(["*"])] == [p.name for p in from_folder]
    assert expand(["../news/*"]) == [Path("../news") / p.name for p in from_folder]


def test_absolute_and_recursive_glob_patterns_work(tmp_path):
    _tree(tmp_path)
    assert expand([f"{tmp_path}/news/*.txt"]) == [tmp_path / "news" / "a.txt"]
    assert [p.name for p in expand([f"{tmp_path}/**/*.md"])] == ["b.md"]


def test_a_file_named_explicitly_is_kept_whatever_its_name(tmp_path):
    assert expand([str(tmp_path / "missing.txt")]) == [tmp_path / "missing.txt"]


@pytest.mark.parametrize("option", ["--workers", "--batch-size"])
@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_counts_below_one_or_not_whole_are_a_one_line_usage_error(capsys, option, value):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["process", "a.txt", option, value])
    assert exit_.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith("python -m lib process: error: argument")
    assert option in error and value in error
    assert "Traceback" not in capsys.readouterr().err


def test_valid_counts_are_accepted():
    args = build_parser().parse_args(["process", "a.txt", "--workers", "3", "--batch-size", "1"])
    assert (args.workers, args.batch_size) == (3, 1)
