"""Citation metadata: CITATION.cff against the CFF 1.2.0 schema, .zenodo.json, and agreement of the
version, dates and URLs across every file that carries them.

The CFF schema is vendored as tests/cff-1.2.0.schema.json (from the cffconvert 2.0.0 wheel; the
schema is the Citation File Format project's, CC-BY-4.0), so the check runs offline and without
cffconvert, whose jsonschema<4 pin clashes with frictionless.
"""

from __future__ import annotations

import csv
import json
import re
from importlib.metadata import version as dist_version
from pathlib import Path

import jsonschema
import pytest
import yaml

from tajik_peace import __version__

ROOT = Path(__file__).resolve().parent.parent


def load_yaml(name):
    return yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cff():
    return load_yaml("CITATION.cff")


@pytest.fixture(scope="module")
def zenodo():
    return json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def config():
    return load_yaml("_config.yml")


def test_cff_is_valid_against_schema(cff):
    schema = json.loads((ROOT / "tests" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    # CFF dates are YAML strings; PyYAML would turn an unquoted one into a date object.
    assert isinstance(cff["date-released"], str), "quote date-released in CITATION.cff"
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(cff), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_cff_has_the_required_fields(cff):
    for key in (
        "cff-version",
        "title",
        "authors",
        "version",
        "date-released",
        "license",
        "repository-code",
        "preferred-citation",
        "message",
    ):
        assert cff.get(key), f"CITATION.cff lacks {key}"
    assert cff["cff-version"] == "1.2.0"
    assert cff["preferred-citation"]["type"] == "book"


def test_zenodo_has_required_keys_and_agrees_with_cff(zenodo, cff):
    for key in (
        "title",
        "upload_type",
        "description",
        "creators",
        "license",
        "version",
        "publication_date",
        "access_right",
    ):
        assert zenodo.get(key), f".zenodo.json lacks {key}"
    assert zenodo["upload_type"] in {"publication", "dataset", "software"}
    assert all(c.get("name") for c in zenodo["creators"])
    assert zenodo["title"] == cff["title"]
    assert [c["name"] for c in zenodo["creators"]] == [
        a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in cff["authors"]
    ]
    assert zenodo["publication_date"] == cff["date-released"]
    assert zenodo["license"].lower() == cff["license"].lower()
    assert cff["repository-code"] in [r["identifier"] for r in zenodo["related_identifiers"]]


def test_version_agrees_everywhere(cff, zenodo, config):
    """The version is kept in tajik_peace/__init__.py; every copy must equal it."""
    copies = {
        "installed package metadata (pyproject.toml)": dist_version("tajik-peace"),
        "_config.yml sphinx.config.release": config["sphinx"]["config"]["release"],
        "CITATION.cff version": str(cff["version"]),
        "CITATION.cff preferred-citation version": str(cff["preferred-citation"]["version"]),
        ".zenodo.json version": zenodo["version"],
    }
    wrong = {k: v for k, v in copies.items() if v != __version__}
    assert not wrong, (
        f"version is {__version__} in tajik_peace/__init__.py but: {wrong}; run scripts/set_version.py"
    )
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", changelog, re.M), (
        "CHANGELOG.md has no section for it"
    )


def test_dates_and_titles_agree(cff, config):
    assert config["sphinx"]["config"]["citation_publication_date"] == cff["date-released"]
    assert cff["preferred-citation"]["date-released"] == cff["date-released"]
    assert str(cff["preferred-citation"]["year"]) == cff["date-released"][:4]
    assert cff["title"] == config["title"] == config["latex"]["latex_documents"]["title"]
    assert [a["name"] for a in cff["authors"]] == [config["author"]]
    assert (
        cff["preferred-citation"]["publisher"]["name"]
        == config["sphinx"]["config"]["citation_publisher"]
    )


def test_repository_url_kept_in_one_place(cff, config):
    repo = config["repository"]["url"]
    assert cff["repository-code"] == repo
    assert cff["preferred-citation"]["repository-code"] == repo
    owner, name = repo.rstrip("/").split("/")[-2:]
    pages = f"https://{owner}.github.io/{name}/"
    assert config["html"]["baseurl"] == pages
    assert cff["url"] == pages and cff["preferred-citation"]["url"] == pages
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert repo in readme


def test_licences_are_present_and_stated():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    cc = (ROOT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert cc.startswith("Creative Commons Attribution 4.0 International Public License")
    licence_page = (ROOT / "book" / "licence.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (licence_page, readme):
        assert "CC BY 4.0" in text and "MIT" in text


def test_bibliography_keys_match_the_sources_table():
    from pybtex.database import parse_file

    bib = parse_file(str(ROOT / "book" / "references.bib"))
    with open(ROOT / "data" / "sources.csv", encoding="utf-8") as f:
        keys = {row["bibtex_key"] for row in csv.DictReader(f)}
    assert keys <= set(bib.entries), (
        f"sources.csv names keys missing from references.bib: {keys - set(bib.entries)}"
    )
    for key, entry in bib.entries.items():
        assert entry.fields.get("title"), key
        assert entry.persons.get("author") or entry.persons.get("editor"), (
            f"{key}: name an author or an editor"
        )
        assert entry.fields.get("year") or entry.fields.get("note"), (
            f"{key}: give a year, or say in note why not"
        )


def test_every_citation_in_the_book_is_in_the_bibliography():
    from pybtex.database import parse_file

    keys = set(parse_file(str(ROOT / "book" / "references.bib")).entries)
    cited = set()
    for path in (ROOT / "book").rglob("*"):
        if path.suffix in {".md", ".ipynb"} and "_build" not in path.parts:
            for group in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", path.read_text(encoding="utf-8")):
                cited.update(k.strip() for k in group.split(","))
    assert cited, "the book cites nothing"
    assert cited <= keys, f"cited but not in references.bib: {cited - keys}"


# ---- tajik_peace.citation: BibTeX written by pybtex ----------------------------------------

# Checked after removing the empty "{}" that ends a text command: an unescaped & % # _ $ ^ ~, any
# brace left (BibTeX counts braces even after a backslash), or a backslash that starts neither a
# command, nor an escaped special, nor a control space.
RAW_SPECIAL = re.compile(r"(?<!\\)[&%#_$^~]|[{}]|\\(?![a-zA-Z&%#_$ ])")


def _title_of(entry_text: str, key: str = "k") -> str:
    from pybtex.database import parse_string

    db = parse_string(entry_text, "bibtex")
    assert list(db.entries) == [key]
    return db.entries[key].fields["title"]


@pytest.mark.parametrize("special", list("{}~^\\&%$#_") + ["}{", "{{", "a}b", '"q"'])
def test_bibtex_entry_escapes_every_latex_special(special):
    from tajik_peace.citation import bibtex_entry

    text = bibtex_entry("book", "k", [("title", f"Before {special} after")], ["Some body"])
    title = _title_of(text)  # parses: braces balance, the entry is whole
    assert not RAW_SPECIAL.search(title.replace("{}", "")), f"{special!r} -> {title!r}"


def test_bibtex_entry_escapes_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tajik_peace.citation import bibtex_entry

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
    def check(text):
        if not text.strip():
            return
        title = _title_of(bibtex_entry("book", "k", [("title", text)]))
        assert not RAW_SPECIAL.search(title.replace("{}", "")), f"{text!r} -> {title!r}"

    check()


def test_bibtex_entry_keeps_urls_verbatim_and_bodies_whole():
    from pybtex.database import parse_string

    from tajik_peace.citation import bibtex_entry

    url = "https://example.org/book/power_sharing.html#key-points"
    text = bibtex_entry(
        "incollection", "k:c", [("title", "T"), ("url", url)], ["The Book Authors", "Doe, Jane"]
    )
    entry = parse_string(text, "bibtex").entries["k:c"]
    assert entry.fields["url"] == url
    assert [str(p) for p in entry.persons["author"]] == ["{The Book Authors}", "Doe, Jane"]
    with pytest.raises(ValueError, match="braces"):
        bibtex_entry("misc", "k", [("url", "https://example.org/{x}")])
