"""The five phase chapters: one phase of the talks at a time, from the dataset.

The chapters ``book/phase_diagnostic.ipynb``, ``book/phase_formula_1.ipynb``,
``book/phase_formula_2.ipynb``, ``book/phase_formula_3.ipynb`` and ``book/phase_detail.ipynb``
call only the functions below, each with the dataset (``ds``) and a phase id of ``phases.csv``:

- :func:`meetings_of_both_sides` and :func:`other_meetings`: the meetings of the phase (events of
  kind round, consultation, summit or expert meeting), split by ``both_sides``;
- :func:`positions_table` and :func:`proposals_table`: what each side tabled and what became of it;
- :func:`impasses_table`: the impasses that arose in the phase, and where and by whom they ended;
- :func:`agreements_table`: the documents of the phase with their topics;
- :func:`plot_phase_timeline`: one figure per phase (registered as ``phase-<id>-timeline``);
- :func:`summary`: the numbers the prose quotes, for ``myst_nb.glue``.

A phase id that is not in ``phases`` raises :class:`tajik_peace.records.UnknownIdError`, and so
does an actor, place or event id the tables name but the dataset lacks: nothing is skipped.
A record belongs to the phase as the codebook says: an event and an impasse by their ``phase_id``,
a position, a proposal and an agreement by the phase of their event.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from .. import figures
from ..data import is_blank, names_by_id, split_list, with_id
from ..dates import format_span, timestamp_window
from ..display import escape_markdown
from ..events import KIND_LABELS, MEETING_KINDS, both_sides, in_date_order, round_label
from ..phasing import phase_frame, short_phase_name, with_event_phase
from ..records import UnknownIdError, actor_names, frame, rows
from .phases import TOPIC_LABELS, agreements_with_phase

__all__ = [
    "BROKEN_AT_LABELS",
    "MEETING_KINDS",
    "PHASE_IDS",
    "TIMELINE_ALT",
    "agreements_table",
    "glue_values",
    "impasses_table",
    "meetings",
    "meetings_of_both_sides",
    "other_meetings",
    "phase_row",
    "plot_phase_timeline",
    "positions_table",
    "proposals_table",
    "show",
    "statistics",
    "summary",
    "timeline_name",
]

#: The phases that have a chapter, in order (their ids in ``phases.csv``).
PHASE_IDS: tuple[str, ...] = ("diagnostic", "formula_1", "formula_2", "formula_3", "detail")

#: Kinds of event that are meetings (the codebook's "Meetings of the two sides").

#: Where or how an impasse ended (``impasses.broken_at_kind``), as a reader says it.
BROKEN_AT_LABELS: dict[str, str] = {
    "leaders_meeting": "Leaders' meeting",
    "delegation_round": "Delegation round or consultation",
    "third_party_pressure": "Third-party pressure",
    "third_party_mediation": "Mediator's good offices",
    "other": "Other",
    "unbroken": "Not broken (sources do not say it ended)",
}
KIND_OF_POSITION = {
    "precondition": "Precondition",
    "demand": "Demand",
    "offer": "Offer",
    "position": "Position",
}
IMPASSE_TOPICS = {"talks": "Talks", "venue": "Venue", **TOPIC_LABELS}
NOT_SAID = "not said"

#: Alt text of each phase's timeline (``{name}`` is the phase's short name). The notebooks' cell
#: metadata repeats it for the HTML, and a test keeps the two the same.
TIMELINE_ALT = (
    "Timeline of the {name}, {span}. Four rows, from top to bottom: meetings of the government "
    "and opposition delegations or leaders; other meetings (without one of the two sides); "
    "agreements and other documents; and fighting (military events). Each record is a marker at "
    "its first possible day with a bar over the days its dates can stand for."
)

ROWS: tuple[tuple[str, str], ...] = (
    ("both", "Meetings of\nboth sides"),
    ("other", "Other\nmeetings"),
    ("agreement", "Agreements"),
    ("military", "Fighting"),
)


# ---- lookups -------------------------------------------------------------------------------


def phase_row(ds, phase_id: str) -> pd.Series:
    """The phase ``phase_id`` (a row of :func:`tajik_peace.phasing.phase_frame`); unknown ids raise."""
    ph = phase_frame(ds)
    hit = ph[ph["phase_id"] == phase_id]
    if hit.empty:
        raise UnknownIdError("phases", [phase_id])
    return hit.iloc[0]


def _lookup(ds, table: str, key: str):
    names = names_by_id(getattr(ds, table), key, "title" if table == "events" else "name")

    def name(value, named_by: str) -> str:
        if is_blank(value):
            return ""
        if value not in names:
            raise UnknownIdError(table, [f"{value} (named by {named_by})"])
        return str(names[value])

    return name


def _dates(start, start_precision, end=None, end_precision=None) -> str:
    if is_blank(start):
        return ""
    end_precision = None if is_blank(end_precision) else str(end_precision)
    return format_span(start, str(start_precision), None if is_blank(end) else end, end_precision)


def _text(value) -> str:
    return "" if is_blank(value) else str(value)


# ---- (1) meetings --------------------------------------------------------------------------


def meetings(ds, phase_id: str) -> pd.DataFrame:
    """Events of the phase that are meetings, in date order (``both_sides`` as True/False/NA)."""
    phase_row(ds, phase_id)
    ev = frame(ds, "events")
    ev = ev[(ev["phase_id"] == phase_id) & ev["kind"].astype(str).isin(MEETING_KINDS)].copy()
    ev["kind"] = ev["kind"].astype(str)
    return in_date_order(ev, "date_start", "event_id")


def _meeting_rows(ds, ev: pd.DataFrame, heads: bool) -> pd.DataFrame:
    place = _lookup(ds, "places", "place_id")
    actor = _lookup(ds, "actors", "actor_id")
    rows = []
    for r in ev.itertuples(index=False):
        row = {
            "Meeting": round_label(r.round_number, r.round_part) or KIND_LABELS[r.kind],
            "Venue": place(r.place_id, r.event_id),
            "Dates": _dates(r.date_start, r.date_start_precision, r.date_end, r.date_end_precision),
        }
        if heads:
            row["Government head"] = actor(r.government_head, r.event_id) or NOT_SAID
            row["Opposition head"] = actor(r.opposition_head, r.event_id) or NOT_SAID
        else:
            row["Who took part"] = actor_names(ds, r.actors, named_by=r.event_id)
        row["Outcome"] = _text(r.outcome)
        rows.append(row)
    columns = ["Meeting", "Venue", "Dates"]
    columns += ["Government head", "Opposition head"] if heads else ["Who took part"]
    return pd.DataFrame(rows, columns=columns + ["Outcome"])


def meetings_of_both_sides(ds, phase_id: str) -> pd.DataFrame:
    """The meetings of the phase where both Tajik sides took part (``both_sides`` true): venue,
    dates as precise as coded, heads of delegation (``not said`` where no source names one) and
    outcome."""
    ev = meetings(ds, phase_id)
    return _meeting_rows(ds, ev[both_sides(ev)], heads=True)


def other_meetings(ds, phase_id: str) -> pd.DataFrame:
    """The other meetings of the phase (``both_sides`` false or empty), with who took part."""
    ev = meetings(ds, phase_id)
    return _meeting_rows(ds, ev[~both_sides(ev)], heads=False)


# ---- (2) positions and proposals -----------------------------------------------------------


def _in_phase(ds, table: str, key: str, phase_id: str, date: str) -> pd.DataFrame:
    phase_row(ds, phase_id)
    t = with_event_phase(with_id(getattr(ds, table), key), ds, table)
    t = t[t["phase_id"] == phase_id]
    return in_date_order(t, date, key)


def positions_in_phase(ds, phase_id: str) -> pd.DataFrame:
    """Records of ``positions`` whose event falls in the phase, in date order."""
    return _in_phase(ds, "positions", "position_id", phase_id, "date")


def proposals_in_phase(ds, phase_id: str) -> pd.DataFrame:
    """Records of ``proposals`` whose event falls in the phase, in date order."""
    return _in_phase(ds, "proposals", "proposal_id", phase_id, "date")


def positions_table(ds, phase_id: str) -> pd.DataFrame:
    """What each side (or its leader) brought to the table in the phase and what became of it
    (``not said`` where no source says)."""
    pos = positions_in_phase(ds, phase_id)
    actor = _lookup(ds, "actors", "actor_id")
    event = _lookup(ds, "events", "event_id")
    rows = [
        {
            "Who": actor(r.holder, r.position_id),
            "Kind": KIND_OF_POSITION.get(str(r.kind), str(r.kind)),
            "When": _dates(r.date, r.date_precision),
            "Tabled at or tied to": event(r.event_id, r.position_id),
            "Position": _text(r.position),
            "What became of it": _text(r.outcome) or NOT_SAID,
        }
        for r in pos.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows,
        columns=["Who", "Kind", "When", "Tabled at or tied to", "Position", "What became of it"],
    )


def _share(value) -> str:
    return "" if is_blank(value) else f"{float(value):g} %"


def proposals_table(ds, phase_id: str) -> pd.DataFrame:
    """The bodies for sharing power proposed in the phase, with their shares and fate."""
    pr = proposals_in_phase(ds, phase_id)
    actor = _lookup(ds, "actors", "actor_id")
    rows = [
        {
            "Proposed by": actor(r.proposer, r.proposal_id),
            "When": _dates(r.date, r.date_precision),
            "Body": _text(r.body),
            "Government / opposition / others": " / ".join(
                _share(v) or "–" for v in (r.government_share, r.opposition_share, r.other_share)
            ),
            "What became of it": _text(r.outcome) or NOT_SAID,
        }
        for r in pr.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Proposed by",
            "When",
            "Body",
            "Government / opposition / others",
            "What became of it",
        ],
    )


# ---- (3) impasses --------------------------------------------------------------------------


def impasses_in_phase(ds, phase_id: str) -> pd.DataFrame:
    """Records of ``impasses`` that arose in the phase, in order of arising."""
    phase_row(ds, phase_id)
    im = with_id(ds.impasses, "impasse_id")
    return in_date_order(im[im["phase_id"] == phase_id], "arose_date", "impasse_id")


def impasses_table(ds, phase_id: str) -> pd.DataFrame:
    """The impasses that arose in the phase: what about, when they arose and ended, where or how
    they were broken (the event, where coded) and whom the sources credit."""
    im = impasses_in_phase(ds, phase_id)
    event = _lookup(ds, "events", "event_id")
    rows = []
    for r in im.itertuples(index=False):
        kind = str(r.broken_at_kind)
        where = BROKEN_AT_LABELS.get(kind, kind)
        at = event(r.broken_event_id, r.impasse_id)
        rows.append(
            {
                "About": IMPASSE_TOPICS.get(str(r.topic), str(r.topic)),
                "Arose": _dates(r.arose_date, r.arose_precision),
                "Broken": _dates(r.broken_date, r.broken_precision) or "–",
                "Where or how broken": f"{where}: {at}" if at else where,
                "Credited": actor_names(ds, r.broken_by, named_by=r.impasse_id) or "–",
                "What happened": _text(r.description),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["About", "Arose", "Broken", "Where or how broken", "Credited", "What happened"],
    )


# ---- (4) agreements ------------------------------------------------------------------------


def agreements_in_phase(ds, phase_id: str) -> pd.DataFrame:
    """The agreements whose event falls in the phase, with the flags of
    :func:`tajik_peace.chapters.phases.agreements_with_phase` (``both_sides``, ``leaders``)."""
    phase_row(ds, phase_id)
    ag = agreements_with_phase(ds)
    return ag[ag["phase_id"] == phase_id].reset_index(drop=True)


def agreements_table(ds, phase_id: str) -> pd.DataFrame:
    """What the phase produced: each document with its kind, date, signatories, topics and the
    coder's summary of its provisions."""
    ag = agreements_in_phase(ds, phase_id)
    rows = [
        {
            "Document": _text(r.title),
            "Kind": _text(r.kind).capitalize(),
            "Signed": _dates(r.date_signed, r.date_precision),
            "Signatories": actor_names(ds, r.signatories, named_by=r.agreement_id),
            "Both Tajik sides": "yes" if r.both_sides else "no",
            "Topics": ", ".join(
                TOPIC_LABELS.get(t, t) for t in split_list(r.topics) if isinstance(r.topics, str)
            )
            if isinstance(r.topics, str)
            else "",
            "Provisions (as coded)": _text(r.summary),
        }
        for r in ag.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Document",
            "Kind",
            "Signed",
            "Signatories",
            "Both Tajik sides",
            "Topics",
            "Provisions (as coded)",
        ],
    )


