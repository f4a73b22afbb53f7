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

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .. import figures, records
from ..affiliation import affiliation_chain, affiliations, link_graph, roll_up
from ..attestation import coverage_counts, record_sources, source_keys, source_names
from ..discrepancies import claims_by_source
from ..phasing import short_phase_name

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
#: Order in which the kinds receive the palette's styles. Arming, which never links a mediator to a
#: negotiating side, takes the seventh colour (yellow, faint on white) so that every kind drawn in the
#: network figure gets a colour that prints well.
STYLE_ORDER: tuple[str, ...] = (
    "pressure",
    "persuasion",
    "mediation",
    "facilitation",
    "support",
    "hosting",
    "arming",
    "hostility",
)
#: Line styles paired with the colours, so that the kinds stay apart in greyscale.
LINESTYLES: dict[str, object] = {
    "pressure": "solid",
    "persuasion": (0, (5, 2)),
    "mediation": (0, (1, 1.5)),
    "facilitation": (0, (6, 2, 1, 2)),
    "support": (0, (2, 2)),
    "hosting": (0, (9, 3)),
    "arming": (0, (4, 1, 1, 1, 1, 1)),
    "hostility": (0, (3, 1, 1, 1)),
}
LEVERAGE_KINDS: tuple[str, ...] = ("pressure", "persuasion")

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
#: Mediators followed across the phases in the centrality figure.
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
#: The figure's nodes: the two sides and the mediators.
NETWORK_NODES: tuple[str, ...] = (GOVERNMENT, OPPOSITION) + MEDIATORS

#: Relations dated before the first phase (``phase_id`` empty) form a period of their own.
PRE_TALKS = "pre_talks"
PRE_TALKS_LABEL = "Before the talks"


#: Discrepancies between the sources that bear on the mediators' roles.
DISCREPANCIES: dict[str, str] = {
    "who-brought-sides-to-table": "Who brought the sides to the table",
    "first-contact-opposition": "First Russian contact with the opposition",
    "un-impartiality": "Whether the UN was impartial",
    "un-envoy-timing": "When Piriz-Ballon became UN envoy",
    "iran-role": "Iran's part",
    "russian-policy-1992-93": "Russian policy in 1992-93",
}

