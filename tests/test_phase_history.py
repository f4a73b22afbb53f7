"""Unit tests of tajik_peace.chapters.phase_history (the five phase chapters) on the mini fixture,
and of the chapter notebooks' thinness and figure metadata; claims about the real data are in
test_real_data.py."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

from tajik_peace import figures
from tajik_peace.chapters import phase_history as ph
from tajik_peace.data import Dataset
from tajik_peace.records import UnknownIdError

ROOT = Path(__file__).resolve().parent.parent
D = pd.Timestamp
NOTEBOOKS = {pid: ROOT / "book" / f"phase_{pid}.ipynb" for pid in ph.PHASE_IDS}

IMPASSE = {
    "topic": "ceasefire",
    "arose_date": D("1994-04-05"),
    "arose_precision": "day",
    "arose_edtf": "1994-04-05",
    "arose_event_id": "round_1_moscow",
    "broken_date": D("1994-09-17"),
    "broken_precision": "day",
    "broken_edtf": "1994-09-17",
    "broken_at_kind": "third_party_pressure",
    "broken_by": "russia;un",
    "broken_event_id": "tehran_consultation_1994",
    "phase_id": "formula_1",
    "description": "No ceasefire until the Tehran consultation | *a*",
}


@pytest.fixture()
def ds(mini_dataset):
    """The mini fixture with both_sides coded on its meetings and one impasse (a copy: the mini
    package on disk has neither)."""
    tables = {name: table.copy() for name, table in mini_dataset.tables.items()}
    ev = tables["events"]
    ev["both_sides"] = pd.array([pd.NA] * len(ev), dtype="boolean")
    ev.loc["round_1_moscow", "both_sides"] = True
    ev.loc["tehran_consultation_1994", "both_sides"] = True
    ev.loc["round_2_tehran", "both_sides"] = False
    im = pd.DataFrame([IMPASSE], index=pd.Index(["ceasefire_1994"], name="impasse_id"))
    tables["impasses"] = im
    return Dataset(tables, mini_dataset.descriptor, mini_dataset.data_dir)


def test_unknown_phase_raises_everywhere(ds):
    for fn in (
        ph.meetings_of_both_sides,
        ph.other_meetings,
        ph.positions_table,
        ph.proposals_table,
        ph.impasses_table,
        ph.agreements_table,
        ph.summary,
        ph.plot_phase_timeline,
    ):
        with pytest.raises(UnknownIdError, match="no_such_phase"):
            fn(ds, "no_such_phase")


def test_meetings_split_by_both_sides(ds):
    both = ph.meetings_of_both_sides(ds, "formula_1")
    assert list(both.columns) == [
        "Meeting",
        "Venue",
        "Dates",
        "Government head",
        "Opposition head",
        "Outcome",
    ]
    assert list(both["Meeting"]) == ["Round 1", "Consultation"]
    assert both["Dates"].iloc[0] == "5 April 1994"
    assert both["Dates"].iloc[1] == "12–17 September 1994"
    other = ph.other_meetings(ds, "formula_1")
    assert list(other["Meeting"]) == ["Round 2"]
    assert other["Venue"].iloc[0] == "Tehran"
    # no meeting in the diagnostic phase of the fixture: empty tables, not an error
    assert ph.meetings_of_both_sides(ds, "diagnostic").empty
    assert ph.other_meetings(ds, "diagnostic").empty


def test_empty_both_sides_counts_as_other(ds, mini_dataset):
    # the mini fixture on disk leaves both_sides empty: every meeting is "other"
    assert ph.meetings_of_both_sides(mini_dataset, "formula_1").empty
    assert len(ph.other_meetings(mini_dataset, "formula_1")) == 3


def test_heads_of_delegation_are_names_or_not_said(ds):
    both = ph.meetings_of_both_sides(ds, "formula_1")
    for col in ("Government head", "Opposition head"):
        assert all(v == ph.NOT_SAID or v for v in both[col])


def test_unknown_actor_or_place_raises(ds):
    ds.events.loc["round_1_moscow", "place_id"] = "atlantis"
    with pytest.raises(UnknownIdError, match="atlantis"):
        ph.meetings_of_both_sides(ds, "formula_1")


def test_positions_and_proposals_follow_their_event(ds):
    pos = ph.positions_table(ds, "formula_1")
    assert len(pos) == 1
    assert pos["Who"].iloc[0] == "United Tajik Opposition"
    assert pos["What became of it"].iloc[0] == ph.NOT_SAID
    assert ph.positions_table(ds, "diagnostic").empty
    pr = ph.proposals_table(ds, "formula_1")
    assert len(pr) == 1
    assert pr["Government / opposition / others"].iloc[0] == "50 % / 50 % / 0 %"


def test_impasses_table(ds):
    im = ph.impasses_table(ds, "formula_1")
    assert len(im) == 1
    r = im.iloc[0]
    assert r["About"] == "Ceasefire"
    assert r["Arose"] == "5 April 1994" and r["Broken"] == "17 September 1994"
    assert r["Where or how broken"].startswith("Third-party pressure: ")
    names = dict(zip(ds.actors.index, ds.actors["name"]))
    assert r["Credited"] == f"{names['russia']}; {names['un']}"
    assert ph.impasses_table(ds, "formula_2").empty


def test_agreements_table(ds):
    ag = ph.agreements_table(ds, "formula_1")
    assert len(ag) == 1
    assert ag["Both Tajik sides"].iloc[0] == "yes"
    assert ag["Topics"].iloc[0] == "Ceasefire, Prisoners"


def test_tables_escape_in_markdown(ds):
    md = figures.table(ph.impasses_table(ds, "formula_1")).to_markdown()
    assert "\\|" in md and "\\*a\\*" in md


def test_summary_keys_and_counts(ds):
    s = ph.summary(ds, "formula_1")
    assert all(k.startswith("formula_1_") for k in s)
    assert s["formula_1_n_meetings"] == 3
    assert s["formula_1_n_meetings_both_sides"] == 2
    assert s["formula_1_n_other_meetings"] == 1
    assert s["formula_1_n_rounds"] == 2
    assert s["formula_1_n_impasses"] == 1
    assert s["formula_1_n_impasses_third_party"] == 1
    assert s["formula_1_n_agreements"] == 1
    assert s["formula_1_n_both_sides"] == 1
    assert s["formula_1_n_positions_opposition"] == 1
    assert ph.summary(ds, "diagnostic")["diagnostic_n_military"] == 1


def test_lanes_keep_overlapping_bars_apart():
    recs = [
        ("x", D("1994-01-01"), D("1994-04-30"), ""),
        ("x", D("1994-02-01"), D("1994-02-28"), ""),
        ("x", D("1994-06-01"), D("1994-06-30"), ""),
    ]
    assert ph._lanes(recs) == [0, 1, 0]


def test_timeline_figure_standards(ds):
    fig = ph.plot_phase_timeline(ds, "formula_1")
    ax = fig.axes[0]
    assert ax.get_title(loc="left")
    assert ax.get_xlabel() and ax.get_ylabel()
    assert figures.source_line(fig) == figures.DATASET_SOURCE
    assert fig.get_size_inches()[0] <= 6.3
    sizes = [t.get_fontsize() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
    assert min(sizes) >= 7
    a = figures.render(fig, "alt")
    b = figures.render(ph.plot_phase_timeline(ds, "formula_1"), "alt")
    assert a == b  # deterministic


def test_every_phase_figure_is_registered():
    reg = figures.registered()
    for pid in ph.PHASE_IDS:
        assert ph.timeline_name(pid) in reg
        assert reg[ph.timeline_name(pid)].alt == ph.PHASE_ALTS[pid]


def _code_cells(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.mark.parametrize("pid", ph.PHASE_IDS)
def test_notebook_is_thin_and_figure_metadata_matches(pid):
    path = NOTEBOOKS[pid]
    assert path.exists(), f"{path.name}: every phase has its chapter"
    cells = _code_cells(path)
    for c in cells:
        src = "".join(c["source"])
        assert "def " not in src and "class " not in src, "notebooks only call functions"
        assert "import pandas" not in src
        tags = c.get("metadata", {}).get("tags", [])
        assert "hide-input" in tags or "remove-cell" in tags
    figs = [c for c in cells if "mystnb" in c.get("metadata", {})]
    assert len(figs) == 1
    meta = figs[0]["metadata"]["mystnb"]
    assert meta["image"]["alt"] == ph.PHASE_ALTS[pid]
    assert meta["figure"]["name"] == f"fig-{ph.timeline_name(pid)}"
