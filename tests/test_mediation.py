"""Unit tests of tajik_peace.chapters.mediation (a synthetic dataset) and of its notebook's
thinness; claims about the real data are in test_real_data.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import networkx as nx
import pandas as pd
import pytest
from conftest import toy_sources

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import mediation as network
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp


# ---- a small synthetic dataset ---------------------------------------------------------------


def _actors():
    rows = [
        # id, name, affiliation
        ("russia", "Russia", None),
        ("mfa", "Foreign Ministry", "russia"),
        ("envoy", "Envoy", "mfa"),
        ("iran", "Iran", None),
        ("un", "United Nations", None),
        ("un_envoy", "UN Envoy", "un"),
        ("tajikistan", "Tajikistan", None),
        ("tajik_government", "Government", "tajikistan"),
        ("president", "President", "tajik_government"),
        ("parliament", "Parliament", "tajikistan"),
        ("uto", "Opposition", None),
        ("leader", "Leader", "uto"),
        ("loop_a", "Loop A", "loop_b"),
        ("loop_b", "Loop B", "loop_a"),
        ("osce", "OSCE", None),
    ]
    return pd.DataFrame(rows, columns=["actor_id", "name", "affiliation"])


def _relations():
    rows = [
        # id, from, to, kind, phase, date, event
        ("r_pre", "russia", "president", "support", None, D("1992-01-01"), None),
        ("r_gov", "envoy", "president", "pressure", "p1", D("1994-03-01"), None),
        ("r_opp", "envoy", "leader", "persuasion", "p1", D("1994-03-01"), None),
        ("r_gov2", "russia", "tajik_government", "pressure", "p1", D("1994-05-01"), None),
        ("i_opp", "iran", "leader", "pressure", "p1", D("1994-05-01"), None),
        ("i_host_g", "iran", "tajik_government", "hosting", "p2", D("1995-01-10"), "round2"),
        ("i_host_o", "iran", "uto", "hosting", "p2", D("1995-01-10"), "round2"),
        ("u_med_g", "un_envoy", "tajik_government", "mediation", "p2", D("1995-01-10"), "round2"),
        ("u_med_o", "un_envoy", "uto", "mediation", "p2", D("1995-01-10"), "round2"),
        ("internal", "envoy", "russia", "persuasion", "p2", D("1995-02-01"), None),
        ("parl", "iran", "parliament", "pressure", "p2", D("1995-03-01"), None),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "relation_id",
            "from_actor",
            "to_actor",
            "relation",
            "phase_id",
            "date",
            "event_id",
        ],
    )
    frame.insert(4, "basis", "act")  # every synthetic relation is a particular act
    return frame


@pytest.fixture()
def ds():
    phases = pd.DataFrame(
        {
            "phase_id": ["p2", "p1"],
            "order": [2, 1],
            "name": ["Second phase: later", "First phase (early)"],
            "start_date": [D("1995-01-01"), D("1993-07-01")],
            "end_date": [D("1995-12-31"), D("1994-12-31")],
        }
    )
    attestations = pd.DataFrame(
        [
            ("a1", "relations", "r_pre", "adamishin2012"),
            ("a2", "relations", "r_gov", "adamishin2012"),
            ("a3", "relations", "r_gov", "iji"),
            ("a4", "relations", "i_opp", "iji"),
            ("a5", "relations", "u_med_g", "iji"),
            ("a6", "events", "round2", "adamishin2012"),
        ],
        columns=["attestation_id", "table", "record_id", "source_id"],
    )
    discrepancies = pd.DataFrame(
        [
            ("d1", "adamishin2012", "Adamishin's claim.", "iji", "Iji's claim.", "Weigh both."),
            ("d2", "iji", "Iji first.", "adamishin2012", "Adamishin second.", "Unclear."),
        ],
        columns=["discrepancy_id", "source_a", "claim_a", "source_b", "claim_b", "assessment"],
    )
    return SimpleNamespace(
        actors=_actors(),
        relations=_relations(),
        phases=phases,
        attestations=attestations,
        discrepancies=discrepancies,
        sources=toy_sources(),
    )


@pytest.fixture(params=["columns", "indexed"])
def any_ds(request, ds):
    """The synthetic dataset with keys as columns, and indexed with categorical enums as load_dataset
    returns it."""
    if request.param == "columns":
        return ds
    rel = ds.relations.set_index("relation_id")
    rel["relation"] = pd.Categorical(rel["relation"], categories=network.RELATION_KINDS)
    att = ds.attestations.set_index("attestation_id")
    att["table"] = att["table"].astype("category")
    att["source_id"] = att["source_id"].astype("category")
    return SimpleNamespace(
        actors=ds.actors.set_index("actor_id"),
        relations=rel,
        phases=ds.phases.set_index("phase_id"),
        attestations=att,
        discrepancies=ds.discrepancies.set_index("discrepancy_id"),
        sources=ds.sources.set_index("source_id"),
    )


# ---- the roll-up -----------------------------------------------------------------------------


def test_roll_up_follows_the_chain_to_its_top():
    aff = {"kozyrev": "mfa", "mfa": "russia", "russia": None}
    assert network.roll_up("kozyrev", aff) == "russia"
    assert network.affiliation_chain("kozyrev", aff) == ["kozyrev", "mfa", "russia"]
    assert network.roll_up("russia", aff) == "russia"


def test_roll_up_stops_at_cycles_and_self_affiliation():
    assert network.affiliation_chain("a", {"a": "b", "b": "c", "c": "a"}) == ["a", "b", "c"]
    assert network.roll_up("b", {"a": "b", "b": "c", "c": "a"}) == "a"
    assert network.roll_up("x", {"x": "x"}) == "x"


def test_roll_up_stops_at_the_stop_set_and_at_missing_values():
    aff = {"rahmonov": "government", "government": "tajikistan"}
    assert network.roll_up("rahmonov", aff, stop_at={"government"}) == "government"
    assert network.roll_up("rahmonov", aff) == "tajikistan"
    assert network.roll_up("nobody", aff) == "nobody"  # not in the mapping at all
    assert network.roll_up("p", {"p": float("nan")}) == "p"
    assert network.roll_up("p", {"p": ""}) == "p"
    assert network.roll_up("p", {"p": "unknown_body"}) == "unknown_body"  # parent without a row


def test_actor_units_on_synthetic(any_ds):
    units = network.actor_units(any_ds)
    assert units["envoy"] == "russia" and units["un_envoy"] == "un"
    assert units["president"] == "tajik_government"  # stops at the side, not the state
    assert units["parliament"] == "tajik_government"  # the state's institution merged into the side
    assert units["tajikistan"] == "tajik_government"
    assert units["leader"] == "uto"
    assert {units["loop_a"], units["loop_b"]} == {"loop_a", "loop_b"}  # cycle: stops, no error


def test_rollup_table_synthetic(any_ds):
    t = network.rollup_table(any_ds)
    assert list(t["Actor"]) == ["Envoy", "UN Envoy", "Parliament", "President", "Leader"]
    assert list(t["Counted as"]) == ["Russia", "UN", "Government", "Government", "Opposition (UTO)"]
    assert t.iloc[0]["Via"] == "Foreign Ministry"
    assert t.iloc[2]["Via"] == ""  # the merged state is not shown as a body between


def test_side_of():
    assert network.side_of("tajik_government") == "government"
    assert network.side_of("uto") == "opposition"
    assert network.side_of("russia") is None


# ---- periods and relations -------------------------------------------------------------------


def test_periods_order_and_pre_talks(any_ds):
    assert network.periods(any_ds) == [
        ("pre_talks", "Before the talks"),
        ("p1", "First phase"),
        ("p2", "Second phase"),
    ]


def test_periods_without_pre_talks(ds):
    ds.relations = ds.relations[ds.relations["phase_id"].notna()]
    assert [p for p, _ in network.periods(ds)] == ["p1", "p2"]


def test_rolled_relations(any_ds):
    rel = network.rolled_relations(any_ds)
    assert list(rel["relation_id"])[:2] == ["r_pre", "r_gov"]  # date order, then id
    row = rel.set_index("relation_id").loc["r_opp"]
    assert (row["from_unit"], row["to_unit"], row["period"]) == ("russia", "uto", "p1")
    assert rel.set_index("relation_id").loc["r_pre", "period"] == network.PRE_TALKS
    assert rel.set_index("relation_id").loc["internal", "internal"]
    raw = network.rolled_relations(any_ds, roll_up=False).set_index("relation_id")
    assert raw.loc["r_opp", "from_unit"] == "envoy" and not raw.loc["internal", "internal"]


def test_relation_graph(any_ds):
    g = network.relation_graph(any_ds)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_edges() == 10  # 11 relations, one internal to Russia
    assert not list(nx.selfloop_edges(g))
    assert g["russia"]["uto"]["r_opp"]["relation"] == "persuasion"
    assert g.nodes["uto"]["side"] == "opposition" and g.nodes["russia"]["label"] == "Russia"
    p2 = network.relation_graph(any_ds, phase="p2")
    assert set(p2.nodes) == {"iran", "un", "tajik_government", "uto"}
    assert p2.number_of_edges(u="iran", v="tajik_government") == 2  # hosting and the parliament
    assert network.relation_graph(any_ds, phase=["p1", "p2"]).number_of_edges() == 9
    assert network.relation_graph(any_ds, phase="no_such_phase").number_of_nodes() == 0
    raw = network.relation_graph(any_ds, roll_up=False)
    assert "envoy" in raw and raw.has_edge("envoy", "russia")


def test_weighted_graph(any_ds):
    w = network.weighted_graph(network.relation_graph(any_ds, phase="p2"))
    assert isinstance(w, nx.DiGraph)
    assert w["iran"]["tajik_government"]["weight"] == 2
    assert w["iran"]["tajik_government"]["kinds"] == {"hosting": 1, "pressure": 1}
    assert network.weighted_graph(nx.MultiDiGraph()).number_of_nodes() == 0


# ---- tables ----------------------------------------------------------------------------------


def test_relation_counts(any_ds):
    c = network.relation_counts(any_ds)
    assert list(c.columns) == ["period", "mediator", "relation", "count"]
    assert list(c["period"].unique()) == ["pre_talks", "p1", "p2"]
    p2 = c[c["period"] == "p2"].set_index(["mediator", "relation"])["count"]
    assert (
        p2[("iran", "hosting")] == 2
        and p2[("un", "mediation")] == 2
        and p2[("iran", "pressure")] == 1
    )
    assert ("russia", "persuasion") not in p2.index  # internal act not counted
    assert list(c[c["period"] == "p2"]["mediator"].unique()) == ["iran", "un"]  # MEDIATORS order
    t = network.relation_counts_table(any_ds)
    assert list(t.columns) == ["Period", "Mediator", "Relations by kind", "All"]
    row = t[(t["Period"] == "Second phase") & (t["Mediator"] == "Iran")].iloc[0]
    assert row["Relations by kind"] == "pressure 1, hosting 2" and row["All"] == 3  # codebook order
    part = network.relation_counts_table(any_ds, phases=["p2"])
    assert set(part["Period"]) == {"Second phase"} and len(part) == 2
    assert network.relation_counts_table(any_ds, phases="p1")["Mediator"].tolist() == [
        "Russia",
        "Iran",
    ]


def test_relation_counts_empty(ds):
    ds.relations = ds.relations.iloc[0:0]
    assert network.relation_counts(ds).empty
    assert list(network.relation_counts_table(ds).columns) == [
        "Period",
        "Mediator",
        "Relations by kind",
        "All",
    ]
    assert network.leverage_targets(ds).empty
    assert network.relation_graph(ds).number_of_edges() == 0


def test_leverage_targets(any_ds):
    t = network.leverage_targets(any_ds).set_index("Mediator")
    # Russia: one occasion on both sides (1994-03-01), one on the government only (1994-05-01)
    assert t.loc["Russia"].to_dict() == {
        "Government only": 1,
        "Opposition only": 0,
        "Both sides": 1,
        "Others only": 0,
        "Relations": 3,
    }
    assert (
        t.loc["Iran", "Opposition only"] == 1 and t.loc["Iran", "Government only"] == 1
    )  # parliament
    assert "UN" not in t.index  # mediation is not pressure or persuasion
    lev = network.leverage_relations(any_ds).set_index("mediator")
    assert lev.loc["russia"].to_dict() == {"government": 2, "opposition": 1, "other": 0}
    assert (
        network.leverage_relations(any_ds, exclude=["r_gov2"])
        .set_index("mediator")
        .loc["russia", "government"]
        == 1
    )


def test_centrality(any_ds):
    c = network.centrality(any_ds, ["russia", "iran", "un", "osce"]).set_index(
        ["period", "mediator"]
    )
    assert c.loc[("p1", "russia"), "degree"] == 3
    assert c.loc[("p2", "iran"), "degree"] == 3 and c.loc[("p2", "iran"), "degree_no_hosting"] == 1
    assert c.loc[("p2", "russia"), "degree"] == 0  # only an internal act in p2
    assert (c.xs("osce", level="mediator")["degree"] == 0).all()
    # p1 undirected: russia-gov, russia-uto, iran-uto: russia lies between gov and uto and iran
    assert c.loc[("p1", "russia"), "betweenness"] == pytest.approx(2 / 3, abs=1e-3)
    assert c.loc[("pre_talks", "russia"), "betweenness"] == 0  # two nodes: no path through anyone
    wide = network.centrality_table(any_ds, "degree", ["russia", "iran"])
    assert list(wide.columns) == ["Mediator", "Before the talks", "First phase", "Second phase"]
    assert list(wide["Mediator"]) == ["Russia", "Iran"]
    assert list(wide.iloc[1, 1:]) == [0, 1, 3]


def test_source_coverage(any_ds):
    t = network.source_coverage(any_ds).set_index("Period")
    assert t.loc["Before the talks"].to_dict() == {
        "Relations": 1,
        "Adamishin only": 1,
        "Iji only": 0,
        "Both": 0,
    }
    assert t.loc["First phase"].to_dict() == {
        "Relations": 4,
        "Adamishin only": 0,
        "Iji only": 1,
        "Both": 1,
    }
    assert t.loc["Second phase", "Iji only"] == 1  # the event attestation is not a relation's


def test_discrepancies_table(any_ds):
    t = network.discrepancies_table(any_ds, ["d2", "d1"])
    assert list(t["Point"]) == ["d2", "d1"]
    assert t.iloc[0]["Adamishin"] == "Adamishin second." and t.iloc[0]["Iji"] == "Iji first."
    with pytest.raises(UnknownIdError, match="'missing'"):  # a renamed id is not skipped
        network.discrepancies_table(any_ds, ["d2", "missing", "d1"])


def test_summary_synthetic(any_ds):
    s = network.summary(any_ds)
    assert (s["n_relations"], s["n_internal"]) == (11, 1)
    assert s["russia_occ_both"] == 1 and s["un_occ_both"] == 0
    assert s["n_hosting"] == 2 and s["n_hosting_events"] == 1
    assert s["iran_hosting"] == 2 and s["iran_relations"] == 4


# ---- figures ---------------------------------------------------------------------------------


def test_tick_label():
    assert network.tick_label("First formula phase") == "First\nformula"
    assert network.tick_label("Detail phase") == "Detail"
    assert network.tick_label("Before the talks") == "Before\nthe talks"


def test_group_of_covers_every_kind_once():
    groups = [network.group_of(k) for k in network.RELATION_KINDS]
    assert set(groups) == set(network.RELATION_GROUPS)
    assert sum(len(v) for v in network.RELATION_GROUPS.values()) == len(network.RELATION_KINDS)
    with pytest.raises(KeyError, match="espionage"):
        network.group_of("espionage")


def test_side_matrix(any_ds):
    m = network.side_matrix(any_ds)
    got = {(r.mediator, r.side, r.period, r.group): r.count for r in m.itertuples(index=False)}
    assert got == {
        ("russia", "government", "pre_talks", "backing"): 1,
        ("russia", "government", "p1", "leverage"): 2,  # the envoy's act rolled up, and Russia's
        ("russia", "opposition", "p1", "leverage"): 1,
        (
            "iran",
            "government",
            "p2",
            "leverage",
        ): 1,  # on the parliament: merged into the government
        ("iran", "government", "p2", "talks"): 1,
        ("iran", "opposition", "p1", "leverage"): 1,
        ("iran", "opposition", "p2", "talks"): 1,
        ("un", "government", "p2", "talks"): 1,
        ("un", "opposition", "p2", "talks"): 1,
    }
    assert list(m["mediator"].drop_duplicates()) == ["russia", "iran", "un"]  # MEDIATORS order
    cells = network.side_matrix_cells(any_ds)
    assert list(cells.columns) == ["pre_talks", "p1", "p2"]
    assert cells.loc[("iran", "government"), "p2"] == "L1 T1"
    assert cells.loc[("russia", "opposition"), "pre_talks"] == ""
    assert "osce" not in cells.index.get_level_values("mediator")  # no relation: no row
    assert network.sides_acting_on_mediators(any_ds).empty


def test_plot_network(any_ds):
    fig = network.plot_network(any_ds)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() == "Period" and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Before\nthe talks",
        "First",
        "Second",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Russia \u2192 Gov.",
        "\u2192 UTO",
        "Iran \u2192 Gov.",
        "\u2192 UTO",
        "UN \u2192 Gov.",
        "\u2192 UTO",
    ]
    cells = sorted(t.get_text() for t in ax.texts)
    assert cells == sorted(["B1", "L2", "L1", "L1 T1", "L1", "T1", "T1", "T1"])
    # one style for every cell: no line styles or colours to decode, only letters and counts
    assert {t.get_color() for t in ax.texts} == {"black"}
    notes = fig.axes[1].texts[0].get_text()
    assert "L = leverage" in notes and "H = hostility" in notes and "OSCE" in notes
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []


def test_figures_are_registered():
    registry = figures.registered()
    assert registry["mediation-network"].alt == network.NETWORK_ALT
    # the centrality lines were dropped: they measured how often the sources mention a party
    assert "mediation-centrality" not in registry
    assert not hasattr(network, "plot_centrality")
