"""Unit tests of tajik_peace.chapters.phases (small hand-made inputs) and checks of
book/phases.ipynb; claims about the real data are in test_real_data.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest
from conftest import toy_sources

matplotlib.use("Agg")


from tajik_peace.chapters import phases
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp
PHASE_NAMES = [
    "Diagnostic phase",
    "First formula phase",
    "Second formula phase",
    "Third formula phase",
    "Detail phase",
]


@pytest.fixture()
def toy():
    """A small hand-made dataset: two phases, an event before them, a tie in dates, a summit without
    both leaders, an agreement with several topics, an agreement with no signatories, a proposal
    whose event has no phase. Keys are columns (not indexes), as a test of the other layout."""
    phases_ = pd.DataFrame(
        {
            "phase_id": ["late", "early"],
            "order": [2, 1],
            "name": ["Late phase: second", "Early phase (first)"],
            "start_date": [D("1995-01-01"), D("1994-01-01")],
            "start_precision": ["approximate", "month"],
            "end_date": [D("1995-06-01"), D("1994-12-31")],
            "end_precision": ["month", "approximate"],
            "summary": ["The late phase.", "The early phase."],
        }
    )
    events = pd.DataFrame(
        [
            ("pre", D("1993-05-01"), "day", "summit", "rahmonov;nuri", None),
            ("r1", D("1994-03-01"), "day", "round", "tajik_government;uto", "early"),
            ("s_other", D("1994-05-01"), "day", "summit", "rahmonov;yeltsin", "early"),
            ("s_lead_b", D("1995-02-01"), "day", "summit", "nuri;rahmonov;un", "late"),
            ("s_lead_a", D("1995-02-01"), "day", "summit", "rahmonov;nuri", "late"),
            ("x1", D("1995-03-01"), "month", "expert_meeting", None, "late"),
            ("m1", D("1995-03-02"), "day", "military", "uto", "late"),
            # a summit of states without the opposition: not a meeting of the two sides
            ("s_states", D("1993-06-01"), "day", "summit", "yeltsin;karimov", None),
        ],
        columns=["event_id", "date_start", "date_start_precision", "kind", "actors", "phase_id"],
    )
    events["both_sides"] = [True, True, True, True, True, True, None, False]
    agreements = pd.DataFrame(
        [
            ("a_pre", D("1993-05-01"), "pre", "russia", "military"),
            ("a1", D("1994-03-01"), "r1", "tajik_government;uto", "ceasefire;prisoners"),
            ("a2", D("1995-02-01"), "s_lead_a", "rahmonov;nuri", "power_sharing"),
            ("a3", D("1995-02-01"), "s_lead_b", None, "power_sharing;novel_topic"),
            ("a4", D("1994-05-01"), "s_other", "tajik_parties", "political"),
        ],
        columns=["agreement_id", "date_signed", "event_id", "signatories", "topics"],
    )
    proposals = pd.DataFrame(
        [
            ("p_pre", "pre", "transitional", "rejected"),
            ("p1", "r1", "transitional", "rejected"),
            ("p2", "s_lead_a", "consultative", "accepted"),
            ("p3", "x1", "advisory", "superseded"),
        ],
        columns=["proposal_id", "event_id", "powers", "outcome"],
    )
    attestations = pd.DataFrame(
        [
            (
                "phases-early-1",
                "phases",
                "early",
                "adamishin2012",
                "para. 3",
                "Adamishin on the early phase",
            ),
            ("phases-early-2", "phases", "early", "iji", "Heading A", "Iji on the early phase"),
            ("events-r1-1", "events", "r1", "iji", "Heading A", "a round"),
            ("events-r1-2", "events", "r1", "adamishin2012", "para. 5", "the same round"),
            ("agreements-a2-1", "agreements", "a2", "iji", "Heading B", "an agreement"),
        ],
        columns=["attestation_id", "table", "record_id", "source_id", "locator", "quote"],
    )
    discrepancies = pd.DataFrame(
        [("d1", "adamishin2012", "A says one thing.", "iji", "I says another.", "They differ.")],
        columns=["discrepancy_id", "source_a", "claim_a", "source_b", "claim_b", "assessment"],
    )
    return SimpleNamespace(
        phases=phases_,
        events=events,
        agreements=agreements,
        proposals=proposals,
        attestations=attestations,
        discrepancies=discrepancies,
        sources=toy_sources(),
    )


# ---- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date,precision,expected",
    [
        ("1995-12-01", "month", "1995-12-31"),
        ("1995-12-31", "approximate", "1995-12-31"),
        ("1996-02-01", "month", "1996-02-29"),  # leap year
        ("1996-01-01", "year", "1996-12-31"),
        ("1997-01-05", "day", "1997-01-05"),
    ],
)
def test_last_day(date, precision, expected):
    assert phases.last_day(D(date), precision) == D(expected)


def test_phase_months_counts_both_ends_and_the_precision_of_the_end():
    assert phases.phase_months(D("1997-01-06"), D("1997-06-27")) == round(173 / 30.44, 1)
    assert phases.phase_months(D("1995-01-01"), D("1995-01-01"), "day") == round(1 / 30.44, 1)
    assert phases.phase_months(D("1995-01-01"), D("1995-01-01"), "month") == round(31 / 30.44, 1)


def test_format_boundary_states_the_precision():
    assert phases.format_boundary(D("1993-07-01"), "month") == "July 1993 (month)"
    assert phases.format_boundary(D("1994-04-05"), "day") == "5 April 1994 (day)"
    assert phases.format_boundary(D("1995-12-31"), "approximate") == "c. December 1995 (approx.)"


@pytest.mark.parametrize(
    "kind,actors,expected",
    [
        ("summit", "rahmonov;nuri;rabbani", "leaders_summit"),
        ("summit", "rahmonov;yeltsin", "other_summit"),
        ("summit", None, "other_summit"),
        ("round", "tajik_government;uto", "round"),
        ("expert_meeting", None, "expert_meeting"),
        ("military", "uto", None),
        ("agreement", "rahmonov;nuri", None),  # a signing is not a meeting
    ],
)
def test_meeting_level(kind, actors, expected):
    assert phases.meeting_level(kind, actors) == expected


# ---- (1) the phase table: edge cases --------------------------------------------------------


def test_phase_table_toy_orders_by_order_and_falls_back_to_the_summary(toy):
    t = phases.phase_table(toy)
    assert list(t["Phase (length)"].str.split(" [(]").str[0]) == ["Early phase", "Late phase"]
    assert list(t["What defines it"]) == [
        "The early phase.",
        "The late phase.",
    ]  # no PHASE_CHARACTER entry
    assert t.iloc[0]["From"] == "January 1994 (month)" and t.iloc[1]["To"] == "June 1995 (month)"
    assert (
        t.iloc[1]["Phase (length)"] == f"Late phase ({round(181 / 30.44, 1):g} months)"
    )  # 1 January - 30 June 1995


def test_phase_quotes_toy_prefers_iji_and_skips_unattested_phases(toy):
    q = phases.phase_quotes(toy)
    assert list(q["Phase"]) == ["Early phase"]  # the late phase has no attestation
    assert q.iloc[0]["In the source's words"] == "\u201cIji on the early phase\u201d"
    assert q.iloc[0]["Where"] == "Iji, Heading A"
    chosen = phases.phase_quotes(toy, {"early": "phases-early-1"})
    assert chosen.iloc[0]["Where"] == "Adamishin, para. 3"
    with pytest.raises(UnknownIdError, match="phases-early-9"):  # a renamed choice is not skipped
        phases.phase_quotes(toy, {"early": "phases-early-9"})


# ---- (2) agreements by phase ----------------------------------------------------------------


def test_topic_matrix_toy(toy):
    m = phases.topic_matrix(toy)
    assert list(m.columns) == ["Early phase", "Late phase"]
    assert list(m.index) == [phases.TOPIC_LABELS[t] for t in phases.TOPICS] + [
        "Novel topic"
    ]  # unknown last
    assert m.loc["Power-sharing", "Late phase"] == 2
    assert m.loc["Military"].sum() == 0  # the pre-phase agreement is left out
    assert int(m.to_numpy().sum()) == 6


def test_topic_figure_toy_white_for_zero(toy):
    """Empty cells are the lightest, not the darkest: white, with a light grey '0'."""
    from tajik_peace import figures

    m = phases.topic_matrix(toy)
    fig = phases.plot_topic_heatmap(toy)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Phase") and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    cmap = ax.images[0].get_cmap()
    assert cmap(0.0)[:3] == (1.0, 1.0, 1.0)  # zero is white
    lightness = [phases._luminance(cmap(x)) for x in np.linspace(0, 1, 11)]
    assert lightness == sorted(lightness, reverse=True)  # more agreements, darker
    texts = ax.texts
    assert len(texts) == m.size  # every cell is written, zeros included
    zeros = [t for t in texts if t.get_text() == "0"]
    assert len(zeros) == int((m.to_numpy() == 0).sum())
    assert all(
        t.get_color() == phases.ZERO_COLOUR and t.get_fontweight() == "normal" for t in zeros
    )
    counts = [t for t in texts if t.get_text() != "0"]
    assert counts and all(t.get_fontweight() == "bold" for t in counts)
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []
    assert figures.registered()["phases-agreement-topics"].alt == phases.TOPICS_ALT.strip()


def test_agreements_by_phase_toy_sides_and_leaders(toy):
    t = phases.agreements_by_phase(toy).set_index("Topic")
    assert list(t.loc[phases.DOCUMENTS_ROW]) == [2, 2]
    assert list(t.loc[phases.BOTH_SIDES_ROW]) == [
        2,
        1,
    ]  # 'tajik_parties' is both sides; no signatories is neither
    assert list(t.loc[phases.LEADERS_ROW]) == [0, 1]


def test_agreements_by_phase_with_no_agreements(toy):
    toy.agreements = toy.agreements.iloc[0:0]
    t = phases.agreements_by_phase(toy).set_index("Topic")
    assert int(t.to_numpy().sum()) == 0 and list(t.columns) == ["Early phase", "Late phase"]


# ---- (3) proposals --------------------------------------------------------------------------


def test_proposals_by_phase_toy(toy):
    t = phases.proposals_by_phase(toy).set_index("Phase")
    assert t.loc["Early phase"].tolist() == [1, 0, 0, 0, 1, 0]
    assert t.loc["Late phase"].tolist() == [0, 1, 1, 0, 2, 1]  # the pre-phase proposal is left out


# ---- (4) meeting levels ---------------------------------------------------------------------


def test_meetings_toy_order_and_levels(toy):
    mt = phases.meetings(toy)
    assert list(mt["event_id"]) == [
        "pre",
        "r1",
        "s_other",
        "s_lead_a",
        "s_lead_b",
        "x1",
    ]  # date, then id
    assert list(mt["level"]) == [
        "leaders_summit",
        "round",
        "other_summit",
        "leaders_summit",
        "leaders_summit",
        "expert_meeting",
    ]
    t = phases.meeting_levels(toy).set_index("Phase")
    assert (
        t.loc["Early phase", "Total"] == 2 and t.loc["Late phase", "Total"] == 3
    )  # 'pre' is outside


# ---- sources, discrepancies and the summary -------------------------------------------------


def test_source_coverage_toy(toy):
    t = phases.source_coverage(toy).set_index("Phase")
    # early: r1 (both), s_other (none), a1 (none), a4 (none), p1 (none)
    assert t.loc["Early phase"].tolist() == [5, 0, 0, 1]
    # late: s_lead_a, s_lead_b, x1, a2 (Iji), a3, p2, p3
    assert t.loc["Late phase"].tolist() == [7, 1, 0, 0]


def test_phase_discrepancies_toy(toy):
    with pytest.raises(UnknownIdError, match="discrepancies"):  # none of the ids is in the toy
        phases.phase_discrepancies(toy)
    with pytest.raises(UnknownIdError, match="'missing'"):  # a renamed id is never skipped
        phases.phase_discrepancies(toy, {"d1": "A point", "missing": "renamed"})
    own = phases.phase_discrepancies(toy, {"d1": "A point"})
    assert own.iloc[0].tolist() == [
        "A point",
        "A says one thing.",
        "I says another.",
        "They differ.",
    ]


def test_summary_toy_without_later_phases(toy):
    s = phases.summary(toy)
    assert s["n_phases"] == 2
    assert (
        s["n_leaders_summits_later"] == 0 and s["leaders_summit_share_later"] == 0
    )  # no division by zero
    assert s["n_leaders_summits"] == 2  # the pre-phase summit is not counted
    assert s["n_agreements_before_phases"] == 1


def test_notes_on_the_toy(toy):
    empty = phases.discrepancy_notes(toy, {}).to_markdown()
    assert empty.startswith("- (none)")  # empty, not blank
    assert "Iji on the early phase" in repr(phases.quote_notes(toy))


def test_notes_escape_the_data_and_keep_their_own_emphasis():
    from markdown_it import MarkdownIt

    frame = pd.DataFrame(
        {"a": ["*bold?*"], "b": ["<script>x</script> | {math}`y`"], "c": ["para. 1"]}
    )
    notes = phases.Notes(
        [
            f"**{phases.escape_markdown(r[0])}.** {phases.escape_markdown(r[1])} "
            f"({phases.escape_markdown(r[2])})"
            for r in frame.itertuples(index=False)
        ]
    )
    html = MarkdownIt("commonmark").render(notes.to_markdown())
    assert "<strong>*bold?*.</strong>" in html and "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt; | {math}`y`" in html
