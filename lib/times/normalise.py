"""One temporal expression's TIMEX3 reading: type, value, modifier and anchor, with the reason.

Pure and without spaCy, so each rule is tested on its own. The reading depends on three things beside
the words: the publication date (what "yesterday" and "Friday" count from), the tense of the clause
(whether "in March" and "on Friday" look back or ahead), and the date mentioned before (what "a day
later", "the same day" and, after a quarter, "a year earlier" count from). Without a publication date
only expressions that name their own year get a date; nothing is invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from lib.contract import TIMEX_VALUE, Anchor, TimexMod, TimexType
from lib.times.values import interval, unit_of

Tense = Literal["past", "present", "future"]


def _numbered(groups: list[tuple[str, ...]], first: int) -> dict[str, int]:
    """Each name of each group with the group's number ("sept" and "september" -> 9)."""
    return {name: n for n, names in enumerate(groups, first) for name in names}


MONTHS = _numbered(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")],
    1,
)  # fmt: skip
WEEKDAYS = _numbered(
    [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
     ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun")],
    0,
)  # fmt: skip
NUMBERS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80})
NUMBERS.update({"ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1, "couple": 2, "dozen": 12})
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
VAGUE_COUNTS = {"few", "several", "some", "many", "recent", "coming", "next few", "past few", "last few"}
UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("D", False),
    "fortnight": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("E", False),
    "century": ("C", False),
    "millennium": ("L", False),
}
"""Duration unit letters of ISO 8601 / TIMEX3, and whether they belong after the ``T``."""
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SEASON_CODES = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PRESENT = (
    "now",
    "right now",
    "currently",
    "current",
    "at present",
    "presently",
    "nowadays",
    "these days",
    "at the moment",
    "at this time",
    "this time",
    "the present",
    "today's",
    "so far",
    "to date",
)
PAST = (
    "recently",
    "recent",
    "lately",
    "the past",
    "previously",
    "formerly",
    "once",
    "earlier",
    "in the past",
    "historically",
    "before",
    "past",
    "more recently",
    "until recently",
)
FUTURE = (
    "future",
    "the future",
    "the near future",
    "soon",
    "shortly",
    "eventually",
    "later",
    "the near term",
    "the short term",
    "the long term",
    "a later date",
    "from now on",
    "someday",
    "one day",
)

MODS: tuple[tuple[str, TimexMod], ...] = (
    ("the beginning of ", "START"),
    ("the start of ", "START"),
    ("the first part of ", "START"),
    ("the early part of ", "START"),
    ("beginning of ", "START"),
    ("start of ", "START"),
    ("early ", "START"),
    ("the middle of ", "MID"),
    ("middle of ", "MID"),
    ("mid ", "MID"),
    ("the end of ", "END"),
    ("end of ", "END"),
    ("the latter part of ", "END"),
    ("late ", "END"),
    ("no more than ", "EQUAL_OR_LESS"),
    ("no less than ", "EQUAL_OR_MORE"),
    ("at least ", "EQUAL_OR_MORE"),
    ("at most ", "EQUAL_OR_LESS"),
    ("up to ", "EQUAL_OR_LESS"),
    ("more than ", "MORE_THAN"),
    ("over ", "MORE_THAN"),
    ("less than ", "LESS_THAN"),
    ("under ", "LESS_THAN"),
    ("nearly ", "LESS_THAN"),
    ("almost ", "LESS_THAN"),
    ("about ", "APPROX"),
    ("around ", "APPROX"),
    ("approximately ", "APPROX"),
    ("roughly ", "APPROX"),
    ("some ", "APPROX"),
)
PREPOSITIONS = re.compile(
    r"^(on|in|at|by|during|since|from|until|till|through|throughout|before|after|of|for|within|as of|between|"
    r"starting|beginning|ending|circa|c\.)\s+"
)


@dataclass(frozen=True)
class Reading:
    """A TIMEX3 reading of one expression; ``basis`` says how it was decided, for the user."""

    type: TimexType
    value: str | None
    mod: TimexMod | None = None
    anchor: Anchor = "none"
    basis: str = ""


@dataclass(frozen=True)
class Context:
    published: date | None
    tense: Tense | None = None
    previous: Reading | None = None
    """The last expression before this one that has a calendar value."""
    ending: Reading | None = None
    """The date a period is said to end on ("the quarter ended Sept. 30")."""
    dates_event: bool = False
    """Whether the expression says when its clause's verb happened ("In January, a bomb killed"), not
    a deadline or a date the verb is about ("set Nov. 10 as the deadline", "extended to Nov. 16")."""


# ---------------------------------------------------------------------------------------------------
# words to numbers


def _count(words: str) -> int | float | None:
    """ "two" -> 2, "twenty four" -> 24, "2 1/2" -> 2.5, "a" -> 1; None for "several" and the like."""
    words = words.strip().replace("-", " ")
    if not words:
        return 1
    if m := re.fullmatch(r"(\d+)(?:\s+1/2|\.5| and a half)", words):
        return int(m[1]) + 0.5
    if re.fullmatch(r"\d+(\.\d+)?", words.replace(",", "")):
        number = float(words.replace(",", ""))
        return int(number) if number.is_integer() else number
    total = 0
    for w in words.replace(" and a half", " half").split():
        w = w.removesuffix("s") if w not in NUMBERS else w
        if w in ("of", "and"):
            continue
        if w == "half":
            return total + 0.5 if total else 0.5
        if w not in NUMBERS:
            return None
        n = NUMBERS[w]
        total = total * n if n == 100 and total else total + n
    return total or None


def _duration(count: int | float | None, unit: str) -> str:
    letter, timed = UNITS[unit]
    if unit in ("weekend", "fortnight") and count is not None:
        count = 2 * count  # a weekend is two days, a fortnight two weeks
    amount = "X" if count is None else (f"{count:g}")
    if isinstance(count, float) and not count.is_integer():
        smaller = {"Y": ("M", 12), "D": ("H", 24), "H": ("M", 60), "M": ("S", 60) if timed else ("D", 30)}
        if letter in smaller:
            small, factor = smaller[letter]
            whole, part = int(count), round((count - int(count)) * factor)
            front = f"{whole}{letter}" if whole else ""
            if timed or (small in "HMS" and letter in "DH"):
                return f"PT{front}{part}{small}" if timed else f"P{front}T{part}{small}"
            return f"P{front}{part}{small}"
    return f"PT{amount}{letter}" if timed else f"P{amount}{letter}"


UNIT = (
    r"(second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|centurie|"
    r"millennium|millennia)s?"
)
COUNT = (
    r"(?P<count>\d+(?:[.,]\d+)?(?:\s+1/2)?|(?:a |an )?(?:couple|dozen)(?: of)?|a|an|one|single|"
    r"(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|and|"
    r"a half)[\s]*)+|few|several|some|many|a few|the next few|the past few)"
)


def _unit_name(raw: str) -> str:
    raw = raw.removesuffix("s")
    return {"centurie": "century", "millennia": "millennium"}.get(raw, raw)


# ---------------------------------------------------------------------------------------------------
# calendar arithmetic


def _shift(day: date, unit: str, n: int) -> date:
    if unit in ("day", "night"):
        return day + timedelta(days=n)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=n)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}.get(unit, 0) * n
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    if not 1 <= year <= 9999:
        raise ValueError("out of the calendar")
    return date(year, month + 1, min(day.day, 28))


