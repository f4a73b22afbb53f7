"""Records of the dataset by id: one table with its id as a column, and a lookup that never skips.

The chapters name records by id (a discrepancy, a statistic, an event). A renamed or mistyped id
must stop the build rather than make a row vanish from a chapter, so :func:`rows` raises
:class:`UnknownIdError`, naming the id and the table, for every id the table lacks.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import with_id

__all__ = ["ID_FIELDS", "UnknownIdError", "frame", "require_ids", "row", "rows"]

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
