"""Russia's road to the table, 1992–1994: who in Moscow moved, with what lever, on whom.

Everything the chapter ``book/russia.ipynb`` shows is computed here from the dataset returned by
:func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions. The
functions also accept a namespace of plain tables with their key as a column (small test inputs).

The chapter's data are ``russian_moves`` (one row per move of a part of the Russian state on
Tajikistan, autumn 1992 to the first round of talks on 5 April 1994), read with ``actors``,
``events``, ``attestations`` and ``discrepancies``.
"""

from __future__ import annotations

import pandas as pd
from matplotlib import patheffects
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from .. import figures, records
from ..affiliation import affiliation_chain
from ..attestation import record_sources, source_keys, source_names
from ..data import is_blank as _blank
from ..data import names_by_id as _names
from ..data import with_id as _table
from ..dates import format_span, timestamp_window
from ..discrepancies import claims_by_source, titled
from ..text import split_list

# ---- constants ---------------------------------------------------------------------------------

#: The table of Russian moves and its id column.
MOVES = "russian_moves"
MOVE_ID = records.ID_FIELDS[MOVES]

#: The parts of the Russian state, in the codebook's order (fixed colours from build to build).
ACTOR_KINDS: tuple[str, ...] = (
    "foreign_ministry",
    "military",
    "president",
    "government",
    "envoy",
    "intelligence",
    "state",
    "other",
)
ACTOR_KIND_LABELS: dict[str, str] = {
    "foreign_ministry": "Foreign Ministry",
    "military": "Military",
    "president": "President",
    "government": "Government",
    "envoy": "Envoy",
    "intelligence": "Intelligence",
    "state": "Russia (unspecified)",
    "other": "Other",
}

#: Bearing of a move on talks between the Tajik sides, with its marker in the timeline.
STANCES: tuple[str, ...] = ("for_talks", "against_talks", "")
STANCE_LABELS: dict[str, str] = {
    "for_talks": "For talks",
    "against_talks": "Against talks",
    "": "Not stated",
}
STANCE_MARKERS: dict[str, str] = {"for_talks": "^", "against_talks": "v", "": "o"}

#: The codebook's levers, in its order, with the words the table uses.
LEVER_LABELS: dict[str, str] = {
    "policy": "Policy decision",
    "persuasion": "Persuasion",
    "diplomatic_pressure": "Diplomatic pressure",
    "financial": "Money",
    "military_support": "Military support",
    "military_presence": "Military presence",
    "border_guard": "Border guard",
    "peacekeeping": "Peacekeeping",
    "regional_diplomacy": "Regional diplomacy",
    "mediation": "Mediation",
    "hosting_talks": "Hosting the talks",
    "recognition": "Recognition",
    "documents": "Documents",
    "information": "Information",
    "other": "Other",
}

#: Levers that give or withhold something material (money, arms, troops), as against words.
MATERIAL_LEVERS: tuple[str, ...] = ("financial", "military_support", "military_presence")

#: Sides of the Tajik conflict a target belongs to, found through ``actors.affiliation``: an actor
#: whose chain reaches one of these ids is on that side.
GOVERNMENT_ROOTS: frozenset[str] = frozenset({"tajikistan", "tajik_government"})
OPPOSITION_ROOTS: frozenset[str] = frozenset({"uto", "islamic_democratic_opposition"})
SIDE_LABELS: dict[str, str] = {
    "government": "Tajik authorities",
    "opposition": "Opposition",
    "other": "Others",
    "": "No target named",
}
NO_TARGET = "(none named)"

#: The discrepancies between the sources that bear on Russian policy in 1992–94, in the order
#: the chapter discusses them, with what is at stake.
RUSSIA_DISCREPANCIES: dict[str, str] = titled(
    (
        "russian-policy-1992-93",
        "russian-aid-popular-front",
        "kulobi-leader-1992",
        "cis-peacekeeping-timing",
        "russian-military-role",
        "un-envoy-timing",
        "first-contact-opposition",
        "adamishin-tehran-trip-date",
        "flour-supply-place",
        "iran-role",
        "round1-observers",
        "russian-commitment-round1",
        "who-brought-sides-to-table",
    )
)

