"""Chronology of the talks: the rounds, consultations and summits, and a timeline of them.

Everything the chapter ``book/chronology.ipynb`` shows is computed here from the dataset returned
by :func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from .. import figures
from ..data import names_by_id as _names
from ..dates import format_span
from ..events import (
    KIND_LABELS,
    MEETING_KINDS,
    NEGOTIATION_KINDS,
    both_sides,
    negotiation_events,
    round_label,
)
from ..phasing import phase_frame, shade_phases, short_phase_name
from ..text import split_list

#: Alt text of the timeline figure. The notebook's cell metadata repeats it for the HTML and a
#: test keeps the two the same.
TIMELINE_ALT = (
    "Timeline of the inter-Tajik negotiations from 1993 to mid-1997. Each negotiation event is a "
    "marker on its own row by kind (rounds of talks, consultations, summits, expert meetings, "
    "agreements signed), with a horizontal bar for its duration. Every meeting is labelled with its "
    "venue, rounds with their number first: 1 Moscow, 2 Tehran, 3 Islamabad, 4 Almaty, 5.1 to 5.3 "
    "Ashgabat, 6 Tehran, 7 Moscow, 8.1 and 8.2 Tehran; consultations in Tehran and Moscow; an expert "
    "meeting in Tehran. Summits are marked three ways: a larger triangle with its venue in bold, "
    "filled for the six summits of Rakhmonov and Nuri (Kabul and Tehran in 1995, Khusdeh and Moscow "
    "in December 1996, Mashhad and Bishkek in 1997) and open for the two other summits (Moscow 1993 "
    "and the CIS summit in Moscow in 1996), and a dashed vertical line through all rows at each "
    "summit's date. Shaded bands in alternating greys mark the phases of the process, named at the "
    "top."
)


def _meeting_rows(ds, ev: pd.DataFrame, who: bool) -> pd.DataFrame:
    places = _names(ds.places, "place_id")
    actors = _names(ds.actors, "actor_id")
    phases = _names(ds.phases, "phase_id")

    def name(mapping, key):
        return "" if key is None or pd.isna(key) else mapping.get(key, key)

    rows = []
    for r in ev.itertuples(index=False):
        row = {
            "Meeting": round_label(r.round_number, r.round_part) or KIND_LABELS[r.kind],
            "Dates": format_span(
                r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
            ),
            "Venue": name(places, r.place_id),
        }
        if who:
            row["Government delegation"] = name(actors, r.government_head)
            row["Opposition delegation"] = name(actors, r.opposition_head)
        else:
            row["What it was"] = r.title
        row["Phase"] = short_phase_name(name(phases, r.phase_id))
        rows.append(row)
    columns = ["Meeting", "Dates", "Venue"]
    columns += ["Government delegation", "Opposition delegation"] if who else ["What it was"]
    return pd.DataFrame(rows, columns=columns + ["Phase"])


def meetings_of_both_sides(ds) -> pd.DataFrame:
    """The meetings at which the government side and the opposition side both sat, in date order."""
    ev = negotiation_events(ds)
    return ev[both_sides(ev)]


def rounds_table(ds) -> pd.DataFrame:
    """One row per meeting of the two sides (round, consultation, summit or experts' meeting with
    ``both_sides`` true): when, where, who led each side, in which phase."""
    return _meeting_rows(ds, meetings_of_both_sides(ds), who=True)


def other_meetings_table(ds) -> pd.DataFrame:
    """The meetings on record that did not bring the two sides together (``both_sides`` false or
    empty): when, where, what they were, in which phase."""
    ev = negotiation_events(ds)
    ev = ev[ev["kind"].isin(MEETING_KINDS) & ~both_sides(ev)]
    return _meeting_rows(ds, ev, who=False)


OUTSIDE_PHASES = "Outside the phases"


def events_by_phase(ds) -> pd.DataFrame:
    """Number of negotiation events of each kind in each phase, phases in order, with totals.

    Events with no phase (before the diagnostic phase) are counted in a last row, when there are any.
    """
    ev = negotiation_events(ds)
    phases = phase_frame(ds)
    ids = list(phases["phase_id"])
    counts = pd.crosstab(
        pd.Categorical(ev["phase_id"].fillna(OUTSIDE_PHASES), categories=ids + [OUTSIDE_PHASES]),
        pd.Categorical(ev["kind"], categories=list(NEGOTIATION_KINDS)),
        dropna=False,
    )
    counts.index = [short_phase_name(n) for n in phases["name"]] + [OUTSIDE_PHASES]
    if counts.loc[OUTSIDE_PHASES].sum() == 0:
        counts = counts.drop(index=OUTSIDE_PHASES)
    counts.columns = [KIND_LABELS[k] for k in NEGOTIATION_KINDS]
    counts["Total"] = counts.sum(axis=1)
    counts.index.name = "Phase"
    return counts.reset_index()


def summary(ds) -> dict[str, object]:
    """Headline numbers of the chronology (for the chapter's text)."""
    ev = negotiation_events(ds)
    rounds = ev[ev["kind"] == "round"]
    meetings = ev[both_sides(ev)]
    others = ev[ev["kind"].isin(MEETING_KINDS) & ~both_sides(ev)]
    starts = meetings["date_start"].sort_values()
    gaps = starts.diff().dt.days.dropna()
    longest = int(gaps.idxmax()) if len(gaps) else None
    before = (
        meetings.loc[starts.index[starts.index.get_loc(longest) - 1]]
        if longest is not None
        else None
    )
    after = meetings.loc[longest] if longest is not None else None
    phases = phase_frame(ds)
    months = ((phases["end_date"] - phases["start_date"]).dt.days + 1) / 30.44
    per_phase = meetings.groupby("phase_id").size().reindex(phases["phase_id"], fill_value=0)
    rate = pd.Series(
        per_phase.to_numpy() / months.to_numpy(),
        index=phases["name"].map(short_phase_name).to_numpy(),
    )
    return {
        "busiest_phase": str(rate.idxmax()) if len(rate) else "",
        "busiest_phase_meetings_per_month": round(float(rate.max()), 1) if len(rate) else 0.0,
        "n_rounds": int(rounds["round_number"].nunique()) if len(rounds) else 0,
        "n_meetings": len(meetings),
        "n_other_meetings": len(others),
        "n_expert_meetings": int((meetings["kind"] == "expert_meeting").sum()),
        "other_meetings_phrase": _count(len(others), "summit of states", "summits of states"),
        "expert_meetings_phrase": _count(
            int((meetings["kind"] == "expert_meeting").sum()),
            "meeting of experts",
            "meetings of experts",
        ),
        "n_agreements_signed": int((ev["kind"] == "agreement").sum()),
        "first_meeting": format_span(starts.iloc[0]) if len(starts) else "",
        "last_meeting": format_span(starts.iloc[-1]) if len(starts) else "",
        "span_months": round((starts.iloc[-1] - starts.iloc[0]).days / 30.44)
        if len(starts) > 1
        else 0,
        "longest_gap_days": int(gaps.max()) if len(gaps) else 0,
        "median_gap_days": int(gaps.median()) if len(gaps) else 0,
        "longest_gap_from": _meeting_name(before),
        "longest_gap_to": _meeting_name(after),
    }


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _count(n: int, singular: str, plural: str) -> str:
    """'no summit of states', 'one meeting of experts', 'two summits of states', '12 ...'."""
    number = _WORDS[n] if 0 <= n < len(_WORDS) else str(n)
    return f"{number} {singular if n == 1 else plural}"


def _meeting_name(r) -> str:
    """'Round 5, part 3 (July 1996)': a meeting as the prose names it; '' for None."""
    if r is None:
        return ""
    label = round_label(r["round_number"], r["round_part"]) or KIND_LABELS[r["kind"]].lower()
    when = format_span(r["date_start"], r["date_start_precision"])
    return f"{label} ({when})" if label[0].isupper() else f"the {label} of {when}"


#: The two leaders whose presence makes a summit a Rakhmonov-Nuri summit (``events.actors``).
LEADERS: tuple[str, ...] = ("rahmonov", "nuri")
LEADERS_SUMMIT_LABEL = "Summit of Rakhmonov and Nuri"
OTHER_SUMMIT_LABEL = "Other summit"
#: Smallest gap, in points, between two venue labels of one row: closer labels are pushed right.
LABEL_GAP_PT = 9.5


def is_leaders_summit(kind, actors) -> bool:
    """True for a summit that both Rakhmonov and Nuri attended (both among its actors)."""
    ids = split_list(actors)
    return str(kind) == "summit" and all(x in ids for x in LEADERS)


def venue_labels(ds) -> pd.DataFrame:
    """The text written over each meeting on the timeline: its venue, after its round number.

    One row per meeting (rounds, consultations, summits, expert meetings) in date order, with
    ``event_id``, ``kind``, ``date_start``, ``label`` ('3 Islamabad', '5.2 Ashgabat', 'Kabul') and
    ``leaders`` (a Rakhmonov-Nuri summit). Every meeting is labelled, parts of a round included.
    """
    ev = negotiation_events(ds)
    ev = ev[ev["kind"] != "agreement"]
    places = _names(ds.places, "place_id") if hasattr(ds, "places") else {}
    rows = []
    for r in ev.itertuples(index=False):
        place = "" if pd.isna(r.place_id) else places.get(r.place_id, r.place_id)
        label = place
        if not pd.isna(r.round_number):
            part = "" if pd.isna(r.round_part) else f".{int(r.round_part)}"
            label = f"{int(r.round_number)}{part} {place}".strip()
        rows.append(
            {
                "event_id": r.event_id,
                "kind": r.kind,
                "date_start": r.date_start,
                "label": label,
                "leaders": is_leaders_summit(r.kind, getattr(r, "actors", None)),
            }
        )
    return pd.DataFrame(rows, columns=["event_id", "kind", "date_start", "label", "leaders"])


def timeline_data(ds) -> pd.DataFrame:
    """The numbers behind the main timeline: one row per negotiation event, with its row (kind),
    its first and last day (a line where it lasted) and the venue label written over it."""
    ev = negotiation_events(ds).merge(
        venue_labels(ds)[["event_id", "label", "leaders"]], on="event_id", how="left"
    )
    ev["label"] = ev["label"].fillna("")
    ev["leaders"] = ev["leaders"].fillna(False).astype(bool)
    return figures.plotted(
        ev,
        {
            "event_id": "event_id",
            "kind": "kind",
            "date_start": "first_day",
            "date_end": "last_day",
            "label": "label",
            "leaders": "rakhmonov_nuri_summit",
            "title": "title",
        },
    )


@figures.register("timeline", alt=TIMELINE_ALT, data=timeline_data)
def plot_timeline(ds):
    """Timeline of the negotiation events, one row per kind, each meeting labelled with its venue;
    summits marked across the whole chart; the phases shaded behind."""
    ev = negotiation_events(ds)
    kinds = [k for k in NEGOTIATION_KINDS if (ev["kind"] == k).any()]
    styles = figures.category_styles(NEGOTIATION_KINDS)
    phases = phase_frame(ds)
    labels = venue_labels(ds)
    with figures.style():
        fig, ax = figures.new_figure(
            "Meetings and their venues, 1993-1997",
            xlabel="Date",
            ylabel="Kind of event",
            figsize=(figures.PRINT_WIDTH, 5.2),
        )
        ax.title.set_fontsize(10.5)
        rows = {k: i for i, k in enumerate(reversed(kinds))}
        shade_phases(ax, phases)
        summits = ev[ev["kind"] == "summit"]
        for j, d in enumerate(summits["date_start"]):  # summits: a line through every row
            ax.axvline(
                d,
                color=styles["summit"]["color"],
                lw=0.8,
                ls=(0, (3, 2)),
                alpha=0.7,
                zorder=1,
                label="Summit date (all rows)" if j == 0 else None,
            )
        for kind in kinds:
            sub = ev[ev["kind"] == kind]
            st = styles[kind]
            y = rows[kind]
            for r in sub.dropna(subset=["date_end"]).itertuples(index=False):
                ax.plot(
                    [r.date_start, r.date_end],
                    [y, y],
                    color=st["color"],
                    lw=4,
                    alpha=0.6,
                    solid_capstyle="butt",
                    zorder=2,
                )
            if kind == "summit":
                leaders = labels.set_index("event_id").reindex(sub["event_id"])["leaders"]
                leaders = leaders.fillna(False).astype(bool).to_numpy()
                for mask, name, face in (
                    (leaders, LEADERS_SUMMIT_LABEL, st["color"]),
                    (~leaders, OTHER_SUMMIT_LABEL, "white"),
                ):
                    ax.scatter(
                        sub.loc[mask, "date_start"],
                        [y] * int(mask.sum()),
                        label=name,
                        facecolor=face,
                        edgecolor="black" if face != "white" else st["color"],
                        marker=st["marker"],
                        s=70,
                        linewidth=0.6 if face != "white" else 1.4,
                        zorder=3,
                    )
                continue
            ax.scatter(
                sub["date_start"],
                [y] * len(sub),
                label=KIND_LABELS[kind],
                color=st["color"],
                marker=st["marker"],
                s=38,
                edgecolor="black",
                linewidth=0.5,
                zorder=3,
            )
        # venue labels, upright, above each meeting; pushed right where two would touch
        fig.draw_without_rendering()
        to_pt = 72.0 / fig.dpi
        for kind in kinds:
            sub = labels[(labels["kind"] == kind) & (labels["label"] != "")]
            previous = None
            for r in sub.itertuples(index=False):
                x = ax.transData.transform((mdates.date2num(r.date_start), 0))[0] * to_pt
                shift = 0.0 if previous is None else max(0.0, previous + LABEL_GAP_PT - x)
                previous = x + shift
                ax.annotate(
                    r.label,
                    (r.date_start, rows[kind]),
                    xytext=(shift, 6),
                    textcoords="offset points",
                    rotation=90,
                    ha="center",
                    va="bottom",
                    fontsize=7,
                    fontweight="bold" if kind == "summit" else "normal",
                    annotation_clip=False,
                    bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.7},
                )
        ax.set_yticks(list(rows.values()), [KIND_LABELS[k] for k in rows], fontsize=8.5)
        ax.set_ylim(-0.5, len(kinds) + 0.55)
        if len(phases):
            ax.set_xlim(
                phases["start_date"].min() - pd.Timedelta(days=20),
                phases["end_date"].max() + pd.Timedelta(days=20),
            )
        figures.date_axis(ax, "year")
        ax.tick_params(axis="x", labelsize=8.5)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.45, -0.13),
            ncol=3,
            fontsize=7.5,
            handletextpad=0.4,
            columnspacing=1.0,
        )
    return fig
