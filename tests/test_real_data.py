"""Claims about the real dataset, kept in one place: a data correction that changes one of them
shows up here as one reviewed diff.

The chapters' logic is tested on small fixtures in the chapter test modules (test_background,
test_phases, ...); what this module asserts is what the book says about the data: counts, dates,
names and quotations of the real data package, chapter by chapter, and the state of its evidence
and review. A test here is named after its chapter (test_<chapter>_...).
"""

from __future__ import annotations

import re

import matplotlib
import pandas as pd
import pytest
from conftest import sources_path_or_skip

matplotlib.use("Agg")

from tajik_peace import evidence, figures, maps
from tajik_peace.chapters import background, chronology, conclusion, phases, russia
from tajik_peace.chapters import ceasefires as cf
from tajik_peace.chapters import mediation as network
from tajik_peace.chapters import phase_history as ph
from tajik_peace.chapters import power_sharing as ps
from tajik_peace.chapters import source_comparison as comparison
from tajik_peace.dates import format_span
from tajik_peace.records import UnknownIdError
from tajik_peace.reliability import SAMPLE_SIZE
from tajik_peace.validate import ATTESTED_TABLES

D = pd.Timestamp
REAL_A, REAL_I = "adamishin2012", "iji"  # the source ids of data/sources.csv
PHASE_NAMES = [
    "Diagnostic phase",
    "First formula phase",
    "Second formula phase",
    "Third formula phase",
    "Detail phase",
]


@pytest.fixture(scope="module")
def real(real_dataset):
    """The real dataset (loaded once for the session by conftest.py; read-only use)."""
    return real_dataset


# ==== the evidence and its review (book/data.ipynb) ==============================================


def test_every_record_had_the_independent_review(real_dataset):
    reviewed = {
        (str(t), str(r))
        for t, r in zip(
            real_dataset.second_review["table"], real_dataset.second_review["record_id"]
        )
    }
    missing = [
        (t, str(rid))
        for t in ATTESTED_TABLES
        for rid in real_dataset[t].index
        if (t, str(rid)) not in reviewed
    ]
    assert not missing, f"records without an independent review: {missing[:10]}"


def test_the_double_coding_sample_is_large_enough(real_dataset):
    s = evidence.summary(real_dataset)
    assert s["sample_records"] == SAMPLE_SIZE
    assert s["sample_records_counted"] >= 60


def test_every_disagreement_in_the_sample_is_settled_with_a_reason(real_dataset):
    dc = real_dataset.double_coding.reset_index()
    disagree = dc[
        dc["first_coder"].fillna("").str.casefold() != dc["second_coder"].fillna("").str.casefold()
    ]
    assert (disagree["settlement"].astype(str) != "agreed").all()
    assert disagree["note"].notna().all()
    agreed = dc[dc["settlement"].astype(str) == "agreed"]
    assert (
        agreed["first_coder"].fillna("").str.casefold()
        == agreed["second_coder"].fillna("").str.casefold()
    ).all()


def test_corrections_settled_by_the_double_coding_are_logged(real_dataset):
    dc = real_dataset.double_coding.reset_index()
    corrected = set(dc.loc[dc["settlement"].astype(str) == "dataset_corrected", "record_id"])
    log = real_dataset.review_log
    logged = set(log.loc[log["pass"].astype(str) == "double-coding", "record_id"])
    assert corrected and corrected <= logged, corrected - logged


# ==== background.ipynb: the war and its background ============================================


def test_background_sources_of_and_sources_text(real):
    assert background.sources_of(real, "events", "khujand_session_1992") == ["adamishin2012"]
    assert background.sources_of(real, "events", "dushanbe_storming_1992") == [
        "adamishin2012",
        "iji",
    ]
    assert background.sources_of(real, "events", "no_such_event") == []
    assert background.sources_text(real, ["adamishin2012", "iji"]) == "Adamishin; Iji"
    assert background.sources_text(real, []) == ""
    assert background.source_marks(real) == {"adamishin2012": "A", "iji": "I"}


def test_background_pre_talks_events_window(real):
    ev = background.pre_talks_events(real)
    ids = list(ev["event_id"])
    assert ids[0] == "election_president_1991"  # the period opens with the November 1991 election
    assert "tajik_ssr_creation_1929" not in ids  # context before the window, not an event of it
    assert {
        "khujand_session_1992",
        "dushanbe_storming_1992",
        "border_outpost_attack_1993",
        "central_asia_summit_moscow_1993",
    } <= set(ids)
    assert "primakov_nuri_1993" not in ids  # November 1993: after the early diagnostic months
    assert "round1_moscow_1994" not in ids
    assert list(ev["date_start"]) == sorted(ev["date_start"])
    assert set(ev["period"]) == {"before talks", "diagnostic"}
    assert (
        ev.loc[ev["period"] == "diagnostic", "date_start"] <= background.EARLY_DIAGNOSTIC_END
    ).all()
    storm = ev.set_index("event_id").loc["dushanbe_storming_1992"]
    assert (storm["span_start"], storm["span_end"]) == (D("1992-12-01"), D("1992-12-31"))


def test_background_events_table(real):
    t = background.events_table(real)
    assert list(t.columns) == ["Date", "Kind", "Event", "Place", "Period", "Sources"]
    khujand = t[t["Event"] == "Khujand session of the Supreme Soviet"].iloc[0]
    assert (khujand["Date"], khujand["Kind"], khujand["Place"]) == (
        "16–29 November 1992",
        "Political",
        "Khujand",
    )
    assert khujand["Sources"] == "Adamishin"
    first = t.iloc[0]
    assert (first["Date"], first["Kind"], first["Place"]) == (
        "November 1991",
        "Election",
        "",
    )  # no venue: empty
    assert not t.isna().any().any()


def test_background_events_by_kind(real):
    t = background.events_by_kind(real).set_index("Kind")
    ev = background.pre_talks_events(real)
    assert t["Total"].sum() == len(ev)
    assert (t["Before the talks"] + t["Early diagnostic phase"] == t["Total"]).all()
    assert t.loc["Election", "Total"] == 1  # only the 1991 presidential election
    assert (
        t.loc["Summit", "Before the talks"] == 0 and t.loc["Summit", "Early diagnostic phase"] == 1
    )
    assert list(t.index)[:3] == ["Election", "Political", "Military"]  # codebook-derived order


