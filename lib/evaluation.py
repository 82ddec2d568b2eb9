"""Measuring the pipeline against a folder of hand-annotated articles (the committed ones are in
``tests/data/articles``; ``bench/accuracy.py`` takes any folder).

Annotations give spans as words plus an occurrence number (see ``tests/data/README.md``); they are
turned into character offsets in the stored text, and a span that cannot be found fails loudly
rather than silently lowering a score. Every task's found/missed counts are one ``PRF``.
"""

from __future__ import annotations

import gzip
import html
import itertools
import json
import math
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lib.contract import ProcessedArticle
from lib.geo.gazetteer import get_gazetteer
from lib.geo.names import fold
from lib.ingest import RawArticle, normalise, read_article
from lib.lexicon import load_lexicon
from lib.pipeline import process
from lib.places.resolve import haversine_km


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class PRF:
    """Precision, recall and F1 of one task, from its counts."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return _share(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _share(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Annotated:
    name: str
    doc: ProcessedArticle
    gold: dict

    def locate(self, text: str, nth: int = 1) -> tuple[int, int]:
        """Offsets of the nth occurrence of ``text`` in the stored article."""
        body = self.doc.article.text
        needle = normalise(text)
        at = -1
        for _ in range(nth):
            at = body.find(needle, at + 1)
            if at < 0:
                raise ValueError(f"{self.name}: annotation {text!r} (occurrence {nth}) is not in the text")
        return at, at + len(needle)

    def spans(self, items: list[dict], key: str = "text") -> Iterator[tuple[dict, tuple[int, int]]]:
        for item in items:
            nths = item.get("nth", 1)
            for nth in nths if isinstance(nths, list) else [nths]:
                yield item, self.locate(item[key], nth)


def annotated(folder: Path) -> list[Annotated]:
    """Every annotated article of a folder (``NAME.txt`` beside ``NAME.json``), processed by the
    current pipeline."""
    out = []
    for meta_path in sorted(folder.glob("*.json")):
        gold = json.loads(meta_path.read_text(encoding="utf-8"))
        text = meta_path.with_suffix(".txt").read_bytes()
        raw = read_article(text, title=gold.get("title"), published=gold.get("published"))
        out.append(Annotated(meta_path.stem, process(raw), gold))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _claim_overlapping(span: tuple[int, int], spans: list[tuple[int, int]], used: set[int]) -> int | None:
    """The first predicted span not matched yet that overlaps ``span``, now marked as matched."""
    hit = next((i for i, other in enumerate(spans) if i not in used and _overlap(span, other)), None)
    if hit is not None:
        used.add(hit)
    return hit


@dataclass
class _Toponyms(PRF):
    """Toponyms recognised (the PRF) and how far each recognised one was placed from the gold point."""

    errors_km: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    far: list[str] = field(default_factory=list)

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else float("nan")


@dataclass
class PlaceScores(_Toponyms):
    """Toponym recognition (the PRF), resolution and metonymy."""

    unresolved: int = 0
    literal_right: int = 0
    literal_total: int = 0
    literal_wrong: list[str] = field(default_factory=list)

    @property
    def acc161(self) -> float:
        """Share of recognised toponyms placed within 161 km (100 miles) of the annotated place."""
        total = len(self.errors_km) + self.unresolved
        return sum(1 for e in self.errors_km if e <= 161) / total if total else 0.0

    @property
    def literal_accuracy(self) -> float:
        return _share(self.literal_right, self.literal_total)


def _error_km(place, lat: float, lon: float) -> float:
    """Distance from the annotated point to the resolved place: to its outline for an area (0 when
    the point lies inside it, so a country is not "wrong" for having its centre elsewhere), to its
    point otherwise."""
    from shapely.geometry import Point, shape

    geometry = get_gazetteer().shape(place.gazetteer_key) if place.gazetteer_key else None
    if geometry is not None:
        area = shape(geometry)
        point = Point(lon, lat)
        if area.contains(point):
            return 0.0
        nearest = (
            area.exterior.interpolate(area.exterior.project(point)) if area.geom_type == "Polygon" else None
        )
        if nearest is None:
            from shapely.ops import nearest_points

            nearest = nearest_points(area, point)[0]
        return haversine_km(lat, lon, nearest.y, nearest.x)
    return haversine_km(place.lat, place.lon, lat, lon)


def score_places(articles: list[Annotated]) -> PlaceScores:
    """Toponym recognition (span overlap), resolution distance and literal/metonymic agreement."""
    s = PlaceScores()
    for art in articles:
        if "places" not in art.gold:
            continue  # annotated for voices only
        # the annotation guide counts names of places, not their adjectives ("Syrian forces") nor
        # places inside organisations' names ("Bank of England")
        predicted = [
            (p, m, (m.start, m.end)) for p in art.doc.places for m in p.mentions if not m.associative
        ]
        gold = list(art.spans(art.gold.get("places", []), key="surface"))
        s.gold += len(gold)
        s.predicted += len(predicted)
        used: set[int] = set()
        spans = [span for _, _, span in predicted]
        for g, gspan in gold:
            hit = _claim_overlapping(gspan, spans, used)
            if hit is None:
                s.misses.append(f"{art.name}: {g['surface']}")
                continue
            s.matched += 1
            place, mention, _ = predicted[hit]
            s.literal_total += 1
            if mention.literal == g.get("literal", True):
                s.literal_right += 1
            else:
                context = art.doc.sentence_text(mention.start)
                s.literal_wrong.append(
                    f"{art.name}: {mention.surface} literal={mention.literal} "
                    f"({mention.why}) | {context[:140]}"
                )
            if g.get("lat") is None:
                continue
            if place.lat is None:
                s.unresolved += 1
                s.far.append(f"{art.name}: {g['surface']} unresolved")
                continue
            km = _error_km(place, g["lat"], g["lon"])
            s.errors_km.append(km)
            if km > 161:
                s.far.append(
                    f"{art.name}: {g['surface']} -> {place.name} ({place.country_code}) {km:,.0f} km"
                )
        for i, (place, mention, _) in enumerate(predicted):
            if i not in used:
                s.spurious.append(f"{art.name}: {mention.surface} ({place.name})")
    return s


def same_speaker(predicted: str, gold: str) -> bool:
    """Names of one person or body: equal, one inside the other, or the same last word
    ("Okafor" / "Grace Okafor"; "Reuters" / "REUTERS")."""
    p, g = fold(predicted), fold(gold)
    if not p or not g:
        return False
    if p == g or p in g or g in p or p.split()[-1] == g.split()[-1]:
        return True
    orgs = load_lexicon().organisations
    return orgs.get(p) is not None and orgs.get(p) is orgs.get(g)  # "KCNA" / "Korean Central News Agency"


@dataclass
class VoiceScores(PRF):
    """Quotes found (the PRF), their speakers, and the voices' source types."""

    speaker_right: int = 0
    type_right: int = 0
    type_total: int = 0  # annotated voices that were found
    gold_voices: int = 0  # annotated voices (the article's own excluded)
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    wrong_type: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        """Share of matched quotes given to the right speaker (unattributed counts as a speaker)."""
        return _share(self.speaker_right, self.matched)

    @property
    def type_accuracy(self) -> float:
        """Share of the annotated voices found that have the right source type."""
        return _share(self.type_right, self.type_total)

    @property
    def voice_recall(self) -> float:
        """Share of annotated voices (speakers and intermediaries) found at all."""
        return _share(self.type_total, self.gold_voices)