# ---- (5) numbers for the prose -------------------------------------------------------------


def ceasefires_in_phase(ds, phase_id: str) -> pd.DataFrame:
    """Ceasefires and extensions agreed at an event of the phase, in date order."""
    return _in_phase(ds, "ceasefires", "ceasefire_id", phase_id, "agreed_date")


def military_events(ds, phase_id: str) -> pd.DataFrame:
    """Events of kind ``military`` (fighting) in the phase, in date order."""
    phase_row(ds, phase_id)
    ev = frame(ds, "events")
    ev = ev[(ev["phase_id"] == phase_id) & (ev["kind"].astype(str) == "military")]
    return in_date_order(ev, "date_start", "event_id")


def _last_day(ph: pd.Series) -> pd.Timestamp:
    """Last day of a phase: the whole of its last month where the end is approximate or a month."""
    if str(ph["end_precision"]) in ("approximate", "month"):
        return pd.Timestamp(ph["end_date"]) + pd.offsets.MonthEnd(0)
    return pd.Timestamp(ph["end_date"])


def summary(ds, phase_id: str) -> dict[str, object]:
    """The numbers the chapter's prose quotes, keyed ``<phase_id>_<what>`` for glue."""
    ph = phase_row(ds, phase_id)
    ev = meetings(ds, phase_id)
    both = both_sides(ev).tolist()
    pos = positions_in_phase(ds, phase_id)
    pr = proposals_in_phase(ds, phase_id)
    im = impasses_in_phase(ds, phase_id)
    ag = agreements_in_phase(ds, phase_id)
    gov = {"tajik_government", "rahmonov"}
    opp = {"uto", "nuri"}
    broken = im[im["broken_at_kind"].astype(str) != "unbroken"]
    values = {
        "span": _dates(
            ph["start_date"], ph["start_precision"], ph["end_date"], ph["end_precision"]
        ),
        "n_meetings": len(ev),
        "n_meetings_both_sides": sum(both),
        "n_other_meetings": len(ev) - sum(both),
        "n_rounds": int((ev["kind"] == "round").sum()),
        "n_summits_both_sides": int(
            ((ev["kind"] == "summit") & pd.Series(both, index=ev.index)).sum()
        ),
        "n_positions": len(pos),
        "n_positions_government": int(pos["holder"].isin(gov).sum()),
        "n_positions_opposition": int(pos["holder"].isin(opp).sum()),
        "n_positions_dropped": int((pos["outcome"].astype(str) == "dropped").sum()),
        "n_proposals": len(pr),
        "n_proposals_accepted": int((pr["outcome"].astype(str) == "accepted").sum()),
        "n_impasses": len(im),
        "n_impasses_broken": len(broken),
        "n_impasses_broken_within": int((broken["broken_date"] <= _last_day(ph)).sum()),
        "n_impasses_leaders": int((im["broken_at_kind"].astype(str) == "leaders_meeting").sum()),
        "n_impasses_third_party": int(
            im["broken_at_kind"].astype(str).str.startswith("third_party").sum()
        ),
        "n_agreements": len(ag),
        "n_both_sides": int(ag["both_sides"].sum()),
        "n_leaders": int(ag["leaders"].sum()),
        "n_power_sharing_agreements": int(
            sum("power_sharing" in split_list(t) for t in ag["topics"] if isinstance(t, str))
        ),
        "n_ceasefire_steps": len(ceasefires_in_phase(ds, phase_id)),
        "n_military": len(military_events(ds, phase_id)),
    }
    return {f"{phase_id}_{k}": v for k, v in values.items()}


