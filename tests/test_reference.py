"""The reference pages: chronology of events, people and places entries, and their rendering.

Logic is tested on the mini fixture; a small Sphinx build checks that hostile data reach the
people page as text and that every spelling reaches the general index."""

from __future__ import annotations

import csv
import os
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_mini_package
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from tajik_peace import reference
from tajik_peace.data import load_dataset


def _edit(package: Path, table: str, record_id: str, field: str, value: str) -> None:
    path = package / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    key = next(iter(rows[0]))
    hits = [r for r in rows if r[key] == record_id]
    assert hits, f"no {record_id} in {table}"
    hits[0][field] = value
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# ---------------------------------------------------------------------------------------------
# mentions


def test_a_spelling_inside_a_longer_spelling_of_another_record_is_not_a_mention():
    names = {"rakhmonov": ["Rahmon"], "nabiyev": ["Rahmon Nabiyev", "Nabiyev"]}
    found = reference.mentions(names, {"ch1": "Rahmon Nabiyev resigned.", "ch2": "Rahmon spoke."})
    assert found == {"rakhmonov": ["ch2"], "nabiyev": ["ch1"]}


def test_mentions_are_whole_words_and_skip_common_nouns():
    names = {"irp": ["IRP"], "opp": ["the opposition"]}
    found = reference.mentions(names, {"a": "The IRPT and the opposition met."})
    assert found == {"irp": [], "opp": []}


# ---------------------------------------------------------------------------------------------
# chronology


def test_chronology_lists_every_event_in_date_order(mini_dataset):
    frame = reference.chronology(mini_dataset)
    assert len(frame) == len(mini_dataset["events"])
    assert list(frame["sort_date"]) == sorted(frame["sort_date"])
    assert list(frame.columns[1:]) == list(reference.CHRONOLOGY_COLUMNS)


def test_chronology_dates_keep_the_sources_precision(mini_dataset):
    frame = reference.chronology(mini_dataset).set_index("Event")
    assert frame.loc["Nabiyev elected president", "Date"] == "November 1991"
    assert frame.loc["Attack on the 12th border outpost", "Date"] == "13 July 1993"


def test_events_outside_the_phases_say_before_or_after(mini_dataset):
    frame = reference.chronology(mini_dataset).set_index("Event")
    assert frame.loc["Nabiyev elected president", "Phase"] == "before the phases"


def test_an_unknown_place_id_raises_naming_the_record(tmp_path):
    package = build_mini_package(tmp_path / "data")
    ds = load_dataset(package)
    ev = ds["events"]
    ev.loc["presidential_election_1991", "place_id"] = "atlantis"  # indexed by event_id
    with pytest.raises(KeyError, match=r"record 'presidential_election_1991'.*atlantis"):
        reference.chronology(ds)


def test_chronology_is_one_escaped_numbered_table_and_a_local_script(mini_dataset):
    frame = reference.chronology(mini_dataset)
    frame.loc[0, "Event"] = "<script>alert(1)</script> a | b *c*"
    md = reference.Chronology(frame, caption="Every event").to_markdown()
    assert md.startswith("```{table} Every event\n:name: table-chronology\n")
    assert ":class: longtable" in md
    assert r"\<script\>alert\(1\)\<\/script\> a \| b \*c\*" in md
    assert "<script>alert(1)" not in md
    assert reference.DT_URL in md and "unpkg" not in md and "cdn" not in md.lower()


# ---------------------------------------------------------------------------------------------
# entries


def _entry(ds, table, rid, chapters=None):
    for _, entries in reference.entries(ds, table, chapters or {}):
        for e in entries:
            if e.record_id == rid:
                return e
    raise AssertionError(rid)