def score_voices(articles: list[Annotated]) -> VoiceScores:
    """Quotes by span overlap; speakers of the matched quotes; source types of the annotated voices."""
    s = VoiceScores()
    for art in articles:
        predicted = [(v, q, (q.start, q.end)) for v in art.doc.voices for q in v.quotes]
        gold = list(art.spans(art.gold.get("quotes", [])))
        s.gold += len(gold)
        s.predicted += len(predicted)
        used: set[int] = set()
        spans = [span for _, _, span in predicted]
        for g, gspan in gold:
            hit = _claim_overlapping(gspan, spans, used)
            if hit is None:
                s.misses.append(f"{art.name}: [{g['kind']}] {g['speaker']}: {g['text'][:70]}")
                continue
            s.matched += 1
            voice, quote, _ = predicted[hit]
            want = g.get("speaker")
            right = voice.source_type == "article" if want is None else same_speaker(voice.name, want)
            if right or (want and any(same_speaker(a, want) for a in voice.aliases)):
                s.speaker_right += 1
            else:
                s.wrong_speaker.append(f"{art.name}: {want!r} got {voice.name!r}: {quote.text[:60]}")
        for i, (voice, quote, _) in enumerate(predicted):
            if i not in used:
                s.spurious.append(f"{art.name}: [{quote.kind}] {voice.name}: {quote.text[:70]}")
        for g in art.gold.get("voices", []):
            if g.get("source_type") in (None, "article"):
                continue
            s.gold_voices += 1
            match = next((v for v in art.doc.voices if same_speaker(v.name, g["name"])), None)
            if match is None:
                continue
            s.type_total += 1
            if match.source_type == g["source_type"]:
                s.type_right += 1
            else:
                s.wrong_type.append(f"{art.name}: {g['name']} is {g['source_type']}, got {match.source_type}")
    return s


