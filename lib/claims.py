"""Claims stage, first cut: one claim per sentence, its speaker from the quotes it holds."""

from __future__ import annotations

from spacy.tokens import Doc

from lib.contract import Claim, Place, TimeInfo, Voice

HEDGES = {"could", "may", "might", "likely", "reportedly", "allegedly", "suggest", "possibly", "perhaps"}


def extract_claims(doc: Doc, voices: list[Voice], places: list[Place]) -> list[Claim]:
    claims = []
    for i, sent in enumerate(doc.sents, 1):
        if not any(t.is_alpha for t in sent):
            continue
        speaker = next(
            (v.id for v in voices for q in v.quotes if sent.start_char <= q.start < sent.end_char), None
        )
        hedges = sorted({t.lower_ for t in sent if t.lower_ in HEDGES or t.lemma_ in HEDGES})
        if any(t.lower_ in ("will", "shall") or (t.tag_ == "MD" and t.lower_ in HEDGES) for t in sent):
            relation = "future"
        elif any(t.tag_ in ("VBD",) or (t.tag_ == "VBN" and t.head.lemma_ == "have") for t in sent):
            relation = "past"
        else:
            relation = "present"
        claims.append(
            Claim(
                id=f"c{i}",
                start=sent.start_char,
                end=sent.end_char,
                text=sent.text,
                speaker=speaker,
                hedges=hedges,
                certainty="low" if hedges else "high",
                time=TimeInfo(relation=relation),
                places=[
                    p.id
                    for p in places
                    if any(sent.start_char <= m.start < sent.end_char for m in p.mentions)
                ],
            )
        )
    return claims
