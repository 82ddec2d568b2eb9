"""``process``: an article in, a validated processed-article document out, in one spaCy pass.

The analysis itself is the spaCy pipeline of ``lib/lens.cfg`` (``lib.nlp``); ``assemble`` turns an
analysed Doc into the contract document. A stage that fails on one article never takes the others
down: ``process_many`` yields a ``Failed`` for it and goes on; ``process`` raises a
``ProcessingError`` whose message a user can read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc, Span

import lib
from lib.components import PlacesComponent, claims_of, places_of, times_of, voices_of
from lib.contract import ArticleInfo, PipelineInfo, ProcessedArticle, load_document
from lib.contract import Span as TextSpan
from lib.geo.gazetteer import get_gazetteer
from lib.ingest import RawArticle, read_article
from lib.nlp import get_nlp, model_version


class ProcessingError(RuntimeError):
    """An article that passed ingest but could not be analysed: a bug, reported in one sentence."""

    def __init__(self, stage: str, error: str, outcome: str = "") -> None:
        said = f"The {stage} stage failed on this article ({error})."
        super().__init__(f"{said} {outcome}" if outcome else said)
        self.stage = stage
        self.error = error

    def then(self, outcome: str) -> ProcessingError:
        """The same failure, saying what became of the article (kept as failed, left unchanged)."""
        return ProcessingError(self.stage, self.error, outcome)


@dataclass(frozen=True)
class Failed:
    """An article a stage failed on: what a batch stores instead of its document."""

    raw: RawArticle
    stage: str
    error: str


def pipeline_info(nlp: Language | None = None) -> PipelineInfo:
    nlp = nlp or get_nlp()
    places = nlp.get_pipe("lens_places") if "lens_places" in nlp.pipe_names else None
    gazetteer = places.gazetteer if isinstance(places, PlacesComponent) else get_gazetteer()
    return PipelineInfo(code=lib.__version__, model=model_version(), gazetteer=gazetteer.version())


def process(
    article: RawArticle | str | bytes,
    *,
    title: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
    filename: str | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> ProcessedArticle:
    """Run ingest (unless given a ``RawArticle``), then the pipeline; ``InputError`` for bad input,
    ``ProcessingError`` when a stage fails. ``on_stage`` hears the name of each component as it
    starts (the dashboard's progress)."""
    raw = (
        article
        if isinstance(article, RawArticle)
        else read_article(article, filename=filename, title=title, published=published, source=source)
    )
    result = _alone(get_nlp(), raw, on_stage)
    if isinstance(result, Failed):
        raise ProcessingError(result.stage, result.error)
    return result


def process_many(
    raws: Iterable[RawArticle], *, workers: int = 1, batch_size: int = 16
) -> Iterator[ProcessedArticle | Failed]:
    """Many articles, each yielded (document or ``Failed``) as soon as its batch is done, so a caller
    can store it before the next and an interrupted run keeps everything finished so far. Texts go
    through ``nlp.pipe`` in batches; with several workers each worker process parses and analyses
    whole batches, so the stages scale with the cores as well as the parse."""
    if workers <= 1:
        for batch in _batches(raws, batch_size):
            yield from _analyse(batch)
        return
    import multiprocessing

    get_nlp()  # loaded once here, shared with the forked workers
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        # Small tasks keep both cores busy to the end; each is still one nlp.pipe call.
        for done in pool.imap_unordered(_worker_batch, _batches(raws, max(1, min(batch_size, 4)))):
            yield from (r if isinstance(r, Failed) else load_document(r) for r in done)


def _batches(raws: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    batch: list[RawArticle] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


LONG_TEXT_CHARS = 20_000
"""Texts longer than this are parsed in pieces (``_parsed_in_pieces``); shorter ones in one call."""
PIECE_CHARS = 5_000
WHOLE_ARTICLE = ("lens_places", "lens_voices", "lens_times", "lens_claims")
"""The components that need the whole article at once; the ones before them work piece by piece."""


def _make_doc(nlp: Language, raw: RawArticle) -> Doc:
    return _dated(nlp.make_doc(raw.text), raw)


def _dated(doc: Doc, raw: RawArticle) -> Doc:
    """The Doc with the article's publication date, which the times component anchors relative dates to."""
    doc._.published = raw.published.isoformat() if raw.published else None
    return doc


def _analyse(batch: list[RawArticle]) -> list[ProcessedArticle | Failed]:
    """One ``nlp.pipe`` call over a batch. A Doc the model's own components dropped (their error
    handler records nothing) is failed at the parse; if the batch itself breaks, each article is
    tried alone so only the one at fault fails. Long articles go alone, parsed in pieces."""
    nlp = get_nlp()
    short = [raw for raw in batch if len(raw.text) <= LONG_TEXT_CHARS]
    docs = [_make_doc(nlp, raw) for raw in short]
    try:
        analysed = {id(doc) for doc in nlp.pipe(docs, batch_size=max(1, len(docs)))}
    except Exception:
        return [_alone(nlp, raw) for raw in batch]
    done: dict[str, ProcessedArticle | Failed] = {
        raw.id: _result(doc, raw) if id(doc) in analysed else Failed(raw, "parse", "the parser dropped it")
        for doc, raw in zip(docs, short, strict=True)
    }
    return [done[raw.id] if raw.id in done else _alone(nlp, raw) for raw in batch]


def _alone(
    nlp: Language, raw: RawArticle, on_stage: Callable[[str], None] | None = None
) -> ProcessedArticle | Failed:
    try:
        if len(raw.text) > LONG_TEXT_CHARS:
            doc, todo = (
                _parsed_in_pieces(nlp, raw, on_stage),
                [n for n in nlp.pipe_names if n in WHOLE_ARTICLE],
            )
        else:
            doc, todo = _make_doc(nlp, raw), nlp.pipe_names
        if on_stage is None:
            return _result(nlp(doc, disable=[n for n in nlp.pipe_names if n not in todo]), raw)
        for name in todo:  # one component at a time, each under spaCy's own error handling
            on_stage(name)
            doc = nlp(doc, disable=[n for n in nlp.pipe_names if n != name])
        return _result(doc, raw)
    except Exception as exc:
        return Failed(raw, "parse", f"{type(exc).__name__}: {exc}"[:500])


def _parsed_in_pieces(nlp: Language, raw: RawArticle, on_stage: Callable[[str], None] | None) -> Doc:
    """A long text through the model's own components piece by piece, joined into one Doc: spaCy's
    memory grows with the length of one call (a 200,000-character article took 600 MB more as one
    Doc, 10 MB more in pieces), and pieces cut at paragraph breaks parse as they would in place."""
    if on_stage:
        on_stage("parser")
    docs = nlp.pipe(_pieces(raw.text), batch_size=1, disable=list(WHOLE_ARTICLE))
    return _dated(Doc.from_docs(list(docs), ensure_whitespace=False), raw)


def _pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """The text cut into pieces of at most about ``size`` characters that join back into exactly the
    text: after a paragraph break where there is one, else after a line break, a sentence's end or a
    space in the second half of the piece."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next(
            (at + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (at := window.rfind(sep, size // 2)) > 0),
            size,
        )
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _worker_batch(batch: list[RawArticle]) -> list[str | Failed]:
    return [r if isinstance(r, Failed) else r.to_json() for r in _analyse(batch)]


def _result(doc: Doc, raw: RawArticle) -> ProcessedArticle | Failed:
    failure = doc._.lens_failure
    if failure is not None:
        return Failed(raw, failure["stage"], failure["error"])
    try:
        return assemble(doc, raw)
    except ValidationError as exc:
        return Failed(raw, "document", f"{exc.error_count()} invalid field(s): {exc.errors()[0]['msg']}")


def assemble(doc: Doc, raw: RawArticle, nlp: Language | None = None) -> ProcessedArticle:
    """The contract document of an analysed Doc (the Lens components' extensions) and its article."""
    info = ArticleInfo(
        id=raw.id,
        title=raw.title,
        source=raw.source,
        published=raw.published,
        text=raw.text,
        processed_at=datetime.now(UTC).replace(microsecond=0),
        pipeline=pipeline_info(nlp),
        warnings=[] if raw.published else ["No publication date: times are shown relative to the text only."],
    )
    sentences = [TextSpan(start=s.start_char, end=s.end_char) for s in _trimmed_sents(doc)]
    return ProcessedArticle(
        article=info,
        places=places_of(doc),
        voices=voices_of(doc),
        claims=claims_of(doc),
        times=times_of(doc),
        sentences=sentences,
    )


def _trimmed_sents(doc: Doc) -> Iterator[Span]:
    """Sentences without the whitespace tokens spaCy attaches to them at paragraph breaks."""
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            yield doc[tokens[0].i : tokens[-1].i + 1]


def clear_caches() -> None:
    """Forget the per-name caches, so that a benchmark run is a first run."""
    get_gazetteer().clear_caches()
