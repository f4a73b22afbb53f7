"""Reading the data package: the descriptor, and every CSV file parsed exactly once.

:func:`read_package` returns the descriptor's usable resources and one :class:`Table` per readable
file. The same parsed cells feed frictionless (as inline data), the project's rules and the
loader, so no file is parsed twice. What cannot be read becomes a :class:`Problem` naming the
file, and the line where possible; nothing here raises on bad input.

Frictionless checks types, constraints and keys. What it cannot say clearly, or cannot say at all
because it never sees the raw bytes, is checked here: a missing, unreadable or empty file, a
byte-order mark, bytes that are not UTF-8, a cell the CSV reader refuses, and a header whose
columns are missing, extra or out of order.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .paths import PACKAGE_FILE, UnsafePath, display_path, resource_file
from .report import Problem

__all__ = [
    "Package",
    "Table",
    "primary_key",
    "read_descriptor",
    "read_package",
    "read_table",
    "record_lines",
]

_BOM = b"\xef\xbb\xbf"
# Frictionless raises the csv module's cell limit to the maximum once it has parsed a CSV file;
# doing the same here makes every read behave alike, and the length of a cell is a rule
# (rules.MAX_CELL_CHARS) whose message names the row and the field.
csv.field_size_limit(sys.maxsize)


@dataclass
class Table:
    """One CSV file as text cells, with the line each record starts on (for the checks).

    ``records`` are the raw data records (lists of cells, blank lines included) as the CSV reader
    gave them, for frictionless; ``rows`` are the non-blank records as dicts keyed by the header,
    with ``lines[i]`` the line on which ``rows[i]`` starts.
    """

    name: str
    file: str
    fields: list[dict]
    rows: list[dict[str, str]]
    lines: list[int]
    primary_key: str | None = None
    header: list[str] = field(default_factory=list)
    records: list[list[str]] = field(default_factory=list)
    record_lines: list[int] = field(default_factory=list)  # header included, line 1
    _ids: set[str] | None = field(default=None, repr=False)

    def ids(self) -> set[str]:
        """The primary-key values (computed once: checks call this per row)."""
        if self._ids is None:
            key = self.primary_key
            self._ids = {r.get(key, "") for r in self.rows} if key else set()
        return self._ids

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)


@dataclass
class Package:
    """The usable part of a descriptor and the tables that could be read."""

    data_dir: Path
    descriptor: dict | None
    tables: dict[str, Table]
    files: dict[str, str]  # resource name -> file as shown in problems
    problems: list[Problem]


def primary_key(resource: dict) -> str | None:
    pk = resource.get("schema", {}).get("primaryKey")
    if isinstance(pk, list):
        return pk[0] if len(pk) == 1 else None
    return pk


def record_lines(text: str) -> list[int]:
    """Start line of every CSV record in ``text`` (the header record is line 1)."""
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    prev = 0
    for _ in reader:
        starts.append(prev + 1)
        prev = reader.line_num
    return starts


def read_descriptor(data_dir: Path) -> dict:
    """``datapackage.json`` as JSON, unchecked (use :func:`read_package` for untrusted input)."""
    with open(Path(data_dir) / PACKAGE_FILE, encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------------------------
# The descriptor


def _shape_problem(resource: object, i: int) -> str | None:
    """Why resource number ``i`` cannot be used, or None. Only what the readers rely on."""
    if not isinstance(resource, dict):
        return f"resource {i + 1} is not a JSON object"
    name = resource.get("name")
    if not isinstance(name, str) or not name.strip():
        return f"resource {i + 1} has no name"
    if not isinstance(resource.get("path"), str):
        return f"resource {name!r} has no path (a file name inside the data directory)"
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        return f"resource {name!r} has no schema: every table needs its fields declared"
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return f"resource {name!r} declares no fields"
    names = []
    for f in fields:
        if not isinstance(f, dict) or not isinstance(f.get("name"), str) or not f["name"]:
            return f"resource {name!r} has a field without a name"
        if not isinstance(f.get("constraints", {}), dict):
            return f"resource {name!r}, field {f['name']!r}: constraints must be an object"
        if not isinstance(f.get("type", "string"), str):
            return f"resource {name!r}, field {f['name']!r}: type must be a string"
        names.append(f["name"])
    if len(set(names)) != len(names):
        return f"resource {name!r} declares a field twice"
    pk = schema.get("primaryKey")
    if pk is not None and not (
        isinstance(pk, str) or (isinstance(pk, list) and all(isinstance(k, str) for k in pk))
    ):
        return f"resource {name!r}: primaryKey must be a field name or a list of them"
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list) or not all(
        isinstance(fk, dict) and isinstance(fk.get("reference"), dict) for fk in fks
    ):
        return f"resource {name!r}: foreignKeys must be a list of objects with a reference"
    return None


def load_descriptor(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    """The descriptor with only its usable resources, and the problems found on the way."""
    package_file = display_path(Path(data_dir) / PACKAGE_FILE)

    def problem(message: str, file: str = package_file) -> list[Problem]:
        return [Problem(file, None, None, message, "package")]

    if not Path(data_dir).exists():
        return None, problem("does not exist", display_path(data_dir))
    if not Path(data_dir).is_dir():
        return None, problem(
            "is not a directory: give the data package's directory", display_path(data_dir)
        )
    try:
        raw = (Path(data_dir) / PACKAGE_FILE).read_bytes()
    except FileNotFoundError:
        return None, problem("datapackage.json is missing: not a data package")
    except OSError as exc:
        return None, problem(f"datapackage.json cannot be read: {exc.strerror or exc}")
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        # ValueError covers JSONDecodeError and integers too long to convert
        return None, problem(f"datapackage.json is not valid JSON: {exc}")
    if not isinstance(descriptor, dict):
        return None, problem(
            f"datapackage.json must be a JSON object with a 'resources' list; "
            f"found {type(descriptor).__name__}"
        )
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return None, problem("datapackage.json has no 'resources' list")
    problems, usable, seen = [], [], set()
    for i, resource in enumerate(resources):
        why = _shape_problem(resource, i)
        if why is None and resource["name"] in seen:
            why = f"resource {resource['name']!r} is declared twice"
        if why:
            problems += problem(why)
            continue
        seen.add(resource["name"])
        usable.append(resource)
    return {**descriptor, "resources": usable}, problems


# --------------------------------------------------------------------------------------------
# One CSV file


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
    try:
        for record in reader:
            line = prev + 1
            prev = reader.line_num
            if header is None:
                header = record
            for i, cell in enumerate(record):
                m = bad.search(cell)
                if m:
                    name = (
                        header[i]
                        if i < len(header)
                        else (expected[i] if i < len(expected) else None)
                    )
                    byte = ord(m.group()) - 0xDC00
                    shown = cell[:60].encode("utf-8", "surrogateescape")
                    problems.append(
                        Problem(
                            file,
                            line,
                            name,
                            f"is not valid UTF-8: byte 0x{byte:02x} in {shown!r}"
                            " (the file looks saved as Latin-1 or Windows-1252; save it as UTF-8)",
                            "encoding",
                        )
                    )
    except csv.Error:
        pass  # the cells read so far are reported; the parse error follows from the same bytes
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
        hint = " (it has spaces around the name)" if c.strip() in expected else ""
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


def _parse(text: str, file: str) -> tuple[list[list[str]], list[int], list[Problem]]:
    """Records and their start lines, in one pass; a record the reader refuses is a problem."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[list[str]] = []
    starts: list[int] = []
    prev = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line = prev + 1
            message = str(exc)
            if "field larger than field limit" in message:
                message = (
                    f"a cell is longer than {csv.field_size_limit():,} characters, "
                    "the most a cell may hold"
                )
            else:
                message = f"cannot be read as CSV: {message}"
            return records, starts, [Problem(file, line, None, message, "csv")]
        records.append(record)
        starts.append(prev + 1)
        prev = reader.line_num
    return records, starts, []