def _same_time(predicted: str | None, gold: str | None) -> bool:
    """Equal values, or one date inside the other's interval ("2008-02-16" in "2008-02-11/2008-02-17")."""
    if predicted == gold:
        return True
    if not predicted or not gold:
        return False

    def bounds(value: str) -> tuple[str, str]:
        first, _, last = value.partition("/")
        last = last or first
        return first, last + "\uffff"  # "2008" covers "2008-..." when compared as text

    (p0, p1), (g0, g1) = bounds(predicted), bounds(gold)
    return (p0 <= g0 and g1 <= p1) or (g0 <= p0 and p1 <= g1)


@dataclass
class ClaimScores(PRF):
    """Claims found (the PRF), their speakers, relations to publication and time values."""

    speaker_right: int = 0
    relation_right: int = 0
    value_right: int = 0
    dated_gold: int = 0
    dated_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)
    wrong_relation: list[str] = field(default_factory=list)
    wrong_value: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return _share(self.speaker_right, self.matched)

    @property
    def relation_accuracy(self) -> float:
        return _share(self.relation_right, self.matched)

    @property
    def value_accuracy(self) -> float:
        """Matched claims whose time value is right, no value counting as right only where the
        annotation has none either (an invented date is wrong)."""
        return _share(self.value_right, self.matched)

    @property
    def dated_accuracy(self) -> float:
        """Of the claims the annotation dates, the share given that date."""
        return _share(self.dated_right, self.dated_gold)


def score_claims(articles: list[Annotated]) -> ClaimScores:
    """Claims by span overlap (each predicted claim matches at most one annotated claim), then the
    speaker, the time value and the relation to publication of the matched ones."""
    s = ClaimScores()
    for art in articles:
        if "claims" not in art.gold:
            continue  # annotated for voices only
        names = {v.id: v for v in art.doc.voices}
        predicted = [(c, (c.start, c.end)) for c in art.doc.claims]
        gold = list(art.spans(art.gold.get("claims", [])))
        s.gold += len(gold)
        s.predicted += len(predicted)
        used: set[int] = set()
        for g, gspan in gold:
            best, best_overlap = None, 0
            for i, (_, span) in enumerate(predicted):
                overlap = min(span[1], gspan[1]) - max(span[0], gspan[0])
                if i not in used and overlap > best_overlap:
                    best, best_overlap = i, overlap
            if best is None or best_overlap < 0.3 * (gspan[1] - gspan[0]):
                s.misses.append(f"{art.name}: {g['text'][:80]}")
                continue
            used.add(best)
            s.matched += 1
            claim = predicted[best][0]
            voice = names.get(claim.speaker or "")
            want = g.get("speaker")
            if (want is None and voice is None) or (
                want
                and voice
                and (same_speaker(voice.name, want) or any(same_speaker(a, want) for a in voice.aliases))
            ):
                s.speaker_right += 1
            else:
                s.wrong_speaker.append(
                    f"{art.name}: {want!r} got {voice.name if voice else None!r}: {claim.text[:60]}"
                )
            if claim.time.relation == g.get("relation"):
                s.relation_right += 1
            else:
                got = f"{claim.time.relation} ({claim.time.basis})"
                s.wrong_relation.append(f"{art.name}: {g.get('relation')} got {got}: {claim.text[:60]}")
            gold_value = g.get("time_value")
            if _same_time(claim.time.value, gold_value):
                s.value_right += 1
            else:
                s.wrong_value.append(f"{art.name}: {gold_value} got {claim.time.value}: {claim.text[:60]}")
            if gold_value:
                s.dated_gold += 1
                s.dated_right += _same_time(claim.time.value, gold_value)
    return s


EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


@dataclass(frozen=True)
class Point:
    """A toponym as a public geoparsing corpus or a system gives it: a span and a point (or none)."""

    start: int
    end: int
    surface: str
    lat: float | None
    lon: float | None


