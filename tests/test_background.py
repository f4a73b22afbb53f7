"""Unit tests of tajik_peace.chapters.background and checks of book/background.ipynb.

Logic is tested on small hand-made inputs and on the mini fixture package (tests/fixtures/mini);
what the chapter says about the real data is asserted in test_real_data.py.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace.chapters import background
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp


def _actors(rows):
    return pd.DataFrame(rows, columns=["actor_id", "name", "kind", "affiliation"])


# ---- helpers -----------------------------------------------------------------------------------


# ---- (1) events ----------------------------------------------------------------------------------


def test_pre_talks_events_on_the_mini_package(mini_dataset):
    ev = background.pre_talks_events(mini_dataset)
    assert list(ev["event_id"]) == ["presidential_election_1991", "border_outpost_attack"]
    assert list(ev["period"]) == ["before talks", "diagnostic"]


def test_an_event_without_a_phase_after_the_talks_opened_is_not_before_the_talks(mini_package):
    """A later event with no phase (the sources also tell of events after 1997) is not "before
    the talks"."""
    from pkgtools import add_row

    from tajik_peace.data import load_dataset

    add_row(
        mini_package,
        "events",
        event_id="later_event_1998",
        date_start="1998-06-01",
        date_start_precision="month",
        date_edtf="1998-06",
        kind="political",
        title="A later event",
        actors="nabiyev",
    )
    add_row(
        mini_package,
        "attestations",
        attestation_id="events-later_event_1998-1",
        table="events",
        record_id="later_event_1998",
        fields="date_start;kind;title;actors",
        source_id="iji",
        locator="Conclusions",
        quote="A later event.",
    )
    ev = background.pre_talks_events(load_dataset(mini_package))
    assert "later_event_1998" not in set(ev["event_id"])
    assert list(ev["event_id"]) == ["presidential_election_1991", "border_outpost_attack"]


def test_pre_talks_events_empty_selection(mini_dataset):
    ev = background.pre_talks_events(mini_dataset, start=D("2000-01-01"))
    assert ev.empty
    assert (
        background.events_by_kind(
            SimpleNamespace(
                **{**dict(mini_dataset.tables), "events": mini_dataset.events.iloc[0:0]}
            )
        )["Total"].sum()
        == 0
    )


def test_plot_timeline_legend_lists_only_the_kinds_present(mini_dataset):
    small = background.plot_timeline(mini_dataset)
    assert [t.get_text() for t in small.axes[0].get_legend().get_texts()] == [
        "Election",
        "Military",
    ]


# ---- (2) backers ---------------------------------------------------------------------------------


def test_roll_up_follows_affiliations():
    actors = _actors(
        [
            ("kozyrev", "Kozyrev", "person", "fm"),
            ("fm", "Foreign Ministry", "institution", "russia"),
            ("russia", "Russia", "state", None),
            ("nabiyev", "Nabiyev", "person", "party"),
            ("party", "Communist Party", "party", None),
            ("loop_a", "A", "person", "loop_b"),
            ("loop_b", "B", "institution", "loop_a"),
            ("un_envoy", "Envoy", "person", "un"),
            ("un", "United Nations", "organisation", None),
        ]
    )
    assert background.roll_up("kozyrev", actors) == "russia"
    assert background.roll_up("russia", actors) == "russia"  # a state rolls up to itself
    assert background.roll_up("nabiyev", actors) is None  # chain ends without a state
    assert background.roll_up("loop_a", actors) is None  # a cycle ends the search
    assert background.roll_up("nobody", actors) is None
    assert background.roll_up("un_envoy", actors) == "un"
    assert background.roll_up("un_envoy", actors, kinds=("state",)) is None
    assert background.roll_up("kozyrev", actors, exclude=("russia",)) is None


def test_backing_on_the_mini_package_is_empty(mini_dataset):
    assert background.backing_relations(mini_dataset).empty  # its only relation is a persuasion
    assert background.backing_table(mini_dataset).empty
    assert background.outside_backing(mini_dataset).empty


# ---- (3) places ----------------------------------------------------------------------------------