#: Of those, the ones another chapter prints in full (claim by claim), by chapter; this chapter
#: links to them instead of printing them again. tests/test_russia.py keeps this in step with
#: the other chapters' constants.
PRINTED_ELSEWHERE: dict[str, tuple[str, ...]] = {
    "background": ("russian-policy-1992-93", "russian-aid-popular-front"),
    "mediation": (
        "un-envoy-timing",
        "first-contact-opposition",
        "iran-role",
        "who-brought-sides-to-table",
    ),
}

RUSSIA_MOVES_ALT = (
    "Timeline of the moves Russia made on Tajikistan from the autumn of 1992 to the first round of "
    "talks in Moscow on 5 April 1994, one row per move in date order, each labelled with the person "
    "or body that made it, the lever used and, after an arrow, its targets. Colour and hatching give "
    "the part of the Russian state behind the move (Foreign Ministry, military, president, "
    "government, envoy, intelligence, Russia unspecified, other); an upward triangle marks a move "
    "the source presents as for talks between the Tajik sides, a downward triangle one against "
    "them, a circle one with no stated bearing. A bar shows the span an approximate or "
    "month-precise date covers. Foreign Ministry moves, most of them for talks, are the largest "
    "group and crowd the first months of 1994; the moves against talks, three by the military and "
    "one by Kozyrev, all fall in March and April 1994."
)


# ---- helpers -----------------------------------------------------------------------------------


def _moves_frame(ds) -> pd.DataFrame:
    return _table(getattr(ds, MOVES), MOVE_ID)


def _stance(value) -> str:
    return "" if _blank(value) else str(value)


def _check_actors(ds, ids) -> None:
    """Raise :class:`~tajik_peace.records.UnknownIdError` for actor ids not in ``actors``."""
    known = set(_table(ds.actors, "actor_id")["actor_id"].astype(str))
    missing = sorted({str(i) for i in ids} - known)
    if missing:
        raise records.UnknownIdError("actors", missing)


def targets_of(value) -> list[str]:
    """The ``;``-separated target ids of a move as a list ([] for an empty cell)."""
    return [] if _blank(value) else split_list(value)


def side_of(actor_id: str, actors: pd.DataFrame) -> str:
    """'government', 'opposition' or 'other': the side of the Tajik conflict an actor is on.

    Found by following ``actors.affiliation`` upwards: Samadov -> the government -> Tajikistan is
    on the government side; Nuri -> the UTO on the opposition's. Unknown ids raise.
    """
    frame = _table(actors, "actor_id").set_index("actor_id")
    if actor_id not in frame.index:
        raise records.UnknownIdError("actors", [actor_id])
    links = {a: (None if _blank(v) else str(v)) for a, v in frame["affiliation"].items()}
    chain = set(affiliation_chain(actor_id, links))
    if chain & GOVERNMENT_ROOTS:
        return "government"
    if chain & OPPOSITION_ROOTS:
        return "opposition"
    return "other"


#: Short names of bodies for the timeline's labels and the lever table (others keep their name).
SHORT_NAMES: dict[str, str] = {
    "tajik_government": "Tajik government",
    "uto": "UTO",
    "islamic_democratic_opposition": "opposition",
    "interdepartmental_commission": "Commission on Tajikistan",
    "state_law_office": "State Law Office",
    "russian_border_troops": "Border troops",
    "russian_defence_ministry": "Defence Ministry",
    "russian_foreign_ministry": "Foreign Ministry",
    "russian_military": "Military",
    "central_asian_states": "Central Asian states",
    "russian_ambassador_dushanbe": "ambassador in Dushanbe",
}


def actor_short_name(actor_id: str, names: dict[str, str], kinds: dict[str, str]) -> str:
    """A person by surname ('Kozyrev'), a body by its short name (:data:`SHORT_NAMES`) or name."""
    if actor_id in SHORT_NAMES:
        return SHORT_NAMES[actor_id]
    name = names.get(actor_id, actor_id)
    return name.split()[-1] if kinds.get(actor_id) == "person" else name


# ---- (1) the moves -------------------------------------------------------------------------------


