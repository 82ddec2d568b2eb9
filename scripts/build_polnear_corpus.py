"""Build the attribution development corpus (bench/voices.py) from a local mirror of PolNeAR.

    python scripts/build_polnear_corpus.py MIRROR_DIR [-o data/corpora/polnear.jsonl.gz]

MIRROR_DIR is a bare git directory of ``networkdynamics/PolNeAR`` (Newell, Margolin and Ruths, "An
attribution relations corpus for political news", LREC 2018): 1,008 US political news articles from
seven publishers, every attribution annotated as source, cue and content spans (BRAT standoff). Only
the ``train`` and ``dev`` compartments are read: ``test`` is never opened, so that figures measured on
it elsewhere stay held out. Only HEAD is read (no work tree, no network). An article annotated by
several people is taken in one annotation: the first annotator's file, in name order.

The output is one gzip JSON-lines file, one article a line: ``id`` (``polnear:SPLIT:NAME``), ``split``,
``publisher``, ``source`` (repository@commit:path), ``licence``, ``text`` and ``attributions``: each with
``source``, ``cue`` and ``content``, every one a list of ``[start, end]`` character ranges into ``text``
(a content broken by its cue, "A," he said, "B", has two ranges; a source can be missing).

Licence: the repository states none; the texts remain their publishers' copyright. The output is for
local use only and must never be committed: write it under ``data/``, which git ignores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "data" / "corpora" / "polnear.jsonl.gz"
REPOSITORY = "networkdynamics/PolNeAR"
SPLITS = ("train", "dev")  # never "test"
LICENCE = "unstated in the repository; texts are their publishers' copyright: local use only"
ROLES = {"Source": "source", "Cue": "cue", "Content": "content"}


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], check=True, capture_output=True, text=True
    ).stdout


def parse_ann(ann: str, text: str) -> list[dict[str, list[list[int]]]]:
    """The attributions of one BRAT file: each event's source, cue and content ranges, checked
    against the text (a range whose words differ from the text's is an error in the file)."""
    spans: dict[str, tuple[str, list[list[int]]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, ranges = parts[1].partition(" ")
            pieces = [[int(n) for n in r.split()] for r in ranges.split(";")]
            spans[parts[0]] = (label, pieces)
        elif line.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for event in events:
        record: dict[str, list[list[int]]] = {"source": [], "cue": [], "content": []}
        for arg in event[1:]:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if role in ROLES and ref in spans:
                record[ROLES[role]].extend(r for r in spans[ref][1] if 0 <= r[0] < r[1] <= len(text))
        if record["content"]:
            out.append(record)
    return out


def build(git_dir: Path) -> list[dict[str, object]]:
    commit = _git(git_dir, "rev-parse", "HEAD").strip()
    articles = []
    for split in SPLITS:
        names = _git(git_dir, "ls-tree", "--name-only", "HEAD", f"data/{split}/attributions/").split()
        chosen: dict[str, str] = {}
        for path in sorted(names):
            article = Path(path).stem.rsplit("_", 1)[0]
            chosen.setdefault(article, path)
        for article, ann_path in sorted(chosen.items()):
            text_path = f"data/{split}/text/{article}.txt"
            text = _git(git_dir, "show", f"HEAD:{text_path}")
            attributions = parse_ann(_git(git_dir, "show", f"HEAD:{ann_path}"), text)
            articles.append(
                {
                    "id": f"polnear:{split}:{article}",
                    "split": split,
                    "publisher": article.split("_", 1)[0],
                    "source": f"{REPOSITORY}@{commit}:{ann_path}",
                    "licence": LICENCE,
                    "text": text,
                    "attributions": attributions,
                }
            )
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", type=Path, help="bare git directory of networkdynamics/PolNeAR")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    articles = build(args.mirror)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.output, "wt", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    counts = {s: sum(1 for a in articles if a["split"] == s) for s in SPLITS}
    total = sum(len(a["attributions"]) for a in articles)  # type: ignore[arg-type]
    print(f"{len(articles)} articles ({counts}), {total} attributions -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
