"""Ceasefires and their extensions: the chain, how long each was to last, coverage and gaps.

Everything the chapter ``book/ceasefires.ipynb`` shows is computed here from the dataset returned
by :func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions.

Three kinds of date are kept apart throughout, because the sources give some and not others:

- *stated*: a date coded in the dataset (``effective_from``, ``valid_until``);
- *derived*: an expiry computed here from a duration the source states ("another three months"),
  added to the date of the agreement. It is never a source fact, and every table and figure labels
  it as derived. Because a date coded only to the month stands for any day of that month, and an
  extension may run from its own agreement or from the expiry of the term it prolongs, a derived
  expiry is a range of days, not a day;
- *unknown*: neither a date nor a duration is given, and nothing is computed.

The :data:`BASES` of an expiry are ``stated``, ``derived``, ``condition`` (a term stated without a
date, such as "for the entire duration of inter-Tajik negotiations") and ``unknown``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import figures, records
from ..affiliation import link_graph
from ..data import is_blank as _missing
from ..data import names_by_id
from ..dates import format_days as short_date
from ..dates import format_span
from ..dates import format_window as coded_date
from ..dates import timestamp_window as date_window  # first and last day a coded date can stand for
from ..discrepancies import claims_by_source
from ..events import negotiation_events
from ..phasing import phase_frame, phase_starting, shade_phases, short_phase_name
from ..records import row as record
from ..text import fold_typography, split_list

#: How the expiry of a ceasefire is known, in a fixed order (it fixes the figure's styles).
BASES: tuple[str, ...] = ("stated", "derived", "condition", "unknown")
BASIS_LABELS = {
    "stated": "Expiry date coded from the sources",
    "derived": "Expiry derived here from a stated duration",
    "condition": "Term stated without a date (open-ended)",
    "unknown": "Extension with no date or term in the sources",
}
#: Status of one day of the negotiation period, best first (a day takes the best that applies).
STATUSES: tuple[str, ...] = ("stated", "derived", "condition", "uncertain", "none")
STATUS_LABELS = {
    "stated": "In force (coded dates)",
    "derived": "In force (derived expiry)",
    "condition": "In force (open-ended term)",
    "uncertain": "Possibly in force",
    "none": "No ceasefire known",
}
#: Event kinds drawn as fighting on the coverage figure.
MILITARY_KINDS: tuple[str, ...] = ("military",)

#: Alt text of the coverage figure; the notebook's cell metadata repeats it and a test keeps the two
#: the same.
COVERAGE_ALT = (
    "Gantt chart of ceasefire coverage in Tajikistan from 1994 to mid-1997. Each of the eight "
    "ceasefire records, from the Tehran agreement of September 1994 to the December 1996 extension "
    "for the rest of the talks, has its own row: a solid bar where its dates are coded from the "
    "sources, a hatched bar where its expiry is derived from a stated duration, a lighter band where "
    "a start or expiry could fall on a range of days, an arrow for the open-ended December 1996 "
    "term, and a question mark for the undated 1996 extensions. A diamond marks when each was agreed. "
    "Below them, a row of computed gaps shows in black the stretches with no ceasefire known to be "
    "in force (before 20 October 1994, and March to mid-April 1995) and, cross-hatched in sky blue, "
    "those in which one only possibly was (chiefly February to July 1996). A bottom row marks numbered "
    "military events, and grey bands name the phases of the process."
)


# ---- durations ------------------------------------------------------------------------------

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_DURATION = re.compile(
    r"^(?:for\s+)?(?:(?:another|a\s+further|an\s+additional|further)\s+)?"
    r"(?P<count>\d+|[a-z]+)[\s-]+(?P<unit>days?|weeks?|months?|years?)\.?$"
)


@dataclass(frozen=True)
class Duration:
    """A calendar duration parsed from a source's wording: ``count`` units of ``unit``."""

    count: int
    unit: str  # "day", "week", "month" or "year"

    def offset(self) -> pd.DateOffset:
        return pd.DateOffset(**{f"{self.unit}s": self.count})

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"


def parse_duration(text) -> Duration | None:
    """The calendar duration a source's wording states, or ``None`` if it states none.

    Only a plain amount of days, weeks, months or years is read ("one month", "another three
    months", "for a further 6 weeks"); anything else — a date ("until the end of 1996"), a
    condition ("for the entire duration of inter-Tajik negotiations"), an empty value — gives
    ``None``, so that nothing is guessed.

    >>> parse_duration("another six months")
    Duration(count=6, unit='month')
    """
    if _missing(text):
        return None
    words = " ".join(fold_typography(str(text).lower()).split())
    match = _DURATION.match(words)
    if not match:
        return None
    count = match["count"]
    number = int(count) if count.isdigit() else _NUMBERS.get(count)
    if not number:
        return None
    return Duration(number, _UNITS[match["unit"]])


