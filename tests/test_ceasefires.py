"""Unit tests of tajik_peace.chapters.ceasefires (small hand-made inputs and the mini package)
and of book/ceasefires.ipynb; claims about the real data are in test_real_data.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace.chapters import ceasefires as cf

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp


def _ceasefires(rows):
    """A ceasefires table as load_dataset gives it, from (id, agreed, precision, event, extends,
    effective_from, valid_until, valid_until_precision, duration) tuples."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "ceasefire_id",
            "agreed_date",
            "agreed_precision",
            "event_id",
            "extends",
            "effective_from",
            "valid_until",
            "valid_until_precision",
            "duration",
        ],
    )
    for col in ("agreed_date", "effective_from", "valid_until"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.set_index("ceasefire_id")


def _events(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "event_id",
            "date_start",
            "date_end",
            "date_start_precision",
            "kind",
            "place_id",
            "title",
        ],
    )
    for col in ("date_start", "date_end"):
        frame[col] = pd.to_datetime(frame[col])
    frame["date_end_precision"] = frame["date_start_precision"].where(frame["date_end"].notna())
    return frame.set_index("event_id")


@pytest.fixture()
def small():
    """Three records: an original with a coded expiry, an extension agreed in its month with a
    duration, and an extension with no term at all."""
    ceasefires = _ceasefires(
        [
            ("a", "1995-01-10", "day", "m1", None, "1995-01-15", "1995-03-01", "month", None),
            ("b", "1995-03-01", "month", "m2", "a", None, None, None, "another two months"),
            ("c", "1995-09-01", "month", "m3", "b", None, None, None, None),
        ]
    )
    events = _events(
        [
            ("m1", "1995-01-10", None, "day", "round", "x", "Meeting one"),
            ("m2", "1995-03-20", "1995-03-22", "day", "summit", None, "Meeting two"),
            ("m3", "1995-09-01", None, "month", "agreement", None, "Meeting three"),
        ]
    )
    return SimpleNamespace(
        ceasefires=ceasefires,
        events=events,
        places=pd.DataFrame({"place_id": ["x"], "name": ["Xtown"]}).set_index("place_id"),
    )


