"""Turning whatever a user brings (bytes, a file, pasted text, HTML, Markdown) into one clean article.

Everything that can go wrong with input is caught here and reported as one ``InputError`` sentence,
before anything is parsed or stored. The text that comes out is the text every offset refers to: it is
normalised once (encoding, typography, line breaks) and then never changed again.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

MAX_INPUT_BYTES = 2 * 1024 * 1024
"""Largest file or upload accepted (2 MB): far above any news article, HTML boilerplate included."""
MAX_TEXT_CHARS = 200_000
"""Largest article body accepted after extraction (about 30,000 words)."""
MIN_WORDS = 20
"""Fewer words than this is a headline or a fragment, not an article."""

_ENCODINGS = (
    "utf_16",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_5",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
)
"""Encodings tried for text that is not UTF-8: the ones news text is actually saved in."""


class InputError(ValueError):
    """Input that cannot become an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class RawArticle:
    """An article ready for the pipeline: normalised body text plus what metadata told us."""

    id: str
    text: str
    title: str
    published: date | None
    source: str | None
    format: str


_TYPOGRAPHY = str.maketrans(
    {
        "\u00ab": "\u201c",  # « -> “
        "\u00bb": "\u201d",  # » -> ”
        "\u201e": "\u201c",  # „ -> “
        "\u201f": "\u201c",  # ‟ -> “
        "\u2033": '"',  # ″ -> "
        "\u2039": "\u2018",  # ‹ -> ‘
        "\u203a": "\u2019",  # › -> ’
        "\u201a": "\u2018",  # ‚ -> ‘
        "\u201b": "\u2018",  # ‛ -> ‘
        "\u2032": "'",  # ′ -> '
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "\u2013",  # figure dash -> en dash
        "\u2015": "\u2014",  # horizontal bar -> em dash
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u3000": " ",
        "\u2028": "\n",
        "\u2029": "\n\n",
        "\t": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,  # stray byte-order mark
    }
)
_ASCII_OPEN = re.compile(r"``|(?:^|(?<=[\s(\[{\u2014\u2013/:]))''(?=\S)", re.M)
_ASCII_CLOSE = re.compile(r"(?<=\S)''")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_HTML_HINT = re.compile(r"<\s*(html|body|article|div|p|head|!doctype)\b", re.I)
_MD_BLOCK = re.compile(r"^(#{1,6} \S|[*-] \S|> \S|\d+\. \S)", re.M)
_MD_HINT = re.compile(r"^(#{1,6} |\* |- |> |\d+\. )|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*", re.M)
_SENTENCE_END = (".", "!", "?", ":", ";", "\u201d", '"', "\u2019")


