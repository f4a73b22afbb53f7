"""Unit tests of tajik_peace.comparison and of the chapter notebook book/source_comparison.ipynb."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from conftest import sources_path_or_skip, toy_sources

from tajik_peace import figures
from tajik_peace.chapters import source_comparison as comparison

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp
# Source ids unlike the real ones: the chapter must read them, and their names, from sources.csv.
A, I = "memoir_a", "study_i"  # noqa: E741 -- the two source ids of the toy dataset
REAL_A, REAL_I = "adamishin2012", "iji"  # the ids in data/sources.csv


@pytest.fixture(scope="module")
def real(real_dataset):
    """The real dataset (the session-wide fixture of conftest.py)."""
    return real_dataset


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


def test_coverage_by_table_real(real):
    t = comparison.coverage_by_table(real).set_index("Table")
    assert list(t.columns) == [
        "Records",
        "Adamishin only",
        "Both sources",
        "Iji only",
        "Both (%)",
    ]  # all attested
    # Adamishin's memoir ends before the ceasefires and the power-sharing proposals of the talks.
    assert t.loc["Ceasefires", "Iji only"] == t.loc["Ceasefires", "Records"] > 0
    assert t.loc["Proposals", "Adamishin only"] == 0
    # rows add up, and the total row is the sum of the tables
    parts = t[["Adamishin only", "Both sources", "Iji only"]].sum(axis=1)
    assert (parts == t["Records"]).all()
    assert t.loc["All coded tables", "Records"] == t.drop(index="All coded tables")["Records"].sum()


def test_record_coverage_real_records(real):
    cov = comparison.record_coverage(real, ["events", "relations"]).set_index(
        ["table", "record_id"]
    )["coverage"]
    assert (
        cov[("events", "round1_moscow_1994")] == comparison.BOTH
    )  # both describe the Moscow round
    assert (
        cov[("events", "primakov_nuri_1993")] == REAL_I
    )  # Adamishin never mentions Primakov's meeting
    assert cov[("events", "border_outpost_attack_1993")] == comparison.BOTH
    assert cov[("relations", "primakov-persuasion-nuri-1993")] == REAL_I


def test_plot_coverage(real):
    fig = comparison.plot_coverage(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Adamishin only",
        "Both sources",
        "Iji only",
    ]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    top = max(zip(ax.get_yticks(), labels))[1]
    assert (
        top.startswith("Actors (") and "Ceasefires (8)" in labels
    )  # first table on top, with its count
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) == 3  # greyscale-safe: each class its own hatch


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


def test_time_coverage_real(real):
    # Adamishin covers 1992 to early 1994, Iji 1993-97; they run side by side in late 1993 - early 1994.
    assert comparison.overlap_half_years(real) == ["1993 H2", "1994 H1"]
    t = comparison.events_by_half_year(real).set_index("Half-year")
    assert t.loc[["1995 H1", "1995 H2", "1996 H1", "1996 H2"], "All Adamishin"].sum() == 0
    assert t.loc[["1991 H2", "1992 H1", "1992 H2", "1993 H1"], "Iji only"].sum() == 0
    spans = comparison.own_spans(real).set_index("Source")
    assert spans.loc["Adamishin", "Earliest of these"] == "November 1991"  # Nabiyev's election
    assert (
        spans.loc["Iji", "Latest of these"] == "16 May 1997"
    )  # the Bishkek meeting of the leaders


def test_plot_time_coverage(real):
    fig = comparison.plot_time_coverage(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Half-year") and ax.get_ylabel()
    assert len(ax.get_xticks()) == 14
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Adamishin only",
        "Both sources",
        "Iji only",
    ]
    assert any("own" in t.get_text() for t in ax.texts)  # the overlap band is labelled


# ---- (3) discrepancies ---------------------------------------------------------------------------


def test_discrepancy_counts_toy(toy):
    t = comparison.discrepancy_counts(toy).set_index("Topic")
    assert list(t.index) == [x.capitalize() for x in comparison.DISCREPANCY_TOPICS] + ["All topics"]
    assert t.loc["Name", "Total"] == 2 and t.loc["Name", "Within one source"] == 1
    assert t.loc["Venue", "Total"] == 0
    assert t.loc["All topics"].tolist() == [2, 1, 3]


def test_discrepancy_counts_real(real):
    t = comparison.discrepancy_counts(real).set_index("Topic")
    assert t.loc["All topics", "Total"] == len(real.discrepancies)
    assert t.loc["Venue", "Total"] == 0  # the third round is coded as a matter of date
    assert t.loc["Name", "Within one source"] == 2  # 'Tashkent' for flour; MIRT named two ways
    assert t.drop(index="All topics")["Total"].idxmax() == "Name"


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
    assert comparison.shorten(text, n) == expected


def test_shorten_rejects_zero_words():
    with pytest.raises(ValueError):
        comparison.shorten("a b c", 0)


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


def test_discrepancy_table_real(real):
    t = comparison.discrepancy_table(real, "date")
    assert list(t.columns) == ["Adamishin", "Iji", "Assessment"]  # one topic: no Topic column
    third = t[t["Adamishin"].str.contains("third round")].iloc[0]
    assert "Pakistan in September 1994" in third["Adamishin"] and "Islamabad" in third["Iji"]
    mixed = comparison.discrepancy_table(real, ["sequence", "date"])
    assert list(mixed["Topic"].unique()) == [
        "Date",
        "Sequence",
    ]  # vocabulary order, not the order asked
    every = comparison.discrepancy_table(real)
    assert len(every) == len(real.discrepancies)
    words = every[["Adamishin", "Iji", "Assessment"]].map(
        lambda s: len(s.replace("[...]", "").split())
    )
    assert (
        words.to_numpy().max() <= 30 + 1
    )  # short enough for the PDF (a within-source cell has a '/')


def test_discrepancy_evidence_real(real):
    t = comparison.discrepancy_evidence(real)
    assert list(t["Discrepancy"].unique()) == list(comparison.KEY_DISCREPANCIES.values())
    third = t[t["Discrepancy"] == "Date and venue of the third round"]
    assert (
        list(third["Source and locator"])
        == ["Adamishin, para. 47"]
        + ["Iji, The Launch of Negotiations: The First Formula Phase"] * 2
    )
    assert "Pakistan in September" in third.iloc[0]["Quotation"]
    assert t["Quotation"].str.startswith('"').all() and t["Quotation"].str.endswith('"').all()
    thirty = t[t["Discrepancy"] == "What the 30 percent covered"]
    # one quotation per source states the figure; a third dates the Mashhad meeting (claim_b)
    assert thirty["Quotation"].str.contains("30 percent").sum() == 2
    assert {s.split(",")[0] for s in thirty["Source and locator"]} == {"Adamishin", "Iji"}
    with pytest.raises(KeyError):
        comparison.discrepancy_evidence(real, ["no-such-discrepancy"])


def test_discrepancy_evidence_toy_with_labels(toy):
    t = comparison.discrepancy_evidence(toy, {"d_date": "Third round", "d_name": "Kulob"})
    assert list(t["Discrepancy"]) == ["Third round", "Third round"]  # d_name has no quotation
    assert [x.split(",")[0] for x in t["Source and locator"]] == ["Adamishin", "Iji"]


# ---- (4) names -----------------------------------------------------------------------------------


def test_fold_and_spelling_pattern():
    assert (
        comparison.fold("Kurgan-\n  Tyube and the 201\nst division")
        == "Kurgan-Tyube and the 201st division"
    )
    assert comparison.fold("Tajikistan‘s ―valid‖") == 'Tajikistan\'s "valid"'
    irp = comparison.spelling_pattern("IRP")
    assert not irp.search("the IRPT and others") and irp.search("the (IRP) formed")
    assert comparison.spelling_pattern("Kurgan–Tyube").search("regions of kurgan-tyube,")
    assert comparison.spelling_pattern("Supreme  Soviet").search("the Supreme\nSoviet")
    with pytest.raises(ValueError):
        comparison.spelling_pattern("  ")


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


def test_spelling_variants_real(real):
    t = comparison.spelling_variants(real).set_index("Record")
    for record, adamishin, iji in [
        ("Emomali Rahmonov", "Rahmon", "Rakhmonov"),
        ("Kulob", "Kulob", "Kulyab"),
        ("Qurghonteppa", "Qurghonteppa", "Kurgan-Tyube"),
        ("Islamic Renaissance Party of Tajikistan", "IRPT", "IRP"),
    ]:
        assert adamishin in t.loc[record, "Adamishin only"].split("; ")
        assert iji in t.loc[record, "Iji only"].split("; ")
        assert t.loc[record, "Noted as a discrepancy"] == "yes"
    assert t.loc["Russian Border Troops", "Noted as a discrepancy"] == "no"
    assert len(comparison.spelling_variants(real, noted=True)) + len(
        comparison.spelling_variants(real, noted=False)
    ) == len(t)


def test_resolve_spellings_real(real):
    t = comparison.resolve_spellings(real).set_index("Spelling")
    assert (
        t.loc["Kurgan-Tyube", "Record id"] == t.loc["Qurghonteppa", "Record id"] == "qurghonteppa"
    )
    assert t.loc["Rakhmonov", "Record id"] == "rahmonov"
    assert t.loc["Rahmon", "Record id"] == "rahmonov or nabiyev"  # also Nabiyev's forename
    assert t.loc["IRP", "Record id"] == "irpt" and t.loc["Kulyab", "Kind"] == "place"
    assert (
        t.loc["Leninabad", "Record id"] == "khujand or leninabad_region"
    )  # city in Adamishin, region in Iji
    assert t.loc["Khujand", "Record id"] == "khujand"
    odd = comparison.resolve_spellings(real, ["Tajikistan", "Atlantis"]).set_index("Spelling")
    assert (
        odd.loc["Tajikistan", "Record id"] == "tajikistan or tajikistan"
    )  # the state (actor), the country (place)
    assert odd.loc["Tajikistan", "Kind"] == "actor or place"
    assert odd.loc["Atlantis", "Record id"] == "no match" and odd.loc["Atlantis", "Kind"] == ""


def test_source_texts_unavailable(real, monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCES_DIR", raising=False)
    assert comparison.source_texts(real) is None
    assert comparison.source_texts(real, tmp_path) is None  # a directory without the texts


@pytest.mark.sources
def test_quotation_findings_hold_in_the_full_texts(real):
    """What the quotations show of the spellings is confirmed by the texts themselves."""
    texts = comparison.source_texts(real, sources_path_or_skip())
    assert set(texts) == {REAL_A, REAL_I}
    quoted = comparison.alias_occurrences(real).set_index(["table", "record_id", "alias"])
    full = comparison.alias_occurrences(real, texts).set_index(["table", "record_id", "alias"])
    for s in (REAL_A, REAL_I):
        missed = quoted.index[quoted[s] & ~full[s]]
        assert missed.empty, f"found in {s}'s quotations but not in its text: {list(missed)}"
    # The same records have source-specific spellings whether one reads the quotations or the texts.
    assert set(comparison.spelling_variants(real)["Record"]) == set(
        comparison.spelling_variants(real, texts)["Record"]
    )
    # Each text keeps to its own transliterations.
    assert (
        not full.loc[("actors", "rahmonov", "Rakhmonov"), REAL_A]
        and not full.loc[("actors", "rahmonov", "Rahmon"), REAL_I]
    )
    assert (
        not full.loc[("places", "kulob", "Kulyab"), REAL_A]
        and not full.loc[("places", "kulob", "Kulob"), REAL_I]
    )


# ---- (5) evidence and summary -------------------------------------------------------------------


def test_attestation_profile_real(real):
    t = comparison.attestation_profile(real).set_index("Source")
    assert t.loc["Adamishin", "Kind"] == "memoir" and t.loc["Iji", "Kind"] == "scholarly"
    assert t.loc["Adamishin", "Locator"] == "paragraph number"
    assert t.loc["Iji", "Locator"] == "section heading"
    assert t["Quotes"].sum() == len(real.attestations)
    assert (t["Median words per quote"] <= 40).all()


def test_attestation_profile_toy(toy):
    t = comparison.attestation_profile(toy).set_index("Source")
    assert t.loc["Adamishin", "Quotes"] == 6 and t.loc["Adamishin", "Records"] == 6


def test_summary_real(real):
    s = comparison.summary(real)
    assert s["n_records"] == s["n_adamishin2012"] + s["n_both"] + s["n_iji"]
    assert s["ceasefires_iji"] == s["ceasefires_records"]
    assert s["overlap_first"] == "1993 H2" and s["overlap_last"] == "1994 H1"
    assert s["quote_word_limit"] == 40 and 0 < s["max_quote_words"] <= 40
    assert s["n_discrepancies"] == s["n_discrepancies_between"] + s["n_discrepancies_within"]
    assert s["top_topic"] == "name" and s["empty_topics"] == "venue"
    assert s["n_aliases"] == sum(s[f"n_aliases_{k}"] for k in (REAL_A, "both", REAL_I, "unquoted"))
    assert s["n_events_window"] + s["n_events_outside_window"] == s["n_events"]


def test_summary_mini(mini_dataset):
    """The mini package: no half-year where both sources have events of their own."""
    s = comparison.summary(mini_dataset)
    assert s["overlap_first"] == "" and s["n_overlap_half_years"] == 0
    assert s["n_discrepancies"] == 1 and s["n_topic_venue"] == 1 and s["top_topic"] == "venue"
    assert s["adamishin2012_own_first"] == "November 1991"
