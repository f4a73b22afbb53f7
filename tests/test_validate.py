"""validate(): the real package is clean; each rule fires on one targeted corruption of the mini
fixture, at the right file, row and field, and not on the clean fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA_DIR
from pkgtools import (
    add_row,
    edit,
    find,
    line_of,
    of_check,
    read_table,
    row_index,
    set_cell,
    write_table,
)

from tajik_peace import validate as V
from tajik_peace.validate import CHECKS, Problem, Report, validate


def _only(report: Report, check: str, file: str, row, field) -> Problem:
    """The report's problems of ``check`` are exactly one, at file/row/field."""
    found = of_check(report, check)
    assert len(found) == 1, "\n".join(map(str, report.problems))
    hit = find(found, file, row, field)
    assert hit is not None, f"expected {file}, row {row}, field {field}; got {found[0]}"
    return hit


# ------------------------------------------------------------------ the packages as a whole


def test_real_data_package_is_valid():
    """The coded dataset validates clean (fails until the coders have finished)."""
    report = validate(DATA_DIR)
    assert report.ok, report.format()


def test_mini_fixture_is_valid(mini_package):
    report = validate(mini_package)
    assert report.ok, report.format()
    assert report.counts["events"] == {"rows": 6, "attestations": 7}
    assert report.counts["attestations"]["rows"] == 31


@pytest.mark.sources
def test_mini_fixture_is_valid_with_quotes(mini_package, sources_path):
    report = validate(mini_package, sources_dir=sources_path, check_quotes=True)
    assert report.ok, report.format()
    assert report.quotes_checked


def test_every_check_is_registered_and_documented():
    expected = {
        "list-references",
        "topics",
        "attestation-target",
        "discrepancy-record",
        "date-order",
        "date-precision",
        "phase-sequence",
        "phase-assignment",
        "rounds",
        "shares",
        "attested",
        "quote-length",
        "aliases",
        "ceasefire-extends",
        "edtf",
        "fields-columns",
        "field-support",
        "inferred-reason",
        "review-targets",
        "cell-values",
        "counts",
        "affiliations",
        "self-relation",
        "relation-lever",
    }
    assert set(CHECKS) == expected
    assert all(c.doc for c in CHECKS.values())
    assert all(
        set(c.needs)
        <= {r["name"] for r in json.loads((DATA_DIR / "datapackage.json").read_text())["resources"]}
        for c in CHECKS.values()
    )


def test_validate_reports_every_problem_not_just_the_first(mini_package):
    l1 = set_cell(mini_package, "events", 0, "date_start", "1991-13-01")
    l2 = set_cell(mini_package, "places", 1, "latitude", "95")
    l3 = set_cell(mini_package, "proposals", 0, "powers", "absolute")
    report = validate(mini_package)
    assert find(report.problems, "events.csv", l1, "date_start")
    assert find(report.problems, "places.csv", l2, "latitude")
    assert find(report.problems, "proposals.csv", l3, "powers")
    assert not report.ok


def test_default_data_dir_and_env(monkeypatch, mini_package):
    monkeypatch.delenv(V.DATA_ENV, raising=False)
    assert V.resolve_data_dir() == DATA_DIR
    monkeypatch.setenv(V.DATA_ENV, str(mini_package))
    assert V.resolve_data_dir() == mini_package
    assert validate().data_dir == mini_package
    assert V.resolve_data_dir("elsewhere") == Path("elsewhere")


def test_missing_datapackage_json(tmp_path):
    report = validate(tmp_path)
    assert [p.check for p in report.problems] == ["package"]
    assert "datapackage.json is missing" in report.problems[0].message


def test_report_format(mini_package):
    line = set_cell(mini_package, "events", 1, "date_start", "bad-date")
    text = validate(mini_package).format()
    assert "events.csv: 1 problem" in text
    assert f"row {line}, field date_start: 'bad-date' is not a valid ISO 8601 date" in text
    assert "1 problem found in 1 file." in text
    assert "(version 0.1.0)" in text
    counts = [ln for ln in text.splitlines() if ln.startswith("events ")]
    assert counts and counts[0].split()[1:] == ["6", "7"]


def test_problem_str_and_location():
    p = Problem("data/events.csv", 14, "date_start", "'x' is bad", "type-error")
    assert str(p) == "data/events.csv, row 14, field date_start: 'x' is bad"
    assert (
        str(Problem("data/a.csv", None, None, "file is missing", "file-missing"))
        == "data/a.csv: file is missing"
    )