def statistics(ds, stat_ids) -> dict[str, object]:
    """Figures of ``statistics.csv`` the prose quotes, keyed ``stat_<id with underscores>`` for
    glue (whole numbers without a decimal point); an unknown id raises."""
    st = rows(ds, "statistics", list(stat_ids))
    out = {}
    for sid, value in zip(st.index, st["value"]):
        v = float(value)
        out["stat_" + str(sid).replace("-", "_")] = int(v) if v.is_integer() else v
    return out


#: Figures of ``statistics.csv`` each chapter's prose quotes (glued as ``stat_<id>``).
PHASE_STATISTICS: dict[str, tuple[str, ...]] = {
    "diagnostic": ("outpost-12-killed", "outpost-12-garrison"),
    "detail": (
        "cnr-seats-opposition-proposal",
        "cnr-share-government-opposition-proposal",
        "cnr-share-nrb-opposition-proposal",
        "cnr-seats-government-counteroffer",
        "cnr-share-government-counteroffer",
        "cnr-share-uto-counteroffer",
        "cnr-seats-agreed",
        "cnr-seats-final",
        "cnr-subcommissions",
        "executive-posts-uto-1997",
        "integration-group-min",
        "integration-group-max",
        "reintegration-stages",
        "uto-armed-units-dushanbe",
        "uto-guards-dushanbe",
    ),
}


