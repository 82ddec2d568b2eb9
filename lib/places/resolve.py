"""Which place a name means: candidates from the gazetteer scored by kind, size, how well the name
fits, what the sentence says ("a town in the Kurdistan Region"), what the rest of the article
mentions, and how close the candidate lies to the article's other places. Every decision keeps its
evidence (``why``) and its runners-up.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from lib.contract import Candidate, Place, PlaceMention
from lib.geo.gazetteer import Entry, Gazetteer
from lib.lexicon import Lexicon
from lib.places.metonymy import metonymy
from lib.places.recognise import Found, adjectival_mentions


@dataclass(frozen=True)
class ResolveSettings:
    """The ``lens_places`` settings that steer resolution (see ``lib/lens.cfg``)."""

    max_candidates: int = 40
    """Readings of one name considered, best name fit and largest first."""
    temperature: float = 0.2
    """How sharply a score lead turns into confidence."""
    coherence_km: float = 1500.0
    """Within this distance of the article's other places, a candidate gains support."""
    context_passes: int = 2
    """Rounds of re-ranking with the others' readings: a state resolved by its city ("Georgia" by
    "Atlanta") then supports the city."""
    context_min_confidence: float = 0.3
    """A reading less sure than this does not count as context for the others."""


@dataclass
class Scored:
    entry: Entry
    score: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class Group:
    """All mentions of one name, resolved together (one sense per article)."""

    folded: str
    mentions: list[Found]
    candidates: list[Entry] = field(default_factory=list)
    how_found: str = "exact name"
    kind_cue: str | None = None  # "region" or "city" when the text says which
    containers: set[int] = field(default_factory=set)  # indexes of groups named as containing this one
    ranked: list[Scored] = field(default_factory=list)
    own_prior: float | None = None  # the best prior of the places whose own name this is, not another


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _prior(e: Entry) -> float:
    """How likely a reader means this kind of place before any context: countries and named regions
    first, then cities by size and fame (how many languages name them): Geneva, Switzerland (~0.84)
    before Geneva, New York (~0.54); no city outranks a country, nor a nation of one ("England")."""
    if e.kind == "country" or e.feature == "constituent-country":
        return 1.2
    if e.feature in ("continent", "informal-region", "disputed-region", "self-proclaimed", "supranational"):
        return 0.9
    if e.feature == "admin-group":
        return 0.85
    if e.feature == "admin1":
        return 0.75
    if e.feature == "admin2":
        return 0.7
    if e.kind == "city":
        size = min(1.0, math.log10(e.population + 1) / 7)
        fame = min(1.0, math.log10(e.prominence + 1) / 2)  # known by ~100 names: world famous
        return 0.25 + 0.25 * size + 0.4 * fame + (0.1 if e.feature == "capital" else 0.0)
    return 0.8


def _cue(doc: Doc, found: Found, lex: Lexicon) -> str | None:
    """ "Aleppo region", "the town of X", "X, a border town": the text says what kind of place."""
    if found.kind:
        return found.kind
    region_words, city_words = lex.words("region_words"), lex.words("city_words")
    span = found.span
    last = span[-1].lower_
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if last in region_words or nxt in region_words:
        return "region"
    if last in city_words or nxt in city_words:
        return "city"
    before = doc[max(0, span.start - 2) : span.start].text.lower()
    if before in ("town of", "city of", "village of"):
        return "city"
    if before in ("region of", "province of", "state of"):
        return "region"
    for appos in (c for c in span.root.children if c.dep_ == "appos"):
        if appos.lemma_ in city_words:
            return "city"
        if appos.lemma_ in region_words:
            return "region"
    return None


def _container_tokens(doc: Doc, found: Found) -> list[int]:
    """Tokens naming where the place lies: "X in Y", "X, a town in Y", "Paris, Texas"."""
    root = found.span.root
    heads = [root, *(c for c in root.children if c.dep_ in ("appos", "acl", "relcl"))]
    out = []
    for h in heads:
        for prep in h.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                out += [c.i for c in prep.children if c.dep_ == "pobj"]
    end = found.span.end
    if end + 1 < len(doc) and doc[end].text == ",":
        out.append(end + 1)
    return out


