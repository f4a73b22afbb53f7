"""Validation of the data package in ``data/``: every problem, not just the first.

Four stages, each reporting :class:`Problem` records with the file, the line in the CSV file (the
header is line 1) and the field:

a. raw file checks, before any CSV parser guesses anything: missing or empty file, UTF-8
   byte-order mark, bytes that are not UTF-8, header columns missing, stray or out of order;
b. frictionless validation against ``datapackage.json`` (types, required, enum, pattern,
   minimum/maximum, unique, primary and foreign keys) of every file that passed stage a;
c. the project's own rules (:data:`CHECKS`), each a named function;
d. only with ``check_quotes=True``: provenance of the quotations and aliases against the source
   texts in SOURCES_DIR.

``validate()`` never raises for a problem in the data; it returns a :class:`Report`.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import dates as _dates
from . import sources as _sources
from .text import contains_words, spelling_key, split_list, words

DATA_ENV = "TAJIK_PEACE_DATA"
PACKAGE_FILE = "datapackage.json"
MAX_QUOTE_WORDS = 40
SHARE_TOLERANCE = 0.5
PRECISIONS = _dates.PRECISIONS
#: Tables whose every record must be attested by at least one quotation.
ATTESTED_TABLES = (
    "actors",
    "places",
    "phases",
    "events",
    "agreements",
    "proposals",
    "ceasefires",
    "relations",
    "statistics",
    "discrepancies",
    "positions",
    "russian_moves",
    "impasses",
)
#: ';'-separated list fields: (table, field) -> table whose ids the items are, or None.
LIST_FIELDS = {
    ("actors", "aliases"): None,
    ("places", "aliases"): None,
    ("events", "actors"): "actors",
    ("agreements", "signatories"): "actors",
    ("agreements", "topics"): None,
    ("russian_moves", "target_actor_ids"): "actors",
    ("impasses", "broken_by"): "actors",
}
_BOM = b"\xef\xbb\xbf"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def default_data_dir() -> Path:
    """The repository's ``data/`` directory, next to the package."""
    return Path(__file__).resolve().parent.parent / "data"


def resolve_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """``data_dir`` if given, else $TAJIK_PEACE_DATA if set, else the repository's ``data/``."""
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get(DATA_ENV, "").strip()
    return Path(env).expanduser() if env else default_data_dir()


def display_path(path: Path) -> str:
    """A path as a reader wants it: relative to the working directory where it lies below it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Problem:
    """One problem in the data package.

    ``row`` is the line of the CSV file where the record starts (the header is line 1), or None
    for a problem with the whole file; ``field`` is the column, or None; ``check`` names the
    check that found it.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    check: str

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


@dataclass
class Report:
    """What :func:`validate` found."""

    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    #: table -> {"rows": n or None when unreadable, "attestations": n}
    counts: dict[str, dict[str, int | None]] = field(default_factory=dict)
    quotes_checked: bool = False
    notes: list[str] = field(default_factory=list)
    version: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_file(self) -> dict[str, list[Problem]]:
        grouped: dict[str, list[Problem]] = defaultdict(list)
        for p in self.problems:
            grouped[p.file].append(p)
        return dict(grouped)

    def checks_failed(self) -> set[str]:
        return {p.check for p in self.problems}

    def format(self) -> str:
        """A readable report: problems grouped by file, then row and attestation counts."""
        lines = [
            f"Data package: {display_path(self.data_dir)}"
            + (f" (version {self.version})" if self.version else "")
        ]
        if self.quotes_checked:
            lines.append("Quotations and aliases checked against the source texts.")
        lines += self.notes
        lines.append("")
        for file, problems in self.by_file().items():
            lines.append(f"{file}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
            for p in problems:
                where = ", ".join(
                    x
                    for x in (
                        f"row {p.row}" if p.row is not None else "",
                        f"field {p.field}" if p.field else "",
                    )
                    if x
                )
                lines.append(f"  {where + ': ' if where else ''}{p.message} [{p.check}]")
            lines.append("")
        if self.counts:
            width = max(len(t) for t in self.counts)
            lines.append(f"{'table':<{width}}  {'rows':>6}  {'attestations':>12}")
            for table, c in self.counts.items():
                rows = "?" if c.get("rows") is None else str(c["rows"])
                att = (
                    "-"
                    if table not in ATTESTED_TABLES
                    else ("?" if c.get("attestations") is None else str(c["attestations"]))
                )
                lines.append(f"{table:<{width}}  {rows:>6}  {att:>12}")
            lines.append("")
        n = len(self.problems)
        lines.append(
            "No problems found."
            if not n
            else f"{n} problem{'s' if n != 1 else ''} found in "
            f"{len(self.by_file())} file{'s' if len(self.by_file()) != 1 else ''}."
        )
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Reading the package


@dataclass
class Table:
    """One CSV file as text cells, with the line each record starts on (for the checks)."""

    name: str
    file: str
    fields: list[dict]
    rows: list[dict[str, str]]
    lines: list[int]  # lines[i] = line number of rows[i]
    primary_key: str | None = None

    def ids(self) -> set[str]:
        return {r.get(self.primary_key, "") for r in self.rows} if self.primary_key else set()

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)


def read_descriptor(data_dir: Path) -> dict:
    with open(Path(data_dir) / PACKAGE_FILE, encoding="utf-8") as fh:
        return json.load(fh)


def _primary_key(resource: dict) -> str | None:
    pk = resource.get("schema", {}).get("primaryKey")
    if isinstance(pk, list):
        return pk[0] if len(pk) == 1 else None
    return pk


def _record_lines(text: str) -> list[int]:
    """Start line of every CSV record in ``text`` (the header record is line 1)."""
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    prev = 0
    for _ in reader:
        starts.append(prev + 1)
        prev = reader.line_num
    return starts


