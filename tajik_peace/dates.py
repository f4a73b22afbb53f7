"""Coded dates: what a date of a given precision covers, how to write it, and its EDTF form.

Every date in the data is an ISO day (``YYYY-MM-DD``) with a precision (:data:`PRECISIONS`); a
month- or year-precise date is written as the first day of its month or year. A span (an event's
``date_start``/``date_end``) gives each bound its own precision, so a round can open "at the end of
November" (``approximate``) and close "on 22 December" (``day``).

The Extended Date/Time Format (EDTF, Library of Congress, level 1) is the interchange form published
beside every date (``*_edtf`` columns): :func:`to_edtf` writes it, :func:`parse_edtf` reads it with
the ``edtf`` package, and the first and last day a bound covers come from that package too.

One convention is the project's own, because EDTF leaves the width of "approximate" open: a
*single* approximate date (no end) is read as covering four months from its month, the widest
reading of "early", "mid" or "late" in a year.
"""

from __future__ import annotations

import re
import time
from datetime import date
from functools import lru_cache

import edtf
import pandas as pd

__all__ = [
    "APPROXIMATE_MONTHS",
    "PRECISIONS",
    "EDTFError",
    "bound_first",
    "bound_last",
    "format_days",
    "format_span",
    "format_window",
    "parse_date",
    "parse_edtf",
    "timestamp_window",
    "to_edtf",
    "window",
]

PRECISIONS = ("day", "month", "year", "approximate")
#: A single approximate date covers this many months from the first of its month.
APPROXIMATE_MONTHS = 4


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class EDTFError(ValueError):
    """A value is not valid EDTF (level 1)."""


def parse_date(value: str | None) -> date | None:
    """An ISO 8601 calendar date (YYYY-MM-DD), or None when empty or invalid."""
    value = (value or "").strip()
    if not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _as_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        return date.fromisoformat(value)
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


def _bound_edtf(d: date, precision: str) -> str:
    if precision == "day":
        return d.isoformat()
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "approximate":
        return f"{d.year:04d}-{d.month:02d}~"
    raise ValueError(
        f"unknown date precision {precision!r}; expected one of {', '.join(PRECISIONS)}"
    )


def to_edtf(start, start_precision: str, end=None, end_precision: str | None = None) -> str:
    """The EDTF form of a coded date or span ('' when there is no date).

    >>> to_edtf("1995-11-01", "approximate", "1995-12-22", "day")
    '1995-11~/1995-12-22'
    >>> to_edtf("1994-04-01", "month")
    '1994-04'
    """
    s = _as_date(start)
    if s is None:
        return ""
    text = _bound_edtf(s, str(start_precision))
    e = _as_date(end)
    if e is None:
        return text
    return f"{text}/{_bound_edtf(e, str(end_precision or start_precision))}"


def parse_edtf(value: str):
    """Parse an EDTF string with the ``edtf`` package; :class:`EDTFError` if it is not EDTF."""
    parsed, error = _parse(str(value).strip())
    if error is not None:
        raise EDTFError(f"{value!r} is not valid EDTF: {error}")
    return parsed


@lru_cache(maxsize=8192)
def _parse(value: str):
    """(parsed, None) or (None, message); cached, because the parser is slow and a dataset repeats
    its dates many times."""
    try:
        return edtf.parse_edtf(value), None
    except Exception as exc:  # the package raises its own parse errors, and others on odd input
        return None, str(exc)


def _struct_date(st: time.struct_time) -> date:
    return date(st.tm_year, st.tm_mon, st.tm_mday)


def bound_first(d, precision: str) -> date | None:
    """First day a single bound of this precision covers."""
    d = _as_date(d)
    return None if d is None else _bounds(d, str(precision))[0]


def bound_last(d, precision: str) -> date | None:
    """Last day a single bound of this precision covers (a month: its last day; a year: 31 Dec)."""
    d = _as_date(d)
    return None if d is None else _bounds(d, str(precision))[1]


@lru_cache(maxsize=8192)
def _bounds(d: date, precision: str) -> tuple[date, date]:
    parsed = parse_edtf(_bound_edtf(d, precision))
    return _struct_date(parsed.lower_strict()), _struct_date(parsed.upper_strict())