def read_table(resource: dict, data_dir: Path, file: str) -> tuple[Table | None, list[Problem]]:
    """One resource's file as a :class:`Table`, or None and the problems that prevent it."""
    expected = [f["name"] for f in resource["schema"]["fields"]]
    try:
        path = resource_file(data_dir, resource["path"])
    except UnsafePath as exc:
        return None, [Problem(file, None, None, str(exc), "unsafe-path")]
    if not path.exists():
        return None, [Problem(file, None, None, "file is missing", "file-missing")]
    if not path.is_file():
        return None, [Problem(file, None, None, "is not a regular file", "file-missing")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, None, None, f"cannot be read: {exc.strerror or exc}", "file")]
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
        return None, problems + _encoding_problems(raw, exc, expected, file)
    if not text.strip():
        return None, problems + [
            Problem(file, None, None, "file is empty: it has no header line", "file-empty")
        ]
    records, starts, parse_problems = _parse(text, file)
    problems += parse_problems
    header = records[0] if records else []
    problems += _header_problems(header, expected, file)
    if problems:
        return None, problems
    rows, lines = [], []
    for record, line in zip(records[1:], starts[1:]):
        if not any(c.strip() for c in record):
            continue
        rows.append({h: (record[i] if i < len(record) else "") for i, h in enumerate(header)})
        lines.append(line)
    table = Table(
        resource["name"],
        file,
        resource["schema"]["fields"],
        rows,
        lines,
        primary_key(resource),
        header=header,
        records=records[1:],
        record_lines=starts,
    )
    return table, []


def read_package(data_dir: Path) -> Package:
    """The descriptor and every readable table of the package in ``data_dir``."""
    descriptor, problems = load_descriptor(data_dir)
    tables: dict[str, Table] = {}
    files: dict[str, str] = {}
    if descriptor is None:
        return Package(data_dir, None, tables, files, problems)
    for resource in descriptor["resources"]:
        name = resource["name"]
        try:
            files[name] = display_path(resource_file(data_dir, resource["path"]))
        except UnsafePath:
            files[name] = str(resource["path"])
        table, found = read_table(resource, data_dir, files[name])
        problems += found
        if table is not None:
            tables[name] = table
    return Package(data_dir, descriptor, tables, files, problems)