def _format(day: date, unit: str) -> str:
    """The value of the calendar unit holding ``day``: its day, ISO week, month, quarter, year..."""
    if unit in ("day", "night"):
        return day.isoformat()
    if unit in ("week", "fortnight"):
        y, w, _ = day.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "weekend":
        y, w, _ = day.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{day.year:04d}-H{1 if day.month <= 6 else 2}"
    if unit == "decade":
        return f"{day.year // 10:03d}"
    if unit == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


NEAR_DAYS = 90
"""A month or day named without a year within this many days of publication is in the nearest year
whatever the tense; farther off, the tense decides between the one before and the one after."""


def _pick_year(month: int, day: int | None, ctx: Context) -> int:
    """The year of a month (and day) the text names without one: around publication, looking back
    in a past-tense clause and ahead in a future one; otherwise the nearest."""
    assert ctx.published is not None
    pub = ctx.published
    options = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            first = date(year, month, day or 1)
        except ValueError:
            continue
        last = first if day else _shift(first, "month", 1) - timedelta(days=1)
        options.append((year, first, last))

    if not options:  # "February 30": no year has that day
        return pub.year

    def distance(o: tuple[int, date, date]) -> int:
        return 0 if o[1] <= pub <= o[2] else min(abs((o[1] - pub).days), abs((o[2] - pub).days))

    nearest = min(options, key=distance)
    # near publication the nearest, unless the clause rules it out: "will be named in December"
    # written in March is this December, and a past event dated by the month ("In January, a bomb
    # killed", written in October) is in the January gone. A past clause alone does not: "set Nov. 10
    # as the deadline", "declared a dividend payable Dec. 7".
    if distance(nearest) <= NEAR_DAYS and not (
        (ctx.tense == "future" and nearest[2] < pub)
        or (ctx.tense == "past" and ctx.dates_event and nearest[1] > pub)
    ):
        return nearest[0]
    if ctx.tense == "past":
        before = [o for o in options if o[1] <= pub]
        if before:
            return before[-1][0]
    if ctx.tense == "future":
        after = [o for o in options if o[2] >= pub]
        if after:
            return after[0][0]
    return nearest[0]


def _weekday(target: int, direction: str | None, ctx: Context) -> date:
    """The date of a weekday named without a date: the publication day itself when it is that day,
    else the one before (or, in a clause that looks ahead, after) publication."""
    assert ctx.published is not None
    pub = ctx.published
    back = (pub.weekday() - target) % 7
    ahead = (target - pub.weekday()) % 7
    if direction == "last":
        return pub - timedelta(days=back or 7)
    if direction in ("next", "coming"):
        return pub + timedelta(days=ahead or 7)
    if direction == "this" and ahead:
        return pub + timedelta(days=ahead) if ctx.tense == "future" else pub - timedelta(days=back)
    if back == 0:
        return pub
    if ctx.tense == "future" or (ctx.tense != "past" and ahead < back):
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back)


# ---------------------------------------------------------------------------------------------------
# the rules


TENS = (
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "sixty|seventy|eighty|ninety"
)
ONES = "one|two|three|four|five|six|seven|eight|nine"
SPOKEN_YEAR = re.compile(
    rf"\b(?:(nineteen|twenty|eighteen) ((?:{TENS})(?: (?:{ONES}))?|hundred)"
    rf"|two thousand(?: and)?(?: ((?:{TENS})(?: (?:{ONES}))?|{ONES}))?)\b"
)
"""A year as a broadcast transcript spells it: "nineteen ninety six", "two thousand and one"."""