def _candidates(gazetteer: Gazetteer, found: Found, lex: Lexicon, limit: int) -> tuple[list[Entry], str]:
    text = found.name or found.span.text
    if found.kind and text.isupper():
        text = text.title()  # a dateline ("PARIS --"), not the initials its five capitals look like
    entries = gazetteer.lookup(text)
    if entries:
        return _keep_areas(entries, limit), "exact name"
    words = text.split()
    narrower = []  # the region or country a longer name is about: "Aleppo province", "North Texas"
    if len(words) > 1 and words[-1].lower() in lex.words("region_words"):
        narrower.append((" ".join(words[:-1]), f"name without “{words[-1]}”"))
    if len(words) > 1 and words[0].lower() in lex.words("part_words"):
        narrower.append((" ".join(words[1:]), f"“{words[0]}” names a part of {' '.join(words[1:])}"))
    for name, how in narrower:
        entries = [e for e in gazetteer.lookup(name) if e.kind in ("region", "country")]
        if entries:
            return _keep_areas(entries, limit), how
    fuzzy: list[Entry] = []
    for variant, similarity in gazetteer.fuzzy(text):
        for e in gazetteer.lookup(variant):
            if e.kind != "city" or e.population >= 1000:
                fuzzy.append(Entry(**{**e.__dict__, "quality": e.quality * similarity / 100 * 0.8}))
    if fuzzy:
        return sorted(fuzzy, key=lambda e: -e.population)[:limit], "close spelling"
    return [], "not in the gazetteer"


def _keep_areas(entries: list[Entry], limit: int) -> list[Entry]:
    """The first ``limit`` readings, and every country and region beyond them: a state or province
    shares its name with dozens of towns ("Santa Cruz"), and the gazetteer lists towns first."""
    return entries[:limit] + [e for e in entries[limit:] if e.kind != "city"]


EXACT_CENTRE = 50
"""Up to this many located names, each name's centre is the median of the *others'* positions; beyond,
the median of all (one name more or less barely moves it), so the work stays linear in the names."""


@dataclass
class Reading:
    """One name's leading reading, as context for the others."""

    entry: Entry
    mentions: int
    areas: list[str]  # the reading and the areas it lies in


@dataclass
class Context:
    """What the article currently says: every confident name's leading reading, summed once per pass.
    Each name reads it through ``For``, without its own reading."""

    readings: dict[int, Reading] = field(default_factory=dict)  # group index -> its reading
    keys: Counter = field(default_factory=Counter)  # the readings and the areas they lie in
    countries: Counter = field(default_factory=Counter)  # mentions per country, demonyms included
    within: dict[str, list[int]] = field(default_factory=dict)  # area key -> groups whose reading lies in it
    points: list[tuple[int, float, float]] = field(default_factory=list)  # located towns and regions
    centre_all: tuple[float, float] | None = None
    maybe: Maybe = field(default_factory=lambda: Maybe())


@dataclass
class Maybe:
    """What the names could mean, every reading counted and not only the leading ones: a town and
    the county around it support each other ("Paris" and "Henry County") before either is decided."""

    areas: dict[str, set[int]] = field(default_factory=dict)  # area key -> groups that may name it
    holding: dict[str, dict[int, float]] = field(default_factory=dict)
    """area key -> the groups that may be a place right in it, with the best prior of those readings"""

    @classmethod
    def of(cls, groups: list[Group]) -> Maybe:
        maybe = cls()
        for gi, g in enumerate(groups):
            for e in g.candidates:
                if e.kind != "city":
                    maybe.areas.setdefault(e.key, set()).add(gi)
                if (area := direct_area(e)) is not None:
                    held = maybe.holding.setdefault(area, {})
                    held[gi] = max(held.get(gi, 0.0), _prior(e))
        return maybe


COUNTY = "us-county:"
"""Key prefix of the counties US towns lie in: small enough that two names with readings in one
county are one place's neighbours, where a state or province is too large to say so."""


