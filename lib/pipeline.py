"""``process``: an article in, a validated processed-article document out, in one spaCy pass."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

from spacy.tokens import Doc

import lib
from lib.claims import extract_claims
from lib.contract import ArticleInfo, PipelineInfo, ProcessedArticle, Span, load_document
from lib.geo.gazetteer import get_gazetteer
from lib.ingest import RawArticle, read_article
from lib.nlp import get_nlp, model_version
from lib.places import extract_places
from lib.voices import extract_voices


def pipeline_info() -> PipelineInfo:
    return PipelineInfo(code=lib.__version__, model=model_version(), gazetteer=get_gazetteer().version())


def process(
    article: RawArticle | str | bytes,
    *,
    title: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
    filename: str | None = None,
) -> ProcessedArticle:
    """Run ingest (unless given a ``RawArticle``), one parse, then places, voices and claims."""
    raw = (
        article
        if isinstance(article, RawArticle)
        else read_article(article, filename=filename, title=title, published=published, source=source)
    )
    return assemble(raw, get_nlp()(raw.text))


def process_many(
    raws: Iterable[RawArticle], *, workers: int = 1, batch_size: int = 16
) -> Iterator[ProcessedArticle]:
    """Many articles, each yielded as soon as it is done, so a caller can store it before the next
    and an interrupted run keeps everything finished so far. Texts go through ``nlp.pipe`` in
    batches; with several workers each worker process parses and analyses whole batches, so the
    stages scale with the cores as well as the parse."""
    if workers <= 1:
        docs = get_nlp().pipe(((r.text, r) for r in raws), as_tuples=True, batch_size=batch_size)
        for doc, raw in docs:
            yield assemble(raw, doc)
        return
    import multiprocessing

    get_nlp(), get_gazetteer()  # loaded once here, shared with the forked workers
    with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start) as pool:
        # Small tasks keep both cores busy to the end; each is still one nlp.pipe call.
        for batch in pool.imap_unordered(_worker_batch, _batches(raws, max(1, min(batch_size, 4)))):
            yield from (load_document(text) for text in batch)


def _batches(raws: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    batch: list[RawArticle] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_start() -> None:
    """A forked worker opens its own gazetteer connection (SQLite handles must not cross a fork)."""
    get_gazetteer().reopen()


def _worker_batch(batch: list[RawArticle]) -> list[str]:
    docs = get_nlp().pipe(((r.text, r) for r in batch), as_tuples=True, batch_size=len(batch))
    return [assemble(raw, doc).to_json() for doc, raw in docs]


def assemble(raw: RawArticle, doc: Doc) -> ProcessedArticle:
    """The stages on one parsed article, and the document that holds their results."""
    places = extract_places(doc)
    voices = extract_voices(doc, places)
    claims = extract_claims(doc, voices, places, raw.published)
    info = ArticleInfo(
        id=raw.id,
        title=raw.title,
        source=raw.source,
        published=raw.published,
        text=raw.text,
        processed_at=datetime.now(UTC).replace(microsecond=0),
        pipeline=pipeline_info(),
        warnings=[] if raw.published else ["No publication date: times are shown relative to the text only."],
    )
    sentences = [Span(start=s.start_char, end=s.end_char) for s in _trimmed_sents(doc)]
    return ProcessedArticle(article=info, places=places, voices=voices, claims=claims, sentences=sentences)


def _trimmed_sents(doc):
    """Sentences without the whitespace tokens spaCy attaches to them at paragraph breaks."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            yield doc[tokens[0].i : tokens[-1].i + 1]


def clear_caches() -> None:
    """Forget the per-name and per-expression caches, so that a benchmark run is a first run."""
    from lib.claims.timex import _value

    get_gazetteer().fuzzy.cache_clear()
    _value.cache_clear()