def glue_values(ds, phase_id: str) -> dict[str, object]:
    """Everything the chapter of ``phase_id`` glues: :func:`summary` and its
    :data:`PHASE_STATISTICS`."""
    return {**summary(ds, phase_id), **statistics(ds, PHASE_STATISTICS.get(phase_id, ()))}


class _Note:
    """A short Markdown note shown instead of an empty table (escaped text)."""

    def __init__(self, text: str):
        self.text = text

    def _repr_markdown_(self) -> str:
        return f"*{escape_markdown(self.text)}*\n"

    def __repr__(self) -> str:
        return self.text


def show(frame: pd.DataFrame, empty: str = "None coded in this phase."):
    """A book table (:func:`tajik_peace.figures.table`) of ``frame``, or the note ``empty`` when
    the frame has no rows."""
    return figures.table(frame) if len(frame) else _Note(empty)


# ---- (6) the figure ------------------------------------------------------------------------


def timeline_name(phase_id: str) -> str:
    """Name of the phase's registered figure: ``phase-<id>-timeline``."""
    return f"phase-{phase_id}-timeline"


def _timeline_records(ds, phase_id: str) -> list[tuple[str, pd.Timestamp, pd.Timestamp, str, str]]:
    """(row, first day, last day, label, record id) for everything the timeline shows, in a fixed
    order."""
    out = []
    ev = meetings(ds, phase_id)
    for r, both in zip(ev.itertuples(index=False), both_sides(ev)):
        lo, hi = timestamp_window(
            r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
        )
        label = round_label(r.round_number, r.round_part).replace("Round ", "R")
        out.append(("both" if both else "other", lo, hi, label, r.event_id))
    for r in agreements_in_phase(ds, phase_id).itertuples(index=False):
        lo, hi = timestamp_window(r.date_signed, r.date_precision)
        out.append(("agreement", lo, hi, "", r.agreement_id))
    for r in military_events(ds, phase_id).itertuples(index=False):
        lo, hi = timestamp_window(
            r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
        )
        out.append(("military", lo, hi, "", r.event_id))
    return [o for o in out if o[1] is not None]


