"""Escaping untrusted article text for Streamlit's Markdown, which would otherwise render links,
images, colours, emoji shortcodes and maths written into an article."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


def md(text: str) -> str:
    """Text shown literally inside ``st.markdown``/``st.caption``: every Markdown character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))