def _raw_check(resource: dict, data_dir: Path, file: str) -> tuple[list[Problem], str | None]:
    """Stage a for one resource: the problems, and the decoded text if it can be parsed."""
    path = data_dir / resource["path"]
    expected = [f["name"] for f in resource["schema"]["fields"]]
    if not path.is_file():
        return [Problem(file, None, None, "file is missing", "file-missing")], None
    raw = path.read_bytes()
    problems: list[Problem] = []
    if raw.startswith(_BOM):
        problems.append(
            Problem(
                file,
                1,
                None,
                "file starts with a UTF-8 byte-order mark (BOM); "
                "save it as UTF-8 without a byte-order mark",
                "byte-order-mark",
            )
        )
        raw = raw[len(_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems += _encoding_problems(raw, exc, expected, file)
        text = None
    if text is not None and not text.strip():
        return problems + [
            Problem(file, None, None, "file is empty: it has no header line", "file-empty")
        ], None
    if text is None:
        return problems, None
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    problems += _header_problems(header, expected, file)
    return problems, text


def _encoding_problems(
    raw: bytes, exc: UnicodeDecodeError, expected: list[str], file: str
) -> list[Problem]:
    """Name the line and the field of every cell holding bytes that are not UTF-8."""
    text = raw.decode("utf-8", errors="surrogateescape")
    bad = re.compile("[\udc80-\udcff]")
    problems = []
    reader = csv.reader(io.StringIO(text, newline=""))
    prev = 0
    header: list[str] | None = None
    for record in reader:
        line = prev + 1
        prev = reader.line_num
        if header is None:
            header = record
        for i, cell in enumerate(record):
            m = bad.search(cell)
            if m:
                name = (
                    header[i] if i < len(header) else (expected[i] if i < len(expected) else None)
                )
                byte = ord(m.group()) - 0xDC00
                problems.append(
                    Problem(
                        file,
                        line,
                        name,
                        f"is not valid UTF-8: byte 0x{byte:02x} in {cell.encode('utf-8', 'surrogateescape')!r}"
                        " (the file looks saved as Latin-1 or Windows-1252; save it as UTF-8)",
                        "encoding",
                    )
                )
    if not problems:  # e.g. a bad byte inside a broken quoted field
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                file,
                line,
                None,
                f"is not valid UTF-8: {exc.reason} "
                f"(byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                "encoding",
            )
        )
    return problems


def _header_problems(header: list[str], expected: list[str], file: str) -> list[Problem]:
    problems = []
    stray = [c for c in header if c not in expected]
    missing = [c for c in expected if c not in header]
    for c in missing:
        problems.append(Problem(file, 1, c, f"column {c!r} is missing from the header", "header"))
    for c in stray:
        hint = ""
        if c.strip() in expected:
            hint = " (it has spaces around the name)"
        problems.append(
            Problem(file, 1, c, f"stray extra column {c!r} in the header{hint}", "header")
        )
    seen = set()
    for c in header:
        if c in seen:
            problems.append(
                Problem(file, 1, c, f"column {c!r} appears twice in the header", "header")
            )
        seen.add(c)
    if not problems and header != expected:
        first = next(h for h, e in zip(header, expected) if h != e)
        problems.append(
            Problem(
                file,
                1,
                first,
                "columns are in the wrong order: expected "
                + ", ".join(expected)
                + "; found "
                + ", ".join(header),
                "header",
            )
        )
    return problems


