"""Unit tests of tajik_peace.chapters.power_sharing (small hand-made tables) and checks of
book/power_sharing.ipynb; claims about the real data are in test_real_data.py."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import power_sharing as ps
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp
NA = np.nan


# ---- fixtures ---------------------------------------------------------------------------------


PROPOSAL_COLUMNS = [
    "proposal_id",
    "date",
    "date_precision",
    "event_id",
    "proposer",
    "body",
    "total_seats",
    "government_share",
    "opposition_share",
    "other_share",
    "powers",
    "outcome",
    "summary",
]


@pytest.fixture()
def mini():
    """A small synthetic dataset with the columns of data/datapackage.json (keys as columns).

    Two proposals share a date (file order must be kept); one gives no figures; one gives a 0;
    the government and the UTO both give figures at e2; a quota ('other') has only one share.
    """
    proposals = pd.DataFrame(
        [
            (
                "p_b",
                D("1994-04-01"),
                "month",
                "e1",
                "uto",
                "Council B",
                NA,
                50,
                50,
                NA,
                "transitional",
                "rejected",
                "",
            ),
            (
                "p_a",
                D("1994-04-01"),
                "month",
                "e1",
                "tajik_government",
                "Forum A",
                NA,
                NA,
                NA,
                NA,
                "consultative",
                "rejected",
                "",
            ),
            (
                "p_c",
                D("1995-01-01"),
                "approximate",
                "e2",
                "uto",
                "Council C",
                40,
                40,
                40,
                20,
                "transitional",
                "rejected",
                "",
            ),
            (
                "p_d",
                D("1995-01-01"),
                "approximate",
                "e2",
                "tajik_government",
                "Council D",
                17,
                80,
                20,
                NA,
                "transitional",
                "rejected",
                "",
            ),
            (
                "p_e",
                D("1995-03-01"),
                "month",
                "e3",
                "tajik_parties",
                "Council E",
                NA,
                50,
                50,
                0,
                "transitional",
                "accepted",
                "",
            ),
            (
                "p_f",
                D("1995-03-01"),
                "month",
                "e3",
                "tajik_parties",
                "Quota F",
                NA,
                NA,
                30,
                NA,
                "other",
                "accepted",
                "",
            ),
            (
                "p_g",
                D("1994-12-01"),
                "month",
                "e2",
                "tajik_government",
                "Commission G",
                NA,
                NA,
                NA,
                NA,
                "advisory",
                "rejected",
                "",
            ),
        ],
        columns=PROPOSAL_COLUMNS,
    )
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "e3"],
            "kind": ["round", "round", "summit"],
            "round_number": [1, 2, NA],
            "round_part": [NA, NA, NA],
            "place_id": ["moscow", "tehran", NA],
            "phase_id": ["f1", "f2", "f2"],
        }
    )
    events["round_number"] = events["round_number"].astype("Int64")
    events["round_part"] = events["round_part"].astype("Int64")
    phases = pd.DataFrame(
        {
            "phase_id": ["f2", "f1", "d"],
            "order": [3, 2, 1],
            "name": ["Later: b", "Early phase: a", "Diagnostic"],
            "start_date": [D("1994-11-01"), D("1994-01-01"), D("1993-01-01")],
            "end_date": [D("1995-12-31"), D("1994-10-31"), D("1993-12-31")],
        }
    )
    places = pd.DataFrame({"place_id": ["moscow", "tehran"], "name": ["Moscow", "Tehran"]})
    agreements = pd.DataFrame(
        {
            "agreement_id": ["a2", "a1", "a3"],
            "title": ["Statute", "Forum", "Ceasefire"],
            "date_signed": [D("1995-03-01"), D("1994-06-01"), D("1994-05-01")],
            "date_precision": ["month", "day", "day"],
            "topics": ["power_sharing", "political;power_sharing", "ceasefire"],
            "summary": ["s2", "s1", "s3"],
        }
    )
    # s_ok, s_bad: for check_against_statistics; the others are the figures the summary quotes
    quoted = {
        "cnr-seats-final": 26.0,
        "cnr-seats-opposition-proposal": 40.0,
        "cnr-seats-government-counteroffer": 17.0,
        "cnr-seats-agreed": 27.0,
        "almaty-transition-years": 2.0,
        "transition-min-months": 12.0,
        "transition-max-months": 18.5,
    }
    statistics = pd.DataFrame(
        {"stat_id": ["s_ok", "s_bad", *quoted], "value": [40.0, 99.0, *quoted.values()]}
    )
    sources = pd.DataFrame(
        {
            "source_id": ["adamishin2012", "iji"],
            "author": ["Adamishin, Anatoly", "Iji, Tetsuro"],
            "year": pd.array([2012, pd.NA], dtype="Int64"),
        }
    )
    discrepancies = pd.DataFrame(
        {
            "discrepancy_id": ["thirty-percent-scope"],
            "source_a": ["adamishin2012"],
            "claim_a": ["A says"],
            "source_b": ["iji"],
            "claim_b": ["B says"],
            "assessment": ["Reconcile"],
        }
    )
    attestations = pd.DataFrame(
        {
            "attestation_id": ["1", "2", "3"],
            "table": ["proposals", "proposals", "events"],
            "record_id": ["p_b", "p_b", "e1"],
            "source_id": ["iji", "adamishin2012", "iji"],
        }
    )
    return SimpleNamespace(
        proposals=proposals,
        events=events,
        phases=phases,
        places=places,
        agreements=agreements,
        statistics=statistics,
        sources=sources,
        discrepancies=discrepancies,
        attestations=attestations,
    )


@pytest.fixture(params=["columns", "indexed"])
def any_mini(request, mini):
    """The synthetic dataset with keys as columns, and indexed by key with categorical enums (as
    load_dataset gives it)."""
    if request.param == "columns":
        return mini
    keys = {
        "proposals": "proposal_id",
        "events": "event_id",
        "phases": "phase_id",
        "places": "place_id",
        "agreements": "agreement_id",
        "statistics": "stat_id",
        "sources": "source_id",
        "discrepancies": "discrepancy_id",
        "attestations": "attestation_id",
    }
    tables = {name: getattr(mini, name).set_index(key) for name, key in keys.items()}
    for col in ("proposer", "powers", "outcome", "date_precision"):
        tables["proposals"][col] = tables["proposals"][col].astype("category")
    tables["attestations"]["table"] = tables["attestations"]["table"].astype("category")
    return SimpleNamespace(**tables)


# ---- small helpers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,expected", [(40.0, "40"), (0, "0"), (33.3, "33.3"), (NA, ""), (None, "")]
)
def test_format_share_never_turns_missing_into_zero(value, expected):
    assert ps.format_share(value) == expected


@pytest.mark.parametrize(
    "args,expected",
    [
        ((40, 40, 40, 20), "40 seats: gov. 40, opp. 40, others 20"),
        ((NA, 50, 50, 0), "gov. 50, opp. 50, others 0"),
        ((NA, NA, 30, NA), "opp. 30"),
        ((27, NA, NA, NA), "27 seats"),
        ((NA, NA, NA, NA), ps.NOT_GIVEN),
    ],
)
def test_seats_and_shares(args, expected):
    assert ps.seats_and_shares(*args) == expected


# ---- hand-made data -----------------------------------------------------------------------------


def test_proposals_order_ranks_and_phase(any_mini):
    p = ps.proposals(any_mini)
    # date order; same-date ties keep the file order (p_b before p_a, p_c before p_d, p_e before p_f)
    assert list(p["proposal_id"]) == ["p_b", "p_a", "p_g", "p_c", "p_d", "p_e", "p_f"]
    ranks = dict(zip(p["proposal_id"], p["powers_rank"]))
    assert ranks["p_g"] < ranks["p_a"] < ranks["p_b"] and np.isnan(ranks["p_f"])
    assert dict(zip(p["proposal_id"], p["phase_id"]))["p_g"] == "f2"
    assert list(p["has_figures"]) == [True, False, False, True, True, True, True]


def test_proposals_table(any_mini):
    t = ps.proposals_table(any_mini)
    assert list(t.columns) == [
        "Date",
        "Proposer",
        "Body",
        "Seats and shares (%)",
        "Powers",
        "Outcome",
    ]
    assert list(t["Date"][:3]) == ["April 1994", "April 1994", "December 1994"]
    assert t.iloc[3]["Date"] == "c. January 1995"
    assert t.iloc[1]["Seats and shares (%)"] == ps.NOT_GIVEN  # no figures: not zero
    assert t.iloc[5]["Seats and shares (%)"] == "gov. 50, opp. 50, others 0"
    assert (
        t.iloc[5]["Proposer"] == "Joint"
        and t.iloc[6]["Powers"] == "Other"
        and t.iloc[0]["Proposer"] == "UTO"
    )


def test_proposals_table_by_phase(any_mini):
    early = ps.proposals_table(any_mini, phases=["f1"])
    later = ps.proposals_table(any_mini, phases=["f2", "d"])
    assert list(early["Body"]) == ["Council B", "Forum A"]
    assert len(early) + len(later) == len(ps.proposals_table(any_mini))
    assert ps.proposals_table(any_mini, phases=[]).empty


def test_shares_long_keeps_missing_as_nan(any_mini):
    long = ps.shares_long(any_mini)
    assert len(long) == 7 * 3
    assert list(long["field"].unique()) == list(ps.SHARE_FIELDS)
    a = long[long["proposal_id"] == "p_a"]
    assert a["value"].isna().all()
    e_other = long[(long["proposal_id"] == "p_e") & (long["field"] == "other_share")]["value"]
    assert e_other.tolist() == [0.0]


def test_convergence(any_mini):
    c = ps.convergence(any_mini)
    assert list(c["event_id"]) == ["e1", "e2", "e3"]  # p_a (no figure) and p_f (quota) do not count
    e1, e2, e3 = (c.iloc[i] for i in range(3))
    assert e1["uto"] == 50 and np.isnan(e1["government"]) and np.isnan(e1["gap"])
    assert (e2["uto"], e2["government"], e2["gap"]) == (40, 20, 20)
    assert e3["agreed"] == 50 and np.isnan(e3["uto"])
    assert list(c["meeting"]) == ["Round 1, Moscow", "Round 2, Tehran", "Summit"]


def test_convergence_last_figure_wins_and_empty(mini):
    extra = pd.DataFrame(
        [
            (
                "p_h",
                D("1995-02-01"),
                "month",
                "e2",
                "uto",
                "Council H",
                NA,
                45,
                45,
                10,
                "transitional",
                "rejected",
                "",
            )
        ],
        columns=PROPOSAL_COLUMNS,
    )
    mini.proposals = pd.concat([mini.proposals, extra], ignore_index=True)
    row = ps.convergence(mini).set_index("event_id").loc["e2"]
    assert row["uto"] == 45 and row["gap"] == 25
    mini.proposals = mini.proposals[mini.proposals["opposition_share"].isna()]
    empty = ps.convergence(mini)
    assert empty.empty and list(empty.columns)[-1] == "gap"
    assert ps.convergence_table(mini).empty


def test_convergence_table(any_mini):
    t = ps.convergence_table(any_mini)
    assert list(t.columns) == [
        "Meeting",
        "Date",
        "UTO asked for",
        "Government offered",
        "Gap (points)",
        "Agreed",
    ]
    assert list(t.iloc[1][["UTO asked for", "Government offered", "Gap (points)", "Agreed"]]) == [
        "40",
        "20",
        "20",
        "",
    ]


def test_powers_by_phase(any_mini):
    t = ps.powers_by_phase(any_mini)
    assert list(t["Phase"]) == ["Diagnostic", "Early phase", "Later"]  # phase order, short names
    later = t.set_index("Phase").loc["Later"]
    assert later["Government"] == "Advisory, Transitional (real powers)"  # weakest first, each once
    assert later["Jointly agreed"] == "Transitional (real powers)"  # the 'other' quota is left out
    assert t.set_index("Phase").loc["Diagnostic"].tolist() == ["", "", ""]


def test_agreements(any_mini):
    a = ps.power_sharing_agreements(any_mini)
    assert list(a["agreement_id"]) == ["a1", "a2"]  # ceasefire-only agreement left out; date order
    t = ps.agreements_table(any_mini)
    assert list(t["Date"]) == ["1 June 1994", "March 1995"]


def test_source_label_and_discrepancy_table(any_mini):
    assert ps.source_label(any_mini, "adamishin2012") == "Adamishin (2012)"
    assert ps.source_label(any_mini, "iji") == "Iji (n.d.)"
    assert ps.source_label(any_mini, "nobody") == "nobody"
    t = ps.discrepancy_table(any_mini)
    assert list(t["Who"]) == ["Adamishin (2012)", "Iji (n.d.)", "Dataset's assessment"]
    assert list(t["What"]) == ["A says", "B says", "Reconcile"]
    with pytest.raises(KeyError):
        ps.discrepancy_table(any_mini, "no-such-discrepancy")


def test_check_against_statistics(any_mini):
    mapping = {
        "s_ok": ("p_c", "total_seats"),
        "s_bad": ("p_c", "opposition_share"),
        "s_missing": ("p_c", "government_share"),
        "cnr-seats-final": ("p_a", "total_seats"),
    }
    t = ps.check_against_statistics(any_mini, mapping)
    assert dict(zip(t["stat_id"], t["agrees"])) == {
        "s_ok": True,
        "s_bad": False,
        "s_missing": False,
        "cnr-seats-final": False,
    }  # empty proposal field: no match


def test_summary(any_mini):
    s = ps.summary(any_mini)
    assert (s["n_proposals"], s["n_government"], s["n_uto"], s["n_joint"]) == (7, 3, 2, 2)
    assert (s["n_rejected"], s["n_accepted"]) == (5, 2)
    assert (s["n_with_figures"], s["n_without_figures"]) == (5, 2)
    assert (s["uto_first_share"], s["uto_last_share"], s["uto_others_share"]) == ("50", "40", "20")
    assert s["government_first_figures"] == "c. January 1995" and s["government_own_share"] == "80"
    assert (s["gap_points"], s["gap_meeting"], s["n_stages_both"]) == ("20", "Round 2, Tehran", 1)
    assert (s["agreed_share"], s["quota_share"]) == ("50", "30")
    assert (s["n_uto_both_shares"], s["n_uto_parity"]) == (2, 2)
    assert s["government_weaker_bodies"] == 2
    assert (s["seats_final"], s["seats_agreed"]) == (26, 27)
    assert s["transition_max_months"] == 18.5  # a fraction stays a fraction
    assert (s["n_attested_iji"], s["n_attested_adamishin"]) == (1, 1)


def test_summary_names_a_missing_statistic(mini):
    mini.statistics = mini.statistics[mini.statistics["stat_id"] != "cnr-seats-agreed"]
    with pytest.raises(UnknownIdError, match=r"statistics.*cnr-seats-agreed"):
        ps.summary(mini)  # never a silent None in the prose


def test_summary_without_any_figures(mini):
    for field in ps.SHARE_FIELDS + ("total_seats",):
        mini.proposals[field] = NA
    s = ps.summary(mini)
    assert s["uto_first_share"] == "" and s["gap_points"] == "" and s["agreed_share"] == ""
    assert (
        s["n_stages_both"] == 0 and s["n_with_figures"] == 0 and s["government_first_figures"] == ""
    )


def test_share_rows_keep_unstated_apart_from_zero(any_mini):
    rows = ps.share_rows(any_mini)
    # p_a gives no figure and is left out; p_b and p_c keep file order; p_f is a quota of posts
    assert list(rows["proposal_id"]) == ["p_b", "p_c", "p_d", "p_e", "p_f"]
    by = rows.set_index("proposal_id")
    assert np.isnan(by.loc["p_b", "other_share"]) and by.loc["p_b", "unstated"] == 0
    assert by.loc["p_e", "other_share"] == 0  # an explicit 0 stays a figure
    assert by.loc["p_f", "unstated"] == 70 and bool(by.loc["p_f", "posts"])
    assert by.loc["p_f", "label"].endswith("(executive posts)")
    assert "UTO" in by.loc["p_c", "label"] and by.loc["p_d", "label"].startswith("c. ")


def test_plots_on_hand_made_data(any_mini):
    fig = ps.plot_shares(any_mini)
    (ax,) = fig.axes
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Share of the body's seats")
    assert "2 of the 7 proposals give no share" in ax.get_xlabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert fig.get_figwidth() <= figures.PRINT_WIDTH
    assert figures.too_small_text(fig) == []
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "Government",
        "Opposition (UTO)",
        "Others (minorities, NRB)",
        ps.UNSTATED_LABEL,
    ]
    assert len(ax.get_yticklabels()) == 5
    # each bar, given and unstated parts together, spans exactly 0-100
    ends = {}
    for patch in ax.patches:
        y = round(patch.get_y() + patch.get_height() / 2, 6)
        ends[y] = max(ends.get(y, 0), patch.get_x() + patch.get_width())
    assert set(np.round(list(ends.values()), 6)) == {100}
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("others 0") == 1  # only p_e's explicit 0 for others is written
    assert "30" in labels and "80" in labels

    fig = ps.plot_powers(any_mini)
    ax = fig.axes[0]
    # the figure breaks a label before its bracketed qualifier, to keep the plot wide
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == [
        ps.POWERS_LABELS[k] for k in ("other", "advisory", "consultative", "transitional")
    ]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Power-sharing agreement", "Government", "UTO (opposition)", "Jointly agreed"]


# ---- the registered figures ----------------------------------------------------------------------


def test_real_figures_are_registered_with_their_alt_text():
    registered = figures.registered()
    assert registered["power-sharing-shares"].alt == ps.SHARES_ALT.strip()
    assert registered["power-sharing-powers"].alt == ps.POWERS_ALT.strip()