# ------------------------------------------------------------------ stage a: raw files


def test_header_wrong_order(mini_package):
    header, rows = read_table(mini_package, "places")
    header[1], header[2] = header[2], header[1]
    write_table(mini_package, "places", header, rows)
    report = validate(mini_package)
    hit = _only(report, "header", "places.csv", 1, "aliases")
    assert "wrong order" in hit.message
    assert not of_check(report, "type-error")  # frictionless is not run on the broken file


def test_header_duplicate_column(mini_package):
    path = mini_package / "statistics.csv"
    lines = path.read_text().splitlines()
    lines[0] += ",notes"
    path.write_text("\n".join(lines) + "\n")
    hit = _only(validate(mini_package), "header", "statistics.csv", 1, "notes")
    assert "twice" in hit.message


def test_header_column_with_spaces(mini_package):
    path = mini_package / "statistics.csv"
    path.write_text(path.read_text().replace("stat_id,measure", "stat_id, measure", 1))
    report = validate(mini_package)
    assert find(report.problems, "statistics.csv", 1, " measure")
    assert "spaces around" in find(report.problems, "statistics.csv", 1, " measure").message
    assert find(report.problems, "statistics.csv", 1, "measure")


def test_record_lines_count_multiline_cells(mini_package):
    """Row numbers are lines of the file, also after a cell that spans two lines."""
    set_cell(mini_package, "events", 0, "outcome", "first line\nsecond line")
    line = set_cell(mini_package, "events", 1, "date_start", "bad-date")
    assert line == 4
    assert find(validate(mini_package).problems, "events.csv", 4, "date_start")


# ------------------------------------------------------------------ stage b: frictionless


@pytest.mark.parametrize(
    "table,field,value,check,text",
    [
        ("actors", "kind", "wizard", "constraint-error", "'wizard' is not one of: person, state"),
        ("actors", "description", "", "constraint-error", "is required but empty"),
        ("actors", "actor_id", "Bad Id", "constraint-error", "does not match the pattern"),
        ("phases", "order", "two", "type-error", "'two' is not a whole number"),
        ("places", "longitude", "east", "type-error", "'east' is not a number"),
        ("places", "coordinate_precision", "-1", "constraint-error", "below the minimum 0"),
        (
            "agreements",
            "topics",
            "ceasefire;banana",
            "constraint-error",
            "is not a ';'-separated list of: ceasefire, prisoners",
        ),
        (
            "relations",
            "to_actor",
            "nobody",
            "foreign-key",
            "'nobody' is not a known actor_id in actors.csv",
        ),
        (
            "actors",
            "affiliation",
            "nobody",
            "foreign-key",
            "'nobody' is not a known actor_id in actors.csv",
        ),
        ("ceasefires", "extends", "ghost", "foreign-key", "'ghost' is not a known ceasefire_id"),
        ("attestations", "source_id", "nobody2020", "foreign-key", "is not a known source_id"),
    ],
)
def test_frictionless_errors_become_problems(mini_package, table, field, value, check, text):
    line = set_cell(mini_package, table, 0, field, value)
    report = validate(mini_package)
    hit = find(of_check(report, check), f"{table}.csv", line, field)
    assert hit is not None, report.format()
    assert text in hit.message


def test_duplicate_id_reported_once(mini_package):
    line = set_cell(mini_package, "places", 1, "place_id", "dushanbe")
    report = validate(mini_package)
    dups = [p for p in report.problems if p.check in ("unique-error", "primary-key")]
    assert len(dups) == 1 and (dups[0].row, dups[0].field) == (line, "place_id")


def test_extra_cell_in_row(mini_package):
    path = mini_package / "statistics.csv"
    lines = path.read_text().splitlines()
    lines[1] += ",surplus"
    path.write_text("\n".join(lines) + "\n")
    report = validate(mini_package)
    assert [p.row for p in of_check(report, "extra-cell")] == [2]


# ------------------------------------------------------------------ stage c: project rules


def test_list_references(mini_package):
    line = set_cell(mini_package, "events", 3, "actors", "uto;ghost")
    hit = _only(validate(mini_package), "list-references", "events.csv", line, "actors")
    assert "'ghost' is not a known actor_id" in hit.message


