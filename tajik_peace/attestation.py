"""Which source attests a record, and how the book names the sources.

The coded sources are the rows of ``data/sources.csv`` that name a text file, in the file's order;
their names come from the same table. Nothing here knows a source id: a renamed or added source
reaches every chapter from ``sources.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .data import is_blank
from .records import frame
from .text import split_list

__all__ = [
    "BOTH",
    "coded_sources",
    "coverage_class",
    "coverage_counts",
    "record_sources",
    "source_citations",
    "source_keys",
    "source_names",
    "source_with_sections",
    "sources_of",
]

#: Coverage class of a record attested by every coded source.
BOTH = "both"


def _sources(ds) -> pd.DataFrame:
    src = frame(ds, "sources")
    return src[[not is_blank(t) for t in src["text_file"]]] if "text_file" in src else src


def coded_sources(ds) -> list[str]:
    """Ids of the coded sources (those with a text), in the order of ``sources.csv``."""
    return [str(s) for s in _sources(ds)["source_id"]]


def _surname(author) -> str:
    return str(author).split(" and ")[0].split(",")[0].strip()


def source_names(ds) -> dict[str, str]:
    """source_id -> the author's surname, for table cells and legends ('Adamishin')."""
    src = _sources(ds)
    return {str(s): _surname(a) for s, a in zip(src["source_id"], src["author"])}


def source_keys(ds) -> dict[str, str]:
    """source_id -> the surname in lower case, for the names of glued numbers ('adamishin')."""
    return {s: name.lower() for s, name in source_names(ds).items()}


def source_citations(ds) -> dict[str, str]:
    """source_id -> author and year as cited: 'Adamishin (2012)', 'Iji (n.d.)'."""
    src = _sources(ds)
    return {
        str(s): f"{_surname(a)} ({'n.d.' if is_blank(y) else int(y)})"
        for s, a, y in zip(src["source_id"], src["author"], src["year"])
    }


def source_with_sections(ds, headings: Iterable[str]) -> str:
    """The coded source whose sections (``sources.sections``) include every one of ``headings``."""
    wanted = set(headings)
    src = _sources(ds)
    found = [
        str(s)
        for s, sections in zip(src["source_id"], src.get("sections", []))
        if wanted <= set(split_list(sections))
    ]
    if len(found) != 1:
        raise LookupError(f"{len(found)} sources have the sections {sorted(wanted)}, expected 1")
    return found[0]


def record_sources(ds, table: str | None = None) -> pd.Series:
    """The set of sources attesting each record: a Series of frozensets indexed by
    (table, record_id), or by record_id alone when ``table`` is given."""
    att = frame(ds, "attestations")[["table", "record_id", "source_id"]].astype(str)
    if table is not None:
        att = att[att["table"] == table]
        return att.groupby("record_id")["source_id"].agg(frozenset)
    return att.groupby(["table", "record_id"])["source_id"].agg(frozenset)


def sources_of(ds, table: str, record_id: str) -> list[str]:
    """Ids of the sources attesting one record, in the order of ``sources.csv`` (others after,
    by id)."""
    found = record_sources(ds, table).get(str(record_id), frozenset())
    order = coded_sources(ds)
    return sorted(found, key=lambda s: (order.index(s) if s in order else len(order), s))


def coverage_class(sources: Iterable[str], coded: list[str]) -> str | None:
    """:data:`BOTH` when every coded source attests a record, else the one coded source that does,
    or None when none does."""
    found = [s for s in coded if s in set(map(str, sources))]
    if len(found) == len(coded):
        return BOTH
    return found[0] if len(found) == 1 else None


def coverage_counts(ds, source_sets: Iterable[frozenset]) -> dict[str, int]:
    """How many of the records (given by their sets of sources) each coded source alone attests
    ('Adamishin only', ...) and how many every coded source attests ('Both')."""
    names = source_names(ds)
    coded = coded_sources(ds)
    sets = list(source_sets)
    out = {f"{names[s]} only": sum(set(x) & set(coded) == {s} for x in sets) for s in coded}
    out["Both"] = sum(set(coded) <= set(x) for x in sets)
    return out
