"""Resolve any spelling the sources use for an actor or a place to its record.

>>> resolve("Kurgan-Tyube").id          # doctest: +SKIP
'kurgan_tyube'

Spellings are compared by :func:`spelling_key`: case, whitespace, dashes and the style of
quotation marks and apostrophes do not matter, and a leading "the" is ignored. The index holds
every record's id, name and aliases; it is built once from a :class:`~tajik_peace.data.Dataset`.

A spelling never resolves to a wrong single record. Besides exact spellings, the index finds:

- a spelling that is a *part* of another record's spelling ("Rahmon" is Rakhmonov's later
  surname but also Nabiyev's forename; "Akbar" is Turajonzoda's forename and part of "Ali Akbar
  Velayati"); and
- the *adjective* of a place the sources use ("Kulyabi", "Leninabadi"): the place, and the actors
  named by its plural ("Kulyabis").

Where more than one record answers, :meth:`NameIndex.resolve` raises :class:`AmbiguousName`,
which lists every candidate with the context that separates them: how it matched, its role, and
the sources whose quotations use the spelling for it (so "Leninabad" says that Adamishin means
the city, today Khujand, and Iji the northern region).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from .data import Dataset, load_dataset
from .data import is_blank as _blank
from .data import source_labels as _source_labels
from .paths import resolve_data_dir
from .text import contains_words as _contains
from .text import is_common_noun, spelling_key, stems
from .text import split_list as _split
from .text import words as _words

KINDS = {"actor": "actors", "place": "places"}
_ALIASES = {"actors": "actor", "places": "place"}


@dataclass(frozen=True)
class Match:
    """The record a spelling resolves to."""

    id: str
    name: str
    table: str  # "actors" or "places"
    kind: str  # "actor" or "place"
    spelling: str  # the stored spelling (name, alias or id) that matched
    how: str = "exact"  # "exact", "part of <spelling>" or "adjective of <spelling>"
    context: str = ""  # role or description, and the sources that use the spelling for it

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.name})"

    def explain(self) -> str:
        """One line a reader can tell candidates apart by."""
        how = "" if self.how == "exact" else f", {self.how}"
        return f"{self.kind} {self.id} ({self.name}{how})" + (
            f": {self.context}" if self.context else ""
        )


class AmbiguousName(LookupError):
    """A spelling that may stand for several records; ``candidates`` lists them all."""

    def __init__(self, spelling: str, candidates: list[Match]):
        self.spelling = spelling
        self.candidates = list(candidates)
        listed = "; ".join(m.explain() for m in self.candidates)
        super().__init__(
            f"{spelling!r} is ambiguous: it may be {listed}. Pass kind='actor' or "
            "kind='place', or a fuller spelling"
        )


_ADJECTIVE = re.compile(r"^(?P<stem>.+?)(?:i|is|-i)$")


class NameIndex:
    """Every spelling of every actor and place, keyed by :func:`spelling_key`."""

    def __init__(
        self,
        entries: list[Match],
        contexts: dict[tuple[str, str], str] | None = None,
        usage: dict[tuple[str, str], list[tuple[str, str]]] | None = None,
        persons: set[str] | None = None,
    ):
        self._contexts = contexts or {}
        self._persons = persons or set()
        # (table, id) -> [(source label and locator, quote)] of the record's attestations
        self._usage = usage or {}
        self._by_key: dict[str, list[Match]] = {}
        for m in entries:
            key = spelling_key(m.spelling)
            if not key:
                continue
            bucket = self._by_key.setdefault(key, [])
            if not any((b.table, b.id) == (m.table, m.id) for b in bucket):
                bucket.append(m)

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> NameIndex:
        entries, contexts, persons = [], {}, set()
        for table, kind in _ALIASES.items():
            df = dataset[table]
            for rid, row in df.iterrows():
                name = str(row["name"])
                spellings = [name, *_split(row.get("aliases")), str(rid)]
                entries += [Match(str(rid), name, table, kind, s) for s in spellings]
                about = row.get("role") if table == "actors" else row.get("kind")
                if table == "actors" and str(row.get("kind")) == "person":
                    persons.add(str(rid))
                contexts[(table, str(rid))] = "" if _blank(about) else str(about)
        usage: dict[tuple[str, str], list[tuple[str, str]]] = {}
        att = dataset["attestations"]
        labels = _source_labels(dataset)
        for row in att.itertuples():
            if str(row.table) in _ALIASES:
                where = f"{labels.get(str(row.source_id), row.source_id)}, {row.locator}"
                usage.setdefault((str(row.table), str(row.record_id)), []).append(
                    (where, str(row.quote))
                )
        return cls(entries, contexts, usage, persons)

    def _with_context(self, m: Match, how: str, spelling: str) -> Match:
        words = _words(spelling)
        used = sorted(
            {
                where
                for where, quote in self._usage.get((m.table, m.id), [])
                if _contains(_words(quote), words)
            }
        )
        parts = [self._contexts.get((m.table, m.id), "")]
        if used:
            parts.append(f"{spelling!r} for it in " + "; ".join(used))
        return Match(
            m.id, m.name, m.table, m.kind, m.spelling, how, "; ".join(p for p in parts if p)
        )

    def __len__(self) -> int:
        return len(self._by_key)

    def candidates(self, spelling: str, kind: str | None = None) -> list[Match]:
        """Every record the spelling may stand for, with its context (empty when none).

        Exact spellings come first, then records of which it is a part of a spelling, then the
        place (and the actors) of which it is the adjective; each record once.
        """
        table = _table_for(kind)
        key = spelling_key(spelling)
        found: dict[tuple[str, str], Match] = {}

        def add(m: Match, how: str) -> None:
            if (table is None or m.table == table) and (m.table, m.id) not in found:
                found[(m.table, m.id)] = self._with_context(m, how, spelling)

        for m in self._by_key.get(key, []):
            add(m, "exact")
        # A word of a person's name may be part of another person's name ("Rahmon" Nabiyev);
        # an unknown spelling may be part of any name ("Turajonzoda" alone, say).
        exact = bool(found)
        words = _words(spelling)
        if words:
            for other, ms in self._by_key.items():
                for m in ms:
                    if (
                        other != key
                        and m.spelling != m.id  # ids are not spellings of the sources
                        and (not exact or (m.table == "actors" and m.id in self._persons))
                        and _contains(_words(m.spelling), words)
                    ):
                        add(m, f"part of {m.spelling!r}")
        # A common noun ("peacekeepers") may stand for every force or body named with a form of
        # it ("CIS peacekeeping forces", "UN peacekeeping forces").
        needle = tuple(w for w in stems(spelling) if w != "the")
        if is_common_noun(spelling) and needle:
            for other, ms in self._by_key.items():
                for m in ms:
                    if other != key and m.spelling != m.id and _contains(stems(m.spelling), needle):
                        add(m, f"related to {m.spelling!r}")
        adjective = _ADJECTIVE.match(key)
        if adjective and not self._by_key.get(key):
            stem = adjective.group("stem")
            for m in self._by_key.get(stem, []):
                if m.table == "places":
                    add(m, f"adjective of {m.spelling!r}")
            for plural in (key + "s", stem + "is"):
                for m in self._by_key.get(plural, []):
                    add(m, f"adjective of {m.spelling!r}")
        return list(found.values())

    def resolve(self, spelling: str, kind: str | None = None) -> Match:
        """The one record ``spelling`` stands for; ``kind`` ("actor"/"place") restricts the search.

        Raises ``LookupError`` for an unknown spelling (with close suggestions) and
        :class:`AmbiguousName` (a ``LookupError``) for one that may stand for several records,
        listing every candidate with its context.
        """
        found = self.candidates(spelling, kind)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousName(spelling, found)
        raise LookupError(self._unknown(spelling, kind))

    def _unknown(self, spelling: str, kind: str | None) -> str:
        table = _table_for(kind)
        pool = {
            k: ms
            for k, ms in self._by_key.items()
            if table is None or any(m.table == table for m in ms)
        }
        what = f"an {kind}" if kind == "actor" else (f"a {kind}" if kind else "an actor or place")
        close = difflib.get_close_matches(spelling_key(spelling), list(pool), n=5, cutoff=0.6)
        if not close:
            return f"{spelling!r} is not the spelling of {what} in the dataset"
        hints: dict[tuple[str, str], str] = {}
        for key in close:
            for m in pool[key]:
                if (table is None or m.table == table) and (m.table, m.id) not in hints:
                    hints[(m.table, m.id)] = f"{m.spelling!r} ({m.kind} {m.id})"
        return (
            f"{spelling!r} is not the spelling of {what} in the dataset; "
            f"did you mean: {', '.join(hints.values())}?"
        )


def _table_for(kind: str | None) -> str | None:
    if kind is None:
        return None
    k = kind.rstrip("s") if kind in ("actors", "places") else kind
    if k not in KINDS:
        raise ValueError(f"kind must be 'actor' or 'place', not {kind!r}")
    return KINDS[k]


@lru_cache(maxsize=4)
def _default_index(data_dir: str) -> NameIndex:
    return NameIndex.from_dataset(load_dataset(data_dir))


def build_index(dataset: Dataset | None = None) -> NameIndex:
    """The name index of ``dataset``, or (cached) of the default data package."""
    if dataset is not None:
        index = getattr(dataset, "_name_index", None)
        if index is None:
            index = NameIndex.from_dataset(dataset)
            dataset._name_index = index
        return index
    return _default_index(str(resolve_data_dir().resolve()))


def resolve(spelling: str, kind: str | None = None, *, dataset: Dataset | None = None) -> Match:
    """Resolve ``spelling`` to its actor or place (see :meth:`NameIndex.resolve`).

    Without ``dataset`` the default data package is loaded once and its index kept.
    """
    return build_index(dataset).resolve(spelling, kind)
