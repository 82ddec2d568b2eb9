"""Places stage: find place mentions, resolve each name to the place it means, mark metonymy."""

from __future__ import annotations

from spacy.tokens import Doc

from lib.contract import Place
from lib.geo.gazetteer import get_gazetteer
from lib.places.recognise import find_places, gazetteer_matcher
from lib.places.resolve import resolve_places


def extract_places(doc: Doc) -> list[Place]:
    gazetteer = get_gazetteer()
    found = find_places(doc, gazetteer, gazetteer_matcher(doc.vocab, gazetteer))
    return resolve_places(doc, found, gazetteer)