NETWORK_ALT = (
    "Six network diagrams, one for each period of the Tajik peace process: before the talks, the "
    "diagnostic phase, the first, second and third formula phases and the detail phase. Every panel "
    "puts the nodes in the same places: the government side at the left, the opposition (UTO) at the "
    "right, Russia, the UN and Iran above, and the regional states, the observer states jointly and "
    "the OSCE and OIC below. Arrows run from the actor who acts to the actor acted upon; colour and "
    "line pattern give the kind of relation (pressure, persuasion, mediation, facilitation, support, "
    "hosting, hostility), line width the number of attested relations, node size the number of "
    "relations a node takes part in in that period. Nodes with no relation in a period are small and "
    "grey; the OSCE and the OIC have none in any period."
)
CENTRALITY_ALT = (
    "Two line charts sharing one horizontal axis, the six periods of the process from before the "
    "talks to the detail phase. The left panel gives, for Russia, Iran, the UN, Afghanistan, the "
    "Central Asian states acting jointly and Kazakhstan, the number of attested relations each takes "
    "part in during the period (weighted degree); the right panel gives the same count without the "
    "hosting relations. Each mediator has its own colour, marker and line pattern."
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
    out = [(PRE_TALKS, PRE_TALKS_LABEL)] if rel["phase_id"].isna().any() else []
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
    rel["period"] = rel["phase_id"].astype(object).where(rel["phase_id"].notna(), PRE_TALKS)
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

#: Fixed node positions shared by every panel: the sides left and right, the main mediators above,
#: the regional states, the observer states jointly and the organisations below.
LAYOUT: dict[str, tuple[float, float]] = {
    GOVERNMENT: (0.0, 0.0),
    OPPOSITION: (1.0, 0.0),
    "russia": (0.22, 0.78),
    "un": (0.5, 0.98),
    "iran": (0.78, 0.78),
    "central_asian_states": (0.2, -0.45),
    "observer_states": (0.5, -0.3),
    "afghanistan": (0.8, -0.45),
    "uzbekistan": (0.02, -0.92),
    "kazakhstan": (0.18, -1.05),
    "kyrgyzstan": (0.34, -0.92),
    "turkmenistan": (0.5, -1.05),
    "pakistan": (0.66, -0.92),
    "osce": (0.82, -1.05),
    "oic": (0.98, -0.92),
}
SHORT: dict[str, str] = {
    GOVERNMENT: "Gov.",
    OPPOSITION: "UTO",
    "russia": "Russia",
    "iran": "Iran",
    "un": "UN",
    "afghanistan": "Afghan.",
    "uzbekistan": "Uzbek.",
    "kazakhstan": "Kazakh.",
    "kyrgyzstan": "Kyrgyz.",
    "turkmenistan": "Turkm.",
    "pakistan": "Pakistan",
    "central_asian_states": "C. Asian\nstates",
    "observer_states": "Observer\nstates",
    "osce": "OSCE",
    "oic": "OIC",
}


def tick_label(label: str) -> str:
    """A period label short enough for an axis tick: 'First formula phase' -> 'First\nformula'."""
    words = label.replace(" phase", "").split()
    if len(words) == 1:
        return words[0]
    return words[0] + "\n" + " ".join(words[1:])


def network_layout(nodes: Iterable[str] = NETWORK_NODES) -> dict[str, tuple[float, float]]:
    """Positions for the network figure: :data:`LAYOUT` for the known nodes; any other node on a
    seeded spring layout placed beside them (deterministic)."""
    nodes = list(nodes)
    pos = {n: LAYOUT[n] for n in nodes if n in LAYOUT}
    rest = [n for n in nodes if n not in LAYOUT]
    if rest:
        extra = nx.spring_layout(nx.path_graph(rest), seed=1994)
        pos.update({n: (1.25 + 0.15 * x, 0.8 * y) for n, (x, y) in extra.items()})
    return pos


def _node_marker(node: str) -> str:
    if node in SIDE_UNITS:
        return "s"
    return {
        "un": "D",
        "osce": "D",
        "oic": "D",
        "central_asian_states": "h",
        "observer_states": "h",
    }.get(node, "o")


def draw_network(ax, graph: nx.DiGraph, pos, styles, nodes: Iterable[str] = NETWORK_NODES) -> None:
    """Draw one panel: the weighted graph restricted to ``nodes`` at the fixed positions."""
    nodes = [n for n in nodes if n in pos]
    sub = graph.subgraph([n for n in nodes if n in graph])
    degree = dict(sub.degree(weight="weight"))
    sizes = {n: (40 + 30 * degree.get(n, 0)) if degree.get(n, 0) else 18 for n in nodes}
    for side in SIDE_UNITS & set(sizes):
        sizes[side] = max(sizes[side], 330)  # room for the label inside the square
    # edges: one arrow per (pair, kind); several kinds between one pair fan out
    for u, v, data in sorted(sub.edges(data=True)):
        kinds = [k for k in STYLE_ORDER if k in data["kinds"]]
        for j, kind in enumerate(kinds):
            n = data["kinds"][kind]
            rad = 0.12 + 0.14 * j
            arrow = FancyArrowPatch(
                pos[u],
                pos[v],
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle="-|>",
                mutation_scale=7,
                color=styles[kind]["color"],
                linestyle=LINESTYLES[kind],
                linewidth=0.8 + 0.7 * min(n - 1, 4),
                shrinkA=(sizes[u] ** 0.5) / 1.6 + 1,
                shrinkB=(sizes[v] ** 0.5) / 1.6 + 2,
                zorder=2,
                alpha=0.95,
                clip_on=False,  # no SVG clip paths: their ids were not reproducible across renders
            )
            ax.add_patch(arrow)
    for node in nodes:
        x, y = pos[node]
        active = degree.get(node, 0) > 0
        ax.scatter(
            [x],
            [y],
            s=sizes[node],
            marker=_node_marker(node),
            zorder=3,
            color="#4D4D4D" if node in SIDE_UNITS else ("#FFFFFF" if active else "#DDDDDD"),
            edgecolor="black" if active else "#999999",
            linewidth=0.8,
            clip_on=False,
        )
        if node in SIDE_UNITS:
            ax.text(
                x,
                y,
                SHORT.get(node, node),
                ha="center",
                va="center",
                fontsize=7.5,
                color="white",
                fontweight="bold",
                zorder=4,
            )
            continue
        up = y > 0.5
        gap = sizes[node] ** 0.5 / 2 + 2
        ax.annotate(
            SHORT.get(node, node),
            (x, y),
            xytext=(0, gap if up else -gap),
            textcoords="offset points",
            ha="center",
            va="bottom" if up else "top",
            fontsize=8,
            linespacing=0.9,
            zorder=4,
            color="black" if active else "#8C8C8C",
        )
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-1.22, 1.3)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


