"""Unit tests of tajik_peace.phases (on the real dataset and on small hand-made inputs) and checks
of the chapter notebook book/phases.ipynb."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest
from conftest import toy_sources

matplotlib.use("Agg")


from tajik_peace import figures
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


@pytest.fixture(scope="module")
def real(real_dataset):
    """The real dataset (the session-wide fixture of conftest.py)."""
    return real_dataset


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
        ],
        columns=["event_id", "date_start", "date_start_precision", "kind", "actors", "phase_id"],
    )
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


# ---- (1) the phase table: real data ---------------------------------------------------------


def test_phase_table_real(real):
    t = phases.phase_table(real)
    assert list(t.columns) == ["Phase (length)", "From", "To", "What defines it"]
    assert t["Phase (length)"].iloc[0] == "Diagnostic phase (9.1 months)"
    rows = t.assign(Phase=PHASE_NAMES).set_index("Phase")
    assert (
        rows.loc["Diagnostic phase", "From"] == "c. July 1993 (approx.)"
    )  # Iji: onset hard to pinpoint
    assert rows.loc["First formula phase", "From"] == "5 April 1994 (day)"  # talks open in Moscow
    assert rows.loc["Second formula phase", "From"] == "22 May 1995 (day)"  # the Almaty round
    assert (
        rows.loc["Third formula phase", "From"] == "c. January 1996 (approx.)"
    )  # "the turn of the year"
    assert rows.loc["Detail phase", "From"] == "6 January 1997 (day)"
    assert rows.loc["Detail phase", "To"] == "27 June 1997 (day)"  # the General Agreement
    assert rows.loc["Detail phase", "Phase (length)"] == "Detail phase (5.7 months)"
    assert rows.loc["First formula phase", "Phase (length)"] == "First formula phase (13.5 months)"
    assert all(t["What defines it"].str.len() > 40)


def test_phase_quotes_real_come_from_iji_at_the_phase_sections(real):
    q = phases.phase_quotes(real)
    assert list(q["Phase"]) == PHASE_NAMES
    assert q["In the source's words"].str.startswith("\u201c").all()
    assert q["In the source's words"].str.endswith("\u201d").all()
    for (pid, section), where in zip(phases.PHASE_SECTIONS.items(), q["Where"]):
        assert where == f"Iji, {section}", pid
    assert "deadlock" in q.iloc[2]["In the source's words"]
    assert "crises and breakthroughs" in q.iloc[3]["In the source's words"]


def test_defining_quotes_exist_and_belong_to_their_phase(real):
    att = real.attestations
    for pid, aid in phases.DEFINING_QUOTES.items():
        assert aid in att.index
        assert (att.loc[aid, "table"], att.loc[aid, "record_id"], att.loc[aid, "source_id"]) == (
            "phases",
            pid,
            "iji",
        )
        assert len(att.loc[aid, "quote"].split()) <= 40


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


def test_topic_matrix_real(real):
    m = phases.topic_matrix(real)
    assert list(m.columns) == PHASE_NAMES
    assert list(m.index[:4]) == ["Ceasefire", "Prisoners", "Refugees", "Power-sharing"]
    # First formula period: ceasefire, prisoners and refugees, but no power-sharing agreement.
    assert m.loc["Ceasefire", "First formula phase"] == 3
    assert m.loc["Refugees", "First formula phase"] == 1  # the joint commission of the Moscow round
    assert m.loc["Power-sharing", "First formula phase"] == 0
    # Power-sharing: the Tehran forum (1995), the Khusdeh agreement and CNR protocol (1996), the detail phase.
    assert list(m.loc["Power-sharing"]) == [0, 0, 1, 2, 4]
    assert m.loc["Guarantees"].sum() == m.loc["Guarantees", "Detail phase"] == 2
    assert m.loc["Constitution", "Third formula phase"] == 1  # the protocol on the CNR


def test_agreements_by_phase_real(real):
    t = phases.agreements_by_phase(real).set_index("Topic")
    assert list(t.loc[phases.DOCUMENTS_ROW]) == [5, 5, 3, 4, 8]
    assert (
        t.loc[phases.BOTH_SIDES_ROW, "Diagnostic phase"] == 0
    )  # no inter-Tajik agreement before the talks
    assert t.loc[phases.BOTH_SIDES_ROW, "Detail phase"] == 8
    assert list(t.loc[phases.LEADERS_ROW]) == [0, 1, 2, 3, 5]
    ag = phases.agreements_with_phase(real).set_index("agreement_id")
    assert ag.loc["protocol_cnr_1996", "phase_id"] == "formula_3"
    assert ag.loc["general_agreement_1997", "leaders"]
    assert pd.isna(ag.loc["cis_peacekeeping_agreement_1992", "phase_id"])  # before the phases


def test_topic_matrix_toy(toy):
    m = phases.topic_matrix(toy)
    assert list(m.columns) == ["Early phase", "Late phase"]
    assert list(m.index) == [phases.TOPIC_LABELS[t] for t in phases.TOPICS] + [
        "Novel topic"
    ]  # unknown last
    assert m.loc["Power-sharing", "Late phase"] == 2
    assert m.loc["Military"].sum() == 0  # the pre-phase agreement is left out
    assert int(m.to_numpy().sum()) == 6


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


def test_plot_topic_heatmap(real):
    fig = phases.plot_topic_heatmap(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Phase") and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert ax.images[0].get_cmap().name == "cividis"
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 5 * len(phases.TOPICS) and "4" in cells  # every cell is written
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "Detail phase\n(8)"


# ---- (3) proposals --------------------------------------------------------------------------


def test_proposals_by_phase_real(real):
    t = phases.proposals_by_phase(real).set_index("Phase")
    assert list(t.columns) == [
        "Transitional",
        "Consultative",
        "Advisory",
        "Other",
        "Total",
        "Accepted",
    ]
    assert t.loc["Diagnostic phase", "Total"] == 0
    assert (
        t.loc["First formula phase", "Transitional"] == t.loc["First formula phase", "Total"] == 1
    )  # the 50-50 State Soviet
    assert t.loc["Second formula phase", "Consultative"] == 2  # the consultative forum, twice
    assert t.loc["Second formula phase", "Accepted"] == 0
    assert (
        t.loc["Third formula phase", "Advisory"] == 1
    )  # the government's Commission of Reconciliation
    assert t.loc["Third formula phase", "Accepted"] == 1  # the CNR as an authoritative body
    assert t["Total"].sum() == len(real.proposals)


def test_proposals_by_phase_toy(toy):
    t = phases.proposals_by_phase(toy).set_index("Phase")
    assert t.loc["Early phase"].tolist() == [1, 0, 0, 0, 1, 0]
    assert t.loc["Late phase"].tolist() == [0, 1, 1, 0, 2, 1]  # the pre-phase proposal is left out


# ---- (4) meeting levels ---------------------------------------------------------------------


def test_meeting_levels_real(real):
    t = phases.meeting_levels(real).set_index("Phase")
    leaders = phases.LEVEL_LABELS["leaders_summit"]
    assert list(t[leaders]) == [0, 1, 1, 2, 2]  # Kabul; Tehran; Khusdeh, Moscow; Mashhad, Bishkek
    assert list(t[phases.LEVEL_LABELS["other_summit"]]) == [1, 0, 0, 1, 0]  # Moscow 1993, CIS 1996
    assert (
        t.loc["Detail phase", phases.LEVEL_LABELS["round"]] == 4
    )  # rounds 6, 7 and 8 in two parts
    assert t.loc["Third formula phase", phases.LEVEL_LABELS["expert_meeting"]] == 1
    assert t.loc["First formula phase", phases.LEVEL_LABELS["consultation"]] == 2
    assert (t["Total"] == t.drop(columns="Total").sum(axis=1)).all()


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


def test_plot_meeting_levels(real):
    fig = phases.plot_meeting_levels(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        phases.LEVEL_LABELS[lv] for lv in phases.LEVELS
    ]
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) == len(phases.LEVELS)  # each level has its own hatch for greyscale print
    assert ax.get_yticklabels()[0].get_text() == "Diagnostic phase\n(9.1 months)"


# ---- sources, discrepancies and the summary -------------------------------------------------


def test_source_coverage_real(real):
    t = phases.source_coverage(real).set_index("Phase")
    assert (
        t.loc["Third formula phase", "Iji only"] == t.loc["Third formula phase", "Records"]
    )  # Iji alone
    assert t.loc["Diagnostic phase", "Adamishin only"] >= 1
    assert (t["Iji only"] + t["Adamishin only"] + t["Both"] == t["Records"]).all()


def test_source_coverage_toy(toy):
    t = phases.source_coverage(toy).set_index("Phase")
    # early: r1 (both), s_other (none), a1 (none), a4 (none), p1 (none)
    assert t.loc["Early phase"].tolist() == [5, 0, 0, 1]
    # late: s_lead_a, s_lead_b, x1, a2 (Iji), a3, p2, p3
    assert t.loc["Late phase"].tolist() == [7, 1, 0, 0]


def test_phase_discrepancies(real, toy):
    t = phases.phase_discrepancies(real)
    assert len(t) == len(phases.PHASE_DISCREPANCIES)
    assert "mid-1993" in t.iloc[0]["The other account"]
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


def test_summary_real(real):
    s = phases.summary(real)
    assert s["n_phases"] == 5
    assert (
        s["n_agreements_before_phases"] == 3
    )  # the 1992 agreements on the Russian/CIS military presence
    assert s["n_leaders_summits"] == 6 and s["n_leaders_summits_later"] == 4
    assert s["n_leaders_summits_earlier"] == 2
    assert s["first_leaders_summit"] == "17 May 1995"  # Kabul
    assert s["leaders_summit_share_later"] == round(100 * 4 / 12)
    assert s["longest_phase"] == "First formula phase" and s["shortest_phase"] == "Detail phase"
    assert s["start_detail"] == "6 January 1997" and s["start_diagnostic"] == "c. July 1993"
    assert s["end_formula_2"] == "c. December 1995"
    assert s["n_proposals"] == 19 and s["n_proposals_accepted"] == 3
    assert s["power_sharing_detail"] == 4 and s["both_sides_diagnostic"] == 0


def test_summary_toy_without_later_phases(toy):
    s = phases.summary(toy)
    assert s["n_phases"] == 2
    assert (
        s["n_leaders_summits_later"] == 0 and s["leaders_summit_share_later"] == 0
    )  # no division by zero
    assert s["n_leaders_summits"] == 2  # the pre-phase summit is not counted
    assert s["n_agreements_before_phases"] == 1


def test_notes_render_a_markdown_list_with_source(real, toy):
    quotes = phases.quote_notes(real)
    assert len(quotes.items) == 5
    first = re.sub(r"\\(.)", r"\1", quotes.items[0])  # the data are escaped; read them back
    assert first.startswith("**Diagnostic phase.** \u201cit was a shift in Russian policy")
    assert first.endswith("(Iji, Lead-up to Negotiations: The Diagnostic Phase)")
    md = phases.discrepancy_notes(real)._repr_markdown_()
    assert md.count("\n- ") == len(phases.PHASE_DISCREPANCIES) - 1 and "*Assessment:*" in md
    assert md.rstrip().endswith(f"*{phases.escape_markdown(figures.DATASET_SOURCE)}*")
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