def window(
    start, start_precision: str, end=None, end_precision: str | None = None
) -> tuple[date, date] | tuple[None, None]:
    """First and last day a coded date or span can stand for.

    A span runs from the first day its start covers to the last day its end covers. A single date
    covers its day, month or year; a single approximate date covers :data:`APPROXIMATE_MONTHS`
    months from its month. ``(None, None)`` when there is no date.

    >>> window("1995-11-01", "approximate", "1995-12-22", "day")
    (datetime.date(1995, 11, 1), datetime.date(1995, 12, 22))
    >>> window("1994-01-01", "approximate")
    (datetime.date(1994, 1, 1), datetime.date(1994, 4, 30))
    """
    s = _as_date(start)
    if s is None:
        return None, None
    first = bound_first(s, start_precision)
    e = _as_date(end)
    if e is not None:
        return first, bound_last(e, end_precision or start_precision)
    if str(start_precision) == "approximate":
        last_month = pd.Timestamp(first) + pd.DateOffset(months=APPROXIMATE_MONTHS - 1)
        return first, (last_month + pd.offsets.MonthEnd(0)).date()
    return first, bound_last(s, start_precision)


def timestamp_window(
    start, start_precision, end=None, end_precision=None
) -> tuple[pd.Timestamp, pd.Timestamp] | tuple[None, None]:
    """:func:`window` as pandas Timestamps, for frames; missing values (NaN, NaT) count as absent.

    >>> timestamp_window(pd.Timestamp("1995-04-01"), "month")
    (Timestamp('1995-04-01 00:00:00'), Timestamp('1995-04-30 00:00:00'))
    """
    end_precision = None if end_precision is None or pd.isna(end_precision) else str(end_precision)
    lo, hi = window(start, str(start_precision), end, end_precision)
    if lo is None:
        return None, None
    return pd.Timestamp(lo), pd.Timestamp(hi)


_MONTH = "%B %Y"


def _one(d: pd.Timestamp, precision: str) -> str:
    if precision == "year":
        return f"{d.year}"
    if precision == "month":
        return d.strftime(_MONTH)
    if precision == "approximate":
        return "c. " + d.strftime(_MONTH)
    return f"{d.day} {d.strftime(_MONTH)}"


def format_span(
    start, start_precision: str = "day", end=None, end_precision: str | None = None
) -> str:
    """A date or span as a reader writes it, each bound no more precise than the data.

    >>> format_span("1994-04-05", "day", "1994-04-19", "day")
    '5–19 April 1994'
    >>> format_span("1995-11-01", "approximate", "1995-12-22", "day")
    'c. November 1995 – 22 December 1995'
    """
    s = _as_date(start)
    if s is None:
        return ""
    s = pd.Timestamp(s)
    sp = str(start_precision)
    e = _as_date(end)
    if e is None:
        return _one(s, sp)
    e = pd.Timestamp(e)
    ep = str(end_precision or start_precision)
    if _one(s, sp) == _one(e, ep):
        return _one(s, sp)
    if sp == ep == "day":
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{e.day} {e.strftime(_MONTH)}"
        if s.year == e.year:
            return f"{s.day} {s.strftime('%B')} – {e.day} {e.strftime(_MONTH)}"
    if sp == ep == "approximate":  # one "c." for the whole span
        return f"{_one(s, sp)} – {_one(e, 'month')}"
    return f"{_one(s, sp)} – {_one(e, ep)}"


def format_days(earliest, latest=None) -> str:
    """A day or a range of possible days, compactly: '20 Oct 1994', '17–30 Aug 1995', 'Feb 1995'.

    A range that fills whole months is written as months; no day gives ''.

    >>> format_days(pd.Timestamp("1995-08-17"), pd.Timestamp("1995-08-25"))
    '17–25 Aug 1995'
    """
    first = _as_date(earliest)
    if first is None:
        return ""
    a = pd.Timestamp(first)
    last = _as_date(latest)
    b = a if last is None else pd.Timestamp(last)
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if a.day == 1 and b == b + pd.offsets.MonthEnd(0):  # whole months
        if (a.year, a.month) == (b.year, b.month):
            return f"{a:%b %Y}"
        if a.year == b.year:
            return f"{a:%b}–{b:%b %Y}"
        return f"{a:%b %Y} – {b:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def format_window(start, precision, end=None, end_precision=None) -> str:
    """The days a coded date can stand for (:func:`timestamp_window`) in the compact form of
    :func:`format_days`, with 'c. ' before an approximate date.

    >>> format_window(pd.Timestamp("1996-03-01"), "approximate")
    'c. Mar–Jun 1996'
    """
    text = format_days(*timestamp_window(start, precision, end, end_precision))
    return f"c. {text}" if text and str(precision) == "approximate" else text