@pytest.mark.parametrize(
    "value,text",
    [("uto;;un", "empty item"), ("uto; un", "spaces around"), ("uto;un;uto", "more than once")],
)
def test_list_hygiene(mini_package, value, text):
    line = set_cell(mini_package, "events", 3, "actors", value)
    problems = of_check(validate(mini_package), "list-references")
    assert any(p.row == line and text in p.message for p in problems), problems


def test_topics_vocabulary(mini_package):
    line = set_cell(mini_package, "agreements", 0, "topics", "ceasefire;banana")
    hit = _only(validate(mini_package), "topics", "agreements.csv", line, "topics")
    assert "unknown topic 'banana'" in hit.message


def test_list_pattern_vocabulary_matches_schema():
    pkg = json.loads((DATA_DIR / "datapackage.json").read_text())
    agreements = next(r for r in pkg["resources"] if r["name"] == "agreements")
    topics = next(f for f in agreements["schema"]["fields"] if f["name"] == "topics")
    vocab = V.list_pattern_vocabulary(topics["constraints"]["pattern"])
    assert vocab[:3] == ["ceasefire", "prisoners", "refugees"] and vocab[-1] == "other"
    assert V.list_pattern_vocabulary("^[a-z]+$") is None


def test_attestation_target(mini_package):
    line = set_cell(mini_package, "attestations", 0, "record_id", "ghost_government")
    report = validate(mini_package)
    hit = _only(report, "attestation-target", "attestations.csv", line, "record_id")
    assert "'ghost_government' is not a record of actors" in hit.message


@pytest.mark.parametrize(
    "value,text",
    [
        ("events-tehran_consultation_1994", "not of the form table:record_id"),
        ("rounds:tehran_consultation_1994", "names no coded table"),
        ("events:ghost", "'ghost' is not a record of events"),
    ],
)
def test_discrepancy_record(mini_package, value, text):
    line = set_cell(mini_package, "discrepancies", 0, "record", value)
    hit = _only(validate(mini_package), "discrepancy-record", "discrepancies.csv", line, "record")
    assert text in hit.message


@pytest.mark.parametrize(
    "table,index,field,value",
    [
        ("events", 5, "date_end", "1994-09-11"),
        ("phases", 0, "end_date", "1993-04-30"),
        ("ceasefires", 0, "valid_until", "1994-10-19"),
    ],
)
def test_date_order(mini_package, table, index, field, value):
    line = set_cell(mini_package, table, index, field, value)
    report = validate(mini_package)
    hits = [p for p in of_check(report, "date-order") if p.row == line and p.field == field]
    assert hits and "is before" in hits[0].message


def test_ceasefire_valid_until_before_agreed(mini_package):
    set_cell(mini_package, "ceasefires", 0, "effective_from", "")
    line = set_cell(mini_package, "ceasefires", 0, "valid_until", "1994-09-01")
    set_cell(mini_package, "ceasefires", 0, "valid_until_precision", "day")
    hit = _only(validate(mini_package), "date-order", "ceasefires.csv", line, "valid_until")
    assert "before agreed_date 1994-09-17" in hit.message


@pytest.mark.parametrize(
    "table,index,changes,field,text",
    [
        (
            "events",
            0,
            {"date_start": "1991-11-07"},
            "date_start",
            "write it as the first of the month",
        ),
        ("events", 1, {"date_start_precision": "year"}, "date_start", "write it as 1993-01-01"),
        ("events", 2, {"date_end": "1994-04-30"}, "date_end", "write it as the first of its month"),
        (
            "events",
            3,
            {"date_end": "1994-04-19"},
            "date_end_precision",
            "is empty but date_end is given",
        ),
        (
            "events",
            2,
            {"date_end_precision": "", "date_end": ""},
            "date_end",
            "approximate event needs date_end",
        ),
        ("statistics", 0, {"date_precision": "year"}, "date_precision", "but date is empty"),
        (
            "ceasefires",
            0,
            {"valid_until": "1995-02-01"},
            "valid_until_precision",
            "is empty but valid_until",
        ),
        ("relations", 0, {"date": "1994-03-15"}, "date", "first of the month"),
    ],
)
def test_date_precision(mini_package, table, index, changes, field, text):
    for f, v in changes.items():
        line = set_cell(mini_package, table, index, f, v)
    hit = _only(validate(mini_package), "date-precision", f"{table}.csv", line, field)
    assert text in hit.message