@dataclass
class GeoScores(_Toponyms):
    """Geoparsing measures of Gritta et al. (2019): recognition by span overlap, then the distance
    from each recognised gold toponym's point to the system's point (unresolved: the worst error)."""

    @property
    def acc161(self) -> float:
        return _share(sum(1 for e in self.errors_km if e <= 161), len(self.errors_km))

    @property
    def auc(self) -> float:
        """Area under the curve of scaled log errors (0 best, 1 worst): mean of ln(1+km) / ln(max)."""
        if not self.errors_km:
            return float("nan")
        top = math.log(1 + EARTH_HALF_CIRCUMFERENCE_KM)
        return statistics.fmean(
            math.log(1 + min(e, EARTH_HALF_CIRCUMFERENCE_KM)) / top for e in self.errors_km
        )

    def add(self, name: str, gold: list[Point], predicted: list[Point]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        used: set[int] = set()
        spans = [(p.start, p.end) for p in predicted]
        for g in gold:
            hit = _claim_overlapping((g.start, g.end), spans, used)
            if hit is None:
                self.misses.append(f"{name}: {g.surface}")
                continue
            self.matched += 1
            p = predicted[hit]
            if g.lat is None or g.lon is None:
                continue
            km = (
                EARTH_HALF_CIRCUMFERENCE_KM
                if p.lat is None or p.lon is None
                else haversine_km(p.lat, p.lon, g.lat, g.lon)
            )
            self.errors_km.append(km)
            if km > 161:
                self.far.append(
                    f"{name}: {g.surface} ({g.lat:.2f}, {g.lon:.2f}) got ({p.lat}, {p.lon}): {km:,.0f} km"
                )
        self.spurious += [f"{name}: {p.surface}" for i, p in enumerate(predicted) if i not in used]


DATE_TYPES = ("DATE", "TIME")


@dataclass(frozen=True)
class Timex:
    """A temporal expression as a TimeML corpus or a system gives it: a span, a TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str | None
    surface: str = ""
    mod: str | None = None


@dataclass
class DateScores:
    """TimeML measures over the gold dates (DATE and TIME) and over every TIMEX3: recall by span
    overlap and strict value accuracy (overlapping with exactly the gold value, over all gold ones)."""

    gold_dates: int = 0
    found_dates: int = 0
    right_dates: int = 0
    gold_all: int = 0
    found_all: int = 0
    right_all: int = 0
    predicted: int = 0
    predicted_matching: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def date_recall(self) -> float:
        return _share(self.found_dates, self.gold_dates)

    @property
    def date_accuracy(self) -> float:
        return _share(self.right_dates, self.gold_dates)

    @property
    def recall(self) -> float:
        return _share(self.found_all, self.gold_all)

    @property
    def accuracy(self) -> float:
        return _share(self.right_all, self.gold_all)

    @property
    def precision(self) -> float:
        return _share(self.predicted_matching, self.predicted)

    def add(self, name: str, gold: list[Timex], predicted: list[Timex]) -> None:
        spans = [(p.start, p.end) for p in predicted]
        self.predicted += len(predicted)
        self.predicted_matching += sum(1 for p in spans if any(_overlap(p, (g.start, g.end)) for g in gold))
        used: set[int] = set()
        for g in gold:
            is_date = g.type in DATE_TYPES
            self.gold_all += 1
            self.gold_dates += is_date
            hit = _claim_overlapping((g.start, g.end), spans, used)
            if hit is None:
                if is_date:
                    self.missed.append(f"{name}: “{g.surface}” {g.value}")
                continue
            p = predicted[hit]
            right = p.value == g.value
            self.found_all += 1
            self.found_dates += is_date
            self.right_all += right
            self.right_dates += is_date and right
            if is_date and not right:
                self.wrong.append(f"{name}: “{g.surface}” gold {g.value} | “{p.surface}” {p.value}")


TIMEML_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")


def timeml_text(markup: str) -> tuple[str, list[Timex]]:
    """TimeML markup (a corpus's TEXT, a tagger's output) as its plain text and its TIMEX3 with
    offsets into that text; other tags (EVENT, SIGNAL) are dropped, entities decoded."""
    pieces: list[str] = []
    length, position = 0, 0
    opened: list[tuple[int, dict[str, str]]] = []
    spans: list[tuple[int, int, dict[str, str]]] = []
    for tag in TIMEML_TAG.finditer(markup):
        piece = html.unescape(markup[position : tag.start()])
        pieces.append(piece)
        length, position = length + len(piece), tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) != "/":
            opened.append((length, dict(re.findall(r'(\w+)="([^"]*)"', tag.group(3)))))
        elif opened:
            start, attributes = opened.pop()
            spans.append((start, length, attributes))
    pieces.append(html.unescape(markup[position:]))
    plain = "".join(pieces)
    timexes = [
        Timex(s, e, a.get("type", "DATE"), a.get("value"), plain[s:e], a.get("mod")) for s, e, a in spans
    ]
    return plain, sorted(timexes, key=lambda t: t.start)


def load_corpus(
    path: Path, limit: int | None, keep: Callable[[dict], bool] = lambda a: True
) -> dict[str, list[dict]]:
    """A local JSON-lines corpus (gzip) as its articles by corpus name, at most ``limit`` of each,
    those ``keep`` accepts; the benchmarks read theirs with it."""
    by_corpus: dict[str, list[dict]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            if keep(article) and len(group := by_corpus.setdefault(article["corpus"], [])) < (limit or 10**9):
                group.append(article)
    return by_corpus


@dataclass
class StageClock:
    """Seconds in each pipeline component over many ``process()`` runs, for a bench to print one
    stage's cost as a share of the bare parse (the components that are not Lens's own)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def process(self, raw: RawArticle) -> ProcessedArticle:
        marks: list[tuple[str, float]] = []
        doc = process(raw, on_stage=lambda name: marks.append((name, time.perf_counter())))
        marks.append(("", time.perf_counter()))
        for (name, begun), (_, ended) in itertools.pairwise(marks):
            self.seconds[name] += ended - begun
        return doc

    def share(self, stage: str) -> float:
        parse = sum(t for name, t in self.seconds.items() if not name.startswith("lens_"))
        return self.seconds[stage] / parse if parse else float("nan")


