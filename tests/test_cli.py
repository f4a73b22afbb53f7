"""python -m tajik_peace: validate, resolve, codebook, stats."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import DATA_DIR, REPO
from pkgtools import set_cell

from tajik_peace.cli import main


@pytest.fixture
def no_sources(monkeypatch):
    monkeypatch.delenv("SOURCES_DIR", raising=False)


def test_validate_clean(mini_package, capsys, no_sources):
    assert main(["validate", "--data", str(mini_package)]) == 0
    out = capsys.readouterr().out
    assert "No problems found." in out
    assert "Quote check skipped: SOURCES_DIR is not set" in out


def test_validate_with_problem(mini_package, capsys, no_sources):
    line = set_cell(mini_package, "events", 0, "date_start", "bad-date")
    assert main(["validate", "--data", str(mini_package)]) == 1
    out = capsys.readouterr().out
    assert f"row {line}, field date_start: 'bad-date' is not a valid ISO 8601 date" in out
    assert "1 problem found" in out


@pytest.mark.sources
def test_validate_with_sources(mini_package, capsys, sources_path, no_sources):
    assert main(["validate", "--data", str(mini_package), "--sources", str(sources_path)]) == 0
    out = capsys.readouterr().out
    assert "Quotations checked against the source texts" in out
    assert "skipped" not in out


@pytest.mark.sources
def test_validate_sources_from_env(mini_package, capsys, sources_path, monkeypatch):
    monkeypatch.setenv("SOURCES_DIR", str(sources_path))
    set_cell(mini_package, "attestations", 0, "quote", "No such words in any text.")
    assert main(["validate", "--data", str(mini_package)]) == 1
    assert "does not stand verbatim" in capsys.readouterr().out


@pytest.mark.sources
def test_validate_no_quotes(mini_package, capsys, sources_path, monkeypatch):
    monkeypatch.setenv("SOURCES_DIR", str(sources_path))
    set_cell(mini_package, "attestations", 0, "quote", "No such words in any text.")
    assert main(["validate", "--data", str(mini_package), "--no-quotes"]) == 0
    assert "Quote check skipped: --no-quotes was given." in capsys.readouterr().out


def test_validate_quotes_required_but_missing(mini_package, capsys, no_sources):
    assert main(["validate", "--data", str(mini_package), "--quotes"]) == 1
    assert "cannot check quotations: SOURCES_DIR is not set" in capsys.readouterr().out


def test_validate_sources_not_a_directory(mini_package, capsys, tmp_path, no_sources):
    assert main(["validate", "--data", str(mini_package), "--sources", str(tmp_path / "x")]) == 0
    assert "is not a directory" in capsys.readouterr().out


def test_resolve(mini_package, capsys):
    assert main(["resolve", "--data", str(mini_package), "Kurgan-Tyube", "the UN"]) == 0
    out = [line.split("\t")[:5] for line in capsys.readouterr().out.splitlines()]
    assert out == [
        ["Kurgan-Tyube", "place", "kurgan_tyube", "Kurgan-Tyube", "exact"],
        ["the UN", "actor", "un", "United Nations", "exact"],
    ]


def test_resolve_ambiguous_prints_every_candidate(mini_package, capsys):
    assert main(["resolve", "--data", str(mini_package), "Rahmon"]) == 1
    captured = capsys.readouterr()
    assert "'Rahmon' is ambiguous" in captured.err
    rows = [line.split("\t") for line in captured.out.splitlines()]
    assert [(r[2], r[4]) for r in rows] == [
        ("rakhmonov", "exact"),
        ("nabiyev", "part of 'Rahmon Nabiyev'"),
    ]
    assert "Adamishin (2012), para. 3" in rows[1][5]


def test_explain_prints_each_field_with_its_quotation(mini_package, capsys):
    assert main(["explain", "--data", str(mini_package), "events", "round_1_moscow"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("events:round_1_moscow\n")
    assert "  place_id = moscow\n" in out
    assert "(Iji, The Launch of Negotiations: The First Formula Phase)" in out
    assert "  phase_id = formula_1\n      (derived by rule)" in out


def test_explain_unknown_record(mini_package, capsys):
    assert main(["explain", "--data", str(mini_package), "events", "no_such_event"]) == 1
    assert "events has no record 'no_such_event'" in capsys.readouterr().err
    assert main(["explain", "--data", str(mini_package), "meetings", "x"]) == 1
    assert "no table 'meetings'" in capsys.readouterr().err


def test_resolve_unknown(mini_package, capsys):
    assert main(["resolve", "--data", str(mini_package), "Nabiev"]) == 1
    assert "did you mean: 'Nabiyev' (actor nabiyev)" in capsys.readouterr().err


def test_resolve_kind(mini_package, capsys):
    assert main(["resolve", "--data", str(mini_package), "--kind", "actor", "Tehran"]) == 1
    assert "not the spelling of an actor" in capsys.readouterr().err


def test_resolve_on_invalid_data(mini_package, capsys):
    (mini_package / "events.csv").write_text("")
    assert main(["resolve", "--data", str(mini_package), "UN"]) == 1
    assert "cannot load the data package" in capsys.readouterr().err


def test_stats(mini_package, capsys):
    assert main(["stats", "--data", str(mini_package)]) == 0
    lines = {ln.split()[0]: ln.split()[1:] for ln in capsys.readouterr().out.splitlines()}
    assert lines["events"] == ["6", "7"]
    assert lines["attestations"] == ["31", "0"]


def test_codebook_check(tmp_path, capsys):
    shutil.copy(DATA_DIR / "datapackage.json", tmp_path)
    shutil.copy(DATA_DIR / "double_coding.csv", tmp_path)
    shutil.copy(DATA_DIR / "blind_recoding.csv", tmp_path)
    shutil.copy(DATA_DIR / "README.md", tmp_path)
    assert main(["codebook", "--check", "--data", str(tmp_path)]) == 0
    readme = tmp_path / "README.md"
    readme.write_text(readme.read_text().replace("| `event_id` |", "| `event` |"))
    assert main(["codebook", "--check", "--data", str(tmp_path)]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["codebook", "--data", str(tmp_path)]) == 0
    assert "updated" in capsys.readouterr().out
    assert main(["codebook", "--check", "--data", str(tmp_path)]) == 0


def test_module_entry_point(mini_package):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tajik_peace",
            "validate",
            "--data",
            str(mini_package),
            "--no-quotes",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "No problems found." in result.stdout


def test_usage_error():
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
