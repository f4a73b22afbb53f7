"""Unit tests of the layer the chapters share: records, attestation, discrepancies, affiliation,
phasing, events. Small fixtures only (the mini package, hand-made tables): claims about the real
data live in test_real_data.py."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest
from conftest import toy_sources

matplotlib.use("Agg")

from tajik_peace import (
    affiliation,
    attestation,
    discrepancies,
    events,
    phasing,
    records,
    rules,
    text,
)
from tajik_peace.records import UnknownIdError

D = pd.Timestamp


# ---- records -------------------------------------------------------------------------------------


def test_rows_keep_the_order_asked_for(mini_dataset):
    ids = list(mini_dataset.actors.index[:2])[::-1]
    assert list(records.rows(mini_dataset, "actors", ids).index) == ids


def test_unknown_ids_raise_naming_the_ids_and_the_table(mini_dataset):
    with pytest.raises(UnknownIdError) as info:
        records.rows(mini_dataset, "events", ["no_such_event", "nor_this"])
    assert info.value.table == "events" and info.value.ids == ["no_such_event", "nor_this"]
    assert str(info.value) == "not in table events: 'no_such_event', 'nor_this'"
    assert isinstance(info.value, KeyError)  # callers that expect a KeyError still get one


def test_id_fields_name_the_primary_key_of_every_attested_table(mini_dataset):
    """records.ID_FIELDS is kept by hand: it must give each attested table (and the sources and
    attestations) the primary key the schema gives it."""
    for table in (*rules.ATTESTED_TABLES, "sources", "attestations"):
        assert records.ID_FIELDS.get(table) == mini_dataset.id_field(table), table


def test_actor_names_keep_the_order_and_take_a_cell_or_a_list(mini_dataset):
    assert (
        records.actor_names(mini_dataset, "nuri; rakhmonov")
        == "Said Abdullo Nuri; Emomali Rakhmonov"
    )
    assert records.actor_names(mini_dataset, ["un", "russia"], sep=", ") == "United Nations, Russia"
    for blank in ("", None, float("nan"), []):
        assert records.actor_names(mini_dataset, blank) == ""


def test_actor_names_raise_for_an_unknown_id_naming_the_referrer(mini_dataset):
    with pytest.raises(UnknownIdError, match=r"'atlantis \(named by round_9\)'") as info:
        records.actor_names(mini_dataset, "nuri;atlantis", named_by="round_9")
    assert info.value.table == "actors"
    with pytest.raises(UnknownIdError, match="'atlantis'"):
        records.actor_names(mini_dataset, ["atlantis"])


# ---- attestation ---------------------------------------------------------------------------------


def test_source_names_come_from_the_sources_table():
    renamed = SimpleNamespace(sources=toy_sources({"adamishin2012": "memoir", "iji": "study"}))
    assert attestation.coded_sources(renamed) == ["memoir", "study"]
    assert attestation.source_names(renamed) == {"memoir": "Adamishin", "study": "Iji"}
    assert attestation.source_keys(renamed) == {"memoir": "adamishin", "study": "iji"}
    assert attestation.source_citations(renamed) == {
        "memoir": "Adamishin (2012)",
        "study": "Iji (n.d.)",
    }


def test_a_cited_source_without_a_text_is_not_coded():
    table = toy_sources()
    extra = table.iloc[[0]].assign(source_id="cited", text_file=None, author="Other, A.")
    ds = SimpleNamespace(sources=pd.concat([table, extra], ignore_index=True))
    assert attestation.coded_sources(ds) == list(table["source_id"])


def test_source_with_sections():
    ds = SimpleNamespace(sources=toy_sources())
    headings = ["Lead-up to Negotiations: The Diagnostic Phase", "Introduction"]
    assert attestation.source_with_sections(ds, headings) == "iji"
    with pytest.raises(LookupError):
        attestation.source_with_sections(ds, ["No such heading"])


def test_sources_of_a_record_in_the_order_of_sources_csv(mini_dataset):
    att = mini_dataset.attestations
    table, record = att["table"].iloc[0], att["record_id"].iloc[0]
    found = attestation.sources_of(mini_dataset, str(table), record)
    mine = att[(att["table"] == table) & (att["record_id"] == record)]
    assert set(found) == set(mine["source_id"].astype(str))
    order = attestation.coded_sources(mini_dataset)
    assert found == sorted(found, key=order.index)
    assert attestation.sources_of(mini_dataset, "events", "no_such_event") == []


def test_coverage_class_and_counts():
    ds = SimpleNamespace(sources=toy_sources())
    coded = ["adamishin2012", "iji"]
    assert attestation.coverage_class(["iji"], coded) == "iji"
    assert attestation.coverage_class(["iji", "adamishin2012"], coded) == attestation.BOTH
    assert attestation.coverage_class(["other"], coded) is None
    sets = [frozenset({"iji"}), frozenset({"iji", "adamishin2012"}), frozenset(), frozenset({"x"})]
    assert attestation.coverage_counts(ds, sets) == {
        "Adamishin only": 0,
        "Iji only": 1,
        "Both": 1,
    }


# ---- discrepancies -------------------------------------------------------------------------------


def _discrepancies():
    rows = [
        ("d1", "adamishin2012", "A says one.", "iji", "I says another.", "Weigh both."),
        ("d2", "iji", "I first.", "adamishin2012", "A second.", "Unclear."),
        ("d3", "iji", "I here.", "iji", "I there.", "Inside Iji."),
    ]
    columns = ["discrepancy_id", "source_a", "claim_a", "source_b", "claim_b", "assessment"]
    return SimpleNamespace(discrepancies=pd.DataFrame(rows, columns=columns), sources=toy_sources())


def test_claims_by_source_puts_each_claim_under_its_source():
    t = discrepancies.claims_by_source(_discrepancies(), {"d2": "Second", "d3": "Third"})
    assert list(t.columns) == ["Point", "Adamishin", "Iji", "Assessment"]
    assert t.iloc[0].tolist() == ["Second", "A second.", "I first.", "Unclear."]
    assert t.iloc[1].tolist() == ["Third", "", "I here. I there.", "Inside Iji."]


def test_claims_by_source_other_layouts():
    t = discrepancies.claims_by_source(
        _discrepancies(), ["d1"], point=None, assessment="Reconciliation", citations=True
    )
    assert list(t.columns) == ["Adamishin (2012)", "Iji (n.d.)", "Reconciliation"]
    plain = discrepancies.claims_by_source(_discrepancies(), ["d1"], assessment=None)
    assert plain.iloc[0].tolist() == ["d1", "A says one.", "I says another."]


def test_accounts_and_rows():
    ds = _discrepancies()
    t = discrepancies.accounts(ds, {"d2": "At stake"})
    assert t.iloc[0].tolist() == ["At stake", "I first.", "A second.", "Unclear."]
    rows = discrepancies.claims_as_rows(ds, "d1")
    assert rows["Who"].tolist() == ["Adamishin (2012)", "Iji (n.d.)", "Dataset's assessment"]


@pytest.mark.parametrize(
    "build",
    [
        lambda ds: discrepancies.claims_by_source(ds, ["d1", "renamed"]),
        lambda ds: discrepancies.accounts(ds, {"renamed": "x"}),
        lambda ds: discrepancies.claims_as_rows(ds, "renamed"),
    ],
)
def test_every_layout_raises_for_an_unknown_id(build):
    with pytest.raises(UnknownIdError, match=r"discrepancies.*'renamed'"):
        build(_discrepancies())


# ---- affiliation chains --------------------------------------------------------------------------


def test_affiliation_chain_stops_at_the_top_a_stop_or_a_loop():
    aff = {"kozyrev": "mfa", "mfa": "russia", "russia": None, "a": "b", "b": "a"}
    assert affiliation.affiliation_chain("kozyrev", aff) == ["kozyrev", "mfa", "russia"]
    assert affiliation.affiliation_chain("kozyrev", aff, stop_at=["mfa"]) == ["kozyrev", "mfa"]
    assert affiliation.affiliation_chain("a", aff) == ["a", "b"]  # the loop ends the chain
    assert affiliation.affiliation_chain("stranger", aff) == ["stranger"]
    assert affiliation.roll_up("kozyrev", affiliation.link_graph(aff)) == "russia"


def test_affiliations_of_the_mini_package(mini_dataset):
    aff = affiliation.affiliations(mini_dataset)
    assert set(aff) == set(mini_dataset.actors.index)
    assert aff["rakhmonov"] == "tajik_government" and aff["tajik_government"] is None


# ---- phasing and events --------------------------------------------------------------------------


def _phased():
    phases = pd.DataFrame(
        {
            "phase_id": ["late", "early"],
            "order": [2, 1],
            "name": ["Late phase: b", "Early phase (a)"],
            "start_date": [D("1995-01-01"), D("1994-01-01")],
            "end_date": [D("1995-12-31"), D("1994-12-31")],
        }
    )
    events = pd.DataFrame({"event_id": ["e1", "e0"], "phase_id": ["late", None]})
    return SimpleNamespace(phases=phases, events=events)


def test_phases_in_order_with_short_names():
    ds = _phased()
    assert list(phasing.phase_frame(ds)["phase_id"]) == ["early", "late"]
    assert phasing.phase_labels(ds) == {"early": "Early phase", "late": "Late phase"}
    ph = phasing.phase_frame(ds)
    assert phasing.phase_starting(ph, D("1995-03-01")) == "Late phase"
    assert phasing.phase_starting(ph, D("1990-01-01")) == ""


def test_with_event_phase_takes_the_phase_of_the_event_and_raises_for_an_unknown_one():
    ds = _phased()
    table = pd.DataFrame({"proposal_id": ["p1", "p2", "p3"], "event_id": ["e1", "e0", None]})
    phase = phasing.with_event_phase(table, ds, "proposals")["phase_id"]
    assert phase.iloc[0] == "late" and phase.iloc[1:].isna().all()
    bad = pd.DataFrame({"proposal_id": ["p9"], "event_id": ["gone"]})
    with pytest.raises(UnknownIdError, match=r"gone.*proposals"):
        phasing.with_event_phase(bad, ds, "proposals")


def test_round_label_and_negotiation_events(mini_dataset):
    assert events.round_label(3, pd.NA) == "Round 3"
    assert events.round_label(6, 2) == "Round 6, part 2"
    assert events.round_label(pd.NA, pd.NA) == ""
    ev = events.negotiation_events(mini_dataset)
    assert set(ev["kind"]) <= set(events.NEGOTIATION_KINDS)
    assert list(ev["date_start"]) == sorted(ev["date_start"])


# ---- text ----------------------------------------------------------------------------------------


def test_one_set_of_typographic_variants():
    assert text.fold_typography("‘a’ ―b‖ c–d—e−f") == "'a' \"b\" c-d-e-f"
    assert text.normalize("well- known ‘x’") == "wellknown'x'"
    assert text.split_list(" a; ;b ") == ["a", "b"] and text.split_list(float("nan")) == []


def test_shade_phases_shades_each_phase_and_labels_only_inside_the_window():
    from matplotlib.figure import Figure

    ax = Figure().add_subplot()
    ax.set_title("A title", loc="left")
    phases = phasing.phase_frame(_phased())
    phasing.shade_phases(ax, phases, xlim=(D("1995-03-01"), D("1996-06-30")))
    assert len(ax.patches) == 2  # one band per phase
    assert [t.get_text() for t in ax.texts] == ["Late phase"]  # the early one is outside
    assert ax._left_title.get_text() == "A title"  # moved up, not lost
    bare = Figure().add_subplot()
    phasing.shade_phases(bare, phases, label=False)
    assert not bare.texts and len(bare.patches) == 2


def test_titled_keeps_the_order_asked_and_refuses_an_unknown_id():
    from tajik_peace import discrepancies

    assert list(discrepancies.titled(["iran-role", "war-start"])) == ["iran-role", "war-start"]
    with pytest.raises(KeyError, match="no-such-discrepancy"):
        discrepancies.titled(["no-such-discrepancy"])


def test_before_talks_is_no_phase_and_a_date_before_the_first_phase(mini_dataset):
    """An empty phase_id marks a record before the first phase or after the last: only the
    former is before the talks."""
    import pandas as pd

    from tajik_peace.phasing import before_talks

    first = mini_dataset.phases["start_date"].min()
    table = pd.DataFrame(
        {
            "phase_id": [None, "", None, "diagnostic", None],
            "date": [
                first - pd.Timedelta(days=1),
                first - pd.Timedelta(days=30),
                pd.Timestamp("1999-01-01"),
                first - pd.Timedelta(days=1),
                pd.NaT,
            ],
        }
    )
    assert before_talks(table, mini_dataset, "date").tolist() == [True, True, False, False, False]
