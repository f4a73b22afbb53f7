"""The mediators and their network: who pressed, persuaded, mediated, hosted or backed whom, by phase.

Everything the chapter ``book/mediation.ipynb`` shows is computed here from the dataset returned by
:func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions.

The unit of analysis is a row of ``relations``: one attested act of one actor on another. Persons
and sub-bodies are *rolled up* through ``actors.affiliation`` to the state, organisation or
negotiating side they belong to (:func:`roll_up`): Kozyrev, Adamishin and Primakov count as Russia,
Piriz-Ballon and Merrem as the UN, Rakhmonov as the government side, Nuri and Turajonzoda as the
opposition side. Two coding choices of this module, not of the dataset, shape the result:

- the roll-up stops at the two negotiating sides, the government of Tajikistan and the United Tajik
  Opposition (:data:`SIDE_UNITS`), instead of climbing on to the Tajik state; the state's other
  institutions (the Supreme Soviet, through the state) are merged into the government side
  (:data:`UNIT_MERGE`);
- acts inside one unit after the roll-up (Adamishin persuading Kozyrev, say) are Russian internal
  politics, not relations between actors of the network: they are kept in :func:`rolled_relations`
  but left out of the graphs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import matplotlib as mpl
import matplotlib.patches
import matplotlib.transforms
import networkx as nx
import pandas as pd
from matplotlib.figure import Figure

from .. import figures, records
from ..affiliation import affiliation_chain, affiliations, link_graph, roll_up
from ..attestation import coverage_counts, record_sources, source_keys, source_names
from ..discrepancies import claims_by_source, titled
from ..phasing import before_talks, short_phase_name

#: Relation kinds in the codebook's order (``relations.relation``).
RELATION_KINDS: tuple[str, ...] = (
    "pressure",
    "persuasion",
    "mediation",
    "facilitation",
    "support",
    "arming",
    "hosting",
    "hostility",
)
#: The figure groups the eight kinds into four, so that a cell can be read without a key of
#: eight line styles: leverage (the chapter's pressure and persuasion), running the talks
#: (mediation, facilitation, hosting), backing one side (support, arming) and hostility.
#: The tables keep the eight kinds.
#: The kinds by which a party bears on a side: the chapter's pressure and persuasion.
LEVERAGE_KINDS: tuple[str, ...] = ("pressure", "persuasion")
RELATION_GROUPS: dict[str, tuple[str, ...]] = {
    "leverage": LEVERAGE_KINDS,
    "talks": ("mediation", "facilitation", "hosting"),
    "backing": ("support", "arming"),
    "hostility": ("hostility",),
}
#: One-letter code of each group, written in the figure's cells with its count ("L3 T2").
GROUP_CODES: dict[str, str] = {"leverage": "L", "talks": "T", "backing": "B", "hostility": "H"}
GROUP_LABELS: dict[str, str] = {
    "leverage": "leverage: pressure or persuasion",
    "talks": "running the talks: mediation, facilitation or hosting",
    "backing": "backing one side: support or arming",
    "hostility": "hostility",
}

GOVERNMENT = "tajik_government"
OPPOSITION = "uto"
NEGOTIATING_SIDES: tuple[str, ...] = (GOVERNMENT, OPPOSITION)
#: The negotiating sides: the roll-up stops there.
SIDE_UNITS: frozenset[str] = frozenset({GOVERNMENT, OPPOSITION})
#: Units merged after the roll-up: the Tajik state's institutions count with the government side.
UNIT_MERGE: dict[str, str] = {"tajikistan": GOVERNMENT}
SIDE_LABELS = {GOVERNMENT: "Government side", OPPOSITION: "Opposition side"}

#: The outside parties of the talks, in the order the tables and figures use: the three main
#: mediators, Afghanistan, the other observer states, the two observer organisations and the two
#: collective actors the sources name.
MEDIATORS: tuple[str, ...] = (
    "russia",
    "iran",
    "un",
    "afghanistan",
    "uzbekistan",
    "kazakhstan",
    "kyrgyzstan",
    "turkmenistan",
    "pakistan",
    "central_asian_states",
    "observer_states",
    "osce",
    "oic",
)
#: Mediators whose betweenness the chapter tabulates beside the two sides.
MAIN_MEDIATORS: tuple[str, ...] = (
    "russia",
    "iran",
    "un",
    "afghanistan",
    "central_asian_states",
    "kazakhstan",
)
#: Short labels for figures and tables.
LABELS: dict[str, str] = {
    GOVERNMENT: "Government",
    OPPOSITION: "Opposition (UTO)",
    "russia": "Russia",
    "iran": "Iran",
    "un": "UN",
    "afghanistan": "Afghanistan",
    "uzbekistan": "Uzbekistan",
    "kazakhstan": "Kazakhstan",
    "kyrgyzstan": "Kyrgyzstan",
    "turkmenistan": "Turkmenistan",
    "pakistan": "Pakistan",
    "central_asian_states": "Central Asian states",
    "observer_states": "Observer states (jointly)",
    "osce": "OSCE",
    "oic": "OIC",
}

#: Relations dated before the first phase (``phase_id`` empty, see :func:`..phasing.before_talks`)
#: form a period of their own.
PRE_TALKS = "pre_talks"
PRE_TALKS_LABEL = "Before the talks"


#: Discrepancies between the sources that bear on the mediators' roles.
DISCREPANCIES: dict[str, str] = titled(
    (
        "who-brought-sides-to-table",
        "first-contact-opposition",
        "un-impartiality",
        "un-envoy-timing",
        "iran-role",
        "russian-policy-1992-93",
    )
)

NETWORK_ALT = (
    "Grid of what each outside party did to each negotiating side, period by period. Rows come in "
    "pairs, one pair per outside party with any relation to a side (Russia, Iran, the UN, "
    "Afghanistan, Uzbekistan, Kazakhstan, Kyrgyzstan, Turkmenistan, Pakistan, the Central Asian "
    "states jointly and the observer states jointly): its relations with the government side, then "
    "with the opposition (UTO). Columns are the six periods, from before the talks to the detail "
    "phase. Each cell counts the relations by kind in four groups, written as letters with counts: "
    "L for leverage (pressure or persuasion), T for running the talks (mediation, facilitation or "
    "hosting), B for backing one side (support or arming) and H for hostility; cells are shaded "
    "darker blue the more relations they hold, and empty cells are white. Russia's row on the "
    "government side is filled in every period, with six acts of leverage in the diagnostic phase "
    "against two on the opposition. Iran's leverage falls on the opposition only; apart from one act "
    "of support for the opposition before the talks, its other relations are hosting of both sides. "
    "The UN's cells are the same for both sides in three of its five periods. "
    "Notes under the grid say that the OSCE and the OIC have no relation with either side, and that "
    "two relations from the opposition to Russia are not shown."
)


# ---- the roll-up -----------------------------------------------------------------------------


def actor_units(
    ds, stop_at: Iterable[str] = SIDE_UNITS, merge: Mapping[str, str] = UNIT_MERGE
) -> dict[str, str]:
    """actor_id -> the unit it is rolled up to (see the module's docstring for the two choices)."""
    aff = affiliations(ds)
    graph = link_graph(aff)
    stop = set(stop_at)
    tops = {actor: roll_up(actor, graph, stop) for actor in aff}
    return {actor: merge.get(top, top) for actor, top in tops.items()}


def rollup_table(ds, kinds: Iterable[str] = ("person",)) -> pd.DataFrame:
    """The roll-up at a glance: every actor of the given ``kinds`` (persons by default) named in a
    relation whose unit differs from itself, with the unit it is counted as and the bodies between
    (a merged unit such as the Tajik state is not shown as a body between). Rows in the order of
    :data:`MEDIATORS`, then the sides, then other units by name; actors by name within a unit."""
    graph = link_graph(affiliations(ds))
    units = actor_units(ds)
    actors = records.frame(ds, "actors")
    names = dict(zip(actors["actor_id"], actors["name"]))
    kind_of = dict(zip(actors["actor_id"], actors["kind"].astype(str))) if "kind" in actors else {}
    wanted = set(kinds)
    rel = records.frame(ds, "relations")
    used = set(rel["from_actor"]) | set(rel["to_actor"])
    order = {u: i for i, u in enumerate(MEDIATORS + NEGOTIATING_SIDES)}
    moved = [a for a in used if units.get(a, a) != a and kind_of.get(a, "person") in wanted]
    moved.sort(
        key=lambda a: (
            order.get(units[a], len(order)),
            names.get(units[a], units[a]),
            names.get(a, a),
        )
    )
    rows = []
    for a in moved:
        between = [
            names.get(c, c)
            for c in affiliation_chain(a, graph, SIDE_UNITS)[1:]
            if UNIT_MERGE.get(c, c) != units[a]
        ]
        rows.append(
            {
                "Actor": names.get(a, a),
                "Counted as": LABELS.get(units[a], names.get(units[a], units[a])),
                "Via": ", ".join(between),
            }
        )
    return pd.DataFrame(rows, columns=["Actor", "Counted as", "Via"])


def side_of(unit) -> str | None:
    """'government', 'opposition' or None for a rolled-up unit."""
    return {GOVERNMENT: "government", OPPOSITION: "opposition"}.get(unit)


# ---- periods ---------------------------------------------------------------------------------


def periods(ds) -> list[tuple[str, str]]:
    """(period id, short label) in order: the pre-talks period (if any relation falls in it), then
    the phases."""
    phases = records.frame(ds, "phases").sort_values("order")
    rel = records.frame(ds, "relations")
    out = [(PRE_TALKS, PRE_TALKS_LABEL)] if before_talks(rel, ds, "date").any() else []
    return out + [(p, short_phase_name(n)) for p, n in zip(phases["phase_id"], phases["name"])]


def rolled_relations(ds, roll_up: bool = True) -> pd.DataFrame:
    """The relations with the period and the rolled-up units of both ends.

    Columns: relation_id, from_actor, to_actor, relation, period, date, event_id, from_unit,
    to_unit, internal (both ends in one unit). Sorted by date, then id. With ``roll_up=False`` the
    units are the actors themselves.
    """
    rel = records.frame(ds, "relations").copy()
    units = actor_units(ds) if roll_up else {}
    rel["relation"] = rel["relation"].astype(str)
    # No phase: before the talks, or (a period of no column) after them.
    rel["period"] = rel["phase_id"].astype(object).where(rel["phase_id"].notna(), None)
    rel.loc[before_talks(rel, ds, "date"), "period"] = PRE_TALKS
    rel["from_unit"] = [units.get(a, a) for a in rel["from_actor"]]
    rel["to_unit"] = [units.get(a, a) for a in rel["to_actor"]]
    rel["internal"] = rel["from_unit"] == rel["to_unit"]
    rel = rel.sort_values(["date", "relation_id"], kind="mergesort").reset_index(drop=True)
    cols = [
        "relation_id",
        "from_actor",
        "to_actor",
        "relation",
        "period",
        "date",
        "event_id",
        "from_unit",
        "to_unit",
        "internal",
    ]
    return rel[cols]


def _select(rel: pd.DataFrame, phase) -> pd.DataFrame:
    if phase is None:
        return rel
    wanted = [phase] if isinstance(phase, str) else list(phase)
    return rel[rel["period"].isin(wanted)]


# ---- graphs ----------------------------------------------------------------------------------


def relation_graph(ds, phase=None, roll_up: bool = True) -> nx.MultiDiGraph:
    """The relations as a directed multigraph: one edge per relation, keyed by relation_id.

    ``phase`` is a phase_id, :data:`PRE_TALKS`, a list of them, or None for every relation. With
    ``roll_up`` (the default) the nodes are the rolled-up units, and relations inside one unit are
    left out. Edges carry ``relation``, ``period``, ``date``, ``from_actor`` and ``to_actor``;
    nodes carry ``label`` and ``side``.
    """
    rel = _select(rolled_relations(ds, roll_up=roll_up), phase)
    rel = rel[~rel["internal"]]
    names = dict(zip(records.frame(ds, "actors")["actor_id"], records.frame(ds, "actors")["name"]))
    g = nx.MultiDiGraph()
    for r in rel.itertuples(index=False):
        for node in (r.from_unit, r.to_unit):
            if node not in g:
                g.add_node(node, label=LABELS.get(node, names.get(node, node)), side=side_of(node))
        g.add_edge(
            r.from_unit,
            r.to_unit,
            key=r.relation_id,
            relation=r.relation,
            period=r.period,
            date=r.date,
            from_actor=r.from_actor,
            to_actor=r.to_actor,
        )
    return g


def weighted_graph(multi: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse a multigraph: one edge per ordered pair, ``weight`` = number of relations, and
    ``kinds`` = {relation kind: number}."""
    g = nx.DiGraph()
    g.add_nodes_from(multi.nodes(data=True))
    for u, v, data in multi.edges(data=True):
        if g.has_edge(u, v):
            g[u][v]["weight"] += 1
        else:
            g.add_edge(u, v, weight=1, kinds={})
        kinds = g[u][v]["kinds"]
        kinds[data["relation"]] = kinds.get(data["relation"], 0) + 1
    return g


# ---- tables ----------------------------------------------------------------------------------


def relation_counts(ds, mediators: Iterable[str] = MEDIATORS) -> pd.DataFrame:
    """Number of relations each mediator (rolled up) initiated, by period and kind (tidy: columns
    period, mediator, relation, count; zero rows left out). Relations inside a unit are not counted."""
    med = list(mediators)
    rel = rolled_relations(ds)
    rel = rel[~rel["internal"] & rel["from_unit"].isin(med)]
    order = {p: i for i, (p, _) in enumerate(periods(ds))}
    counts = rel.groupby(["period", "from_unit", "relation"]).size().rename("count").reset_index()
    counts = counts.rename(columns={"from_unit": "mediator"})
    counts["_p"] = counts["period"].map(order)
    counts["_m"] = counts["mediator"].map({m: i for i, m in enumerate(med)})
    counts["_k"] = counts["relation"].map({k: i for i, k in enumerate(RELATION_KINDS)})
    counts = counts.sort_values(["_p", "_m", "_k"]).drop(columns=["_p", "_m", "_k"])
    return counts.reset_index(drop=True)[["period", "mediator", "relation", "count"]]


def relation_counts_table(ds, mediators: Iterable[str] = MEDIATORS, phases=None) -> pd.DataFrame:
    """:func:`relation_counts` for reading: one row per period and mediator, the kinds in one cell.
    ``phases``: period ids to keep (all by default), so that a long table can be shown in parts."""
    counts = relation_counts(ds, mediators)
    if phases is not None:
        counts = counts[
            counts["period"].isin([phases] if isinstance(phases, str) else list(phases))
        ]
    labels = dict(periods(ds))
    rows = []
    for (period, mediator), grp in counts.groupby(["period", "mediator"], sort=False):
        rows.append(
            {
                "Period": labels.get(period, period),
                "Mediator": LABELS.get(mediator, mediator),
                "Relations by kind": ", ".join(
                    f"{k} {n}" for k, n in zip(grp["relation"], grp["count"])
                ),
                "All": int(grp["count"].sum()),
            }
        )
    return pd.DataFrame(rows, columns=["Period", "Mediator", "Relations by kind", "All"])


def leverage_targets(
    ds, mediators: Iterable[str] = MEDIATORS, kinds: Iterable[str] = LEVERAGE_KINDS
) -> pd.DataFrame:
    """Whom each mediator pressed or persuaded.

    An *occasion* is one mediator's pressure or persuasion on one day (relations coded separately
    for each side, or for a leader and his side, on the same day make one occasion). It is counted
    by whom it reached: the government side only, the opposition side only, both sides, or only
    other actors (another mediator, say). ``Relations`` is the number of coded relations behind the
    occasions. Mediators with none are left out.
    """
    med = list(mediators)
    rel = rolled_relations(ds)
    rel = rel[~rel["internal"] & rel["from_unit"].isin(med) & rel["relation"].isin(list(kinds))]
    rows = []
    for mediator in med:
        sub = rel[rel["from_unit"] == mediator]
        if sub.empty:
            continue
        tally = {"Government only": 0, "Opposition only": 0, "Both sides": 0, "Others only": 0}
        for _, occ in sub.groupby("date", sort=True):
            sides = {side_of(u) for u in occ["to_unit"]} - {None}
            key = (
                "Both sides"
                if sides == {"government", "opposition"}
                else "Government only"
                if sides == {"government"}
                else "Opposition only"
                if sides == {"opposition"}
                else "Others only"
            )
            tally[key] += 1
        rows.append({"Mediator": LABELS.get(mediator, mediator), **tally, "Relations": len(sub)})
    cols = [
        "Mediator",
        "Government only",
        "Opposition only",
        "Both sides",
        "Others only",
        "Relations",
    ]
    return pd.DataFrame(rows, columns=cols)


def general_findings(ds) -> list[str]:
    """Ids of the relations that code a source's general finding rather than a particular act
    (``relations.basis``), such as Iji's complementary pressure of Russia and Iran."""
    rel = records.frame(ds, "relations")
    return sorted(rel.loc[rel["basis"].astype(str) == "general_finding", "relation_id"])


def leverage_relations(
    ds,
    mediators: Iterable[str] = ("russia", "iran"),
    kinds: Iterable[str] = LEVERAGE_KINDS,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """Relation-level count of pressure and persuasion by mediator and the side reached
    (columns mediator, government, opposition, other). ``exclude``: relation_ids to leave out."""
    rel = rolled_relations(ds)
    rel = rel[
        ~rel["internal"]
        & rel["relation"].isin(list(kinds))
        & ~rel["relation_id"].isin(list(exclude))
    ]
    rows = []
    for m in mediators:
        sub = rel[rel["from_unit"] == m]
        sides = sub["to_unit"].map(side_of)
        rows.append(
            {
                "mediator": m,
                "government": int((sides == "government").sum()),
                "opposition": int((sides == "opposition").sum()),
                "other": int(sides.isna().sum()),
            }
        )
    return pd.DataFrame(rows, columns=["mediator", "government", "opposition", "other"])


def centrality(ds, mediators: Iterable[str] = MAIN_MEDIATORS) -> pd.DataFrame:
    """Per period and mediator: weighted degree (relations it takes part in, inside-unit acts
    excluded), the same without hosting, and betweenness centrality on the undirected simple
    projection of the period's whole rolled-up graph (normalised; 0 where it has no relation).

    Columns: period, mediator, degree, degree_no_hosting, betweenness.
    """
    rows = []
    for period, _ in periods(ds):
        multi = relation_graph(ds, period)
        undirected = nx.Graph(multi)
        between = (
            nx.betweenness_centrality(undirected, normalized=True) if len(undirected) > 2 else {}
        )
        for m in mediators:
            edges = (
                list(multi.in_edges(m, data=True)) + list(multi.out_edges(m, data=True))
                if m in multi
                else []
            )
            rows.append(
                {
                    "period": period,
                    "mediator": m,
                    "degree": len(edges),
                    "degree_no_hosting": sum(1 for *_, d in edges if d["relation"] != "hosting"),
                    "betweenness": round(float(between.get(m, 0.0)), 3),
                }
            )
    return pd.DataFrame(
        rows, columns=["period", "mediator", "degree", "degree_no_hosting", "betweenness"]
    )


def centrality_table(
    ds, measure: str = "degree", mediators: Iterable[str] = MAIN_MEDIATORS
) -> pd.DataFrame:
    """:func:`centrality` as a mediator x period table of one measure."""
    c = centrality(ds, mediators)
    labels = dict(periods(ds))
    wide = c.pivot(index="mediator", columns="period", values=measure)
    wide = wide.reindex(index=list(mediators), columns=[p for p, _ in periods(ds)])
    wide.columns = [labels[p] for p in wide.columns]
    wide.index = [LABELS.get(m, m) for m in wide.index]
    wide.index.name = "Mediator"
    return wide.reset_index()


def source_coverage(ds) -> pd.DataFrame:
    """Per period: the relations coded, and how many each coded source alone attests, or all do."""
    rel = rolled_relations(ds)
    by = record_sources(ds, "relations")
    rows = []
    for period, label in dict(periods(ds)).items():
        srcs = [by.get(i, frozenset()) for i in rel.loc[rel["period"] == period, "relation_id"]]
        rows.append({"Period": label, "Relations": len(srcs), **coverage_counts(ds, srcs)})
    return pd.DataFrame(rows)


def discrepancies_table(ds, ids: Iterable[str] | Mapping[str, str] = DISCREPANCIES) -> pd.DataFrame:
    """The discrepancies between the sources about the mediators (in the order of ``ids``), each
    under its title (``ids`` maps id to title; plain ids are shown as they are)."""
    return claims_by_source(ds, ids)


def summary(ds) -> dict[str, object]:
    """Headline numbers of the chapter (for the text)."""
    rel = rolled_relations(ds)
    ext = rel[~rel["internal"]]
    lev = leverage_relations(ds).set_index("mediator")
    lev_specific = leverage_relations(ds, exclude=general_findings(ds)).set_index("mediator")
    occ = leverage_targets(ds).set_index("Mediator")
    med = ext[ext["from_unit"].isin(MEDIATORS)]
    cov = source_coverage(ds).set_index("Period")
    labels = dict(periods(ds))
    early = [labels[p] for p in (PRE_TALKS, "diagnostic") if p in labels]
    later = [label for label in labels.values() if label not in early]
    names = source_names(ds)
    # relations each source attests (alone or with the other) before and after the talks began
    attested = {
        f"{key}_{when}": int(cov.loc[rows, [f"{names[s]} only", "Both"]].to_numpy().sum())
        for s, key in source_keys(ds).items()
        for when, rows in (("early", early), ("later", later))
    }
    cent = centrality(ds, MEDIATORS)
    top = cent.sort_values("degree", ascending=False, kind="mergesort")  # ties: MEDIATORS order
    hosting = med[med["relation"] == "hosting"]
    iran = med[med["from_unit"] == "iran"]
    never = [
        LABELS[m] for m in MEDIATORS if not ((ext["from_unit"] == m) | (ext["to_unit"] == m)).any()
    ]
    by_period_top = {
        p: top[(top["period"] == p) & (top["degree"] > 0)]["mediator"].head(1).tolist()
        for p in labels
    }
    by_period_top = {p: (m[0] if m else None) for p, m in by_period_top.items()}

    def occasions(mediator, column):
        return int(occ.loc[mediator, column]) if mediator in occ.index else 0

    def degree(period, mediator):
        hit = cent[(cent["period"] == period) & (cent["mediator"] == mediator)]["degree"]
        return int(hit.iloc[0]) if len(hit) else 0

    return {
        "n_relations": len(rel),
        "n_internal": int(rel["internal"].sum()),
        "n_mediator_relations": len(med),
        "russia_lev_gov": int(lev.loc["russia", "government"]),
        "russia_lev_opp": int(lev.loc["russia", "opposition"]),
        "russia_lev_other": int(lev.loc["russia", "other"]),
        "iran_lev_gov": int(lev.loc["iran", "government"]),
        "iran_lev_opp": int(lev.loc["iran", "opposition"]),
        "russia_lev_gov_specific": int(lev_specific.loc["russia", "government"]),
        "iran_lev_opp_specific": int(lev_specific.loc["iran", "opposition"]),
        "russia_occ_gov": occasions("Russia", "Government only"),
        "russia_occ_opp": occasions("Russia", "Opposition only"),
        "russia_occ_both": occasions("Russia", "Both sides"),
        "iran_occ_opp": occasions("Iran", "Opposition only"),
        "un_occ_both": occasions("UN", "Both sides"),
        "un_occ_opp": occasions("UN", "Opposition only"),
        "n_general_leverage": len(
            rel[
                rel["relation_id"].isin(general_findings(ds)) & rel["relation"].isin(LEVERAGE_KINDS)
            ]
        ),
        "n_hosting": len(hosting),
        "n_hosting_events": int(hosting["event_id"].nunique()),
        "iran_relations": len(iran),
        "iran_hosting": int((iran["relation"] == "hosting").sum()),
        "no_relations": (", ".join(never[:-1]) + " and " + never[-1])
        if len(never) > 1
        else (never or ["none"])[0],
        **attested,
        "top_mediator_diagnostic": LABELS.get(by_period_top.get("diagnostic"), ""),
        "russia_degree_diagnostic": degree("diagnostic", "russia"),
        "russia_degree_formula_2": degree("formula_2", "russia"),
        "russia_degree_formula_3": degree("formula_3", "russia"),
        "afghanistan_degree_formula_3": degree("formula_3", "afghanistan"),
    }


# ---- figures ---------------------------------------------------------------------------------


def tick_label(label: str) -> str:
    """A period label short enough for an axis tick: 'First formula phase' -> 'First\nformula'."""
    words = label.replace(" phase", "").split()
    if len(words) == 1:
        return words[0]
    return words[0] + "\n" + " ".join(words[1:])


def group_of(kind: str) -> str:
    """The figure's group of a relation kind (:data:`RELATION_GROUPS`); an unknown kind raises."""
    for group, kinds in RELATION_GROUPS.items():
        if kind in kinds:
            return group
    raise KeyError(f"relation kind {kind!r} is in none of the figure's groups")


def side_matrix(ds, mediators: Iterable[str] = MEDIATORS) -> pd.DataFrame:
    """What each outside party did to each negotiating side, period by period (tidy).

    Rows: one per mediator, side ('government' or 'opposition'), period and group of kinds
    (:data:`RELATION_GROUPS`) with at least one relation from the (rolled-up) mediator to that side;
    ``count`` is the number of relations. Relations from a side to a mediator, or between
    mediators, are not counted (see :func:`sides_acting_on_mediators`). Sorted by mediator (in the
    order given), side, period, group.
    """
    med = list(mediators)
    rel = rolled_relations(ds)
    rel = rel[~rel["internal"] & rel["from_unit"].isin(med) & rel["to_unit"].isin(SIDE_UNITS)]
    rel = rel.assign(
        mediator=rel["from_unit"],
        side=rel["to_unit"].map(side_of),
        group=rel["relation"].map(group_of),
    )
    counts = rel.groupby(["mediator", "side", "period", "group"]).size().rename("count")
    counts = counts[counts > 0].reset_index()
    order = {
        "mediator": {m: i for i, m in enumerate(med)},
        "side": {"government": 0, "opposition": 1},
        "period": {p: i for i, (p, _) in enumerate(periods(ds))},
        "group": {g: i for i, g in enumerate(RELATION_GROUPS)},
    }
    keys = pd.DataFrame({c: counts[c].map(o) for c, o in order.items()})
    counts = counts.loc[keys.sort_values(list(order)).index].reset_index(drop=True)
    counts["count"] = counts["count"].astype(int)
    return counts[["mediator", "side", "period", "group", "count"]]


def side_matrix_cells(ds, mediators: Iterable[str] = MEDIATORS) -> pd.DataFrame:
    """:func:`side_matrix` as the figure's grid: one row per mediator with any relation to a side,
    and side; one column per period; each cell the codes and counts ('L3 T2'), '' for none."""
    m = side_matrix(ds, mediators)
    plist = [p for p, _ in periods(ds)]
    active = [x for x in mediators if x in set(m["mediator"])]
    index = pd.MultiIndex.from_product(
        [active, ["government", "opposition"]], names=["mediator", "side"]
    )
    cells = pd.DataFrame("", index=index, columns=plist)
    for (med, side, period), group in m.groupby(["mediator", "side", "period"], sort=False):
        cells.loc[(med, side), period] = " ".join(
            f"{GROUP_CODES[g]}{n}" for g, n in zip(group["group"], group["count"])
        )
    return cells


def sides_acting_on_mediators(ds, mediators: Iterable[str] = MEDIATORS) -> pd.DataFrame:
    """Relations in the other direction, from a negotiating side to an outside party."""
    rel = rolled_relations(ds)
    rel = rel[
        ~rel["internal"] & rel["from_unit"].isin(SIDE_UNITS) & rel["to_unit"].isin(list(mediators))
    ]
    return rel.reset_index(drop=True)


def network_data(ds) -> pd.DataFrame:
    """The numbers behind the mediation grid: coded relations by outside party, side, period and
    group of kinds (the letters and counts in each cell)."""
    return figures.plotted(
        side_matrix(ds),
        {
            "mediator": "party",
            "side": "side",
            "period": "period",
            "group": "group",
            "count": "count",
        },
    )


@figures.register("mediation-network", alt=NETWORK_ALT, data=network_data)
def plot_network(ds) -> Figure:
    """Outside party x side x period: what each party did to each side, as coded counts."""
    cells = side_matrix_cells(ds)
    m = side_matrix(ds)
    totals = m.groupby(["mediator", "side", "period"])["count"].sum()
    plist = periods(ds)
    quiet = [LABELS.get(x, x) for x in MEDIATORS if x not in set(m["mediator"])]
    back = sides_acting_on_mediators(ds)
    n_rows = len(cells)
    vmax = max(int(totals.max()) if len(totals) else 1, 1)
    norm = mpl.colors.Normalize(vmin=0, vmax=vmax * 1.6)  # keep even the darkest cell readable
    cmap = mpl.colors.LinearSegmentedColormap.from_list(
        "book_counts", ["#FFFFFF", figures.OKABE_ITO["blue"]]
    )
    notes = [
        "Each cell: the party's relations with that side in the period, by kind (count after the "
        "letter); darker = more.",
        f"L = {GROUP_LABELS['leverage']}    T = {GROUP_LABELS['talks']}",
        f"B = {GROUP_LABELS['backing']}    H = {GROUP_LABELS['hostility']}",
    ]
    if quiet:
        notes.append("No relation with either side in any period: " + ", ".join(quiet) + ".")
    if len(back):
        pairs = sorted(
            {
                f"{LABELS.get(f, f)} \u2192 {LABELS.get(t, t)}"
                for f, t in zip(back["from_unit"], back["to_unit"])
            }
        )
        notes.append(
            f"Not shown: {len(back)} relations from a side to a party ({'; '.join(pairs)})."
        )
    row_in, note_in = 0.22, 0.16
    grid_h = row_in * max(n_rows, 1) + 0.9
    notes_h = note_in * len(notes) + 0.1
    with figures.style():
        fig = Figure(figsize=(figures.PRINT_WIDTH, grid_h + notes_h + 0.75), layout="constrained")
        grid = fig.add_gridspec(2, 1, height_ratios=[grid_h, notes_h])
        ax = fig.add_subplot(grid[0])
        key = fig.add_subplot(grid[1])
        key.axis("off")
        # title and notes start at the figure's left edge, under the row labels' column too
        left_edge = mpl.transforms.blended_transform_factory(fig.transFigure, key.transAxes)
        key.text(
            0.0,
            1.0,
            "\n".join(notes),
            transform=left_edge,
            ha="left",
            va="top",
            fontsize=7.5,
            color="#333333",
            linespacing=1.35,
        ).set_in_layout(False)
        title = ax.set_title(
            "What the outside parties did to each side, by period", loc="left", fontsize=11
        )
        title.set_transform(  # from the figure's left edge, over the row labels too
            mpl.transforms.blended_transform_factory(fig.transFigure, ax.transAxes)
            + ax.titleOffsetTrans
        )
        ax.set_xlabel("Period", fontsize=9)
        ax.set_ylabel("Outside party, and the side it acted on", fontsize=9)
        figures.add_source(fig, figures.DATASET_SOURCE)
        for i, ((med, side), row) in enumerate(cells.iterrows()):
            for j, (period, _) in enumerate(plist):
                n = int(totals.get((med, side, period), 0))
                ax.add_patch(
                    mpl.patches.Rectangle(
                        (j - 0.5, i - 0.5), 1, 1, facecolor=cmap(norm(n)), edgecolor="none"
                    )
                )
                if row[period]:
                    ax.text(j, i, row[period], ha="center", va="center", fontsize=7.5)
        ax.set_xlim(-0.5, len(plist) - 0.5)
        ax.set_ylim(n_rows - 0.5, -0.5)
        ax.set_xticks(range(len(plist)), [tick_label(lbl) for _, lbl in plist], fontsize=8)
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        labels = [
            f"{LABELS.get(med, med)} \u2192 Gov." if side == "government" else "\u2192 UTO"
            for med, side in cells.index
        ]
        ax.set_yticks(range(n_rows), labels, fontsize=8)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        for j in range(len(plist) + 1):
            ax.axvline(j - 0.5, color="#D0D0D0", lw=0.6)
        for i in range(0, n_rows + 1, 2):  # a line between parties, none between a party's sides
            ax.axhline(i - 0.5, color="#9A9A9A", lw=0.7)
    return fig