def normalise(text: str) -> str:
    """Canonical typography: one kind of space, paired curly quotes kept, no invisible characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text.translate(_TYPOGRAPHY))
    # Typewriter double quotes (``word'' or ''word''), as wire feeds and corpora converted to ASCII
    # write them: two marks that quote, where a single apostrophe never does.
    text = _ASCII_CLOSE.sub("\u201d", _ASCII_OPEN.sub("\u201c", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def article_id(text: str) -> str:
    """Stable id from the normalised text: the same article pasted twice gets the same id."""
    key = " ".join(normalise(text).lower().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-16 without one, then UTF-8 (a few corrupt bytes allowed),
    then charset detection; binary is refused."""
    if not data.strip():
        raise InputError("The file is empty.")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked_text(data.decode(codec, errors="replace"))
    utf16 = _utf16_codec(data[:8192])
    if utf16:
        return _checked_text(data.decode(utf16, errors="replace"))
    try:
        return _checked_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise InputError("This looks like a binary file (an image, archive or document), not text.")
    text = _mostly_utf8(data)
    if text is not None:
        return _checked_text(text)
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=list(_ENCODINGS)))
    if not matches:
        raise InputError("The text encoding could not be recognised; save the file as UTF-8 and try again.")
    best = min(matches, key=lambda m: m.chaos)
    # An English article with a few accented letters is ambiguous between the 8-bit code pages;
    # among the equally clean readings, Western (cp1252) is by far the likeliest.
    clean = [m for m in matches if m.chaos <= best.chaos + 0.02]
    if any("cp1252" in m.could_be_from_charset for m in clean):
        try:
            return _checked_text(data.decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return _checked_text(str(best))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:  # UTF-16, the one text encoding with zero bytes, is recognised before this
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def _utf16_codec(sample: bytes) -> str | None:
    """UTF-16 without a BOM: zero bytes on every other position (the high byte of Latin letters)."""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.8:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.8:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few corrupt bytes (a bad copy, a cut character), read as UTF-8 with U+FFFD in their
    place: read as a legacy code page instead, every other accented letter would turn to mojibake.
    Text with fewer valid multi-byte characters than bad bytes is left to charset detection (an
    English article in cp1252 has none)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    if bad <= max(10, len(text) // 1000) and valid >= bad:
        return text
    return None


def _checked_text(text: str) -> str:
    control = sum(1 for c in text[:20000] if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if control > max(3, len(text[:20000]) * 0.01):
        raise InputError("This looks like a binary file (an image, archive or document), not text.")
    return text


def sniff_format(text: str, filename: str | None = None) -> str:
    """txt, md or html, from the file extension when there is one, else from the content."""
    suffix = Path(filename).suffix.lower().lstrip(".") if filename else ""
    if suffix in ("html", "htm", "xhtml"):
        return "html"
    if suffix in ("md", "markdown"):
        return "md"
    if suffix in ("txt", "text"):
        return "txt"
    if suffix:
        raise InputError(f"Unsupported file type .{suffix}: use .txt, .md or .html.")
    head = text[:4000]
    if _HTML_HINT.search(head) and head.lstrip().startswith("<"):
        return "html"
    if _MD_BLOCK.search(head) and len(_MD_HINT.findall(head)) >= 2:
        return "md"  # a heading, list or quote block, not just a bracketed link in plain prose
    return "txt"


def _from_html(html: str) -> tuple[str, str | None, date | None, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,  # trafilatura remembers text across calls: a page read again came out empty
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        raise InputError("No article text was found in this HTML page.")
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    title = (doc.title or "").strip() or None
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    published = _parse_date(doc.date) if doc.date else None
    return "\n\n".join(paragraphs), title, published, (doc.sitename or doc.hostname or None)


def _from_markdown(md: str) -> tuple[str, str | None]:
    """Plain text of the prose blocks; the first heading, if it opens the document, is the title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(md)
    blocks: list[str] = []
    title: str | None = None
    in_heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline":
            words = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in tok.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            if in_heading and title is None and not blocks:
                title = words.strip()
            elif words.strip():
                blocks.append(words.strip())
    return "\n\n".join(blocks), title


def _hard_wrapped(text: str) -> bool:
    """Lines cut at a fixed width (e-mail, terminals), rather than one paragraph per line."""
    lines = [line for line in text.split("\n") if line.strip()]
    wrapped = sum(1 for line in lines if 40 <= len(line) <= 90 and not line.endswith(_SENTENCE_END))
    return len(lines) >= 3 and wrapped >= len(lines) * 0.5


def _paragraphs(text: str, wrapped: bool) -> str:
    """Blank-line separated paragraphs, whether the text came hard-wrapped or one paragraph per line."""
    if wrapped:
        return "\n\n".join(" ".join(b.split("\n")) for b in text.split("\n\n"))
    return _BLANK_LINES.sub("\n\n", text.replace("\n", "\n\n"))


def _split_title(text: str, wrapped: bool) -> tuple[str, str | None]:
    """A short first line without sentence punctuation, followed by more text, is a headline
    (in hard-wrapped text only when a blank line follows it)."""
    first, sep, rest = text.partition("\n")
    first = first.strip()
    if wrapped and not rest.startswith("\n"):
        return text, None
    if sep and rest.strip() and 3 <= len(first) <= 160 and not first.endswith(_SENTENCE_END):
        return rest.strip(), first
    return text, None


def _fallback_title(text: str) -> str:
    """No headline: the opening words of the first sentence stand in for one."""
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(first) <= 90:
        return first.rstrip(".")
    return first[:87].rsplit(" ", 1)[0] + "\u2026"


EARLIEST_DATE = date(1900, 1, 1)
"""No news article is older; an earlier date is a typo or a placeholder such as 0001-01-01."""


def _parse_date(value: str) -> date | None:
    """A date found in page metadata, or None when it is not a plausible publication date."""
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return parsed if EARLIEST_DATE <= parsed <= date.today() + timedelta(days=1) else None


def parse_published(value: str | date | None) -> date | None:
    """A publication date given by a user: ISO date, not in the future; empty means unknown."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        parsed = value
    else:
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            raise InputError(f"Publication date {value!r} is not a date like 2024-03-05.") from None
    if parsed > date.today() + timedelta(days=1):
        raise InputError(f"Publication date {parsed.isoformat()} is in the future.")
    if parsed < EARLIEST_DATE:
        raise InputError(
            f"Publication date {parsed.isoformat()} is before {EARLIEST_DATE.year}; give the real date."
        )
    return parsed


def _check_prose(text: str) -> None:
    words = re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", text)
    if not text.strip():
        raise InputError("The article is empty: there is no text to analyse.")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"The article is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})."
        )
    letters = sum(len(w) for w in words)
    visible = len(re.sub(r"\s", "", text))
    if visible >= 100 and letters < visible * 0.5:
        raise InputError("This does not look like an article: it is mostly numbers, symbols or code.")
    if len(words) < MIN_WORDS:
        raise InputError(
            f"This is too short to be an article ({len(words)} words; at least {MIN_WORDS} are needed)."
        )
    stop = sum(1 for w in words if w.lower() in STOP_WORDS)
    if stop < len(words) * 0.12:
        raise InputError("This does not look like an English news article.")


def _valid_unicode(text: str) -> str:
    """Text with lone surrogates (what undecodable bytes in a command line or a file name become)
    replaced by U+FFFD, so it can always be stored and written out as UTF-8 later."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def read_article(
    data: bytes | str,
    *,
    filename: str | None = None,
    title: str | None = None,
    published: str | date | None = None,
    source: str | None = None,
) -> RawArticle:
    """The single entrance for input: decode, extract, normalise and check, or raise ``InputError``."""
    if isinstance(data, str):
        data = _valid_unicode(data)
    title, source = _valid_unicode(title or ""), _valid_unicode(source or "")
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > MAX_INPUT_BYTES:
        raise InputError(
            f"The input is too large ({size / 1_048_576:.1f} MB; the limit is "
            f"{MAX_INPUT_BYTES // 1_048_576} MB)."
        )
    raw = decode(data) if isinstance(data, bytes) else _checked_text(data)
    if not raw.strip():
        raise InputError("The article is empty: there is no text to analyse.")
    fmt = sniff_format(raw, filename)
    meta_title: str | None = None
    meta_date: date | None = None
    meta_source: str | None = None
    if fmt == "html":
        body, meta_title, meta_date, meta_source = _from_html(raw)
    elif fmt == "md":
        body, meta_title = _from_markdown(raw)
    else:
        body = raw
    body = normalise(body)
    if meta_title is None and fmt == "txt":
        wrapped = _hard_wrapped(body)
        body, meta_title = _split_title(body, wrapped)
        body = _paragraphs(body, wrapped)
    _check_prose(body)
    user_date = parse_published(published)
    final_title = normalise(title or "") or normalise(meta_title or "") or _fallback_title(body)
    return RawArticle(
        id=article_id(body),
        text=body,
        title=final_title[:300],
        published=user_date or meta_date,
        source=(source or meta_source or None),
        format=fmt,
    )


def read_path(path: str | Path, **meta: object) -> RawArticle:
    """Read a file from disk with the same checks as an upload; missing or unreadable files explain why."""
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(f"{p}: broken link (the file it points to does not exist).")
    if not p.exists():
        raise InputError(f"{p}: no such file.")
    data = _read_file(p)
    try:
        return read_article(data, filename=p.name, **meta)  # type: ignore[arg-type]
    except InputError as exc:
        raise InputError(f"{p.name}: {exc}") from None


_NOT_A_FILE = "not a regular file (it is a device, pipe or socket)."


def _read_file(p: Path) -> bytes:
    """The bytes of a regular file, never more than the limit whatever its size claims to be. Folders,
    devices, pipes and sockets are refused on the opened descriptor (no race with a swapped path), and
    the non-blocking open means a pipe with no writer cannot hang the read."""
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    except PermissionError:
        raise InputError(f"{p}: permission denied.") from None
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket: it cannot be opened as a file
            raise InputError(f"{p}: {_NOT_A_FILE}") from None
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{p}: is a folder, not a file.")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{p}: {_NOT_A_FILE}")
        with os.fdopen(fd, "rb", closefd=False) as file:
            data = file.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    finally:
        os.close(fd)
    if len(data) > MAX_INPUT_BYTES:
        size = max(info.st_size, len(data))
        raise InputError(
            f"{p.name}: too large ({size / 1_048_576:.1f} MB; the limit is "
            f"{MAX_INPUT_BYTES // 1_048_576} MB)."
        )
    return data