def timeline_data(ds, phase_id: str) -> pd.DataFrame:
    """The numbers behind a phase's timeline: one row per bar, with its row, first and last day,
    the round label written beside it and the record it stands for."""
    rows = dict(ROWS)
    records_ = _timeline_records(ds, phase_id)
    return pd.DataFrame(
        {
            "row": [rows.get(r[0], r[0]).replace("\n", " ") for r in records_],
            "first_day": [r[1] for r in records_],
            "last_day": [r[2] for r in records_],
            "label": [r[3] for r in records_],
            "record_id": [r[4] for r in records_],
        },
        columns=["row", "first_day", "last_day", "label", "record_id"],
    )


LANE_STEP = 0.22
#: Distance between the rows, room for :data:`MAX_LANES` lanes and a gap.
ROW_STEP = 1.4
MAX_LANES = 4


LANE_GAP = pd.Timedelta(days=12)


def _lanes(records, gap: pd.Timedelta = LANE_GAP) -> list[int]:
    """A lane for each record of a row (in order), so that bars that overlap in time are drawn one
    above the other (and bars that would touch do not merge): the first lane whose last bar
    ended ``gap`` before, cycling when all are taken."""
    ends: list[pd.Timestamp] = []
    out = []
    for i, (_, lo, hi, *_) in enumerate(records):
        free = [n for n, end in enumerate(ends) if end + gap < lo]
        if free:
            lane = free[0]
            ends[lane] = hi
        elif len(ends) < MAX_LANES:
            lane = len(ends)
            ends.append(hi)
        else:
            lane = i % MAX_LANES
            ends[lane] = max(ends[lane], hi)
        out.append(lane)
    return out