NEIGHBOUR_PRIOR_GAP = 0.2
"""Neighbours support a town only against namesakes about as likely as it is: two Minnesota villages
side by side, never a Pennsylvania borough against the state of California or the city of Mecca."""


def direct_area(e: Entry) -> str | None:
    """The area a place lies right in (a US town's county, else its state or province), not the
    country or a grouping such as the Midwest: a town and that area support each other as a pair."""
    first = e.parents[0] if e.parents else None
    return first if first and not first.startswith(("cc:", "cur:")) else None


@dataclass
class For:
    """The context as one name sees it: the other names' readings."""

    ctx: Context
    group: int

    @property
    def own(self) -> Reading | None:
        return self.ctx.readings.get(self.group)

    def mentions_area(self, key: str) -> bool:
        own = self.own
        return self.ctx.keys[key] - (own.areas.count(key) if own else 0) > 0

    def country_share(self, cc: str) -> float:
        own = self.own
        mine = own.mentions if own and own.entry.country_code else 0
        here = self.ctx.countries[cc] - (mine if own and own.entry.country_code == cc else 0)
        total = sum(self.ctx.countries.values()) - mine
        return here / total if here > 0 and total > 0 else 0.0

    def may_name(self, keys: list[str]) -> bool:
        """Another name could be one of these areas."""
        return any(self.ctx.maybe.areas.get(k, set()) - {self.group} for k in keys)

    def may_hold(self, key: str) -> float:
        """How likely, before context, the likeliest place another name could be right in this area
        is: the county of Salem, Oregon before the county of Salem, Illinois (0 when none is)."""
        held = self.ctx.maybe.holding.get(key, {})
        return max((p for g, p in held.items() if g != self.group), default=0.0)

    def neighbours(self, key: str) -> int:
        """How many other names may be a place right in this area too: towns of one county named
        together ("Brandon", "Alexandria" and "Kensington" of one Minnesota county)."""
        return sum(1 for g in self.ctx.maybe.holding.get(key, {}) if g != self.group)

    def inside(self, key: str) -> list[Entry]:
        """The other readings that lie in the area ``key``."""
        return [self.ctx.readings[g].entry for g in self.ctx.within.get(key, []) if g != self.group]

    @property
    def centre(self) -> tuple[float, float] | None:
        points = self.ctx.points
        if len(points) > EXACT_CENTRE:
            return self.ctx.centre_all
        others = [(lat, lon) for g, lat, lon in points if g != self.group]
        if not others:
            return None
        return statistics.median(p[0] for p in others), statistics.median(p[1] for p in others)