def test_phase_sequence_overlap(mini_package):
    set_cell(mini_package, "phases", 0, "end_date", "1994-04-05")
    line = line_of(mini_package, "phases", 1)
    hit = _only(validate(mini_package), "phase-sequence", "phases.csv", line, "start_date")
    assert "before phase diagnostic" in hit.message


def test_phase_sequence_month_precision_covers_month(mini_package):
    """A phase ending 'December 1995' (month precision) covers all of December."""
    line = add_row(
        mini_package,
        "phases",
        phase_id="formula_3",
        order="4",
        name="Third",
        start_date="1995-12-15",
        start_precision="day",
        end_date="1996-12-31",
        end_precision="day",
        summary="x",
    )
    report = validate(mini_package)
    hit = _only(report, "phase-sequence", "phases.csv", line, "start_date")
    assert "1995-12-31" in hit.message


def test_phase_order_gap(mini_package):
    set_cell(mini_package, "phases", 2, "order", "5")
    hit = _only(validate(mini_package), "phase-sequence", "phases.csv", None, "order")
    assert "[1, 2, 5]" in hit.message


def test_event_outside_its_phase(mini_package):
    line = set_cell(mini_package, "events", 4, "phase_id", "formula_2")
    hit = _only(validate(mini_package), "phase-assignment", "events.csv", line, "phase_id")
    assert "outside phase formula_2" in hit.message and "falls in formula_1" in hit.message


def test_event_with_empty_phase_inside_a_phase(mini_package):
    line = set_cell(mini_package, "events", 3, "phase_id", "")
    hit = _only(validate(mini_package), "phase-assignment", "events.csv", line, "phase_id")
    assert "is empty" in hit.message and "formula_1" in hit.message


def test_event_before_first_phase_must_have_empty_phase(mini_package):
    line = set_cell(mini_package, "events", 0, "phase_id", "diagnostic")
    hit = _only(validate(mini_package), "phase-assignment", "events.csv", line, "phase_id")
    assert "before the first phase: leave phase_id empty" in hit.message


def test_span_overlap_accepts_either_phase(mini_package):
    """An approximate span (Jan-Apr 1994) crossing a phase boundary may be in either phase."""
    set_cell(mini_package, "events", 2, "phase_id", "formula_1")
    assert not of_check(validate(mini_package), "phase-assignment")
    set_cell(mini_package, "events", 2, "phase_id", "formula_2")
    assert of_check(validate(mini_package), "phase-assignment")


def test_month_precision_event_covers_its_month(mini_package):
    """A month-precise event in April 1994 overlaps the diagnostic phase (ends 4 April)."""
    set_cell(mini_package, "events", 3, "date_start_precision", "month")
    set_cell(mini_package, "events", 3, "date_start", "1994-04-01")
    set_cell(mini_package, "events", 3, "date_edtf", "1994-04")
    set_cell(mini_package, "events", 3, "phase_id", "diagnostic")
    assert not of_check(validate(mini_package), "phase-assignment")


def test_relation_outside_its_phase(mini_package):
    line = set_cell(mini_package, "relations", 0, "phase_id", "formula_2")
    hit = _only(validate(mini_package), "phase-assignment", "relations.csv", line, "phase_id")
    assert "outside phase formula_2" in hit.message


def test_parse_date():
    from datetime import date

    assert V.parse_date("1994-02-30") is None and V.parse_date("19940405") is None
    assert V.parse_date(" 1994-02-03 ") == date(1994, 2, 3)


def test_round_number_only_on_rounds(mini_package):
    line = set_cell(mini_package, "events", 5, "round_number", "3")
    hit = _only(validate(mini_package), "rounds", "events.csv", line, "round_number")
    assert "only kind 'round'" in hit.message


def test_round_without_number(mini_package):
    line = set_cell(mini_package, "events", 4, "round_number", "")
    hit = _only(validate(mini_package), "rounds", "events.csv", line, "round_number")
    assert "is empty" in hit.message


def test_round_numbers_without_gaps(mini_package):
    set_cell(mini_package, "events", 4, "round_number", "3")
    hit = _only(validate(mini_package), "rounds", "events.csv", None, "round_number")
    assert "round 2 is missing" in hit.message


def test_rounds_in_date_order(mini_package):
    line = set_cell(mini_package, "events", 3, "round_number", "2")  # 5 April 1994
    set_cell(mini_package, "events", 4, "round_number", "1")  # 18 June 1994
    hit = _only(validate(mini_package), "rounds", "events.csv", line, "date_start")
    assert "round 2 starts 1994-04-05, not after round 1 (1994-06-18)" in hit.message