def lens_points(doc: ProcessedArticle, *, adjectival: bool) -> list[Point]:
    """Every place mention Lens found, at the point of the place it was resolved to; adjectives of
    places ("Syrian forces") only for a corpus whose guidelines annotate them as toponyms. Places
    inside organisations' names ("the Fargo Police Department") always: LGL and TR-News annotate
    them, GeoVirus often ("the U.S. Centers for Disease Control")."""
    return [
        Point(m.start, m.end, m.surface, p.lat, p.lon)
        for p in doc.places
        for m in p.mentions
        if adjectival or not m.adjectival
    ]


def offset_map(original: str, processed: str) -> list[int]:
    """For each character offset of ``original`` (and its end), the offset of the same place in
    ``processed``, the text after ingest (which may drop stray whitespace or a repeated headline)."""
    import difflib

    mapping = [0] * (len(original) + 1)
    matcher = difflib.SequenceMatcher(None, original, processed, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        for i in range(a0, a1 + 1):
            mapping[i] = b0 + (i - a0 if tag == "equal" else (b1 - b0) * (i - a0) // max(1, a1 - a0))
    return mapping


Ranges = tuple[tuple[int, int], ...]
PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "him", "her", "them", "his", "their", "its", "who"]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "another", "one", "some", "many", "several", "two", "three", "other"]
)


@dataclass(frozen=True)
class Attribution:
    """One attribution as a corpus or a system gives it: the reported content (a quote broken by
    its cue has two ranges), where its source is named, and what it is called. A system's
    ``source`` is every mention of the voice it chose; the corpus's is the words of this one."""

    content: Ranges
    source: Ranges = ()
    names: tuple[str, ...] = ()
    kind: str = ""
    cue: str = ""
    refers: str = ""
    """Own annotations: how the sentence names a named speaker ("pronoun", "description", "name")."""


def _chars(ranges: Ranges) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def kind_of(text: str, content: Ranges) -> str:
    """A corpus attribution's kind from its words: direct when the content is quoted throughout,
    partial when it holds quoted words, indirect otherwise."""
    marks = '"\u201c\u201d\u201e\u00ab\u00bb'
    words = " ".join(text[s:e] for s, e in content).strip(" .,;:")
    if not any(m in words for m in marks):
        return "indirect"
    inside, quoted = False, 0
    for ch in words:
        if ch in marks:
            inside = not inside if ch == '"' else ch in "\u201c\u201e\u00ab"
        elif inside and not ch.isspace():
            quoted += 1
    letters = sum(1 for ch in words if not ch.isspace() and ch not in marks)
    return "direct" if letters and quoted >= 0.9 * letters else "partial"


