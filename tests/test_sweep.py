"""The robustness sweep inside ``make test``: the committed real articles and 300 distinct mixes of their
paragraphs go through the whole pipeline; every one must come out as a valid document that survives
both stores. (``bench/sweep.py`` runs the same checks over thousands of local articles and times them.)"""

from __future__ import annotations

import pytest

from lib.contract import ProcessedArticle, load_document
from lib.ingest import read_article
from lib.pipeline import Failed, process_many
from tests.conftest import DATA
from tests.corpus import distinct_articles

MIXES = 300


@pytest.fixture(scope="module")
def swept(tmp_path_factory) -> list[ProcessedArticle | Failed]:
    folder = tmp_path_factory.mktemp("sweep")
    paths = sorted((DATA / "articles").glob("*.txt")) + distinct_articles(folder, range(MIXES), seed=3)
    raws = [read_article(p.read_bytes(), filename=p.name) for p in paths]
    return list(process_many(raws, batch_size=16))


def test_every_article_is_analysed_without_a_failure(swept):
    failed = [(r.raw.title, r.stage, r.error) for r in swept if isinstance(r, Failed)]
    assert len(swept) >= MIXES + 20 and not failed, failed


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
