"""Unit tests of tajik_peace.chapters.source_comparison (hand-made inputs, the mini package) and
of book/source_comparison.ipynb; claims about the real data are in test_real_data.py."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from conftest import toy_sources

from tajik_peace import discrepancies, rules, spellings
from tajik_peace.chapters import source_comparison as comparison
from tajik_peace.text import shorten

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp
# Source ids unlike the real ones: the chapter must read them, and their names, from sources.csv.
A, I = "memoir_a", "study_i"  # noqa: E741 -- the two source ids of the toy dataset
REAL_A, REAL_I = "adamishin2012", "iji"  # the ids in data/sources.csv


def _att(rows):
    return pd.DataFrame(
        [(f"{t}-{r}-{n}", t, r, s, loc, q) for n, (t, r, s, loc, q) in enumerate(rows, 1)],
        columns=["attestation_id", "table", "record_id", "source_id", "locator", "quote"],
    )


@pytest.fixture()
def toy():
    """A hand-made dataset with key columns: two actors, one place, five events, three discrepancies."""
    actors = pd.DataFrame(
        {
            "actor_id": ["rakhmonov", "velayati", "ghost"],
            "name": ["Emomali Rakhmonov", "Ali Akbar Velayati", "Unattested actor"],
            "aliases": ["Rakhmonov;Rahmon;Akbar", "Ali Akbar Velayati", None],
        }
    )
    places = pd.DataFrame({"place_id": ["kulob"], "name": ["Kulob"], "aliases": ["Kulob;Kulyab"]})
    events = pd.DataFrame(
        {
            "event_id": ["e_old", "e_a", "e_both", "e_i", "e_nodate", "e_i2"],
            "date_start": [
                D("1929-01-01"),
                D("1992-05-01"),
                D("1994-04-05"),
                D("1994-09-12"),
                pd.NaT,
                D("1994-07-01"),
            ],
            "date_start_precision": ["year", "month", "day", "day", None, "approximate"],
        }
    )
    attestations = _att(
        [
            ("actors", "rakhmonov", A, "para. 1", "Emomali Rahmon agreed; Rahmon Nabiyev did not."),
            ("actors", "rakhmonov", I, "Intro", "led by Emomali Rakhmonov"),
            (
                "actors",
                "velayati",
                A,
                "para. 2",
                "Foreign Minister Ali Akbar Velayati opened the meeting.",
            ),
            ("places", "kulob", A, "para. 3", "reinforcements from Kulob"),
            ("places", "kulob", I, "Intro", "the southern region of Kulyab"),
            ("events", "e_old", I, "Intro", "created in 1929"),
            ("events", "e_a", A, "para. 4", "The first bloodshed was in May."),
            ("events", "e_both", A, "para. 5", "talks began in Moscow"),
            ("events", "e_both", I, "Intro", "formal negotiations in Moscow"),
            ("events", "e_i", I, "Intro", "a consultative meeting"),
            ("events", "e_i2", I, "Intro", "in mid-1994"),
            ("events", "e_nodate", I, "Intro", "at some point"),
            ("discrepancies", "d_date", A, "para. 5", "the third in Pakistan in September"),
            ("discrepancies", "d_date", I, "Intro", "held from 20 October"),
        ]
    )
    discrepancies = pd.DataFrame(
        {
            "discrepancy_id": ["d_name", "d_date", "d_within"],
            "topic": ["name", "date", "name"],
            "source_a": [A, A, I],
            "claim_a": ["Adamishin writes Kulob.", "Adamishin says September.", "Iji says X."],
            "source_b": [I, I, I],
            "claim_b": ["Iji writes Kulyab.", "Iji says October.", "Iji also says Y."],
            "assessment": ["Same region.", "Follow Iji.", "Same body."],
            "record": ["places:kulob", "events:e_both", None],
        }
    )
    sources = toy_sources({"adamishin2012": A, "iji": I})
    return SimpleNamespace(
        actors=actors,
        places=places,
        events=events,
        attestations=attestations,
        discrepancies=discrepancies,
        sources=sources,
    )


# ---- helpers ---------------------------------------------------------------------------------


def test_coverage_classes_and_labels_come_from_the_sources_table(toy):
    assert comparison.coverage_classes(toy) == (A, comparison.BOTH, I)
    assert comparison.coverage_labels(toy) == {
        A: "Adamishin only",
        comparison.BOTH: "Both sources",
        I: "Iji only",
    }


def test_source_label(toy):
    assert comparison.source_label(toy, A) == "Adamishin"
    assert comparison.source_label(toy, I) == "Iji"
    assert comparison.source_label(toy, "x") == "x"


# ---- (1) coverage by table ---------------------------------------------------------------------


def test_record_coverage_toy(toy):
    cov = comparison.record_coverage(toy, ["actors", "places"]).set_index("record_id")["coverage"]
    assert (
        cov["rakhmonov"] == comparison.BOTH
        and cov["velayati"] == A
        and cov["kulob"] == comparison.BOTH
    )
    assert pd.isna(cov["ghost"])


def test_coverage_by_table_toy_shows_unattested_and_skips_missing_tables(toy):
    t = comparison.coverage_by_table(toy)  # phases, agreements, ... are absent from the toy
    assert list(t["Table"]) == ["Actors", "Places", "Events", "All coded tables"]
    actors = t.set_index("Table").loc["Actors"]
    assert (
        actors["Records"],
        actors["Adamishin only"],
        actors["Both sources"],
        actors["Unattested"],
    ) == (3, 1, 1, 1)
    assert actors["Both (%)"] == 33
    total = t.set_index("Table").loc["All coded tables"]
    assert total["Records"] == 3 + 1 + 6


def test_coverage_by_table_empty_table_has_zero_share(toy):
    toy.places = toy.places.iloc[0:0]
    t = comparison.coverage_by_table(toy, ["places"]).set_index("Table")
    assert t.loc["Places", "Records"] == 0 and t.loc["Places", "Both (%)"] == 0
    assert "Unattested" not in t.columns


def test_coverage_covers_every_attested_table_but_discrepancies(mini_dataset):
    """The mini package has every table: each attested table but the excluded discrepancies gets
    a row (empty ones too), in the rules' order, and every one of its records is counted."""
    assert set(comparison.EXCLUDED_TABLES) == {"discrepancies"}
    expected = [t for t in rules.ATTESTED_TABLES if t != "discrepancies"]
    assert list(comparison.CODED_TABLES) == expected
    t = comparison.coverage_by_table(mini_dataset).set_index("Table")
    assert list(t.index) == [comparison.TABLE_LABELS[x] for x in expected] + ["All coded tables"]
    assert "Russian moves" in t.index and "Discrepancies" not in t.index
    for table in expected:
        assert t.loc[comparison.TABLE_LABELS[table], "Records"] == len(mini_dataset[table])
    assert t.loc["Positions", "Records"] > 0  # a new table with records, not only empty rows
    assert comparison.summary(mini_dataset)["n_records"] == sum(
        len(mini_dataset[x]) for x in expected
    )