# ---- the chain of extensions ----------------------------------------------------------------


class ChainError(ValueError):
    """The ``extends`` links do not form simple chains (a cycle, a dangling link or a fork)."""


def walk_chain(links) -> list[list[str]]:
    """Follow ``extends`` links from each original ceasefire to its last extension.

    ``links`` maps each ceasefire id to the id it extends (``None``/NaN/'' for an original). Returns
    one list per chain, each from its original to its last extension, chains ordered by the id of
    their original. Raises :class:`ChainError`, naming the ids, if a link points to an id that is
    not there (a gap in the chain), if two records extend the same one (a fork), or if links go
    round in a cycle; an empty mapping gives ``[]``.
    """
    links = {str(k): (None if _missing(v) else str(v)) for k, v in dict(links).items()}
    graph = link_graph(links).reverse()  # an edge from each record to the one extending it
    dangling = sorted(k for k, v in links.items() if v is not None and v not in links)
    if dangling:
        raise ChainError(
            "gap in the chain: "
            + "; ".join(f"{k} extends {links[k]}, which is not there" for k in dangling)
        )
    forks = {p: sorted(graph.successors(p)) for p in sorted(graph) if graph.out_degree(p) > 1}
    if forks:
        raise ChainError(
            "fork in the chain: "
            + "; ".join(f"{', '.join(c)} all extend {p}" for p, c in forks.items())
        )
    roots = sorted(k for k, v in links.items() if v is None)
    # without forks, the walk from an original is its chain, extension after extension
    chains = [list(nx.dfs_preorder_nodes(graph, root)) for root in roots]
    cyclic = sorted(set(links) - {c for chain in chains for c in chain})
    if cyclic:
        raise ChainError(
            f"cycle in the chain: {', '.join(cyclic)} extend one another round in a loop"
        )
    return chains


def chain_order(ds) -> pd.DataFrame:
    """The ceasefires table in chain order (original first), with ``position`` (1, 2, ...)."""
    cf = records.frame(ds, "ceasefires")
    chains = walk_chain(dict(zip(cf["ceasefire_id"], cf["extends"])))
    order = [cid for chain in chains for cid in chain]
    out = cf.set_index("ceasefire_id").loc[order].reset_index()
    out.insert(0, "position", range(1, len(out) + 1))
    return out


def _event_lookup(ds) -> pd.DataFrame:
    return records.frame(ds, "events").set_index("event_id")


def _names(ds, table: str, key: str) -> dict[str, str]:
    return names_by_id(getattr(ds, table), key)


def _place(ds, event_id) -> str:
    """Name of the place of an event ('' for no event or no place; an unknown event raises)."""
    if _missing(event_id):
        return ""
    place = record(ds, "events", event_id)["place_id"]
    return "" if _missing(place) else _names(ds, "places", "place_id").get(place, place)


def _event_title(ds, event_id) -> str:
    """An event's title, for a meeting the sources give no venue for (never its id)."""
    return str(record(ds, "events", event_id)["title"])


def _term_as_stated(row) -> str:
    """What the sources say about how long it was to last: the duration's wording or the coded date."""
    if not _missing(row.duration):
        return str(row.duration)
    if not _missing(row.valid_until):
        return "until " + format_span(row.valid_until, str(row.valid_until_precision))
    return "not stated"


def label(extends, place: str = "", when: str = "") -> str:
    """Short name of a ceasefire record from what it extends and where it was agreed:
    'Ceasefire (Tehran)' for an original, 'Extension (Kabul)'; with no place, 'Extension, <when>'."""
    kind = "Ceasefire" if _missing(extends) else "Extension"
    if place:
        return f"{kind} ({place})"
    return f"{kind}, {when}" if when else kind


def _record_label(ds, row) -> str:
    """:func:`label` of a row of :func:`chain_order` (its place, else its month of agreement)."""
    when = short_date(*date_window(row.agreed_date, row.agreed_precision))
    return label(row.extends, _place(ds, row.event_id), when)


def chain_table(ds) -> pd.DataFrame:
    """One row per ceasefire or extension, in the order of the chain of ``extends`` links: when and
    at which meeting it was agreed, which record it extends, and its term as the source gives it."""
    cf = chain_order(ds)
    events = _event_lookup(ds)
    position = dict(zip(cf["ceasefire_id"], cf["position"]))
    rows = [
        {
            "No.": r.position,
            "Agreed": agreed_text(r, events),
            "At": "" if _missing(r.event_id) else _event_title(ds, r.event_id),
            "Extends no.": "" if _missing(r.extends) else int(position[r.extends]),
            "Term as the source gives it": _term_as_stated(r),
        }
        for r in cf.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows, columns=["No.", "Agreed", "At", "Extends no.", "Term as the source gives it"]
    )


