"""The offline gazetteer: built once from packages (``python -m lib.geo.build``), then read-only."""