def _score(group: Group, e: Entry, ctx: For, container_keys: set[str], coherence_km: float) -> Scored:
    ev: list[str] = []
    prior = _prior(e)
    s = prior + 0.2 * e.quality
    namesakes = group.candidates
    if e.quality < 1 and group.own_prior is not None and group.own_prior >= prior:
        # "Lebanon" is another name of a Wisconsin town and the name of a country; "Odessa" is another
        # name of Odesa, better known than the Odessa of Texas, so that one keeps it
        s -= 0.3
        ev.append(f"“{e.matched}” is only another name of it, and the name of another place")
    if e.kind == "city" and e.population:
        others = len(namesakes) - 1
        namesake = (
            f"; {others} other place{'s share' if others > 1 else ' shares'} the name" if others else ""
        )
        ev.append(f"{e.population:,} inhabitants{namesake}")
    areas = [p for p in e.parents if not p.startswith("cc:")]
    if container_keys and (set(e.parents) & container_keys or e.key in container_keys):
        s += 0.8
        ev.append("lies in the place the sentence names as containing it")
    namesake_keys = {c.key for c in namesakes}
    inside = [w.name for w in ctx.inside(e.key) if w.key not in namesake_keys] if e.kind != "city" else []
    if inside:
        s += 0.5
        ev.append(f"contains {', '.join(sorted(set(inside))[:3])}, also in the article")
    # A pair of names that fit only together ("Lebanon" and "Warren County": the Ohio town and the
    # Ohio county) support both readings, before either is decided and whatever else is nearby.
    area = direct_area(e)
    paired = e.kind == "city" and area is not None and ctx.may_name([area])
    if paired:
        s += 0.3
        ev.append("another name in the article may be the county or region it lies in")
    elif e.kind == "region" and not inside and (held := ctx.may_hold(e.key)):
        paired = True
        s += 0.2 + 0.1 * min(1.0, held)
        ev.append("another name in the article may be a town in it")
    county = area if area is not None and area.startswith(COUNTY) else None
    close = e.quality >= 1 and (group.own_prior is None or prior >= group.own_prior - NEIGHBOUR_PRIOR_GAP)
    if e.kind == "city" and not paired and close and county is not None and (n := ctx.neighbours(county)):
        s += 0.25 + (0.1 if n > 1 else 0.0)
        ev.append(f"{n} other name{'s' if n > 1 else ''} may be a town in the same county")
    # "Oregon and Washington" in an article that names Chicago are states, not Illinois towns: such a
    # town needs the text to name its county (New York City is no reason for Florida, New York)
    like_area = _town_named_like_an_area(e, namesakes)
    evidence_areas = ([county] if county else []) if like_area else areas
    if any(ctx.mentions_area(p) for p in evidence_areas):
        s += 0.4
        ev.append("lies in a region the article mentions")
    elif like_area:
        pass
    elif not paired and ctx.may_name(areas):
        s += 0.2
        ev.append("another name in the article may be a place around it")
    elif e.country_code and (share := ctx.country_share(e.country_code)):
        s += 0.1 + 0.3 * share
        ev.append(
            f"in a country the article mentions ({e.country_code}, {share:.0%} of its country mentions)"
        )
    centre = ctx.centre if e.lat is not None and e.lon is not None and e.kind != "country" else None
    if centre is not None and e.lat is not None and e.lon is not None:
        d = haversine_km(e.lat, e.lon, *centre)
        if d < coherence_km:
            s += 0.3 * (1 - d / coherence_km)
            ev.append(f"{d:,.0f} km from the article's other places")
    if group.kind_cue == "region" and e.kind in ("region", "country"):
        s += 0.5
        ev.append("the text calls it a region")
    elif group.kind_cue == "city" and e.kind == "city":
        s += 0.5
        ev.append("the text calls it a town or city")
    elif (
        group.kind_cue is None
        and e.feature in ("admin1", "admin-group")
        and any(c.kind == "city" and c.quality >= 1 and e.key in c.parents for c in namesakes)
    ):
        s -= 0.3  # a name that fits a city and the region around it ("Aleppo") means the city
    return Scored(e, s, ev)


LIKE_AREA_POPULATION = 100_000
"""A town smaller than this that bears a country's or a first-level region's own name is read as
that area unless the text places the town ("Oregon, Ill.")."""


def _town_named_like_an_area(e: Entry, namesakes: list[Entry]) -> bool:
    """A town named like a country, a nation or a state ("England", Arkansas; "Oregon", Illinois):
    the article's country and regions are no reason to read "moved to England" or "laws in Oregon
    and Washington" as that town; a region the sentence names around it still is."""
    if e.kind != "city" or e.population >= LIKE_AREA_POPULATION:
        return False
    if any(c.kind == "city" and c.quality >= 1 and c.population >= LIKE_AREA_POPULATION for c in namesakes):
        return False  # "Alexandria" is a city first, and the Egyptian governorate after it
    areas = ("country", "constituent-country", "admin1")
    return any(c.quality >= 1 and (c.kind == "country" or c.feature in areas) for c in namesakes)


def _rank(group: Group, ctx: For, container_keys: set[str], settings: ResolveSettings) -> list[Scored]:
    ranked = [_score(group, e, ctx, container_keys, settings.coherence_km) for e in group.candidates]
    return sorted(ranked, key=lambda r: -r.score)


def _confidence(ranked: list[Scored], temperature: float) -> float:
    """How clearly the winner beats its closest rivals, discounted when only a loose spelling
    matched. Dozens of hamlets sharing a famous name do not make the famous place doubtful."""
    if not ranked:
        return 0.0
    rivals = sum(math.exp((r.score - ranked[0].score) / temperature) for r in ranked[1:4])
    return 1 / (1 + rivals) * min(1.0, ranked[0].entry.quality + 0.1)