def _spoken_year(m: re.Match[str]) -> str:
    if m[1]:
        century = NUMBERS[m[1]]
        rest = 0 if m[2] == "hundred" else _count(m[2]) or 0
        return str(century * 100 + int(rest))
    return str(2000 + int(_count(m[3]) or 0)) if m[3] else "2000"


def _clean(text: str) -> str:
    s = text.lower().replace("’", "'").strip().strip('.,;:!?"“”‘()[]').rstrip("'")
    s = s.replace("—", " ").replace("–", "-")
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=\d)-(?=[a-z])", " ", s)
    s = re.sub(r"\bmid(?=\d)", "mid ", s)
    s = re.sub(r"'s$|(?<=s)'$", "", s)
    s = re.sub(r"\s+", " ", s)
    s = SPOKEN_YEAR.sub(_spoken_year, s)
    while True:
        stripped = PREPOSITIONS.sub("", s)
        if stripped == s:
            return s
        s = stripped


def _mods(s: str) -> tuple[str, TimexMod | None]:
    mod: TimexMod | None = None
    if re.match(
        r"(the|an?) (early|late|mid|middle|end|beginning|start|first part|latter part|last half|first half) ",
        s,
    ):
        s = s.split(" ", 1)[1]
    decade = r"(?=(the )?('\d0s|\d{3}0s))"
    s = re.sub(
        r"^(last|second|latter) half of " + decade, "late ", re.sub(r"^first half of " + decade, "early ", s)
    )
    for prefix, found in MODS:
        if s.startswith(prefix):
            s, mod = s[len(prefix) :], found
            break
    if s.endswith(" or so"):
        s, mod = s[: -len(" or so")], "APPROX"
    elif s.endswith(" or more"):
        s, mod = s[: -len(" or more")], "EQUAL_OR_MORE"
    elif s.endswith(" or less"):
        s, mod = s[: -len(" or less")], "EQUAL_OR_LESS"
    return s, mod


def _year(word: str, pub: date | None) -> int | None:
    """A four-digit year, or an apostrophe year ("'98") read in the century around publication."""
    if re.fullmatch(r"\d{4}", word):
        return int(word)
    if m := re.fullmatch(r"'(\d\d)", word):
        base = (pub or date.today()).year
        year = base // 100 * 100 + int(m[1])
        return year - 100 if year > base + 10 else year
    return None


MONTH_WORD = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY_WORD = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
YEAR_WORD = r"(?P<year>\d{4}|'\d\d)"
CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?|o'clock)(?:\s+(?:[a-z]{2,3}t|gmt|utc))?"
    r"|(?P<noon>noon|midday|midnight)"
)


def normalise(text: str, ctx: Context) -> Reading:
    """The TIMEX3 reading of ``text`` in its context (type DATE with value None when the words fix
    no value)."""
    s, mod = _mods(_clean(text))
    s = re.sub(r"^(the|this past|this coming) (?=(morning|afternoon|evening|night)\b)", "this ", s)
    s = re.sub(
        r"^(earlier|later|just|only|sometime|some time|as early as|as late as|as recently as|until|since)\s+",
        "",
        s,
    )
    if s in ("year end", "year's end", "the year's end", "the year end", "yearend"):
        s, mod = "this year", "END"
    if mod in ("START", "MID", "END") and (
        m := re.fullmatch(r"(?:the |this )?(year|month|week|quarter|decade|century)", s)
    ):
        s = f"this {m[1]}"
    if ctx.ending and (
        m := re.fullmatch(r"(?:the |its |their )?(?:fiscal |calendar |full )?(year|month|week)", s)
    ):
        span = interval(ctx.ending.value)
        if span:
            return Reading(
                "DATE",
                _format(span[1], m[1]),
                mod,
                "previous",
                f"“{text}”: the {m[1]} that ends on {ctx.ending.value}",
            )
    if s in ("the full year", "the whole year", "the entire year", "the calendar year", "full year"):
        s = "this year"
    try:
        reading = _read(s, ctx, text)
        if reading is None and s.startswith("the "):
            reading = _read(s[4:], ctx, text)
    except (ValueError, OverflowError):  # arithmetic past the calendar's ends ("last year" in year 1)
        reading = None
    if reading is None:
        return Reading("DATE", None, mod, "none", f"“{text}” has no value of its own")
    if reading.value is not None and not re.fullmatch(TIMEX_VALUE, reading.value):
        return Reading(reading.type, None, mod, "none", f"“{text}” has no value TIMEX3 can write")
    if mod and reading.mod is None:
        part = MOD_WORDS.get(mod)
        reading = replace(reading, mod=mod, basis=f"{reading.basis}, {part}" if part else reading.basis)
    return reading


MOD_WORDS: dict[TimexMod, str] = {
    "START": "its first third",
    "MID": "its middle third",
    "END": "its last third",
    "APPROX": "about then",
    "BEFORE": "before it",
    "AFTER": "after it",
    "ON_OR_BEFORE": "up to it",
    "ON_OR_AFTER": "from it on",
    "LESS_THAN": "less than that",
    "MORE_THAN": "more than that",
    "EQUAL_OR_LESS": "that or less",
    "EQUAL_OR_MORE": "that or more",
}
"""How the Timeline's hover says what a modifier does to the value."""