def _continuous_round(pkg: Path, parts: list[str]) -> list[int]:
    lines = []
    for k, part in enumerate(parts):
        lines.append(
            add_row(
                pkg,
                "events",
                event_id=f"round_3_part_{k}",
                date_start=f"1994-1{k}-20",
                date_precision="day",
                kind="round",
                round_number="3",
                round_part=part,
                title="Third round",
                phase_id="formula_1",
            )
        )
    return lines


def test_round_parts_consecutive(mini_package):
    lines = _continuous_round(mini_package, ["1", "3"])
    hit = _only(validate(mini_package), "rounds", "events.csv", lines[0], "round_part")
    assert "[1, 3]" in hit.message


def test_round_parts_required_when_split(mini_package):
    lines = _continuous_round(mini_package, ["1", ""])
    problems = of_check(validate(mini_package), "rounds")
    assert find(problems, "events.csv", lines[1], "round_part")


def test_round_parts_valid(mini_package):
    _continuous_round(mini_package, ["1", "2"])
    assert not of_check(validate(mini_package), "rounds")


def test_round_part_on_non_round(mini_package):
    line = set_cell(mini_package, "events", 5, "round_part", "1")
    _only(validate(mini_package), "rounds", "events.csv", line, "round_part")


@pytest.mark.parametrize(
    "shares,field,text",
    [
        (("50", "40", "0"), "other_share", "add up to 90, not 100"),
        (("60", "50", ""), "government_share", "more than 100"),
        (("40", "40", "20.4"), None, None),
        (("100", "", ""), None, None),
    ],
)
def test_shares(mini_package, shares, field, text):
    for f, v in zip(("government_share", "opposition_share", "other_share"), shares):
        line = set_cell(mini_package, "proposals", 0, f, v)
    problems = of_check(validate(mini_package), "shares")
    if text is None:
        assert not problems
    else:
        hit = _only(validate(mini_package), "shares", "proposals.csv", line, field)
        assert text in hit.message


def test_share_out_of_range(mini_package):
    line = set_cell(mini_package, "proposals", 0, "opposition_share", "-5")
    report = validate(mini_package)
    assert any(
        p.field == "opposition_share" and p.row == line and "outside 0-100" in p.message
        for p in of_check(report, "shares")
    )


@pytest.mark.parametrize(
    "table,record",
    [
        ("actors", "nuri"),
        ("places", "tehran"),
        ("phases", "formula_2"),
        ("agreements", "tehran_ceasefire_agreement"),
        ("statistics", "war_dead"),
        ("discrepancies", "third_round_venue"),
    ],
)
def test_attested(mini_package, table, record):
    edit(
        mini_package,
        "attestations",
        lambda rows: rows.__setitem__(
            slice(None), [r for r in rows if (r["table"], r["record_id"]) != (table, record)]
        ),
    )
    pk = {"statistics": "stat_id", "discrepancies": "discrepancy_id"}.get(table, table[:-1] + "_id")
    line = line_of(mini_package, table, row_index(mini_package, table, pk, record))
    hit = _only(validate(mini_package), "attested", f"{table}.csv", line, pk)
    assert f"{table}:{record}" in hit.message


def test_quote_length(mini_package):
    quote = " ".join(["word"] * 41)
    line = set_cell(mini_package, "attestations", 3, "quote", quote)
    hit = _only(validate(mini_package), "quote-length", "attestations.csv", line, "quote")
    assert "41 words" in hit.message
    set_cell(mini_package, "attestations", 3, "quote", " ".join(["word"] * 40))
    assert not of_check(validate(mini_package), "quote-length")


@pytest.mark.parametrize(
    "table,index,value,other",
    [
        ("actors", 4, "Nuri;UTO", "uto"),  # alias of another actor
        ("actors", 4, "Nuri;the united nations", "un"),  # case and 'the' do not matter
        ("places", 0, "Dushanbe;TEHRAN", "tehran"),
    ],
)
def test_a_shared_spelling_needs_a_quotation_using_it(mini_package, table, index, value, other):
    """A spelling on two records is reported on the record none of whose quotations uses it."""
    line = set_cell(mini_package, table, index, "aliases", value)
    report = validate(mini_package)
    problems = of_check(report, "aliases")
    assert len(problems) == 1, problems
    assert problems[0].row == line and problems[0].field == "aliases"
    assert Path(problems[0].file).name == f"{table}.csv"
    assert f"is shared with {other}, but no quotation of {table}:" in problems[0].message