def _parse_table(resource: dict, text: str, file: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = _record_lines(text)
    records = list(reader)
    header = records[0]
    rows, row_lines = [], []
    for rec, line in zip(records[1:], lines[1:]):
        if not any(c.strip() for c in rec):
            continue
        rows.append({h: (rec[i] if i < len(rec) else "") for i, h in enumerate(header)})
        row_lines.append(line)
    return Table(
        resource["name"],
        file,
        resource["schema"]["fields"],
        rows,
        row_lines,
        _primary_key(resource),
    )


# --------------------------------------------------------------------------------------------
# Stage b: frictionless


def _frictionless_problems(
    descriptor: dict,
    data_dir: Path,
    readable: dict[str, Table],
    record_lines: dict[str, list[int]],
    files: dict[str, str],
) -> list[Problem]:
    """Validate the readable resources with frictionless; turn its errors into Problems.

    Resources that failed the raw checks are left out, and so are foreign keys that point at
    them (the missing lookup would only repeat the raw problem on every row).
    """
    import frictionless

    desc = json.loads(json.dumps(descriptor))
    keep = [r for r in desc["resources"] if r["name"] in readable]
    for r in keep:
        fks = r["schema"].get("foreignKeys", [])
        r["schema"]["foreignKeys"] = [
            fk for fk in fks if (fk["reference"].get("resource") or r["name"]) in readable
        ]
        if not r["schema"]["foreignKeys"]:
            del r["schema"]["foreignKeys"]
    desc["resources"] = keep
    if not keep:
        return []
    try:
        package = frictionless.Package(desc, basepath=str(data_dir))
        report = package.validate(limit_errors=100000)
    except Exception as exc:  # a broken descriptor
        return [
            Problem(
                display_path(data_dir / PACKAGE_FILE),
                None,
                None,
                f"frictionless cannot read the package: {exc}",
                "frictionless",
            )
        ]
    problems: list[Problem] = []
    for task in report.tasks:
        name = task.name
        resource = next(r for r in keep if r["name"] == name)
        lines = record_lines.get(name, [])
        seen: set[tuple] = set()
        for error in task.errors:
            p = _convert_error(error, resource, files[name], lines, files)
            key = (p.row, p.field)
            if error.type in ("unique-error", "primary-key"):
                if key in seen:
                    continue
                seen.add(key)
            problems.append(p)
    for error in report.errors:
        problems.append(
            Problem(
                display_path(data_dir / PACKAGE_FILE), None, None, error.message, "frictionless"
            )
        )
    return problems


def _line(lines: list[int], row_number: int | None) -> int | None:
    if row_number is None:
        return None
    if 1 <= row_number <= len(lines):
        return lines[row_number - 1]
    return row_number


def _convert_error(
    error, resource: dict, file: str, lines: list[int], files: dict[str, str]
) -> Problem:
    etype = error.type
    row = _line(lines, getattr(error, "row_number", None))
    field_name = getattr(error, "field_name", None)
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    spec = fields.get(field_name, {})
    message = error.message
    if etype == "type-error":
        kind = spec.get("type")
        message = {
            "date": f"{cell!r} is not a valid ISO 8601 date (YYYY-MM-DD)",
            "integer": f"{cell!r} is not a whole number",
            "number": f"{cell!r} is not a number",
        }.get(kind, f"{cell!r} is not of type {kind}")
    elif etype == "constraint-error":
        m = re.search(r'constraint "(\w+)"', note)
        constraint = m.group(1) if m else ""
        value = spec.get("constraints", {}).get(constraint)
        if constraint == "required":
            message = "is required but empty"
        elif constraint == "enum":
            message = f"{cell!r} is not one of: " + ", ".join(map(str, value))
        elif constraint == "pattern":
            vocab = list_pattern_vocabulary(value or "")
            message = (
                f"{cell!r} is not a ';'-separated list of: " + ", ".join(vocab)
                if vocab
                else f"{cell!r} does not match the pattern {value}"
            )
        elif constraint == "minimum":
            message = f"{cell!r} is below the minimum {value}"
        elif constraint == "maximum":
            message = f"{cell!r} is above the maximum {value}"
        else:
            message = f"{cell!r} breaks the constraint {constraint}: {note}"
    elif etype in ("unique-error", "primary-key"):
        if etype == "primary-key":
            field_name = _primary_key(resource)
            cells = getattr(error, "cells", []) or []
            names = [f["name"] for f in resource["schema"]["fields"]]
            if field_name in names and len(cells) > names.index(field_name):
                cell = cells[names.index(field_name)]
        m = re.search(r"position (\d+)", note)
        other = f" (first at row {_line(lines, int(m.group(1)))})" if m else ""
        message = f"duplicate value {cell!r}{other}: must be unique"
    elif etype == "foreign-key":
        names = list(getattr(error, "field_names", []) or [])
        values = list(getattr(error, "field_cells", []) or [])
        field_name = ", ".join(names) or None
        ref = getattr(error, "reference_name", "") or resource["name"]
        ref_fields = ", ".join(getattr(error, "reference_field_names", []) or [])
        ref_file = files.get(ref, ref)
        message = (
            f"{', '.join(map(str, values))!r} is not a known {ref_fields} in {Path(ref_file).name}"
        )
    elif etype in ("extra-cell", "missing-cell"):
        message = (note and f"{error.title}: {note}") or error.message
    return Problem(file, row, field_name, message, etype)


# --------------------------------------------------------------------------------------------
# Helpers for the project's rules


def list_pattern_vocabulary(pattern: str) -> list[str] | None:
    """The vocabulary of a ``^(a|b)(;(a|b))*$`` list pattern, or None for another pattern."""
    m = re.fullmatch(r"\^\(([\w|]+)\)\(;\(([\w|]+)\)\)\*\$", pattern or "")
    if not m or m.group(1) != m.group(2):
        return None
    return m.group(1).split("|")


def parse_date(value: str | None) -> date | None:
    """An ISO 8601 calendar date (YYYY-MM-DD), or None when empty or invalid."""
    value = (value or "").strip()
    if not _ISO_DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def _integer(value: str) -> int | None:
    try:
        return int(value) if value.strip() else None
    except ValueError:
        return None


def _p(table: Table, i: int, field_name: str | None, message: str, check: str) -> Problem:
    return Problem(table.file, table.lines[i], field_name, message, check)


# --------------------------------------------------------------------------------------------
# Stage c: the project's rules. Each check takes the readable tables and yields Problems; it runs
# only when every table it needs is readable.

CheckFn = Callable[[dict[str, Table]], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    name: str
    needs: tuple[str, ...]
    fn: CheckFn
    doc: str


CHECKS: dict[str, Check] = {}


def check(name: str, *needs: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = Check(name, needs, fn, (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return register


@check("list-references", "events", "agreements", "actors", "places", "russian_moves", "impasses")
def check_lists(t: dict[str, Table]) -> Iterable[Problem]:
    """';'-separated lists are clean, and id lists name existing records."""
    for (table, fname), target in LIST_FIELDS.items():
        tab = t[table]
        known = t[target].ids() if target else None
        for i, row in enumerate(tab.rows):
            raw = row.get(fname, "")
            if not raw:
                continue
            parts = raw.split(";")
            if any(not p.strip() for p in parts):
                yield _p(
                    tab,
                    i,
                    fname,
                    f"{raw!r} has an empty item (a doubled or trailing ';')",
                    "list-references",
                )
            if any(p != p.strip() for p in parts):
                yield _p(
                    tab,
                    i,
                    fname,
                    f"{raw!r} has spaces around an item; write 'a;b'",
                    "list-references",
                )
            items = split_list(raw)
            dups = sorted({x for x in items if items.count(x) > 1})
            if dups:
                yield _p(
                    tab, i, fname, f"lists {', '.join(dups)} more than once", "list-references"
                )
            if known is not None:
                for item in items:
                    if item not in known:
                        yield _p(
                            tab,
                            i,
                            fname,
                            f"{item!r} is not a known actor_id in {Path(t[target].file).name}",
                            "list-references",
                        )


@check("topics", "agreements")
def check_topics(t: dict[str, Table]) -> Iterable[Problem]:
    """agreements.topics uses only the topic vocabulary."""
    tab = t["agreements"]
    vocab = list_pattern_vocabulary(tab.field("topics").get("constraints", {}).get("pattern", ""))
    if not vocab:
        return
    for i, row in enumerate(tab.rows):
        for item in split_list(row.get("topics")):
            if item not in vocab:
                yield _p(
                    tab,
                    i,
                    "topics",
                    f"unknown topic {item!r}; topics are: " + ", ".join(vocab),
                    "topics",
                )


@check("attestation-target", *ATTESTED_TABLES, "attestations")
def check_attestation_targets(t: dict[str, Table]) -> Iterable[Problem]:
    """attestations.record_id names an existing record of the named table."""
    tab = t["attestations"]
    for i, row in enumerate(tab.rows):
        table, rid = row.get("table", ""), row.get("record_id", "")
        if table in t and rid and rid not in t[table].ids():
            yield _p(
                tab, i, "record_id", f"{rid!r} is not a record of {table}", "attestation-target"
            )


@check("discrepancy-record", "discrepancies", *ATTESTED_TABLES)
def check_discrepancy_records(t: dict[str, Table]) -> Iterable[Problem]:
    """discrepancies.record is 'table:id' and names an existing record."""
    tab = t["discrepancies"]
    for i, row in enumerate(tab.rows):
        record = row.get("record", "").strip()
        if not record:
            continue
        table, sep, rid = record.partition(":")
        if not sep or not rid:
            yield _p(
                tab,
                i,
                "record",
                f"{record!r} is not of the form table:record_id",
                "discrepancy-record",
            )
        elif table not in t or table == "discrepancies":
            yield _p(
                tab,
                i,
                "record",
                f"{record!r} names no coded table ({table!r})",
                "discrepancy-record",
            )
        elif rid not in t[table].ids():
            yield _p(tab, i, "record", f"{rid!r} is not a record of {table}", "discrepancy-record")


# (table, start field, end field) pairs that must not run backwards
DATE_PAIRS = (
    ("events", "date_start", "date_end"),
    ("phases", "start_date", "end_date"),
    ("ceasefires", "effective_from", "valid_until"),
    ("ceasefires", "agreed_date", "valid_until"),
    ("russian_moves", "date_start", "date_end"),
    ("impasses", "arose_date", "broken_date"),
)


@check("date-order", "events", "phases", "ceasefires", "russian_moves", "impasses")
def check_date_order(t: dict[str, Table]) -> Iterable[Problem]:
    """No start after its end (events, phases, ceasefires)."""
    for table, a, b in DATE_PAIRS:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            da, db = parse_date(row.get(a)), parse_date(row.get(b))
            if da and db and db < da:
                yield _p(tab, i, b, f"{b} {db} is before {a} {da}", "date-order")


# (table, date field, its precision field): every bound of every date has its own precision
DATED = (
    ("phases", "start_date", "start_precision"),
    ("phases", "end_date", "end_precision"),
    ("events", "date_start", "date_start_precision"),
    ("events", "date_end", "date_end_precision"),
    ("agreements", "date_signed", "date_precision"),
    ("proposals", "date", "date_precision"),
    ("ceasefires", "agreed_date", "agreed_precision"),
    ("ceasefires", "effective_from", "effective_from_precision"),
    ("ceasefires", "valid_until", "valid_until_precision"),
    ("relations", "date", "date_precision"),
    ("statistics", "date", "date_precision"),
    ("positions", "date", "date_precision"),
    ("russian_moves", "date_start", "date_start_precision"),
    ("russian_moves", "date_end", "date_end_precision"),
    ("impasses", "arose_date", "arose_precision"),
    ("impasses", "broken_date", "broken_precision"),
)
#: (table, EDTF field, ((date field, precision field), ...)): one bound, or start and end
EDTF_FIELDS = (
    ("phases", "dates_edtf", (("start_date", "start_precision"), ("end_date", "end_precision"))),
    (
        "events",
        "date_edtf",
        (("date_start", "date_start_precision"), ("date_end", "date_end_precision")),
    ),
    ("agreements", "date_signed_edtf", (("date_signed", "date_precision"),)),
    ("proposals", "date_edtf", (("date", "date_precision"),)),
    ("ceasefires", "agreed_edtf", (("agreed_date", "agreed_precision"),)),
    ("ceasefires", "effective_from_edtf", (("effective_from", "effective_from_precision"),)),
    ("ceasefires", "valid_until_edtf", (("valid_until", "valid_until_precision"),)),
    ("relations", "date_edtf", (("date", "date_precision"),)),
    ("statistics", "date_edtf", (("date", "date_precision"),)),
    ("positions", "date_edtf", (("date", "date_precision"),)),
    (
        "russian_moves",
        "date_edtf",
        (("date_start", "date_start_precision"), ("date_end", "date_end_precision")),
    ),
    ("impasses", "arose_edtf", (("arose_date", "arose_precision"),)),
    ("impasses", "broken_edtf", (("broken_date", "broken_precision"),)),
)


@check(
    "date-precision",
    "phases",
    "events",
    "agreements",
    "proposals",
    "ceasefires",
    "relations",
    "statistics",
    "positions",
    "russian_moves",
    "impasses",
)
def check_date_precision(t: dict[str, Table]) -> Iterable[Problem]:
    """Each date agrees with its own precision: month -> day 01, year -> 01-01; precision iff date."""
    for table, dfield, pfield in DATED:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            precision = row.get(pfield, "").strip()
            has_date = bool(row.get(dfield, "").strip())
            if has_date and not precision:
                yield _p(tab, i, pfield, f"is empty but {dfield} is given", "date-precision")
            if precision and not has_date:
                yield _p(
                    tab, i, pfield, f"is {precision!r} but {dfield} is empty", "date-precision"
                )
            d = parse_date(row.get(dfield))
            if d is None:
                continue
            if precision == "month" and d.day != 1:
                yield _p(
                    tab,
                    i,
                    dfield,
                    f"{d} has month precision: write it as the first of the "
                    f"month ({d.replace(day=1)})",
                    "date-precision",
                )
            if precision == "approximate" and d.day != 1:
                yield _p(
                    tab,
                    i,
                    dfield,
                    f"{d} is approximate: write it as the first of its month "
                    f"({d.replace(day=1)}); a day the source gives has precision 'day'",
                    "date-precision",
                )
            if precision == "year" and (d.month, d.day) != (1, 1):
                yield _p(
                    tab,
                    i,
                    dfield,
                    f"{d} has year precision: write it as {d.year}-01-01",
                    "date-precision",
                )
    tab = t["events"]
    for i, row in enumerate(tab.rows):
        if (
            row.get("date_start_precision", "").strip() == "approximate"
            and row.get("date_start", "").strip()
            and not row.get("date_end", "").strip()
        ):
            yield _p(
                tab,
                i,
                "date_end",
                "an approximate event needs date_end: code the span "
                "it covers (e.g. early 1994 = 1994-01-01 to 1994-04-01, both approximate)",
                "date-precision",
            )


@check(
    "edtf",
    "phases",
    "events",
    "agreements",
    "proposals",
    "ceasefires",
    "relations",
    "statistics",
    "positions",
    "russian_moves",
    "impasses",
)
def check_edtf(t: dict[str, Table]) -> Iterable[Problem]:
    """Every *_edtf value is valid EDTF (parsed by the edtf package) and says what its dates say."""
    for table, efield, bounds in EDTF_FIELDS:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            value = row.get(efield, "").strip()
            parts = []
            for dfield, pfield in bounds:
                d, prec = parse_date(row.get(dfield)), row.get(pfield, "").strip()
                if d is not None and prec in PRECISIONS:
                    parts.append((d, prec))
                elif row.get(dfield, "").strip():
                    parts = None  # an unreadable date or precision is reported by other checks
                    break
            if value:
                try:
                    _dates.parse_edtf(value)
                except _dates.EDTFError as exc:
                    yield _p(tab, i, efield, str(exc), "edtf")
                    continue
            if parts is None:
                continue
            expected = (
                _dates.to_edtf(*parts[0], *(parts[1] if len(parts) > 1 else ())) if parts else ""
            )
            if value != expected:
                what = " and ".join(f for f, _ in bounds)
                yield _p(
                    tab,
                    i,
                    efield,
                    f"is {value!r}, but {what} with their precision say {expected!r}",
                    "edtf",
                )


def _phases(t: dict[str, Table]) -> list[tuple[str, date, date, int]]:
    """(phase_id, first day, last day, order) of every phase with readable dates, in order."""
    out = []
    for row in t["phases"].rows:
        start, end = parse_date(row.get("start_date")), parse_date(row.get("end_date"))
        order = _integer(row.get("order", ""))
        if start and end and order is not None:
            try:
                out.append(
                    (
                        row["phase_id"],
                        start,
                        _dates.bound_last(end, row.get("end_precision", "")),
                        order,
                    )
                )
            except ValueError:  # an unknown precision is reported by frictionless
                continue
    return sorted(out, key=lambda p: p[3])


@check("phase-sequence", "phases")
def check_phase_sequence(t: dict[str, Table]) -> Iterable[Problem]:
    """Phases are numbered 1..N, in date order, and do not overlap."""
    tab = t["phases"]
    orders = sorted(o for o in (_integer(r.get("order", "")) for r in tab.rows) if o is not None)
    if orders and orders != list(range(1, len(orders) + 1)):
        yield Problem(
            tab.file,
            None,
            "order",
            f"phase orders are {orders}; expected 1 to {len(orders)} without gaps",
            "phase-sequence",
        )
    phases = _phases(t)
    line = {r["phase_id"]: tab.lines[i] for i, r in enumerate(tab.rows)}
    for (pid, _start, end, _), (nid, nstart, _nend, _) in itertools.pairwise(phases):
        if nstart <= end:
            yield Problem(
                tab.file,
                line[nid],
                "start_date",
                f"phase {nid} starts {nstart}, before phase {pid} (the one before it "
                f"in order) ends {end}",
                "phase-sequence",
            )


def _phase_problems(
    t: dict[str, Table],
    table: str,
    i: int,
    lo: date,
    hi: date,
    phase_id: str,
    check_name: str,
    phases: list[tuple[str, date, date, int]],
) -> Iterable[Problem]:
    tab = t[table]
    if not phases:
        return
    known = {p[0]: p for p in phases}
    covering = [p[0] for p in phases if p[1] <= hi and lo <= p[2]]
    if phase_id:
        if phase_id not in known:
            return  # an unknown phase is a foreign-key problem, reported by frictionless
        _, pstart, pend, _ = known[phase_id]
        if not (pstart <= hi and lo <= pend):
            hint = (
                f"; by its date it falls in {', '.join(covering)}"
                if covering
                else (
                    "; it is before the first phase: leave phase_id empty"
                    if hi < phases[0][1]
                    else ""
                )
            )
            yield _p(
                tab,
                i,
                "phase_id",
                f"its date ({lo} to {hi}) lies outside phase {phase_id} ({pstart} to {pend}){hint}",
                check_name,
            )
    elif phases[0][1] <= lo <= phases[-1][2]:  # empty only if it starts outside the phases
        where = f"falls in {', '.join(covering)}" if covering else "lies between phases"
        yield _p(
            tab,
            i,
            "phase_id",
            f"is empty, but its date ({lo} to {hi}) {where}; "
            "phase_id may be empty only before the first phase or after the last",
            check_name,
        )


@check("phase-assignment", "phases", "events", "relations", "impasses")
def check_phase_assignment(t: dict[str, Table]) -> Iterable[Problem]:
    """An event's or relation's dates overlap its phase; empty phase_id only outside the phases."""
    phases = _phases(t)  # once, not once per record
    for i, row in enumerate(t["events"].rows):
        start = parse_date(row.get("date_start"))
        if start is None:
            continue
        end = parse_date(row.get("date_end"))
        try:
            lo, hi = _dates.window(
                start,
                row.get("date_start_precision", ""),
                end,
                row.get("date_end_precision", "") or None,
            )
        except ValueError:  # an unknown precision is reported by frictionless
            continue
        yield from _phase_problems(
            t, "events", i, lo, hi, row.get("phase_id", ""), "phase-assignment", phases
        )
    for i, row in enumerate(t["relations"].rows):
        d = parse_date(row.get("date"))
        if d is None:
            continue
        try:
            lo, hi = _dates.window(d, row.get("date_precision", ""))
        except ValueError:
            continue
        yield from _phase_problems(
            t, "relations", i, lo, hi, row.get("phase_id", ""), "phase-assignment", phases
        )
    for i, row in enumerate(t["impasses"].rows):  # the phase in which the impasse arose
        d = parse_date(row.get("arose_date"))
        if d is None:
            continue
        try:
            lo, hi = _dates.window(d, row.get("arose_precision", ""))
        except ValueError:
            continue
        yield from _phase_problems(
            t, "impasses", i, lo, hi, row.get("phase_id", ""), "phase-assignment", phases
        )


@check("rounds", "events")
def check_rounds(t: dict[str, Table]) -> Iterable[Problem]:
    """Rounds: only on kind 'round', numbered 1..N, parts 1..k, in date order."""
    tab = t["events"]
    rounds: dict[int, list[tuple[int | None, int, date | None]]] = defaultdict(list)
    for i, row in enumerate(tab.rows):
        kind = row.get("kind", "")
        number, part = _integer(row.get("round_number", "")), _integer(row.get("round_part", ""))
        if kind != "round":
            if number is not None:
                yield _p(
                    tab,
                    i,
                    "round_number",
                    f"is {number} on an event of kind {kind!r}; "
                    "only kind 'round' has a round number",
                    "rounds",
                )
            if part is not None:
                yield _p(tab, i, "round_part", f"is {part} on an event of kind {kind!r}", "rounds")
            continue
        if number is None:
            yield _p(tab, i, "round_number", "is empty on an event of kind 'round'", "rounds")
            continue
        rounds[number].append((part, i, parse_date(row.get("date_start"))))
    numbers = sorted(rounds)
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        yield Problem(
            tab.file,
            None,
            "round_number",
            f"rounds are numbered {numbers}: round {', '.join(map(str, missing))} is missing",
            "rounds",
        )
    ordered: list[tuple[int, int, int, date | None]] = []
    for number in numbers:
        parts = rounds[number]
        given = [p for p, _, _ in parts if p is not None]
        if len(parts) == 1 and not given:
            ordered.append((number, 0, parts[0][1], parts[0][2]))
            continue
        for part, i, _d in parts:
            if part is None:
                yield _p(
                    tab,
                    i,
                    "round_part",
                    f"round {number} is coded as {len(parts)} events, so each needs its round_part",
                    "rounds",
                )
        if sorted(given) != list(range(1, len(given) + 1)):
            i = parts[0][1]
            yield _p(
                tab,
                i,
                "round_part",
                f"the parts of round {number} are {sorted(given)}; "
                f"expected 1 to {len(given)}, each once",
                "rounds",
            )
        ordered += [(number, p or 0, i, d) for p, i, d in parts]
    ordered.sort()
    for (n1, p1, _, d1), (n2, p2, i2, d2) in itertools.pairwise(ordered):
        if d1 and d2 and d2 <= d1 and (n1, p1) != (n2, p2):
            label = f"round {n2}" + (f" part {p2}" if p2 else "")
            prev = f"round {n1}" + (f" part {p1}" if p1 else "")
            yield _p(
                tab,
                i2,
                "date_start",
                f"{label} starts {d2}, not after {prev} ({d1}): "
                "rounds must be numbered in date order",
                "rounds",
            )


@check("shares", "proposals")
def check_shares(t: dict[str, Table]) -> Iterable[Problem]:
    """Seat shares lie in 0-100 and add up to 100 (within 0.5) where all three are given."""
    tab = t["proposals"]
    names = ("government_share", "opposition_share", "other_share")
    for i, row in enumerate(tab.rows):
        values = {n: _number(row.get(n, "")) for n in names}
        for n, v in values.items():
            if v is not None and not 0 <= v <= 100:
                yield _p(tab, i, n, f"share {v:g} is outside 0-100", "shares")
        given = [v for v in values.values() if v is not None]
        total = sum(given)
        if len(given) == 3 and abs(total - 100) > SHARE_TOLERANCE:
            yield _p(
                tab, i, "other_share", f"the three shares add up to {total:g}, not 100", "shares"
            )
        elif len(given) < 3 and total > 100 + SHARE_TOLERANCE:
            yield _p(
                tab,
                i,
                next(n for n, v in values.items() if v is not None),
                f"the shares given add up to {total:g}, more than 100",
                "shares",
            )


@check("attested", *ATTESTED_TABLES, "attestations")
def check_attested(t: dict[str, Table]) -> Iterable[Problem]:
    """Every record of the coded tables is attested by at least one quotation."""
    attested = {(r.get("table"), r.get("record_id")) for r in t["attestations"].rows}
    for table in ATTESTED_TABLES:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            rid = row.get(tab.primary_key, "")
            if rid and (table, rid) not in attested:
                yield _p(
                    tab,
                    i,
                    tab.primary_key,
                    f"{rid!r} is not attested: attestations.csv has no quotation for {table}:{rid}",
                    "attested",
                )


# Field-level evidence. Each field of a coded table carries an "evidence" class in
# datapackage.json: "quoted" (the default, so a new field needs support until declared otherwise),
# "derived" (ids, EDTF, phase assignment: set by a stated rule), "commentary" (the coder's own
# words), "checked" (spellings, checked against the texts by the provenance stage) or
# "with:<field>" (a precision, supported with its date).

#: What each evidence class means to a reader (codebook, ``explain``, the data page).
EVIDENCE_WORDS = {
    "quoted": "quotation",
    "derived": "derived by rule",
    "commentary": "commentary",
    "checked": "checked against the texts",
}


def evidence_class(spec: dict) -> str:
    """A field's evidence class; fields that declare none need a quotation (fail closed)."""
    value = spec.get("evidence")
    return value if isinstance(value, str) and value.strip() else "quoted"


def quoted_fields(tab: Table | dict) -> list[str]:
    """Fields of a coded table (a :class:`Table` or a resource descriptor) whose values must be
    carried by a quotation or flagged inferred."""
    fields = tab.fields if isinstance(tab, Table) else tab["schema"]["fields"]
    return [f["name"] for f in fields if evidence_class(f) == "quoted"]


def companion_fields(tab: Table) -> dict[str, str]:
    """``{precision field: date field}`` for fields supported together with their date."""
    out = {}
    for f in tab.fields:
        cls = evidence_class(f)
        if cls.startswith("with:"):
            out[f["name"]] = cls.removeprefix("with:")
    return out


def supported_fields(t: dict[str, Table]) -> dict[tuple[str, str], set[str]]:
    """``{(table, record_id): fields named by that record's attestations}``, in one pass."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in t["attestations"].rows:
        out[(row.get("table", ""), row.get("record_id", ""))].update(split_list(row.get("fields")))
    return out


@check("fields-columns", *ATTESTED_TABLES, "attestations")
def check_fields_columns(t: dict[str, Table]) -> Iterable[Problem]:
    """attestations.fields names only quoted columns of the record, and none that is empty."""
    tab = t["attestations"]
    quoted = {name: set(quoted_fields(t[name])) for name in ATTESTED_TABLES}
    columns = {name: {f["name"] for f in t[name].fields} for name in ATTESTED_TABLES}
    records = {
        name: {r.get(t[name].primary_key, ""): r for r in t[name].rows} for name in ATTESTED_TABLES
    }
    for i, row in enumerate(tab.rows):
        table = row.get("table", "")
        if table not in quoted:
            continue  # an unknown table is reported by frictionless
        record = records[table].get(row.get("record_id", ""))
        for name in split_list(row.get("fields")):
            if name not in columns[table]:
                yield _p(tab, i, "fields", f"{name!r} is not a column of {table}", "fields-columns")
            elif name not in quoted[table]:
                yield _p(
                    tab,
                    i,
                    "fields",
                    f"{name!r} needs no quotation ({evidence_class(t[table].field(name))}"
                    " in datapackage.json): name only fields a quotation must carry",
                    "fields-columns",
                )
            elif record is not None and not record.get(name, "").strip():
                yield _p(
                    tab,
                    i,
                    "fields",
                    f"{name!r} is empty in {table}:{row.get('record_id')}, "
                    "so this quotation supports no value of it",
                    "fields-columns",
                )


@check("field-support", *ATTESTED_TABLES, "attestations")
def check_field_support(t: dict[str, Table]) -> Iterable[Problem]:
    """Every non-empty quoted field is named by one of the record's attestations or inferred."""
    supported = supported_fields(t)
    for table in ATTESTED_TABLES:
        tab = t[table]
        quoted = quoted_fields(tab)
        columns = {f["name"] for f in tab.fields}
        for i, row in enumerate(tab.rows):
            rid = row.get(tab.primary_key, "")
            named = supported.get((table, rid), set())
            inferred = split_list(row.get("inferred"))
            for name in inferred:
                if name not in columns:
                    yield _p(
                        tab, i, "inferred", f"{name!r} is not a column of {table}", "field-support"
                    )
                elif name not in quoted:
                    yield _p(
                        tab,
                        i,
                        "inferred",
                        f"{name!r} needs no flag: it is "
                        f"{evidence_class(tab.field(name))} in datapackage.json",
                        "field-support",
                    )
                elif not row.get(name, "").strip():
                    yield _p(
                        tab,
                        i,
                        "inferred",
                        f"{name!r} is empty, so there is no value to flag",
                        "field-support",
                    )
                elif name in named:
                    yield _p(
                        tab,
                        i,
                        "inferred",
                        f"{name!r} is both flagged inferred and named by "
                        "a quotation: say which it is",
                        "field-support",
                    )
            backed = named | set(inferred)
            for name in quoted:
                if row.get(name, "").strip() and name not in backed:
                    yield _p(
                        tab,
                        i,
                        name,
                        f"{table}:{rid}: no attestation names it in fields, and it "
                        "is not in inferred (add the quotation that carries the value, correct "
                        "the value, or flag it inferred with the reason in notes)",
                        "field-support",
                    )


@check("inferred-reason", *ATTESTED_TABLES)
def check_inferred_reason(t: dict[str, Table]) -> Iterable[Problem]:
    """A record that flags fields as inferred gives the reason in notes."""
    for table in ATTESTED_TABLES:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            if split_list(row.get("inferred")) and not row.get("notes", "").strip():
                yield _p(
                    tab,
                    i,
                    "inferred",
                    f"flags {row.get('inferred')!r} as the coder's "
                    "inference but notes gives no reason",
                    "inferred-reason",
                )


@check(
    "review-targets",
    *ATTESTED_TABLES,
    "attestations",
    "review_log",
    "double_coding",
    "second_review",
)
def check_review_targets(t: dict[str, Table]) -> Iterable[Problem]:
    """Review rows name existing records (a record deleted by a review: field '*')."""
    ids = {name: t[name].ids() for name in (*ATTESTED_TABLES, "attestations")}
    for name in ("review_log", "double_coding", "second_review"):
        tab = t[name]
        for i, row in enumerate(tab.rows):
            table, rid = row.get("table", ""), row.get("record_id", "")
            if table in ids and rid not in ids[table] and row.get("field") != "*":
                yield _p(
                    tab, i, "record_id", f"{rid!r} is not a record of {table}", "review-targets"
                )
    seen: dict[tuple[str, str], int] = {}
    tab = t["second_review"]
    for i, row in enumerate(tab.rows):
        key = (row.get("table", ""), row.get("record_id", ""))
        if key in seen:
            yield _p(
                tab,
                i,
                "record_id",
                f"{key[0]}:{key[1]} is reviewed twice (also on line {tab.lines[seen[key]]})",
                "review-targets",
            )
        seen.setdefault(key, i)


@check("quote-length", "attestations")
def check_quote_length(t: dict[str, Table]) -> Iterable[Problem]:
    """Quotations are at most 40 words."""
    tab = t["attestations"]
    for i, row in enumerate(tab.rows):
        n = _sources.word_count(row.get("quote", ""))
        if n > MAX_QUOTE_WORDS:
            yield _p(
                tab,
                i,
                "quote",
                f"has {n} words; a quotation may have at most {MAX_QUOTE_WORDS}",
                "quote-length",
            )


@check("aliases", "actors", "places", "attestations")
def check_aliases(t: dict[str, Table]) -> Iterable[Problem]:
    """A spelling two actors (or two places) share is used for each in one of its quotations.

    Sources do use one word for two things ("Leninabad" is the city in Adamishin and the region
    in Iji); the resolver then lists both. A shared spelling without such a quotation is a slip.
    """
    quotes: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for row in t["attestations"].rows:
        quotes[(row.get("table", ""), row.get("record_id", ""))].append(words(row.get("quote", "")))
    for table in ("actors", "places"):
        tab = t[table]
        owners: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
        for i, row in enumerate(tab.rows):
            rid = row.get(tab.primary_key, "")
            own: set[str] = set()
            for fname, spelling in [("name", row.get("name", ""))] + [
                ("aliases", a) for a in split_list(row.get("aliases"))
            ]:
                key = spelling_key(spelling)
                if key and key not in own:
                    own.add(key)
                    owners[key].append((i, rid, fname, spelling))
        for holders in owners.values():
            if len(holders) < 2:
                continue
            for i, rid, fname, spelling in holders:
                needle = words(spelling)
                if not any(contains_words(q, needle) for q in quotes.get((table, rid), [])):
                    others = ", ".join(h[1] for h in holders if h[1] != rid)
                    yield _p(
                        tab,
                        i,
                        fname,
                        f"spelling {spelling!r} is shared with {others}, but "
                        f"no quotation of {table}:{rid} uses it: a shared spelling needs a "
                        "quotation showing the source uses it for each record",
                        "aliases",
                    )


@check("ceasefire-extends", "ceasefires")
def check_ceasefire_extends(t: dict[str, Table]) -> Iterable[Problem]:
    """Ceasefire extensions form no cycle, and are agreed no earlier than what they extend."""
    tab = t["ceasefires"]
    extends = {r["ceasefire_id"]: r.get("extends", "") for r in tab.rows}
    agreed = {r["ceasefire_id"]: parse_date(r.get("agreed_date")) for r in tab.rows}
    for i, row in enumerate(tab.rows):
        cid = row["ceasefire_id"]
        seen, cur = [cid], extends.get(cid)
        while cur:
            if cur in seen:
                chain = " -> ".join(seen + [cur])
                yield _p(
                    tab, i, "extends", f"extensions form a cycle: {chain}", "ceasefire-extends"
                )
                break
            seen.append(cur)
            cur = extends.get(cur)
        parent = extends.get(cid)
        if parent and agreed.get(cid) and agreed.get(parent) and agreed[cid] < agreed[parent]:
            yield _p(
                tab,
                i,
                "agreed_date",
                f"{agreed[cid]} is before {parent} was agreed ({agreed[parent]}), which it extends",
                "ceasefire-extends",
            )


# --------------------------------------------------------------------------------------------
# Stage d: provenance against the source texts


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


# --------------------------------------------------------------------------------------------


def read_tables(
    data_dir: Path, descriptor: dict
) -> tuple[dict[str, Table], list[Problem], dict[str, list[int]], dict[str, str]]:
    """Stage a over every resource: readable tables, problems, record lines and display names."""
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    lines: dict[str, list[int]] = {}
    files: dict[str, str] = {}
    for resource in descriptor["resources"]:
        file = display_path(data_dir / resource["path"])
        files[resource["name"]] = file
        found, text = _raw_check(resource, data_dir, file)
        problems += found
        if found or text is None:
            continue
        tables[resource["name"]] = _parse_table(resource, text, file)
        lines[resource["name"]] = _record_lines(text)
    return tables, problems, lines, files


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
    data_dir = resolve_data_dir(data_dir)
    report = Report(data_dir)
    package_file = display_path(data_dir / PACKAGE_FILE)
    try:
        descriptor = read_descriptor(data_dir)
    except FileNotFoundError:
        report.problems.append(
            Problem(
                package_file,
                None,
                None,
                "datapackage.json is missing: not a data package",
                "package",
            )
        )
        return report
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        report.problems.append(
            Problem(
                package_file, None, None, f"datapackage.json is not valid JSON: {exc}", "package"
            )
        )
        return report
    report.version = descriptor.get("version")

    tables, problems, lines, files = read_tables(data_dir, descriptor)
    report.problems += problems
    report.problems += _frictionless_problems(descriptor, data_dir, tables, lines, files)
    skipped = []
    for c in CHECKS.values():
        missing = [n for n in c.needs if n not in tables]
        if missing:
            skipped.append(c.name)
            continue
        report.problems += list(c.fn(tables))
    if skipped:
        report.notes.append(
            "Not run, because a file they need is unreadable: " + ", ".join(skipped) + "."
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
        elif "sources" not in tables:
            report.notes.append("Quotations not checked: sources.csv is unreadable.")
        else:
            report.problems += check_provenance(tables, directory)
            report.quotes_checked = True

    att = tables.get("attestations")
    per_table: dict[str, int] = defaultdict(int)
    if att:
        for r in att.rows:
            per_table[r.get("table", "")] += 1
    for resource in descriptor["resources"]:
        name = resource["name"]
        report.counts[name] = {
            "rows": len(tables[name].rows) if name in tables else None,
            "attestations": per_table.get(name, 0) if att else None,
        }
    return report