# ---- validity -------------------------------------------------------------------------------


def agreed_text(row, events: pd.DataFrame | None = None) -> str:
    """:func:`agreed_window` compactly; 'c. ' marks an approximate date that the meeting's own dates
    did not narrow (the window is then the codebook's convention, not a source's dates)."""
    window = agreed_window(row, events)
    text = short_date(*window)
    own = date_window(row.agreed_date, row.agreed_precision)
    if text and str(row.agreed_precision) == "approximate" and window == own:
        return f"c. {text}"
    return text


def agreed_window(
    row, events: pd.DataFrame | None = None
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """Earliest and latest day on which a ceasefire record can have been agreed.

    The record's own date and precision give a window; the meeting it was agreed at narrows it:
    an agreement cannot come before the meeting opened, nor after it closed where the dataset gives
    the meeting an end date. If the two disagree, the record's own window is kept.
    """
    lo, hi = date_window(row.agreed_date, row.agreed_precision)
    if lo is None or events is None or _missing(row.event_id) or row.event_id not in events.index:
        return lo, hi
    ev = events.loc[row.event_id]
    ev_lo, ev_hi = date_window(
        ev["date_start"], ev["date_start_precision"], ev["date_end"], ev["date_end_precision"]
    )
    new_lo = max(lo, ev_lo) if ev_lo is not None else lo
    new_hi = min(hi, ev_hi) if ev_hi is not None and not _missing(ev["date_end"]) else hi
    return (new_lo, new_hi) if new_lo <= new_hi else (lo, hi)


def validity_periods(ds) -> pd.DataFrame:
    """When each ceasefire record took effect and when it was to expire, as ranges of days.

    Columns: ``ceasefire_id``, ``position``, ``extends``, ``agreed_from``/``agreed_to`` (see
    :func:`agreed_window`), ``start_from``/``start_to`` (the coded ``effective_from``, else the
    agreement), ``end_from``/``end_to`` and ``basis`` (one of :data:`BASES`), ``duration``
    (a :class:`Duration` or None) and ``term`` (the wording of the source or the coded date).

    - ``stated``: ``valid_until`` is coded; its precision gives the range.
    - ``derived``: only a duration is given. The duration is added to the earliest day the term
      can have started (the agreement) and to the latest (the agreement, or the expiry of the
      term it extends if that is later, since an extension may run on from it).
    - ``condition``: a term is worded but is not a calendar duration; no expiry is computed.
    - ``unknown``: no term at all; no expiry is computed.
    """
    cf = chain_order(ds)
    events = _event_lookup(ds)
    ends: dict[str, tuple] = {}
    rows = []
    for r in cf.itertuples(index=False):
        a_lo, a_hi = agreed_window(r, events)
        if not _missing(r.effective_from):
            s_lo = s_hi = pd.Timestamp(r.effective_from).normalize()
        else:
            s_lo, s_hi = a_lo, a_hi
        duration = parse_duration(r.duration)
        e_lo = e_hi = None
        if not _missing(r.valid_until):
            basis = "stated"
            e_lo, e_hi = date_window(r.valid_until, r.valid_until_precision)
        elif duration is not None:
            basis = "derived"
            base_hi = s_hi
            previous = ends.get(r.extends) if not _missing(r.extends) else None
            if previous and previous[1] is not None and previous[1] > base_hi:
                base_hi = previous[1]
            e_lo, e_hi = s_lo + duration.offset(), base_hi + duration.offset()
        elif not _missing(r.duration):
            basis = "condition"
        else:
            basis = "unknown"
        ends[r.ceasefire_id] = (e_lo, e_hi)
        rows.append(
            {
                "ceasefire_id": r.ceasefire_id,
                "position": r.position,
                "extends": None if _missing(r.extends) else r.extends,
                "agreed_from": a_lo,
                "agreed_to": a_hi,
                "start_from": s_lo,
                "start_to": s_hi,
                "end_from": e_lo,
                "end_to": e_hi,
                "basis": basis,
                "duration": duration,
                "term": _term_as_stated(r),
            }
        )
    columns = [
        "ceasefire_id",
        "position",
        "extends",
        "agreed_from",
        "agreed_to",
        "start_from",
        "start_to",
        "end_from",
        "end_to",
        "basis",
        "duration",
        "term",
    ]
    out = pd.DataFrame(rows, columns=columns)
    for c in ("agreed_from", "agreed_to", "start_from", "start_to", "end_from", "end_to"):
        out[c] = pd.to_datetime(out[c])
    return out


def validity_table(ds) -> pd.DataFrame:
    """The validity periods for reading: derived expiries marked 'derived', unknowns left unknown."""
    periods = validity_periods(ds)
    cf = chain_order(ds).set_index("ceasefire_id")
    record_labels = {
        r.ceasefire_id: _record_label(ds, r) for r in chain_order(ds).itertuples(index=False)
    }
    rows = []
    for p in periods.itertuples(index=False):
        if p.basis == "stated":
            expiry = short_date(p.end_from, p.end_to)
        elif p.basis == "derived":
            expiry = f"derived: {short_date(p.end_from, p.end_to)}"
        elif p.basis == "condition":
            expiry = "open-ended (no date)"
        else:
            expiry = "unknown"
        in_force = short_date(p.start_from, p.start_to)
        if _missing(cf.loc[p.ceasefire_id, "effective_from"]):
            row = next(cf.loc[[p.ceasefire_id]].reset_index().itertuples(index=False))
            in_force = f"agreed {agreed_text(row, _event_lookup(ds))}"
        rows.append(
            {
                "No.": p.position,
                "Record": record_labels[p.ceasefire_id],
                "From": in_force,
                "Term in the source": p.term,
                "Duration read": "" if p.duration is None else str(p.duration),
                "Expiry": expiry,
            }
        )
    return pd.DataFrame(
        rows, columns=["No.", "Record", "From", "Term in the source", "Duration read", "Expiry"]
    )


# ---- coverage and gaps ----------------------------------------------------------------------


def observation_window(ds) -> tuple[pd.Timestamp, pd.Timestamp]:
    """From the opening of the first numbered round to the end of the last phase (the General Agreement)."""
    ev = negotiation_events(ds)
    rounds = ev[ev["kind"] == "round"]
    phases = phase_frame(ds)
    start = rounds["date_start"].min() if len(rounds) else phases["start_date"].min()
    return pd.Timestamp(start).normalize(), pd.Timestamp(phases["end_date"].max()).normalize()


def coverage_runs(periods: pd.DataFrame, start, end) -> pd.DataFrame:
    """Split ``start``..``end`` (inclusive) into runs of days with the same :data:`STATUSES` value.

    A day is in force under a record if it lies between the latest day its term can have begun and
    the earliest day it can have expired (for a ``condition`` record: to ``end``); it is
    ``uncertain`` if it lies only within the wider span of possible start and expiry days (for an
    ``unknown`` record: within the window in which it was agreed); otherwise ``none``. Where
    records overlap, the best status in :data:`STATUSES` order wins. Columns: ``start``, ``end``
    (both inclusive), ``days``, ``status``.
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    columns = ["start", "end", "days", "status"]
    if end < start:
        return pd.DataFrame(columns=columns)
    days = pd.date_range(start, end, freq="D")
    rank = np.full(len(days), STATUSES.index("none"))

    def mark(lo, hi, status):
        if _missing(lo) or _missing(hi) or hi < lo:
            return
        sel = (days >= pd.Timestamp(lo)) & (days <= pd.Timestamp(hi))
        np.minimum.at(rank, np.flatnonzero(sel), STATUSES.index(status))

    for p in periods.itertuples(index=False):
        if p.basis in ("stated", "derived"):
            mark(p.start_to, p.end_from, p.basis)
            mark(p.start_from, p.end_to, "uncertain")
        elif p.basis == "condition":
            mark(p.start_to, end, "condition")
            mark(p.start_from, end, "uncertain")
        else:
            mark(p.start_from, p.start_to, "uncertain")
    rows, i = [], 0
    while i < len(days):
        j = i
        while j + 1 < len(days) and rank[j + 1] == rank[i]:
            j += 1
        rows.append(
            {"start": days[i], "end": days[j], "days": j - i + 1, "status": STATUSES[rank[i]]}
        )
        i = j + 1
    return pd.DataFrame(rows, columns=columns)


def coverage(ds) -> pd.DataFrame:
    """:func:`coverage_runs` of the dataset's ceasefires over the :func:`observation_window`."""
    return coverage_runs(validity_periods(ds), *observation_window(ds))


def gaps(runs: pd.DataFrame, include_uncertain: bool = False) -> pd.DataFrame:
    """The runs in which no ceasefire is known to be in force (with ``include_uncertain``: merged
    with the runs in which one only possibly was), longest first, ties by date."""
    keep = {"none", "uncertain"} if include_uncertain else {"none"}
    columns = ["start", "end", "days"]
    if runs.empty:
        return pd.DataFrame(columns=columns)
    runs = runs.sort_values("start").reset_index(drop=True)
    mask = runs["status"].isin(keep)
    block = (mask != mask.shift()).cumsum()
    merged = (
        runs[mask]
        .groupby(block[mask])
        .agg(start=("start", "min"), end=("end", "max"), days=("days", "sum"))
        .reset_index(drop=True)
    )
    return merged.sort_values(
        ["days", "start"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)[columns]


def coverage_table(ds) -> pd.DataFrame:
    """The coverage runs for reading: dates, length, status, and the phase each run starts in."""
    runs = coverage(ds)
    phases = phase_frame(ds)
    rows = []
    for r in runs.itertuples(index=False):
        rows.append(
            {
                "From": short_date(r.start),
                "To": short_date(r.end),
                "Days": int(r.days),
                "Status": STATUS_LABELS[r.status],
                "Phase at start": phase_starting(phases, r.start),
            }
        )
    return pd.DataFrame(rows, columns=["From", "To", "Days", "Status", "Phase at start"])


# ---- fighting, agreements, mediators, observers ---------------------------------------------


def military_events(ds) -> pd.DataFrame:
    """Military events that begin within the :func:`observation_window`, in date order, numbered,
    with the first and last day their dates can stand for (``window_from``, ``window_to``)."""
    ev = records.frame(ds, "events")
    start, end = observation_window(ds)
    ev = ev[
        ev["kind"].astype(str).isin(MILITARY_KINDS)
        & (ev["date_start"] >= start)
        & (ev["date_start"] <= end)
    ]
    ev = ev.sort_values(["date_start", "event_id"], kind="mergesort").reset_index(drop=True)
    ev.insert(0, "number", range(1, len(ev) + 1))
    windows = [
        date_window(r.date_start, r.date_start_precision, r.date_end, r.date_end_precision)
        for r in ev.itertuples(index=False)
    ]
    ev["window_from"] = [lo for lo, _ in windows]
    ev["window_to"] = [hi for _, hi in windows]
    return ev


#: Short labels of the statuses for table cells, the three kinds of "in force" merged.
_STATUS_SHORT = {
    "stated": "in force",
    "derived": "in force",
    "condition": "in force",
    "uncertain": "possibly",
    "none": "none known",
}


def statuses_during(runs: pd.DataFrame, start, end) -> list[str]:
    """The :data:`STATUSES` of the coverage runs that overlap ``start``..``end`` (inclusive), in
    :data:`STATUSES` order; [] if the span lies outside the runs."""
    if runs.empty or _missing(start):
        return []
    end = start if _missing(end) else end
    hit = runs[(runs["start"] <= pd.Timestamp(end)) & (runs["end"] >= pd.Timestamp(start))]
    return [s for s in STATUSES if s in set(hit["status"])]


def military_table(ds) -> pd.DataFrame:
    """The military events of :func:`military_events` for reading, with the phase they fall in and
    the ceasefire status (see :func:`coverage`) of the days their dates can stand for."""
    ev = military_events(ds)
    runs = coverage(ds)
    phases = _names(ds, "phases", "phase_id")
    rows = []
    for r in ev.itertuples(index=False):
        lo, hi = r.window_from, r.window_to
        status = list(dict.fromkeys(_STATUS_SHORT[s] for s in statuses_during(runs, lo, hi)))
        rows.append(
            {
                "No.": r.number,
                "Dates": coded_date(
                    r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
                ),
                "Event": r.title,
                "Phase": ""
                if _missing(r.phase_id)
                else short_phase_name(phases.get(r.phase_id, r.phase_id)),
                "Ceasefire then": ", ".join(status),
            }
        )
    return pd.DataFrame(rows, columns=["No.", "Dates", "Event", "Phase", "Ceasefire then"])


def ceasefire_agreements(ds) -> pd.DataFrame:
    """Agreements whose topics include 'ceasefire', in date order (ties by id)."""
    ag = records.frame(ds, "agreements")
    ag = ag[ag["topics"].map(lambda t: "ceasefire" in _split(t))]
    return ag.sort_values(["date_signed", "agreement_id"], kind="mergesort").reset_index(drop=True)


def _split(value) -> list[str]:
    """Items of a ';'-separated list field ('' or NaN gives [])."""
    return [] if _missing(value) else list(split_list(value))


def agreements_table(ds) -> pd.DataFrame:
    """The ceasefire agreements for reading: title, date, parties and the other topics they settled."""
    ag = ceasefire_agreements(ds)
    rows = [
        {
            "Agreement": r.title,
            "Date": coded_date(r.date_signed, r.date_precision),
            "Parties": ", ".join(_actor_name(ds, a) for a in _split(r.signatories)),
            "Other topics": ", ".join(
                t.replace("_", " ") for t in _split(r.topics) if t != "ceasefire"
            ),
        }
        for r in ag.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Agreement", "Date", "Parties", "Other topics"])


#: Relations shown as third-party action on the parties, in this order (the codebook's).
ACTION_RELATIONS: tuple[str, ...] = ("pressure", "persuasion", "mediation", "facilitation")
_SHORT_ACTOR = {"tajik_government": "government", "uto": "UTO"}


def ceasefire_relations(ds) -> pd.DataFrame:
    """Relations attested at the meetings where ceasefires were agreed, in chain order, with the
    ``ceasefire_id`` and ``position`` of the ceasefire agreed there."""
    cf = chain_order(ds)[["position", "ceasefire_id", "event_id"]]
    rel = records.frame(ds, "relations")
    rel = rel.assign(relation=rel["relation"].astype(str)).merge(cf, on="event_id", how="inner")
    return rel.sort_values(
        ["position", "relation", "from_actor", "to_actor"], kind="mergesort"
    ).reset_index(drop=True)


def _actor_name(ds, actor_id) -> str:
    """Short name of an actor for tables: 'government', 'UTO', a person's surname, else the name."""
    if actor_id in _SHORT_ACTOR:
        return _SHORT_ACTOR[actor_id]
    actors = records.frame(ds, "actors").set_index("actor_id")
    if actor_id not in actors.index:
        return str(actor_id)
    name = str(actors.loc[actor_id, "name"])
    return name.split()[-1] if str(actors.loc[actor_id, "kind"]) == "person" else name


def relations_table(ds) -> pd.DataFrame:
    """Who pressed, persuaded, mediated, facilitated or hosted the sides at each meeting that agreed
    a ceasefire: one row per meeting, kind of relation and actor, with the actors acted on.

    Rows follow the chain, then :data:`ACTION_RELATIONS` order with hosting last, then the actor's
    id; meetings with no attested relation do not appear.
    """
    rel = ceasefire_relations(ds)
    rel = rel[rel["relation"].isin(ACTION_RELATIONS + ("hosting",))]
    order = {k: i for i, k in enumerate(ACTION_RELATIONS + ("hosting",))}
    cf = chain_order(ds).set_index("ceasefire_id")
    rows = []
    for (pos, cid, kind, actor), grp in rel.groupby(
        ["position", "ceasefire_id", "relation", "from_actor"], sort=True
    ):
        rows.append(
            {
                "No.": pos,
                "Meeting": _place(ds, cf.loc[cid, "event_id"])
                or _event_title(ds, cf.loc[cid, "event_id"]),
                "Relation": kind,
                "Actor": _actor_name(ds, actor),
                "On": ", ".join(dict.fromkeys(_actor_name(ds, t) for t in grp["to_actor"])),
                "_order": order[kind],
            }
        )
    out = pd.DataFrame(rows, columns=["No.", "Meeting", "Relation", "Actor", "On", "_order"])
    out = (
        out.sort_values(["No.", "_order"], kind="mergesort")
        .drop(columns="_order")
        .reset_index(drop=True)
    )
    return out


#: Discrepancies between the sources that bear on the ceasefires and the observers.
DISCREPANCIES: tuple[str, ...] = ("un-observers-date", "third-round-date-venue")


def discrepancies_table(ds, ids=DISCREPANCIES) -> pd.DataFrame:
    """The named rows of ``discrepancies``, in the order given: one column per source with what it
    says, and how the dataset reconciles them (the id is left to the text, to keep the table
    narrow). An id not in the table raises."""
    return claims_by_source(ds, ids, point=None, assessment="Reconciliation", citations=True)


# ---- headline numbers -----------------------------------------------------------------------


def summary(ds) -> dict[str, object]:
    """Headline numbers of the chapter (for its text through ``glue``)."""
    cf = chain_order(ds)
    periods = validity_periods(ds)
    runs = coverage(ds)
    start, end = observation_window(ds)
    by_status = runs.groupby("status")["days"].sum().reindex(list(STATUSES), fill_value=0)
    total = int(by_status.sum())
    none_gaps = gaps(runs)
    wide_gaps = gaps(runs, include_uncertain=True)
    first = periods.iloc[0] if len(periods) else None
    mil = military_events(ds)
    mil_status = [
        statuses_during(runs, lo, hi) for lo, hi in zip(mil["window_from"], mil["window_to"])
    ]
    basis = periods["basis"].value_counts().reindex(list(BASES), fill_value=0)
    agreements = ceasefire_agreements(ds)
    out: dict[str, object] = {
        "n_records": len(cf),
        "n_ceasefire_agreements": len(agreements),
        "n_leader_ceasefire_agreements": int(
            agreements["signatories"].map(lambda s: {"rahmonov", "nuri"} <= set(_split(s))).sum()
        ),
        "n_extensions": int(cf["extends"].notna().sum()),
        "n_stated": int(basis["stated"]),
        "n_derived": int(basis["derived"]),
        "n_condition": int(basis["condition"]),
        "n_unknown": int(basis["unknown"]),
        "first_agreed": short_date(first["agreed_from"], first["agreed_to"])
        if first is not None
        else "",
        "first_in_force": short_date(first["start_from"], first["start_to"])
        if first is not None
        else "",
        "window_start": short_date(start),
        "window_end": short_date(end),
        "window_days": total,
        "n_military_events": len(mil),
        "n_military_in_force": sum(
            bool({"stated", "derived", "condition"} & set(st)) for st in mil_status
        ),
        "n_military_in_gap": sum("none" in st for st in mil_status),
        "n_gaps": len(none_gaps),
    }
    for status in STATUSES:
        out[f"days_{status}"] = int(by_status[status])
        out[f"pct_{status}"] = round(100 * by_status[status] / total) if total else 0
    known = int(by_status[["stated", "derived", "condition"]].sum())
    out["days_in_force"] = known
    out["pct_in_force"] = round(100 * known / total) if total else 0
    for prefix, frame in (("gap", none_gaps), ("wide_gap", wide_gaps)):
        top = frame.iloc[0] if len(frame) else None
        out[f"longest_{prefix}_days"] = int(top["days"]) if top is not None else 0
        out[f"longest_{prefix}"] = (
            short_date(top["start"]) + " – " + short_date(top["end"]) if top is not None else ""
        )
    for i, g in enumerate(none_gaps.sort_values("start").itertuples(index=False), start=1):
        out[f"gap_{i}"] = f"{short_date(g.start)} – {short_date(g.end)}"
        out[f"gap_{i}_days"] = int(g.days)
    for p in periods[periods["basis"] == "derived"].itertuples(index=False):
        out[f"expiry_{p.ceasefire_id}"] = short_date(p.end_from, p.end_to)
    return out


# ---- figure ---------------------------------------------------------------------------------


def _num(d) -> float:
    return float(mdates.date2num(pd.Timestamp(d)))


#: The time axis of the coverage figure.
FIGURE_START, FIGURE_END = pd.Timestamp("1994-01-01"), pd.Timestamp("1997-08-01")


def coverage_data(ds) -> pd.DataFrame:
    """The numbers behind the ceasefire chart, one row per mark: each ceasefire record (when it was
    agreed, and the earliest and latest days its term can have begun and ended), the computed
    stretches with no ceasefire or an uncertain one, and the military events (their windows)."""
    periods = validity_periods(ds)
    records_ = figures.plotted(
        periods,
        {
            "ceasefire_id": "id",
            "basis": "status",
            "agreed_from": "agreed_from",
            "agreed_to": "agreed_to",
            "start_from": "start_from",
            "start_to": "start_to",
            "end_from": "end_from",
            "end_to": "end_to",
        },
    )
    records_.insert(0, "row", "ceasefire record")
    runs = coverage_runs(periods, *observation_window(ds))
    runs = runs[runs["status"].isin(["uncertain", "none"])]
    gaps = figures.plotted(runs, {"status": "status", "start": "start_from", "end": "end_to"})
    gaps.insert(0, "row", "no or uncertain ceasefire")
    mil = military_events(ds)
    fighting = pd.DataFrame(
        {
            "row": "military event",
            "id": mil["event_id"].to_numpy(),
            "number": mil["number"].to_numpy(),
            "start_from": mil["window_from"].to_numpy(),
            "end_to": mil["window_to"].to_numpy(),
        }
    )
    return pd.concat([records_, gaps, fighting], ignore_index=True)


@figures.register("ceasefires-coverage", alt=COVERAGE_ALT, data=coverage_data)
def plot_coverage(ds):
    """Gantt chart: one row per ceasefire record, fighting below, the phases shaded behind."""
    periods = validity_periods(ds)
    mil = military_events(ds)
    _, window_end = observation_window(ds)
    styles = figures.category_styles(BASES + ("military", "uncertain"))
    styles["none"] = {
        "color": figures.OKABE_ITO["black"],
        "marker": "",
        "hatch": "",
    }  # gaps: solid black
    runs = coverage_runs(periods, *observation_window(ds))
    phases = phase_frame(ds)
    n = len(periods)
    with figures.style():
        fig, ax = figures.new_figure(
            # two lines: on one, the title would run past the printed width
            "Ceasefires and their extensions:\nterms in force, 1994–1997",
            xlabel="Date",
            ylabel="Ceasefire record (order of the chain)",
            figsize=(figures.PRINT_WIDTH, 6.4),
        )
        top = n + 0.1
        shade_phases(ax, phases, label=True, xlim=(FIGURE_START, FIGURE_END))
        ys = {p.ceasefire_id: n - k for k, p in enumerate(periods.itertuples(index=False))}
        height = 0.5
        for p in periods.itertuples(index=False):
            y, st = ys[p.ceasefire_id], styles[p.basis]

            def bar(lo, hi, y=y, **kw):
                ax.barh(y, _num(hi) - _num(lo) + 1, left=_num(lo), height=height, zorder=2, **kw)

            if p.basis in ("stated", "derived"):
                if p.start_to > p.start_from:
                    bar(p.start_from, p.start_to, color=st["color"], alpha=0.3, lw=0)
                if p.end_to > p.end_from:
                    bar(p.end_from, p.end_to, color=st["color"], alpha=0.3, lw=0)
                bar(
                    p.start_to,
                    p.end_from,
                    color=st["color"],
                    hatch=st["hatch"],
                    edgecolor="black",
                    lw=0.6,
                )
            elif p.basis == "condition":
                bar(
                    p.start_to,
                    window_end,
                    color=st["color"],
                    hatch=st["hatch"],
                    edgecolor="black",
                    lw=0.6,
                )
                ax.annotate(
                    "",
                    xy=(_num(FIGURE_END), y),
                    xytext=(_num(window_end), y),
                    zorder=3,
                    arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.2},
                )
                ax.text(
                    _num(window_end), y + 0.32, "open-ended", ha="right", va="bottom", fontsize=7
                )
            else:
                bar(
                    p.agreed_from,
                    p.agreed_to,
                    facecolor="white",
                    hatch=st["hatch"],
                    edgecolor=st["color"],
                    lw=0.8,
                    ls="--",
                )
                ax.text(
                    _num(p.agreed_to) + 12,
                    y,
                    "?",
                    ha="left",
                    va="center",
                    fontsize=11,
                    fontweight="bold",
                )
            mid = p.agreed_from + (p.agreed_to - p.agreed_from) / 2
            ax.scatter([_num(mid)], [y], marker="D", s=22, color="black", zorder=4)
        # The computed gaps and uncertain stretches (row 0), then the military events (row -1),
        # numbered as in the chapter's table.
        for r in runs[runs["status"].isin(["uncertain", "none"])].itertuples(index=False):
            st = styles[r.status]
            ax.barh(
                0,
                _num(r.end) - _num(r.start) + 1,
                left=_num(r.start),
                height=height,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="black",
                lw=0.6,
                zorder=2,
            )
        st = styles["military"]
        for r in mil.itertuples(index=False):
            lo, hi = r.window_from, r.window_to
            if hi > lo:
                ax.barh(
                    -1,
                    _num(hi) - _num(lo) + 1,
                    left=_num(lo),
                    height=0.22,
                    color=st["color"],
                    alpha=0.5,
                    lw=0,
                    zorder=2,
                )
            ax.scatter(
                [_num(lo)],
                [-1],
                marker=st["marker"],
                s=36,
                color=st["color"],
                edgecolor="black",
                linewidth=0.5,
                zorder=3,
            )
            ax.annotate(
                str(r.number),
                (_num(lo), -1),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=7,
            )
        names = {
            r.ceasefire_id: _record_label(ds, r) for r in chain_order(ds).itertuples(index=False)
        }
        labels = {
            ys[p.ceasefire_id]: f"{p.position}. {names[p.ceasefire_id]}"
            for p in periods.itertuples(index=False)
        }
        labels[0] = "Gaps (computed)"
        labels[-1] = "Military events"
        ax.set_yticks(sorted(labels), [labels[k] for k in sorted(labels)])
        ax.axhline(0.5, color="#555555", lw=0.6)
        ax.set_ylim(-1.7, top + 1.0)
        ax.set_xlim(_num(FIGURE_START), _num(FIGURE_END))
        figures.date_axis(ax, "year", grid="both", grid_lw=0.4)
        handles = [
            figures.swatch(styles[b], BASIS_LABELS[b]) for b in ("stated", "derived", "condition")
        ]
        handles += [
            Patch(
                facecolor=styles["stated"]["color"],
                alpha=0.3,
                lw=0,
                label="Range of possible start or expiry days",
            ),
            Patch(
                facecolor="white",
                hatch=styles["unknown"]["hatch"],
                edgecolor=styles["unknown"]["color"],
                ls="--",
                label=BASIS_LABELS["unknown"] + " (?)",
            ),
            figures.swatch(styles["none"], STATUS_LABELS["none"] + " (computed gap)"),
            figures.swatch(styles["uncertain"], STATUS_LABELS["uncertain"] + " (computed)"),
            Line2D(
                [],
                [],
                marker="D",
                color="black",
                ls="",
                markersize=5,
                label="Agreed (midpoint of possible days)",
            ),
            Line2D(
                [],
                [],
                marker=st["marker"],
                color=st["color"],
                markeredgecolor="black",
                ls="",
                markersize=6,
                label="Military event (numbered as in the table)",
            ),
        ]
        figures.legend_below(ax, handles=handles, ncols=2, fontsize=8, alignment="left")
    return fig