def plot_phase_timeline(ds, phase_id: str):
    """The phase at a glance: its meetings (of both sides, and others), its documents and its
    fighting on one time axis bounded by the phase."""
    ph = phase_row(ds, phase_id)
    name = short_phase_name(str(ph["name"]))
    first, _ = timestamp_window(ph["start_date"], ph["start_precision"])
    _, last = timestamp_window(ph["end_date"], ph["end_precision"])
    if str(ph["end_precision"]) == "approximate":  # the month it names, not four months
        last = pd.Timestamp(ph["end_date"]) + pd.offsets.MonthEnd(0)
    records = _timeline_records(ds, phase_id)
    styles = figures.category_styles([k for k, _ in ROWS])
    y = {k: ROW_STEP * (len(ROWS) - 1 - i) for i, (k, _) in enumerate(ROWS)}
    with figures.style():
        fig, ax = figures.new_figure(
            f"{name}: meetings, documents, fighting",
            xlabel="Date",
            ylabel="Kind of record",
            figsize=(6.3, 3.6),
        )
        for key, _ in ROWS:
            st = styles[key]
            sub = [r for r in records if r[0] == key]
            if not sub:
                ax.text(
                    first,
                    y[key],
                    "  none coded in this phase",
                    va="center",
                    fontsize=8,
                    color="#444444",
                )
            for (_, lo, hi, text, _), lane in zip(sub, _lanes(sub)):
                level = y[key] + LANE_STEP * lane
                ax.plot(
                    [lo, hi + pd.Timedelta(days=1)],
                    [level, level],
                    color=st["color"],
                    lw=4,
                    alpha=0.45,
                    solid_capstyle="butt",
                    zorder=2,
                )
                ax.scatter(
                    [lo],
                    [level],
                    color=st["color"],
                    marker=st["marker"],
                    s=26,
                    edgecolor="black",
                    linewidth=0.5,
                    zorder=3,
                )
                if text:
                    ax.annotate(
                        text,
                        (lo, level),
                        xytext=(0, 5),
                        textcoords="offset points",
                        ha="center",
                        fontsize=7,
                    )
        ax.set_yticks([y[k] for k, _ in ROWS], [label for _, label in ROWS], fontsize=8)
        ax.set_ylim(-0.45, ROW_STEP * (len(ROWS) - 1) + LANE_STEP * (MAX_LANES - 1) + 0.45)
        pad = pd.Timedelta(days=max(5, (last - first).days // 40))
        # records whose dates begin before the phase (a month-precise date) stay in view
        lo = min([first, *(r[1] for r in records)])
        ax.set_xlim(lo - pad, last + pad)
        ax.axvline(first, color="#777777", lw=0.8, ls="--", zorder=1)
        ax.axvline(last + pd.Timedelta(days=1), color="#777777", lw=0.8, ls="--", zorder=1)
        months = (last - first).days / 30.44
        step = 1 if months <= 8 else 2 if months <= 14 else 3
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=step))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", color="#BBBBBB", lw=0.4, ls=":")
        ax.set_xlabel("Date (dashed lines: first and last day of the phase)", fontsize=8)
    return fig


#: Each phase's short name and span in words, for its figure's alt text (a real-data test checks
#: them against ``phases.csv``).
PHASE_WORDS: dict[str, tuple[str, str]] = {
    "diagnostic": ("diagnostic phase", "c. July 1993 to 4 April 1994"),
    "formula_1": ("first formula phase", "5 April 1994 to 21 May 1995"),
    "formula_2": ("second formula phase", "22 May 1995 to c. December 1995"),
    "formula_3": ("third formula phase", "c. January 1996 to 5 January 1997"),
    "detail": ("detail phase", "6 January 1997 to 27 June 1997"),
}
#: Alt text of each phase's figure, by phase id.
PHASE_ALTS: dict[str, str] = {
    pid: TIMELINE_ALT.format(name=name, span=span) for pid, (name, span) in PHASE_WORDS.items()
}


def _register(phase_id: str):
    def draw(ds):
        return plot_phase_timeline(ds, phase_id)

    def data(ds):
        return timeline_data(ds, phase_id)

    draw.__qualname__ = draw.__name__ = f"plot_phase_timeline_{phase_id}"
    return figures.register(timeline_name(phase_id), alt=PHASE_ALTS[phase_id], data=data)(draw)


plot_diagnostic = _register("diagnostic")
plot_formula_1 = _register("formula_1")
plot_formula_2 = _register("formula_2")
plot_formula_3 = _register("formula_3")
plot_detail = _register("detail")
