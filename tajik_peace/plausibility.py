"""Plausibility rules: what the schema's types let through but no reader of the book could use.

Frictionless parses ``NaN``, ``inf``, ``60_000``, ``2999-1-1`` and a 400-digit count without
complaint, and the loader or a chapter then fails on them; these rules make the validator refuse
exactly what the loader cannot load. They register in :data:`~tajik_peace.rules.CHECKS` like the
other rules; :func:`check_period` also needs the descriptor's allowances and is called directly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

import networkx as nx

from .dates import parse_date
from .reader import Table
from .report import Problem
from .rules import _number, _p, check

#: Digits only: Python's int() and frictionless also take "60_000" and spaces.
_PLAIN_INTEGER = re.compile(r"[+-]?\d+")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
#: A whole number must fit a 64-bit integer column (pandas Int64).
MAX_INTEGER_DIGITS = 18
#: The CSV reader's own default limit, kept whatever limit a library has set since.
MAX_CELL_CHARS = 131_072
#: C0 and C1 control characters, NUL included. Tabs and line breaks are allowed in cells.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _parses(value: str, kind: str) -> bool:
    """Whether frictionless's parser takes ``value`` as a date, an integer or a number."""
    try:
        if kind == "date":
            datetime.strptime(value, "%Y-%m-%d")
        else:
            int(value) if kind == "integer" else Decimal(value)
    except (ValueError, ArithmeticError):
        return False
    return True


@check("cell-values")
def check_cell_values(t: dict[str, Table]) -> Iterable[Problem]:
    """Numbers are finite and in digits; whole numbers fit 64 bits; cells are short, without control characters."""
    for tab in t.values():
        kinds = {f["name"]: f.get("type", "string") for f in tab.fields}
        for i, row in enumerate(tab.rows):
            for name, value in row.items():
                if len(value) > MAX_CELL_CHARS:
                    yield _p(
                        tab,
                        i,
                        name,
                        f"has {len(value):,} characters; a cell may hold at most {MAX_CELL_CHARS:,}",
                        "cell-values",
                    )
                    continue
                m = _CONTROL.search(value)
                if m:
                    yield _p(
                        tab,
                        i,
                        name,
                        f"contains the control character U+{ord(m.group()):04X} at position "
                        f"{m.start() + 1}: remove it",
                        "cell-values",
                    )
                    continue
                value = value.strip()
                kind = kinds.get(name)
                if kind == "date" and value and parse_date(value) is None and _parses(value, kind):
                    # strptime takes "2999-1-1"; every date rule reads only YYYY-MM-DD
                    yield _p(
                        tab,
                        i,
                        name,
                        f"{value!r}: write a date as YYYY-MM-DD, with leading zeros",
                        "cell-values",
                    )
                    continue
                if not value or kind not in ("integer", "number"):
                    continue
                if not _parses(value, kind):
                    continue  # frictionless reports it as not a number
                if kind == "integer" and _PLAIN_INTEGER.fullmatch(value):
                    digits = len(value.lstrip("+-"))
                    if digits > MAX_INTEGER_DIGITS:
                        yield _p(
                            tab,
                            i,
                            name,
                            f"has {digits} digits: a whole number here has at most "
                            f"{MAX_INTEGER_DIGITS}",
                            "cell-values",
                        )
                elif kind == "number" and _PLAIN_NUMBER.fullmatch(value):
                    if not math.isfinite(float(value)):
                        yield _p(
                            tab, i, name, f"{value[:40]!r} is too large a number", "cell-values"
                        )
                else:  # what frictionless still parses: NaN, inf, 60_000, 1e3 as an integer
                    what = "a whole number" if kind == "integer" else "a finite number"
                    yield _p(
                        tab,
                        i,
                        name,
                        f"{value[:40]!r} is not {what} written in plain digits",
                        "cell-values",
                    )


@check("counts", "statistics")
def check_counts(t: dict[str, Table]) -> Iterable[Problem]:
    """A statistic is a count, a duration, a share or a year: never below zero."""
    tab = t["statistics"]
    for i, row in enumerate(tab.rows):
        v = _number(row.get("value", ""))
        if v is not None and v < 0:
            yield _p(tab, i, "value", f"is {v:g}: a count cannot be below zero", "counts")


