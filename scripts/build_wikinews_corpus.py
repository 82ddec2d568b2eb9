"""Build the committed robustness corpus, ``tests/data/wikinews.jsonl.gz``, from two public mirrors of
English Wikinews (CC BY 2.5).

    python scripts/build_wikinews_corpus.py TOSCADATA_GIT_DIR VANATTEVELDT_GIT_DIR [-o FILE]

Each argument is a bare git directory; only its HEAD is read (no work tree, no network). Needs the PyPI
package ``rdata`` (in requirements-bench.txt) to read R data files without R.

- ``Docma-TU/toscaData`` (the R package of the tosca text-mining toolkit; DESCRIPTION: CC BY 4.0, and
  ``R/wikinews.R``: "The wikinews data is published under CC2.5"): ``data/politics.rda`` and
  ``data/economy.rda``, English Wikinews articles of 2004-2018 exported from Special:Export, as
  ``id``, ``date``, ``title`` and the wikitext with its markup removed. The removal lost the words of
  some links (a name can be missing: "Home Secretary   has met criticism"), and paragraphs are runs of
  spaces. They are kept as they are, gaps and all: the corpus tests that odd real sentences never break
  the pipeline, not what it finds in them. Paragraph breaks are restored from the runs of spaces,
  HTML entities decoded, wiki emphasis marks and the trailing maintenance tags ("publish",
  "Category:...") dropped; pages that are not stories (categories, "Wikinews Shorts" digests) and
  texts under 400 characters are left out.
- ``vanatteveldt/wikinews`` (README and LICENSE.md: CC BY 2.5): ``data/wikinews_2019.csv`` and
  ``data/wikinews_2020.csv``, the rendered paragraphs of 295 articles with URL, date and title.

Every line of the output is one article: ``id``, ``source`` (repository@commit:path and the article's
id there), ``licence``, ``attribution``, ``title``, ``published``, ``url`` and ``text``. Identical
texts (up to whitespace) are kept once.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "tests" / "data" / "wikinews.jsonl.gz"
TOSCA = "Docma-TU/toscaData"
VANATTEVELDT = "vanatteveldt/wikinews"
LICENCE = "CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/)"
ATTRIBUTION = "Wikinews contributors, English Wikinews"
MIN_CHARS = 400
TAIL = re.compile(
    r"(\s+(publish|archive[-\w]*|category:[^\n]*?|[A-Z][A-Za-z]*\d{4}|[a-z]+-[a-z]+|wikinews shorts)\s*)+$",
    re.I,
)
NOT_STORIES = re.compile(r"^(category:|wikinews shorts|wikinews:|portal:|template:)", re.I)


def _git(git_dir: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True).stdout


def _commit(git_dir: Path) -> str:
    return _git(git_dir, "rev-parse", "HEAD").decode().strip()[:12]


def _url(title: str) -> str:
    return "https://en.wikinews.org/wiki/" + quote(title.replace(" ", "_"), safe="")


def clean_wikitext(raw: str) -> str:
    """The story text of one toscaData entry: its wrapper, entities, emphasis marks and trailing tags
    removed, paragraphs restored from runs of spaces."""
    text = re.sub(r"^<text[^>]*>|</text>$", "", raw.strip())
    text = html.unescape(text)
    text = re.sub(r"'{2,}", "", text)
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = re.sub(r"\{\|.*?\|\}", " ", text, flags=re.S)
    text = TAIL.sub("", text.rstrip())
    paragraphs = [p.strip() for p in re.split(r"\s{3,}|(?<=[.!?\"”])\s{2,}", text)]
    return "\n\n".join(re.sub(r"[ \t]+", " ", p) for p in paragraphs if p)


def tosca(git_dir: Path) -> list[dict]:
    import rdata  # type: ignore[import-not-found]

    commit, out = _commit(git_dir), []
    for name in ("politics", "economy"):
        path = f"data/{name}.rda"
        with tempfile.NamedTemporaryFile(suffix=".rda") as fh:
            fh.write(_git(git_dir, "show", f"HEAD:{path}"))
            fh.flush()
            obj = rdata.conversion.convert(rdata.parser.parse_file(fh.name), default_encoding="utf8")[name]
        meta, texts = obj["meta"], obj["text"]
        for row in meta.itertuples():
            title = re.sub(r"</?title>", "", str(row.title)).strip()
            raw = texts.get(row.id)
            if raw is None or NOT_STORIES.match(title):
                continue
            body = clean_wikitext(str(raw[0] if len(raw) else ""))
            days = row.date
            published = (date(1970, 1, 1) + timedelta(days=int(days))).isoformat() if days == days else None
            out.append(
                {
                    "id": f"wikinews:{row.id}",
                    "source": f"{TOSCA}@{commit}:{path}#{row.id}",
                    "title": title,
                    "published": published,
                    "url": _url(title),
                    "text": body,
                }
            )
    return out


def vanatteveldt(git_dir: Path) -> list[dict]:
    commit, out = _commit(git_dir), []
    for path in ("data/wikinews_2019.csv", "data/wikinews_2020.csv"):
        reader = csv.DictReader(io.StringIO(_git(git_dir, "show", f"HEAD:{path}").decode("utf-8")))
        for n, row in enumerate(reader, 2):
            text = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", row["text"]) if p.strip())
            out.append(
                {
                    "id": f"wikinews-vt:{Path(path).stem}:{n}",
                    "source": f"{VANATTEVELDT}@{commit}:{path}#line{n}",
                    "title": row["title"].strip(),
                    "published": row["date"][:10] or None,
                    "url": row["url"].replace("//wiki/", "/wiki/"),
                    "text": text,
                }
            )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("toscadata", type=Path, help=f"bare git directory of {TOSCA}")
    parser.add_argument("vanatteveldt", type=Path, help=f"bare git directory of {VANATTEVELDT}")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    seen: set[str] = set()
    kept = 0
    with gzip.GzipFile(args.output, "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as out:
        for article in [*tosca(args.toscadata), *vanatteveldt(args.vanatteveldt)]:
            key = hashlib.sha1(" ".join(article["text"].split()).encode()).hexdigest()
            if len(article["text"]) < MIN_CHARS or key in seen:
                continue
            seen.add(key)
            article |= {"licence": LICENCE, "attribution": ATTRIBUTION}
            out.write(json.dumps(article, ensure_ascii=False, sort_keys=True) + "\n")
            kept += 1
    print(f"wrote {kept} articles to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
