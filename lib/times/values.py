"""TIMEX3 values (ISO-TimeML) and the calendar stretch each one covers.

A value is what ISO-TimeML writes in ``value``: a day ``2009-06-15``, a month ``2009-06``, a year
``2009``, a week ``2009-W25``, a weekend ``2009-W25-WE``, a quarter ``2009-Q3``, a half ``2009-H1``, a
season ``2009-SU``, a decade ``200``, a century ``20``, a time ``2009-06-15T14:30`` or a part of a day
``2009-06-15TEV``; a duration ``P3Y``, ``P6M``, ``PT5H``, ``PXY`` (some years); a set's period; or a
reference to the present, past or future (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``). ``interval``
turns a date-like value and its modifier into the first and last day it covers, for the Timeline and
for past/present/future against the publication date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from lib.contract import TimexMod

REFERENCES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
"""Northern-hemisphere meteorological seasons as month ranges (winter runs into the next year)."""

DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
YEAR = re.compile(r"^(\d{4})$")
WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
DECADE = re.compile(r"^(\d{3})$")
CENTURY = re.compile(r"^(\d{2})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _narrowed(first: date, last: date, mod: TimexMod | None) -> tuple[date, date]:
    """ "early 2009" is the first third of 2009, "mid-" the middle third, "late" the last third."""
    if mod not in ("START", "MID", "END") or last <= first:
        return first, last
    third = (last - first).days // 3
    if mod == "START":
        return first, first + timedelta(days=third)
    if mod == "END":
        return last - timedelta(days=third), last
    return first + timedelta(days=third), last - timedelta(days=third)


def interval(value: str | None, mod: TimexMod | None = None) -> tuple[date, date] | None:
    """The first and last day a date value covers, or None for a reference, a duration, a set or
    an unknown value."""
    if not value:
        return None
    try:
        if m := DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return _narrowed(date(year, month, 1), _month_end(year, month), mod)
        if m := YEAR.match(value):
            year = int(m[1])
            return _narrowed(date(year, 1, 1), date(year, 12, 31), mod)
        if m := WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6)
            return monday, monday + timedelta(days=6)
        if m := PART.match(value):
            year, part = int(m[1]), m[2]
            if part[0] == "Q":
                q = int(part[1])
                return _narrowed(date(year, 3 * q - 2, 1), _month_end(year, 3 * q), mod)
            if part[0] == "H":
                h = int(part[1])
                return _narrowed(date(year, 6 * h - 5, 1), _month_end(year, 6 * h), mod)
            start, end = SEASONS[part]
            last = _month_end(year + 1, end - 12) if end > 12 else _month_end(year, end)
            return _narrowed(date(year, start, 1), last, mod)
        if m := DECADE.match(value):
            decade = int(m[1]) * 10
            return _narrowed(date(max(1, decade), 1, 1), date(decade + 9, 12, 31), mod)
        if m := CENTURY.match(value):
            century = int(m[1]) * 100
            return _narrowed(date(max(1, century), 1, 1), date(century + 99, 12, 31), mod)
    except ValueError:  # a week 53 that its year lacks, a day 31 of a short month
        return None
    return None


def unit_of(value: str) -> str | None:
    """The calendar unit of a date value, for what counts from it ("a year earlier" after "the third
    quarter" is a quarter too)."""
    if DAY.match(value):
        return "day"
    if m := WEEK.match(value):
        return "weekend" if m[3] else "week"
    if MONTH.match(value):
        return "month"
    if m := PART.match(value):
        return {"Q": "quarter", "H": "half"}.get(m[2][0])  # a season counts in no unit of its own
    if YEAR.match(value):
        return "year"
    return None