def russian_moves(ds) -> pd.DataFrame:
    """Every Russian move in date order (start, then id), with the span its date covers
    (``span_start``, ``span_end``), ``stance`` as a string ('' where none), the targets as a list
    (``targets``) and the sources that attest it (``sources``, source ids in sources.csv order).

    An ``actor_id`` or target id missing from ``actors``, or an ``event_id`` missing from
    ``events``, raises :class:`~tajik_peace.records.UnknownIdError`."""
    mv = _moves_frame(ds)
    mv = mv.sort_values(["date_start", MOVE_ID], kind="mergesort").reset_index(drop=True)
    mv["russian_actor_kind"] = mv["russian_actor_kind"].astype(str)
    mv["lever"] = mv["lever"].astype(str)
    mv["stance"] = [_stance(s) for s in mv["stance"]]
    mv["targets"] = [targets_of(t) for t in mv["target_actor_ids"]]
    _check_actors(ds, list(mv["actor_id"]) + [t for ts in mv["targets"] for t in ts])
    events = [e for e in mv["event_id"] if not _blank(e)]
    if events:
        records.require_ids(ds, "events", events)
    spans = [
        timestamp_window(r.date_start, r.date_start_precision, r.date_end, r.date_end_precision)
        for r in mv.itertuples(index=False)
    ]
    mv["span_start"] = pd.to_datetime(pd.Series([s for s, _ in spans], dtype="object"))
    mv["span_end"] = pd.to_datetime(pd.Series([e for _, e in spans], dtype="object"))
    attested = record_sources(ds, MOVES)
    order = list(source_names(ds))
    mv["sources"] = [
        sorted(
            attested.get(str(i), frozenset()),
            key=lambda s: (order.index(s) if s in order else len(order), s),
        )
        for i in mv[MOVE_ID]
    ]
    return mv


def move_label(row, names: dict[str, str], kinds: dict[str, str]) -> str:
    """'Kozyrev: military support -> Iskandarov', the timeline's label of one move."""
    who = actor_short_name(row.actor_id, names, kinds)
    lever = LEVER_LABELS.get(row.lever, row.lever).lower()
    on = ", ".join(actor_short_name(t, names, kinds) for t in row.targets)
    return f"{who}: {lever}" + (f" \u2192 {on}" if on else "")


def moves_table(ds) -> pd.DataFrame:
    """One row per move: date, part of the state, actor, lever, on whom, stance, sources."""
    mv = russian_moves(ds)
    names = _names(ds.actors, "actor_id")
    src = source_names(ds)
    rows = [
        {
            "Date": format_span(
                r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
            ),
            "Part of the state": ACTOR_KIND_LABELS.get(r.russian_actor_kind, r.russian_actor_kind),
            "Actor": names.get(r.actor_id, r.actor_id),
            "Lever": LEVER_LABELS.get(r.lever, r.lever),
            "On whom": records.actor_names(ds, r.targets),
            "Bearing on talks": STANCE_LABELS[r.stance],
            "Sources": "; ".join(src.get(s, s) for s in r.sources),
        }
        for r in mv.itertuples(index=False)
    ]
    columns = [
        "Date",
        "Part of the state",
        "Actor",
        "Lever",
        "On whom",
        "Bearing on talks",
        "Sources",
    ]
    return pd.DataFrame(rows, columns=columns)


#: The timeline's date axis (a little before the first move to a little after the Moscow round).
X_START = pd.Timestamp("1992-08-15")
X_END = pd.Timestamp("1994-05-15")
#: Moves whose covered span starts before this day are labelled to the right of their bar, later
#: ones to the left of their start (so that no label runs off either edge).
LABEL_FLIP = pd.Timestamp("1993-05-01")


def moves_data(ds) -> pd.DataFrame:
    """The numbers behind the moves chart: one row per move, top to bottom, with the span its date
    covers (the bar), its actor and kind (the colour), lever, targets and stance (the marker)."""
    return figures.plotted(
        russian_moves(ds),
        {
            "move_id": "move_id",
            "date_edtf": "date_edtf",
            "span_start": "span_first_day",
            "span_end": "span_last_day",
            "actor_id": "actor_id",
            "russian_actor_kind": "actor_kind",
            "lever": "lever",
            "targets": "targets",
            "stance": "stance",
            "sources": "sources",
        },
    )


