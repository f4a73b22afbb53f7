"""Events as several chapters show them: the negotiation events, date order, meeting labels."""

from __future__ import annotations

import pandas as pd

from .data import is_blank
from .records import frame

__all__ = [
    "KIND_LABELS",
    "MEETING_KINDS",
    "NEGOTIATION_KINDS",
    "both_sides",
    "in_date_order",
    "negotiation_events",
    "round_label",
]

#: Kinds of event that belong to the negotiations, in the codebook's order (it fixes their styles).
NEGOTIATION_KINDS: tuple[str, ...] = (
    "round",
    "consultation",
    "summit",
    "expert_meeting",
    "agreement",
)
#: Kinds of event that are meetings; a meeting is one *of the two sides* only where its
#: ``both_sides`` flag is true (see :func:`both_sides`).
MEETING_KINDS: tuple[str, ...] = ("round", "consultation", "summit", "expert_meeting")
KIND_LABELS = {
    "round": "Round of talks",
    "consultation": "Consultation",
    "summit": "Summit",
    "expert_meeting": "Expert meeting",
    "agreement": "Agreement signed",
}


def in_date_order(table: pd.DataFrame, date: str, key: str) -> pd.DataFrame:
    """``table`` sorted by ``date``, ties broken by ``key`` (a stable order), renumbered."""
    return table.sort_values([date, key], kind="mergesort").reset_index(drop=True)


def negotiation_events(ds) -> pd.DataFrame:
    """Events of the negotiation kinds, in date order, with ``kind`` as a string."""
    ev = frame(ds, "events")
    ev = ev[ev["kind"].astype(str).isin(NEGOTIATION_KINDS)].copy()
    ev["kind"] = ev["kind"].astype(str)
    return in_date_order(ev, "date_start", "event_id")


def both_sides(ev: pd.DataFrame) -> pd.Series:
    """For each event of ``ev``: True for a meeting at which the government side and the
    opposition side both sat (kind in :data:`MEETING_KINDS` and ``both_sides`` true), else False.

    A table without the ``both_sides`` column has no meeting of the two sides on record."""
    flag = ev["both_sides"] if "both_sides" in ev else pd.Series(False, index=ev.index)
    flag = flag.map(lambda v: False if is_blank(v) else str(v).strip().lower() in ("true", "1"))
    return ev["kind"].astype(str).isin(MEETING_KINDS) & flag.astype(bool)


def round_label(round_number, round_part) -> str:
    """'Round 3', 'Round 6, part 2', or '' for a meeting outside the numbered rounds."""
    if is_blank(round_number):
        return ""
    label = f"Round {int(round_number)}"
    if not is_blank(round_part):
        label += f", part {int(round_part)}"
    return label
