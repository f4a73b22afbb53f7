"""Records of the dataset by id: one table with its id as a column, and a lookup that never skips.

The chapters name records by id (a discrepancy, a statistic, an event). A renamed or mistyped id
must stop the build rather than make a row vanish from a chapter, so :func:`rows` raises
:class:`UnknownIdError`, naming the id and the table, for every id the table lacks.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import with_id
from .text import split_list

__all__ = ["ID_FIELDS", "UnknownIdError", "actor_names", "frame", "require_ids", "row", "rows"]

#: The id (primary key) column of each table, for test inputs that are not a Dataset.
ID_FIELDS: dict[str, str] = {
    "sources": "source_id",
    "actors": "actor_id",
    "places": "place_id",
    "phases": "phase_id",
    "events": "event_id",
    "agreements": "agreement_id",
    "proposals": "proposal_id",
    "ceasefires": "ceasefire_id",
    "relations": "relation_id",
    "statistics": "stat_id",
    "discrepancies": "discrepancy_id",
    "positions": "position_id",
    "russian_moves": "move_id",
    "impasses": "impasse_id",
    "attestations": "attestation_id",
}


class UnknownIdError(KeyError):
    """Ids asked for by a chapter are not in the table."""

    def __init__(self, table: str, ids: Iterable[str]):
        self.table, self.ids = table, list(ids)
        super().__init__(f"not in table {table}: {', '.join(map(repr, self.ids))}")

    def __str__(self) -> str:
        return self.args[0]


def frame(ds, table: str) -> pd.DataFrame:
    """Table ``table`` of ``ds`` with its id as a column (a copy)."""
    return with_id(getattr(ds, table), ID_FIELDS[table])


def require_ids(ds, table: str, ids: Iterable[str]) -> list[str]:
    """``ids`` as a list; :class:`UnknownIdError` if any of them is not in ``table``."""
    ids = list(ids)
    known = set(frame(ds, table)[ID_FIELDS[table]].astype(str))
    missing = [i for i in ids if str(i) not in known]
    if missing:
        raise UnknownIdError(table, missing)
    return ids


def rows(ds, table: str, ids: Iterable[str]) -> pd.DataFrame:
    """The records ``ids`` of ``table``, in that order, indexed by id; unknown ids raise."""
    ids = require_ids(ds, table, ids)
    return frame(ds, table).set_index(ID_FIELDS[table]).loc[ids]


def row(ds, table: str, record_id: str) -> pd.Series:
    """One record of ``table``; an unknown id raises :class:`UnknownIdError`."""
    return rows(ds, table, [record_id]).iloc[0]


def actor_names(
    ds, ids: str | Iterable[str] | float | None, *, sep: str = "; ", named_by: str | None = None
) -> str:
    """The display names of actor ``ids``, in their order, joined by ``sep``: the one way the
    chapters write a list of actors. ``ids`` is a list or a ';'-separated cell ('' when blank).

    An id not in ``actors`` raises :class:`UnknownIdError`, each id followed by "(named by
    ``named_by``)" when the referring record is given, so a build error says where to look."""
    # a cell (text, or None/NaN when empty) is split; a list is taken as it is
    cell = isinstance(ids, str) or not isinstance(ids, Iterable)
    ids = split_list(ids) if cell else [str(i) for i in ids]
    actors = frame(ds, "actors")
    names = dict(zip(actors["actor_id"].astype(str), actors["name"].astype(str)))
    missing = [i for i in ids if i not in names]
    if missing:
        where = "" if named_by is None else f" (named by {named_by})"
        raise UnknownIdError("actors", [f"{i}{where}" for i in missing])
    return sep.join(names[i] for i in ids)
