"""``process``: an article in, a validated processed-article document out, in one spaCy pass."""

from __future__ import annotations

from datetime import UTC, date, datetime

import lib
from lib.claims import extract_claims
from lib.contract import ArticleInfo, PipelineInfo, ProcessedArticle, Span
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
    doc = get_nlp()(raw.text)
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
