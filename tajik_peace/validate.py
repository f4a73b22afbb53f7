"""Validation of the data package in ``data/``: every problem, not just the first.

``validate()`` never raises for a problem in the data; it returns a :class:`Report` of
:class:`Problem` records, each naming the file, the line in the CSV file (the header is line 1)
and the field. The stages live in modules named for what they do, imported in one direction only
(``paths`` → ``report`` → ``reader`` → ``schema`` / ``required_schema`` → ``rules`` →
``plausibility`` / ``consistency`` → ``provenance`` → here → ``data`` → ``names``):

a. :mod:`~tajik_peace.reader`: the descriptor and every CSV file, parsed once; what frictionless
   cannot see (missing, unreadable or empty file, byte-order mark, bytes that are not UTF-8, an
   oversized cell, header columns missing, extra or out of order, a path leaving ``data/``);
b. :mod:`~tajik_peace.required_schema`: the tables, fields and constraints the book relies on are
   all still declared, so an edit of ``datapackage.json`` cannot switch checks off;
c. :mod:`~tajik_peace.schema`: frictionless validation against ``datapackage.json`` (types,
   required, enum, pattern, minimum/maximum, unique, primary and foreign keys);
d. :mod:`~tajik_peace.rules`, :mod:`~tajik_peace.plausibility` and
   :mod:`~tajik_peace.consistency`: the project's own rules (:data:`CHECKS`), plausibility
   included (finite numbers, dates in the period, no control characters, no cycles of
   affiliation), and agreement between tables that code the same quotation;
e. only with ``check_quotes=True``: :mod:`~tajik_peace.provenance`, the quotations and aliases
   against the source texts in SOURCES_DIR.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from . import consistency  # noqa: F401  (registers the cross-table rules in CHECKS)
from . import sources as _sources
from .dates import parse_date
from .paths import DATA_ENV, PACKAGE_FILE, default_data_dir, display_path, resolve_data_dir
from .plausibility import ALLOWANCE_KEY, check_period
from .provenance import check_provenance
from .reader import Package, Table, read_descriptor, read_package
from .report import Problem, Report
from .required_schema import required_schema_problems
from .rules import (
    ATTESTED_TABLES,
    CHECKS,
    EVIDENCE_WORDS,
    LIST_FIELDS,
    MAX_QUOTE_WORDS,
    evidence_class,
    quoted_fields,
)
from .schema import frictionless_problems, list_pattern_vocabulary
from .text import split_list

__all__ = [
    "ATTESTED_TABLES",
    "CHECKS",
    "DATA_ENV",
    "EVIDENCE_WORDS",
    "LIST_FIELDS",
    "MAX_QUOTE_WORDS",
    "PACKAGE_FILE",
    "Problem",
    "Report",
    "Table",
    "check_provenance",
    "default_data_dir",
    "display_path",
    "evidence_class",
    "list_pattern_vocabulary",
    "parse_date",
    "quoted_fields",
    "read_descriptor",
    "read_package",
    "resolve_data_dir",
    "run",
    "split_list",
    "validate",
]


def run(
    data_dir: str | os.PathLike | None = None,
    sources_dir: str | os.PathLike | None = None,
    check_quotes: bool = False,
) -> tuple[Report, Package]:
    """Validate the package; return the report and what was read (the loader reuses the tables)."""
    data_dir = resolve_data_dir(data_dir)
    report = Report(data_dir)
    package = read_package(data_dir)
    report.problems += package.problems
    if package.descriptor is None:
        return report, package
    descriptor = package.descriptor
    version = descriptor.get("version")
    report.version = version if isinstance(version, str) else None
    tables = package.tables

    required, damaged = required_schema_problems(descriptor, display_path(data_dir / PACKAGE_FILE))
    report.problems += required
    report.problems += frictionless_problems(descriptor, data_dir, tables, package.files)
    # A table that lost a field or constraint the rules rely on is not handed to them.
    usable = {name: t for name, t in tables.items() if name not in damaged}
    skipped = []
    for c in CHECKS.values():
        if any(n not in usable for n in c.needs):
            skipped.append(c.name)
            continue
        report.problems += list(c.fn(usable))
    report.problems += list(
        check_period(usable, descriptor.get(ALLOWANCE_KEY), display_path(data_dir / PACKAGE_FILE))
    )
    if skipped:
        report.notes.append(
            "Not run, because a file they need is unreadable or its schema incomplete: "
            + ", ".join(skipped)
            + "."
        )

    if check_quotes:
        directory = Path(sources_dir) if sources_dir is not None else _sources.sources_dir(False)
        if directory is None or not directory.is_dir():
            why = (
                f"{directory} is not a directory"
                if directory is not None
                else f"{_sources.SOURCES_ENV} is not set"
            )
            report.problems.append(
                Problem(
                    display_path(data_dir / "attestations.csv"),
                    None,
                    None,
                    f"cannot check quotations: {why}",
                    "provenance",
                )
            )
        elif "sources" not in usable:
            report.notes.append("Quotations not checked: sources.csv is unreadable.")
        else:
            report.problems += check_provenance(usable, directory)
            report.quotes_checked = True

    att = tables.get("attestations")
    per_table = Counter(r.get("table", "") for r in att.rows) if att else Counter()
    for resource in descriptor["resources"]:
        name = resource["name"]
        report.counts[name] = {"rows": len(tables[name].rows) if name in tables else None}
        if name in ATTESTED_TABLES:
            report.counts[name]["attestations"] = per_table.get(name, 0) if att else None
    return report, package


def validate(
    data_dir: str | os.PathLike | None = None,
    sources_dir: str | os.PathLike | None = None,
    check_quotes: bool = False,
) -> Report:
    """Validate the data package; return every problem found as a :class:`Report`.

    ``data_dir`` defaults as in :func:`resolve_data_dir`; ``sources_dir`` defaults to
    SOURCES_DIR. With ``check_quotes=True`` and no source texts available the report carries a
    problem saying so (a provenance check that cannot run must not pass silently).
    """
    return run(data_dir, sources_dir, check_quotes)[0]