def test_chapter_names_every_compared_table_and_the_excluded_one():
    """The Data section lists the tables by hand: it must name each one compared, and say that
    the excluded ones are left out."""
    cells = json.loads((ROOT / "book" / "source_comparison.ipynb").read_text(encoding="utf-8"))
    data = next(
        "".join(c["source"])
        for c in cells["cells"]
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## Data")
    )
    for table in comparison.CODED_TABLES:
        assert f"`{table}`" in data, table
    for table in comparison.EXCLUDED_TABLES:
        assert f"`{table}` table" in data and "not counted among the coded tables" in data


# ---- (2) coverage over time --------------------------------------------------------------------


def test_half_year_label():
    assert comparison.half_year_label(1993, 2) == "1993 H2"


def test_events_by_half_year_toy(toy):
    t = comparison.events_by_half_year(toy).set_index("Half-year")
    assert (
        len(t) == 14 and t.index[0] == "1991 H1" and t.index[-1] == "1997 H2"
    )  # empty halves kept
    assert t.loc["1992 H1", "Adamishin only"] == 1
    assert t.loc["1994 H1", "Both sources"] == 1 and t.loc["1994 H1", "All Iji"] == 1
    assert t.loc["1994 H2", "Iji only"] == 2  # 1 July and 12 September
    assert (
        t[["Adamishin only", "Both sources", "Iji only"]].to_numpy().sum() == 4
    )  # 1929 and undated left out


def test_overlap_half_years_toy(toy):
    assert comparison.overlap_half_years(toy) == []  # no half-year has events of both sources' own
    toy.events.loc[toy.events["event_id"] == "e_a", "date_start"] = D("1994-08-01")
    assert comparison.overlap_half_years(toy) == ["1994 H2"]


def test_own_spans_toy(toy):
    t = comparison.own_spans(toy).set_index("Source")
    assert (
        t.loc["Adamishin", "Earliest of these"]
        == "May 1992"
        == t.loc["Adamishin", "Latest of these"]
    )
    assert t.loc["Iji", "Earliest of these"] == "c. July 1994"  # approximate start
    assert t.loc["Iji", "Latest of these"] == "12 September 1994"
    assert t.loc["Iji", "Events attested"] == 3 and t.loc["Iji", "Only in this source"] == 2


# ---- (3) discrepancies ---------------------------------------------------------------------------


def test_discrepancy_counts_toy(toy):
    t = comparison.discrepancy_counts(toy).set_index("Topic")
    assert list(t.index) == [x.capitalize() for x in discrepancies.DISCREPANCY_TOPICS] + [
        "All topics"
    ]
    assert t.loc["Name", "Total"] == 2 and t.loc["Name", "Within one source"] == 1
    assert t.loc["Venue", "Total"] == 0
    assert t.loc["All topics"].tolist() == [2, 1, 3]


@pytest.mark.parametrize(
    "text,n,expected",
    [
        ("One two three.", 5, "One two three."),
        ("One two. Three four five.", 3, "One two. [...]"),
        ("One two three four, five six.", 4, "One two three four [...]"),
        ("  spaced   out  ", 5, "spaced out"),
        (None, 5, ""),
        (float("nan"), 5, ""),
        ("", 5, ""),
    ],
)
def test_shorten(text, n, expected):
    assert shorten(text, n) == expected