def test_a_shared_spelling_used_for_both_records_is_allowed(mini_package):
    """As with 'Leninabad' (the city in Adamishin, the region in Iji)."""
    _, rows = read_table(mini_package, "actors")
    rid = rows[4]["actor_id"]
    set_cell(mini_package, "actors", 4, "aliases", rows[4]["aliases"] + ";UTO")
    add_row(
        mini_package,
        "attestations",
        attestation_id=f"actors-{rid}-9",
        table="actors",
        record_id=rid,
        fields="name",
        source_id="iji",
        locator="Introduction",
        quote="the UTO",
    )
    assert not of_check(validate(mini_package), "aliases")


def test_alias_shared_between_actor_and_place_is_allowed(mini_package):
    set_cell(mini_package, "actors", 5, "aliases", "Russia;Moscow")
    assert not of_check(validate(mini_package), "aliases")


def test_ceasefire_extension_cycle(mini_package):
    add_row(
        mini_package,
        "ceasefires",
        ceasefire_id="ext_1",
        agreed_date="1994-11-01",
        agreed_precision="day",
        event_id="tehran_consultation_1994",
        extends="ext_2",
    )
    add_row(
        mini_package,
        "ceasefires",
        ceasefire_id="ext_2",
        agreed_date="1994-12-01",
        agreed_precision="day",
        event_id="tehran_consultation_1994",
        extends="ext_1",
    )
    problems = [
        p for p in of_check(validate(mini_package), "ceasefire-extends") if "cycle" in p.message
    ]
    assert {(p.row, p.field) for p in problems} == {(3, "extends"), (4, "extends")}
    assert "ext_1 -> ext_2 -> ext_1" in problems[0].message


def test_ceasefire_self_extension(mini_package):
    line = set_cell(mini_package, "ceasefires", 0, "extends", "tehran_ceasefire_1994")
    hit = _only(validate(mini_package), "ceasefire-extends", "ceasefires.csv", line, "extends")
    assert "tehran_ceasefire_1994 -> tehran_ceasefire_1994" in hit.message


def test_ceasefire_extension_agreed_before_original(mini_package):
    line = add_row(
        mini_package,
        "ceasefires",
        ceasefire_id="ext_1",
        agreed_date="1994-09-01",
        agreed_precision="day",
        event_id="tehran_consultation_1994",
        extends="tehran_ceasefire_1994",
    )
    hit = _only(validate(mini_package), "ceasefire-extends", "ceasefires.csv", line, "agreed_date")
    assert "before tehran_ceasefire_1994 was agreed" in hit.message


def test_checks_skip_when_a_needed_file_is_unreadable(mini_package):
    (mini_package / "attestations.csv").write_bytes(b"")
    report = validate(mini_package)
    assert not of_check(report, "attested")
    assert any("attested" in note for note in report.notes)
    assert report.counts["attestations"]["rows"] is None


# ------------------------------------------------------------------ stage d: provenance


def test_quotes_requested_without_sources(mini_package, monkeypatch):
    monkeypatch.delenv("SOURCES_DIR", raising=False)
    report = validate(mini_package, check_quotes=True)
    assert [p.check for p in report.problems] == ["provenance"]
    assert "SOURCES_DIR is not set" in report.problems[0].message
    assert not report.quotes_checked


@pytest.mark.sources
def test_provenance_locator_unknown(mini_package, sources_path):
    line = set_cell(mini_package, "attestations", 1, "locator", "The Uncivil War")
    report = validate(mini_package, sources_dir=sources_path, check_quotes=True)
    hit = _only(report, "provenance", "attestations.csv", line, "locator")
    assert "names no section of iji" in hit.message


@pytest.mark.sources
def test_provenance_headings_locator_with_detail(mini_package, sources_path):
    set_cell(mini_package, "attestations", 1, "locator", "The Civil War in Tajikistan, p. 3")
    assert validate(mini_package, sources_dir=sources_path, check_quotes=True).ok


@pytest.mark.sources
def test_provenance_alias_not_in_sources(mini_package, sources_path):
    line = set_cell(mini_package, "places", 3, "aliases", "Kurgan-Tyube;Kurgan-Tube")
    report = validate(mini_package, sources_dir=sources_path, check_quotes=True)
    hit = _only(report, "provenance", "places.csv", line, "aliases")
    assert "'Kurgan-Tube' stands in no source text" in hit.message


