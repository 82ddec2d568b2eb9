"""Copy GenderGapTracker's English quote extractor out of a local mirror, for bench/voices.py.

    python scripts/get_ggt_extractor.py MIRROR_DIR [-o data/tools/ggt]

MIRROR_DIR is a bare git directory of ``sfu-discourse-lab/GenderGapTracker`` (Asr et al., "The Gender
Gap Tracker", PLOS ONE 2021; MIT licence). Its ``nlp/english`` quote extractor, the helpers it imports
(``utils.py``), its quote-verb list and the licence are copied from HEAD, unchanged, under ``data/``
(which git ignores): the bench runs the extractor as its authors wrote it and nothing of it is
committed here.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "nlp/english/quote_extractor.py": "quote_extractor.py",
    "nlp/english/utils.py": "utils.py",
    "nlp/english/rules/quote_verb_list.txt": "quote_verb_list.txt",
    "LICENSE": "LICENSE",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mirror", type=Path, help="bare git directory of sfu-discourse-lab/GenderGapTracker")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "data" / "tools" / "ggt")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    git = ["git", "--git-dir", str(args.mirror)]
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout
    for source, name in FILES.items():
        blob = subprocess.run([*git, "show", f"HEAD:{source}"], check=True, capture_output=True).stdout
        (args.output / name).write_bytes(blob)
    (args.output / "SOURCE").write_text(f"sfu-discourse-lab/GenderGapTracker@{commit}", encoding="utf-8")
    print(f"{len(FILES)} files of GenderGapTracker@{commit[:10]} -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