# ---- dates and durations --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("one month", cf.Duration(1, "month")),
        ("another three months", cf.Duration(3, "month")),
        ("another six months", cf.Duration(6, "month")),
        ("for a further 6 weeks", cf.Duration(6, "week")),
        ("  Another   TWO months ", cf.Duration(2, "month")),
        ("a year", cf.Duration(1, "year")),
        ("ten days", cf.Duration(10, "day")),
        # the sources' other wordings are not durations: nothing is guessed
        ("until the end of 1996", None),
        ("for the entire duration of inter-Tajik negotiations", None),
        ("until the day of the referendum and presidential election", None),
        ("several months", None),
        ("0 months", None),
        ("", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_parse_duration(text, expected):
    assert cf.parse_duration(text) == expected


def test_duration_offset_and_text():
    three = cf.Duration(3, "month")
    assert str(three) == "3 months" and str(cf.Duration(1, "month")) == "1 month"
    assert D("1995-05-31") + three.offset() == D("1995-08-31")
    assert D("1995-08-31") + cf.Duration(6, "month").offset() == D(
        "1996-02-29"
    )  # clipped to month end
    assert D("1995-01-01") + cf.Duration(2, "week").offset() == D("1995-01-15")


# ---- the chain ------------------------------------------------------------------------------


def test_walk_chain_orders_by_links_not_by_input():
    links = {"c": "b", "a": None, "b": "a"}
    assert cf.walk_chain(links) == [["a", "b", "c"]]


def test_walk_chain_empty_missing_values_and_several_chains():
    assert cf.walk_chain({}) == []
    assert cf.walk_chain({"y": float("nan"), "x": "", "x2": "x"}) == [["x", "x2"], ["y"]]


@pytest.mark.parametrize(
    "links,message",
    [
        ({"a": None, "b": "zz"}, r"gap in the chain: b extends zz"),
        ({"a": None, "b": "a", "c": "a"}, r"fork in the chain: b, c all extend a"),
        ({"a": None, "b": "c", "c": "b"}, r"cycle in the chain: b, c"),
        ({"a": "a"}, r"cycle in the chain: a"),
    ],
)
def test_walk_chain_rejects_broken_links(links, message):
    with pytest.raises(cf.ChainError, match=message):
        cf.walk_chain(links)


def test_chain_order_propagates_a_broken_chain(small):
    small.ceasefires.loc["c", "extends"] = "nope"
    with pytest.raises(cf.ChainError, match="c extends nope"):
        cf.chain_order(small)


def test_agreed_text(small):
    rows = {
        r.Index: r
        for r in small.ceasefires.assign(ceasefire_id=small.ceasefires.index).itertuples()
    }
    assert cf.agreed_text(rows["a"], small.events) == "10 Jan 1995"
    assert cf.agreed_text(rows["b"], small.events) == "20–22 Mar 1995"
    small.ceasefires.loc["c", "agreed_precision"] = "approximate"
    rows = {
        r.Index: r
        for r in small.ceasefires.assign(ceasefire_id=small.ceasefires.index).itertuples()
    }
    assert (
        cf.agreed_text(rows["c"], small.events) == "c. Sep–Dec 1995"
    )  # month-precise meeting: no narrowing


def test_label():
    assert cf.label(None, "Tehran") == "Ceasefire (Tehran)"
    assert cf.label("x", "Kabul") == "Extension (Kabul)"
    assert cf.label("x", "", "Aug 1995") == "Extension, Aug 1995"
    assert cf.label(float("nan")) == "Ceasefire"


# ---- validity -------------------------------------------------------------------------------


def test_agreed_window_narrowed_by_the_meeting(small):
    rows = {
        r.Index: r
        for r in small.ceasefires.assign(ceasefire_id=small.ceasefires.index).itertuples()
    }
    b = rows["b"]
    assert cf.agreed_window(b, small.events) == (
        D("1995-03-20"),
        D("1995-03-22"),
    )  # month, meeting 20-22
    assert cf.agreed_window(b, None) == (D("1995-03-01"), D("1995-03-31"))
    # a meeting coded without an end narrows only the start (the agreement may come on a later day)
    small.events.loc["m2", "date_end"] = pd.NaT
    assert cf.agreed_window(b, small.events) == (D("1995-03-20"), D("1995-03-31"))
    # a meeting outside the record's own window cannot narrow it: the record's window is kept
    small.events.loc["m2", "date_start"] = D("1995-05-01")
    assert cf.agreed_window(b, small.events) == (D("1995-03-01"), D("1995-03-31"))


def test_validity_periods_small(small):
    v = cf.validity_periods(small).set_index("ceasefire_id")
    assert list(v["basis"]) == ["stated", "derived", "unknown"]
    a, b, c = v.loc["a"], v.loc["b"], v.loc["c"]
    assert (a["start_from"], a["start_to"]) == (D("1995-01-15"), D("1995-01-15"))  # effective_from
    assert (a["end_from"], a["end_to"]) == (D("1995-03-01"), D("1995-03-31"))  # month precision
    # derived: two months from the earliest agreement day (20 March), and from the latest of the
    # agreement (22 March) and the expiry of the term it extends (31 March)
    assert b["duration"] == cf.Duration(2, "month")
    assert (b["end_from"], b["end_to"]) == (D("1995-05-20"), D("1995-05-31"))
    assert pd.isna(c["end_from"]) and pd.isna(c["end_to"]) and c["duration"] is None
    assert c["term"] == "not stated"


# ---- coverage and gaps ----------------------------------------------------------------------


def _periods(rows):
    frame = pd.DataFrame(
        rows, columns=["ceasefire_id", "start_from", "start_to", "end_from", "end_to", "basis"]
    )
    for col in ("start_from", "start_to", "end_from", "end_to"):
        frame[col] = pd.to_datetime(frame[col])
    return frame


def test_coverage_runs_statuses_and_priority():
    periods = _periods(
        [
            ("p", "1995-01-05", "1995-01-05", "1995-01-10", "1995-01-12", "stated"),
            ("q", "1995-01-08", "1995-01-09", "1995-01-20", "1995-01-20", "derived"),  # overlaps p
            ("r", "1995-01-25", "1995-01-26", None, None, "condition"),
        ]
    )
    runs = cf.coverage_runs(periods, "1995-01-01", "1995-01-31")
    got = [(r.start.day, r.end.day, r.status) for r in runs.itertuples(index=False)]
    assert got == [
        (1, 4, "none"),
        (5, 10, "stated"),
        (11, 20, "derived"),
        (21, 24, "none"),
        (25, 25, "uncertain"),
        (26, 31, "condition"),
    ]
    assert runs["days"].sum() == 31


def test_coverage_runs_edge_cases():
    empty = _periods([])
    runs = cf.coverage_runs(empty, "1995-01-01", "1995-01-10")
    assert list(runs["status"]) == ["none"] and runs["days"].iloc[0] == 10
    assert cf.coverage_runs(empty, "1995-01-10", "1995-01-01").empty
    unknown = _periods([("u", "1995-01-03", "1995-01-04", None, None, "unknown")])
    assert list(cf.coverage_runs(unknown, "1995-01-01", "1995-01-05")["status"]) == [
        "none",
        "uncertain",
        "none",
    ]


def test_gaps_sorted_longest_first_ties_by_date():
    runs = pd.DataFrame(
        {
            "start": pd.to_datetime(
                ["1995-01-01", "1995-01-04", "1995-01-06", "1995-01-08", "1995-01-10"]
            ),
            "end": pd.to_datetime(
                ["1995-01-03", "1995-01-05", "1995-01-07", "1995-01-09", "1995-01-12"]
            ),
            "days": [3, 2, 2, 2, 3],
            "status": ["none", "stated", "uncertain", "none", "none"],
        }
    )
    g = cf.gaps(runs)
    assert list(zip(g["start"].dt.day, g["days"])) == [(8, 5), (1, 3)]  # 8-9 and 10-12 merge
    wide = cf.gaps(runs, include_uncertain=True)
    assert list(zip(wide["start"].dt.day, wide["days"])) == [(6, 7), (1, 3)]
    assert cf.gaps(runs.iloc[[1]]).empty
    tie = runs.iloc[[3, 1, 0]].assign(days=[3, 2, 3])  # two gaps of 3 days, given out of order
    assert list(cf.gaps(tie)["start"].dt.day) == [1, 8]
    assert cf.gaps(pd.DataFrame(columns=["start", "end", "days", "status"])).empty


def test_statuses_during():
    runs = pd.DataFrame(
        {
            "start": pd.to_datetime(["1995-01-01", "1995-01-05"]),
            "end": pd.to_datetime(["1995-01-04", "1995-01-09"]),
            "days": [4, 5],
            "status": ["none", "derived"],
        }
    )
    assert cf.statuses_during(runs, D("1995-01-04"), D("1995-01-05")) == ["derived", "none"]
    assert cf.statuses_during(runs, D("1995-01-06"), None) == ["derived"]
    assert cf.statuses_during(runs, D("1996-01-01"), D("1996-01-02")) == []
    assert cf.statuses_during(runs.iloc[0:0], D("1995-01-01"), None) == []


# ---- fighting, agreements, relations, discrepancies -----------------------------------------


def test_functions_on_the_mini_dataset(mini_dataset):
    """The mini package: one ceasefire whose term is a condition, and no military event in the talks."""
    v = cf.validity_periods(mini_dataset)
    assert list(v["basis"]) == ["condition"] and pd.isna(v["end_from"].iloc[0])
    runs = cf.coverage(mini_dataset)
    assert list(runs["status"]) == ["none", "condition"]
    assert cf.military_table(mini_dataset).empty
    assert cf.summary(mini_dataset)["n_records"] == 1
