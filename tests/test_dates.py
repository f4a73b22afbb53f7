"""tajik_peace.dates: spans, reader-facing dates and EDTF, with per-bound precision."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajik_peace import dates


@pytest.mark.parametrize(
    "start,sp,end,ep,expected",
    [
        ("1994-04-05", "day", None, None, "5 April 1994"),
        ("1994-04-05", "day", "1994-04-19", "day", "5–19 April 1994"),
        ("1994-10-28", "day", "1994-11-08", "day", "28 October – 8 November 1994"),
        ("1995-11-30", "day", "1996-07-21", "day", "30 November 1995 – 21 July 1996"),
        ("1994-09-01", "month", None, None, "September 1994"),
        ("1994-09-01", "month", "1994-09-01", "month", "September 1994"),
        ("1994-01-01", "approximate", "1994-04-01", "approximate", "c. January 1994 – April 1994"),
        ("1995-11-01", "approximate", "1995-12-22", "day", "c. November 1995 – 22 December 1995"),
        ("1997-05-01", "month", "1997-05-18", "day", "May 1997 – 18 May 1997"),
        ("1996-01-01", "year", None, None, "1996"),
        (None, "day", None, None, ""),
    ],
)
def test_format_span(start, sp, end, ep, expected):
    assert dates.format_span(start, sp, end, ep) == expected


@pytest.mark.parametrize(
    "args,expected",
    [
        (("1995-11-01", "approximate", "1995-12-22", "day"), "1995-11~/1995-12-22"),
        (("1997-05-16", "day", "1997-05-18", "day"), "1997-05-16/1997-05-18"),
        (("1994-04-01", "month"), "1994-04"),
        (("1996-01-01", "year"), "1996"),
        (("1994-01-01", "approximate"), "1994-01~"),
        ((None, "day"), ""),
    ],
)
def test_to_edtf(args, expected):
    assert dates.to_edtf(*args) == expected


def test_window_gives_each_bound_its_own_precision():
    assert dates.window("1995-11-01", "approximate", "1995-12-22", "day") == (
        date(1995, 11, 1),
        date(1995, 12, 22),
    )
    assert dates.window("1995-11-01", "day", "1995-12-01", "month") == (
        date(1995, 11, 1),
        date(1995, 12, 31),
    )
    assert dates.window("1996-02-01", "month") == (date(1996, 2, 1), date(1996, 2, 29))
    assert dates.window("1994-01-01", "approximate") == (date(1994, 1, 1), date(1994, 4, 30))
    assert dates.window(None, "day") == (None, None)


def test_unknown_precision_and_bad_edtf_raise():
    with pytest.raises(ValueError, match="unknown date precision"):
        dates.to_edtf("1994-01-01", "decade")
    with pytest.raises(dates.EDTFError, match="not valid EDTF"):
        dates.parse_edtf("1994-13")


_precision = st.sampled_from(dates.PRECISIONS)
_day = st.dates(min_value=date(1985, 1, 1), max_value=date(2000, 12, 31))


def _written(d: date, precision: str) -> date:
    """A date as the data writes it for its precision (first of month or year)."""
    if precision == "year":
        return d.replace(month=1, day=1)
    if precision in ("month", "approximate"):
        return d.replace(day=1)
    return d


@given(_day, _precision, st.one_of(st.none(), st.tuples(_day, _precision)))
def test_edtf_round_trip_agrees_with_the_window(d, p, end):
    """Whatever the bounds, the EDTF written parses, and its strict bounds match the window."""
    start = _written(d, p)
    e, ep = (None, None) if end is None else (_written(*end), end[1])
    if e is not None and e < start:
        start, p, e, ep = e, ep, start, p
    value = dates.to_edtf(start, p, e, ep)
    parsed = dates.parse_edtf(value)
    lo, hi = dates.window(start, p, e, ep)
    assert date(*parsed.lower_strict()[:3]) == lo
    if e is not None or p != "approximate":  # a lone approximate date is widened by convention
        assert date(*parsed.upper_strict()[:3]) == hi


def test_window_of_single_dates_and_spans():
    assert dates.window(date(1994, 4, 1), "month") == (date(1994, 4, 1), date(1994, 4, 30))
    assert dates.window(date(1996, 1, 1), "year") == (date(1996, 1, 1), date(1996, 12, 31))
    assert dates.window(date(1995, 11, 1), "approximate") == (date(1995, 11, 1), date(1996, 2, 29))
    assert dates.window(date(1994, 1, 1), "approximate", date(1994, 4, 30), "approximate")[
        1
    ] == date(1994, 4, 30)
    assert dates.window(date(1994, 9, 12), "day", date(1994, 9, 17), "day") == (
        date(1994, 9, 12),
        date(1994, 9, 17),
    )


def test_timestamp_window_treats_missing_values_as_absent():
    import pandas as pd

    assert dates.timestamp_window(pd.NaT, "day") == (None, None)
    assert dates.timestamp_window(pd.Timestamp("1995-04-01"), "month", pd.NaT, float("nan")) == (
        pd.Timestamp("1995-04-01"),
        pd.Timestamp("1995-04-30"),
    )


@pytest.mark.parametrize(
    "start,end,precision,expected",
    [
        ("1992-05-01", None, "month", ("1992-05-01", "1992-05-31")),
        ("1992-11-16", None, "day", ("1992-11-16", "1992-11-16")),
        ("1992-01-01", None, "year", ("1992-01-01", "1992-12-31")),
        ("1992-10-01", "1992-11-01", "approximate", ("1992-10-01", "1992-11-30")),
        ("1993-01-01", None, "approximate", ("1993-01-01", "1993-04-30")),  # four months, no end
    ],
)
def test_timestamp_window_is_the_span_a_coded_date_covers(start, end, precision, expected):
    # moved from test_background (its covered_span was a copy of this function)
    got = dates.timestamp_window(pd.Timestamp(start), precision, end and pd.Timestamp(end), None)
    assert got == (pd.Timestamp(expected[0]), pd.Timestamp(expected[1]))


def test_timestamp_window_without_a_start_is_empty():
    assert dates.timestamp_window(pd.NaT, "day") == (None, None)


# ---- moved from test_ceasefires: the compact form of a range of days -----------------------

D = pd.Timestamp


@pytest.mark.parametrize(
    "start,precision,end,expected",
    [
        ("1994-10-20", "day", None, ("1994-10-20", "1994-10-20")),
        ("1994-10-20", "day", "1994-11-01", ("1994-10-20", "1994-11-01")),
        ("1995-02-01", "month", None, ("1995-02-01", "1995-02-28")),
        ("1996-02-01", "month", None, ("1996-02-01", "1996-02-29")),  # leap year
        ("1996-01-01", "year", None, ("1996-01-01", "1996-12-31")),
        ("1996-03-01", "approximate", None, ("1996-03-01", "1996-06-30")),  # four months
        ("1996-03-01", "approximate", "1996-08-01", ("1996-03-01", "1996-08-31")),
    ],
)
def test_timestamp_window_of_a_coded_date(start, precision, end, expected):
    got = dates.timestamp_window(D(start), precision, None if end is None else D(end))
    assert got == (D(expected[0]), D(expected[1]))


def test_date_window_missing_and_unknown_precision():
    assert dates.timestamp_window(pd.NaT, "day") == (None, None)
    assert dates.timestamp_window(None, "month") == (None, None)
    with pytest.raises(ValueError, match="precision"):
        dates.timestamp_window(D("1995-01-01"), "decade")


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("1994-10-20", None, "20 Oct 1994"),
        ("1995-08-17", "1995-08-30", "17–30 Aug 1995"),
        ("1995-02-01", "1995-02-28", "Feb 1995"),
        ("1996-03-01", "1996-06-30", "Mar–Jun 1996"),
        ("1995-12-01", "1996-01-31", "Dec 1995 – Jan 1996"),
        ("1994-10-20", "1994-11-01", "20 Oct – 1 Nov 1994"),
        ("1994-12-20", "1995-01-05", "20 Dec 1994 – 5 Jan 1995"),
        (None, None, ""),
    ],
)
def test_format_days(a, b, expected):
    assert dates.format_days(None if a is None else D(a), None if b is None else D(b)) == expected


def test_format_window():
    assert dates.format_window(D("1996-03-01"), "approximate") == "c. Mar–Jun 1996"
    assert dates.format_window(D("1996-03-01"), "approximate", D("1996-08-01")) == "c. Mar–Aug 1996"
    assert dates.format_window(D("1995-04-01"), "month") == "Apr 1995"
    assert dates.format_window(D("1995-05-17"), "day", D("1995-05-19")) == "17–19 May 1995"
    assert dates.format_window(pd.NaT, "day") == ""
