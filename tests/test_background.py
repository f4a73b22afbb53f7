"""Unit tests of tajik_peace.background and checks of the chapter notebook book/background.ipynb.

Facts are checked on the real dataset (against what the two sources say) and edge cases on small
hand-made inputs and on the mini fixture package (tests/fixtures/mini).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import background
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp


@pytest.fixture(scope="module")
def real(real_dataset):
    """The real dataset (the session-wide fixture of conftest.py)."""
    return real_dataset


def _actors(rows):
    return pd.DataFrame(rows, columns=["actor_id", "name", "kind", "affiliation"])


# ---- helpers -----------------------------------------------------------------------------------


def test_sources_of_and_sources_text(real):
    assert background.sources_of(real, "events", "khujand_session_1992") == ["adamishin2012"]
    assert background.sources_of(real, "events", "dushanbe_storming_1992") == [
        "adamishin2012",
        "iji",
    ]
    assert background.sources_of(real, "events", "no_such_event") == []
    assert background.sources_text(real, ["adamishin2012", "iji"]) == "Adamishin; Iji"
    assert background.sources_text(real, []) == ""
    assert background.source_marks(real) == {"adamishin2012": "A", "iji": "I"}


# ---- (1) events ----------------------------------------------------------------------------------


def test_pre_talks_events_window(real):
    ev = background.pre_talks_events(real)
    ids = list(ev["event_id"])
    assert ids[0] == "election_president_1991"  # the period opens with the November 1991 election
    assert "tajik_ssr_creation_1929" not in ids  # context before the window, not an event of it
    assert {
        "khujand_session_1992",
        "dushanbe_storming_1992",
        "border_outpost_attack_1993",
        "central_asia_summit_moscow_1993",
    } <= set(ids)
    assert "primakov_nuri_1993" not in ids  # November 1993: after the early diagnostic months
    assert "round1_moscow_1994" not in ids
    assert list(ev["date_start"]) == sorted(ev["date_start"])
    assert set(ev["period"]) == {"before talks", "diagnostic"}
    assert (
        ev.loc[ev["period"] == "diagnostic", "date_start"] <= background.EARLY_DIAGNOSTIC_END
    ).all()
    storm = ev.set_index("event_id").loc["dushanbe_storming_1992"]
    assert (storm["span_start"], storm["span_end"]) == (D("1992-12-01"), D("1992-12-31"))


def test_pre_talks_events_on_the_mini_package(mini_dataset):
    ev = background.pre_talks_events(mini_dataset)
    assert list(ev["event_id"]) == ["presidential_election_1991", "border_outpost_attack"]
    assert list(ev["period"]) == ["before talks", "diagnostic"]


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


def test_events_table(real):
    t = background.events_table(real)
    assert list(t.columns) == ["Date", "Kind", "Event", "Place", "Period", "Sources"]
    khujand = t[t["Event"] == "Khujand session of the Supreme Soviet"].iloc[0]
    assert (khujand["Date"], khujand["Kind"], khujand["Place"]) == (
        "16–29 November 1992",
        "Political",
        "Khujand",
    )
    assert khujand["Sources"] == "Adamishin"
    first = t.iloc[0]
    assert (first["Date"], first["Kind"], first["Place"]) == (
        "November 1991",
        "Election",
        "",
    )  # no venue: empty
    assert not t.isna().any().any()


def test_events_by_kind(real):
    t = background.events_by_kind(real).set_index("Kind")
    ev = background.pre_talks_events(real)
    assert t["Total"].sum() == len(ev)
    assert (t["Before the talks"] + t["Early diagnostic phase"] == t["Total"]).all()
    assert t.loc["Election", "Total"] == 1  # only the 1991 presidential election
    assert (
        t.loc["Summit", "Before the talks"] == 0 and t.loc["Summit", "Early diagnostic phase"] == 1
    )
    assert list(t.index)[:3] == ["Election", "Political", "Military"]  # codebook-derived order


def test_plot_timeline(real, mini_dataset):
    fig = background.plot_timeline(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Date")
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    texts = [t.get_text() for t in ax.texts]
    assert "Khujand session of the Supreme Soviet [A]" in texts
    assert "Popular Front storms Dushanbe [A, I]" in texts
    assert "Diagnostic phase opens" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == ["Election", "Political", "Military"]
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


def test_roll_up_and_outside_backer_on_real_actors(real):
    assert background.roll_up("kozyrev", real.actors) == "russia"
    assert (
        background.roll_up("ashurov", real.actors) == "russia"
    )  # division commander -> division -> MoD
    assert background.roll_up("karimov", real.actors) == "uzbekistan"
    assert background.outside_backer("division_201", real.actors) == "russia"
    assert background.outside_backer("rahmonov", real.actors) is None  # home state: not rolled up
    assert background.outside_backer("kulyabis", real.actors) is None


def test_backing_relations_and_table(real):
    rel = background.backing_relations(real)
    assert set(rel["relation"]) <= set(background.BACKING_RELATIONS)
    assert set(rel["period"]) == {"before talks", "diagnostic"}
    by_id = rel.set_index("relation_id")
    # Both sources say Uzbekistan armed the Popular Front; only Iji says Russia aided it.
    assert by_id.loc["uzbekistan-arming-popular-front-1992", "sources"] == ["adamishin2012", "iji"]
    assert by_id.loc["russia-support-popular-front-1992", "sources"] == ["iji"]
    assert by_id.loc["kozyrev-support-iskandarov-1992", "from_state"] == "russia"
    assert "adamishin-persuasion-uto-1994" not in by_id.index  # persuasion is not backing
    t = background.backing_table(real)
    assert list(t.columns) == ["Date", "Actor", "Relation", "Acted on", "Period", "Sources"]
    row = t[t["Actor"] == "Andrei Kozyrev (Russia)"].iloc[0]
    assert (row["Relation"], row["Acted on"]) == ("supported", "Akbarsho Iskandarov")
    assert (
        (t["Actor"] == "Uzbekistan")
        & (t["Relation"] == "armed")
        & (t["Acted on"] == "Popular Front")
    ).any()


def test_backing_table_by_period(real):
    before = background.backing_table(real, period="before talks")
    diag = background.backing_table(real, period="diagnostic")
    assert "Period" not in before.columns
    assert len(before) + len(diag) == len(background.backing_table(real))
    assert set(diag["Date"]) >= {"13 July 1993"}  # the attack on the 12th outpost
    assert "13 July 1993" not in set(before["Date"])


def test_outside_backing(real):
    t = background.outside_backing(real).set_index("Outside state")
    assert list(t.columns) == ["Supported", "Armed", "Hostile to"]
    assert {"Russia", "Uzbekistan", "Iran"} == set(t.index)
    assert t.loc["Uzbekistan", "Armed"] == "Popular Front; Kulobis (Kulyabis)"
    assert t.loc["Russia", "Armed"] == ""  # no source says Russia armed anyone before the talks
    assert "Popular Front" in t.loc["Russia", "Supported"]  # Iji's "apparently aided"
    assert "Akbarsho Iskandarov" in t.loc["Russia", "Supported"]
    assert t.loc["Iran", "Supported"] == "Tajik Islamists"
    assert (
        t.loc["Uzbekistan", "Hostile to"] == "Russia; Emomali Rahmonov"
    )  # Karimov's lecture; 1993


def test_backing_on_the_mini_package_is_empty(mini_dataset):
    assert background.backing_relations(mini_dataset).empty  # its only relation is a persuasion
    assert background.backing_table(mini_dataset).empty
    assert background.outside_backing(mini_dataset).empty


# ---- (3) places ----------------------------------------------------------------------------------


def test_map_places(real):
    pl = background.map_places(real)
    ids = set(pl["place_id"])
    assert {
        "dushanbe",
        "khujand",
        "kulob",
        "qurghonteppa",
        "gharm",
        "gorno_badakhshan",
        "leninabad_region",
        "tashkent",
    } <= ids
    assert not ids & {
        "moscow",
        "tehran",
        "almaty",
        "shakhidon_square",
        "tajikistan",
    }  # far away, site, country
    assert list(pl["kind"]) == sorted(pl["kind"], key=background.MAP_KINDS.index)
    west, east, south, north = background.MAP_BOUNDS
    assert pl["longitude"].between(west, east).all() and pl["latitude"].between(south, north).all()


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


def test_places_table_on_real_data(real):
    t = background.places_table(real).set_index("Place")
    assert t.loc["Qurghonteppa", "Spellings in the sources"] == "Qurghonteppa; Kurgan-Tyube"
    assert t.loc["Dushanbe", "Uncertainty (deg)"] == "0.01"


def test_plot_places(real):
    fig = background.plot_places(real)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Longitude" and ax.get_ylabel() == "Latitude"
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    texts = [t.get_text() for t in ax.texts]
    assert {"Dushanbe", "Khujand", "Kulob", "Gharm", "Gorno-Badakhshan"} <= set(texts)
    assert any("supplied by the coder" in t for t in texts)  # the caveat is on the figure itself
    n = len(background.map_places(real))
    assert len(ax.patches) == n  # one uncertainty circle per place
    assert "approximate" in background.PLACES_ALT and "coder" in background.PLACES_ALT


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


def test_cost_table(real):
    t = background.cost_table(real)
    assert list(t.columns) == ["Group", "What is counted", "Figure", "Qualifier", "When", "Source"]
    killed = t[t["What is counted"] == "People killed in the civil war"].iloc[0]
    assert (killed["Figure"], killed["Qualifier"], killed["When"]) == (
        "over 60,000 people",
        "over",
        "undated",
    )
    assert killed["Source"] == "Adamishin, para. 51"
    outpost = t[t["What is counted"].str.startswith("Border guards killed")].iloc[0]
    assert (outpost["Figure"], outpost["When"]) == ("25 people", "13 July 1993")
    assert list(t["Group"].unique()) == ["Whole war", "1992-93 episodes", "Forces and stakes"]


def test_cost_table_edge_cases(mini_dataset):
    t = background.cost_table(mini_dataset, stats={"war_dead": "Whole war"})
    assert list(t["Figure"]) == ["over 60,000 people"]
    assert t.iloc[0]["Source"].startswith("Adamishin")
    # an id the data lacks stops the chapter, naming the id and the table, instead of vanishing
    with pytest.raises(UnknownIdError, match=r"statistics.*'missing_id'"):
        background.cost_table(mini_dataset, stats={"war_dead": "Whole war", "missing_id": "x"})
    with pytest.raises(UnknownIdError):  # none of the chapter's ids is in the mini package
        background.cost_table(mini_dataset)


def test_cost_summary(real):
    s = background.cost_summary(real)
    assert s["killed"] == "over 60,000 people"
    assert s["missing"] == "100,000 people" and s["orphans"] == "55,000 people"
    assert s["casualty_total_sources"] == "Adamishin" and s["n_casualty_total_sources"] == 1
    assert (
        s["n_casualty_totals_dated"] == 0 and s["n_casualty_totals"] == 3
    )  # the totals are undated
    assert s["cost_table_sources"] == "Adamishin"  # Iji gives no casualty or force figure
    assert (s["outpost_killed"], s["outpost_garrison"]) == ("25 people", "51 people")
    assert s["border_contingent"] == "16,000 people"


# ---- discrepancies and summary ---------------------------------------------------------------


def test_discrepancies_table(real):
    t = background.discrepancies_table(real)
    assert list(t.columns) == ["Point", "Adamishin", "Iji"]
    assert list(t["Point"]) == list(background.BACKGROUND_DISCREPANCIES.values())
    aid = t.set_index("Point").loc["Russian aid to the Popular Front"]
    assert "Uzbekistan" in aid["Adamishin"] and "apparently" in aid["Iji"]


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


def test_summary(real):
    s = background.summary(real)
    assert s["n_events"] == s["n_events_before"] + s["n_events_diagnostic"]
    assert (
        s["n_events"] == s["n_events_adamishin_only"] + s["n_events_iji_only"] + s["n_events_both"]
    )
    assert (
        s["n_events_adamishin_only"] > s["n_events_iji_only"]
    )  # the period is told mostly by Adamishin
    assert (
        s["n_backing"]
        == s["n_backing_adamishin_only"] + s["n_backing_iji_only"] + s["n_backing_both"]
    )
    assert s["date_khujand"] == "16 November 1992"
    assert s["date_election"] == "November 1991"
    assert s["date_border_attack"] == "13 July 1993"
    assert s["date_moscow_summit"] == "7 August 1993"
    assert s["diagnostic_start"] == "c. July 1993"
    assert s["date_ssr"] == "1929"
    assert s["n_uzbekistan_relations"] >= 4
