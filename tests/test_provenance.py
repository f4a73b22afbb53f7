"""Provenance: every quotation of data/attestations.csv stands verbatim at its locator, and every
alias stands in a source text. Needs SOURCES_DIR (skipped without it, except when TAJIK_PEACE_REQUIRE_SOURCES=1)."""

from __future__ import annotations

import pytest
from conftest import DATA_DIR, build_mini_package

from tajik_peace.validate import check_provenance, read_package

pytestmark = pytest.mark.sources


def _provenance_problems(
    data_dir, sources_path, needed=("sources", "attestations", "actors", "places")
):
    package = read_package(data_dir)
    tables, problems = package.tables, package.problems
    missing = set(needed) - set(tables)
    assert not missing, f"cannot read {sorted(missing)}: " + "; ".join(map(str, problems))
    return check_provenance(tables, sources_path)


def _report(problems):
    return f"{len(problems)} provenance problems:\n" + "\n".join(map(str, problems[:50]))


def test_every_real_quote_stands_at_its_locator(sources_path):
    problems = _provenance_problems(DATA_DIR, sources_path, needed=("sources", "attestations"))
    quotes = [p for p in problems if p.field in ("quote", "locator", "source_id")]
    assert not quotes, _report(quotes)
    sources = [p for p in problems if p.file.endswith("sources.csv")]
    assert not sources, _report(sources)


def test_every_real_alias_stands_in_a_source(sources_path):
    problems = [
        p
        for p in _provenance_problems(DATA_DIR, sources_path, ("sources", "actors", "places"))
        if p.field == "aliases"
    ]
    assert not problems, _report(problems)


def test_mini_fixture_quotes_are_verbatim(sources_path, tmp_path):
    """The fixture's quotations are real: the check passes on it and fails on a changed word."""
    pkg = build_mini_package(tmp_path / "mini")
    assert _provenance_problems(pkg, sources_path) == []
    att = pkg / "attestations.csv"
    att.write_text(
        att.read_text(encoding="utf-8").replace("Kulyabis, led by", "Kulyabis, headed by"),
        encoding="utf-8",
    )
    problems = _provenance_problems(pkg, sources_path)
    assert [(p.row, p.field) for p in problems] == [(3, "quote")]