@figures.register("russia-moves", alt=RUSSIA_MOVES_ALT, data=moves_data)
def plot_moves(ds):
    """One row per Russian move in date order: colour by part of the state, marker by stance,
    a bar for the span an approximate or month-precise date covers."""
    mv = russian_moves(ds)
    styles = figures.category_styles(ACTOR_KINDS)
    actors = _table(ds.actors, "actor_id")
    names = dict(zip(actors["actor_id"], actors["name"]))
    kinds = dict(zip(actors["actor_id"], actors["kind"].astype(str)))
    n = max(len(mv), 1)
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    with figures.style():
        fig, ax = figures.new_figure(
            "Russian moves on Tajikistan, 1992-1994",
            xlabel="Date (a bar is the span an approximate or month-precise date covers)",
            ylabel="Moves in date order (who: lever \u2192 on whom)",
            figsize=(
                6.3,
                2.0 + 0.13 * n,
            ),  # one row per move, 7-pt labels; fits a page with its caption
        )
        for i, r in enumerate(mv.itertuples(index=False)):
            st = styles.get(r.russian_actor_kind, {"color": "#777777", "hatch": ""})
            colour = st["color"]
            if r.span_end > r.span_start:
                ax.barh(
                    i,
                    r.span_end + pd.Timedelta(days=1) - r.span_start,
                    left=r.span_start,
                    height=0.6,
                    facecolor=to_rgba(colour, 0.35),
                    hatch=st["hatch"],
                    edgecolor=colour,
                    linewidth=0.6,
                    zorder=2,
                )
            ax.scatter(
                [r.date_start],
                [i],
                color=colour,
                marker=STANCE_MARKERS[r.stance],
                s=34,
                edgecolor="black",
                linewidth=0.5,
                zorder=3,
            )
            label = move_label(r, names, kinds)
            if r.span_start < LABEL_FLIP:
                figures.row_label(
                    ax,
                    label,
                    (r.span_end + pd.Timedelta(days=1), i),
                    side="right",
                    offset=4,
                    fontsize=7,
                    path_effects=halo,
                )
            else:
                figures.row_label(
                    ax,
                    label,
                    (r.span_start, i),
                    side="left",
                    offset=6,
                    fontsize=7,
                    path_effects=halo,
                )
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="x", labelsize=7.5)
        ax.yaxis.label.set_size(8)
        ax.xaxis.label.set_size(8)
        ax.set_ylim(len(mv) - 0.4, -0.6)
        ax.set_xlim(X_START, X_END)
        figures.date_axis(ax, "quarter")
        ax.set_axisbelow(True)
        present = [k for k in ACTOR_KINDS if (mv["russian_actor_kind"] == k).any()]
        handles = [
            figures.swatch(
                styles[k],
                ACTOR_KIND_LABELS[k],
                edgecolor=styles[k]["color"],
                facecolor=to_rgba(styles[k]["color"], 0.35),
            )
            for k in present
        ]
        handles += [
            Line2D(
                [],
                [],
                ls="",
                marker=STANCE_MARKERS[s],
                color="#BBBBBB",
                markeredgecolor="black",
                label=STANCE_LABELS[s],
            )
            for s in STANCES
            if (mv["stance"] == s).any()
        ]
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.0, -0.075),
            ncol=3,
            fontsize=7,
            handlelength=1.2,
            columnspacing=1.0,
            borderaxespad=0.0,
        )
    return fig


# ---- (2) the levers ------------------------------------------------------------------------------


def lever_targets(ds) -> pd.DataFrame:
    """One row per (move, target): the move's lever, part of the state, target and its side
    ('government', 'opposition', 'other'; '' where the source names no target)."""
    mv = russian_moves(ds)
    rows = []
    for r in mv.itertuples(index=False):
        for t in r.targets or [""]:
            rows.append(
                {
                    MOVE_ID: getattr(r, MOVE_ID),
                    "date_start": r.date_start,
                    "lever": r.lever,
                    "russian_actor_kind": r.russian_actor_kind,
                    "actor_id": r.actor_id,
                    "target": t,
                    "side": side_of(t, ds.actors) if t else "",
                    "stance": r.stance,
                }
            )
    columns = [
        MOVE_ID,
        "date_start",
        "lever",
        "russian_actor_kind",
        "actor_id",
        "target",
        "side",
        "stance",
    ]
    return pd.DataFrame(rows, columns=columns)


