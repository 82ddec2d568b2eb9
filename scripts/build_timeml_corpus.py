"""Build the TimeML development corpus (bench/dates.py) from a local mirror of the TempEval-3 data.

    python scripts/build_timeml_corpus.py MIRROR_DIR [-o data/corpora/timeml.jsonl.gz]

MIRROR_DIR is a bare git directory of ``qiangning/StructTempRel-EMNLP17`` (Ning et al., EMNLP 2017),
which carries the TempEval-3 training data, TBAQ-cleaned (UzZaman et al., SemEval 2013): TimeBank 1.2
(183 news articles) and AQUAINT (73), each with its document creation time and every TIMEX3 annotated.
Only ``data/TempEval3/Training/TBAQ-cleaned`` is read: the TempEval-3 evaluation data (the "platinum"
test set) beside it is never opened. Only HEAD is read (no work tree, no network).

The output is one gzip JSON-lines file, one article a line: ``id`` (``timebank:DOCID`` or
``aquaint:DOCID``), ``corpus``, ``source`` (repository@commit:path), ``licence``, ``published`` (the
creation time's date), ``text`` (the article's TEXT element with the markup removed) and ``timexes``:
each TIMEX3 of the text with ``start``/``end`` (character offsets into ``text``), ``surface``, ``type``,
``value`` and ``mod`` (or null).

Licences: TimeBank 1.2 and AQUAINT are distributed by the LDC (TimeBank under its own licence); the
repository states none. The texts remain their publishers' copyright. The output is for local use only
and must never be committed: write it under ``data/``, which git ignores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.evaluation import timeml_text  # noqa: E402

DEFAULT_OUTPUT = ROOT / "data" / "corpora" / "timeml.jsonl.gz"
REPOSITORY = "qiangning/StructTempRel-EMNLP17"
FOLDER = "data/TempEval3/Training/TBAQ-cleaned"
CORPORA = {"TimeBank": "timebank", "AQUAINT": "aquaint"}
LICENCE = "LDC (TimeBank 1.2, AQUAINT); unstated in the repository: local use only"

ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True, text=True
    ).stdout


def parse(tml: str) -> tuple[str | None, str, list[dict[str, object]]]:
    """The creation date, the plain text of TEXT and its TIMEX3 annotations with offsets into it."""
    dct = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", tml)
    published = None
    if dct:
        value = dict(ATTRIBUTE.findall(dct.group(1))).get("value", "")
        published = value[:10] if re.match(r"\d{4}-\d{2}-\d{2}", value) else None
    body = re.search(r"<TEXT>(.*?)</TEXT>", tml, re.S)
    if body is None:
        return published, "", []
    plain, timexes = timeml_text(body.group(1))
    fields = ("start", "end", "type", "value", "mod", "surface")
    return published, plain, [{f: getattr(t, f) for f in fields} for t in timexes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mirror", type=Path, help=f"bare git directory of {REPOSITORY}")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    commit = _git(args.mirror, "rev-parse", "HEAD").strip()
    paths = [p for p in _git(args.mirror, "ls-tree", "-r", "--name-only", "HEAD", FOLDER).split("\n") if p]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, list[int]] = {}
    with gzip.open(args.output, "wt", encoding="utf-8") as out:
        for path in sorted(paths):
            parts = path.split("/")
            if not path.endswith(".tml") or parts[-2] not in CORPORA:
                continue
            corpus = CORPORA[parts[-2]]
            published, text, timexes = parse(_git(args.mirror, "show", f"HEAD:{path}"))
            if not text.strip():
                continue
            record = {
                "id": f"{corpus}:{Path(path).stem}",
                "corpus": corpus,
                "source": f"{REPOSITORY}@{commit[:12]}:{path}",
                "licence": LICENCE,
                "published": published,
                "text": text,
                "timexes": timexes,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            tally = counts.setdefault(corpus, [0, 0])
            tally[0] += 1
            tally[1] += len(timexes)
    for corpus, (articles, timexes) in counts.items():
        print(f"{corpus}: {articles} articles, {timexes} TIMEX3", file=sys.stderr)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
