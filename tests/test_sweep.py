"""The robustness sweep inside ``make test``: a fixed sample of 300 of the committed Wikinews corpus
(``tests/data/wikinews.jsonl.gz``), the annotated articles and 50 mixes of their paragraphs go through
the whole pipeline; every one must come out as a valid document that survives both stores.
(``make sweep`` runs the same checks over the whole corpus and times them.)"""

from __future__ import annotations

import functools
import gzip
import json
import random

import pytest

from lib.contract import ProcessedArticle, load_document
from lib.ingest import read_article
from lib.pipeline import Failed, process_many
from tests.conftest import DATA
from tests.corpus import distinct_articles

SAMPLE = 300
MIXES = 50


@functools.cache
def corpus() -> list[dict]:
    """The committed corpus, read once for the tests below."""
    with gzip.open(DATA / "wikinews.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def corpus_sample(n: int, seed: int = 7) -> list[dict]:
    """The same ``n`` articles of the committed corpus every run."""
    return random.Random(seed).sample(corpus(), n)


@pytest.fixture(scope="module")
def swept(tmp_path_factory) -> list[ProcessedArticle | Failed]:
    folder = tmp_path_factory.mktemp("sweep")
    paths = sorted((DATA / "articles").glob("*.txt")) + distinct_articles(folder, range(MIXES), seed=3)
    raws = [read_article(p.read_bytes(), filename=p.name) for p in paths]
    raws += [
        read_article(a["text"], title=a["title"], published=a["published"]) for a in corpus_sample(SAMPLE)
    ]
    return list(process_many(raws, batch_size=16))


def test_the_committed_corpus_is_large_and_attributed():
    rows = corpus()
    assert len(rows) >= 2000
    assert all(r["licence"].startswith("CC BY") and r["source"] and r["url"] and r["text"] for r in rows)


def test_every_article_is_analysed_without_a_failure(swept):
    failed = [(r.raw.title, r.stage, r.error) for r in swept if isinstance(r, Failed)]
    assert len(swept) >= SAMPLE + MIXES + 20 and not failed, failed


def test_every_document_is_whole_and_consistent(swept):
    for doc in swept:
        assert isinstance(doc, ProcessedArticle)
        assert load_document(doc.to_json()) == doc  # validates every span against the text
        voices = {v.id for v in doc.voices}
        assert all(c.speaker is None or c.speaker in voices for c in doc.claims), doc.article.title
        assert all(q.via is None or q.via in voices for v in doc.voices for q in v.quotes)
        places = {p.id for p in doc.places}
        assert all(set(c.places) <= places for c in doc.claims)


def test_every_document_round_trips_through_the_store(swept, store):
    docs = [d for d in swept if isinstance(d, ProcessedArticle)]
    for doc in docs:
        store.add(doc)
    assert store.count() == len({d.article.id for d in docs})
    for doc in docs:
        assert store.get(doc.article.id) == doc
