"""Helpers for tests that edit the CSV files of a copied data package."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from tajik_peace.reader import record_lines as _record_lines
from tajik_peace.report import Problem, Report


def read_table(pkg: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    text = (pkg / f"{name}.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def write_table(pkg: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(pkg / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit(pkg: Path, name: str, fn: Callable[[list[dict[str, str]]], object]) -> None:
    """Apply ``fn`` to the rows (list of dicts) of a table and write them back."""
    header, rows = read_table(pkg, name)
    fn(rows)
    write_table(pkg, name, header, rows)


def set_cell(pkg: Path, name: str, index: int, field: str, value: str) -> int:
    """Set one cell (row ``index`` from 0); return the CSV line that row is on."""

    def change(rows):
        rows[index][field] = value

    edit(pkg, name, change)
    return line_of(pkg, name, index)


def line_of(pkg: Path, name: str, index: int) -> int:
    """Line of the CSV file on which data row ``index`` (from 0) starts."""
    return _record_lines((pkg / f"{name}.csv").read_text(encoding="utf-8"))[index + 1]


def row_index(pkg: Path, name: str, field: str, value: str) -> int:
    _, rows = read_table(pkg, name)
    return next(i for i, r in enumerate(rows) if r[field] == value)


def add_row(pkg: Path, table: str, /, **values: str) -> int:
    """Append a row (missing fields empty); return its line."""
    header, rows = read_table(pkg, table)
    rows.append({h: values.get(h, "") for h in header})
    write_table(pkg, table, header, rows)
    return line_of(pkg, table, len(rows) - 1)


def of_check(report: Report, check: str) -> list[Problem]:
    return [p for p in report.problems if p.check == check]


def find(problems: list[Problem], file: str, row: int | None, field: str | None) -> Problem | None:
    """The first problem in ``file`` (matched by its name) at ``row`` and ``field``."""
    for p in problems:
        if Path(p.file).name == file and p.row == row and p.field == field:
            return p
    return None
