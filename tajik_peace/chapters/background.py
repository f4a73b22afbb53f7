"""The war and its background, 1991–1993: events, backers, places and the cost of the war.

Everything the chapter ``book/background.ipynb`` shows is computed here from the dataset returned
by :func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions. The
functions also accept tables with their key as a column (small hand-made test inputs).

The chapter covers the period before the inter-Tajik negotiations: from the presidential election
of November 1991 to the first months of Iji's diagnostic phase (July–August 1993). In the dataset
that is every event with an empty ``phase_id`` (it starts before the first phase), plus the
diagnostic-phase events that start by :data:`EARLY_DIAGNOSTIC_END`.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib import patheffects
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath

from .. import figures, maps, records
from ..affiliation import affiliation_chain
from ..attestation import source_keys, source_names, sources_of
from ..data import is_blank as _blank
from ..data import names_by_id as _names
from ..data import with_id as _table
from ..dates import format_span, timestamp_window
from ..discrepancies import claims_by_source, titled
from ..phasing import before_talks

# ---- constants ---------------------------------------------------------------------------------

#: First day of the period: the month of the November 1991 presidential election, where the
#: dataset's narrative starts (events before it, such as the creation of the republic, are context).
WINDOW_START = pd.Timestamp("1991-11-01")
#: The phase that opens the negotiation process; events before it have an empty phase_id.
DIAGNOSTIC = "diagnostic"
#: Last start date of the "first months" of the diagnostic phase the chapter also shows: the July
#: 1993 border crisis and the August 1993 Moscow meeting on Tajikistan.
EARLY_DIAGNOSTIC_END = pd.Timestamp("1993-08-31")

#: Kinds of event of the period, in the order they are styled and listed (fixed for every build).
EVENT_KINDS: tuple[str, ...] = (
    "election",
    "political",
    "military",
    "diplomatic",
    "agreement",
    "summit",
    "other",
)
KIND_LABELS = {
    "election": "Election",
    "political": "Political",
    "military": "Military",
    "diplomatic": "Diplomatic",
    "agreement": "Agreement",
    "summit": "Summit",
    "other": "Other",
    "round": "Round of talks",
    "consultation": "Consultation",
    "expert_meeting": "Expert meeting",
}

#: Relations that say who backed or fought whom.
BACKING_RELATIONS: tuple[str, ...] = ("support", "arming", "hostility")
RELATION_LABELS = {"support": "supported", "arming": "armed", "hostility": "hostile to"}
#: The country the war was fought in: rolling an actor up to it would erase the sides.
HOME_STATE = "tajikistan"

#: Place kinds shown on the map, in their styling order, and the window "in and around
#: Tajikistan" (longitude west, east; latitude south, north), in degrees.
MAP_KINDS: tuple[str, ...] = ("city", "town", "region")
MAP_KIND_LABELS = {"city": "City", "town": "Town", "region": "Region or area"}
MAP_BOUNDS: tuple[float, float, float, float] = (66.0, 75.0, 34.0, 42.0)

#: Figures of the war's cost and of the forces, in the order the table lists them, with a group.
COST_STATS: dict[str, str] = {
    "war-killed": "Whole war",
    "war-missing": "Whole war",
    "war-orphans": "Whole war",
    "war-refugees": "Whole war",
    "war-damage-revenue-years": "Whole war",
    "pamir-gharm-killed-1992": "1992-93 episodes",
    "refugees-fled-1993": "1992-93 episodes",
    "outpost-12-killed": "1992-93 episodes",
    "outpost-12-garrison": "1992-93 episodes",
    "russian-speaking-population-1992": "Forces and stakes",
    "paratroop-battalions-1992": "Forces and stakes",
    "border-contingent-1993": "Forces and stakes",
}
#: The war-wide casualty totals (killed, missing, orphaned).
CASUALTY_TOTALS: tuple[str, ...] = ("war-killed", "war-missing", "war-orphans")
QUALIFIER_LABELS = {
    "over": "over",
    "about": "about",
    "up_to": "up to",
    "exactly": "exact",
    "unstated": "none",
}

#: The discrepancies that bear on the period, in the order the chapter discusses them.
BACKGROUND_DISCREPANCIES: dict[str, str] = titled(
    (
        "war-start",
        "government-formation-sequence",
        "russian-aid-popular-front",
        "russian-policy-1992-93",
        "name-leninabad",
    )
)

# ---- alt texts (the notebook's cell metadata repeats them; a test keeps them the same) --------

TIMELINE_ALT = (
    "Timeline of the events the two sources report from the November 1991 presidential election to "
    "August 1993, one row per event in date order, each labelled with its title and with A, I or both "
    "for the source that reports it (Adamishin, Iji). Colour and marker give the kind of event "
    "(election, political, military, diplomatic, agreement, summit, other); a bar shows the span a "
    "month-precise or approximate date covers. A grey band from July 1993 marks the opening of the "
    "diagnostic phase. Most events fall in 1992, and many of those from September to December 1992 "
    "are known only to a month or a season."
)


# ---- helpers -----------------------------------------------------------------------------------


def source_marks(ds) -> dict[str, str]:
    """source_id -> the one-letter mark of the source in the timeline's labels ('A', 'I')."""
    return {s: name[0] for s, name in source_names(ds).items()}


