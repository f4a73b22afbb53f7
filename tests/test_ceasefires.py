"""Unit tests of tajik_peace.ceasefires and of the chapter notebook book/ceasefires.ipynb."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import ceasefires as cf
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp


@pytest.fixture(scope="module")
def ds(real_dataset):
    """The real dataset (the session-wide fixture of conftest.py)."""
    return real_dataset


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
def test_date_window(start, precision, end, expected):
    got = cf.date_window(D(start), precision, None if end is None else D(end))
    assert got == (D(expected[0]), D(expected[1]))


def test_date_window_missing_and_unknown_precision():
    assert cf.date_window(pd.NaT, "day") == (None, None)
    assert cf.date_window(None, "month") == (None, None)
    with pytest.raises(ValueError, match="precision"):
        cf.date_window(D("1995-01-01"), "decade")


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
def test_short_date(a, b, expected):
    assert cf.short_date(None if a is None else D(a), None if b is None else D(b)) == expected


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


def test_chain_order_real(ds):
    order = cf.chain_order(ds)
    assert list(order["position"]) == list(range(1, 9))
    assert order["ceasefire_id"].iloc[0] == "ceasefire_tehran_1994"
    assert order["ceasefire_id"].iloc[-1] == "ceasefire_dec_1996"
    # each record extends the one before it
    assert list(order["extends"].iloc[1:]) == list(order["ceasefire_id"].iloc[:-1])


def test_chain_table_real(ds):
    t = cf.chain_table(ds)
    assert list(t.columns) == ["No.", "Agreed", "At", "Extends no.", "Term as the source gives it"]
    rows = t.set_index("No.")
    assert rows.loc[1, "Extends no."] == "" and rows.loc[1, "Agreed"] == "17 Sep 1994"
    assert rows.loc[1, "At"] == "Inter-Tajik consultative meeting in Tehran"
    assert (
        rows.loc[2, "Agreed"] == "20 Oct – 1 Nov 1994"
    )  # approximate record, narrowed by the round
    assert (
        rows.loc[2, "Term as the source gives it"] == "until February 1995"
    )  # Islamabad, coded month
    assert (
        rows.loc[4, "Extends no."] == 3
        and rows.loc[4, "Term as the source gives it"] == "another three months"
    )
    assert rows.loc[6, "Agreed"] == "c. Mar–Jun 1996"  # not narrowed: the codebook's four months
    assert rows.loc[6, "Term as the source gives it"] == "not stated"
    assert (
        rows.loc[8, "Term as the source gives it"]
        == "for the entire duration of inter-Tajik negotiations"
    )


def test_chain_order_propagates_a_broken_chain(small):
    small.ceasefires.loc["c", "extends"] = "nope"
    with pytest.raises(cf.ChainError, match="c extends nope"):
        cf.chain_order(small)


def test_coded_date():
    assert cf.coded_date(D("1996-03-01"), "approximate") == "c. Mar–Jun 1996"
    assert cf.coded_date(D("1996-03-01"), "approximate", D("1996-08-01")) == "c. Mar–Aug 1996"
    assert cf.coded_date(D("1995-04-01"), "month") == "Apr 1995"
    assert cf.coded_date(D("1995-05-17"), "day", D("1995-05-19")) == "17–19 May 1995"
    assert cf.coded_date(pd.NaT, "day") == ""


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


def test_agreed_window_real(ds):
    events = ds.events
    kabul = (
        cf.chain_order(ds).set_index("ceasefire_id").loc[["ceasefire_ext_kabul_1995"]].reset_index()
    )
    row = next(kabul.itertuples(index=False))
    assert cf.agreed_window(row, events) == (D("1995-05-17"), D("1995-05-19"))


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


def test_validity_periods_real(ds):
    v = cf.validity_periods(ds).set_index("ceasefire_id")
    tehran = v.loc["ceasefire_tehran_1994"]
    assert tehran["basis"] == "stated"
    assert (tehran["start_from"], tehran["end_to"]) == (D("1994-10-20"), D("1994-11-06"))
    kabul = v.loc["ceasefire_ext_kabul_1995"]
    assert kabul["basis"] == "derived" and kabul["duration"] == cf.Duration(3, "month")
    # three months from 17-19 May, or from the end of the Moscow month (derived: 19-30 May)
    assert (kabul["end_from"], kabul["end_to"]) == (D("1995-08-17"), D("1995-08-25"))
    aug = v.loc["ceasefire_ext_aug_1995"]
    assert (aug["end_from"], aug["end_to"]) == (D("1996-02-01"), D("1996-02-29"))
    assert (
        v.loc["ceasefire_ext_july_1996", "basis"] == "stated"
    )  # valid_until wins over the wording
    assert v.loc["ceasefire_dec_1996", "basis"] == "condition"
    assert v.loc["ceasefire_ext_1996_undated", "basis"] == "unknown"
    assert v["basis"].value_counts().to_dict() == {
        "stated": 3,
        "derived": 3,
        "condition": 1,
        "unknown": 1,
    }


def test_validity_table_labels_derived_values(ds):
    t = cf.validity_table(ds).set_index("No.")
    assert list(t.columns) == ["Record", "From", "Term in the source", "Duration read", "Expiry"]
    assert t.loc[1, "From"] == "20 Oct 1994" and t.loc[1, "Expiry"] == "6 Nov 1994"
    assert t.loc[3, "Expiry"] == "derived: 19–25 May 1995"
    assert (
        t.loc[4, "Expiry"] == "derived: 17–25 Aug 1995" and t.loc[4, "Duration read"] == "3 months"
    )
    assert t.loc[6, "Expiry"] == "unknown" and t.loc[6, "Duration read"] == ""
    assert t.loc[8, "Expiry"] == "open-ended (no date)"
    stated = t.loc[[1, 2, 7], "Expiry"]
    assert not stated.str.contains("derived").any()  # coded dates are never labelled derived
    assert t.loc[2, "From"].startswith(
        "agreed "
    )  # no effective_from: the agreement is shown as such


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


def test_observation_window_and_coverage_real(ds):
    start, end = cf.observation_window(ds)
    assert (start, end) == (
        D("1994-04-05"),
        D("1997-06-27"),
    )  # first round to the General Agreement
    runs = cf.coverage(ds)
    assert runs["start"].iloc[0] == start and runs["end"].iloc[-1] == end
    assert runs["days"].sum() == (end - start).days + 1
    assert (
        runs["start"].iloc[1:].to_numpy()
        == (runs["end"].iloc[:-1] + pd.Timedelta(days=1)).to_numpy()
    ).all()
    first = runs.iloc[0]
    assert first["status"] == "none" and first["end"] == D(
        "1994-10-19"
    )  # until the Tehran ceasefire
    assert runs.iloc[1]["start"] == D("1994-10-20") and runs.iloc[1]["status"] == "stated"
    assert runs.iloc[-1]["status"] == "condition" and runs.iloc[-1]["start"] == D("1996-12-23")
    g = cf.gaps(runs).sort_values("start")
    assert list(g["start"]) == [D("1994-04-05"), D("1995-03-01")]
    assert list(g["end"]) == [D("1994-10-19"), D("1995-04-18")]


def test_coverage_table_real(ds):
    t = cf.coverage_table(ds)
    assert list(t.columns) == ["From", "To", "Days", "Status", "Phase at start"]
    assert t.iloc[0].to_dict() == {
        "From": "5 Apr 1994",
        "To": "19 Oct 1994",
        "Days": 198,
        "Status": "No ceasefire known",
        "Phase at start": "First formula phase",
    }
    assert set(t["Status"]) <= set(cf.STATUS_LABELS.values())


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


def test_military_events_and_table_real(ds):
    ev = cf.military_events(ds)
    assert list(ev["number"]) == list(range(1, len(ev) + 1))
    assert ev["date_start"].is_monotonic_increasing
    assert "border_outpost_attack_1993" not in set(ev["event_id"])  # before the talks
    assert ev["event_id"].iloc[-1] == "khudoiberdyev_crisis_1997"
    t = cf.military_table(ds).set_index("No.")
    assert list(t.columns) == ["Dates", "Event", "Phase", "Ceasefire then"]
    last = t.loc[len(t)]
    assert (
        last["Event"] == "Khudoiberdyev crisis in Tursunzade" and last["Dates"] == "c. Jan–Feb 1997"
    )
    assert last["Phase"] == "Detail phase" and last["Ceasefire then"] == "in force"
    assert t.loc[1, "Dates"] == "c. Jul–Aug 1994"
    assert (
        t.loc[1, "Ceasefire then"] == "none known"
    )  # the 1994 offensive came before any ceasefire
    april = t[t["Event"].str.contains("April 1995")].iloc[0]
    assert april["Ceasefire then"] == "in force, possibly, none known"


def test_agreements_real(ds):
    ag = cf.ceasefire_agreements(ds)
    assert ag["agreement_id"].iloc[0] == "tehran_ceasefire_agreement_1994"
    assert "khusdeh_pledge_1996" in set(ag["agreement_id"])
    assert ag["date_signed"].is_monotonic_increasing
    t = cf.agreements_table(ds)
    assert list(t.columns) == ["Agreement", "Date", "Parties", "Other topics"]
    khusdeh = t[t["Agreement"] == "Khusdeh agreement"].iloc[0]
    assert khusdeh["Date"] == "23 Dec 1996" and "power sharing" in khusdeh["Other topics"]
    assert khusdeh["Parties"] == "Rahmonov, Nuri"
    assert "ceasefire" not in " ".join(t["Other topics"])
    assert t.iloc[0]["Parties"] == "government, UTO"


def test_relations_real(ds):
    rel = cf.ceasefire_relations(ds)
    assert set(rel["event_id"]) <= set(ds.ceasefires["event_id"])
    t = cf.relations_table(ds)
    assert list(t.columns) == ["No.", "Meeting", "Relation", "Actor", "On"]
    tehran = t[t["No."] == 1]
    assert set(tehran["Meeting"]) == {"Tehran"}
    assert list(zip(tehran["Relation"], tehran["Actor"], tehran["On"])) == [
        ("pressure", "Iran", "UTO"),
        ("pressure", "Russia", "government"),
        ("persuasion", "Chernishev", "government"),
        ("persuasion", "Vaezi", "UTO"),
        ("hosting", "Iran", "government, UTO"),
    ]
    kabul = t[t["No."] == 4].set_index("Relation")
    assert (
        kabul.loc["facilitation", "Actor"] == "Rabbani"
        and kabul.loc["hosting", "Actor"] == "Afghanistan"
    )
    august = t[t["No."] == 5]  # no venue given: the meeting is named by its title, never its id
    assert list(zip(august["Meeting"], august["Relation"], august["Actor"])) == [
        ("Signing of the Protocol on Fundamental Principles", "mediation", "Piriz-Ballon")
    ]
    assert "support" not in set(
        t["Relation"]
    )  # Russian support at Ashgabat is not action on both sides
    assert list(t["No."]) == sorted(t["No."])


def test_discrepancies_table_real(ds):
    t = cf.discrepancies_table(ds)
    assert list(t.columns) == ["Adamishin (2012)", "Iji (n.d.)", "Reconciliation"]
    assert len(t) == len(cf.DISCREPANCIES)
    obs = t.iloc[0]
    assert "October 1994" in obs["Adamishin (2012)"] and "UNMOT" in obs["Iji (n.d.)"]
    one = cf.discrepancies_table(ds, ["un-observers-date"])
    assert len(one) == 1 and one.iloc[0]["Reconciliation"] == obs["Reconciliation"]
    with pytest.raises(UnknownIdError, match="no-such-row"):  # never skipped silently
        cf.discrepancies_table(ds, ["no-such-row", "un-observers-date"])
    assert cf.discrepancies_table(ds, []).empty


def test_summary_real(ds):
    s = cf.summary(ds)
    assert (s["n_records"], s["n_extensions"]) == (8, 7)
    assert (s["n_stated"], s["n_derived"], s["n_condition"], s["n_unknown"]) == (3, 3, 1, 1)
    assert s["first_agreed"] == "17 Sep 1994" and s["first_in_force"] == "20 Oct 1994"
    assert s["window_days"] == sum(s[f"days_{k}"] for k in cf.STATUSES) == 1180
    assert s["days_in_force"] == s["days_stated"] + s["days_derived"] + s["days_condition"]
    assert s["n_gaps"] == 2 and s["gap_1"] == "5 Apr 1994 – 19 Oct 1994" and s["gap_2_days"] == 49
    assert s["longest_gap_days"] == 198
    assert s["expiry_ceasefire_ext_kabul_1995"] == "17–25 Aug 1995"
    assert (s["n_military_events"], s["n_military_in_gap"]) == (8, 2)


def test_functions_on_the_mini_dataset(mini_dataset):
    """The mini package: one ceasefire whose term is a condition, and no military event in the talks."""
    v = cf.validity_periods(mini_dataset)
    assert list(v["basis"]) == ["condition"] and pd.isna(v["end_from"].iloc[0])
    runs = cf.coverage(mini_dataset)
    assert list(runs["status"]) == ["none", "condition"]
    assert cf.military_table(mini_dataset).empty
    assert cf.summary(mini_dataset)["n_records"] == 1


def test_plot_coverage_real(ds):
    fig = cf.plot_coverage(ds)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() == "Date" and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert (
        ticks[-1] == "1. Ceasefire (Tehran)"
        and ticks[0] == "Military events"
        and "Gaps (computed)" in ticks
    )
    texts = {t.get_text() for t in ax.texts}
    assert {"?", "open-ended", "First formula phase", "Detail phase", "1", "6"} <= texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert cf.BASIS_LABELS["derived"] in legend and "No ceasefire known (computed gap)" in legend
    assert "ceasefires-coverage" in figures.registered()