def levers_table(ds) -> pd.DataFrame:
    """Levers Russia used and on whom: one row per lever and target, levers in the codebook's
    order, targets by side (Tajik authorities, opposition, others, none named) and then name.

    ``Moves`` counts the moves; ``Who used it`` names the Russian actors (surnames for persons)
    in date order, each once, with the dates of their moves."""
    lt = lever_targets(ds)
    actors = _table(ds.actors, "actor_id")
    names = dict(zip(actors["actor_id"], actors["name"]))
    kinds = dict(zip(actors["actor_id"], actors["kind"].astype(str)))
    mv = russian_moves(ds).set_index(MOVE_ID)
    side_order = list(SIDE_LABELS)
    lever_order = list(LEVER_LABELS)
    lt["_lever"] = [
        lever_order.index(v) if v in lever_order else len(lever_order) for v in lt["lever"]
    ]
    lt["_side"] = [side_order.index(s) for s in lt["side"]]
    lt["_name"] = [names.get(t, NO_TARGET) if t else NO_TARGET for t in lt["target"]]
    rows = []
    groups = lt.sort_values(["_lever", "_side", "_name", "date_start", MOVE_ID], kind="mergesort")
    for (lever, target), g in groups.groupby(["lever", "target"], sort=False):
        by_actor: dict[str, list[str]] = {}
        for move_id in g[MOVE_ID]:
            m = mv.loc[move_id]
            who = actor_short_name(m["actor_id"], names, kinds)
            by_actor.setdefault(who, []).append(
                format_span(
                    m["date_start"],
                    m["date_start_precision"],
                    m["date_end"],
                    m["date_end_precision"],
                )
            )
        rows.append(
            {
                "Lever": LEVER_LABELS.get(lever, lever),
                "On whom": names.get(target, target) if target else NO_TARGET,
                "Side": SIDE_LABELS[g["side"].iloc[0]],
                "Moves": len(g),
                "Who used it, when": "; ".join(
                    f"{who} ({', '.join(dict.fromkeys(dates))})" for who, dates in by_actor.items()
                ),
            }
        )
    columns = ["Lever", "On whom", "Side", "Moves", "Who used it, when"]
    return pd.DataFrame(rows, columns=columns)


def levers_by_side(ds) -> pd.DataFrame:
    """Number of moves using each lever on each side (a move aimed at both sides counts in both
    columns, once in the total), levers in the codebook's order, with a total row."""
    lt = lever_targets(ds)
    sides = list(SIDE_LABELS)
    levers = [v for v in LEVER_LABELS if (lt["lever"] == v).any()]
    counts = {
        s: [int(lt[(lt["lever"] == v) & (lt["side"] == s)][MOVE_ID].nunique()) for v in levers]
        for s in sides
    }
    totals = [int(lt[lt["lever"] == v][MOVE_ID].nunique()) for v in levers]
    out = pd.DataFrame({"Lever": [LEVER_LABELS[v] for v in levers]})
    for s in sides:
        out[SIDE_LABELS[s]] = counts[s]
    out["All moves"] = totals
    total_row = {"Lever": "All levers"}
    for s in sides:
        total_row[SIDE_LABELS[s]] = int(lt[lt["side"] == s][MOVE_ID].nunique())
    total_row["All moves"] = int(lt[MOVE_ID].nunique())
    return pd.concat([out, pd.DataFrame([total_row])], ignore_index=True)


# ---- (3) the discrepancies -----------------------------------------------------------------------


def discrepancies_here(ds, ids=None, elsewhere=None) -> dict[str, str]:
    """The chapter's discrepancies (``ids``, default :data:`RUSSIA_DISCREPANCIES`) that no other
    chapter prints in full (``elsewhere``, default :data:`PRINTED_ELSEWHERE`), id -> label.
    Every id must be in the data: an unknown id raises."""
    ids = RUSSIA_DISCREPANCIES if ids is None else ids
    elsewhere = PRINTED_ELSEWHERE if elsewhere is None else elsewhere
    records.require_ids(ds, "discrepancies", list(ids))
    shown = {d for chapter in elsewhere.values() for d in chapter}
    return {d: label for d, label in ids.items() if d not in shown}


def discrepancies_table(ds, ids=None, elsewhere=None) -> pd.DataFrame:
    """What Adamishin and Iji each say on the chapter's discrepancies that no other chapter prints
    (see :func:`discrepancies_here`), with the dataset's assessment, in the chapter's order."""
    return claims_by_source(ds, discrepancies_here(ds, ids, elsewhere), assessment="Assessment")


# ---- headline numbers for the text ---------------------------------------------------------------