def sources_text(ds, ids) -> str:
    """'Adamishin; Iji' for a list of source ids ('' for none)."""
    names = source_names(ds)
    return "; ".join(names.get(s, s) for s in ids)


def _name(mapping: dict, key) -> str:
    return "" if _blank(key) else mapping.get(key, key)


# ---- (1) the events before the talks ------------------------------------------------------------


def pre_talks_events(ds, until=EARLY_DIAGNOSTIC_END, start=WINDOW_START) -> pd.DataFrame:
    """Events of the period: before the first phase opens (events without a phase), or in the
    diagnostic phase up to ``until``.

    Only events starting on or after ``start`` are kept. An event without a phase that starts
    after the first phase has opened (a retrospective event such as the war's anniversary in 2012)
    is not "before the talks" and is left out. Sorted by start date, then id; with the covered span
    (``span_start``, ``span_end``), the period (``before talks`` or ``diagnostic``) and the sources
    that attest each event (``sources``, a list of source ids).
    """
    ev = records.frame(ds, "events").copy()
    phase = ev["phase_id"].astype("string")
    before = before_talks(ev, ds, "date_start")
    early = (phase == DIAGNOSTIC) & (ev["date_start"] <= pd.Timestamp(until))
    ev = ev[
        (before | early).fillna(False).to_numpy()
        & (ev["date_start"] >= pd.Timestamp(start)).to_numpy()
    ]
    ev = ev.sort_values(["date_start", "event_id"], kind="mergesort").reset_index(drop=True)
    ev["kind"] = ev["kind"].astype(str)
    spans = [
        timestamp_window(r.date_start, r.date_start_precision, r.date_end, r.date_end_precision)
        for r in ev.itertuples(index=False)
    ]
    ev["span_start"] = (
        pd.to_datetime([s for s, _ in spans]) if spans else pd.Series([], dtype="datetime64[ns]")
    )
    ev["span_end"] = (
        pd.to_datetime([e for _, e in spans]) if spans else pd.Series([], dtype="datetime64[ns]")
    )
    ev["period"] = ["diagnostic" if p == DIAGNOSTIC else "before talks" for p in ev["phase_id"]]
    ev["sources"] = [sources_of(ds, "events", i) for i in ev["event_id"]]
    return ev


