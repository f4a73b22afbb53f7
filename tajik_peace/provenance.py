"""Provenance: every quotation stands verbatim at its locator in the source texts, and every
alias stands in some source text. Runs only when the texts (SOURCES_DIR) are available."""

from __future__ import annotations

from pathlib import Path

from . import sources as _sources
from .reader import Table
from .report import Problem
from .rules import _p
from .text import split_list


def check_provenance(t: dict[str, Table], directory: Path) -> list[Problem]:
    """Every quote stands verbatim at its locator; every alias stands in some source text."""
    problems: list[Problem] = []
    src = t["sources"]
    texts: dict[str, _sources.SourceText] = {}
    for i, row in enumerate(src.rows):
        if not row.get("text_file", "").strip():
            continue
        try:
            texts[row["source_id"]] = _sources.SourceText.from_record(row, directory)
        except _sources.SourcesUnavailable as exc:
            problems.append(_p(src, i, "text_file", str(exc), "provenance"))
        except ValueError as exc:
            problems.append(_p(src, i, "sections", str(exc), "provenance"))
    if "attestations" in t:
        att = t["attestations"]
        for i, row in enumerate(att.rows):
            sid, locator, quote = (
                row.get("source_id", ""),
                row.get("locator", ""),
                row.get("quote", ""),
            )
            text = texts.get(sid)
            if text is None:
                if sid in src.ids():
                    problems.append(
                        _p(
                            att,
                            i,
                            "source_id",
                            f"source {sid!r} has no readable text to check the quote against",
                            "provenance",
                        )
                    )
                continue
            section = text.section_of(locator)
            if section is None:
                known = (
                    f"'para. 1' to 'para. {len(text.sections)}'"
                    if text.scheme == "paragraphs"
                    else "; ".join(text.sections)
                )
                problems.append(
                    _p(
                        att,
                        i,
                        "locator",
                        f"{locator!r} names no section of {sid} (locators are {known})",
                        "provenance",
                    )
                )
            if text.contains_at(quote, locator):
                continue
            if text.contains(quote):
                where = text.locate(quote)
                if section is not None:
                    problems.append(
                        _p(
                            att,
                            i,
                            "quote",
                            f"stands in {sid} but not at {locator!r}; "
                            f"it stands at: {'; '.join(where) or 'across a section break'}",
                            "provenance",
                        )
                    )
            else:
                problems.append(
                    _p(
                        att,
                        i,
                        "quote",
                        f"does not stand verbatim in {sid} "
                        "(compared up to whitespace, dash and quotation-mark style)",
                        "provenance",
                    )
                )
    haystacks = [x._normalized_all.casefold() for x in texts.values()]
    if haystacks:
        for table in ("actors", "places"):
            if table not in t:
                continue
            tab = t[table]
            for i, row in enumerate(tab.rows):
                for alias in split_list(row.get("aliases")):
                    needle = _sources.normalize(alias).casefold()
                    if needle and not any(needle in h for h in haystacks):
                        problems.append(
                            _p(
                                tab,
                                i,
                                "aliases",
                                f"alias {alias!r} stands in no source text",
                                "provenance",
                            )
                        )
    return problems
