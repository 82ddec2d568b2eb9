"""How place names are compared: one folding shared by the gazetteer build and the lookups."""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")
_DROP = re.compile(r"[.\"\u201c\u201d()]")
_LATIN_OK = re.compile(r"^[\sA-Za-z0-9\u00c0-\u024f\u1e00-\u1eff'\u2019\-.,()]+$")


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Accent-free lower case with one space between words: "Zürich" and "zurich", "Saint-Denis" and
    "Saint Denis" compare equal; a leading "the" is dropped ("the Gaza Strip")."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _SEPARATORS.sub(" ", _DROP.sub("", text.lower())).strip()
    return text[4:] if text.startswith("the ") else text


def is_latin(name: str) -> bool:
    """Names an English article could contain (Latin script, accents and digits allowed: "K2")."""
    return bool(_LATIN_OK.match(name)) and any(c.isalpha() for c in name)


def is_initials(name: str) -> bool:
    """Short capitals, with or without dots: "US", "U.S.", "DPRK"."""
    letters = name.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5
