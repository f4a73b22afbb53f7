"""Unit tests of tajik_peace.chapters.conclusion on a small hand-made dataset (the mini fixture
package has no impasses); claims about the real data are in test_real_data.py."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.text import Text

from tajik_peace import figures
from tajik_peace.chapters import conclusion
from tajik_peace.records import UnknownIdError

D = pd.Timestamp
NA = None


def _phases():
    rows = [
        ("diagnostic", 1, "Diagnostic phase", D("1993-07-01"), D("1994-04-04")),
        ("formula_1", 2, "First formula phase: launch", D("1994-04-05"), D("1995-05-21")),
        ("formula_3", 3, "Third formula phase", D("1995-05-22"), D("1996-12-31")),
        ("detail", 4, "Detail phase", D("1997-01-01"), D("1997-06-27")),
    ]
    return pd.DataFrame(rows, columns=["phase_id", "order", "name", "start_date", "end_date"])


def _actors():
    rows = [
        ("russia", "Russia", NA),
        ("envoy", "Russian Envoy", "russia"),
        ("iran", "Iran", NA),
        ("un", "United Nations", NA),
        ("un_team", "UN team", "un"),
        ("tajikistan", "Tajikistan", NA),
        ("tajik_government", "Government", "tajikistan"),
        ("rahmonov", "Emomali Rahmonov", "tajik_government"),
        ("uto", "United Tajik Opposition", NA),
        ("nuri", "Said Abdullo Nuri", "uto"),
        ("national_revival_bloc", "National Revival Bloc", NA),
        ("abdullajanov", "Abdumalik Abdullajanov", "national_revival_bloc"),
        ("taliban", "Taliban", NA),
    ]
    return pd.DataFrame(rows, columns=["actor_id", "name", "affiliation"])


def _events():
    cols = [
        "event_id",
        "date_start",
        "date_start_precision",
        "date_end",
        "date_end_precision",
        "kind",
        "both_sides",
        "title",
        "actors",
        "phase_id",
    ]
    rows = [
        (
            "summit_93",
            D("1993-08-07"),
            "day",
            NA,
            NA,
            "summit",
            False,
            "Moscow summit",
            "russia",
            "diagnostic",
        ),
        (
            "round1_moscow_1994",
            D("1994-04-05"),
            "day",
            D("1994-04-19"),
            "day",
            "round",
            True,
            "Round 1",
            "rahmonov;nuri",
            "formula_1",
        ),
        (
            "round_venue",
            D("1995-04-01"),
            "month",
            NA,
            NA,
            "consultation",
            True,
            "Consultation",
            "",
            "formula_1",
        ),
        (
            "summit_95",
            D("1995-05-17"),
            "day",
            D("1995-05-19"),
            "day",
            "summit",
            True,
            "Summit of 1995",
            "rahmonov;nuri",
            "formula_3",
        ),
        (
            "taliban_capture_kabul_1996",
            D("1996-09-01"),
            "month",
            NA,
            NA,
            "military",
            NA,
            "Kabul falls",
            "taliban",
            "formula_3",
        ),
        ("fight_96", D("1996-03-01"), "month", NA, NA, "military", NA, "Fighting", "", "formula_3"),
        (
            "experts_96",
            D("1996-10-09"),
            "day",
            D("1996-10-17"),
            "day",
            "expert_meeting",
            True,
            "Experts",
            "",
            "formula_3",
        ),
        (
            "summit_96",
            D("1996-12-19"),
            "day",
            D("1996-12-23"),
            "day",
            "summit",
            True,
            "Summit of 1996",
            "rahmonov;nuri",
            "formula_3",
        ),
        (
            "general_agreement_1997",
            D("1997-06-27"),
            "day",
            NA,
            NA,
            "agreement",
            NA,
            "General Agreement",
            "rahmonov;nuri",
            "detail",
        ),
        ("later_2012", D("2012-06-01"), "approximate", NA, NA, "military", NA, "Clashes", "", NA),
    ]
    return pd.DataFrame(rows, columns=cols)


def _impasses(**change):
    cols = [
        "impasse_id",
        "topic",
        "arose_date",
        "arose_precision",
        "broken_date",
        "broken_precision",
        "broken_at_kind",
        "broken_by",
        "broken_event_id",
        "phase_id",
        "description",
    ]
    rows = [
        # listed out of order: the table sorts by arose_date
        (
            "late",
            "power_sharing",
            D("1996-10-01"),
            "month",
            D("1996-12-23"),
            "day",
            "leaders_meeting",
            "rahmonov;nuri;envoy",
            "summit_96",
            "formula_3",
            "Could not agree on the commission.",
        ),
        (
            "early",
            "talks",
            D("1993-07-01"),
            "approximate",
            D("1993-08-07"),
            "day",
            "third_party_pressure",
            "russia;iran",
            "summit_93",
            "diagnostic",
            "Refused to talk.",
        ),
        (
            "venue",
            "venue",
            D("1994-11-01"),
            "approximate",
            D("1995-04-01"),
            "month",
            "third_party_mediation",
            "un_team",
            "round_venue",
            "formula_1",
            "Venue dispute.",
        ),
        (
            "open",
            "power_sharing",
            D("1996-01-01"),
            "approximate",
            NA,
            NA,
            "unbroken",
            "",
            NA,
            "formula_3",
            "Never settled.",
        ),
    ]
    frame = pd.DataFrame(rows, columns=cols)
    for column, value in change.items():
        frame[column] = value
    return frame


def _relations():
    rows = [
        ("r1", "envoy", "rahmonov", "pressure", "diagnostic"),
        ("r2", "russia", "tajikistan", "persuasion", "formula_1"),
        ("r3", "russia", "nuri", "pressure", "formula_1"),
        ("i1", "iran", "nuri", "persuasion", "formula_3"),
        ("i2", "iran", "uto", "hosting", "formula_3"),
        ("u1", "un_team", "uto", "mediation", "formula_1"),
        ("u2", "un", "tajik_government", "mediation", "detail"),
        ("n1", "uto", "national_revival_bloc", "support", "detail"),
    ]
    return pd.DataFrame(
        rows, columns=["relation_id", "from_actor", "to_actor", "relation", "phase_id"]
    )


def _dataset(**tables):
    base = dict(
        phases=_phases(),
        actors=_actors(),
        events=_events(),
        impasses=_impasses(),
        relations=_relations(),
        statistics=pd.DataFrame(
            [("cnr-share-nrb-opposition-proposal", 20.0), ("power-share-adamishin", 30.0)],
            columns=["stat_id", "value"],
        ),
        proposals=pd.DataFrame(
            [("p1", "round1_moscow_1994"), ("p2", "experts_96")],
            columns=["proposal_id", "event_id"],
        ),
    )
    base.update(tables)
    return SimpleNamespace(**base)


@pytest.fixture
def ds():
    return _dataset()


# ---- the impasses ------------------------------------------------------------------------------


def test_deadlock_table_lists_every_impasse_in_order_with_dates_as_coded(ds):
    t = conclusion.deadlock_table(ds)
    assert list(t["No."]) == [1, 2, 3, 4]
    assert list(t["Impasse"]) == [
        "Refused to talk.",
        "Venue dispute.",
        "Never settled.",
        "Could not agree on the commission.",
    ]
    first = t.iloc[0]
    assert (first["Arose"], first["Broken"]) == ("c. July 1993", "7 August 1993")
    assert first["Where broken"] == "Third-party pressure" and first["By whom"] == "Russia, Iran"
    assert t.iloc[1]["Broken"] == "April 1995"
    assert t.iloc[2]["Broken"] == "not broken in the sources" and t.iloc[2]["By whom"] == ""
    assert t.iloc[3]["By whom"] == "Emomali Rahmonov, Said Abdullo Nuri, Russian Envoy"
    assert t.iloc[3]["Topic"] == "Power-sharing"


def test_unknown_actor_or_kind_or_event_raises(ds):
    bad = _dataset(impasses=_impasses(broken_by="nobody"))
    with pytest.raises(UnknownIdError, match="nobody"):
        conclusion.deadlock_table(bad)
    with pytest.raises(ValueError, match="broken_at_kind"):
        conclusion.impasse_frame(_dataset(impasses=_impasses(broken_at_kind="magic")))
    with pytest.raises(UnknownIdError, match="no_such_event"):
        conclusion.leaders_meetings(_dataset(impasses=_impasses(broken_event_id="no_such_event")))
    without_taliban = _dataset(events=_events().query("event_id != 'taliban_capture_kabul_1996'"))
    with pytest.raises(UnknownIdError, match="taliban_capture_kabul_1996"):
        conclusion.verdict_table(without_taliban)


def test_deadlock_counts_by_phase_and_kind(ds):
    t = conclusion.deadlock_counts(ds).set_index("Phase arisen in")
    assert list(t.index) == [
        "Diagnostic phase",
        "First formula phase",
        "Third formula phase",
        "Detail phase",
        "All phases",
    ]
    # only the kinds that occur, in codebook order
    assert list(t.columns) == [
        "Leaders' meeting",
        "Third-party pressure",
        "Third-party mediation",
        "Not broken in the sources",
        "All",
    ]
    assert t.loc["Third formula phase", "Leaders' meeting"] == 1
    assert t.loc["Third formula phase", "All"] == 2
    assert t.loc["All phases", "All"] == 4
    assert t.loc["Detail phase", "All"] == 0


def test_leaders_meetings_show_what_each_broke(ds):
    t = conclusion.leaders_meetings(ds)
    assert list(t["Meeting"]) == ["Summit of 1995", "Summit of 1996"]  # summits of both sides
    assert list(t["Impasses broken there"]) == ["none", "4"]
    assert t.iloc[1]["Date"] == "19–23 December 1996"


# ---- the evidence and the verdicts -------------------------------------------------------------


def test_evidence_counts(ds):
    ev = conclusion.evidence(ds)
    assert (ev["n_impasses"], ev["n_broken"], ev["n_unbroken"]) == (4, 3, 1)
    assert ev["turn_date"] == "23 December 1996"
    assert (ev["n_early"], ev["n_early_outside"], ev["n_late"], ev["n_late_leaders"]) == (
        2,
        2,
        1,
        1,
    )
    assert ev["n_early_russia"] == 1 and ev["n_early_un"] == 1
    assert ev["n_russia_and_iran"] == 1
    assert ev["n_leaders_with_outsiders"] == 1  # the envoy rolls up to Russia
    assert (ev["n_leader_summits"], ev["n_leader_summits_breaking"], ev["n_quiet_summits"]) == (
        2,
        1,
        1,
    )
    # leverage rolled up: the envoy is Russia, the Tajik state counts with the government side,
    # Nuri with the opposition; hosting is not leverage
    assert (ev["russia_on_government"], ev["russia_on_opposition"]) == (2, 1)
    assert (ev["iran_on_opposition"], ev["iran_on_government"]) == (1, 0)
    # the UN (its team rolled up to it) acts in two of the four phases
    assert (ev["n_un_phases"], ev["n_phases"]) == (2, 4)
    assert ev["un_missing_phases"] == "Diagnostic phase, Third formula phase"
    # 9 months from September 1996 to June 1997; meetings of both sides in each window
    assert ev["window_months"] == 9
    assert (ev["meetings_after_taliban"], ev["meetings_before_taliban"]) == (2, 0)
    assert ev["first_meeting_after_taliban"] == "9–17 October 1996"
    assert (ev["n_military_talks"], ev["n_military_formula_3"]) == (2, 2)
    assert (ev["n_proposals"], ev["n_proposals_round1"]) == (2, 1)
    assert (ev["n_meetings_with_nrb"], ev["n_meetings"]) == (0, 5)
    assert (ev["n_nrb_relations"], ev["n_nrb_support"], ev["n_nrb_hostility"]) == (1, 1, 0)
    assert (ev["nrb_share"], ev["power_share"]) == ("20", "30")
    assert (ev["n_after_settlement"], ev["after_settlement_years"]) == (1, "2012")
    # the longest closed span: the venue dispute, c. November 1994 to the end of April 1995
    assert (ev["longest_number"], ev["longest_months"]) == (2, 6)


def test_evidence_counts_a_meeting_with_the_left_out_bloc(ds):
    ev = _events()
    ev.loc[ev["event_id"] == "experts_96", "actors"] = "abdullajanov"
    assert conclusion.evidence(_dataset(events=ev))["n_meetings_with_nrb"] == 1


def test_verdict_table_fills_every_count_from_the_data(ds):
    t = conclusion.verdict_table(ds)
    assert list(t.columns) == ["Claim", "Source (locator)", "What the data show", "Verdict"]
    assert len(t) == len(conclusion.CLAIMS)
    assert all(conclusion._verdict_base(v) in conclusion.VERDICTS for v in t["Verdict"])
    assert not t["What the data show"].str.contains(r"[{}]").any()
    nrb = t[t["Claim"].str.contains("National Revival Bloc")].iloc[0]
    assert "took part in none of the 5 meetings" in nrb["What the data show"]  # not '0 of the 5'
    assert "(1 coded relation: one of support, none of hostility)" in nrb["What the data show"]
    assert "20 percent" in nrb["What the data show"]
    assert t["Claim"].str.contains("30 percent").any()


def test_count_phrases_read_as_prose():
    assert conclusion.count_of(0, 20, "meetings") == "none of the 20 meetings"
    assert conclusion.count_of(5, 5, "phases") == "all 5 phases"
    assert conclusion.count_of(2, 2, "cases") == "both cases"
    assert conclusion.count_of(3, 11) == "3 of the 11"
    assert [conclusion.times(n) for n in (0, 1, 2, 9)] == ["never", "once", "twice", "9 times"]
    assert conclusion.number_word(0) == "none" and conclusion.number_word(3) == "three"


def test_every_claim_has_a_locator_and_a_known_verdict():
    for _key, _claim, source, verdict, _template in conclusion.CLAIMS:
        assert "para" in source or "Iji" in source
        assert conclusion._verdict_base(verdict) in conclusion.VERDICTS


def test_summary_is_text_and_counts_the_verdicts(ds):
    s = conclusion.summary(ds)
    assert all(isinstance(v, str) for v in s.values())
    n = sum(int(s[f"n_verdict_{v.replace(' ', '_')}"]) for v in conclusion.VERDICTS)
    assert n == int(s["n_claims"]) == len(conclusion.CLAIMS)


# ---- the figure --------------------------------------------------------------------------------


def test_deadlock_figure_is_registered_styled_and_deterministic(ds, tmp_path):
    registry = figures.registered()
    assert registry["conclusion-deadlocks"].alt == conclusion.DEADLOCKS_ALT
    fig = conclusion.draw_deadlocks(ds)
    assert isinstance(fig, Figure)
    assert fig.get_figwidth() <= 6.3
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert figures.source_line(fig)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "1. Talks"
    for text in fig.findobj(Text):
        if text.get_text().strip() and text.get_visible():
            assert text.get_fontsize() >= 7, text.get_text()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "Leaders' meeting",
        "Third-party pressure",
        "Third-party mediation",
        "Not broken in the sources",
    ]
    a = figures.save_figure(conclusion.draw_deadlocks(ds), "x", "alt", tmp_path / "a")
    b = figures.save_figure(conclusion.draw_deadlocks(ds), "x", "alt", tmp_path / "b")
    assert a.pdf == b.pdf and a.png == b.png
