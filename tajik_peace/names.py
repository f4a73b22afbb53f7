"""Resolve any spelling the sources use for an actor or a place to its record.

>>> resolve("Kurgan-Tyube").id          # doctest: +SKIP
'kurgan_tyube'

Spellings are compared by :func:`spelling_key`: case, whitespace, dashes and the style of
quotation marks and apostrophes do not matter, and a leading "the" is ignored. The index holds
every record's id, name and aliases; it is built once from a :class:`~tajik_peace.data.Dataset`.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .sources import normalize

if TYPE_CHECKING:  # pragma: no cover
    from .data import Dataset

KINDS = {"actor": "actors", "place": "places"}
_ALIASES = {"actors": "actor", "places": "place"}
_EDGES = " \"'.,;:()[]‘’“”„«»‖―"
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def spelling_key(spelling: str) -> str:
    """The form in which spellings are compared ('' for a blank spelling)."""
    text = " ".join(unicodedata.normalize("NFKC", str(spelling or "")).split())
    text = _THE.sub("", text.strip(_EDGES))
    return normalize(text).casefold()


@dataclass(frozen=True)
class Match:
    """The record a spelling resolves to."""

    id: str
    name: str
    table: str  # "actors" or "places"
    kind: str  # "actor" or "place"
    spelling: str  # the stored spelling (name, alias or id) that matched

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.name})"


class NameIndex:
    """Every spelling of every actor and place, keyed by :func:`spelling_key`."""

    def __init__(self, entries: list[Match]):
        self._by_key: dict[str, list[Match]] = {}
        for m in entries:
            key = spelling_key(m.spelling)
            if not key:
                continue
            bucket = self._by_key.setdefault(key, [])
            if not any((b.table, b.id) == (m.table, m.id) for b in bucket):
                bucket.append(m)

    @classmethod
    def from_dataset(cls, dataset: "Dataset") -> "NameIndex":
        from .data import split_list

        entries = []
        for table, kind in _ALIASES.items():
            df = dataset[table]
            for rid, row in df.iterrows():
                name = str(row["name"])
                spellings = [name, *split_list(row.get("aliases")), str(rid)]
                entries += [Match(str(rid), name, table, kind, s) for s in spellings]
        return cls(entries)

    def __len__(self) -> int:
        return len(self._by_key)

    def candidates(self, spelling: str, kind: str | None = None) -> list[Match]:
        """Every record the spelling may stand for (empty when none)."""
        table = _table_for(kind)
        return [m for m in self._by_key.get(spelling_key(spelling), [])
                if table is None or m.table == table]

    def resolve(self, spelling: str, kind: str | None = None) -> Match:
        """The one record ``spelling`` stands for; ``kind`` ("actor"/"place") restricts the search.

        Raises ``LookupError`` for an unknown spelling (with close suggestions) or an ambiguous
        one (listing every record it may stand for).
        """
        found = self.candidates(spelling, kind)
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(f"{m.kind} {m.id} ({m.name})" for m in found)
            raise LookupError(f"{spelling!r} is ambiguous: it may be {listed}; "
                              "pass kind='actor' or kind='place'")
        raise LookupError(self._unknown(spelling, kind))

    def _unknown(self, spelling: str, kind: str | None) -> str:
        table = _table_for(kind)
        pool = {k: ms for k, ms in self._by_key.items()
                if table is None or any(m.table == table for m in ms)}
        what = f"an {kind}" if kind == "actor" else (f"a {kind}" if kind else "an actor or place")
        close = difflib.get_close_matches(spelling_key(spelling), list(pool), n=5, cutoff=0.6)
        if not close:
            return f"{spelling!r} is not the spelling of {what} in the dataset"
        hints: dict[tuple[str, str], str] = {}
        for key in close:
            for m in pool[key]:
                if (table is None or m.table == table) and (m.table, m.id) not in hints:
                    hints[(m.table, m.id)] = f"{m.spelling!r} ({m.kind} {m.id})"
        return (f"{spelling!r} is not the spelling of {what} in the dataset; "
                f"did you mean: {', '.join(hints.values())}?")


def _table_for(kind: str | None) -> str | None:
    if kind is None:
        return None
    k = kind.rstrip("s") if kind in ("actors", "places") else kind
    if k not in KINDS:
        raise ValueError(f"kind must be 'actor' or 'place', not {kind!r}")
    return KINDS[k]


@lru_cache(maxsize=4)
def _default_index(data_dir: str) -> NameIndex:
    from .data import load_dataset

    return NameIndex.from_dataset(load_dataset(data_dir))


def build_index(dataset: "Dataset | None" = None) -> NameIndex:
    """The name index of ``dataset``, or (cached) of the default data package."""
    if dataset is not None:
        index = getattr(dataset, "_name_index", None)
        if index is None:
            index = NameIndex.from_dataset(dataset)
            dataset._name_index = index
        return index
    from .validate import resolve_data_dir

    return _default_index(str(resolve_data_dir().resolve()))


def resolve(spelling: str, kind: str | None = None, *, dataset: "Dataset | None" = None) -> Match:
    """Resolve ``spelling`` to its actor or place (see :meth:`NameIndex.resolve`).

    Without ``dataset`` the default data package is loaded once and its index kept.
    """
    return build_index(dataset).resolve(spelling, kind)