def _read(s: str, ctx: Context, text: str) -> Reading | None:
    pub = ctx.published
    said = f"“{text}”"

    def relative(value: str, how: str) -> Reading | None:
        return Reading("DATE", value, None, "publication", f"{said}: {how}") if pub else None

    # references to the present, past and future
    if s in PRESENT:
        return Reading("DATE", "PRESENT_REF", None, "none", f"{said} refers to the time of publication")
    if s in PAST or re.fullmatch(r"(in )?(recent|past|previous|earlier|prior) (years|decades|times|days)", s):
        return Reading("DATE", "PAST_REF", None, "none", f"{said} refers to some time before publication")
    if s in FUTURE or re.fullmatch(
        r"(the )?(coming|next few|weeks and) (days|weeks|months|years|decades)"
        r"|future (years|quarters|months)",
        s,
    ):
        return Reading("DATE", "FUTURE_REF", None, "none", f"{said} refers to some time after publication")

    # sets: "daily", "every Monday", "each year"
    simple_sets = {
        "daily": "P1D",
        "nightly": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "quarterly": "P1Q",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
        "biweekly": "P2W",
    }
    if s in simple_sets:
        return Reading("SET", simple_sets[s], None, "none", f"{said}: a repeated time")
    if m := re.fullmatch(r"(every|each|per|a|an) (other )?" + UNIT, s):
        unit = _unit_name(m[3])
        if unit in UNITS:
            return Reading("SET", _duration(2 if m[2] else 1, unit), None, "none", f"{said}: a repeated time")
    if m := re.fullmatch(r"(every|each) " + WEEKDAY_WORD + r"s?", s) or re.fullmatch(WEEKDAY_WORD + "s", s):
        return Reading("SET", f"XXXX-WXX-{WEEKDAYS[m['weekday']] + 1}", None, "none", f"{said}: every week")
    if m := re.fullmatch(r"(every|each) " + MONTH_WORD, s):
        return Reading("SET", f"XXXX-{MONTHS[m['month']]:02d}", None, "none", f"{said}: every year")

    # the publication day and its neighbours
    days = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "last night": -1,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "tomorrow morning": 1,
        "yesterday morning": -1,
        "yesterday afternoon": -1,
        "tomorrow night": 1,
        "overnight": 0,
        "this night": 0,
    }
    if s in days and pub:
        day = pub + timedelta(days=days[s])
        part = next((code for word, code in DAY_PARTS.items() if word in s.split()), None)
        if s in ("last night", "overnight"):
            part = "NI"
        if part and s != "tonight":
            return Reading(
                "TIME", f"{day.isoformat()}T{part}", None, "publication", f"{said}: counted from publication"
            )
        return relative(day.isoformat(), "counted from the publication date")

    # clock times, with or without a day
    if m := CLOCK.search(s):
        rest = (s[: m.start()] + " " + s[m.end() :]).strip()
        rest = re.sub(r"^(at|on|,)\s*|\s*(,|on)$", "", rest).strip()
        day_reading = _read(rest, ctx, rest) if rest else None
        day_value = (
            day_reading.value
            if day_reading and day_reading.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day_reading.value)
            else None
        )
        told = ctx.previous
        if day_value is None and not rest and told and told.value and unit_of(told.value) == "day":
            day_value = told.value[:10]  # "shot at 10 p.m." after "on Oct. 23": the day being told
            day_reading = replace(told, anchor="previous")
        elif day_value is None and not rest and pub:
            day_value = pub.isoformat()
        if day_value:
            if m["noon"]:
                clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m["noon"]]
            else:
                hour = int(m["h"]) % 12 + (12 if m["ampm"] and m["ampm"].startswith("p") else 0)
                if m["ampm"] == "o'clock":
                    hour = int(m["h"])
                clock = f"{hour:02d}:{m['m'] or '00'}"
            anchor: Anchor = day_reading.anchor if day_reading else "publication"
            return Reading("TIME", f"{day_value}T{clock}", None, anchor, f"{said}: a time of day")

    # durations: "three years", "the past two weeks", "a five-hour (meeting)"
    if m := re.fullmatch(
        r"(?:(?:the|a|an|their|its|his|her) )?"
        r"(?:(?P<rel>past|last|next|coming|previous|following|first|final|"
        r"initial|remaining|latest|same|ensuing|preceding|subsequent|other|further) )?"
        + COUNT
        + r"(?: more| additional| straight| consecutive| full| long)? "
        + UNIT
        + r"(?: long| old| of)?",
        s,
    ):
        unit = _unit_name(m.group(m.lastindex or 0))
        raw = m["count"]
        count = (
            None
            if raw in VAGUE_COUNTS or raw.strip() in VAGUE_COUNTS
            else _count(re.sub(r"^(a|an) (couple|dozen)", r"\2", raw).replace("of", ""))
        )
        if unit in UNITS:
            if unit == "decade" and isinstance(count, int):
                return Reading("DURATION", f"P{count * 10}Y", None, "none", f"{said}: a length of time")
            return Reading("DURATION", _duration(count, unit), None, "none", f"{said}: a length of time")
    if m := re.fullmatch(r"(?:the |a |an )?(?:(?:past|last|next|coming|recent|previous|first) )?" + UNIT, s):
        unit = _unit_name(m[1])
        plural = s.endswith("s")
        bare = not s.startswith(("the ", "last ", "next ", "past ", "this ", "coming "))
        if (plural or bare) and unit in UNITS and unit != "weekend":
            return Reading(
                "DURATION", _duration(None if plural else 1, unit), None, "none", f"{said}: a length of time"
            )

    # "N units ago", "N units earlier", "a year earlier", "the year-ago quarter"
    if m := re.fullmatch(
        COUNT + r" " + UNIT + r" (ago|earlier|before|later|after|from now|hence|back|since)", s
    ):
        unit = _unit_name(m.group(m.lastindex - 1 if m.lastindex else 0))
        direction = m.group(m.lastindex or 0)
        count = _count(m["count"]) if m["count"] not in VAGUE_COUNTS else None
        sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
        if count is None:
            ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
            return Reading(
                "DATE", ref, None, "none", f"{said}: some time {'before' if sign < 0 else 'after'}"
            )
        if unit in UNITS and unit not in ("second", "minute", "hour"):
            base: date | None = pub
            anchor, grain = "publication", unit
            prev = ctx.previous
            if direction in ("earlier", "later", "before", "after") and prev and prev.value:
                span = interval(prev.value)
                grain = unit_of(prev.value) or unit
                if span:
                    base, anchor = span[0], "previous"
            elif (
                direction == "ago"
                and prev
                and prev.value
                and unit_of(prev.value) == "quarter"
                and unit == "year"
            ):
                span = interval(
                    prev.value
                )  # "a year ago" beside a quarter's figures: that quarter a year before
                if span:  # counted from the quarter, so no base for a later "year-earlier period"
                    base, grain, anchor = span[0], "quarter", "previous"
            if base is None:
                return None
            try:
                moved = _shift(base, unit, sign * int(count))
            except ValueError:
                return None
            if unit == "decade" and grain == "decade":
                grain = "year"
            value = _format(moved, grain if _rank(grain) <= _rank(unit) else unit)
            where = "the date mentioned before" if anchor == "previous" else "publication"
            return Reading("DATE", value, None, anchor, f"{said}: counted from {where}")
    if m := re.fullmatch(
        r"(?:the )?(year|quarter|month|week|day) (?:earlier|ago|before)"
        r"(?: (quarter|period|year|month|level|figure|results?))?",
        s,
    ):
        unit = m[1]
        base_value = ctx.previous.value if ctx.previous else None
        base_grain = unit_of(base_value) if base_value else None
        span = interval(base_value) if base_value else None
        base = span[0] if span else pub
        if base:
            grain = base_grain or (m[2] if m[2] in UNITS else unit)
            if m[2] in ("quarter", "month", "year") and _rank(grain) < _rank(m[2]):
                grain = m[2]  # "the year-ago quarter" after "the quarter ended Sept. 30": a quarter
            return Reading(
                "DATE",
                _format(_shift(base, unit, -1), grain),
                None,
                "previous" if span else "publication",
                f"{said}: a {unit} before the date mentioned before",
            )

    # this/last/next unit: "last week", "this year", "next month", "earlier this year"
    if m := re.fullmatch(
        r"(?:(earlier|later) )?(this|last|next|the past|the last|the previous|the coming|the current|"
        r"the latest|the most recent|the same|that|the following|the next|the prior|past|coming|current|"
        r"the present|within the|this past|this coming) (day|week|month|quarter|year|decade|century|"
        r"fiscal year|half|season|period|time)",
        s,
    ):
        which, unit = m[2], m[3].replace("fiscal ", "")
        if unit in ("season", "period", "time"):
            found_unit = unit_of(ctx.previous.value) if ctx.previous and ctx.previous.value else None
            if which in ("that", "the same") and ctx.previous and ctx.previous.value:
                return Reading(
                    "DATE", ctx.previous.value, None, "previous", f"{said}: the date mentioned before"
                )
            if found_unit is None:
                return None
            unit = found_unit
        step = {
            "last": -1,
            "the past": -1,
            "the last": -1,
            "the previous": -1,
            "the prior": -1,
            "past": -1,
            "next": 1,
            "the coming": 1,
            "the following": 1,
            "the next": 1,
            "coming": 1,
            "this coming": 1,
            "this past": -1,
        }.get(which, 0)
        if which in ("the same", "that") and ctx.previous and ctx.previous.value:
            span = interval(ctx.previous.value)
            if span:
                return Reading(
                    "DATE", _format(span[0], unit), None, "previous", f"{said}: the date mentioned before"
                )
        if (
            which in ("the following", "the next", "the previous", "the prior")
            and ctx.previous
            and ctx.previous.value
        ):
            span = interval(ctx.previous.value)
            if span:
                return Reading(
                    "DATE",
                    _format(_shift(span[0], unit, step), unit),
                    None,
                    "previous",
                    f"{said}: counted from the date mentioned before",
                )
        if pub is None:
            return None
        if unit == "quarter" and which in ("the latest", "the most recent"):
            step = -1
        if unit == "day":
            return relative(_format(pub + timedelta(days=step), "day"), "counted from the publication date")
        if unit == "half":
            return relative(
                _format(_shift(pub, "month", 6 * step), "half"), "counted from the publication date"
            )
        return relative(_format(_shift(pub, unit, step), unit), "counted from the publication date")
    if s in (
        "the quarter",
        "the latest quarter",
        "the latest period",
        "the period",
        "the most recent quarter",
        "the quarter just ended",
        "the just ended quarter",
        "the latest fiscal quarter",
    ):
        if ctx.ending and ctx.ending.value and (span := interval(ctx.ending.value)):
            return Reading(
                "DATE",
                _format(span[1], "quarter"),
                None,
                "previous",
                f"{said}: the quarter that ends on {ctx.ending.value}",
            )
        if (
            ctx.previous
            and ctx.previous.value
            and unit_of(ctx.previous.value) == "quarter"
            and s == "the quarter"
        ):
            return Reading(
                "DATE", ctx.previous.value, None, "previous", f"{said}: the quarter mentioned before"
            )
        if pub:
            return relative(
                _format(_shift(pub, "quarter", -1), "quarter"),
                "the last quarter completed before publication",
            )
    if (
        s
        in (
            "the weekend",
            "this weekend",
            "the past weekend",
            "last weekend",
            "next weekend",
            "over the weekend",
        )
        and pub
    ):
        if ctx.tense == "future" or s == "next weekend":
            saturday = pub + timedelta(days=(5 - pub.weekday()) % 7 or 7)
        else:
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # the Saturday before, or this one
        return relative(_format(saturday, "weekend"), "the weekend next to publication")

    # quarters and halves: "the third quarter", "third-quarter", "the 1988 second quarter", "this year's
    # first half", "the year-ago quarter", "the fourth quarter ended June 30"
    if quarter := _quarter(s, ctx, said):
        return quarter

    # seasons: "last summer", "the spring of 1998", "this fall"
    if m := re.fullmatch(
        r"(?:(this|last|next|the|this past|this coming|past|coming) )?(spring|summer|fall|autumn|winter)"
        r"(?: (?:of )?(?P<year>\d{4}|'\d\d))?",
        s,
    ):
        code = SEASON_CODES[m[2]]
        year = _year(m["year"], pub) if m["year"] else None
        if year is not None:
            return Reading("DATE", f"{year}-{code}", None, "text", f"{said} → {year}-{code}")
        if pub is None:
            return None
        start = date(pub.year, SEASON_START[code], 1)
        if code == "WI" and pub.month <= 2:
            start = date(pub.year - 1, 12, 1)
        said_which = m[1] not in (None, "the")
        which = m[1] if said_which else {"past": "past", "future": "next"}.get(ctx.tense or "", "this")
        this_end = _shift(start, "month", 3) - timedelta(days=1)
        if (which in ("last", "past", "this past") and start > pub - timedelta(days=1)) or (
            which in ("last", "past", "this past") and this_end >= pub
        ):
            start = _shift(start, "year", -1)
        elif which in ("next", "coming", "this coming") and start <= pub:
            start = _shift(start, "year", 1)
        if which == "this":
            return relative(f"{start.year}-{code}", "the season around publication")
        side = "before" if start < pub else "after"
        why = f"as “{m[1]}” says" if said_which else f"as the {ctx.tense} tense of the clause says"
        return relative(f"{start.year}-{code}", f"the season {side} publication, {why}")

    # decades and centuries: "the 1990s", "the '80s", "the nineties", "the 20th century"
    if m := re.fullmatch(r"(?:the )?(\d{3})0'?s", s):
        return Reading("DATE", m[1], None, "text", f"{said}: a decade")
    if m := re.fullmatch(r"(?:the )?'(\d)0s", s):
        year = _year(f"'{m[1]}0", pub) or 1900 + int(m[1]) * 10
        return Reading("DATE", f"{year // 10:03d}", None, "text", f"{said}: a decade")
    decades = {
        "twenties": 2,
        "thirties": 3,
        "forties": 4,
        "fifties": 5,
        "sixties": 6,
        "seventies": 7,
        "eighties": 8,
        "nineties": 9,
    }
    if m := re.fullmatch(r"(?:the )?(" + "|".join(decades) + ")", s):
        century = ((pub.year if pub else 1999) - 10) // 100
        return Reading("DATE", f"{century}{decades[m[1]]}", None, "text", f"{said}: a decade")
    if m := re.fullmatch(r"(?:the )?(\d{1,2})(?:st|nd|rd|th) century", s):
        return Reading("DATE", f"{int(m[1]) - 1:02d}", None, "text", f"{said}: a century")
    if s in ("this century", "the century") and pub:
        return relative(f"{pub.year // 100:02d}", "the century of publication")
    if s in ("this decade", "the decade") and pub:
        return relative(f"{pub.year // 10:03d}", "the decade of publication")

    if holiday := _holiday(s, ctx, said):
        return holiday

    # calendar dates: "March 12, 1999", "12 March 1999", "March 1999", "March 12", "March", ISO
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
        return _checked_day(int(m[1]), int(m[2]), int(m[3]), "text", said)
    weekday = r"(?:" + WEEKDAY_WORD.replace("?P<weekday>", "?P<wd>") + r",? )?"
    if m := re.fullmatch(
        weekday + MONTH_WORD + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? " + YEAR_WORD, s
    ) or re.fullmatch(
        weekday + r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MONTH_WORD + r",? " + YEAR_WORD, s
    ):
        year = _year(m["year"], pub)
        return _checked_day(year or 0, MONTHS[m["month"]], int(m["day"]), "text", said) if year else None
    if pub and (
        m := re.fullmatch(
            r"(?:(?P<day>\d{1,2}) )?"
            + MONTH_WORD
            + r"(?: (?P<day2>\d{1,2}))?,? (?:of )?(?P<rel>this|next|last) year",
            s,
        )
    ):
        year = pub.year + {"this": 0, "next": 1, "last": -1}[m["rel"]]
        day_text = m["day"] or m["day2"]
        if day_text:
            return _checked_day(year, MONTHS[m["month"]], int(day_text), "publication", said)
        return relative(f"{year}-{MONTHS[m['month']]:02d}", f"{m['rel']} year's")
    if m := re.fullmatch(MONTH_WORD + r",? (?:of )?" + YEAR_WORD, s):
        year = _year(m["year"], pub)
        return Reading("DATE", f"{year}-{MONTHS[m['month']]:02d}", None, "text", said) if year else None
    if m := re.fullmatch(weekday + MONTH_WORD + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?", s) or re.fullmatch(
        weekday + r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MONTH_WORD, s
    ):
        if pub is None:
            return None
        month, day_number = MONTHS[m["month"]], int(m["day"])
        year = _pick_year(month, day_number, ctx)
        if m["wd"]:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
            fitting = [
                y
                for y in (pub.year, pub.year - 1, pub.year + 1)
                if _weekday_of(y, month, day_number) == WEEKDAYS[m["wd"]]
            ]
            year = fitting[0] if fitting else year
        checked = _checked_day(year, month, day_number, "publication", said)
        if checked is None or checked.value is None:
            return None
        day = date.fromisoformat(checked.value)
        return replace(checked, basis=f"{said} → {checked.value}, {_placement(day, day, ctx, NEAR_DAYS)}")
    if m := re.fullmatch(r"(?:(last|next|this|this past|this coming|early|late) )?" + MONTH_WORD, s):
        month = MONTHS[m["month"]]
        if pub is None:
            return None
        direction = m[1]
        tense_ctx = ctx
        if direction in ("last", "this past"):
            tense_ctx = replace(ctx, tense="past")
            year = pub.year if month < pub.month else pub.year - 1
        elif direction in ("next", "this coming"):
            year = pub.year if month > pub.month else pub.year + 1
        elif direction == "this":
            year = pub.year
        else:
            year = _pick_year(month, None, tense_ctx)
        first = date(year, month, 1)
        last = _shift(first, "month", 1) - timedelta(days=1)
        return relative(
            f"{year}-{month:02d}",
            f"{year}-{month:02d}, {_placement(first, last, tense_ctx, NEAR_DAYS, m[1])}",
        )
    if m := re.fullmatch(
        r"(?:(?:fiscal|calendar|the|model|year|the year|the fiscal year|the calendar year|fy|"
        r"the (?:\d{4}) )\s*)?"
        + YEAR_WORD
        + r"(?: (?:period|season|level|levels|figure|figures|quarter|fiscal year))?",
        s,
    ):
        year = _year(m["year"], pub)
        if year and 1000 <= year <= 2200:
            return Reading("DATE", str(year), None, "text", f"{said}: the year {year}")

    # weekdays: "Friday", "last Tuesday", "Friday morning", "next Monday night"
    if m := re.fullmatch(
        r"(?:(last|next|this|coming|this past|this coming|past) )?"
        + WEEKDAY_WORD
        + r"(?: (morning|afternoon|evening|night))?",
        s,
    ):
        if pub is None:
            return None
        direction = {"this past": "last", "past": "last", "this coming": "next"}.get(m[1] or "", m[1])
        day = _weekday(WEEKDAYS[m["weekday"]], direction, ctx)
        if m[3]:
            return Reading(
                "TIME",
                f"{day.isoformat()}T{DAY_PARTS[m[3]]}",
                None,
                "publication",
                f"{said} → {day.isoformat()}, {_placement(day, day, ctx, 0, m[1])}",
            )
        return relative(day.isoformat(), f"{day.isoformat()}, {_placement(day, day, ctx, 0, m[1])}")
    if m := re.fullmatch(r"(?:the |that |this )?(morning|afternoon|evening|night)", s):
        prev_value = ctx.previous.value if ctx.previous and ctx.previous.value else None
        if prev_value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", prev_value):
            return Reading(
                "TIME",
                f"{prev_value}T{DAY_PARTS[m[1]]}",
                None,
                "previous",
                f"{said}: on the day mentioned before",
            )
        if pub:
            return Reading(
                "TIME",
                f"{pub.isoformat()}T{DAY_PARTS[m[1]]}",
                None,
                "publication",
                f"{said}: on the publication day",
            )
    if (
        s in ("the same day", "that day", "the day", "that same day", "the same date", "that date")
        and ctx.previous
    ):
        prev_value = ctx.previous.value
        if prev_value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", prev_value):
            return Reading("DATE", prev_value, None, "previous", f"{said}: the day mentioned before")
    if m := re.fullmatch(
        r"(?:the )?(next|following|previous|preceding) (day|week|month|year)"
        r"|the (day|week|month|year) (after|before)",
        s,
    ):
        prev_value = ctx.previous.value if ctx.previous else None
        span = interval(prev_value) if prev_value else None
        if span:
            unit = m[2] or m[3]
            step = 1 if (m[1] in ("next", "following") or m[4] == "after") else -1
            return Reading(
                "DATE",
                _format(_shift(span[0], unit, step), unit),
                None,
                "previous",
                f"{said}: counted from the date mentioned before",
            )
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (or, for n = -1, the last) given weekday of a month."""
    if n < 0:
        last = _month_last(year, month)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _month_last(year: int, month: int) -> date:
    return _shift(date(year, month, 1), "month", 1) - timedelta(days=1)


def _easter(year: int) -> date:
    from dateutil.easter import easter

    return easter(year)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1),
    "new year's": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31),
    "veterans day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11),
    "remembrance day": lambda y: date(y, 11, 11),
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "boxing day": lambda y: date(y, 12, 26),
    "easter": _easter,
    "easter sunday": _easter,
    "easter monday": lambda y: _easter(y) + timedelta(days=1),
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "mother's day": lambda y: _nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: _nth_weekday(y, 6, 6, 3),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
}
"""Holidays by their date in a given year (US observances where a country's differ: news in English
names them most)."""
HOLIDAY = re.compile(
    r"(?:(last|next|this|this past|this coming|the) )?("
    + "|".join(sorted(map(re.escape, HOLIDAYS), key=len, reverse=True))
    + r")(?: (week|weekend))?(?:,? (?:of )?(\d{4}))?"
)


def _holiday(s: str, ctx: Context, said: str) -> Reading | None:
    m = HOLIDAY.fullmatch(s)
    if m is None:
        return None
    day_of = HOLIDAYS[m[2]]
    grain = m[3] or "day"
    if m[4]:
        return Reading(
            "DATE", _format(day_of(int(m[4])), grain), None, "text", f"{said}: {m[2].title()} {m[4]}"
        )
    if ctx.published is None:
        return None
    pub = ctx.published
    options = [day_of(y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    direction = {"this past": "last", "this coming": "next"}.get(m[1] or "", m[1])
    word = m[1] if m[1] != "the" else None

    def begun(day: date) -> date:  # "Easter week" began on the Monday before Easter
        return day - timedelta(days=day.weekday()) if grain == "week" else day

    if direction == "last" or (direction not in ("next", "this") and ctx.tense == "past"):
        chosen = max((d for d in options if begun(d) <= pub), default=options[0])
    elif direction == "next" or ctx.tense == "future":
        chosen = min((d for d in options if d >= pub), default=options[-1])
    else:
        chosen = min(options, key=lambda d: abs((d - pub).days))
    return Reading(
        "DATE",
        _format(chosen, grain),
        None,
        "publication",
        f"{said} → {chosen.isoformat()}, {_placement(chosen, chosen, ctx, 0, word)}",
    )


def _placement(first: date, last: date, ctx: Context, near_days: int, word: str | None = None) -> str:
    """Where a date the text gave without its year (or week) lies from publication, and what
    decided it: a word of the text ("last"), nearness within ``near_days``, else the clause's tense."""
    pub = ctx.published
    assert pub is not None
    if first <= pub <= last:
        return "the publication day" if first == last else "around publication"
    where = "before publication" if last < pub else "after publication"
    away = (pub - last).days if last < pub else (first - pub).days
    if word:
        return f"{where}, as “{word}” says"
    if away <= near_days or ctx.tense not in ("past", "future"):
        return f"{where}, the nearest"
    return f"{where}, as the {'past' if ctx.tense == 'past' else 'future'} tense of the clause says"


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