def events_table(ds) -> pd.DataFrame:
    """One row per event of the period: date, kind, event, place, period, sources."""
    ev = pre_talks_events(ds)
    places = _names(ds.places, "place_id")
    rows = [
        {
            "Date": format_span(
                r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
            ),
            "Kind": KIND_LABELS.get(r.kind, r.kind),
            "Event": r.title,
            "Place": _name(places, r.place_id),
            "Period": r.period,
            "Sources": sources_text(ds, r.sources),
        }
        for r in ev.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Date", "Kind", "Event", "Place", "Period", "Sources"])


def events_by_kind(ds) -> pd.DataFrame:
    """Number of events of each kind, before the talks and in the early diagnostic phase."""
    ev = pre_talks_events(ds)
    kinds = [k for k in EVENT_KINDS if (ev["kind"] == k).any()] + sorted(
        set(ev["kind"]) - set(EVENT_KINDS)
    )
    periods = ["before talks", "diagnostic"]
    counts = pd.crosstab(
        pd.Categorical(ev["kind"], categories=kinds),
        pd.Categorical(ev["period"], categories=periods),
        dropna=False,
    )
    counts.columns = ["Before the talks", "Early diagnostic phase"]
    counts["Total"] = counts.sum(axis=1)
    counts.index = [KIND_LABELS.get(k, k) for k in kinds]
    counts.index.name = "Kind"
    return counts.reset_index()


def _timeline_label(title: str, sources: list[str], marks: dict[str, str]) -> str:
    marks = ", ".join(marks.get(s, s) for s in sources)
    return f"{title} [{marks}]" if marks else title


#: Size of the event labels in points: the book's smallest legible text.
LABEL_SIZE = 7.0
#: Room between a bar and its label, in points (left and right).
LABEL_GAP = {"right": 5.0, "left": 6.0}
#: Distance between two rows of the timeline, in inches: room for a one-line label beside a
#: two-line one, and 36 rows fit in the page's height for figures.
ROW_PITCH = 0.155


def split_label(text: str, width) -> str:
    """``text`` on two lines, broken at the space that makes the wider line narrowest
    (``width(line)`` measures a line); a text without a space is returned unchanged."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    breaks = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, len(words))]
    first, rest = min(breaks, key=lambda b: max(width(b[0]), width(b[1])))
    return f"{first}\n{rest}"


def label_layout(marks, widths, lo: float, hi: float, gap: dict[str, float]):
    """Side ('right' or 'left') and number of lines (1 or 2) of each row's label.

    ``marks[i]`` is the horizontal extent (start, end) of row i's bar or marker, ``widths[i]`` its
    label's width on 1 and on 2 lines, ``lo`` and ``hi`` the axis edges, ``gap`` the room left
    between a mark and its label on each side (all in one unit, points). A label must fit between
    its mark and the axis edge. Rows are closer than two lines of text, so a two-line label may
    not overlap a neighbouring row's label, and had better not lie over its mark. Within that,
    one-line labels are preferred, then labels on the right (read in date order); the choice is
    made for all rows at once (dynamic programming along the rows), so that a row can give way to
    the next, with as few clashes as can be. A label that fits nowhere goes on two lines on its
    roomier side.
    """
    options = [(side, lines) for lines in (1, 2) for side in ("right", "left")]

    def extent(i, opt):
        side, lines = opt
        w = widths[i][lines]
        if side == "right":
            x = marks[i][1] + gap["right"]
            return x, x + w
        x = marks[i][0] - gap["left"]
        return x - w, x

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    def cost(i, opt):
        x0, x1 = extent(i, opt)
        if x0 < lo or x1 > hi:
            return None
        c = (opt[1] - 1) * 10 + (opt[0] == "left")
        if opt[1] == 2:  # over a neighbour's bar or marker
            c += 3 * sum(
                overlaps((x0, x1), marks[j]) for j in (i - 1, i + 1) if 0 <= j < len(marks)
            )
        return c

    def clash(i, a, b):  # option a of row i - 1 against option b of row i
        return 2 in (a[1], b[1]) and overlaps(extent(i - 1, a), extent(i, b))

    best: list[dict] = []  # per row: option -> (total cost, option of the row before)
    for i in range(len(marks)):
        here = {}
        for opt in options:
            c = cost(i, opt)
            if c is None:
                continue
            if i == 0:
                here[opt] = (c, None)
                continue
            # a clash costs more than any layout without one, but may be all there is
            total, _, p = min(
                (best[i - 1][p][0] + 100 * clash(i, p, opt), options.index(p), p)
                for p in best[i - 1]
            )
            here[opt] = (total + c, p)
        if not here:  # fits nowhere: the roomier side, on two lines
            room = {"right": hi - marks[i][1], "left": marks[i][0] - lo}
            side = max(("right", "left"), key=room.get)
            prev = min(best[i - 1], key=lambda o: best[i - 1][o][0]) if i else None
            here = {(side, 2): ((best[i - 1][prev][0] if i else 0) + 1000, prev)}
        best.append(here)
    if not best:
        return []
    opt = min(best[-1], key=lambda o: (best[-1][o][0], options.index(o)))
    out = []
    for i in range(len(best) - 1, -1, -1):
        out.append(opt)
        opt = best[i][opt][1]
    return out[::-1]


def timeline_data(ds) -> pd.DataFrame:
    """The numbers behind the background timeline: one row per event, top to bottom, with the
    span its date covers (the bar) and the day of its marker."""
    return figures.plotted(
        pre_talks_events(ds),
        {
            "event_id": "event_id",
            "title": "title",
            "kind": "kind",
            "date_edtf": "date_edtf",
            "date_start": "marker_date",
            "span_start": "span_first_day",
            "span_end": "span_last_day",
            "sources": "sources",
        },
    )


@figures.register("background-timeline", alt=TIMELINE_ALT, data=timeline_data)
def plot_timeline(ds):
    """One row per event of the period, coloured by kind, with the span its date covers."""
    ev = pre_talks_events(ds)
    styles = figures.category_styles(EVENT_KINDS)
    phases = records.frame(ds, "phases")
    diag = phases[phases["phase_id"] == DIAGNOSTIC]
    x_lo = WINDOW_START - pd.Timedelta(days=20)
    x_hi = pd.Timestamp("1994-02-15")  # past the last tick: room for the labels of mid-1993
    # rows for the events the axis shows (an event starting after it would be an empty row)
    ev = ev[ev["date_start"] <= x_hi].reset_index(drop=True)
    n = max(len(ev), 1)
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    marks = source_marks(ds)
    with figures.style():
        fig, ax = figures.new_figure(
            "Events before the talks, 1991-1993",
            xlabel="Date (a bar is the span that a month-precise or approximate date covers)",
            ylabel="Events in date order",
            figsize=(figures.PRINT_WIDTH, 1.65 + ROW_PITCH * (n + 1.2)),
        )
        if len(diag):
            d0 = diag["start_date"].iloc[0]
            ax.axvspan(d0, x_hi, color=figures.SHADES[0], lw=0, zorder=0)
            ax.text(
                d0 + pd.Timedelta(days=8),
                -1.45,
                "Diagnostic phase opens",
                fontsize=7.5,
                va="top",
                ha="left",
                color="#222222",
            )
        ends = []
        for i, r in enumerate(ev.itertuples(index=False)):
            st = styles.get(r.kind, {"color": "#777777", "marker": "o", "hatch": ""})
            end = r.span_end + pd.Timedelta(days=1)
            ends.append(end)
            if r.span_end > r.span_start:
                ax.barh(
                    i,
                    end - r.span_start,
                    left=r.span_start,
                    height=0.55,
                    color=st["color"],
                    alpha=0.45,
                    hatch=st["hatch"],
                    edgecolor="#333333",
                    linewidth=0.4,
                    zorder=2,
                )
            ax.scatter(
                [r.date_start],
                [i],
                color=st["color"],
                marker=st["marker"],
                s=24,
                edgecolor="black",
                linewidth=0.5,
                zorder=3,
            )
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(len(ev) - 0.4, -1.6)
        ax.set_xlim(x_lo, x_hi)
        figures.date_axis(ax, "quarter")
        ax.tick_params(axis="x", labelsize=7.5)
        present = [k for k in EVENT_KINDS if (ev["kind"] == k).any()]
        handles = [
            Line2D(
                [],
                [],
                color=styles[k]["color"],
                marker=styles[k]["marker"],
                ls="",
                markeredgecolor="black",
                markeredgewidth=0.5,
                label=KIND_LABELS[k],
            )
            for k in present
        ]
        # under the plot: inside it, no corner stays clear of the labels at the printed width
        figures.legend_below(
            ax,
            handles=handles,
            title="Kind of event; "
            + ", ".join(f"[{marks[s]}] {n}" for s, n in source_names(ds).items()),
            ncols=min(len(handles), 4) or 1,
            fontsize=7.5,
            title_fontsize=7.5,
        )
        _label_rows(ax, ev, ends, marks, halo)
    return fig


def _label_rows(ax, ev, ends, marks_of, halo) -> None:
    """Name each row beside its bar, on the side (and in the lines) :func:`label_layout` picks
    from the room the laid-out axes leave."""
    if not len(ev):
        return
    fig = ax.get_figure(root=True)
    fig.draw_without_rendering()  # the axes' final width, which the labels do not change
    to_pt = 72 / fig.dpi
    font = FontProperties(family=mpl.rcParams["font.family"], size=LABEL_SIZE)
    png = RendererAgg(1, 1, figures.PNG_DPI)

    def width(line: str) -> float:
        """In points: the wider of the exact width (PDF) and the PNG's, which hinting widens."""
        exact = TextToPath().get_text_width_height_descent(line, font, ismath=False)[0]
        hinted = png.get_text_width_height_descent(line, font, ismath=False)[0]
        return max(exact, hinted * 72 / figures.PNG_DPI)

    def x_pt(day) -> float:
        return ax.transData.transform((mdates.date2num(day), 0))[0] * to_pt

    texts, marks, widths = [], [], []
    for i, r in enumerate(ev.itertuples(index=False)):
        text = _timeline_label(r.title, r.sources, marks_of)
        two = split_label(text, width)
        texts.append({1: text, 2: two})
        widths.append({1: width(text), 2: max(width(line) for line in two.split("\n"))})
        marks.append((x_pt(r.span_start), x_pt(ends[i])))
    # the axis edges, less the white halo around the letters and a point to spare
    lo, hi = ax.bbox.x0 * to_pt + 2.0, ax.bbox.x1 * to_pt - 2.0
    for i, (side, lines) in enumerate(label_layout(marks, widths, lo, hi, LABEL_GAP)):
        r = ev.iloc[i]
        figures.row_label(
            ax,
            texts[i][lines],
            (ends[i] if side == "right" else r["span_start"], i),
            side=side,
            offset=LABEL_GAP[side],
            fontsize=LABEL_SIZE,
            path_effects=halo,
        )
        # inside the axes by construction: were layout to move the axes for them, the room
        # measured above would no longer hold
        ax.texts[-1].set_in_layout(False)


# ---- (2) who backed whom -------------------------------------------------------------------------


def roll_up(
    actor_id: str, actors: pd.DataFrame, kinds=("state", "organisation"), exclude=()
) -> str | None:
    """The first actor of one of ``kinds`` in the affiliation chain of ``actor_id`` (itself included).

    The chain follows ``actors.affiliation`` upwards (:func:`tajik_peace.affiliation.affiliation_chain`);
    ids in ``exclude`` are never returned (the chain goes on past them). Returns None when no actor
    of those kinds is reached, when the id is unknown, or when the chain loops.

    >>> roll_up("kozyrev", ds.actors)        # doctest: +SKIP
    'russia'
    """
    frame = _table(actors, "actor_id").set_index("actor_id")
    kind = {a: str(k) for a, k in frame["kind"].items()}
    chain = affiliation_chain(actor_id, frame["affiliation"].to_dict())
    wanted = {str(k) for k in kinds}
    return next((a for a in chain if kind.get(a) in wanted and a not in exclude), None)


def outside_backer(actor_id: str, actors: pd.DataFrame) -> str | None:
    """The foreign state an actor belongs to (Kozyrev -> Russia), or None for Tajik and stateless actors."""
    state = roll_up(actor_id, actors, kinds=("state",))
    return None if state in (None, HOME_STATE) else state


def backing_relations(ds) -> pd.DataFrame:
    """Support, arming and hostility before the talks (no phase) and in the diagnostic phase.

    Sorted by date, then id; with ``period``, the outside state each actor rolls up to
    (``from_state``, ``to_state``) and the attesting ``sources``.
    """
    rel = records.frame(ds, "relations").copy()
    rel["relation"] = rel["relation"].astype(str)
    phase = rel["phase_id"].astype("string")
    before = (phase.isna() | (phase.str.strip() == "")).fillna(True)
    keep = rel["relation"].isin(BACKING_RELATIONS) & (before | (phase == DIAGNOSTIC).fillna(False))
    rel = rel[keep.to_numpy()]
    rel = rel.sort_values(["date", "relation_id"], kind="mergesort").reset_index(drop=True)
    rel["period"] = ["diagnostic" if p == DIAGNOSTIC else "before talks" for p in rel["phase_id"]]
    rel["from_state"] = [outside_backer(a, ds.actors) for a in rel["from_actor"]]
    rel["to_state"] = [outside_backer(a, ds.actors) for a in rel["to_actor"]]
    rel["sources"] = [sources_of(ds, "relations", i) for i in rel["relation_id"]]
    return rel


def backing_table(ds, period: str | None = None) -> pd.DataFrame:
    """Who supported, armed or was hostile to whom before the talks: one row per attested relation.

    ``Actor`` names the actor as the source does and adds, in brackets, the outside state it
    belongs to when that is another actor (Kozyrev (Russia)). With ``period`` ('before talks' or
    'diagnostic') only that period's rows are kept and the Period column is left out.
    """
    rel = backing_relations(ds)
    if period is not None:
        rel = rel[rel["period"] == period]
    names = _names(ds.actors, "actor_id")

    def who(actor, state):
        name = _name(names, actor)
        return name if _blank(state) or state == actor else f"{name} ({_name(names, state)})"

    rows = [
        {
            "Date": format_span(r.date, r.date_precision),
            "Actor": who(r.from_actor, r.from_state),
            "Relation": RELATION_LABELS.get(r.relation, r.relation),
            "Acted on": who(r.to_actor, r.to_state),
            "Period": r.period,
            "Sources": sources_text(ds, r.sources),
        }
        for r in rel.itertuples(index=False)
    ]
    columns = ["Date", "Actor", "Relation", "Acted on", "Period", "Sources"]
    if period is not None:
        columns.remove("Period")
    return pd.DataFrame(
        rows, columns=["Date", "Actor", "Relation", "Acted on", "Period", "Sources"]
    )[columns]


def outside_backing(ds) -> pd.DataFrame:
    """Whom each outside state (its persons and bodies rolled up to it) supported, armed or opposed.

    One row per outside state, in order of first appearance; one column per kind of relation,
    listing the actors acted on in date order ('' where there is none).
    """
    rel = backing_relations(ds)
    rel = rel[rel["from_state"].notna()]
    states = list(dict.fromkeys(rel["from_state"]))
    names = _names(ds.actors, "actor_id")
    rows = []
    for state in states:
        mine = rel[rel["from_state"] == state]
        row = {"Outside state": _name(names, state)}
        for kind in BACKING_RELATIONS:
            targets = mine.loc[mine["relation"] == kind, "to_actor"]
            row[RELATION_LABELS[kind].capitalize()] = "; ".join(
                dict.fromkeys(_name(names, a) for a in targets)
            )
        rows.append(row)
    columns = ["Outside state"] + [RELATION_LABELS[k].capitalize() for k in BACKING_RELATIONS]
    return pd.DataFrame(rows, columns=columns)


# ---- (3) the places ------------------------------------------------------------------------------


def map_places(ds, bounds=MAP_BOUNDS, kinds=MAP_KINDS) -> pd.DataFrame:
    """Places of the given kinds inside ``bounds`` (lon west, lon east, lat south, lat north).

    Sorted by kind (in ``kinds`` order), then id; places without coordinates are left out.
    """
    pl = records.frame(ds, "places").copy()
    pl["kind"] = pl["kind"].astype(str)
    west, east, south, north = bounds
    inside = (
        pl["kind"].isin(list(kinds))
        & pl["longitude"].between(west, east)
        & pl["latitude"].between(south, north)
    )
    pl = pl[inside.fillna(False).to_numpy()].copy()
    pl["_order"] = [list(kinds).index(k) for k in pl["kind"]]
    return (
        pl.sort_values(["_order", "place_id"], kind="mergesort")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def places_table(ds) -> pd.DataFrame:
    """The mapped places: name, kind, coordinates and the coder's stated uncertainty."""
    pl = map_places(ds)
    rows = [
        {
            "Place": r.name,
            "Kind": MAP_KIND_LABELS.get(r.kind, r.kind),
            "Spellings in the sources": "; ".join(a.strip() for a in str(r.aliases).split(";"))
            if not _blank(r.aliases)
            else "",
            "Latitude": f"{r.latitude:.2f}",
            "Longitude": f"{r.longitude:.2f}",
            "Uncertainty (deg)": f"{r.coordinate_precision:g}",
        }
        for r in pl.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Place",
            "Kind",
            "Spellings in the sources",
            "Latitude",
            "Longitude",
            "Uncertainty (deg)",
        ],
    )


@figures.register("background-map", alt=maps.MAP_ALT, data=maps.map_data)
def plot_map(ds):
    """The places on Natural Earth's borders, with the venues of the talks (see :mod:`..maps`)."""
    return maps.plot_map(ds)


# ---- (4) the cost of the war -------------------------------------------------------------------


def format_figure(value, unit: str, qualifier: str) -> str:
    """'over 60,000 people', '25 people', 'about 3 years' (no qualifier word for 'exactly' or 'unstated')."""
    if _blank(value):
        return ""
    v = float(value)
    number = f"{int(v):,}" if v == int(v) else f"{v:,.1f}"
    q = QUALIFIER_LABELS.get(str(qualifier), str(qualifier))
    prefix = "" if str(qualifier) in ("exactly", "unstated", "") else q + " "
    return f"{prefix}{number} {unit}".strip()


def _locators(ds, stat_id: str) -> str:
    att = records.frame(ds, "attestations")
    rows = att[(att["table"].astype(str) == "statistics") & (att["record_id"] == stat_id)]
    names = source_names(ds)
    parts = [
        f"{names.get(s, s)}, {loc}"
        for s, loc in sorted(set(zip(rows["source_id"], rows["locator"])))
    ]
    return "; ".join(parts)


def cost_table(ds, stats=None) -> pd.DataFrame:
    """The war's cost and the forces involved, as the sources give them, with qualifier and source.

    ``stats`` maps stat ids to a group label (default :data:`COST_STATS`); an id missing from the
    dataset raises :class:`~tajik_peace.records.UnknownIdError`. ``Qualifier`` is the source's hedge: 'none' means the figure is stated
    without one (the dataset's 'unstated'), which does not make a round number exact;
    'exact' marks a figure exact by its nature (a count such as 25 of 51 border guards).
    """
    stats = COST_STATS if stats is None else stats
    st = records.rows(ds, "statistics", stats)
    rows = []
    for stat_id, group in stats.items():
        r = st.loc[stat_id]
        rows.append(
            {
                "Group": group,
                "What is counted": r["measure"],
                "Figure": format_figure(r["value"], r["unit"], r["qualifier"]),
                "Qualifier": QUALIFIER_LABELS.get(str(r["qualifier"]), str(r["qualifier"])),
                "When": format_span(r["date"], r["date_precision"])
                if not _blank(r["date"])
                else "undated",
                "Source": _locators(ds, stat_id),
            }
        )
    return pd.DataFrame(
        rows, columns=["Group", "What is counted", "Figure", "Qualifier", "When", "Source"]
    )


def cost_summary(ds) -> dict[str, object]:
    """What the chapter's text says about the figures: values, who gives them, whether dated."""
    st = records.rows(ds, "statistics", dict.fromkeys([*COST_STATS, *CASUALTY_TOTALS]))

    def fig(stat_id):
        r = st.loc[stat_id]
        return format_figure(r["value"], r["unit"], r["qualifier"])

    totals = list(CASUALTY_TOTALS)
    sources = sorted({src for s in totals for src in sources_of(ds, "statistics", s)})
    all_sources = sorted({src for s in COST_STATS for src in sources_of(ds, "statistics", s)})
    return {
        "killed": fig("war-killed"),
        "missing": fig("war-missing"),
        "orphans": fig("war-orphans"),
        "refugees": fig("war-refugees"),
        "damage_years": fig("war-damage-revenue-years"),
        "pamir_gharm_killed": fig("pamir-gharm-killed-1992"),
        "fled_to_afghanistan": fig("refugees-fled-1993"),
        "outpost_killed": fig("outpost-12-killed"),
        "outpost_garrison": fig("outpost-12-garrison"),
        "border_contingent": fig("border-contingent-1993"),
        "paratroop_battalions": fig("paratroop-battalions-1992"),
        "russian_speakers": fig("russian-speaking-population-1992"),
        "casualty_total_sources": sources_text(ds, sources),
        "n_casualty_total_sources": len(sources),
        "n_casualty_totals": len(totals),
        "cost_table_sources": sources_text(ds, all_sources),
        "n_casualty_totals_dated": int(sum(not _blank(st.loc[s, "date"]) for s in totals)),
        "casualty_totals_dated_phrase": _of_them(
            int(sum(not _blank(st.loc[s, "date"]) for s in totals)), len(totals)
        ),
        "outpost_killed_of_garrison": _killed_of_garrison(
            st.loc["outpost-12-killed"], st.loc["outpost-12-garrison"], fig
        ),
    }


def _of_them(n: int, total: int) -> str:
    """'none of them', 'all of them', 'both of them', '2 of them'."""
    if n == 0:
        return "none of them"
    if n == total:
        return "both of them" if total == 2 else "all of them"
    return f"{n} of them"


def _killed_of_garrison(killed, garrison, fig) -> str:
    """'25 of the 51 border guards at the outpost' where both figures are exact; otherwise each
    figure with its own unit and qualifier."""
    exact = str(killed["qualifier"]) == str(garrison["qualifier"]) == "exactly"
    if exact and str(killed["unit"]) == str(garrison["unit"]) == "people":
        return f"{int(killed['value']):,} of the {int(garrison['value']):,} border guards at the outpost"
    return f"{fig(killed.name)} of a garrison of {fig(garrison.name)}"


# ---- discrepancies -------------------------------------------------------------------------------


def discrepancies_table(ds, ids=None) -> pd.DataFrame:
    """The discrepancies that bear on the period: point, what each source says.

    ``ids`` maps discrepancy ids to a short label (default :data:`BACKGROUND_DISCREPANCIES`); an id
    missing from the dataset raises. A discrepancy inside one source fills that source's column."""
    return claims_by_source(ds, BACKGROUND_DISCREPANCIES if ids is None else ids, assessment=None)


# ---- headline numbers for the text ---------------------------------------------------------------


def _event_date(ev: pd.DataFrame, event_id: str, start_only: bool = False) -> str:
    row = ev[ev["event_id"] == event_id]
    if not len(row):
        raise KeyError(f"no event {event_id!r} for the chapter's prose")
    r = row.iloc[0]
    if start_only:
        return format_span(r["date_start"], r["date_start_precision"])
    return format_span(
        r["date_start"], r["date_start_precision"], r["date_end"], r["date_end_precision"]
    )


def summary(ds) -> dict[str, object]:
    """Counts and dates the chapter's prose quotes (glued into the text, never typed by hand)."""
    ev = pre_talks_events(ds)
    all_ev = records.frame(ds, "events")
    n_src = ev["sources"].map(len)
    keys = source_keys(ds)
    rel = backing_relations(ds)
    phases = records.frame(ds, "phases")
    diag = phases[phases["phase_id"] == DIAGNOSTIC]
    before = ev[ev["period"] == "before talks"]
    months = before["date_start"].dt.to_period("M")
    busiest = months.value_counts().sort_index(kind="mergesort")
    out = {
        "n_events": len(ev),
        "n_events_before": len(before),
        "n_events_diagnostic": int((ev["period"] == "diagnostic").sum()),
        **{
            f"n_events_{k}_only": int(sum(x == [s] for x in ev["sources"])) for s, k in keys.items()
        },
        "n_events_both": int((n_src >= 2).sum()),
        "n_events_day_precise": int((ev["date_start_precision"].astype(str) == "day").sum()),
        "n_events_1992_sep_dec": int(
            ((before["date_start"] >= "1992-09-01") & (before["date_start"] <= "1992-12-31")).sum()
        ),
        "busiest_month": busiest.idxmax().strftime("%B %Y") if len(busiest) else "",
        "busiest_month_events": int(busiest.max()) if len(busiest) else 0,
        "diagnostic_start": format_span(diag["start_date"].iloc[0], diag["start_precision"].iloc[0])
        if len(diag)
        else "",
        "n_backing": len(rel),
        "n_backing_before": int((rel["period"] == "before talks").sum()),
        **{
            f"n_backing_{k}_only": int(sum(x == [s] for x in rel["sources"]))
            for s, k in keys.items()
        },
        "n_backing_both": int(rel["sources"].map(lambda s: len(s) >= 2).sum()),
        "n_russia_relations": int((rel["from_state"] == "russia").sum()),
        "n_uzbekistan_relations": int((rel["from_state"] == "uzbekistan").sum()),
        "n_russia_targets": int(rel.loc[rel["from_state"] == "russia", "to_actor"].nunique()),
        "n_places_mapped": len(map_places(ds)),
    }
    for key, event_id in (
        ("date_election", "election_president_1991"),
        ("date_rallies", "protests_shakhidon_1992"),
        ("date_bloodshed", "civil_war_outbreak_1992"),
        ("date_coalition", "coalition_government_1992"),
        ("date_nabiyev_resigns", "nabiyev_resignation_1992"),
        ("date_adamishin_assigned", "adamishin_assigned_1992"),
        ("date_cis_meeting", "cis_heads_of_government_1992"),
        ("date_khujand", "khujand_session_1992"),
        ("date_rahmonov_chairman", "rahmonov_elected_chairman_1992"),
        ("date_peacekeeping", "cis_peacekeeping_agreement_1992"),
        ("date_storming", "dushanbe_storming_1992"),
        ("date_peak", "peak_of_violence_1993"),
        ("date_parties_banned", "parties_banned_1993"),
        ("date_border_attack", "border_outpost_attack_1993"),
        ("date_moscow_summit", "central_asia_summit_moscow_1993"),
        ("date_ssr", "tajik_ssr_creation_1929"),
    ):
        out[key] = _event_date(all_ev, event_id)
    # the prose says the session met "from" this day (its end is only inferred from "two weeks")
    out["date_khujand"] = _event_date(all_ev, "khujand_session_1992", start_only=True)
    return out