def test_shorten_rejects_zero_words():
    with pytest.raises(ValueError):
        shorten("a b c", 0)


def test_discrepancy_table_toy(toy):
    t = comparison.discrepancy_table(toy)
    assert list(t.columns) == ["Topic", "Adamishin", "Iji", "Assessment"]
    assert list(t["Topic"]) == ["Date", "Name", "Name"]  # vocabulary order, then file order
    within = t.iloc[2]
    assert within["Iji"] == "Iji says X. / Iji also says Y."
    assert within["Adamishin"].startswith("(not involved")
    assert comparison.discrepancy_table(toy, []).empty
    assert list(comparison.discrepancy_table(toy, "name", with_topic=True)["Topic"]) == [
        "Name",
        "Name",
    ]
    with pytest.raises(ValueError):
        comparison.discrepancy_table(toy, ["weather"])


def test_discrepancy_evidence_toy_with_labels(toy):
    t = comparison.discrepancy_evidence(toy, {"d_date": "Third round", "d_name": "Kulob"})
    assert list(t["Discrepancy"]) == ["Third round", "Third round"]  # d_name has no quotation
    assert [x.split(",")[0] for x in t["Source and locator"]] == ["Adamishin", "Iji"]


# ---- (4) names -----------------------------------------------------------------------------------


def test_fold_and_spelling_pattern():
    assert (
        spellings.fold("Kurgan-\n  Tyube and the 201\nst division")
        == "Kurgan-Tyube and the 201st division"
    )
    assert spellings.fold("Tajikistan‘s ―valid‖") == 'Tajikistan\'s "valid"'
    irp = spellings.spelling_pattern("IRP")
    assert not irp.search("the IRPT and others") and irp.search("the (IRP) formed")
    assert spellings.spelling_pattern("Kurgan–Tyube").search("regions of kurgan-tyube,")
    assert spellings.spelling_pattern("Supreme  Soviet").search("the Supreme\nSoviet")
    with pytest.raises(ValueError):
        spellings.spelling_pattern("  ")


def test_alias_occurrences_toy(toy):
    occ = comparison.alias_occurrences(toy).set_index(["record_id", "alias"])
    assert occ.loc[("rakhmonov", "Rahmon"), A]  # 'Emomali Rahmon'
    assert not occ.loc[("rakhmonov", "Rahmon"), I]
    assert not occ.loc[
        ("rakhmonov", "Akbar"), A
    ]  # only inside 'Ali Akbar Velayati', another record
    assert occ.loc[("kulob", "Kulyab"), I] and not occ.loc[("kulob", "Kulyab"), A]
    assert ("ghost", "") not in occ.index  # no aliases, no rows


def test_alias_occurrences_with_texts(toy):
    texts = {A: "Rakhmonov too.", I: ""}
    occ = comparison.alias_occurrences(toy, texts).set_index(["record_id", "alias"])
    assert occ.loc[("rakhmonov", "Rakhmonov"), A] and not occ.loc[("rakhmonov", "Rahmon"), A]
    assert not occ[I].any()


def test_alias_counts_toy(toy):
    c = comparison.alias_counts(toy)
    assert c["all"] == 6 and sum(c[k] for k in (A, comparison.BOTH, I, "neither")) == 6
    assert c[A] == 3  # Rahmon, Ali Akbar Velayati, Kulob
    assert c[I] == 2  # Rakhmonov, Kulyab
    assert c["neither"] == 1  # Akbar


def test_spelling_variants_toy(toy):
    t = comparison.spelling_variants(toy)
    assert list(t["Record"]) == ["Emomali Rakhmonov", "Kulob"]
    assert t.set_index("Record").loc["Kulob", "Noted as a discrepancy"] == "yes"
    assert t.set_index("Record").loc["Emomali Rakhmonov", "Noted as a discrepancy"] == "no"
    noted = comparison.spelling_variants(toy, noted=True)
    assert list(noted["Record"]) == ["Kulob"] and "Noted as a discrepancy" not in noted.columns
    assert list(comparison.spelling_variants(toy, noted=False)["Record"]) == ["Emomali Rakhmonov"]


def test_source_texts_unavailable(mini_dataset, monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCES_DIR", raising=False)
    assert comparison.source_texts(mini_dataset) is None
    assert comparison.source_texts(mini_dataset, tmp_path) is None  # a directory without the texts


# ---- (5) evidence and summary -------------------------------------------------------------------


def test_attestation_profile_toy(toy):
    t = comparison.attestation_profile(toy).set_index("Source")
    assert t.loc["Adamishin", "Quotes"] == 6 and t.loc["Adamishin", "Records"] == 6


def test_summary_mini(mini_dataset):
    """The mini package: no half-year where both sources have events of their own."""
    s = comparison.summary(mini_dataset)
    assert s["overlap_first"] == "" and s["n_overlap_half_years"] == 0
    assert s["n_discrepancies"] == 1 and s["n_topic_venue"] == 1 and s["top_topic"] == "venue"
    assert s["adamishin2012_own_first"] == "November 1991"
