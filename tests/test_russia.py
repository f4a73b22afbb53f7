"""Unit tests of tajik_peace.chapters.russia and checks of book/russia.ipynb.

Logic is tested on the mini fixture package (tests/fixtures/mini) with a few hand-made Russian
moves added here; what the chapter says about the real data is asserted in test_real_data.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import background, mediation, russia
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp

MOVE_COLUMNS = [
    "move_id",
    "date_start",
    "date_end",
    "date_start_precision",
    "date_end_precision",
    "event_id",
    "russian_actor_kind",
    "actor_id",
    "lever",
    "target_actor_ids",
    "stance",
    "description",
]


def _move(
    move_id,
    start,
    precision,
    kind,
    actor,
    lever,
    targets="",
    stance="",
    end=None,
    end_precision=None,
    event="",
):
    return {
        "move_id": move_id,
        "date_start": D(start),
        "date_end": D(end) if end else pd.NaT,
        "date_start_precision": precision,
        "date_end_precision": end_precision,
        "event_id": event or None,
        "russian_actor_kind": kind,
        "actor_id": actor,
        "lever": lever,
        "target_actor_ids": targets or None,
        "stance": stance or None,
        "description": f"move {move_id}",
    }


#: Four moves, deliberately out of date order: one on each side, one on both, one with no target
#: and an approximate span.
MOVES = [
    _move(
        "warn_both",
        "1994-04-05",
        "day",
        "foreign_ministry",
        "adamishin",
        "diplomatic_pressure",
        "tajik_government;uto",
        "for_talks",
        event="round_1_moscow",
    ),
    _move(
        "press_rakhmonov",
        "1993-07-30",
        "day",
        "president",
        "russia",
        "persuasion",
        "rakhmonov",
        "for_talks",
    ),
    _move(
        "rumour",
        "1994-03-01",
        "approximate",
        "military",
        "russia",
        "information",
        stance="against_talks",
        end="1994-04-01",
        end_precision="approximate",
    ),
    _move(
        "meet_nuri",
        "1993-11-01",
        "month",
        "intelligence",
        "adamishin",
        "recognition",
        "nuri",
        "for_talks",
    ),
]


def _attestation(move_id, source):
    return {
        "attestation_id": f"russian_moves-{move_id}-{source}",
        "table": "russian_moves",
        "record_id": move_id,
        "fields": "lever",
        "source_id": source,
        "locator": "x",
        "quote": "x",
    }


@pytest.fixture
def ds(mini_dataset):
    """The mini package with the four moves above, attested by one source, the other or both."""
    tables = dict(mini_dataset.items())
    att = tables["attestations"].reset_index()
    extra = [
        _attestation("warn_both", "adamishin2012"),
        _attestation("warn_both", "iji"),
        _attestation("press_rakhmonov", "adamishin2012"),
        _attestation("rumour", "adamishin2012"),
        _attestation("meet_nuri", "iji"),
    ]
    tables["attestations"] = pd.concat([att, pd.DataFrame(extra)], ignore_index=True)
    tables["russian_moves"] = pd.DataFrame(MOVES, columns=MOVE_COLUMNS)
    return SimpleNamespace(**tables)


def _with_moves(ds, moves):
    return SimpleNamespace(
        **{**vars(ds), "russian_moves": pd.DataFrame(moves, columns=MOVE_COLUMNS)}
    )


# ---- (1) the moves ---------------------------------------------------------------------------------


def test_russian_moves_sorted_with_spans_targets_and_sources(ds):
    mv = russia.russian_moves(ds)
    assert list(mv["move_id"]) == ["press_rakhmonov", "meet_nuri", "rumour", "warn_both"]
    rumour = mv.set_index("move_id").loc["rumour"]
    # an approximate span covers its whole months
    assert (rumour["span_start"], rumour["span_end"]) == (D("1994-03-01"), D("1994-04-30"))
    nuri = mv.set_index("move_id").loc["meet_nuri"]
    assert (nuri["span_start"], nuri["span_end"]) == (D("1993-11-01"), D("1993-11-30"))
    assert mv.set_index("move_id").loc["warn_both", "targets"] == ["tajik_government", "uto"]
    assert mv.set_index("move_id").loc["rumour", "targets"] == []
    assert list(mv["stance"]) == ["for_talks", "for_talks", "against_talks", "for_talks"]
    assert mv.set_index("move_id").loc["warn_both", "sources"] == ["adamishin2012", "iji"]
    assert mv.set_index("move_id").loc["meet_nuri", "sources"] == ["iji"]


@pytest.mark.parametrize(
    "field, value, table",
    [
        ("actor_id", "nobody", "actors"),
        ("target_actor_ids", "uto;ghost", "actors"),
        ("event_id", "no_such_event", "events"),
    ],
)
def test_unknown_ids_in_the_moves_raise(ds, field, value, table):
    moves = [dict(MOVES[0], **{field: value})]
    with pytest.raises(UnknownIdError) as err:
        russia.russian_moves(_with_moves(ds, moves))
    assert err.value.table == table


def test_side_of_follows_affiliations(ds):
    assert russia.side_of("rakhmonov", ds.actors) == "government"
    assert russia.side_of("tajik_government", ds.actors) == "government"
    assert russia.side_of("nuri", ds.actors) == "opposition"
    assert russia.side_of("uto", ds.actors) == "opposition"
    assert russia.side_of("piriz_ballon", ds.actors) == "other"
    with pytest.raises(UnknownIdError):
        russia.side_of("ghost", ds.actors)


def test_move_label_uses_surnames_and_short_names():
    row = SimpleNamespace(actor_id="kozyrev", lever="military_support", targets=["iskandarov"])
    names = {"kozyrev": "Andrei Kozyrev", "iskandarov": "Akbarsho Iskandarov"}
    kinds = {"kozyrev": "person", "iskandarov": "person"}
    assert russia.move_label(row, names, kinds) == "Kozyrev: military support \u2192 Iskandarov"
    row = SimpleNamespace(actor_id="russian_military", lever="information", targets=[])
    assert russia.move_label(row, {"russian_military": "Russian military"}, {}) == (
        "Military: information"
    )


def test_moves_table(ds):
    t = russia.moves_table(ds)
    assert list(t.columns) == [
        "Date",
        "Part of the state",
        "Actor",
        "Lever",
        "On whom",
        "Bearing on talks",
        "Sources",
    ]
    assert list(t["Date"]) == [
        "30 July 1993",
        "November 1993",
        "c. March 1994 – April 1994",
        "5 April 1994",
    ]
    assert t.loc[3, "On whom"] == "Government of Tajikistan; United Tajik Opposition"
    assert t.loc[3, "Sources"] == "Adamishin; Iji"
    assert t.loc[2, "Bearing on talks"] == "Against talks"


def test_plot_moves_one_row_per_move_with_legend_of_kinds_and_stances(ds):
    fig = russia.plot_moves(ds)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") and ax.get_xlabel() and ax.get_ylabel()
    assert figures.source_line(fig)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [
        "Foreign Ministry",
        "Military",
        "President",
        "Intelligence",
        "For talks",
        "Against talks",
    ]
    texts = [t.get_text() for t in ax.texts]
    assert "Russia: persuasion \u2192 Rakhmonov" in texts
    assert len(texts) == len(MOVES)
    assert all(t.get_fontsize() >= 7 for t in ax.texts)
    assert fig.get_size_inches()[0] <= 6.3


def test_plot_moves_is_deterministic_and_exports(ds, tmp_path):
    a = figures.save_figure(
        russia.plot_moves(ds), "russia-moves", russia.RUSSIA_MOVES_ALT, tmp_path
    )
    b = figures.save_figure(
        russia.plot_moves(ds), "russia-moves", russia.RUSSIA_MOVES_ALT, tmp_path
    )
    assert a.pdf == b.pdf and a.png == b.png
    assert (tmp_path / "russia-moves.pdf").exists()


def test_the_figure_is_registered_with_its_alt_text():
    assert figures.registered()["russia-moves"].alt == russia.RUSSIA_MOVES_ALT.strip()


# ---- (2) the levers --------------------------------------------------------------------------------


def test_lever_targets_one_row_per_move_and_target(ds):
    lt = russia.lever_targets(ds)
    assert len(lt) == 5  # warn_both has two targets, rumour none
    assert list(lt.loc[lt["move_id"] == "warn_both", "side"]) == ["government", "opposition"]
    assert list(lt.loc[lt["move_id"] == "rumour", "side"]) == [""]


def test_levers_table_order_counts_and_who(ds):
    t = russia.levers_table(ds)
    assert list(t.columns) == ["Lever", "On whom", "Side", "Moves", "Who used it, when"]
    # codebook order of levers: persuasion, diplomatic_pressure, recognition, information
    assert list(t["Lever"]) == [
        "Persuasion",
        "Diplomatic pressure",
        "Diplomatic pressure",
        "Recognition",
        "Information",
    ]
    # within a lever, the Tajik authorities before the opposition
    assert list(t.loc[t["Lever"] == "Diplomatic pressure", "On whom"]) == [
        "Government of Tajikistan",
        "United Tajik Opposition",
    ]
    assert t.loc[0, "Who used it, when"] == "Russia (30 July 1993)"
    assert t.loc[4, "On whom"] == russia.NO_TARGET
    assert t["Moves"].sum() == 5


def test_levers_by_side_counts_a_move_once_in_the_total(ds):
    t = russia.levers_by_side(ds).set_index("Lever")
    assert t.loc["Diplomatic pressure", "Tajik authorities"] == 1
    assert t.loc["Diplomatic pressure", "Opposition"] == 1
    assert t.loc["Diplomatic pressure", "All moves"] == 1
    assert t.loc["All levers", "All moves"] == len(MOVES)
    assert t.loc["All levers", "Tajik authorities"] == 2
    assert t.loc["All levers", "No target named"] == 1


# ---- (3) the discrepancies -------------------------------------------------------------------------


def test_discrepancies_here_leaves_out_those_printed_elsewhere(ds):
    ids = {"third_round_venue": "Venue"}
    assert russia.discrepancies_here(ds, ids, {}) == ids
    assert russia.discrepancies_here(ds, ids, {"background": ("third_round_venue",)}) == {}
    t = russia.discrepancies_table(ds, ids, {})
    assert list(t.columns) == ["Point", "Adamishin", "Iji", "Assessment"]
    assert t.loc[0, "Point"] == "Venue"


def test_unknown_discrepancy_raises(ds):
    with pytest.raises(UnknownIdError):
        russia.discrepancies_here(ds, {"no-such-discrepancy": "x"}, {})


def test_printed_elsewhere_matches_the_other_chapters():
    """The discrepancies this chapter does not print are those the other chapters do."""
    shown = {
        "background": set(background.BACKGROUND_DISCREPANCIES),
        "mediation": set(mediation.DISCREPANCIES),
    }
    for chapter, ids in russia.PRINTED_ELSEWHERE.items():
        assert set(ids) <= shown[chapter], chapter
        assert set(ids) <= set(russia.RUSSIA_DISCREPANCIES)
    here = set(russia.RUSSIA_DISCREPANCIES) - {
        d for ids in russia.PRINTED_ELSEWHERE.values() for d in ids
    }
    assert not here & set().union(*shown.values()), "a discrepancy is printed twice"


# ---- headline numbers ------------------------------------------------------------------------------


def test_summary_on_the_fixture(ds):
    s = russia.summary(
        ds,
        dates={"date_attack": "border_outpost_attack"},
        stats={"dead": "war_dead"},
        discrepancies={"third_round_venue": "Venue"},
        elsewhere={},
    )
    assert s["n_russian_moves"] == 4
    assert s["first_move"] == "30 July 1993"
    assert (s["n_russian_moves_foreign_ministry"], s["n_russian_moves_military"]) == (1, 1)
    assert (s["n_russian_moves_president"], s["n_russian_moves_intelligence"]) == (1, 1)
    assert (s["n_russian_moves_adamishin_only"], s["n_russian_moves_iji_only"]) == (2, 1)
    assert s["n_russian_moves_both"] == 1
    assert (s["n_for_talks"], s["n_against_talks"], s["n_against_talks_military"]) == (3, 1, 1)
    assert s["n_levers"] == 4
    assert (s["n_moves_on_government"], s["n_moves_on_opposition"]) == (2, 2)
    assert s["n_moves_no_target"] == 1
    assert s["n_material_on_government"] == 0
    assert (s["n_discrepancies_here"], s["n_discrepancies_elsewhere"]) == (1, 0)
    assert s["date_attack"] == "13 July 1993"
    assert re.fullmatch(r"[\d,]+", s["dead"])


def test_summary_unknown_event_or_statistic_raises(ds):
    with pytest.raises(UnknownIdError):
        russia.quoted_dates(ds, {"d": "no_such_event"})
    with pytest.raises(UnknownIdError):
        russia.quoted_figures(ds, {"f": "no-such-stat"})


def test_empty_moves(ds):
    empty = _with_moves(ds, [])
    assert russia.russian_moves(empty).empty
    assert russia.levers_table(empty).empty
    assert russia.levers_by_side(empty).loc[0, "All moves"] == 0
    assert russia.plot_moves(empty).axes[0].get_title(loc="left")


# ---- the notebook ----------------------------------------------------------------------------------


def _notebook():
    return json.loads((ROOT / "book" / "russia.ipynb").read_text(encoding="utf-8"))


def test_notebook_figure_metadata_repeats_the_alt_text():
    cells = [c for c in _notebook()["cells"] if "figures.export" in "".join(c["source"])]
    assert len(cells) == 1
    meta = cells[0]["metadata"]
    assert meta["mystnb"]["image"]["alt"] == russia.RUSSIA_MOVES_ALT
    assert meta["mystnb"]["figure"]["name"] == "fig-russia-moves"
    assert "hide-input" in meta["tags"]


def test_notebook_links_to_the_chapters_that_print_the_other_discrepancies():
    md = "\n".join(
        "".join(c["source"]) for c in _notebook()["cells"] if c["cell_type"] == "markdown"
    )
    for chapter in russia.PRINTED_ELSEWHERE:
        assert f"{{doc}}`{chapter}`" in md
    # one name per person: the prose's Rakhmonov (Iji's form, as in the other chapters), with
    # Adamishin's form and the data tables' form each given once
    assert md.count("Rahmonov") == 1 and md.count("Rahmon;") + md.count("Rahmon ") <= 1
    assert md.count("Rakhmonov") > 1
    assert md.count("(Abdulloh Nuri in Adamishin)") == 1


def test_notebook_code_cells_hide_their_input():
    for c in _notebook()["cells"]:
        if c["cell_type"] == "code":
            tags = c["metadata"].get("tags", [])
            assert "hide-input" in tags or "remove-cell" in tags