@figures.register("mediation-network", alt=NETWORK_ALT)
def plot_network(ds) -> Figure:
    """The mediation network, one panel per period, all panels on the same fixed layout."""
    styles = figures.category_styles(STYLE_ORDER)
    plist = periods(ds)
    pos = network_layout()
    present = set()
    with figures.style():
        ncols = 2
        nrows = max(1, -(-len(plist) // ncols))
        fig = Figure(figsize=(7.5, 2.6 * nrows + 1.1), layout="constrained")
        grid = fig.add_gridspec(nrows + 1, ncols, height_ratios=[0.42] + [3.0] * nrows)
        axes = [fig.add_subplot(grid[1 + i // ncols, i % ncols]) for i in range(nrows * ncols)]
        for ax, (period, label) in zip(axes, plist):
            g = weighted_graph(relation_graph(ds, period))
            sub = g.subgraph([n for n in NETWORK_NODES if n in g])
            present.update(k for *_, d in sub.edges(data=True) for k in d["kinds"])
            draw_network(ax, g, pos, styles)
            ax.set_title(label, loc="left", fontsize=10.5)
        for ax in axes[len(plist) :]:
            ax.set_visible(False)
        fig.suptitle(
            "The mediation network by period: who acted on whom",
            x=0.0,
            ha="left",
            fontsize=12,
            fontweight="bold",
        )
        handles = [
            Line2D(
                [], [], color=styles[k]["color"], linestyle=LINESTYLES[k], linewidth=1.6, label=k
            )
            for k in STYLE_ORDER
            if k in present
        ]
        handles += [
            Line2D([], [], marker="s", linestyle="none", color="#4D4D4D", label="negotiating side"),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markerfacecolor="white",
                color="black",
                label="state",
            ),
            Line2D(
                [],
                [],
                marker="D",
                linestyle="none",
                markerfacecolor="white",
                color="black",
                label="organisation",
            ),
            Line2D(
                [],
                [],
                marker="h",
                linestyle="none",
                markerfacecolor="white",
                color="black",
                label="group of states",
            ),
        ]
        key = fig.add_subplot(grid[0, :])
        key.axis("off")
        key.legend(
            handles=handles,
            loc="center",
            ncols=4,
            fontsize=8,
            handlelength=3.2,
            columnspacing=1.2,
            title="Kind of relation (arrow from actor to target, width by number) and kind of node",
            title_fontsize=8,
        )
        figures.add_source(fig, figures.DATASET_SOURCE)
    return fig


@figures.register("mediation-centrality", alt=CENTRALITY_ALT)
def plot_centrality(ds) -> Figure:
    """Weighted degree of the main mediators by period, with and without hosting."""
    c = centrality(ds, MAIN_MEDIATORS)
    plist = periods(ds)
    x = list(range(len(plist)))
    styles = figures.category_styles(MAIN_MEDIATORS)
    dashes = ["solid", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)), (0, (2, 2)), (0, (9, 3))]
    with figures.style():
        fig = Figure(figsize=(9.0, 4.4), layout="constrained")
        axes = fig.subplots(1, 2, sharey=True)
        for ax, measure, title in zip(
            axes, ("degree", "degree_no_hosting"), ("All relations", "Without hosting")
        ):
            for i, m in enumerate(MAIN_MEDIATORS):
                sub = c[c["mediator"] == m].set_index("period").reindex([p for p, _ in plist])
                ax.plot(
                    x,
                    sub[measure].to_numpy(),
                    color=styles[m]["color"],
                    marker=styles[m]["marker"],
                    linestyle=dashes[i % len(dashes)],
                    linewidth=1.6,
                    markersize=6,
                    markeredgecolor="black",
                    markeredgewidth=0.5,
                    label=LABELS[m],
                )
            ax.set_title(title, loc="left")
            ax.set_xticks(x, [tick_label(lbl) for _, lbl in plist], fontsize=8.5)
            ax.set_xlabel("Period")
            ax.grid(axis="y", color="#BBBBBB", lw=0.5, ls=":")
        axes[0].set_ylabel("Attested relations (weighted degree)")
        axes[1].tick_params(labelleft=True)
        axes[1].legend(
            loc="upper left", bbox_to_anchor=(1.0, 1.0), title="Mediator", alignment="left"
        )
        fig.suptitle(
            "How much of the record each mediator is part of, by period",
            x=0.0,
            ha="left",
            fontsize=12,
            fontweight="bold",
        )
        figures.add_source(fig, figures.DATASET_SOURCE)
    return fig
