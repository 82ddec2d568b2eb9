"""Per-document lookups every component needs: the text, the entities, the entity at a token and the
sentence of a token.

spaCy rebuilds ``doc.text`` and new entity Spans on every access and walks the document for every
``token.sent``; on a long article those dominate the analysis. A component builds the index once
when it starts (``with indexed(doc):``) and drops it when it ends, so the Doc it hands on carries
no unpicklable object (``nlp.pipe(n_process=N)`` serialises Docs between processes).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.tokens import Doc, Span, Token

if not Doc.has_extension("lens_index"):
    Doc.set_extension("lens_index", default=None)


class DocIndex:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text: str = doc.text
        self.tokens: list[Token] = list(doc)
        """The tokens once: spaCy makes a new Token object for every ``doc[i]`` and every loop."""
        self.ents: list[Span] = list(doc.ents)
        self._ent_at = {t: e for e in self.ents for t in range(e.start, e.end)}
        self._sent_of: list[tuple[int, int]] = [(0, 0)] * len(doc)
        self.sents: list[Span] = list(doc.sents)
        for sent in self.sents:
            bounds = (sent.start, sent.end)
            for t in range(sent.start, sent.end):
                self._sent_of[t] = bounds

    def entity_at(self, i: int) -> Span | None:
        """The entity covering token ``i``, if any."""
        return self._ent_at.get(i)

    def sentence_of(self, i: int) -> Span:
        """The sentence holding token ``i``."""
        start, end = self._sent_of[i]
        return self.doc[start:end]


@contextmanager
def indexed(doc: Doc) -> Iterator[DocIndex]:
    """The document's index for the duration of one component's work (shared when nested)."""
    current = doc._.lens_index
    if current is not None:
        yield current
        return
    doc._.lens_index = DocIndex(doc)
    try:
        yield doc._.lens_index
    finally:
        doc._.lens_index = None


def index(doc: Doc) -> DocIndex:
    """The index of a document being analysed (built afresh when called outside a component)."""
    return doc._.lens_index or DocIndex(doc)
