"""Unit tests of tajik_peace.chapters.chronology, of the chapter notebook's thinness, and of
figures/; claims about the real data are in test_real_data.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import chronology

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp


@pytest.fixture()
def ds():
    """A small synthetic dataset with the columns of data/datapackage.json."""
    events = pd.DataFrame(
        [
            # id, start, end, precision, kind, round, part, place, gov, opp, phase
            (
                "e_mil",
                D("1993-07-13"),
                pd.NaT,
                "day",
                "military",
                None,
                None,
                None,
                None,
                None,
                "diag",
            ),
            (
                "r1",
                D("1994-04-05"),
                D("1994-04-19"),
                "day",
                "round",
                1,
                None,
                "moscow",
                "gov1",
                "opp1",
                "f1",
            ),
            (
                "c1",
                D("1994-09-01"),
                pd.NaT,
                "month",
                "consultation",
                None,
                None,
                "tehran",
                None,
                None,
                "f1",
            ),
            (
                "r2b",
                D("1995-01-10"),
                D("1995-02-02"),
                "day",
                "round",
                2,
                2,
                "moscow",
                "gov1",
                None,
                "f1",
            ),
            (
                "r2a",
                D("1994-12-01"),
                D("1994-12-05"),
                "day",
                "round",
                2,
                1,
                "tehran",
                "gov1",
                "opp1",
                "f1",
            ),
            ("s1", D("1995-05-19"), pd.NaT, "day", "summit", None, None, "kabul", None, None, "f1"),
            # a summit of states without the opposition: not a meeting of the two sides
            (
                "s_states",
                D("1994-06-01"),
                pd.NaT,
                "day",
                "summit",
                None,
                None,
                "moscow",
                None,
                None,
                "f1",
            ),
            (
                "a1",
                D("1995-05-19"),
                pd.NaT,
                "day",
                "agreement",
                None,
                None,
                "kabul",
                None,
                None,
                "f1",
            ),
        ],
        columns=[
            "event_id",
            "date_start",
            "date_end",
            "date_start_precision",
            "kind",
            "round_number",
            "round_part",
            "place_id",
            "government_head",
            "opposition_head",
            "phase_id",
        ],
    )
    events["date_end_precision"] = events["date_start_precision"].where(events["date_end"].notna())
    meeting = events["kind"].isin(["round", "consultation", "summit"])
    events["both_sides"] = (events["event_id"] != "s_states").where(meeting)
    events["title"] = events["event_id"].str.upper()
    events["round_number"] = events["round_number"].astype("Int64")
    events["round_part"] = events["round_part"].astype("Int64")
    phases = pd.DataFrame(
        {
            "phase_id": ["f1", "diag"],
            "order": [2, 1],
            "name": ["Formula", "Diagnostic"],
            "start_date": [D("1994-04-05"), D("1993-05-01")],
            "end_date": [D("1995-12-31"), D("1994-04-04")],
        }
    )
    places = pd.DataFrame(
        {"place_id": ["moscow", "tehran", "kabul"], "name": ["Moscow", "Tehran", "Kabul"]}
    )
    actors = pd.DataFrame({"actor_id": ["gov1", "opp1"], "name": ["Gov Head", "Opp Head"]})
    return SimpleNamespace(events=events, phases=phases, places=places, actors=actors)


@pytest.fixture(params=["columns", "indexed"])
def any_ds(request, ds):
    """The synthetic dataset with keys as columns, and as load_dataset gives it: indexed by primary
    key, with categorical enums."""
    if request.param == "columns":
        return ds
    ev = ds.events.set_index("event_id")
    ev["kind"] = ev["kind"].astype("category")
    return SimpleNamespace(
        events=ev,
        phases=ds.phases.set_index("phase_id"),
        places=ds.places.set_index("place_id"),
        actors=ds.actors.set_index("actor_id"),
    )


def test_round_label():
    assert chronology.round_label(3, pd.NA) == "Round 3"
    assert chronology.round_label(6, 2) == "Round 6, part 2"
    assert chronology.round_label(pd.NA, pd.NA) == ""


def test_negotiation_events_sorted_and_filtered(any_ds):
    ev = chronology.negotiation_events(any_ds)
    assert "e_mil" not in set(ev["event_id"])
    assert list(ev["event_id"]) == ["r1", "s_states", "c1", "r2a", "r2b", "a1", "s1"]


def test_rounds_table(any_ds):
    t = chronology.rounds_table(any_ds)
    assert list(t.columns) == [
        "Meeting",
        "Dates",
        "Venue",
        "Government delegation",
        "Opposition delegation",
        "Phase",
    ]
    assert list(t["Meeting"]) == [
        "Round 1",
        "Consultation",
        "Round 2, part 1",
        "Round 2, part 2",
        "Summit",
    ]
    first = t.iloc[0]
    assert first["Dates"] == "5–19 April 1994"
    assert (first["Venue"], first["Government delegation"], first["Opposition delegation"]) == (
        "Moscow",
        "Gov Head",
        "Opp Head",
    )
    assert first["Phase"] == "Formula"
    assert t.iloc[3]["Opposition delegation"] == ""  # not named: empty, not NaN
    assert t.iloc[1]["Dates"] == "September 1994"


def test_rounds_table_holds_only_meetings_of_the_two_sides(any_ds):
    assert "1 June 1994" not in set(chronology.rounds_table(any_ds)["Dates"])
    other = chronology.other_meetings_table(any_ds)
    assert list(other.columns) == ["Meeting", "Dates", "Venue", "What it was", "Phase"]
    assert other.to_dict("records") == [
        {
            "Meeting": "Summit",
            "Dates": "1 June 1994",
            "Venue": "Moscow",
            "What it was": "S_STATES",
            "Phase": "Formula",
        }
    ]


def test_events_by_phase(any_ds):
    t = chronology.events_by_phase(any_ds)
    assert list(t["Phase"]) == [
        "Diagnostic",
        "Formula",
    ]  # phase order, not alphabetical or file order
    formula = t.set_index("Phase").loc["Formula"]
    assert (
        formula["Round of talks"] == 3
        and formula["Summit"] == 2
        and formula["Agreement signed"] == 1
    )
    assert formula["Total"] == 7
    assert t.set_index("Phase").loc["Diagnostic", "Total"] == 0


def test_summary(any_ds):
    s = chronology.summary(any_ds)
    assert s["n_rounds"] == 2
    assert s["n_meetings"] == 5
    assert s["n_agreements_signed"] == 1
    assert s["first_meeting"] == "5 April 1994" and s["last_meeting"] == "19 May 1995"
    assert s["n_other_meetings"] == 1 and s["n_expert_meetings"] == 0
    assert s["other_meetings_phrase"] == "one summit of states"
    assert s["expert_meetings_phrase"] == "no meetings of experts"
    assert s["longest_gap_days"] == 149  # 1994-04-05 -> 1994-09-01, over the summit of states
    assert s["longest_gap_from"] == "Round 1 (5 April 1994)"
    assert s["longest_gap_to"] == "the consultation of September 1994"
    assert s["busiest_phase"] == "Formula"  # 5 meetings in ~21 months against none
    assert s["busiest_phase_meetings_per_month"] == round(5 / (636 / 30.44), 1)


def test_venue_labels(any_ds):
    v = chronology.venue_labels(any_ds)
    # every meeting, the summit of states too (drawn as another summit); no agreement
    assert list(v["event_id"]) == ["r1", "s_states", "c1", "r2a", "r2b", "s1"]
    assert list(v["label"]) == ["1 Moscow", "Moscow", "Tehran", "2.1 Tehran", "2.2 Moscow", "Kabul"]
    assert not v["leaders"].any()  # no actors column: no summit is taken for a leaders' summit


def test_leaders_summit():
    assert chronology.is_leaders_summit("summit", "rahmonov;nuri;rabbani")
    assert not chronology.is_leaders_summit("summit", "rahmonov;yeltsin")
    assert not chronology.is_leaders_summit("round", "rahmonov;nuri")
    assert not chronology.is_leaders_summit("summit", None)


def test_plot_timeline(any_ds):
    fig = chronology.plot_timeline(any_ds)
    ax = fig.axes[0]
    assert (
        ax.get_title(loc="left")
        and ax.get_xlabel() == "Date"
        and ax.get_ylabel() == "Kind of event"
    )
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "Summit date (all rows)",
        "Round of talks",
        "Consultation",
        chronology.LEADERS_SUMMIT_LABEL,
        chronology.OTHER_SUMMIT_LABEL,
        "Agreement signed",
    ]
    texts = {t.get_text(): t for t in ax.texts}
    assert {"Diagnostic", "Formula"} <= set(texts)  # phases named
    # every meeting's venue is written over it, summits in bold
    assert {"1 Moscow", "Tehran", "2.1 Tehran", "2.2 Moscow", "Kabul"} <= set(texts)
    assert texts["Kabul"].get_fontweight() == "bold"
    assert texts["1 Moscow"].get_fontweight() == "normal"
    # a summit is also a line through every row
    summit_lines = [ln for ln in ax.get_lines() if ln.get_label() == "Summit date (all rows)"]
    assert len(summit_lines) == 1 and tuple(summit_lines[0].get_ydata()) == (0, 1)
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []


def test_plot_timeline_marks_leaders_summits(ds):
    ds.events["actors"] = ds.events["event_id"].map({"s1": "rahmonov;nuri"}).fillna("")
    fig = chronology.plot_timeline(ds)
    ax = fig.axes[0]
    filled = [c for c in ax.collections if c.get_label() == chronology.LEADERS_SUMMIT_LABEL]
    open_ = [c for c in ax.collections if c.get_label() == chronology.OTHER_SUMMIT_LABEL]
    # Kabul is the leaders' summit; the summit of states is the other one
    assert len(filled[0].get_offsets()) == 1 and len(open_[0].get_offsets()) == 1


def test_labels_that_would_touch_are_pushed_apart(ds):
    extra = ds.events.iloc[[5]].copy()  # a second summit two days after Kabul's, in Tehran
    extra["event_id"], extra["date_start"], extra["place_id"] = "s2", D("1995-05-21"), "tehran"
    ds.events = pd.concat([ds.events, extra], ignore_index=True)
    fig = chronology.plot_timeline(ds)
    ax = fig.axes[0]
    fig.draw_without_rendering()
    kabul, tehran = (
        next(t for t in ax.texts if t.get_text() == name and t.get_fontweight() == "bold")
        for name in ("Kabul", "Tehran")
    )
    xs = [t.get_window_extent().x0 for t in (kabul, tehran)]
    gap_pt = (xs[1] - xs[0]) * 72 / fig.dpi
    assert gap_pt >= chronology.LABEL_GAP_PT - 0.5
