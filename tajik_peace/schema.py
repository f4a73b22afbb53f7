"""Schema validation: frictionless checks the tables against ``datapackage.json``.

Frictionless gets the cells the reader already parsed (inline data), not the files, so each CSV
is parsed once per load. Its errors are translated into :class:`Problem` records that name the
file, the CSV line and the field, in the project's words ("'bad' is not a valid ISO 8601 date").
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import frictionless

from .paths import PACKAGE_FILE, display_path
from .reader import Table, primary_key
from .report import Problem

__all__ = ["ERROR_LIMIT", "frictionless_problems", "list_pattern_vocabulary"]

#: Frictionless stops after this many errors; the report then says that it stopped.
ERROR_LIMIT = 100_000
#: Package properties passed to frictionless.
_PACKAGE_KEYS = ("profile", "name", "title", "description", "version", "licenses", "keywords")
#: Keys of a file resource that make no sense for inline data.
_FILE_KEYS = ("path", "encoding", "format", "mediatype", "dialect", "bytes", "hash", "compression")


def list_pattern_vocabulary(pattern: str) -> list[str] | None:
    """The vocabulary of a ``^(a|b)(;(a|b))*$`` list pattern, or None for another pattern."""
    m = re.fullmatch(r"\^\(([\w|]+)\)\(;\(([\w|]+)\)\)\*\$", pattern or "")
    if not m or m.group(1) != m.group(2):
        return None
    return m.group(1).split("|")


class _Shared(list):
    """Inline rows that frictionless copies by reference.

    Frictionless deep-copies a resource's descriptor, inline data included, each time it opens
    it (once more per foreign key pointing at it); the rows are never changed, so sharing them
    keeps validation linear with a small constant instead of copying every cell ten times.
    """

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def _inline_descriptor(descriptor: dict, tables: dict[str, Table]) -> dict:
    """The descriptor restricted to readable tables, each carrying its parsed cells.

    Foreign keys that point at an unreadable table are dropped: the missing lookup would only
    repeat that table's own problem on every row.
    """
    # Frictionless gets the standard properties only; the project's own are checked by the rules.
    desc = copy.deepcopy({k: v for k, v in descriptor.items() if k in _PACKAGE_KEYS})
    keep = []
    for r in descriptor["resources"]:
        if r["name"] not in tables:
            continue
        t = tables[r["name"]]
        res = {k: copy.deepcopy(v) for k, v in r.items() if k not in _FILE_KEYS}
        res["data"] = _Shared([t.header, *t.records])
        fks = [
            fk
            for fk in res["schema"].get("foreignKeys", [])
            if (fk["reference"].get("resource") or r["name"]) in tables
        ]
        if fks:
            res["schema"]["foreignKeys"] = fks
        else:
            res["schema"].pop("foreignKeys", None)
        keep.append(res)
    desc["resources"] = keep
    return desc


def frictionless_problems(
    descriptor: dict, data_dir: Path, tables: dict[str, Table], files: dict[str, str]
) -> list[Problem]:
    """Validate the readable tables with frictionless; turn its errors into Problems."""
    desc = _inline_descriptor(descriptor, tables)
    if not desc["resources"]:
        return []
    package_file = display_path(Path(data_dir) / PACKAGE_FILE)
    try:
        package = frictionless.Package(desc)
        report = package.validate(limit_errors=ERROR_LIMIT)
    except Exception as exc:  # a descriptor frictionless cannot use is a problem
        return [
            Problem(
                package_file,
                None,
                None,
                f"frictionless cannot read the package: {exc}",
                "frictionless",
            )
        ]
    problems: list[Problem] = []
    by_name = {r["name"]: r for r in desc["resources"]}
    for task in report.tasks:
        resource = by_name[task.name]
        table = tables[task.name]
        seen: set[tuple] = set()
        for error in task.errors:
            p = _convert_error(error, resource, files[task.name], table.record_lines, files)
            if error.type in ("unique-error", "primary-key"):
                key = (p.row, p.field)
                if key in seen:
                    continue
                seen.add(key)
            problems.append(p)
        if len(task.errors) >= ERROR_LIMIT or any("limit" in w for w in task.warnings):
            problems.append(
                Problem(
                    files[task.name],
                    None,
                    None,
                    f"frictionless stopped after {ERROR_LIMIT:,} errors: the file has more "
                    "problems than are listed",
                    "error-limit",
                )
            )
    for error in report.errors:
        problems.append(Problem(package_file, None, None, error.message, "frictionless"))
    return problems


def _line(lines: list[int], row_number: int | None) -> int | None:
    """The CSV line of frictionless's row number (the header is row 1)."""
    if row_number is None:
        return None
    if 1 <= row_number <= len(lines):
        return lines[row_number - 1]
    return row_number


def _short(cell: object, limit: int = 80) -> str:
    """A cell as quoted in a message, cut so that a huge cell gives a short message."""
    text = repr(cell)
    return text if len(text) <= limit else text[: limit - 5] + "...'"


def _convert_error(
    error, resource: dict, file: str, lines: list[int], files: dict[str, str]
) -> Problem:
    etype = error.type
    row = _line(lines, getattr(error, "row_number", None))
    field_name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    shown = _short(cell)
    note = getattr(error, "note", "") or ""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    spec = fields.get(field_name, {})
    message = error.message
    if etype == "type-error":
        kind = spec.get("type")
        message = {
            "date": f"{shown} is not a valid ISO 8601 date (YYYY-MM-DD)",
            "integer": f"{shown} is not a whole number",
            "number": f"{shown} is not a number",
        }.get(kind, f"{shown} is not of type {kind}")
    elif etype == "constraint-error":
        m = re.search(r'constraint "(\w+)"', note)
        constraint = m.group(1) if m else ""
        value = spec.get("constraints", {}).get(constraint)
        if constraint == "required":
            message = "is required but empty"
        elif constraint == "enum":
            message = f"{shown} is not one of: " + ", ".join(map(str, value))
        elif constraint == "pattern":
            vocab = list_pattern_vocabulary(value or "")
            message = (
                f"{shown} is not a ';'-separated list of: " + ", ".join(vocab)
                if vocab
                else f"{shown} does not match the pattern {value}"
            )
        elif constraint == "minimum":
            message = f"{shown} is below the minimum {value}"
        elif constraint == "maximum":
            message = f"{shown} is above the maximum {value}"
        else:
            message = f"{shown} breaks the constraint {constraint}: {note}"
    elif etype in ("unique-error", "primary-key"):
        if etype == "primary-key":
            field_name = primary_key(resource)
            cells = getattr(error, "cells", []) or []
            names = [f["name"] for f in resource["schema"]["fields"]]
            if field_name in names and len(cells) > names.index(field_name):
                shown = _short(cells[names.index(field_name)])
        m = re.search(r"position (\d+)", note)
        other = f" (first at row {_line(lines, int(m.group(1)))})" if m else ""
        message = f"duplicate value {shown}{other}: must be unique"
    elif etype == "foreign-key":
        names = list(getattr(error, "field_names", []) or [])
        values = list(getattr(error, "field_cells", []) or [])
        field_name = ", ".join(names) or None
        ref = getattr(error, "reference_name", "") or resource["name"]
        ref_fields = ", ".join(getattr(error, "reference_field_names", []) or [])
        ref_file = files.get(ref, ref)
        message = (
            f"{_short(', '.join(map(str, values)))} is not a known {ref_fields} "
            f"in {Path(ref_file).name}"
        )
    elif etype in ("extra-cell", "missing-cell"):
        message = (note and f"{error.title}: {note}") or error.message
    return Problem(file, row, field_name, message, etype)
