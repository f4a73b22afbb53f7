"""tajik_peace.evidence and tajik_peace.explain on the mini fixture: the data page's tables and
the record-by-record evidence, every value escaped."""

from __future__ import annotations

import html

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from pkgtools import set_cell

from tajik_peace import evidence
from tajik_peace.data import load_dataset
from tajik_peace.display import plain_text
from tajik_peace.explain import FieldEvidence, Quotation, field_evidence, format_evidence


def test_field_evidence_gives_every_field_its_status(mini_dataset):
    by_field = {ev.field: ev for ev in field_evidence(mini_dataset, "events", "round_1_moscow")}
    assert by_field["event_id"].status == "derived"
    assert by_field["date_start"].status == "quoted"
    assert by_field["date_start"].quotations[0].source == "Iji"
    assert by_field["date_start_precision"].status == "with"
    assert by_field["government_head"].status == "empty"
    assert by_field["notes"].status == "commentary"


def test_an_inferred_field_shows_its_reason(mini_package):
    k = 3  # round_1_moscow
    set_cell(mini_package, "events", k, "inferred", "outcome")
    set_cell(
        mini_package, "events", k, "notes", "outcome inferred: the agenda is the coder's summary."
    )
    # the quotation no longer carries outcome
    from pkgtools import read_table

    _, rows = read_table(mini_package, "attestations")
    i = next(n for n, r in enumerate(rows) if r["record_id"] == "round_1_moscow")
    set_cell(
        mini_package,
        "attestations",
        i,
        "fields",
        ";".join(f for f in rows[i]["fields"].split(";") if f != "outcome"),
    )
    ds = load_dataset(mini_package)
    ev = {e.field: e for e in field_evidence(ds, "events", "round_1_moscow")}["outcome"]
    assert ev.status == "inferred" and "coder's summary" in ev.note
    assert "coder's inference: outcome inferred" in format_evidence(
        "events", "round_1_moscow", field_evidence(ds, "events", "round_1_moscow")
    )


def test_unknown_table_or_record(mini_dataset):
    with pytest.raises(KeyError, match="no table 'nope'"):
        field_evidence(mini_dataset, "nope", "x")
    with pytest.raises(KeyError, match="events has no record 'x'"):
        field_evidence(mini_dataset, "events", "x")


def test_coverage_counts_values_quoted_and_inferred(mini_dataset):
    cov = evidence.coverage_table(mini_dataset).set_index("Table")
    total = cov.loc["all tables"]
    assert total["Coded values"] == total["Carried by a quotation"] + total["Flagged as inferred"]
    assert total["Records"] == sum(len(mini_dataset[t]) for t in evidence.ATTESTED_TABLES)


def test_review_tables_count_records_once_per_defect(mini_dataset):
    rt = evidence.review_table(mini_dataset).set_index("Table")
    assert rt.loc["events", "Records changed"] == 1
    assert rt.loc["events", evidence.DEFECT_LABELS["day_overstated"]] == 1
    sr = evidence.second_review_table(mini_dataset).set_index("Table")
    assert sr.loc["events", "Reviewed"] == 2 and sr.loc["events", "Judgement call"] == 1


def test_record_browser_escapes_hostile_values(mini_package):
    hostile = '<script>alert(1)</script> & "quotes"'
    set_cell(mini_package, "events", 3, "title", hostile)
    ds = load_dataset(mini_package)
    page = evidence.RecordBrowser(ds, ("events",))._repr_html_()
    assert "<script>" not in page and html.escape(hostile) in page
    assert 'id="record-events-round_1_moscow"' in page
    assert (
        "`python -m tajik_peace explain TABLE ID`" in evidence.RecordBrowser(ds)._repr_markdown_()
    )
    assert not hasattr(evidence.RecordBrowser(ds), "_repr_latex_")  # would pull MathJax in


def test_summary_numbers_agree_with_the_tables(mini_dataset):
    s = evidence.summary(mini_dataset)
    cov = evidence.coverage_table(mini_dataset).set_index("Table").loc["all tables"]
    assert s["coded_values"] == cov["Coded values"] and s["records"] == cov["Records"]
    assert s["sample_records"] == 2 and s["sample_records_counted"] == 2 and s["sample_items"] == 3


@given(st.lists(st.text(max_size=30), min_size=7, max_size=7))
def test_record_html_shows_every_value_as_text(v):
    """Ids, field names, values, quotations, sources, locators and notes: text, never markup."""
    quoted = FieldEvidence(v[2], v[3] or "x", "quoted", (Quotation(v[4], v[5], v[6], "a1"),))
    inferred = FieldEvidence(v[2] + "i", v[3] or "x", "inferred", (), v[1])
    page = evidence.record_html(v[0], v[1], [quoted, inferred])
    soup = BeautifulSoup(page, "html.parser")
    tags = [t.name for t in soup.find_all(True)]
    assert tags == ["details", "summary", "code", "ul", "li", "br", "code", "p", "code"]
    assert soup.details["id"] == plain_text(f"record-{v[0]}-{v[1]}")
    codes = [c.get_text() for c in soup.find_all("code")]
    assert codes == [plain_text(v[1]), plain_text(v[2]), plain_text(v[2] + "i")]
    item = soup.li.get_text()
    quote = f"\u201c{plain_text(v[6])}\u201d ({plain_text(v[4])}, {plain_text(v[5])}) "
    assert item == quote + f"carries {plain_text(v[2])} = {plain_text(v[3] or 'x')}"
    assert soup.p.get_text().endswith(f". {plain_text(v[1])}")


def test_downloads_list_the_zip_the_schema_and_every_table(mini_dataset):
    from tajik_peace.evidence import Downloads

    items = Downloads(mini_dataset).items()
    paths = [path for _, path, _ in items]
    assert paths[0].endswith(".zip") and "data/datapackage.json" in paths
    assert {f"data/{mini_dataset.resource(n)['path']}" for n in mini_dataset} <= set(paths)
    md = Downloads(mini_dataset)._repr_markdown_()
    assert md.count("{download}`") == len(items)


def test_a_download_with_markup_in_its_name_is_refused():
    from tajik_peace.evidence import _download

    with pytest.raises(ValueError, match="may link"):
        _download("x` {math}`\\\\input{y}", "data/x.csv")
    with pytest.raises(ValueError, match="may link"):
        _download("x.csv", "../../etc/passwd")


def test_blind_recoding_table_and_its_numbers(mini_dataset):
    """The blind re-coding is measured like the double coding, per field."""
    table = evidence.blind_recoding(mini_dataset).set_index("Field")
    assert table.loc["relations.relation", "Agreed"] == "1"
    assert table.loc["relations.basis", "Agreed"] == "0"
    assert table.loc["all fields", "Items"] == "3"
    assert table.loc["events.both_sides", "Agreed"] == "1"
    s = evidence.summary(mini_dataset)
    assert s["recoding_relations"] == 1
    assert s["recoding_kind_agreement"] == "100" and s["recoding_kind_differences"] == 0
    assert s["recoding_basis_agreement"] == "0"