def test_provenance_missing_text_file(mini_package, tmp_path):
    empty = tmp_path / "no-texts"
    empty.mkdir()
    report = validate(mini_package, sources_dir=empty, check_quotes=True)
    assert {p.field for p in report.problems if Path(p.file).name == "sources.csv"} == {"text_file"}
    assert any("has no readable text" in p.message for p in report.problems)


# ------------------------------------------------------------------ field-level evidence


def _mini_attestation(pkg, table: str, record_id: str) -> int:
    """Index of the first attestation of table:record_id in the mini fixture."""
    _, rows = read_table(pkg, "attestations")
    return next(i for i, r in enumerate(rows) if (r["table"], r["record_id"]) == (table, record_id))


def test_a_field_no_attestation_names_is_reported(mini_package):
    i = _mini_attestation(mini_package, "events", "round_1_moscow")
    fields = read_table(mini_package, "attestations")[1][i]["fields"].split(";")
    assert "place_id" in fields
    set_cell(
        mini_package, "attestations", i, "fields", ";".join(f for f in fields if f != "place_id")
    )
    line = line_of(
        mini_package, "events", row_index(mini_package, "events", "event_id", "round_1_moscow")
    )
    hit = _only(validate(mini_package), "field-support", "events.csv", line, "place_id")
    assert "no attestation names it" in hit.message and "events:round_1_moscow" in hit.message


def test_a_field_flagged_inferred_needs_no_quotation(mini_package):
    i = _mini_attestation(mini_package, "events", "round_1_moscow")
    fields = read_table(mini_package, "attestations")[1][i]["fields"].split(";")
    set_cell(
        mini_package, "attestations", i, "fields", ";".join(f for f in fields if f != "place_id")
    )
    k = row_index(mini_package, "events", "event_id", "round_1_moscow")
    set_cell(mini_package, "events", k, "inferred", "place_id")
    set_cell(
        mini_package,
        "events",
        k,
        "notes",
        "place_id inferred: the venue follows from the host's role.",
    )
    assert validate(mini_package).ok


def test_inferred_without_a_reason(mini_package):
    k = row_index(mini_package, "events", "event_id", "round_1_moscow")
    i = _mini_attestation(mini_package, "events", "round_1_moscow")
    fields = read_table(mini_package, "attestations")[1][i]["fields"].split(";")
    set_cell(
        mini_package, "attestations", i, "fields", ";".join(f for f in fields if f != "outcome")
    )
    line = set_cell(mini_package, "events", k, "inferred", "outcome")
    set_cell(mini_package, "events", k, "notes", "")
    hit = _only(validate(mini_package), "inferred-reason", "events.csv", line, "inferred")
    assert "notes gives no reason" in hit.message


@pytest.mark.parametrize(
    "value,text",
    [
        ("place_id;venue", "'venue' is not a column of events"),
        ("event_id", "needs no quotation (derived"),
        ("government_head", "is empty in events:round_1_moscow"),
    ],
)
def test_fields_must_name_quoted_columns_of_the_record(mini_package, value, text):
    i = _mini_attestation(mini_package, "events", "round_1_moscow")
    fields = read_table(mini_package, "attestations")[1][i]["fields"]
    line = set_cell(mini_package, "attestations", i, "fields", f"{fields};{value}")
    hit = _only(validate(mini_package), "fields-columns", "attestations.csv", line, "fields")
    assert text in hit.message


@pytest.mark.parametrize(
    "value,text",
    [
        ("place_id", "flagged inferred and named by a quotation"),
        ("date_edtf", "needs no flag"),
        ("government_head", "is empty, so there is no value to flag"),
        ("venue", "'venue' is not a column of events"),
    ],
)
def test_inferred_names_flaggable_fields(mini_package, value, text):
    k = row_index(mini_package, "events", "event_id", "round_1_moscow")
    line = set_cell(mini_package, "events", k, "inferred", value)
    set_cell(mini_package, "events", k, "notes", "a reason")
    hit = _only(validate(mini_package), "field-support", "events.csv", line, "inferred")
    assert text in hit.message


def test_an_empty_fields_cell_is_a_schema_error(mini_package):
    line = set_cell(mini_package, "attestations", 0, "fields", "")
    report = validate(mini_package)
    assert find(report.problems, "attestations.csv", line, "fields")
    assert not report.ok