#: Dates the prose quotes, as glue key -> event id (the start date only: the Khujand session's end
#: is inferred from "two weeks"). An id missing from ``events`` raises.
EVENT_DATES: dict[str, str] = {
    "date_adamishin_assigned": "adamishin_assigned_1992",
    "date_cis_meeting": "cis_heads_of_government_1992",
    "date_khujand": "khujand_session_1992",
    "date_peacekeeping": "cis_peacekeeping_agreement_1992",
    "date_border_attack": "border_outpost_attack_1993",
    "date_adamishin_rahmonov": "adamishin_rahmon_talk_1993",
    "date_moscow_summit": "central_asia_summit_moscow_1993",
    "date_primakov_nuri": "primakov_nuri_1993",
    "date_kozyrev_tashkent": "kozyrev_tashkent_1994",
    "date_round1": "round1_moscow_1994",
}
#: Figures the prose quotes, as glue key -> stat id in ``statistics`` (an unknown id raises).
STATISTICS: dict[str, str] = {
    "border_contingent": "border-contingent-1993",
    "outpost_killed": "outpost-12-killed",
    "outpost_garrison": "outpost-12-garrison",
}


def quoted_dates(ds, dates=None) -> dict[str, str]:
    """Glue key -> the start date of its event, as a reader writes it ('13 July 1993')."""
    dates = EVENT_DATES if dates is None else dates
    ev = records.rows(ds, "events", list(dates.values()))
    return {
        key: format_span(ev.loc[e, "date_start"], ev.loc[e, "date_start_precision"])
        for key, e in dates.items()
    }


def quoted_figures(ds, stats=None) -> dict[str, str]:
    """Glue key -> the statistic's value with thousands separators ('16,000')."""
    stats = STATISTICS if stats is None else stats
    st = records.rows(ds, "statistics", list(stats.values()))
    out = {}
    for key, stat in stats.items():
        v = float(st.loc[stat, "value"])
        out[key] = f"{int(v):,}" if v == int(v) else f"{v:,.1f}"
    return out


def summary(ds, dates=None, stats=None, discrepancies=None, elsewhere=None) -> dict[str, object]:
    """Counts, dates and figures the chapter's prose quotes (glued, never typed by hand).

    ``dates``, ``stats``, ``discrepancies`` and ``elsewhere`` default to :data:`EVENT_DATES`,
    :data:`STATISTICS`, :data:`RUSSIA_DISCREPANCIES` and :data:`PRINTED_ELSEWHERE`."""
    discrepancies = RUSSIA_DISCREPANCIES if discrepancies is None else discrepancies
    here = discrepancies_here(ds, discrepancies, elsewhere)
    mv = russian_moves(ds)
    lt = lever_targets(ds)
    keys = source_keys(ds)
    kind = mv["russian_actor_kind"]
    out: dict[str, object] = {
        "n_russian_moves": len(mv),
        "first_move": format_span(mv["date_start"].iloc[0], mv["date_start_precision"].iloc[0])
        if len(mv)
        else "",
        **{f"n_russian_moves_{k}": int((kind == k).sum()) for k in ACTOR_KINDS},
        **{
            f"n_russian_moves_{k}_only": int(sum(s == [src] for s in mv["sources"]))
            for src, k in keys.items()
        },
        "n_russian_moves_both": int(sum(len(s) >= 2 for s in mv["sources"])),
        "n_for_talks": int((mv["stance"] == "for_talks").sum()),
        "n_against_talks": int((mv["stance"] == "against_talks").sum()),
        "n_against_talks_military": int(
            ((mv["stance"] == "against_talks") & (kind == "military")).sum()
        ),
        "n_for_talks_foreign_ministry": int(
            ((mv["stance"] == "for_talks") & (kind == "foreign_ministry")).sum()
        ),
        "n_levers": int(mv["lever"].nunique()),
        "n_moves_on_government": int(lt[lt["side"] == "government"][MOVE_ID].nunique()),
        "n_moves_on_opposition": int(lt[lt["side"] == "opposition"][MOVE_ID].nunique()),
        "n_material_on_government": int(
            lt[(lt["side"] == "government") & lt["lever"].isin(MATERIAL_LEVERS)][MOVE_ID].nunique()
        ),
        "n_moves_no_target": int(lt[lt["side"] == ""][MOVE_ID].nunique()),
        "n_financial_moves": int((mv["lever"] == "financial").sum()),
        "n_discrepancies_russia": len(discrepancies),
        "n_discrepancies_here": len(here),
        "n_discrepancies_elsewhere": len(discrepancies) - len(here),
        **quoted_dates(ds, dates),
        **quoted_figures(ds, stats),
    }
    return out
