"""Hostile and malformed input (issue 10): one contract for the validator and the loader.

Every input of the corpus below, and every input Hypothesis makes, must end either in a clean load
or in problems that name the file (and the row and field where there is one): never a traceback,
never a hang. ``validate`` and ``load_dataset`` must agree on which it is.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import DATA_DIR, build_mini_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pkgtools import edit, read_table, set_cell, write_table

from tajik_peace import schema
from tajik_peace.data import DataError, load_dataset
from tajik_peace.report import MAX_LISTED, Report, more_not_listed
from tajik_peace.required_schema import required_schema_problems
from tajik_peace.validate import Problem, validate

#: No probe may take longer than this (the real package validates in about 1.5 s).
TIME_LIMIT = 30


@contextmanager
def time_limit(seconds: int = TIME_LIMIT):
    def alarm(signum, frame):  # pragma: no cover - reached only on a hang
        raise TimeoutError(f"took more than {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _descriptor(pkg: Path) -> dict:
    return json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))


def _write_descriptor(pkg: Path, value) -> None:
    (pkg / "datapackage.json").write_text(json.dumps(value), encoding="utf-8")


def _edit_descriptor(pkg: Path, fn: Callable[[dict], object]) -> None:
    d = _descriptor(pkg)
    fn(d)
    _write_descriptor(pkg, d)


def _resource(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def _field(d: dict, table: str, name: str) -> dict:
    return next(f for f in _resource(d, table)["schema"]["fields"] if f["name"] == name)


def _first_round(pkg: Path) -> int:
    _, rows = read_table(pkg, "events")
    return next(i for i, r in enumerate(rows) if r["kind"] == "round")


def _set_round(pkg: Path, value: str) -> None:
    set_cell(pkg, "events", _first_round(pkg), "round_number", value)


def _cycle(pkg: Path) -> None:
    def change(rows):
        rows[0]["affiliation"], rows[1]["affiliation"] = rows[1]["actor_id"], rows[0]["actor_id"]

    edit(pkg, "actors", change)


def _self_relation(pkg: Path) -> None:
    def change(rows):
        rows[0]["to_actor"] = rows[0]["from_actor"]

    edit(pkg, "relations", change)


def _resource_path(value: str):
    def mutate(pkg: Path) -> None:
        _edit_descriptor(pkg, lambda d: _resource(d, "places").__setitem__("path", value))

    return mutate


def _symlink(pkg: Path) -> None:
    outside = pkg.parent / "secret.csv"
    outside.write_text("root:x:0:0:secret\n", encoding="utf-8")
    (pkg / "places.csv").unlink()
    (pkg / "places.csv").symlink_to(outside)


def _directory_for_file(pkg: Path) -> None:
    (pkg / "places.csv").unlink()
    (pkg / "places.csv").mkdir()


def _fifo(pkg: Path) -> None:
    (pkg / "places.csv").unlink()
    os.mkfifo(pkg / "places.csv")  # reading it would block for ever


def _drop_schema(pkg: Path) -> None:
    _edit_descriptor(pkg, lambda d: _resource(d, "places").pop("schema"))


def _drop_field(pkg: Path) -> None:
    def change(d):
        schema = _resource(d, "events")["schema"]
        schema["fields"] = [f for f in schema["fields"] if f["name"] != "round_number"]

    _edit_descriptor(pkg, change)
    header, rows = read_table(pkg, "events")
    for r in rows:
        r.pop("round_number")
    write_table(pkg, "events", [h for h in header if h != "round_number"], rows)


def _drop_constraint(pkg: Path) -> None:
    _edit_descriptor(pkg, lambda d: _field(d, "events", "kind")["constraints"].pop("enum"))


def _cell(table: str, field: str, value: str, index: int = 0):
    return lambda pkg: set_cell(pkg, table, index, field, value)


#: (id, mutation, the check that must report it, the file it must name)
CORPUS: list[tuple[str, Callable[[Path], object], str, str]] = [
    ("descriptor-list", lambda p: _write_descriptor(p, []), "package", "datapackage.json"),
    ("descriptor-empty", lambda p: _write_descriptor(p, {}), "package", "datapackage.json"),
    (
        "resources-null",
        lambda p: _write_descriptor(p, {"resources": None}),
        "package",
        "datapackage.json",
    ),
    ("resource-without-schema", _drop_schema, "package", "datapackage.json"),
    (
        "descriptor-deep-json",
        lambda p: (p / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000),
        "package",
        "datapackage.json",
    ),
    ("dropped-field", _drop_field, "required-schema", "datapackage.json"),
    ("dropped-constraint", _drop_constraint, "required-schema", "datapackage.json"),
    ("round-number-1e9", lambda p: _set_round(p, str(10**9)), "rounds", "events.csv"),
    ("round-number-1e30", lambda p: _set_round(p, str(10**30)), "cell-values", "events.csv"),
    (
        "integer-underscore",
        _cell("proposals", "total_seats", "60_000"),
        "cell-values",
        "proposals.csv",
    ),
    (
        "integer-400-digits",
        _cell("proposals", "total_seats", "9" * 400),
        "cell-values",
        "proposals.csv",
    ),
    ("number-nan", _cell("proposals", "government_share", "NaN"), "cell-values", "proposals.csv"),
    (
        "number-400-digits",
        _cell("proposals", "government_share", "9" * 400),
        "cell-values",
        "proposals.csv",
    ),
    ("number-inf", _cell("statistics", "value", "inf"), "cell-values", "statistics.csv"),
    (
        "number-minus-inf",
        _cell("statistics", "value", "-Infinity"),
        "cell-values",
        "statistics.csv",
    ),
    ("negative-count", _cell("statistics", "value", "-5"), "counts", "statistics.csv"),
    ("nul-byte", _cell("events", "title", "Talks\x00 in Moscow"), "cell-values", "events.csv"),
    ("control-character", _cell("actors", "name", "Rakh\x1bmonov"), "cell-values", "actors.csv"),
    ("cell-over-limit", _cell("events", "notes", "x" * 131_073), "cell-values", "events.csv"),
    ("date-2999", _cell("events", "date_start", "2999-01-01"), "period", "events.csv"),
    ("date-unpadded-2999", _cell("events", "date_start", "2999-1-1"), "cell-values", "events.csv"),
    ("date-1950", _cell("events", "date_start", "1950-01-01"), "period", "events.csv"),
    (
        "approximate-9999",
        lambda p: (
            _cell("events", "date_start", "9999-12-01")(p),
            _cell("events", "date_start_precision", "approximate")(p),
            _cell("events", "date_end", "")(p),
        ),
        "period",
        "events.csv",
    ),
    ("affiliation-cycle", _cycle, "affiliations", "actors.csv"),
    ("self-relation", _self_relation, "self-relation", "relations.csv"),
    ("path-parent", _resource_path("../../../../../../etc/passwd"), "unsafe-path", "passwd"),
    ("path-absolute", _resource_path("/etc/passwd"), "unsafe-path", "passwd"),
    ("path-symlink", _symlink, "unsafe-path", "places.csv"),
    ("directory-for-file", _directory_for_file, "file-missing", "places.csv"),
    ("fifo-for-file", _fifo, "file-missing", "places.csv"),
]


def _check_contract(pkg: Path) -> list[Problem]:
    """Load the package: a clean load, or a DataError whose problems each name a file.

    load_dataset validates with the very function ``validate`` calls and builds its frames from
    the cells validation read, so a crash after validation (validate accepts, the loader fails)
    shows up here as an exception other than DataError.
    """
    with time_limit():
        try:
            ds = load_dataset(pkg)
        except DataError as err:
            assert err.problems
            for p in err.problems:
                assert isinstance(p, Problem) and p.file and p.message
                assert p.row is None or p.row >= 1
            return err.problems
    assert set(ds.tables) >= {"events", "actors"}
    return []


@pytest.mark.parametrize(
    ("mutate", "check", "file"), [c[1:] for c in CORPUS], ids=[c[0] for c in CORPUS]
)
def test_corpus_ends_in_a_message(tmp_path, mutate, check, file):
    pkg = build_mini_package(tmp_path / "mini")
    mutate(pkg)
    problems = _check_contract(pkg)
    hits = [p for p in problems if p.check == check]
    assert hits, f"no {check} problem in:\n" + "\n".join(map(str, problems))
    assert any(file in p.file for p in hits), hits
    assert "root:x:" not in "\n".join(map(str, problems)), "a refused file's contents were echoed"


@pytest.mark.parametrize(
    "name",
    [r["name"] for r in json.loads((DATA_DIR / "datapackage.json").read_text())["resources"]],
)
def test_removing_any_resource_is_an_error(name):
    """Deleting a table from the descriptor must not switch its checks off silently."""
    d = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    d["resources"] = [r for r in d["resources"] if r["name"] != name]
    problems, damaged = required_schema_problems(d, "datapackage.json")
    assert damaged == {name}
    assert [p for p in problems if f"resource {name!r}" in p.message and "missing" in p.message]


def test_removing_a_resource_fails_validation_and_load(tmp_path):
    pkg = build_mini_package(tmp_path / "mini")
    _edit_descriptor(
        pkg,
        lambda d: d.__setitem__("resources", [r for r in d["resources"] if r["name"] != "events"]),
    )
    problems = _check_contract(pkg)
    assert [p for p in problems if p.check == "required-schema" and "'events'" in p.message]


def test_dropped_field_and_constraint_are_named(tmp_path):
    pkg = build_mini_package(tmp_path / "mini")
    _drop_field(pkg)
    _drop_constraint(pkg)
    report = validate(pkg)
    named = {p.field for p in report.problems if p.check == "required-schema"}
    assert {"round_number", "kind"} <= named
    text = report.format()
    assert "field 'round_number' was dropped" in text
    assert "constraint enum" in text and "'kind' was dropped" in text


def test_a_stricter_schema_is_accepted(tmp_path):
    """Adding a constraint or a field to the descriptor is no weakening."""
    pkg = build_mini_package(tmp_path / "mini")
    _edit_descriptor(
        pkg, lambda d: _field(d, "events", "title")["constraints"].update(maxLength=500)
    )
    assert not [p for p in validate(pkg).problems if p.check == "required-schema"]


def test_the_real_package_matches_the_pin():
    d = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert required_schema_problems(d, "datapackage.json") == ([], set())


def test_a_stale_allowance_is_an_error(tmp_path):
    pkg = build_mini_package(tmp_path / "mini")
    _edit_descriptor(
        pkg,
        lambda d: d.__setitem__(
            "datesOutsidePeriod",
            [{"table": "events", "id": "border_outpost_attack", "reason": "none needed"}],
        ),
    )
    hits = [p for p in validate(pkg).problems if p.check == "period"]
    assert hits and "remove the allowance" in hits[0].message


def test_an_allowed_date_outside_the_period_loads(tmp_path):
    pkg = build_mini_package(tmp_path / "mini")
    set_cell(pkg, "events", 1, "date_start", "1950-07-13")
    set_cell(pkg, "events", 1, "date_edtf", "1950-07-13")
    set_cell(pkg, "events", 1, "phase_id", "")
    _edit_descriptor(
        pkg,
        lambda d: d.__setitem__(
            "datesOutsidePeriod",
            [{"table": "events", "id": "border_outpost_attack", "reason": "test"}],
        ),
    )
    assert not [p for p in validate(pkg).problems if p.check == "period"]


def test_an_unreadable_file_is_a_message(tmp_path, monkeypatch):
    """A file the process may not read (chmod cannot show it to root, so the read fails here)."""
    pkg = build_mini_package(tmp_path / "mini")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "places.csv":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    hits = [p for p in _check_contract(pkg) if p.file.endswith("places.csv")]
    assert [p.message for p in hits] == ["cannot be read: Permission denied"]


def test_the_report_says_when_it_stops_listing():
    problems = [Problem("x.csv", i + 2, "f", "bad", "t") for i in range(MAX_LISTED + 7)]
    text = Report(Path("."), problems).format()
    assert more_not_listed(7) in text
    assert text.count("bad [t]") == MAX_LISTED


def test_many_rows_stay_fast(tmp_path):
    """20,000 attestations took 83 s when the target check rebuilt the id set per row."""
    pkg = build_mini_package(tmp_path / "mini")
    header, rows = read_table(pkg, "attestations")
    extra = [dict(rows[0], attestation_id=f"extra_{i}") for i in range(20_000)]
    write_table(pkg, "attestations", header, rows + extra)
    with time_limit(60):
        report = validate(pkg)
    assert report.counts["attestations"]["rows"] == len(rows) + 20_000


# --------------------------------------------------------------------------------------------
# Hypothesis: any cell value in any field ends in a clean load or a message

_MINI_FIELDS = [
    (r["name"], f["name"])
    for r in json.loads((DATA_DIR / "datapackage.json").read_text())["resources"]
    for f in r["schema"]["fields"]
    # a table of the fixture with at least one row (a header-only file has no cell to spoil)
    if (Path(__file__).parent / "fixtures" / "mini" / r["path"]).exists()
    and len((Path(__file__).parent / "fixtures" / "mini" / r["path"]).read_text().splitlines()) > 1
]
_NASTY = st.sampled_from(
    [
        "",
        " ",
        "NaN",
        "inf",
        "-1",
        "1e999",
        "9" * 40,
        "0",
        "1994-13-40",
        "9999-12-01",
        "1994-01-01",
        "a;;b",
        "\x00",
        "\u202e",
        "'",
        '"',
        "\n",
        "round",
        "approximate",
        "x" * 300,
    ]
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target=st.sampled_from(_MINI_FIELDS),
    value=st.one_of(_NASTY, st.text(max_size=40)),
)
def test_any_cell_value_ends_in_load_or_message(tmp_path_factory, target, value):
    pkg = build_mini_package(tmp_path_factory.mktemp("fuzz"))
    table, field = target
    set_cell(pkg, table, 0, field, value)
    _check_contract(pkg)


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(st.text(max_size=12), max_size=6), max_size=5))
def test_any_rows_end_in_load_or_message(tmp_path_factory, rows):
    pkg = build_mini_package(tmp_path_factory.mktemp("fuzz-rows"))
    header, existing = read_table(pkg, "places")
    extra = [dict(zip(header, r)) for r in rows]
    write_table(
        pkg, "places", header, existing + [{h: r.get(h, "") for h in header} for r in extra]
    )
    _check_contract(pkg)


# --------------------------------------------------------------------------------------------
# The command line: messages and exit statuses, never a traceback


def _cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tajik_peace", *args],
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def test_cli_data_pointing_at_a_file():
    r = _cli("validate", "--data", str(DATA_DIR / "events.csv"), "--no-quotes")
    assert r.returncode == 1
    assert "is not a directory" in r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def test_cli_codebook_on_a_missing_folder(tmp_path):
    r = _cli("codebook", "--data", str(tmp_path / "nowhere"))
    assert r.returncode == 1
    assert "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_cli_stats_into_a_closed_pipe():
    r = subprocess.run(
        f"{sys.executable} -m tajik_peace stats | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.stdout.startswith("table")
    assert "Traceback" not in r.stderr and "BrokenPipe" not in r.stderr


def test_cli_usage_error_exits_2():
    r = _cli("validate", "--no-such-option")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_cli_hostile_package_gives_a_message(tmp_path):
    pkg = build_mini_package(tmp_path / "mini")
    _write_descriptor(pkg, {"resources": None})
    for command in ("validate", "stats", "codebook"):
        r = _cli(command, "--data", str(pkg))
        assert r.returncode == 1, (command, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr, (command, r.stderr)


def test_frictionless_error_limit_is_reported(tmp_path, monkeypatch):
    """When frictionless stops listing errors, the report says so instead of cutting silently."""
    monkeypatch.setattr(schema, "ERROR_LIMIT", 3)
    pkg = build_mini_package(tmp_path / "mini")
    for i in range(4):
        set_cell(pkg, "actors", i, "kind", "not-a-kind")
    report = validate(pkg)
    limit = [p for p in report.problems if p.check == "error-limit"]
    assert len(limit) == 1 and limit[0].file.endswith("actors.csv")
    assert "more problems than are listed" in limit[0].message