def _context(groups: list[Group], demonyms: Counter, settings: ResolveSettings, maybe: Maybe) -> Context:
    """Every confident name's leading reading, summed once: each name then sees the others' through
    ``For``, so a pass costs a little per name rather than a pass over all names per name."""
    ctx = Context(countries=Counter(demonyms), maybe=maybe)
    for i, g in enumerate(groups):
        if not g.ranked or _confidence(g.ranked, settings.temperature) < settings.context_min_confidence:
            continue
        top = g.ranked[0].entry
        # the groupings a reading lies in (the Midwest, the Americas) are not mentioned by it: only
        # its own key and its real containers (county, state, country) count as what the text names
        areas = [top.key, *(p for p in top.parents if not p.startswith("cur:"))]
        reading = Reading(top, len(g.mentions), areas)
        ctx.readings[i] = reading
        ctx.keys.update(reading.areas)
        for area in top.parents:
            ctx.within.setdefault(area, []).append(i)
        if top.country_code:
            ctx.countries[top.country_code] += len(g.mentions)
        if (
            top.lat is not None
            and top.lon is not None
            and top.kind in ("city", "region")
            and top.feature != "continent"
        ):
            ctx.points.append((i, top.lat, top.lon))
    if ctx.points:
        ctx.centre_all = (
            statistics.median(p[1] for p in ctx.points),
            statistics.median(p[2] for p in ctx.points),
        )
    return ctx


def resolve_places(
    doc: Doc, found: list[Found], gazetteer: Gazetteer, lex: Lexicon, settings: ResolveSettings
) -> list[Place]:
    """Group the mentions by name, resolve each group on its own and then in the context of the
    others' current readings, merge names that resolve to the same place, and explain each decision."""
    by_name: dict[str, Group] = {}
    for f in found:
        by_name.setdefault(f.folded, Group(f.folded, [])).mentions.append(f)
    groups = list(by_name.values())
    token_group = {}
    for gi, g in enumerate(groups):
        for f in g.mentions:
            for t in range(f.span.start, f.span.end):
                token_group[t] = gi
    adjectives = adjectival_mentions(doc, gazetteer, set(token_group))
    demonym_countries: Counter = Counter(cc for _, cc in adjectives)
    for gi, g in enumerate(groups):
        g.candidates, g.how_found = _candidates(gazetteer, g.mentions[0], lex, settings.max_candidates)
        g.own_prior = max((_prior(c) for c in g.candidates if c.quality >= 1), default=None)
        cues = [c for c in (_cue(doc, f, lex) for f in g.mentions) if c]
        g.kind_cue = Counter(cues).most_common(1)[0][0] if cues else None
        for f in g.mentions:
            named = (token_group.get(t, gi) for t in _container_tokens(doc, f))
            g.containers.update(ci for ci in named if ci != gi)

    maybe = Maybe.of(groups)
    alone = Context(countries=Counter(demonym_countries), maybe=maybe)
    for gi, g in enumerate(groups):  # first pass: what each name means on its own
        g.ranked = _rank(g, For(alone, gi), set(), settings)
    for _ in range(settings.context_passes):  # then again with the rest of the article as context
        ctx = _context(groups, demonym_countries, settings, maybe)
        for gi, g in enumerate(groups):
            container_keys = {r.entry.key for ci in g.containers for r in groups[ci].ranked[:3]}
            g.ranked = _rank(g, For(ctx, gi), container_keys, settings)

    return _places(doc, groups, gazetteer, lex, settings, adjectives)


def _adjectival(span: Span, country: str) -> PlaceMention:
    why = f"“{span.text}” is the adjective of {country}: it counts for the country, not as a place of its own"
    return PlaceMention(start=span.start_char, end=span.end_char, surface=span.text, why=why, adjectival=True)


