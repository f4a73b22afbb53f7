"""Access to the source texts and verification of quotations against them.

The texts are third-party copyright and never live in the repository: they are read from the
directory named by the environment variable ``SOURCES_DIR``.

A quotation is verified *verbatim* up to typography: the comparison ignores whitespace (the Iji
text breaks lines mid-sentence), hyphens and dashes (line-break hyphenation, en and em dashes) and
the style of quotation marks and apostrophes (the Iji text writes ``‘`` for an apostrophe and
``―…‖`` for quotation marks).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .text import normalize

__all__ = [
    "SourceText",
    "SourcesUnavailable",
    "load_texts",
    "normalize",
    "sources_dir",
    "word_count",
]

SOURCES_ENV = "SOURCES_DIR"


class SourcesUnavailable(RuntimeError):
    """Raised when SOURCES_DIR is unset or does not hold a needed text."""


def word_count(quote: str) -> int:
    """Number of words in a quote, as a reader would count them (dash-joined words count once)."""
    return len(re.findall(r"[^\s–—]+", quote))


def sources_dir(required: bool = True) -> Path | None:
    """The directory named by SOURCES_DIR, or None (or an error) when it is missing."""
    value = os.environ.get(SOURCES_ENV, "").strip()
    if not value:
        if required:
            raise SourcesUnavailable(
                f"{SOURCES_ENV} is not set; point it at the directory of source texts"
            )
        return None
    path = Path(value).expanduser()
    if not path.is_dir():
        if required:
            raise SourcesUnavailable(f"{SOURCES_ENV}={value} is not a directory")
        return None
    return path


@dataclass
class SourceText:
    """One source text split into the sections its locators name."""

    source_id: str
    path: Path
    scheme: str  # "headings" or "paragraphs"
    sections: dict[str, str] = field(default_factory=dict)  # locator -> raw text of that section
    _normalized: dict[str, str] = field(default_factory=dict, repr=False)
    _normalized_all: str = field(default="", repr=False)

    @classmethod
    def load(
        cls,
        source_id: str,
        path: Path,
        scheme: str,
        headings: list[str] | None = None,
        front_matter: int = 0,
    ) -> SourceText:
        raw = path.read_text(encoding="utf-8")
        if scheme == "paragraphs":
            paragraphs = [line.strip() for line in raw.splitlines() if line.strip()]
            sections = {f"para. {i}": p for i, p in enumerate(paragraphs[front_matter:], start=1)}
        elif scheme == "headings":
            sections = _split_by_headings(raw, headings or [], path)
        else:
            raise ValueError(f"{path}: unknown locator scheme {scheme!r}")
        return cls(
            source_id,
            path,
            scheme,
            sections,
            {k: normalize(v) for k, v in sections.items()},
            normalize(raw),
        )

    @classmethod
    def from_record(cls, record: Mapping[str, object], directory: Path) -> SourceText:
        """Load the text a row of ``sources.csv`` describes, from ``directory``.

        Raises ``SourcesUnavailable`` when the row names no text file or the file is missing, and
        ``ValueError`` when the row's ``sections`` do not match the text.
        """
        source_id = str(record["source_id"])
        text_file = _cell(record.get("text_file"))
        if not text_file:
            raise SourcesUnavailable(
                f"source {source_id!r} names no text_file: it is cited, not coded"
            )
        path = Path(directory) / text_file
        if not path.is_file():
            raise SourcesUnavailable(f"source {source_id!r}: {text_file} is not in {directory}")
        scheme = _cell(record.get("locator_scheme"))
        headings = [h.strip() for h in _cell(record.get("sections")).split(";") if h.strip()]
        front = _cell(record.get("front_matter_paragraphs"))
        return cls.load(source_id, path, scheme, headings, int(float(front)) if front else 0)

    def section_of(self, locator: str) -> str | None:
        """The section key a locator points to, or None if it names no section of this text.

        A headings locator may add detail after the heading ("<heading>, note 2"); the heading
        must come first.
        """
        if self.scheme == "paragraphs":
            return locator if locator in self.sections else None
        for heading in sorted(self.sections, key=len, reverse=True):
            if locator == heading or locator.startswith(heading + ","):
                return heading
        return None

    def contains(self, quote: str) -> bool:
        """True when the quote stands anywhere in the text."""
        needle = normalize(quote)
        return bool(needle) and needle in self._normalized_all

    def locate(self, quote: str) -> list[str]:
        """Every section (locator) whose text holds the quote."""
        needle = normalize(quote)
        return [k for k, v in self._normalized.items() if needle and needle in v]

    def contains_at(self, quote: str, locator: str) -> bool:
        """True when the quote stands in the section the locator names."""
        key = self.section_of(locator)
        needle = normalize(quote)
        return key is not None and bool(needle) and needle in self._normalized[key]


def load_texts(
    records: Iterable[Mapping[str, object]], directory: Path | None = None
) -> dict[str, SourceText]:
    """Every coded source text (rows of ``sources.csv`` with a text_file), keyed by source_id.

    ``directory`` defaults to SOURCES_DIR; raises ``SourcesUnavailable`` when it is missing or
    lacks a text.
    """
    directory = Path(directory) if directory is not None else sources_dir(required=True)
    return {
        str(r["source_id"]): SourceText.from_record(r, directory)
        for r in records
        if _cell(r.get("text_file"))
    }


def _cell(value: object) -> str:
    """A CSV or DataFrame cell as a stripped string ('' for empty, None or NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _split_by_headings(raw: str, headings: list[str], path: Path) -> dict[str, str]:
    lines = raw.splitlines()
    starts = []
    for heading in headings:
        hits = [i for i, line in enumerate(lines) if line.strip() == heading]
        if len(hits) != 1:
            raise ValueError(
                f"{path}: heading {heading!r} stands on {len(hits)} lines, expected exactly 1"
            )
        starts.append(hits[0])
    if starts != sorted(starts):
        raise ValueError(f"{path}: headings are not listed in the order of the text")
    bounds = starts + [len(lines)]
    return {h: "\n".join(lines[bounds[i] + 1 : bounds[i + 1]]) for i, h in enumerate(headings)}
