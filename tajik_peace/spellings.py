"""Where the spellings of people and places occur: in the sources' quotations, in the full texts,
or in the book's own chapters.

One rule throughout: a spelling is found as whole words, whatever the typography (:func:`fold`),
and an occurrence inside a longer spelling of another record does not count ('Rahmon' in 'Rahmon
Nabiyev' is not a mention of Rahmonov, nor 'Akbar' in 'Ali Akbar Velayati' one of Turajonzoda).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping

import pandas as pd

from . import records
from .attestation import coded_sources
from .text import fold_typography, split_list

__all__ = ["alias_occurrences", "fold", "occurrences", "quotation_texts", "spelling_pattern"]


def fold(text: str) -> str:
    """A text in the form spellings are searched in: typography folded (apostrophes, quotation
    marks, dashes), a hyphen at a line break joined, whitespace collapsed."""
    text = fold_typography(unicodedata.normalize("NFKC", str(text)))
    text = re.sub(r"-\s+", "-", text)
    text = re.sub(r"(\d)\s+(st|nd|rd|th)\b", r"\1\2", text)  # '201 st' from a PDF superscript
    return " ".join(text.split())


def spelling_pattern(spelling: str) -> re.Pattern:
    """A case-insensitive pattern that finds ``spelling`` as whole words ('IRP' not in 'IRPT')."""
    words = [re.escape(w) for w in fold(spelling).split()]
    if not words:
        raise ValueError("empty spelling")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def occurrences(
    spellings: Mapping[Hashable, Iterable[str]], texts: Mapping[Hashable, str]
) -> dict[tuple[Hashable, str], set[Hashable]]:
    """``{(record, spelling): {text key, ...}}``: the texts in which each spelling of each record
    occurs, not counting occurrences inside a longer spelling of another record."""
    entries = [(rec, s, fold(s)) for rec, ss in spellings.items() for s in ss]
    patterns = {f: spelling_pattern(f) for _, _, f in entries}
    folded = {key: fold(text) for key, text in texts.items()}
    # A spelling can match a text (or stand inside a longer spelling) only if it is a substring of
    # it, case aside: a cheap test that spares the regular expression most of its searches.
    caseless = {f: f.casefold() for _, _, f in entries}
    folded_caseless = {key: text.casefold() for key, text in folded.items()}
    found: dict[tuple[Hashable, str], set[Hashable]] = {}
    for rec, spelling, f in entries:
        pattern = patterns[f]
        needle = caseless[f]
        longer = sorted(
            {
                g
                for other, _, g in entries
                if other != rec and len(g) > len(f) and needle in caseless[g] and pattern.search(g)
            },
            key=len,
            reverse=True,
        )
        hits = found.setdefault((rec, spelling), set())
        for key, text in folded.items():
            if needle not in folded_caseless[key] or not pattern.search(text):
                continue
            for other in longer:
                text = patterns[other].sub(" | ", text)
            if pattern.search(text):
                hits.add(key)
    return found


def quotation_texts(ds) -> dict[str, str]:
    """All quotations of each coded source, joined: what the dataset itself shows of each text."""
    coded = coded_sources(ds)
    att = records.frame(ds, "attestations")
    return {
        s: "\n|\n".join(
            fold(q) for q in att.loc[att["source_id"].astype(str) == s, "quote"].astype(str)
        )
        for s in coded
    }


def alias_occurrences(ds, texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per spelling (alias) of every actor and place, with a True/False column per source:
    does the spelling stand, as whole words, in that source?

    By default the sources are represented by their quotations in ``attestations`` (no texts
    needed); pass ``texts`` (e.g. the full texts) to search those instead."""
    coded = coded_sources(ds)
    texts = quotation_texts(ds) if texts is None else {s: texts.get(s, "") for s in coded}
    spellings: dict[tuple[str, str], list[str]] = {}
    names: dict[tuple[str, str], str] = {}
    for table in ("actors", "places"):
        try:
            frame = records.frame(ds, table)
        except (AttributeError, KeyError):  # a dataset without that table has no spellings in it
            continue
        key = records.ID_FIELDS[table]
        for r in frame.itertuples(index=False):
            rec = (table, str(getattr(r, key)))
            spellings[rec] = split_list(r.aliases)
            names[rec] = str(r.name)
    found = occurrences(spellings, texts)
    rows = [
        {
            "table": rec[0],
            "record_id": rec[1],
            "name": names[rec],
            "alias": alias,
            **{s: s in found[(rec, alias)] for s in coded},
        }
        for rec, aliases in spellings.items()
        for alias in aliases
    ]
    return pd.DataFrame(rows, columns=["table", "record_id", "name", "alias", *coded])