def test_background_plot_timeline(real):
    fig = background.plot_timeline(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Date")
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    texts = [t.get_text() for t in ax.texts]
    assert "Khujand session of the Supreme Soviet [A]" in texts
    assert "Popular Front storms Dushanbe [A, I]" in texts
    assert "Diagnostic phase opens" in texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == ["Election", "Political", "Military"]


def test_background_roll_up_and_outside_backer_on_real_actors(real):
    assert background.roll_up("kozyrev", real.actors) == "russia"
    assert (
        background.roll_up("ashurov", real.actors) == "russia"
    )  # division commander -> division -> MoD
    assert background.roll_up("karimov", real.actors) == "uzbekistan"
    assert background.outside_backer("division_201", real.actors) == "russia"
    assert background.outside_backer("rahmonov", real.actors) is None  # home state: not rolled up
    assert background.outside_backer("kulyabis", real.actors) is None


def test_background_backing_relations_and_table(real):
    rel = background.backing_relations(real)
    assert set(rel["relation"]) <= set(background.BACKING_RELATIONS)
    assert set(rel["period"]) == {"before talks", "diagnostic"}
    by_id = rel.set_index("relation_id")
    # Both sources say Uzbekistan armed the Popular Front; only Iji says Russia aided it.
    assert by_id.loc["uzbekistan-arming-popular-front-1992", "sources"] == ["adamishin2012", "iji"]
    assert by_id.loc["russia-support-popular-front-1992", "sources"] == ["iji"]
    assert by_id.loc["kozyrev-support-iskandarov-1992", "from_state"] == "russia"
    assert "adamishin-persuasion-uto-1994" not in by_id.index  # persuasion is not backing
    t = background.backing_table(real)
    assert list(t.columns) == ["Date", "Actor", "Relation", "Acted on", "Period", "Sources"]
    row = t[t["Actor"] == "Andrei Kozyrev (Russia)"].iloc[0]
    assert (row["Relation"], row["Acted on"]) == ("supported", "Akbarsho Iskandarov")
    assert (
        (t["Actor"] == "Uzbekistan")
        & (t["Relation"] == "armed")
        & (t["Acted on"] == "Popular Front")
    ).any()


def test_background_backing_table_by_period(real):
    before = background.backing_table(real, period="before talks")
    diag = background.backing_table(real, period="diagnostic")
    assert "Period" not in before.columns
    assert len(before) + len(diag) == len(background.backing_table(real))
    assert set(diag["Date"]) >= {"13 July 1993"}  # the attack on the 12th outpost
    assert "13 July 1993" not in set(before["Date"])


def test_background_outside_backing(real):
    t = background.outside_backing(real).set_index("Outside state")
    assert list(t.columns) == ["Supported", "Armed", "Hostile to"]
    assert {"Russia", "Uzbekistan", "Iran"} == set(t.index)
    assert t.loc["Uzbekistan", "Armed"] == "Popular Front; Kulobis (Kulyabis)"
    assert t.loc["Russia", "Armed"] == ""  # no source says Russia armed anyone before the talks
    assert "Popular Front" in t.loc["Russia", "Supported"]  # Iji's "apparently aided"
    assert "Akbarsho Iskandarov" in t.loc["Russia", "Supported"]
    assert t.loc["Iran", "Supported"] == "Tajik Islamists"
    assert (
        t.loc["Uzbekistan", "Hostile to"] == "Russia; Emomali Rahmonov"
    )  # Karimov's lecture; 1993


def test_background_map_places(real):
    pl = background.map_places(real)
    ids = set(pl["place_id"])
    assert {
        "dushanbe",
        "khujand",
        "kulob",
        "qurghonteppa",
        "gharm",
        "gorno_badakhshan",
        "leninabad_region",
        "tashkent",
    } <= ids
    assert not ids & {
        "moscow",
        "tehran",
        "almaty",
        "shakhidon_square",
        "tajikistan",
    }  # far away, site, country
    assert list(pl["kind"]) == sorted(pl["kind"], key=background.MAP_KINDS.index)
    west, east, south, north = background.MAP_BOUNDS
    assert pl["longitude"].between(west, east).all() and pl["latitude"].between(south, north).all()


def test_background_places_table_on_real_data(real):
    t = background.places_table(real).set_index("Place")
    assert t.loc["Qurghonteppa", "Spellings in the sources"] == "Qurghonteppa; Kurgan-Tyube"
    assert t.loc["Dushanbe", "Uncertainty (deg)"] == "0.01"


def test_background_map_names_the_places_and_the_venues(real):
    fig = background.plot_map(real)
    texts = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert {"Dushanbe", "Khujand", "Kulob", "Gharm", "Gorno-Badakhshan"} <= texts
    # the venue panel labels each venue with its number of meetings, from the data
    venues = maps.venue_counts(real)
    for r in venues.itertuples(index=False):
        assert any(t.startswith(f"{r.name} {r.meetings}") for t in texts), r.name
    assert "coder" in maps.MAP_ALT and "river" in maps.MAP_ALT


def test_background_cost_table(real):
    t = background.cost_table(real)
    assert list(t.columns) == ["Group", "What is counted", "Figure", "Qualifier", "When", "Source"]
    killed = t[t["What is counted"] == "People killed in the civil war"].iloc[0]
    assert (killed["Figure"], killed["Qualifier"], killed["When"]) == (
        "over 60,000 people",
        "over",
        "undated",
    )
    assert killed["Source"] == "Adamishin, para. 51"
    outpost = t[t["What is counted"].str.startswith("Border guards killed")].iloc[0]
    assert (outpost["Figure"], outpost["When"]) == ("25 people", "13 July 1993")
    assert list(t["Group"].unique()) == ["Whole war", "1992-93 episodes", "Forces and stakes"]


def test_background_cost_summary(real):
    s = background.cost_summary(real)
    assert s["killed"] == "over 60,000 people"
    assert s["missing"] == "100,000 people" and s["orphans"] == "55,000 people"
    assert s["casualty_total_sources"] == "Adamishin" and s["n_casualty_total_sources"] == 1
    assert (
        s["n_casualty_totals_dated"] == 0 and s["n_casualty_totals"] == 3
    )  # the totals are undated
    assert s["cost_table_sources"] == "Adamishin"  # Iji gives no casualty or force figure
    assert (s["outpost_killed"], s["outpost_garrison"]) == ("25 people", "51 people")
    assert s["border_contingent"] == "16,000 people"


def test_background_discrepancies_table(real):
    t = background.discrepancies_table(real)
    assert list(t.columns) == ["Point", "Adamishin", "Iji"]
    assert list(t["Point"]) == list(background.BACKGROUND_DISCREPANCIES.values())
    aid = t.set_index("Point").loc["Russian aid to the Popular Front"]
    assert "Uzbekistan" in aid["Adamishin"] and "apparently" in aid["Iji"]


def test_background_summary(real):
    s = background.summary(real)
    assert s["n_events"] == s["n_events_before"] + s["n_events_diagnostic"]
    assert (
        s["n_events"] == s["n_events_adamishin_only"] + s["n_events_iji_only"] + s["n_events_both"]
    )
    assert (
        s["n_events_adamishin_only"] > s["n_events_iji_only"]
    )  # the period is told mostly by Adamishin
    assert (
        s["n_backing"]
        == s["n_backing_adamishin_only"] + s["n_backing_iji_only"] + s["n_backing_both"]
    )
    assert s["date_khujand"] == "16 November 1992"
    assert s["date_election"] == "November 1991"
    assert s["date_border_attack"] == "13 July 1993"
    assert s["date_moscow_summit"] == "7 August 1993"
    assert s["diagnostic_start"] == "c. July 1993"
    assert s["date_ssr"] == "1929"
    assert s["n_uzbekistan_relations"] >= 4


# ==== chronology.ipynb: the rounds of talks ===================================================


def test_chronology_phase_frame_is_in_order_with_the_id_as_a_column(real):
    frame = chronology.phase_frame(real)
    assert list(frame["phase_id"]) == [
        "diagnostic",
        "formula_1",
        "formula_2",
        "formula_3",
        "detail",
    ]
    assert frame["order"].is_monotonic_increasing


def test_chronology_shade_phases_shades_every_phase_and_labels_only_inside_the_window(real):
    from matplotlib.figure import Figure

    phases = chronology.phase_frame(real)
    fig = Figure()
    ax = fig.add_subplot()
    ax.set_title("A title", loc="left")
    chronology.shade_phases(
        ax, phases, xlim=(pd.Timestamp("1995-06-01"), pd.Timestamp("1997-12-31"))
    )
    assert len(ax.patches) == len(phases)  # one band per phase
    labels = [t.get_text() for t in ax.texts]
    assert (
        "Diagnostic phase" not in labels and "First formula phase" not in labels
    )  # outside the window
    assert {"Second formula phase", "Third formula phase", "Detail phase"} <= set(labels)
    assert ax.title.get_text() == "" and ax._left_title.get_text() == "A title"


def test_chronology_meetings_of_the_two_sides_real(real):
    t = chronology.rounds_table(real)
    assert "7 August 1993" not in set(t["Dates"]) and "19 January 1996" not in set(t["Dates"])
    assert "9–17 October 1996" in set(t["Dates"])  # the experts' meeting in Tehran
    other = chronology.other_meetings_table(real)
    assert list(other["Dates"]) == ["7 August 1993", "19 January 1996"]
    s = chronology.summary(real)
    assert s["n_meetings"] == len(t) == 20 and s["n_other_meetings"] == 2
    assert s["longest_gap_days"] == 181  # 20 October 1994 -> 19 April 1995
    assert s["longest_gap_from"] == "Round 3 (20 October 1994)"
    assert s["longest_gap_to"] == "the consultation of 19 April 1995"


def test_chronology_shade_phases_without_labels_writes_no_text(real):
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    chronology.shade_phases(ax, chronology.phase_frame(real), label=False)
    assert not ax.texts and len(ax.patches) == 5


def test_chronology_timeline_labels_match_the_alt_text(real):
    """The venues, and the summits split by who attended, that TIMELINE_ALT names."""
    v = chronology.venue_labels(real)
    rounds = v.loc[v["kind"] == "round", "label"].tolist()
    assert rounds == [
        "1 Moscow",
        "2 Tehran",
        "3 Islamabad",
        "4 Almaty",
        "5.1 Ashgabat",
        "5.2 Ashgabat",
        "5.3 Ashgabat",
        "6 Tehran",
        "7 Moscow",
        "8.1 Tehran",
        "8.2 Tehran",
    ]
    assert v.loc[v["kind"] == "consultation", "label"].tolist() == ["Tehran", "Moscow"]
    assert v.loc[v["kind"] == "expert_meeting", "label"].tolist() == ["Tehran"]
    summits = v[v["kind"] == "summit"]
    assert summits.loc[summits["leaders"], "label"].tolist() == [
        "Kabul",
        "Tehran",
        "Khusdeh",
        "Moscow",
        "Mashhad",
        "Bishkek",
    ]
    assert summits.loc[~summits["leaders"], "event_id"].tolist() == [
        "central_asia_summit_moscow_1993",
        "cis_summit_moscow_1996",
    ]
    assert (v["label"] != "").all()  # every meeting has its venue
    fig = chronology.plot_timeline(real)
    ax = fig.axes[0]
    written = [t.get_text() for t in ax.texts]
    assert all(label in written for label in v["label"])
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []
    assert figures.registered()["timeline"].alt == chronology.TIMELINE_ALT.strip()


# ==== phases.ipynb: the phases of the negotiation =============================================


def test_phases_phase_table_real(real):
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


def test_phases_phase_quotes_real_come_from_iji_at_the_phase_sections(real):
    q = phases.phase_quotes(real)
    assert list(q["Phase"]) == PHASE_NAMES
    assert q["In the source's words"].str.startswith("\u201c").all()
    assert q["In the source's words"].str.endswith("\u201d").all()
    for (pid, section), where in zip(phases.PHASE_SECTIONS.items(), q["Where"]):
        assert where == f"Iji, {section}", pid
    assert "deadlock" in q.iloc[2]["In the source's words"]
    assert "crises and breakthroughs" in q.iloc[3]["In the source's words"]


def test_phases_defining_quotes_exist_and_belong_to_their_phase(real):
    att = real.attestations
    for pid, aid in phases.DEFINING_QUOTES.items():
        assert aid in att.index
        assert (att.loc[aid, "table"], att.loc[aid, "record_id"], att.loc[aid, "source_id"]) == (
            "phases",
            pid,
            "iji",
        )
        assert len(att.loc[aid, "quote"].split()) <= 40


def test_phases_topic_matrix_real(real):
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


def test_phases_agreements_by_phase_real(real):
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


def test_phases_plot_topic_heatmap(real):
    fig = phases.plot_topic_heatmap(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel().startswith("Phase") and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert ax.images[0].get_cmap() is phases.COUNT_CMAP  # white for none, blue for the most
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 5 * len(phases.TOPICS) and "4" in cells  # every cell is written
    m = phases.topic_matrix(real)
    assert cells.count("0") == int((m.to_numpy() == 0).sum()) == 27
    # the alt text's numbers
    assert list(m.loc["Power-sharing"]) == [0, 0, 1, 2, 4]
    assert m.loc["Ceasefire", "First formula phase"] == 3
    assert m.loc["Guarantees"].tolist() == [0, 0, 0, 0, 2]
    assert list(phases.agreements_by_phase(real).set_index("Topic").loc[phases.DOCUMENTS_ROW]) == [
        5,
        5,
        3,
        4,
        8,
    ]
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "Detail phase\n(8)"


def test_phases_proposals_by_phase_real(real):
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
    # the CNR as an authoritative body was only agreed in principle in Tehran (Iji): partial
    assert t.loc["Third formula phase", "Accepted"] == 0
    assert t["Total"].sum() == len(real.proposals)


def test_phases_meeting_levels_real(real):
    t = phases.meeting_levels(real).set_index("Phase")
    leaders = phases.LEVEL_LABELS["leaders_summit"]
    assert list(t[leaders]) == [0, 1, 1, 2, 2]  # Kabul; Tehran; Khusdeh, Moscow; Mashhad, Bishkek
    # summits of states without the opposition (Moscow 1993, CIS 1996) are not meetings of the
    # two sides: no "other summits" column is left
    assert phases.LEVEL_LABELS["other_summit"] not in t
    assert list(t["Total"]) == [0, 6, 3, 5, 6]
    assert (
        t.loc["Detail phase", phases.LEVEL_LABELS["round"]] == 4
    )  # rounds 6, 7 and 8 in two parts
    assert t.loc["Third formula phase", phases.LEVEL_LABELS["expert_meeting"]] == 1
    assert t.loc["First formula phase", phases.LEVEL_LABELS["consultation"]] == 2
    assert (t["Total"] == t.drop(columns="Total").sum(axis=1)).all()


def test_phases_plot_meeting_levels(real):
    fig = phases.plot_meeting_levels(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    shown = [lv for lv in phases.LEVELS if lv != "other_summit"]  # no summit of states
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        phases.LEVEL_LABELS[lv] for lv in shown
    ]
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) == len(shown)  # each level has its own hatch for greyscale print
    assert ax.get_yticklabels()[0].get_text() == "Diagnostic phase\n(9.1 months)"


def test_phases_source_coverage_real(real):
    t = phases.source_coverage(real).set_index("Phase")
    assert (
        t.loc["Third formula phase", "Iji only"] == t.loc["Third formula phase", "Records"]
    )  # Iji alone
    assert t.loc["Diagnostic phase", "Adamishin only"] >= 1
    assert (t["Iji only"] + t["Adamishin only"] + t["Both"] == t["Records"]).all()


def test_phases_phase_discrepancies(real):
    t = phases.phase_discrepancies(real)
    assert len(t) == len(phases.PHASE_DISCREPANCIES)
    assert "mid-1993" in t.iloc[0]["The other account"]


def test_phases_summary_real(real):
    s = phases.summary(real)
    assert s["n_phases"] == 5
    assert (
        s["n_agreements_before_phases"] == 3
    )  # the 1992 agreements on the Russian/CIS military presence
    assert s["n_leaders_summits"] == 6 and s["n_leaders_summits_later"] == 4
    assert s["n_leaders_summits_earlier"] == 2
    assert s["first_leaders_summit"] == "17 May 1995"  # Kabul
    assert s["leaders_summit_share_later"] == round(100 * 4 / 11)  # CIS summit 1996 not counted
    assert s["longest_phase"] == "First formula phase" and s["shortest_phase"] == "Detail phase"
    assert s["start_detail"] == "6 January 1997" and s["start_diagnostic"] == "c. July 1993"
    assert s["end_formula_2"] == "c. December 1995"
    assert s["n_proposals"] == 19 and s["n_proposals_accepted"] == 2  # both at Mashhad, 1997
    assert s["power_sharing_detail"] == 4 and s["both_sides_diagnostic"] == 0


def test_phases_notes_render_a_markdown_list_with_source(real):
    quotes = phases.quote_notes(real)
    assert len(quotes.items) == 5
    first = re.sub(r"\\(.)", r"\1", quotes.items[0])  # the data are escaped; read them back
    assert first.startswith("**Diagnostic phase.** \u201cit was a shift in Russian policy")
    assert first.endswith("(Iji, Lead-up to Negotiations: The Diagnostic Phase)")
    md = phases.discrepancy_notes(real)._repr_markdown_()
    assert md.count("\n- ") == len(phases.PHASE_DISCREPANCIES) - 1 and "*Assessment:*" in md
    assert md.rstrip().endswith(f"*{phases.escape_markdown(figures.DATASET_SOURCE)}*")


# ==== power_sharing.ipynb: power-sharing proposals ============================================


def test_power_sharing_real_proposals_and_table(real):
    p = ps.proposals(real).set_index("proposal_id")
    assert len(p) == 19
    almaty = p.loc["council_national_accord_1995"]
    assert (almaty["government_share"], almaty["opposition_share"], almaty["other_share"]) == (
        40,
        40,
        20,
    )
    assert p.loc["state_soviet_5050_1994", "outcome"] == "rejected"
    assert p.loc["commission_of_reconciliation_1996", "powers"] == "advisory"
    t = ps.proposals_table(real)
    first = t.iloc[0]
    assert (first["Date"], first["Proposer"], first["Seats and shares (%)"]) == (
        "April 1994",
        "UTO",
        "gov. 50, opp. 50",
    )
    jan = t[t["Date"] == "January 1997"]
    assert list(jan["Proposer"]) == ["UTO", "Government", "Joint"]  # Iji's order
    assert list(jan["Seats and shares (%)"]) == [
        "40 seats: gov. 40, opp. 40, others 20",
        "17 seats: gov. 80, opp. 20",
        "27 seats",
    ]


def test_power_sharing_real_proposals_table_in_two_parts_covers_every_proposal(real):
    formula = ps.proposals_table(real, phases=["formula_1", "formula_2", "formula_3"])
    detail = ps.proposals_table(real, phases=["detail"])
    assert (len(formula), len(detail)) == (12, 7)
    assert pd.concat([formula, detail], ignore_index=True).equals(ps.proposals_table(real))


def test_power_sharing_real_convergence(real):
    c = ps.convergence(real).set_index("event_id")
    assert list(c.index) == [
        "round1_moscow_1994",
        "round4_almaty_1995",
        "round6_tehran_1997",
        "summit_mashhad_1997",
    ]
    assert c.loc["round1_moscow_1994", "uto"] == 50
    tehran = c.loc["round6_tehran_1997"]
    assert (tehran["uto"], tehran["government"], tehran["gap"]) == (40, 20, 20)
    assert c.loc["summit_mashhad_1997", "agreed"] == 50
    assert c["gap"].notna().sum() == 1  # both sides gave figures at one meeting only


def test_power_sharing_real_powers(real):
    t = ps.powers_by_phase(real).set_index("Phase")
    assert t.loc["Third formula phase", "Government"] == "Advisory, Consultative"
    assert set(t["UTO (opposition)"]) == {
        "",
        "Transitional (real powers)",
    }  # the UTO never asked for less
    assert t.loc["Detail phase"].tolist() == ["Transitional (real powers)"] * 3  # all on the CNR


def test_power_sharing_real_share_figure_matches_its_alt_text(real):
    """Every number the alt text of the stacked-share figure states is in the drawn rows."""
    rows = ps.share_rows(real)
    n_all = len(ps.proposals(real))
    assert len(rows) == 6 and n_all - len(rows) == 13  # "the other 13 proposals give no share"
    got = [
        (r.proposer, r.government_share, r.opposition_share, r.other_share)
        for r in rows.itertuples(index=False)
    ]
    nan = float("nan")
    want = [
        ("uto", 50, 50, nan),
        ("uto", 40, 40, 20),
        ("uto", 40, 40, 20),
        ("tajik_government", 80, 20, nan),
        ("tajik_parties", 50, 50, 0),
        ("tajik_parties", nan, 30, nan),
    ]
    for g, w in zip(got, want):
        assert g[0] == w[0]
        for a, b in zip(g[1:], w[1:]):
            assert (pd.isna(a) and pd.isna(b)) or a == b, (g, w)
    assert list(rows["unstated"]) == [0, 0, 0, 0, 0, 70]
    assert "Mashhad" in rows["label"].iloc[-1] and rows["posts"].iloc[-1]
    assert "The other 13 proposals give no share" in ps.SHARES_ALT
    fig = ps.plot_shares(real)
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []


def test_power_sharing_real_agreements_and_discrepancy(real):
    a = ps.power_sharing_agreements(real)
    assert {"protocol_cnr_1996", "statute_cnr_1997", "mashhad_executive_posts_1997"} <= set(
        a["agreement_id"]
    )
    assert a["date_signed"].is_monotonic_increasing
    d = ps.discrepancy_table(real)
    assert d.iloc[0]["Who"] == "Adamishin (2012)" and "executive" in d.iloc[1]["What"]


def test_power_sharing_real_statistics_agree_with_proposals(real):
    t = ps.check_against_statistics(real)
    assert len(t) == len(ps.STATISTICS_FOR_PROPOSALS) and t["agrees"].all(), t[~t["agrees"]]


def test_power_sharing_real_summary(real):
    s = ps.summary(real)
    assert (s["uto_first_share"], s["uto_last_share"], s["uto_others_share"]) == ("50", "40", "20")
    assert (s["government_offer"], s["government_own_share"], s["gap_points"]) == ("20", "80", "20")
    assert s["government_first_figures"] == "January 1997"
    assert (s["agreed_share"], s["agreed_meeting"], s["quota_share"]) == (
        "50",
        "Summit, Mashhad",
        "30",
    )
    assert (s["seats_uto"], s["seats_government"], s["seats_agreed"], s["seats_final"]) == (
        40,
        17,
        27,
        26,
    )
    assert s["almaty_years"] == 2 and (s["transition_min_months"], s["transition_max_months"]) == (
        12,
        18,
    )
    assert s["n_uto_parity"] == s["n_uto_both_shares"] == 3
    assert s["government_weaker_bodies"] == 3
    assert (s["n_attested_iji"], s["n_attested_adamishin"]) == (19, 1)
    # the prose names the one proposal the memoir attests: the Mashhad quota of executive posts
    att = real.attestations
    by_adamishin = att[(att["table"] == "proposals") & (att["source_id"] == "adamishin2012")]
    assert set(by_adamishin["record_id"]) == {"executive_posts_30pct_1997"}


# ==== ceasefires.ipynb: ceasefires and their extensions =======================================


def test_ceasefires_chain_order_real(real):
    order = cf.chain_order(real)
    assert list(order["position"]) == list(range(1, 9))
    assert order["ceasefire_id"].iloc[0] == "ceasefire_tehran_1994"
    assert order["ceasefire_id"].iloc[-1] == "ceasefire_dec_1996"
    # each record extends the one before it
    assert list(order["extends"].iloc[1:]) == list(order["ceasefire_id"].iloc[:-1])


def test_ceasefires_chain_table_real(real):
    t = cf.chain_table(real)
    assert list(t.columns) == ["No.", "Agreed", "At", "Extends no.", "Term as the source gives it"]
    rows = t.set_index("No.")
    assert rows.loc[1, "Extends no."] == "" and rows.loc[1, "Agreed"] == "17 Sep 1994"
    assert rows.loc[1, "At"] == "Inter-Tajik consultative meeting in Tehran"
    assert (
        rows.loc[2, "Agreed"] == "20 Oct – 1 Nov 1994"
    )  # approximate record, narrowed by the round
    assert (
        rows.loc[2, "Term as the source gives it"] == "until February 1995"
    )  # Islamabad, coded month
    assert (
        rows.loc[4, "Extends no."] == 3
        and rows.loc[4, "Term as the source gives it"] == "another three months"
    )
    assert rows.loc[6, "Agreed"] == "c. Mar–Jun 1996"  # not narrowed: the codebook's four months
    assert rows.loc[6, "Term as the source gives it"] == "not stated"
    assert (
        rows.loc[8, "Term as the source gives it"]
        == "for the entire duration of inter-Tajik negotiations"
    )


def test_ceasefires_agreed_window_real(real):
    events = real.events
    kabul = (
        cf.chain_order(real)
        .set_index("ceasefire_id")
        .loc[["ceasefire_ext_kabul_1995"]]
        .reset_index()
    )
    row = next(kabul.itertuples(index=False))
    assert cf.agreed_window(row, events) == (D("1995-05-17"), D("1995-05-19"))


def test_ceasefires_validity_periods_real(real):
    v = cf.validity_periods(real).set_index("ceasefire_id")
    tehran = v.loc["ceasefire_tehran_1994"]
    assert tehran["basis"] == "stated"
    assert (tehran["start_from"], tehran["end_to"]) == (D("1994-10-20"), D("1994-11-06"))
    kabul = v.loc["ceasefire_ext_kabul_1995"]
    assert kabul["basis"] == "derived" and kabul["duration"] == cf.Duration(3, "month")
    # three months from 17-19 May, or from the end of the Moscow month (derived: 19-30 May)
    assert (kabul["end_from"], kabul["end_to"]) == (D("1995-08-17"), D("1995-08-25"))
    aug = v.loc["ceasefire_ext_aug_1995"]
    assert (aug["end_from"], aug["end_to"]) == (D("1996-02-01"), D("1996-02-29"))
    assert (
        v.loc["ceasefire_ext_july_1996", "basis"] == "stated"
    )  # valid_until wins over the wording
    assert v.loc["ceasefire_dec_1996", "basis"] == "condition"
    assert v.loc["ceasefire_ext_1996_undated", "basis"] == "unknown"
    assert v["basis"].value_counts().to_dict() == {
        "stated": 3,
        "derived": 3,
        "condition": 1,
        "unknown": 1,
    }


def test_ceasefires_validity_table_labels_derived_values(real):
    t = cf.validity_table(real).set_index("No.")
    assert list(t.columns) == ["Record", "From", "Term in the source", "Duration read", "Expiry"]
    assert t.loc[1, "From"] == "20 Oct 1994" and t.loc[1, "Expiry"] == "6 Nov 1994"
    assert t.loc[3, "Expiry"] == "derived: 19–25 May 1995"
    assert (
        t.loc[4, "Expiry"] == "derived: 17–25 Aug 1995" and t.loc[4, "Duration read"] == "3 months"
    )
    assert t.loc[6, "Expiry"] == "unknown" and t.loc[6, "Duration read"] == ""
    assert t.loc[8, "Expiry"] == "open-ended (no date)"
    stated = t.loc[[1, 2, 7], "Expiry"]
    assert not stated.str.contains("derived").any()  # coded dates are never labelled derived
    assert t.loc[2, "From"].startswith(
        "agreed "
    )  # no effective_from: the agreement is shown as such


def test_ceasefires_observation_window_and_coverage_real(real):
    start, end = cf.observation_window(real)
    assert (start, end) == (
        D("1994-04-05"),
        D("1997-06-27"),
    )  # first round to the General Agreement
    runs = cf.coverage(real)
    assert runs["start"].iloc[0] == start and runs["end"].iloc[-1] == end
    assert runs["days"].sum() == (end - start).days + 1
    assert (
        runs["start"].iloc[1:].to_numpy()
        == (runs["end"].iloc[:-1] + pd.Timedelta(days=1)).to_numpy()
    ).all()
    first = runs.iloc[0]
    assert first["status"] == "none" and first["end"] == D(
        "1994-10-19"
    )  # until the Tehran ceasefire
    assert runs.iloc[1]["start"] == D("1994-10-20") and runs.iloc[1]["status"] == "stated"
    assert runs.iloc[-1]["status"] == "condition" and runs.iloc[-1]["start"] == D("1996-12-23")
    g = cf.gaps(runs).sort_values("start")
    assert list(g["start"]) == [D("1994-04-05"), D("1995-03-01")]
    assert list(g["end"]) == [D("1994-10-19"), D("1995-04-18")]


def test_ceasefires_coverage_table_real(real):
    t = cf.coverage_table(real)
    assert list(t.columns) == ["From", "To", "Days", "Status", "Phase at start"]
    assert t.iloc[0].to_dict() == {
        "From": "5 Apr 1994",
        "To": "19 Oct 1994",
        "Days": 198,
        "Status": "No ceasefire known",
        "Phase at start": "First formula phase",
    }
    assert set(t["Status"]) <= set(cf.STATUS_LABELS.values())


def test_ceasefires_military_events_and_table_real(real):
    ev = cf.military_events(real)
    assert list(ev["number"]) == list(range(1, len(ev) + 1))
    assert ev["date_start"].is_monotonic_increasing
    assert "border_outpost_attack_1993" not in set(ev["event_id"])  # before the talks
    assert ev["event_id"].iloc[-1] == "khudoiberdyev_crisis_1997"
    t = cf.military_table(real).set_index("No.")
    assert list(t.columns) == ["Dates", "Event", "Phase", "Ceasefire then"]
    last = t.loc[len(t)]
    assert (
        last["Event"] == "Khudoiberdyev crisis in Tursunzade" and last["Dates"] == "c. Jan–Feb 1997"
    )
    assert last["Phase"] == "Detail phase" and last["Ceasefire then"] == "in force"
    assert t.loc[1, "Dates"] == "c. Jul–Aug 1994"
    assert (
        t.loc[1, "Ceasefire then"] == "none known"
    )  # the 1994 offensive came before any ceasefire
    april = t[t["Event"].str.contains("April 1995")].iloc[0]
    assert april["Ceasefire then"] == "in force, possibly, none known"


def test_ceasefires_agreements_real(real):
    ag = cf.ceasefire_agreements(real)
    assert ag["agreement_id"].iloc[0] == "tehran_ceasefire_agreement_1994"
    assert "khusdeh_pledge_1996" in set(ag["agreement_id"])
    assert ag["date_signed"].is_monotonic_increasing
    t = cf.agreements_table(real)
    assert list(t.columns) == ["Agreement", "Date", "Parties", "Other topics"]
    khusdeh = t[t["Agreement"] == "Khusdeh agreement"].iloc[0]
    assert khusdeh["Date"] == "23 Dec 1996" and "power sharing" in khusdeh["Other topics"]
    assert khusdeh["Parties"] == "Rahmonov, Nuri"
    assert "ceasefire" not in " ".join(t["Other topics"])
    assert t.iloc[0]["Parties"] == "government, UTO"


def test_ceasefires_relations_real(real):
    rel = cf.ceasefire_relations(real)
    assert set(rel["event_id"]) <= set(real.ceasefires["event_id"])
    t = cf.relations_table(real)
    assert list(t.columns) == ["No.", "Meeting", "Relation", "Actor", "On"]
    tehran = t[t["No."] == 1]
    assert set(tehran["Meeting"]) == {"Tehran"}
    assert list(zip(tehran["Relation"], tehran["Actor"], tehran["On"])) == [
        ("pressure", "Iran", "UTO"),
        ("pressure", "Russia", "government"),
        ("persuasion", "Chernishev", "government"),
        ("persuasion", "Vaezi", "UTO"),
        ("hosting", "Iran", "government, UTO"),
    ]
    kabul = t[t["No."] == 4].set_index("Relation")
    assert (
        kabul.loc["facilitation", "Actor"] == "Rabbani"
        and kabul.loc["hosting", "Actor"] == "Afghanistan"
    )
    august = t[t["No."] == 5]  # no venue given: the meeting is named by its title, never its id
    assert list(zip(august["Meeting"], august["Relation"], august["Actor"])) == [
        ("Signing of the Protocol on Fundamental Principles", "mediation", "Piriz-Ballon")
    ]
    assert "support" not in set(
        t["Relation"]
    )  # Russian support at Ashgabat is not action on both sides
    assert list(t["No."]) == sorted(t["No."])


def test_ceasefires_discrepancies_table_real(real):
    t = cf.discrepancies_table(real)
    assert list(t.columns) == ["Adamishin (2012)", "Iji (n.d.)", "Reconciliation"]
    assert len(t) == len(cf.DISCREPANCIES)
    obs = t.iloc[0]
    assert "October 1994" in obs["Adamishin (2012)"] and "UNMOT" in obs["Iji (n.d.)"]
    one = cf.discrepancies_table(real, ["un-observers-date"])
    assert len(one) == 1 and one.iloc[0]["Reconciliation"] == obs["Reconciliation"]
    with pytest.raises(UnknownIdError, match="no-such-row"):  # never skipped silently
        cf.discrepancies_table(real, ["no-such-row", "un-observers-date"])
    assert cf.discrepancies_table(real, []).empty


def test_ceasefires_summary_real(real):
    s = cf.summary(real)
    assert (s["n_records"], s["n_extensions"]) == (8, 7)
    assert (s["n_stated"], s["n_derived"], s["n_condition"], s["n_unknown"]) == (3, 3, 1, 1)
    assert s["first_agreed"] == "17 Sep 1994" and s["first_in_force"] == "20 Oct 1994"
    assert s["window_days"] == sum(s[f"days_{k}"] for k in cf.STATUSES) == 1180
    assert s["days_in_force"] == s["days_stated"] + s["days_derived"] + s["days_condition"]
    assert s["n_gaps"] == 2 and s["gap_1"] == "5 Apr 1994 – 19 Oct 1994" and s["gap_2_days"] == 49
    assert s["longest_gap_days"] == 198
    assert s["expiry_ceasefire_ext_kabul_1995"] == "17–25 Aug 1995"
    assert (s["n_military_events"], s["n_military_in_gap"]) == (8, 2)
    # the prose: Kabul, the Khusdeh initialling and the Khusdeh agreement are the leaders' ones;
    # the August 1995 protocol is coded political only and is not among them
    assert (s["n_ceasefire_agreements"], s["n_leader_ceasefire_agreements"]) == (5, 3)
    # the prose: the 1994 violations and the Ashgabat escalation are in the table, under a term
    mil = cf.military_table(real).set_index("Event")["Ceasefire then"]
    assert mil["Ceasefire violations on both sides"] == "in force"
    assert mil["Fighting escalates as the Ashgabat round opens"] == "in force"


def test_ceasefires_plot_coverage_real(real):
    fig = cf.plot_coverage(real)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() == "Date" and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert (
        ticks[-1] == "1. Ceasefire (Tehran)"
        and ticks[0] == "Military events"
        and "Gaps (computed)" in ticks
    )
    texts = {t.get_text() for t in ax.texts}
    assert {"?", "open-ended", "First formula phase", "Detail phase", "1", "6"} <= texts
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert cf.BASIS_LABELS["derived"] in legend and "No ceasefire known (computed gap)" in legend
    assert "ceasefires-coverage" in figures.registered()


# ==== mediation.ipynb: the mediators ==========================================================


def test_mediation_real_roll_up_matches_the_sources(real):
    units = network.actor_units(real)
    for person in ("kozyrev", "adamishin", "primakov", "pastukhov", "chernishev"):
        assert units[person] == "russia", person
    for person in ("piriz_ballon", "merrem", "kittani", "boutros_ghali", "un_mediation_team"):
        assert units[person] == "un", person
    for person in ("vaezi", "velayati"):
        assert units[person] == "iran", person
    assert units["rabbani"] == units["massoud"] == "afghanistan"
    assert units["rahmonov"] == units["samadov"] == "tajik_government"
    assert (
        units["dostiev"] == "tajik_government"
    )  # head of the government team at Tehran, Supreme Soviet
    assert units["nuri"] == units["turajonzoda"] == units["islamists"] == "uto"
    assert units["nazarbayev"] == "kazakhstan" and units["karimov"] == "uzbekistan"


def test_mediation_rollup_table_real(real):
    t = network.rollup_table(real)
    assert list(t.columns) == ["Actor", "Counted as", "Via"]
    assert len(t) <= 30  # a short table, so that the PDF can wrap its cells
    rows = t.set_index("Actor")
    assert rows.loc["Andrei Kozyrev"].to_dict() == {
        "Counted as": "Russia",
        "Via": "Russian Foreign Ministry",
    }
    assert rows.loc["Ramiro Piriz-Ballon"].to_dict() == {"Counted as": "UN", "Via": ""}
    assert rows.loc["Akbar Turajonzoda", "Via"] == "Movement for Islamic Revival in Tajikistan"
    # Iskandarov reaches the government through the state, which is merged into the side, not named
    assert rows.loc["Akbarsho Iskandarov"].to_dict() == {
        "Counted as": "Government",
        "Via": "Tajik Supreme Soviet (later Parliament)",
    }
    assert list(dict.fromkeys(t["Counted as"]))[:4] == [
        "Russia",
        "Iran",
        "UN",
        "Afghanistan",
    ]  # MEDIATORS order
    assert "UN mediation team" not in rows.index  # bodies only on request
    assert "UN mediation team" in set(network.rollup_table(real, kinds=("organisation",))["Actor"])


def test_mediation_real_relation_graph_khusdeh(real):
    g = network.relation_graph(real, phase="formula_3")
    assert g.has_edge("afghanistan", "uto", key="massoud-mediation-khusdeh-1996-nuri")
    assert (
        g["afghanistan"]["tajik_government"]["rabbani-mediation-khusdeh-1996-rahmonov"]["relation"]
        == "mediation"
    )
    everything = network.relation_graph(real)
    assert not everything.has_edge("russia", "russia")  # Adamishin persuading Kozyrev is internal
    raw = network.relation_graph(real, roll_up=False)
    assert raw.has_edge("adamishin", "kozyrev")


def test_mediation_real_relation_counts(real):
    c = network.relation_counts(real).set_index(["period", "mediator", "relation"])["count"]
    assert (
        c[("formula_3", "afghanistan", "mediation")] == 4
    )  # Rabbani and Massoud, each with both leaders
    assert c[("formula_2", "kazakhstan", "facilitation")] == 2  # Nazarbayev at Almaty
    assert c[("formula_1", "pakistan", "hosting")] == 2  # the Islamabad round, once per side
    assert not any(m in ("osce", "oic") for _, m, _ in c.index)


def test_mediation_real_leverage_targets_complementary_pressure(real):
    t = network.leverage_targets(real).set_index("Mediator")
    assert t.loc["Iran", "Government only"] == 0 and t.loc["Iran", "Both sides"] == 0
    assert (
        t.loc["Iran", "Opposition only"] >= 2
    )  # Tehran ceasefire 1994 (Vaezi), Moscow summit 1996
    assert t.loc["Russia", "Government only"] > t.loc["Russia", "Opposition only"]
    lev = network.leverage_relations(real).set_index("mediator")
    assert (
        lev.loc["russia", "government"] > lev.loc["russia", "opposition"] > 0
    )  # Primakov met Nuri
    assert lev.loc["iran", "government"] == 0


def test_mediation_real_centrality(real):
    c = network.centrality(real, network.MEDIATORS).set_index(["period", "mediator"])
    assert (c.xs("osce", level="mediator")["degree"] == 0).all()
    assert (c.xs("oic", level="mediator")["degree"] == 0).all()
    diag = c.xs("diagnostic", level="period")["degree"]
    assert diag.idxmax() == "russia"
    iran = c.xs("iran", level="mediator")
    assert (
        iran.loc["detail", "degree"] > 0 and iran.loc["detail", "degree_no_hosting"] == 0
    )  # only hosted


def test_mediation_real_side_matrix_matches_the_alt_text(real):
    """The claims of NETWORK_ALT, checked against the grid the figure draws."""
    cells = network.side_matrix_cells(real)
    parties = list(cells.index.get_level_values("mediator").drop_duplicates())
    assert parties == [
        "russia",
        "iran",
        "un",
        "afghanistan",
        "uzbekistan",
        "kazakhstan",
        "kyrgyzstan",
        "turkmenistan",
        "pakistan",
        "central_asian_states",
        "observer_states",
    ]  # the OSCE and the OIC have no relation with either side
    assert all(cells.loc[("russia", "government")])  # filled in every period
    assert cells.loc[("russia", "government"), "diagnostic"].startswith("L6")
    assert cells.loc[("russia", "opposition"), "diagnostic"].startswith("L2")
    m = network.side_matrix(real)
    iran = m[m["mediator"] == "iran"]
    assert set(iran.loc[iran["group"] == "leverage", "side"]) == {"opposition"}
    rel = network.rolled_relations(real)
    iran_rel = rel[(rel["from_unit"] == "iran") & rel["to_unit"].isin(network.SIDE_UNITS)]
    other = iran_rel[~iran_rel["relation"].isin(network.LEVERAGE_KINDS)]
    assert other["relation"].value_counts().to_dict() == {"hosting": 15, "support": 1}
    assert other.loc[other["relation"] == "support", "period"].tolist() == [network.PRE_TALKS]
    un = cells.loc["un"]
    same = [
        p for p in un.columns if un[p].any() and un.loc["government", p] == un.loc["opposition", p]
    ]
    assert len(same) == 3 and un.apply(lambda col: col.any()).sum() == 5
    back = network.sides_acting_on_mediators(real)
    assert len(back) == 2 and set(zip(back["from_unit"], back["to_unit"])) == {("uto", "russia")}
    assert "two relations from the opposition to Russia" in network.NETWORK_ALT
    fig = network.plot_network(real)
    assert fig.get_figwidth() <= figures.PRINT_WIDTH and figures.too_small_text(fig) == []


def test_mediation_real_source_coverage(real):
    t = network.source_coverage(real).set_index("Period")
    assert t["Relations"].sum() == len(real.relations)
    # Adamishin's memoir covers 1992-1994 only
    assert (
        t.loc["Second formula phase", "Adamishin only"]
        == t.loc["Third formula phase", "Adamishin only"]
        == 0
    )
    assert t.loc["Before the talks", "Adamishin only"] > t.loc["Before the talks", "Iji only"]


def test_mediation_real_discrepancies(real):
    t = network.discrepancies_table(real).set_index("Point")
    titles = network.DISCREPANCIES
    assert "Russia" in t.loc[titles["who-brought-sides-to-table"], "Adamishin"]
    assert "impartiality" in t.loc[titles["un-impartiality"], "Iji"]
    assert (
        "Primakov" in t.loc[titles["first-contact-opposition"], "Iji"]
    )  # Iji's earlier contact, November 1993
    assert list(t.index) == list(titles.values())  # titles, not machine ids


def test_mediation_summary_real(real):
    s = network.summary(real)
    assert s["iran_lev_gov"] == 0 and s["iran_lev_opp"] > 0
    assert s["russia_lev_gov"] > s["russia_lev_opp"]
    assert (
        s["russia_lev_gov_specific"] == s["russia_lev_gov"] - 1
    )  # one general-finding row left out
    assert s["no_relations"] == "OSCE and OIC"
    assert s["adamishin_early"] > s["adamishin_later"]
    assert s["top_mediator_diagnostic"] == "Russia"
    # hosting of the two sides' meetings is coded once per side; two other meetings once each
    assert s["n_hosting"] == 2 * s["n_hosting_events"] - 2


def test_mediation_general_findings_come_from_the_basis_column(real):
    ids = network.general_findings(real)
    assert ids == sorted(ids) and "russia-pressure-tajik-government-complementary" in ids
    assert "iran-pressure-islamists-complementary" in ids
    assert "chernishev-persuasion-tajik-government-1994" not in ids  # a particular act
    rel = real.relations
    assert set(rel.loc[ids, "basis"].astype(str)) == {"general_finding"}


# ==== source_comparison.ipynb: comparing the sources ==========================================


def test_source_comparison_coverage_by_table_real(real):
    t = comparison.coverage_by_table(real).set_index("Table")
    assert list(t.columns) == [
        "Records",
        "Adamishin only",
        "Both sources",
        "Iji only",
        "Both (%)",
    ]  # all attested
    # every attested table but the discrepancies, the three added tables last
    assert list(t.index) == [
        "Actors",
        "Places",
        "Phases",
        "Events",
        "Agreements",
        "Proposals",
        "Ceasefires",
        "Relations",
        "Statistics",
        "Positions",
        "Russian moves",
        "Impasses",
        "All coded tables",
    ]
    # Adamishin's memoir ends before the ceasefires and the power-sharing proposals of the talks.
    assert t.loc["Ceasefires", "Iji only"] == t.loc["Ceasefires", "Records"] > 0
    assert t.loc["Proposals", "Adamishin only"] == 0
    # rows add up, and the total row is the sum of the tables
    parts = t[["Adamishin only", "Both sources", "Iji only"]].sum(axis=1)
    assert (parts == t["Records"]).all()
    assert t.loc["All coded tables", "Records"] == t.drop(index="All coded tables")["Records"].sum()
    cols = ["Records", "Adamishin only", "Both sources", "Iji only"]
    assert t.loc["Positions", cols].tolist() == [26, 9, 1, 16]
    assert t.loc["Russian moves", cols].tolist() == [42, 31, 4, 7]
    assert t.loc["Impasses", cols].tolist() == [14, 2, 1, 11]
    assert t.loc["All coded tables", cols].tolist() == [651, 223, 113, 315]
    # the Russian moves agree with the Russia chapter's own count of them
    r = russia.summary(real)
    assert t.loc["Russian moves", cols].tolist() == [
        r["n_russian_moves"],
        r["n_russian_moves_adamishin_only"],
        r["n_russian_moves_both"],
        r["n_russian_moves_iji_only"],
    ]


def test_source_comparison_coverage_prose_and_alt_text_real(real):
    """What the chapter's prose and the coverage figure's alt text say in words."""
    t = comparison.coverage_by_table(real).set_index("Table")
    share = t[["Adamishin only", "Both sources", "Iji only"]].div(t["Records"], axis=0)
    # the records attested by both are mostly actors, places and phases
    cast = t.loc[["Actors", "Places", "Phases"], "Both sources"].sum()
    assert cast > t.loc["All coded tables", "Both sources"] / 2
    # Adamishin-only is the largest class of actors and places; about three-quarters of the moves
    for table in ("Actors", "Places"):
        assert share.loc[table].idxmax() == "Adamishin only"
    assert 0.7 <= share.loc["Russian moves", "Adamishin only"] <= 0.8
    # Iji alone: nearly all proposals, every ceasefire, about four-fifths of the impasses, and most
    # of the relations, agreements and positions
    assert share.loc["Proposals", "Iji only"] >= 0.9 and share.loc["Ceasefires", "Iji only"] == 1
    assert 0.75 <= share.loc["Impasses", "Iji only"] <= 0.85
    assert (share.loc[["Relations", "Agreements", "Positions"], "Iji only"] > 0.5).all()
    # only the phases are attested by both in the majority; overall, fewer than a fifth
    assert list(share.index[share["Both sources"] > 0.5]) == ["Phases"]
    assert share.loc["All coded tables", "Both sources"] < 0.2
    # the positions and impasses Adamishin alone reports all come before the talks
    cov = comparison.record_coverage(real, ["positions", "impasses"])
    own = cov[cov["coverage"] == REAL_A]
    dates = pd.concat(
        [
            real.positions.loc[own.loc[own["table"] == "positions", "record_id"], "date"],
            real.impasses.loc[own.loc[own["table"] == "impasses", "record_id"], "arose_date"],
        ]
    )
    assert len(dates) == 11 and (dates < D("1994-04-05")).all()


def test_source_comparison_record_coverage_real_records(real):
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


def test_source_comparison_plot_coverage(real):
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
    assert len(labels) == 12 and "Russian moves (42)" in labels and "Impasses (14)" in labels
    hatches = {p.get_hatch() for p in ax.patches}
    assert len(hatches) == 3  # greyscale-safe: each class its own hatch


def test_source_comparison_time_coverage_real(real):
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


def test_source_comparison_plot_time_coverage(real):
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


def test_source_comparison_discrepancy_counts_real(real):
    t = comparison.discrepancy_counts(real).set_index("Topic")
    assert t.loc["All topics", "Total"] == len(real.discrepancies)
    assert t.loc["Venue", "Total"] == 0  # the third round is coded as a matter of date
    assert t.loc["Name", "Within one source"] == 2  # 'Tashkent' for flour; MIRT named two ways
    assert t.drop(index="All topics")["Total"].idxmax() == "Name"


def test_source_comparison_discrepancy_table_real(real):
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


def test_source_comparison_discrepancy_evidence_real(real):
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


def test_source_comparison_spelling_variants_real(real):
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


def test_source_comparison_resolve_spellings_real(real):
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


@pytest.mark.sources
def test_source_comparison_quotation_findings_hold_in_the_full_texts(real):
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


def test_source_comparison_attestation_profile_real(real):
    t = comparison.attestation_profile(real).set_index("Source")
    assert t.loc["Adamishin", "Kind"] == "memoir" and t.loc["Iji", "Kind"] == "scholarly"
    assert t.loc["Adamishin", "Locator"] == "paragraph number"
    assert t.loc["Iji", "Locator"] == "section heading"
    assert t["Quotes"].sum() == len(real.attestations)
    assert (t["Median words per quote"] <= 40).all()


def test_source_comparison_summary_real(real):
    s = comparison.summary(real)
    assert s["n_records"] == s["n_adamishin2012"] + s["n_both"] + s["n_iji"]
    assert (s["n_tables"], s["n_records"]) == (12, 651)
    assert (s["pct_adamishin2012"], s["pct_both"], s["pct_iji"]) == (34, 17, 48)
    assert s["pct_records_multiple_quotes"] == 73  # 475 of the 651 records
    assert s["ceasefires_iji"] == s["ceasefires_records"]
    assert s["overlap_first"] == "1993 H2" and s["overlap_last"] == "1994 H1"
    assert s["quote_word_limit"] == 40 and 0 < s["max_quote_words"] <= 40
    assert s["n_discrepancies"] == s["n_discrepancies_between"] + s["n_discrepancies_within"]
    assert s["top_topic"] == "name" and s["empty_topics"] == "venue"
    assert s["n_aliases"] == sum(s[f"n_aliases_{k}"] for k in (REAL_A, "both", REAL_I, "unquoted"))
    assert s["n_events_window"] + s["n_events_outside_window"] == s["n_events"]


# ==== russia.ipynb: Russia's road to the table, 1992-1994 ======================================


def test_russia_moves_counts(real):
    s = russia.summary(real)
    assert s["n_russian_moves"] == 42
    assert s["first_move"] == "c. September 1992"
    assert (s["n_russian_moves_foreign_ministry"], s["n_russian_moves_military"]) == (17, 6)
    assert (s["n_russian_moves_president"], s["n_russian_moves_government"]) == (4, 3)
    assert s["n_russian_moves_state"] == 7
    assert (s["n_russian_moves_adamishin_only"], s["n_russian_moves_iji_only"]) == (31, 7)
    assert s["n_russian_moves_both"] == 4
    assert (s["n_for_talks"], s["n_for_talks_foreign_ministry"]) == (20, 13)
    assert (s["n_against_talks"], s["n_against_talks_military"]) == (4, 3)


def test_russia_moves_against_talks_fall_in_march_and_april_1994(real):
    mv = russia.russian_moves(real)
    against = mv[mv["stance"] == "against_talks"]
    assert set(against["russian_actor_kind"]) == {"military", "foreign_ministry"}
    assert (against["span_start"] >= D("1994-03-01")).all()
    assert (against["span_end"] <= D("1994-04-30")).all()
    assert against.loc[
        against["russian_actor_kind"] == "foreign_ministry", "actor_id"
    ].tolist() == ["kozyrev"]


def test_russia_levers(real):
    s = russia.summary(real)
    assert s["n_levers"] == 15
    assert (s["n_moves_on_government"], s["n_moves_on_opposition"]) == (18, 9)
    assert s["n_moves_no_target"] == 10
    assert s["n_financial_moves"] == 2
    assert s["n_material_on_government"] == 5
    mv = russia.russian_moves(real)
    money = mv[mv["lever"] == "financial"]
    assert (money["date_start"] >= D("1994-03-01")).all()
    # the material levers on the Tajik authorities in 1992 went to Iskandarov, not towards talks
    arms_1992 = mv[(mv["lever"] == "military_support") & (mv["date_start"] < D("1993-01-01"))]
    assert {t for ts in arms_1992["targets"] for t in ts} == {"iskandarov"}
    assert (arms_1992["stance"] == "").all()
    considered = mv[(mv["lever"] == "military_support") & (mv["date_start"] >= D("1993-01-01"))]
    assert considered["move_id"].tolist() == ["commission_military_aid_lever_1993"]


def test_russia_dates_and_figures_quoted(real):
    s = russia.summary(real)
    assert s["date_cis_meeting"] == "13 November 1992"
    assert s["date_khujand"] == "16 November 1992"
    assert s["date_border_attack"] == "13 July 1993"
    assert s["date_moscow_summit"] == "7 August 1993"
    assert s["date_round1"] == "5 April 1994"
    assert (s["border_contingent"], s["outpost_killed"], s["outpost_garrison"]) == (
        "16,000",
        "25",
        "51",
    )


def test_russia_discrepancies(real):
    here = russia.discrepancies_here(real)
    assert len(russia.RUSSIA_DISCREPANCIES) == 13 and len(here) == 7
    t = russia.discrepancies_table(real)
    assert list(t["Point"]) == list(here.values())
    assert all(t["Adamishin"].str.len() > 0)


def test_russia_levers_table_covers_every_move(real):
    t = russia.levers_table(real)
    lt = russia.lever_targets(real)
    assert t["Moves"].sum() == len(lt)
    assert russia.levers_by_side(real).iloc[-1]["All moves"] == 42


# ==== conclusion.ipynb: why the talks succeeded ==================================================


def test_conclusion_deadlock_breakers_real(real):
    """What the chapter says of the impasses: the prose writes "all" of the breaks before and after
    the turn, names the one unbroken impasse and the Afghan mediators at Khusdeh."""

    ev = conclusion.evidence(real)
    assert (ev["n_impasses"], ev["n_broken"], ev["n_unbroken"]) == (14, 13, 1)
    assert (ev["n_leaders_meeting"], ev["n_third_party_pressure"]) == (5, 7)
    assert (ev["n_third_party_mediation"], ev["n_delegation_round"]) == (1, 0)
    assert ev["turn_date"] == "December 1996"
    assert ev["n_early"] == ev["n_early_outside"] == 8
    assert ev["n_late"] == ev["n_late_leaders"] == 5
    assert (ev["n_early_russia"], ev["n_early_un"]) == (5, 3)
    assert (ev["n_leader_summits"], ev["n_leader_summits_breaking"]) == (6, 4)
    assert ev["n_quiet_summits"] == 2 and ev["quiet_summits"].count("1995") == 2
    assert ev["n_leaders_with_outsiders"] == 3 and ev["n_russia_and_iran"] == 3
    assert (ev["longest_number"], ev["longest_months"]) == (7, 20)
    table = conclusion.deadlock_table(real)
    assert table.loc[table["Where broken"] == "Not broken in the sources", "Arose"].tolist() == [
        "c. January 1996"
    ]
    khusdeh = table.iloc[10]
    assert "Burhanuddin Rabbani" in khusdeh["By whom"] and "Massoud" in khusdeh["By whom"]
    assert conclusion.DISCREPANCY in set(real.discrepancies.index.astype(str))


def test_conclusion_verdict_evidence_real(real):

    ev = conclusion.evidence(real)
    assert (ev["russia_on_government"], ev["russia_on_opposition"]) == (15, 5)
    assert (ev["iran_on_opposition"], ev["iran_on_government"]) == (5, 0)
    assert ev["n_un_phases"] == ev["n_phases"] == 5
    assert ev["taliban_date"] == "September 1996" and ev["window_months"] == 9
    assert (ev["meetings_after_taliban"], ev["meetings_before_taliban"]) == (9, 2)
    assert ev["first_meeting_after_taliban"] == "9–17 October 1996"
    assert (ev["n_meetings_with_nrb"], ev["n_meetings"]) == (0, 20)
    assert (ev["nrb_share"], ev["power_share"]) == ("20", "30")
    assert (ev["n_after_settlement"], ev["after_settlement_years"]) == (2, "2012")
    verdicts = conclusion.verdict_table(real).set_index("Claim")["Verdict"]
    assert verdicts.str.startswith(("supports", "fits", "cannot test")).all()
    summary = conclusion.summary(real)
    assert (summary["n_verdict_supports"], summary["n_verdict_fits"]) == ("5", "4")
    assert (summary["n_verdict_cannot_test"], summary["n_verdict_partial"]) == ("1", "2")


# ==== phase_diagnostic ... phase_detail: the five phase chapters ==============================


def test_phase_history_alt_texts_name_each_phase_and_its_coded_span(real):
    for pid, (name, span) in ph.PHASE_WORDS.items():
        row = ph.phase_row(real, pid)
        assert name == phases.short_phase_name(str(row["name"])).lower()
        first, last = span.split(" to ")
        assert first == format_span(row["start_date"], str(row["start_precision"]))
        assert last == format_span(row["end_date"], str(row["end_precision"]))


def test_phase_diagnostic_claims_real(real):
    s = ph.summary(real, "diagnostic")
    # the two sides never met; the one other meeting is the Moscow summit of 7 August 1993
    assert s["diagnostic_n_meetings_both_sides"] == 0
    other = ph.other_meetings(real, "diagnostic")
    assert list(other["Dates"]) == ["7 August 1993"] and list(other["Venue"]) == ["Moscow"]
    # every impasse of the phase ended under third-party pressure; no document bears both sides
    assert s["diagnostic_n_impasses"] == s["diagnostic_n_impasses_third_party"] > 0
    assert s["diagnostic_n_both_sides"] == 0 and s["diagnostic_n_agreements"] > 0
    assert s["diagnostic_n_positions"] == (
        s["diagnostic_n_positions_government"] + s["diagnostic_n_positions_opposition"] + 1
    )
    assert ph.statistics(real, ["outpost-12-killed", "outpost-12-garrison"]) == {
        "stat_outpost_12_killed": 25,
        "stat_outpost_12_garrison": 51,
    }


def test_phase_formula_1_claims_real(real):
    s = ph.summary(real, "formula_1")
    assert s["formula_1_n_other_meetings"] == 0  # every meeting was of both sides
    assert s["formula_1_n_proposals"] == 1
    assert list(ph.proposals_table(real, "formula_1")["What became of it"]) == ["rejected"]
    assert s["formula_1_n_impasses"] == s["formula_1_n_impasses_third_party"] > 0
    assert s["formula_1_n_power_sharing_agreements"] == 0 < s["formula_1_n_ceasefire_steps"]
    # no other power-sharing proposal before Almaty (the next one is tabled there)
    assert ph.summary(real, "formula_2")["formula_2_n_proposals"] > 0


def test_phase_formula_2_claims_real(real):
    s = ph.summary(real, "formula_2")
    assert s["formula_2_n_other_meetings"] == 0
    assert s["formula_2_n_meetings_both_sides"] == 3
    assert s["formula_2_n_proposals_accepted"] == 0
    assert set(ph.proposals_table(real, "formula_2")["What became of it"]) <= {
        "rejected",
        "superseded",
    }
    # only the Ashgabat venue dispute ended within the period, by mediation
    assert s["formula_2_n_impasses_broken_within"] == 1
    im = ph.impasses_table(real, "formula_2").set_index("About")
    assert im.loc["Venue", "Where or how broken"].startswith("Mediator's good offices")
    assert s["formula_2_n_power_sharing_agreements"] == 1


def test_phase_formula_3_claims_real(real):
    s = ph.summary(real, "formula_3")
    assert s["formula_3_n_other_meetings"] == 1  # the CIS summit of 19 January 1996
    assert list(ph.other_meetings(real, "formula_3")["Dates"]) == ["19 January 1996"]
    assert s["formula_3_n_summits_both_sides"] == 2 and s["formula_3_n_positions"] == 1
    # the CNR outline was agreed in principle only: coded partial since the correction (sr-U-1)
    assert s["formula_3_n_proposals_accepted"] == 0
    # the impasses arising that ended did so at leaders' meetings; one never ended
    assert s["formula_3_n_impasses_leaders"] == s["formula_3_n_impasses_broken"] == 2
    assert s["formula_3_n_impasses"] == 3
    # two impasses of formula_2 ended in formula_3
    im = ph.impasses_in_phase(real, "formula_2")
    lo, hi = ph.phase_row(real, "formula_3")[["start_date", "end_date"]]
    assert ((im["broken_date"] >= lo) & (im["broken_date"] <= hi)).sum() == 2


def test_phase_detail_claims_real(real):
    s = ph.summary(real, "detail")
    assert s["detail_n_other_meetings"] == 0
    assert s["detail_n_impasses"] == s["detail_n_impasses_leaders"] == 2
    counts = {p: ph.summary(real, p)[f"{p}_n_agreements"] for p in ph.PHASE_IDS}
    assert counts["detail"] > max(v for p, v in counts.items() if p != "detail")
    assert s["detail_n_leaders"] * 2 > s["detail_n_agreements"]  # most signed by the leaders
    assert s["detail_n_military"] == 1 and s["detail_n_proposals_accepted"] == 2
    stats = ph.statistics(real, ["cnr-seats-agreed", "cnr-seats-final"])
    assert stats["stat_cnr_seats_final"] == stats["stat_cnr_seats_agreed"] - 1


def test_every_relation_and_meeting_was_recoded_blind_once_per_field(real_dataset):
    """blind_recoding covers each relation's kind and basis and each meeting's both_sides exactly
    once, and its agreement figures are the ones the data chapter and the codebook report."""
    from tajik_peace import evidence

    rc = real_dataset.blind_recoding.reset_index()
    relations = set(real_dataset.relations.reset_index()["relation_id"])
    rel = rc[rc["table"] == "relations"]
    pairs = list(zip(rel["record_id"], rel["field"]))
    assert len(pairs) == len(set(pairs)) == 2 * len(relations)
    assert set(rel["record_id"]) == relations
    events = real_dataset.events.reset_index()
    meetings = set(events.loc[events["both_sides"].notna(), "event_id"])
    met = rc[rc["table"] == "events"]
    assert set(met["field"]) == {"both_sides"} and len(met) == len(meetings) == 22
    assert set(met["record_id"]) == meetings
    s = evidence.summary(real_dataset)
    assert (s["recoding_kind_agreement"], s["recoding_kind_alpha"]) == ("87", "0.85")
    assert (s["recoding_basis_agreement"], s["recoding_basis_alpha"]) == ("90", "0.61")
    assert s["double_coding_kind_alpha"] == "0.50"
    assert (s["recoding_corrected"], s["recoding_kept"], s["recoding_both"]) == (5, 6, 10)
    assert s["recoding_meetings"] == s["recoding_meetings_agreed"] == 22


def test_every_discrepancy_title_names_a_record(real_dataset):
    """discrepancies.TITLES is the one list of titles the chapters print: each names a record."""
    from tajik_peace import discrepancies

    ids = set(real_dataset.discrepancies.reset_index()["discrepancy_id"])
    assert set(discrepancies.TITLES) <= ids
