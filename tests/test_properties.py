"""Properties of ingest and the pipeline over generated input: whatever comes in, the user gets a valid
document or one clear ``InputError``, never an exception."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.contract import ProcessedArticle, load_document
from lib.ingest import InputError, read_article
from lib.pipeline import process
from tests.conftest import DATA

PARAGRAPHS = [
    p
    for path in sorted((DATA / "articles").glob("*.txt"))
    for p in path.read_text(encoding="utf-8").split("\n\n")
    if len(p.split()) > 12
]
QUOTES = ["“", "”", '"', "‘", "’", "'", "«", "»", "„", "‹", "›", "“ ”", '" "', "‘’"]
HTML = ["<p>", "</p>", "<b>", "<script>alert(1)</script>", "<div class='x'>", "&amp;", "<br/>", "<!--", "-->"]
FAST = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
PIPELINE = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def valid_or_refused(data: str | bytes, **meta: object) -> ProcessedArticle | None:
    """The document, checked and round-tripped, or None when ingest refused the input clearly."""
    try:
        doc = process(data, **meta)  # type: ignore[arg-type]
    except InputError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        return None
    again = load_document(doc.to_json())  # validates every span against the text
    assert again == doc
    return doc


@FAST
@given(st.text())
def test_any_unicode_text_is_read_or_refused_clearly(text):
    try:
        raw = read_article(text)
    except InputError as exc:
        assert str(exc)
    else:
        assert raw.text and raw.id


@FAST
@given(st.binary(max_size=4000))
def test_any_bytes_are_read_or_refused_clearly(data):
    try:
        read_article(data)
    except InputError as exc:
        assert str(exc)


@PIPELINE
@given(st.randoms(use_true_random=False), st.lists(st.sampled_from(QUOTES), min_size=1, max_size=12))
def test_quote_marks_of_every_style_anywhere_give_a_valid_document(rng: random.Random, marks):
    words = " ".join(rng.sample(PARAGRAPHS, 2)).split(" ")
    for mark in marks:  # opening a word, closing it, or standing alone
        at = rng.randrange(len(words))
        words[at] = rng.choice([mark + words[at], words[at] + mark, f"{words[at]} {mark}"])
    valid_or_refused(" ".join(words))


@PIPELINE
@given(
    st.randoms(use_true_random=False),
    st.lists(st.sampled_from(["\n", "\n\n", "  ", "\t", "\n\n\n"]), max_size=20),
)
def test_random_paragraphs_and_whitespace_give_a_valid_document(rng: random.Random, gaps):
    pieces = rng.sample(PARAGRAPHS, 3)
    text = ""
    for piece in pieces:
        sentences = piece.split(". ")
        for sentence in sentences:
            text += sentence + (". " if not gaps else gaps.pop())
    valid_or_refused(text)


@PIPELINE
@given(st.randoms(use_true_random=False))
def test_real_articles_cut_at_a_random_sentence_give_a_valid_document(rng: random.Random):
    path = rng.choice(sorted((DATA / "articles").glob("*.txt")))
    sentences = path.read_text(encoding="utf-8").replace("\n\n", " \n\n").split(". ")
    start = rng.randrange(len(sentences))
    valid_or_refused(". ".join(sentences[start : start + rng.randint(1, 12)]))


@PIPELINE
@given(st.randoms(use_true_random=False), st.lists(st.sampled_from(HTML), min_size=1, max_size=10))
def test_html_fragments_in_text_or_a_page_give_a_valid_document(rng: random.Random, tags):
    body = " ".join(rng.sample(PARAGRAPHS, 2)).split(" ")
    for tag in tags:
        body.insert(rng.randrange(len(body) + 1), tag)
    text = " ".join(body)
    valid_or_refused(text)
    valid_or_refused(f"<html><body><article><p>{text}</p></article></body></html>", filename="page.html")