@dataclass
class AttributionScores(PRF):
    """Attributions matched one to one when their contents overlap by at least half of the longer
    one; per kind of the gold attribution; speakers of the matched ones."""

    by_kind: dict[str, PRF] = field(default_factory=dict)
    speech_recall: dict[str, PRF] = field(default_factory=dict)  # gold whose cue is a speech verb
    speaker_right: int = 0
    described: int = 0  # matched gold whose source is a pronoun or a description
    described_named: int = 0  # ... that the system gave a named voice (a corpus: its name unknown)
    resolved: int = 0  # own: matched gold that a pronoun or description gives a named speaker
    resolved_right: int = 0  # ... that the system gave to that speaker
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_speaker: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return _share(self.speaker_right, self.matched)

    @property
    def resolution(self) -> float:
        """Own annotations: the share of pronoun and description sources given the named speaker."""
        return _share(self.resolved_right, self.resolved)

    def add(
        self,
        name: str,
        text: str,
        gold: list[Attribution],
        predicted: list[Attribution],
        speech_cues: frozenset[str] = frozenset(),
        by_name: bool = False,
    ) -> None:
        """Score one article. ``speech_cues``: lemmas of speech verbs (a gold ``cue`` is a lemma).
        ``by_name``: the gold names its speakers (own annotations) rather than pointing at the
        words of each source (a corpus)."""
        self.gold += len(gold)
        self.predicted += len(predicted)
        chars = [_chars(p.content) for p in predicted]
        used: set[int] = set()
        for g in gold:
            kind = self.by_kind.setdefault(g.kind, PRF())
            kind.gold += 1
            speech = g.cue in speech_cues
            if speech:
                self.speech_recall.setdefault(g.kind, PRF()).gold += 1
            want = _chars(g.content)
            best, best_overlap = None, 0.0
            for i, c in enumerate(chars):
                if i in used or not c:
                    continue
                shared = len(want & c)
                if shared and shared >= 0.5 * max(len(want), len(c)) and shared > best_overlap:
                    best, best_overlap = i, shared
            if best is None:
                self.misses.append(f"{name}: [{g.kind}] {g.names[:1]}: {_excerpt(text, g.content)}")
                continue
            used.add(best)
            self.matched += 1
            kind.matched += 1
            if speech:
                self.speech_recall[g.kind].matched += 1
            self._speaker(name, text, g, predicted[best], by_name)
        for i, p in enumerate(predicted):
            if i not in used:
                self.spurious.append(f"{name}: [{p.kind}] {p.names[:1]}: {_excerpt(text, p.content)}")
        for p in predicted:
            self.by_kind.setdefault(p.kind, PRF()).predicted += 1

    def _speaker(self, name: str, text: str, g: Attribution, p: Attribution, by_name: bool) -> None:
        if by_name:
            want = g.names[0] if g.names else None
            names = [n for n in p.names if fold(n) not in PRONOUNS]
            right = (not p.names) if want is None else any(same_speaker(n, want) for n in names)
            if g.refers in ("pronoun", "description"):
                self.resolved += 1
                self.resolved_right += right
        else:
            right = bool(_chars(g.source) & _chars(p.source))
            surface = " ".join(text[s:e] for s, e in g.source)
            if not right and surface and surface[:1].isupper() and fold(surface) not in PRONOUNS:
                right = any(same_speaker(n, surface) for n in p.names if fold(n) not in PRONOUNS)
            if g.source and _described(surface):
                self.described += 1
                self.described_named += any(n[:1].isupper() and fold(n) not in PRONOUNS for n in p.names[:1])
        self.speaker_right += right
        if not right:
            self.wrong_speaker.append(f"{name}: {g.names[:1] or '(none)'} got {p.names[:1]}: "
                                      f"{_excerpt(text, g.content)}")  # fmt: skip


def _described(surface: str) -> bool:
    """A source named by a pronoun or a description ("he", "the official", "a source"), not a name."""
    words = surface.split()
    if not words or fold(words[0]) in PRONOUNS:
        return bool(words)
    rest = words[1:] if fold(words[0]) in DETERMINERS else words
    return not any(w[:1].isupper() for w in rest)


def _excerpt(text: str, ranges: Ranges) -> str:
    words = " ".join(text[s:e] for s, e in ranges).split()
    return " ".join(words)[:80]