QUARTER = re.compile(
    r"(?:(?:the|its|their|his|her|a|an|this|that|flat|comparable|corresponding|same|latest|most recent|"
    r"strong|weak|"
    r"disappointing|record|recent) )*"
    r"(?:(?P<y1>\d{4}|'\d\d) |(?P<rel>this|last|next) year's "
    r"|(?P<ago>year ago|year earlier|prior year|previous year) |"
    r"(?:fiscal|calendar) )*"
    r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last) )?(?:(?:fiscal|calendar) )?"
    r"(?P<unit>quarter|half|period)"
    r"(?: (?:of |of fiscal |of the |in |for )?"
    r"(?:(?P<year>\d{4}|'\d\d)|(?P<rel2>this|last|next) year|fiscal (?P<fy>\d{4})))?"
    r"(?P<ago2> a year (?:ago|earlier)| last year| of last year| the year before| a year before)?"
)


def _quarter(s: str, ctx: Context, said: str) -> Reading | None:
    """A quarter or half of a year, its number and year from its words, the date it ends on, the
    quarter mentioned before or the publication date."""
    m = QUARTER.fullmatch(s)
    if m is None:
        return None
    unit = "half" if m["unit"] == "half" else "quarter"
    letter, size = ("Q", 3) if unit == "quarter" else ("H", 6)
    explicit = m["y1"] or m["year"] or m["fy"]
    shifted = bool(m["ago"] or m["ago2"])
    if m["unit"] == "period" and not (m["ord"] or explicit or m["rel"] or m["rel2"] or shifted):
        return None  # "the period" alone is read with the date mentioned before
    known = ctx.ending or (
        ctx.previous if ctx.previous and unit_of(ctx.previous.value or "") == "quarter" else None
    )
    known_span = interval(known.value) if known and known.value else None
    if m["ord"]:
        number = ORDINALS.get(m["ord"], 4 if unit == "quarter" else 2)
    elif known_span:
        number = (known_span[0].month - 1) // size + 1
    elif ctx.published:
        last = _shift(ctx.published, "quarter", -1) if unit == "quarter" else ctx.published
        number = (last.month - 1) // size + 1
    else:
        return None
    anchor: Anchor = "text"
    if explicit:
        year = _year(explicit, ctx.published) or 0
    elif m["rel"] or m["rel2"]:
        if ctx.published is None:
            return None
        year, anchor = (
            ctx.published.year + {"this": 0, "last": -1, "next": 1}[m["rel"] or m["rel2"]],
            "publication",
        )
    elif known_span and (ctx.ending or not m["ord"] or shifted):
        year, anchor = known_span[0].year, "previous"
    elif ctx.published:
        year, anchor = ctx.published.year, "publication"
        if date(year, (number - 1) * size + 1, 1) > ctx.published and ctx.tense != "future":
            year -= 1  # a quarter still to come is spoken of ahead; results are for the one before
    else:
        return None
    if shifted and not explicit:
        year -= 1
    return Reading("DATE", f"{year}-{letter}{number}", None, anchor, f"{said}: {unit} {number} of {year}")


def _rank(unit: str) -> int:
    order = [
        "day",
        "night",
        "weekend",
        "week",
        "fortnight",
        "month",
        "quarter",
        "half",
        "year",
        "decade",
        "century",
    ]
    return order.index(unit) if unit in order else len(order)


def _checked_day(year: int, month: int, day: int, anchor: Anchor, said: str) -> Reading | None:
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    return Reading("DATE", value, None, anchor, f"{said} → {value}")
