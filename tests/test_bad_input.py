"""Corrupt a copy of the data package (the mini fixture and the real data) in one way at a time:
loading must fail as a whole, with a message naming the file, the row and the field."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import build_mini_package, copy_real_package
from pkgtools import edit, find, line_of, read_table, set_cell, write_table

import tajik_peace.data as data_mod
from tajik_peace.data import DataError, load_dataset


@pytest.fixture(params=["mini", "real"])
def package(request, tmp_path: Path) -> Path:
    if request.param == "mini":
        return build_mini_package(tmp_path / "mini")
    return copy_real_package(tmp_path / "real")


def _first_row_with(pkg: Path, table: str, *fields: str) -> int:
    """Index of the first row of ``table`` where every one of ``fields`` is filled."""
    _, rows = read_table(pkg, table)
    for i, row in enumerate(rows):
        if all(row[f] for f in fields):
            return i
    pytest.skip(f"{table}.csv has no row with {', '.join(fields)} filled")


def _fails_to_load(pkg: Path, monkeypatch, **kwargs) -> DataError:
    """load_dataset must raise DataError and never get as far as reading the tables."""

    def must_not_read(*args, **kw):  # pragma: no cover - reached only on failure
        raise AssertionError("load_dataset read tables of an invalid package")

    monkeypatch.setattr(data_mod, "read_tables", must_not_read)
    result = None
    with pytest.raises(DataError) as info:
        result = load_dataset(pkg, **kwargs)
    assert result is None
    assert isinstance(info.value, ValueError)
    return info.value


def _assert_named(err: DataError, file: str, row: int | None, field: str | None, check=None):
    hit = find(err.problems, file, row, field)
    assert hit is not None, f"no problem at {file}, row {row}, field {field} in:\n{err}"
    if check:
        assert hit.check == check, hit
    text = str(err)
    assert file in text
    if row is not None:
        assert f"{file}, row {row}" in text
    if field is not None:
        assert f"field {field}" in text or f"column {field!r}" in text or f"{field!r}" in text
    return hit


def test_malformed_date(package, monkeypatch):
    line = set_cell(package, "events", 0, "date_start", "bad-date")
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line, "date_start", "type-error")
    assert "'bad-date' is not a valid ISO 8601 date" in str(hit)
    assert (
        f"events.csv, row {line}, field date_start: 'bad-date' is not a valid ISO 8601 date"
        in str(err)
    )


def test_end_before_start(package, monkeypatch):
    i = _first_row_with(package, "events", "date_start")
    _, rows = read_table(package, "events")
    start = date.fromisoformat(rows[i]["date_start"])
    line = set_cell(package, "events", i, "date_end", (start - timedelta(days=1)).isoformat())
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line, "date_end", "date-order")
    assert "before date_start" in hit.message


def test_unknown_foreign_key(package, monkeypatch):
    line = set_cell(package, "events", 0, "place_id", "no_such_place")
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line, "place_id", "foreign-key")
    assert "no_such_place" in hit.message and "places.csv" in hit.message


def test_unknown_id_in_list(package, monkeypatch):
    line = set_cell(package, "agreements", 0, "signatories", "no_such_actor")
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "agreements.csv", line, "signatories", "list-references")
    assert "no_such_actor" in hit.message


def test_duplicate_id(package, monkeypatch):
    _, rows = read_table(package, "actors")
    line = set_cell(package, "actors", 1, "actor_id", rows[0]["actor_id"])
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "actors.csv", line, "actor_id")
    assert "duplicate" in hit.message and rows[0]["actor_id"] in hit.message
    assert f"first at row {line_of(package, 'actors', 0)}" in hit.message


def test_missing_column(package, monkeypatch):
    header, rows = read_table(package, "events")
    for r in rows:
        del r["outcome"]
    write_table(package, "events", [h for h in header if h != "outcome"], rows)
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", 1, "outcome", "header")
    assert "'outcome' is missing" in hit.message


def test_stray_extra_column(package, monkeypatch):
    header, rows = read_table(package, "events")
    for r in rows:
        r["extra"] = "x"
    write_table(package, "events", header + ["extra"], rows)
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", 1, "extra", "header")
    assert "stray extra column 'extra'" in hit.message


def test_share_out_of_range(package, monkeypatch):
    _, rows = read_table(package, "proposals")
    if not rows:
        pytest.skip("proposals.csv has no rows")
    line = set_cell(package, "proposals", 0, "government_share", "150")
    err = _fails_to_load(package, monkeypatch)
    hits = [
        p
        for p in err.problems
        if Path(p.file).name == "proposals.csv" and p.row == line and p.field == "government_share"
    ]
    assert {p.check for p in hits} >= {"constraint-error", "shares"}
    assert any("above the maximum 100" in p.message for p in hits)


def test_unattested_record(package, monkeypatch):
    _, events = read_table(package, "events")
    event_id = events[0]["event_id"]
    edit(
        package,
        "attestations",
        lambda rows: rows.__setitem__(
            slice(None),
            [r for r in rows if not (r["table"] == "events" and r["record_id"] == event_id)],
        ),
    )
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line_of(package, "events", 0), "event_id", "attested")
    assert event_id in hit.message and "not attested" in hit.message


@pytest.mark.sources
def test_quote_not_in_source(package, monkeypatch, sources_path):
    line = set_cell(
        package,
        "attestations",
        0,
        "quote",
        "This sentence stands in neither of the two source texts.",
    )
    err = _fails_to_load(package, monkeypatch, check_quotes=True, sources_dir=sources_path)
    hit = _assert_named(err, "attestations.csv", line, "quote", "provenance")
    assert "does not stand verbatim" in hit.message


@pytest.mark.sources
def test_quote_at_wrong_locator(package, monkeypatch, sources_path):
    _, rows = read_table(package, "attestations")
    i = next(i for i, r in enumerate(rows) if r["locator"].startswith("para. "))
    number = int(rows[i]["locator"].split()[1])
    line = set_cell(
        package, "attestations", i, "locator", f"para. {number + 1 if number < 3 else 1}"
    )
    err = _fails_to_load(package, monkeypatch, check_quotes=True, sources_dir=sources_path)
    hit = _assert_named(err, "attestations.csv", line, "quote", "provenance")
    assert f"it stands at: para. {number}" in hit.message


def test_byte_order_mark(package, monkeypatch):
    path = package / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", 1, None, "byte-order-mark")
    assert "byte-order mark" in hit.message


def test_wrong_encoding(package, monkeypatch):
    line = set_cell(package, "events", 0, "title", "Caf\u00e9 ENCODING-PLACEHOLDER")
    path = package / "events.csv"
    path.write_bytes(
        path.read_bytes().replace("Caf\u00e9".encode("utf-8"), "Caf\u00e9".encode("latin-1"))
    )
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line, "title", "encoding")
    assert "not valid UTF-8" in hit.message and "0xe9" in hit.message


def test_empty_file(package, monkeypatch):
    (package / "events.csv").write_bytes(b"")
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", None, None, "file-empty")
    assert "empty" in hit.message


def test_missing_file(package, monkeypatch):
    (package / "relations.csv").unlink()
    err = _fails_to_load(package, monkeypatch)
    _assert_named(err, "relations.csv", None, None, "file-missing")


def test_broken_file_does_not_hide_other_problems(package, monkeypatch):
    """A structural problem in one file still lets every other file be checked."""
    (package / "events.csv").write_bytes(b"")
    line = set_cell(package, "actors", 0, "kind", "wizard")
    err = _fails_to_load(package, monkeypatch)
    _assert_named(err, "events.csv", None, None, "file-empty")
    hit = _assert_named(err, "actors.csv", line, "kind", "constraint-error")
    assert "'wizard' is not one of" in hit.message
    # nothing about the foreign keys into the broken file: they cannot be checked
    assert not [p for p in err.problems if p.check == "foreign-key" and "events.csv" in p.message]


# ---- field-level evidence: each corruption fails the whole load, naming file, row and field


def _an_attested_field(pkg: Path) -> tuple[int, int, str]:
    """(index of an event, index of its attestation, a field that attestation alone carries)."""
    _, events = read_table(pkg, "events")
    _, att = read_table(pkg, "attestations")
    for i, ev in enumerate(events):
        mine = [
            (j, a)
            for j, a in enumerate(att)
            if (a["table"], a["record_id"]) == ("events", ev["event_id"])
        ]
        for j, a in mine:
            for name in a["fields"].split(";"):
                others = [b for k, b in mine if k != j and name in b["fields"].split(";")]
                if (
                    not others
                    and len(a["fields"].split(";")) > 1
                    and name not in ev["inferred"].split(";")
                ):
                    return i, j, name
    pytest.skip("no event field carried by exactly one attestation")


def test_a_field_no_attestation_names(package, monkeypatch):
    i, j, name = _an_attested_field(package)
    _, att = read_table(package, "attestations")
    set_cell(
        package,
        "attestations",
        j,
        "fields",
        ";".join(f for f in att[j]["fields"].split(";") if f != name),
    )
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line_of(package, "events", i), name, "field-support")
    assert "no attestation names it" in hit.message


def test_an_inferred_entry_without_a_reason(package, monkeypatch):
    i, j, name = _an_attested_field(package)
    _, att = read_table(package, "attestations")
    set_cell(
        package,
        "attestations",
        j,
        "fields",
        ";".join(f for f in att[j]["fields"].split(";") if f != name),
    )
    line = set_cell(package, "events", i, "inferred", name)
    set_cell(package, "events", i, "notes", "")
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line, "inferred", "inferred-reason")
    assert "notes gives no reason" in hit.message


def test_a_fields_entry_naming_a_column_the_record_lacks(package, monkeypatch):
    _, att = read_table(package, "attestations")
    j = next(k for k, a in enumerate(att) if a["table"] == "events")
    line = set_cell(package, "attestations", j, "fields", att[j]["fields"] + ";venue")
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "attestations.csv", line, "fields", "fields-columns")
    assert "'venue' is not a column of events" in hit.message


@pytest.mark.parametrize("value", ["1995-13", "1995-11-01//1996", "about 1995", "1995-02-30"])
def test_a_malformed_edtf_value(package, monkeypatch, value):
    line = set_cell(package, "events", 0, "date_edtf", value)
    err = _fails_to_load(package, monkeypatch)
    hit = _assert_named(err, "events.csv", line, "date_edtf", "edtf")
    assert "is not valid EDTF" in hit.message