def _places(
    doc: Doc,
    groups: list[Group],
    gazetteer: Gazetteer,
    lex: Lexicon,
    settings: ResolveSettings,
    adjectives: list[tuple[Span, str]],
) -> list[Place]:
    merged: dict[str, list[Group]] = defaultdict(list)
    for g in groups:
        merged[g.ranked[0].entry.key if g.ranked else f"unresolved:{g.folded}"].append(g)
    by_country: dict[str, list[Span]] = defaultdict(list)
    for span, cc in adjectives:
        by_country[f"cc:{cc}"].append(span)
    places = []
    ordered = sorted(merged.values(), key=lambda gs: min(f.span.start_char for g in gs for f in g.mentions))
    admin_names: dict[str, str] = {}
    for n, gs in enumerate(ordered, 1):
        mentions = sorted((f for g in gs for f in g.mentions), key=lambda f: f.span.start)
        best = max(gs, key=lambda g: len(g.mentions))
        entry = best.ranked[0].entry if best.ranked else None
        contract_mentions = []
        for f in mentions:
            literal, why = metonymy(f.span, entry, lex)
            contract_mentions.append(
                PlaceMention(
                    start=f.span.start_char,
                    end=f.span.end_char,
                    surface=f.span.text,
                    literal=literal,
                    why=f.why if f.in_name else why or f.why,
                    in_name=f.in_name,
                )
            )
        if entry is None:
            places.append(
                Place(
                    id=f"p{n}",
                    name=mentions[0].span.text,
                    kind="other",
                    confidence=0.2,
                    why=[mentions[0].why, "not found in the gazetteer, so it is not on the map"],
                    mentions=contract_mentions,
                )
            )
            continue
        if entry.admin1 and entry.admin1 not in admin_names:
            admin = gazetteer.get(entry.admin1)
            admin_names[entry.admin1] = admin.name if admin else ""
        surfaces = sorted({f.span.text for f in mentions})
        name_note = (
            f"“{surfaces[0]}” is the {'name' if entry.quality >= 1 else 'alternate name'} of {entry.name}"
            if len(surfaces) == 1
            else f"{', '.join(f'“{name}”' for name in surfaces)} are names of {entry.name}"
        )
        if best.how_found != "exact name":
            name_note += f" ({best.how_found})"
        contract_mentions += [_adjectival(span, entry.name) for span in by_country.pop(entry.key, [])]
        contract_mentions.sort(key=lambda m: m.start)
        evidence = [mentions[0].why, name_note, *best.ranked[0].evidence]
        if entry.source:
            evidence.append(f"source: {entry.source}")
        runners = [r for r in best.ranked[1:] if r.entry.key != entry.key][:3]
        candidates = [
            Candidate(
                name=r.entry.name,
                geonameid=r.entry.geonameid,
                lat=r.entry.lat,
                lon=r.entry.lon,
                country_code=r.entry.country_code,
                score=round(r.score, 3),
            )
            for r in runners
            if r.entry.lat is not None and r.entry.lon is not None
        ]
        confidence = round(_confidence(best.ranked, settings.temperature), 3)
        admin1 = admin_names.get(entry.admin1 or "") or None
        places.append(_place(f"p{n}", entry, admin1, confidence, evidence, contract_mentions, candidates))
    for key, spans in by_country.items():  # countries named only by their adjective
        entry = gazetteer.get(key)
        if entry is not None:
            only = [f"“{spans[0].text}” is the adjective of {entry.name}; the article never names it"]
            said = [_adjectival(span, entry.name) for span in spans]
            places.append(_place(f"p{len(places) + 1}", entry, None, 1.0, only, said, []))
    return places


def _place(
    place_id: str,
    entry: Entry,
    admin1: str | None,
    confidence: float,
    why: list[str],
    mentions: list[PlaceMention],
    candidates: list[Candidate],
) -> Place:
    """The contract place of a resolved gazetteer entry."""
    return Place(
        id=place_id,
        name=entry.name,
        kind=entry.kind,
        gazetteer_key=entry.key,
        geonameid=entry.geonameid,
        lat=entry.lat,
        lon=entry.lon,
        country_code=entry.country_code,
        admin1=admin1,
        confidence=confidence,
        why=why,
        candidates=candidates,
        mentions=mentions,
    )