@check("affiliations", "actors")
def check_affiliations(t: dict[str, Table]) -> Iterable[Problem]:
    """Actor affiliations form no cycle (an actor cannot belong, in the end, to itself)."""
    tab = t["actors"]
    graph = nx.DiGraph()
    line = {}
    for i, row in enumerate(tab.rows):
        aid, parent = row.get("actor_id", ""), row.get("affiliation", "").strip()
        if aid in line:  # a duplicate id is reported by frictionless; one edge per actor
            continue
        line[aid] = i
        if parent:
            graph.add_edge(aid, parent)
    # Each actor has one affiliation, so each weak component holds at most one cycle: linear.
    for cycle in sorted(sorted(c) for c in nx.simple_cycles(graph)):
        first = min(cycle, key=lambda a: line.get(a, 0))
        order = [first]
        while len(order) < len(cycle):
            order.append(next(iter(graph.successors(order[-1]))))
        yield _p(
            tab,
            line.get(first, 0),
            "affiliation",
            "affiliations form a cycle: " + " -> ".join([*order, first]),
            "affiliations",
        )


@check("self-relation", "relations")
def check_self_relation(t: dict[str, Table]) -> Iterable[Problem]:
    """A relation joins two different actors."""
    tab = t["relations"]
    for i, row in enumerate(tab.rows):
        a, b = row.get("from_actor", "").strip(), row.get("to_actor", "").strip()
        if a and a == b:
            yield _p(tab, i, "to_actor", f"{a!r} is both from_actor and to_actor", "self-relation")


#: The period the dataset covers; a date outside it needs an allowance with a reason.
PERIOD = (date(1985, 1, 1), date(2000, 12, 31))
#: No date, allowed or not, lies outside these (the loader's datetime range is far wider).
OUTER = (date(1900, 1, 1), date(2099, 12, 31))
#: Key of the allowances in datapackage.json.
ALLOWANCE_KEY = "datesOutsidePeriod"


def date_fields(tab: Table) -> list[str]:
    return [f["name"] for f in tab.fields if f.get("type") == "date"]


def check_period(t: dict[str, Table], allowances: object, package_file: str) -> Iterable[Problem]:
    """Dates lie in 1985-2000 unless the record is allowed (with a reason), and in 1900-2099.

    ``allowances`` is the descriptor's ``datesOutsidePeriod`` list of ``{"table", "id",
    "reason"}``; an allowance naming no record, giving no reason or no longer needed is itself
    a problem, so the list cannot go stale.
    """
    allowed: dict[tuple[str, str], str] = {}
    entries = allowances if isinstance(allowances, list) else []
    if allowances is not None and not isinstance(allowances, list):
        yield Problem(package_file, None, None, f"{ALLOWANCE_KEY} must be a list", "period")
    for n, entry in enumerate(entries, 1):
        ok = isinstance(entry, dict) and all(
            isinstance(entry.get(k), str) and entry[k].strip() for k in ("table", "id", "reason")
        )
        if not ok:
            yield Problem(
                package_file,
                None,
                None,
                f"{ALLOWANCE_KEY} entry {n} needs a table, an id and a reason",
                "period",
            )
            continue
        allowed[(entry["table"], entry["id"])] = entry["reason"]
    used: set[tuple[str, str]] = set()
    for tab in t.values():
        fields = date_fields(tab)
        if not fields:
            continue
        for i, row in enumerate(tab.rows):
            key = (tab.name, row.get(tab.primary_key or "", ""))
            for name in fields:
                d = parse_date(row.get(name))
                if d is None:
                    continue
                if not OUTER[0] <= d <= OUTER[1]:
                    yield _p(
                        tab,
                        i,
                        name,
                        f"{d} is not a plausible date (before {OUTER[0].year} or after "
                        f"{OUTER[1].year})",
                        "period",
                    )
                elif not PERIOD[0] <= d <= PERIOD[1]:
                    if key in allowed:
                        used.add(key)
                    else:
                        yield _p(
                            tab,
                            i,
                            name,
                            f"{d} lies outside the period {PERIOD[0].year}-{PERIOD[1].year}: "
                            f"correct it, or allow it with a reason in {ALLOWANCE_KEY} of "
                            "datapackage.json",
                            "period",
                        )
    for key in allowed:
        # An allowance for a record the package lacks is not flagged: the test fixtures share
        # the real descriptor but hold only some of its records.
        if key not in used and key[1] in (t[key[0]].ids() if key[0] in t else ()):
            yield Problem(
                package_file,
                None,
                None,
                f"{ALLOWANCE_KEY} allows {key[0]}:{key[1]}, which has no date outside the "
                "period: remove the allowance",
                "period",
            )
