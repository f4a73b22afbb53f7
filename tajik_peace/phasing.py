"""The phases of the process as every chapter uses them: in order, by short name, the phase of a
record's event, and the grey bands that mark the phases behind a time axis."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd

from . import figures
from .data import is_blank
from .records import UnknownIdError, frame

__all__ = [
    "before_talks",
    "phase_frame",
    "phase_labels",
    "phase_starting",
    "shade_phases",
    "short_phase_name",
    "with_event_phase",
]


def short_phase_name(name: str) -> str:
    """'First formula phase: launch of negotiations' -> 'First formula phase' (for figure labels)."""
    return name.split(":")[0].split(" (")[0].strip()


def phase_frame(ds) -> pd.DataFrame:
    """The phases, in order, with ``phase_id`` as a column."""
    return frame(ds, "phases").sort_values("order", kind="mergesort").reset_index(drop=True)


def phase_labels(ds) -> dict[str, str]:
    """phase_id -> short name ('First formula phase'), in phase order."""
    ph = phase_frame(ds)
    return {pid: short_phase_name(str(name)) for pid, name in zip(ph["phase_id"], ph["name"])}


def phase_starting(phases: pd.DataFrame, day) -> str:
    """Short name of the phase (a row of :func:`phase_frame`) that ``day`` falls in; '' if none."""
    hit = phases[(phases["start_date"] <= day) & (phases["end_date"] >= day)]
    return short_phase_name(hit["name"].iloc[0]) if len(hit) else ""


def before_talks(table: pd.DataFrame, ds, date: str) -> pd.Series:
    """For each record of ``table``: True where it has no phase and its ``date`` falls before the
    first phase opens. (An empty ``phase_id`` also marks a record after the last phase, which is
    not "before the talks".)"""
    first = frame(ds, "phases")["start_date"].min()
    no_phase = table["phase_id"].map(is_blank).astype(bool)
    return no_phase & (pd.to_datetime(table[date]) < first).fillna(False).astype(bool)


def with_event_phase(table: pd.DataFrame, ds, name: str) -> pd.DataFrame:
    """``table`` (agreements, proposals: records tied to an event) with the phase of its event as
    ``phase_id`` (None for an event before the first phase or a record with no event).

    The codebook places such records in the phase of the meeting where they were reached or
    tabled. An ``event_id`` that is not in ``events`` raises :class:`UnknownIdError` (``name``
    names the table in the message)."""
    events = frame(ds, "events").set_index("event_id")["phase_id"]
    wanted = [e for e in table["event_id"] if not is_blank(e)]
    missing = sorted(set(wanted) - set(events.index))
    if missing:
        raise UnknownIdError("events", [f"{m} (named by {name})" for m in missing])
    out = table.copy()
    out["phase_id"] = [
        None if is_blank(e) or is_blank(events[e]) else events[e] for e in out["event_id"]
    ]
    return out


def shade_phases(ax, phases: pd.DataFrame, label: bool = True, xlim: tuple | None = None) -> None:
    """Shade each phase in alternating greys behind the data, as in the chronology's timeline.

    With ``label`` the short phase names are written just above the axes,
    alternating in height so that neighbours do not collide, and centred on the part of the phase
    that lies inside ``xlim``; the axes title is moved up to make room for them.
    """
    lo, hi = xlim if xlim is not None else (None, None)
    if label:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc=loc):
                ax.set_title(ax.get_title(loc=loc), loc=loc, pad=26)
    for i, ph in enumerate(phases.itertuples(index=False)):
        start, end = ph.start_date, ph.end_date + pd.Timedelta(days=1)
        ax.axvspan(start, end, color=figures.SHADES[i % 2], zorder=0, lw=0)
        if not label:
            continue
        a = max(start, lo) if lo is not None else start
        b = min(end, hi) if hi is not None else end
        if b <= a:
            continue
        ax.annotate(
            short_phase_name(ph.name),
            (mdates.date2num(a + (b - a) / 2), 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 2 + 10 * (i % 2)),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
            color="#222222",
            annotation_clip=False,
        )