def test_map_places_edge_cases():
    places = pd.DataFrame(
        {
            "place_id": ["b", "a", "far", "nocoord", "site"],
            "name": ["B", "A", "Far", "No coordinates", "Site"],
            "aliases": ["B", None, "Far", "X", "S"],
            "kind": ["region", "city", "city", "city", "site"],
            "latitude": [38.0, 38.5, 55.0, None, 38.5],
            "longitude": [70.0, 68.8, 37.0, None, 68.8],
            "coordinate_precision": [0.5, 0.01, 0.01, 0.01, 0.02],
        }
    )
    ds = SimpleNamespace(places=places)
    assert list(background.map_places(ds)["place_id"]) == ["a", "b"]  # cities before regions
    t = background.places_table(ds)
    assert list(t["Place"]) == ["A", "B"]
    assert t.iloc[0]["Spellings in the sources"] == ""  # missing aliases: empty, not 'nan'
    assert t.iloc[1]["Uncertainty (deg)"] == "0.5"


# ---- (4) cost ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,unit,qualifier,expected",
    [
        (60000, "people", "over", "over 60,000 people"),
        (25, "people", "exactly", "25 people"),
        (3, "years", "about", "about 3 years"),
        (2, "days", "up_to", "up to 2 days"),
        (33.3, "percent", "over", "over 33.3 percent"),
        (None, "people", "over", ""),
    ],
)
def test_format_figure(value, unit, qualifier, expected):
    assert background.format_figure(value, unit, qualifier) == expected


def test_cost_table_edge_cases(mini_dataset):
    t = background.cost_table(mini_dataset, stats={"war_dead": "Whole war"})
    assert list(t["Figure"]) == ["over 60,000 people"]
    assert t.iloc[0]["Source"].startswith("Adamishin")
    # an id the data lacks stops the chapter, naming the id and the table, instead of vanishing
    with pytest.raises(UnknownIdError, match=r"statistics.*'missing_id'"):
        background.cost_table(mini_dataset, stats={"war_dead": "Whole war", "missing_id": "x"})
    with pytest.raises(UnknownIdError):  # none of the chapter's ids is in the mini package
        background.cost_table(mini_dataset)


# ---- discrepancies and summary ---------------------------------------------------------------


def test_discrepancies_table_edge_cases(mini_dataset):
    with pytest.raises(UnknownIdError, match="discrepancies"):
        background.discrepancies_table(mini_dataset)
    t = background.discrepancies_table(mini_dataset, ids={"third_round_venue": "Venue"})
    assert t.iloc[0]["Adamishin"].startswith("The third round was held in Pakistan")
    same = SimpleNamespace(
        discrepancies=pd.DataFrame(
            {
                "discrepancy_id": ["x"],
                "topic": ["name"],
                "source_a": ["adamishin2012"],
                "claim_a": ["One."],
                "source_b": ["adamishin2012"],
                "claim_b": ["Two."],
                "assessment": ["-"],
                "record": [None],
            }
        ),
        sources=mini_dataset.sources,
    )
    row = background.discrepancies_table(same, ids={"x": "Inside one source"}).iloc[0]
    assert (row["Adamishin"], row["Iji"]) == ("One. Two.", "")


def test_split_label_breaks_where_the_wider_line_is_narrowest():
    assert background.split_label("aa bb cc dd", len) == "aa bb\ncc dd"
    assert background.split_label("one", len) == "one"


def test_label_layout_keeps_two_line_labels_off_their_neighbours():
    gap = {"right": 5.0, "left": 6.0}
    # three rows marked at 100-110 on an axis from 0 to 200: a 120-wide label fits neither side
    # on one line, so it takes two, and its neighbours' labels go to the other side
    marks = [(100.0, 110.0)] * 3
    widths = [{1: 50.0, 2: 30.0}, {1: 120.0, 2: 70.0}, {1: 50.0, 2: 30.0}]
    layout = background.label_layout(marks, widths, 0.0, 200.0, gap)
    assert layout[1][1] == 2
    assert layout[0][0] != layout[1][0] and layout[2][0] != layout[1][0]
    # room enough: every label on one line, on the right
    wide = background.label_layout(marks, widths, 0.0, 400.0, gap)
    assert wide == [("right", 1)] * 3
    assert background.label_layout([], [], 0.0, 1.0, gap) == []