def test_entry_gives_role_affiliation_spellings_and_involvement(mini_dataset):
    e = _entry(mini_dataset, "actors", "rakhmonov", {"book/x": "Rakhmonov came.", "book/y": "No."})
    fields = dict(e.fields)
    assert fields["Role"] == "Head of state"
    assert fields["Affiliation"] == "Government of Tajikistan"
    assert fields["Involvement"] == "no coded event"
    assert e.index_terms[0] == "Emomali Rakhmonov" and "Rahmon" in e.index_terms
    assert e.chapters == ("book/x",)
    assert dict(e.spellings).keys() == {
        "Rakhmonov",
        "Emomali Rakhmonov",
        "Emomali Rahmon",
        "Rahmon",
    }


def test_involvement_spans_the_coded_events_as_precisely_as_dated(mini_dataset):
    e = _entry(mini_dataset, "actors", "piriz_ballon")
    assert dict(e.fields)["Involvement"] == "2 coded events, from c. January 1994 to 5 April 1994"


def test_every_spelling_is_an_index_term_once(mini_dataset):
    for table in reference.ENTRY_TABLES:
        for _, entries in reference.entries(mini_dataset, table, {}):
            for e in entries:
                assert len(set(e.index_terms)) == len(e.index_terms)
                assert e.name == e.index_terms[0]


def test_people_sort_by_surname(mini_dataset):
    people = dict((g.key, es) for g, es in reference.entries(mini_dataset, "actors", {}))["person"]
    surnames = [e.name.split()[-1].casefold() for e in people]
    assert surnames == sorted(surnames)


def test_a_kind_without_a_group_raises(mini_dataset, monkeypatch):
    # a kind added to the schema's enum must get a heading, not vanish from the page
    groups = tuple(g for g in reference.GROUPS["places"] if g[0] != "city")
    monkeypatch.setitem(reference.GROUPS, "places", groups)
    with pytest.raises(KeyError, match="city"):
        reference.entries(mini_dataset, "places", {})


# ---------------------------------------------------------------------------------------------
# through Sphinx: hostile data stay text; spellings reach the index

HOSTILE = "<script>alert(1)</script> {download}`../../etc/passwd` *x* | y"


@pytest.fixture(scope="module")
def built_people(tmp_path_factory):
    root = tmp_path_factory.mktemp("people")
    package = build_mini_package(root / "data")
    _edit(package, "actors", "nabiyev", "role", HOSTILE)
    src = root / "src"
    (src / "book").mkdir(parents=True)
    (src / "conf.py").write_text(
        textwrap.dedent(
            """
            extensions = ["myst_parser", "tajik_peace.sphinx_reference"]
            exclude_patterns = ["_build"]
            """
        )
    )
    (src / "index.md").write_text("# Test\n\n```{toctree}\nbook/people\n```\n")
    (src / "book" / "people.md").write_text("# People\n\n```{reference-entries} actors\n```\n")
    out = root / "out"

    old = os.environ.get("TAJIK_PEACE_DATA")
    os.environ["TAJIK_PEACE_DATA"] = str(package)
    try:
        reference_cache_clear()
        # docutils keeps directives and roles in globals: isolate them from other tests' builds
        with docutils_namespace():
            app = Sphinx(str(src), str(src), str(out), str(root / "doctrees"), "html", status=None)
            app.build()
    finally:
        if old is None:
            os.environ.pop("TAJIK_PEACE_DATA", None)
        else:
            os.environ["TAJIK_PEACE_DATA"] = old
        reference_cache_clear()
    return out


def reference_cache_clear():
    from tajik_peace import sphinx_reference

    sphinx_reference._dataset.cache_clear()


def test_hostile_role_reaches_the_page_as_text(built_people):
    soup = BeautifulSoup((built_people / "book" / "people.html").read_text(), "html.parser")
    assert not soup.find_all("script", string=lambda s: s and "alert(1)" in s)
    assert HOSTILE in soup.get_text(" ")
    assert not (built_people / "_downloads").exists()


def test_every_spelling_is_in_the_general_index(built_people):
    soup = BeautifulSoup((built_people / "genindex.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("table.indextable a")}
    assert links["Rahmon"].endswith("book/people.html#actors-rakhmonov")
    assert links["Emomali Rahmon"].endswith("#actors-rakhmonov")
    assert links["Rahmon Nabiyev"].endswith("#actors-nabiyev")
