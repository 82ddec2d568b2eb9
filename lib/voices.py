"""Voices stage, first cut: named subjects of speech verbs, with the quotes in their sentences."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from lib.contract import Mention, Quote, Voice

SPEECH = {"say", "state", "tell", "note", "argue", "suggest", "warn", "describe", "claim", "add", "assert"}
QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]+)[\u201d\"]")


def extract_voices(doc: Doc) -> list[Voice]:
    voices: dict[str, Voice] = {}
    for sent in doc.sents:
        for tok in sent:
            if tok.lemma_ not in SPEECH:
                continue
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            ent = subj and next(
                (e for e in doc.ents if e.label_ == "PERSON" and e.start <= subj.i < e.end), None
            )
            if ent is None:
                continue
            key = ent.text.split()[-1]
            voice = voices.setdefault(key, Voice(id=f"v{len(voices) + 1}", name=ent.text))
            if len(ent.text) > len(voice.name):
                voice.name = ent.text
            voice.mentions.append(Mention(start=ent.start_char, end=ent.end_char, surface=ent.text))
            for m in QUOTED.finditer(sent.text):
                start = sent.start_char + m.start(1)
                voice.quotes.append(
                    Quote(
                        start=start, end=start + len(m.group(1)), text=m.group(1), kind="direct", cue=tok.text
                    )
                )
    return list(voices.values())