def test_a_field_without_an_evidence_class_needs_a_quotation(mini_package):
    """Fail closed: deleting a field's evidence class from the schema makes it need support."""
    descriptor = json.loads((mini_package / "datapackage.json").read_text())
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    next(f for f in events["schema"]["fields"] if f["name"] == "phase_id").pop("evidence")
    (mini_package / "datapackage.json").write_text(json.dumps(descriptor))
    report = validate(mini_package)
    assert {p.field for p in of_check(report, "field-support")} == {"phase_id"}


@pytest.mark.parametrize(
    "value,text",
    [
        ("1994-13", "is not valid EDTF"),
        ("1994-04-05/garbage", "is not valid EDTF"),
        ("1994-04", "say '1994-04-05'"),
        ("", "say '1994-04-05'"),
    ],
)
def test_edtf_is_valid_and_agrees_with_the_dates(mini_package, value, text):
    k = row_index(mini_package, "events", "event_id", "round_1_moscow")
    line = set_cell(mini_package, "events", k, "date_edtf", value)
    report = validate(mini_package)
    hit = find(of_check(report, "edtf"), "events.csv", line, "date_edtf")
    assert hit is not None, report.format()
    assert text in hit.message


def test_edtf_of_a_span_with_two_precisions(mini_package):
    k = row_index(mini_package, "events", "event_id", "tehran_consultation_1994")
    set_cell(mini_package, "events", k, "date_start", "1994-09-01")
    set_cell(mini_package, "events", k, "date_start_precision", "approximate")
    line = set_cell(mini_package, "events", k, "date_edtf", "1994-09~/1994-09-17")
    assert not of_check(validate(mini_package), "edtf")
    set_cell(mini_package, "events", k, "date_edtf", "1994-09-01/1994-09-17")
    hit = _only(validate(mini_package), "edtf", "events.csv", line, "date_edtf")
    assert "'1994-09~/1994-09-17'" in hit.message


@pytest.mark.parametrize(
    "table,field",
    [
        ("review_log", "record_id"),
        ("double_coding", "record_id"),
        ("blind_recoding", "record_id"),
        ("second_review", "record_id"),
    ],
)
def test_review_rows_name_existing_records(mini_package, table, field):
    line = set_cell(mini_package, table, 0, field, "no_such_record")
    hit = _only(validate(mini_package), "review-targets", f"{table}.csv", line, field)
    assert "'no_such_record' is not a record of" in hit.message


def test_a_record_is_reviewed_once(mini_package):
    line = set_cell(mini_package, "second_review", 1, "record_id", "round_1_moscow")
    hit = _only(validate(mini_package), "review-targets", "second_review.csv", line, "record_id")
    assert "reviewed twice" in hit.message


def test_phase_may_be_empty_only_outside_the_phases(mini_package):
    """An aftermath event after the last phase has no phase; one inside the phases must have one."""
    line = add_row(
        mini_package,
        "events",
        event_id="aftermath_2012",
        date_start="2012-01-01",
        date_start_precision="year",
        date_edtf="2012",
        kind="political",
        title="Aftermath",
        inferred="title;kind;date_start",
        notes="Test record: inferred for the test.",
    )
    assert not of_check(validate(mini_package), "phase-assignment")
    set_cell(mini_package, "events", 6, "date_start", "1994-05-01")
    set_cell(mini_package, "events", 6, "date_start_precision", "month")
    set_cell(mini_package, "events", 6, "date_edtf", "1994-05")
    hit = _only(validate(mini_package), "phase-assignment", "events.csv", line, "phase_id")
    assert "may be empty only before the first phase or after the last" in hit.message


def test_every_precision_field_of_the_schema_is_checked_with_its_date_and_edtf():
    """A dated field added to the schema without a place in rules.EDTF_FIELDS would escape the
    date-precision and EDTF checks: every `*_precision` field (but coordinates) must be listed."""
    import json

    from tajik_peace import rules
    from tajik_peace.paths import PACKAGE_FILE, default_data_dir

    descriptor = json.loads((default_data_dir() / PACKAGE_FILE).read_text(encoding="utf-8"))
    declared = {
        (res["name"], field["name"])
        for res in descriptor["resources"]
        for field in res["schema"]["fields"]
        if field["name"].endswith("_precision") and field["name"] != "coordinate_precision"
    }
    checked = {(table, pfield) for table, _, pfield in rules.DATED}
    assert declared == checked
    assert len(rules.DATED) == len(checked)  # no bound listed twice
