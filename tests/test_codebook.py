"""The codebook data/README.md stays in step with datapackage.json."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import DATA_DIR

from tajik_peace import codebook
from tajik_peace.validate import list_pattern_vocabulary

PACKAGE = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
README = (DATA_DIR / "README.md").read_text(encoding="utf-8")
GENERATED = README[README.index(codebook.BEGIN) : README.index(codebook.END)]
HANDWRITTEN = README.replace(GENERATED, "")


def test_generated_block_is_up_to_date():
    assert codebook.is_current(DATA_DIR), "run `python -m tajik_peace codebook`"


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_every_resource_and_field_documented(resource):
    assert f"### `{resource['path']}`" in GENERATED
    section = GENERATED.split(f"### `{resource['path']}`")[1].split("\n### ")[0]
    for field in resource["schema"]["fields"]:
        assert f"| `{field['name']}` | {field['type']} |" in section, field["name"]
        assert " ".join(field["description"].split()) in section


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_every_vocabulary_value_listed(resource):
    section = GENERATED.split(f"### `{resource['path']}`")[1].split("\n### ")[0]
    for field in resource["schema"]["fields"]:
        c = field.get("constraints", {})
        values = c.get("enum") or list_pattern_vocabulary(c.get("pattern", "")) or []
        row = next(
            line for line in section.splitlines() if line.startswith(f"| `{field['name']}` |")
        )
        for value in values:
            assert f"`{value}`" in row, (field["name"], value)


def test_every_table_described_by_hand():
    for resource in PACKAGE["resources"]:
        assert f"| `{resource['name']}` |" in HANDWRITTEN, resource["name"]


@pytest.mark.parametrize(
    "heading",
    [
        "## Sources",
        "## Coding rules",
        "### Rounds",
        "### Phases",
        "### Dates and their precision",
        "### Relations",
        "### Coordinates",
        "### Attestations and locators",
        "## Licence",
        "## How to cite",
        "## How to validate",
    ],
)
def test_hand_written_sections_present(heading):
    assert re.search(rf"^{re.escape(heading)}$", HANDWRITTEN, re.MULTILINE)


def test_citation_and_licence_match_package():
    version = PACKAGE["version"]
    assert f"version      = {{{version}}}" in README
    assert f"version {version}" in README
    assert PACKAGE["licenses"][0]["name"] == "CC-BY-4.0" and "CC BY 4.0" in README
    assert "The Tajik Peace Process, 1992--1997: coded dataset" in README


def test_coding_vocabulary_in_prose():
    """The relation kinds and precisions explained by hand are exactly the schema's."""
    relations = next(r for r in PACKAGE["resources"] if r["name"] == "relations")
    kinds = next(f for f in relations["schema"]["fields"] if f["name"] == "relation")[
        "constraints"
    ]["enum"]
    rules = HANDWRITTEN.split("### Relations")[1].split("###")[0]
    assert re.findall(r"^\| `(\w+)` \|", rules, re.MULTILINE) == kinds
    dates = HANDWRITTEN.split("### Dates and their precision")[1].split("###")[0]
    assert re.findall(r"^\| `(\w+)` \|", dates, re.MULTILINE) == [
        "day",
        "month",
        "year",
        "approximate",
    ]


def test_render_escapes_pipes_and_lists_patterns():
    desc = {
        "resources": [
            {
                "name": "t",
                "path": "t.csv",
                "title": "T",
                "description": "d",
                "schema": {
                    "primaryKey": "a",
                    "fields": [
                        {
                            "name": "a",
                            "type": "string",
                            "description": "x | y",
                            "constraints": {"required": True, "pattern": "^(a|b)$"},
                        },
                        {
                            "name": "b",
                            "type": "string",
                            "description": "list",
                            "constraints": {"pattern": "^(p|q)(;(p|q))*$"},
                        },
                    ],
                },
            }
        ]
    }
    text = codebook.render_fields(desc)
    assert "| `a` | string | yes | pattern `^(a\\|b)$` | x \\| y |" in text
    assert "';'-separated list of: `p`, `q`" in text


def test_write_and_check_on_a_copy(tmp_path):
    shutil.copy(DATA_DIR / "datapackage.json", tmp_path)
    shutil.copy(DATA_DIR / "double_coding.csv", tmp_path)
    shutil.copy(DATA_DIR / "blind_recoding.csv", tmp_path)
    stale = README.replace("| `event_id` | string |", "| `event_id` | text |")
    (tmp_path / "README.md").write_text(stale, encoding="utf-8")
    assert not codebook.is_current(tmp_path)
    assert codebook.write_codebook(tmp_path) is True
    assert codebook.is_current(tmp_path)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == README
    assert codebook.write_codebook(tmp_path) is False


def test_missing_markers(tmp_path):
    shutil.copy(DATA_DIR / "datapackage.json", tmp_path)
    (tmp_path / "README.md").write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(ValueError, match="markers"):
        codebook.is_current(tmp_path)


def test_reliability_block_needs_the_double_coding(tmp_path):
    """Without double_coding.csv the reliability block cannot be checked: an error, not a pass."""
    shutil.copy(DATA_DIR / "datapackage.json", tmp_path)
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    with pytest.raises(codebook.CodebookError, match=r"double_coding\.csv"):
        codebook.is_current(tmp_path)


def test_recoding_block_needs_the_blind_recoding(tmp_path):
    """Each generated agreement block fails closed without its CSV, the re-coding's too."""
    shutil.copy(DATA_DIR / "datapackage.json", tmp_path)
    shutil.copy(DATA_DIR / "double_coding.csv", tmp_path)
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    with pytest.raises(codebook.CodebookError, match=r"blind_recoding\.csv"):
        codebook.is_current(tmp_path)


def test_field_tables_give_each_field_its_evidence_class():
    section = GENERATED.split("### `events.csv`")[1].split("### ")[0]
    assert "| `event_id` | string | yes |" in section and "| derived by rule |" in section
    assert "| `date_start_precision` |" in section and "with `date_start`" in section
    assert "| quotation |" in section


def test_codebook_is_written_atomically(tmp_path, monkeypatch):
    """A failed write leaves the old codebook whole and no temporary file behind."""
    target = tmp_path / "README.md"
    target.write_text("old\n", encoding="utf-8")
    codebook.write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(codebook.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        codebook.write_atomic(target, "newer\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_codebook_on_a_missing_folder_is_a_message(tmp_path):
    with pytest.raises(codebook.CodebookError, match="does not exist"):
        codebook.write_codebook(tmp_path / "nowhere")
