"""load_dataset(): types, keys, order, defaults; DataError."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from conftest import DATA_DIR
from pkgtools import set_cell

from tajik_peace import data as D
from tajik_peace.data import DataError, Dataset, load_dataset, split_list
from tajik_peace.validate import Problem

ORDER = [r["name"] for r in json.loads((DATA_DIR / "datapackage.json").read_text())["resources"]]


def test_tables_in_datapackage_order(mini_dataset):
    assert list(mini_dataset) == ORDER
    assert list(mini_dataset.tables) == ORDER
    assert len(mini_dataset) == len(ORDER) == 19
    assert [name for name, _ in mini_dataset.items()] == ORDER


def test_three_ways_to_a_table(mini_dataset):
    assert mini_dataset.events is mini_dataset["events"] is mini_dataset.tables["events"]
    with pytest.raises(KeyError, match="no table 'rounds'"):
        mini_dataset["rounds"]
    with pytest.raises(AttributeError, match="rounds"):
        mini_dataset.rounds  # noqa: B018 -- the attribute access is what raises


def test_indexed_by_id(mini_dataset):
    events = mini_dataset.events
    assert events.index.name == "event_id"
    assert "event_id" not in events.columns
    assert events.index.is_unique
    assert events.loc["round_2_tehran", "place_id"] == "tehran"
    assert mini_dataset.actors.index.name == "actor_id"
    assert mini_dataset.id_field("statistics") == "stat_id"


def test_dates_are_datetimes_with_nat(mini_dataset):
    events = mini_dataset.events
    assert np.issubdtype(events["date_start"].dtype, np.datetime64)
    assert np.issubdtype(events["date_end"].dtype, np.datetime64)
    assert events.loc["round_1_moscow", "date_start"] == pd.Timestamp("1994-04-05")
    assert pd.isna(events.loc["round_1_moscow", "date_end"])
    assert events.loc["tehran_consultation_1994", "date_end"] == pd.Timestamp("1994-09-17")


def test_integers_are_nullable(mini_dataset):
    events = mini_dataset.events
    assert str(events["round_number"].dtype) == "Int64"
    assert events.loc["round_2_tehran", "round_number"] == 2
    assert events.loc["border_outpost_attack", "round_number"] is pd.NA
    assert str(mini_dataset.phases["order"].dtype) == "Int64"
    assert str(mini_dataset.sources["year"].dtype) == "Int64"


def test_numbers_are_floats(mini_dataset):
    assert mini_dataset.places["latitude"].dtype == np.float64
    assert mini_dataset.proposals.loc["state_soviet_1994", "government_share"] == 50.0
    assert mini_dataset.statistics.loc["war_dead", "value"] == 60000.0


def test_enums_are_categorical_with_the_vocabulary(mini_dataset):
    kind = mini_dataset.events["kind"]
    assert isinstance(kind.dtype, pd.CategoricalDtype)
    assert list(kind.cat.categories)[:3] == ["round", "consultation", "summit"]
    assert list(mini_dataset.events["date_end_precision"].cat.categories) == [
        "day",
        "month",
        "year",
        "approximate",
    ]
    # precision columns are kept
    assert {"start_precision", "end_precision"} <= set(mini_dataset.phases.columns)


def test_strings_and_lists_stay_strings(mini_dataset):
    actors = mini_dataset.events.loc["round_2_tehran", "actors"]
    assert actors == "tajik_government;uto;un"
    assert pd.isna(mini_dataset.events.loc["border_outpost_attack", "outcome"])


@pytest.mark.parametrize(
    "value,expected",
    [
        ("a;b;c", ["a", "b", "c"]),
        (" a ; b ", ["a", "b"]),
        ("a;;b;", ["a", "b"]),
        ("", []),
        (None, []),
        (float("nan"), []),
        (pd.NA, []),
        ("single", ["single"]),
    ],
)
def test_split_list(value, expected):
    assert split_list(value) == expected


def test_explode(mini_dataset):
    long = mini_dataset.explode("events", "actors")
    assert list(long.columns) == ["event_id", "actors"]
    assert long[long["event_id"] == "round_2_tehran"]["actors"].tolist() == [
        "tajik_government",
        "uto",
        "un",
    ]
    assert "border_outpost_attack" in set(long["event_id"])
    assert len(mini_dataset.explode("agreements", "topics")) == 2


def test_attestations_for(mini_dataset):
    att = mini_dataset.attestations_for("events", "round_1_moscow")
    assert sorted(att["source_id"]) == ["adamishin2012", "iji"]
    assert mini_dataset.attestations_for("events", "nothing").empty


def test_dataset_metadata(mini_dataset):
    assert mini_dataset.version == "0.1.0"
    assert "events=6" in repr(mini_dataset)
    assert isinstance(mini_dataset, Dataset)


def test_data_dir_from_env(monkeypatch, mini_package):
    monkeypatch.setenv("TAJIK_PEACE_DATA", str(mini_package))
    ds = load_dataset()
    assert ds.data_dir == mini_package and len(ds.events) == 6


def test_argument_beats_env(monkeypatch, mini_package, tmp_path):
    monkeypatch.setenv("TAJIK_PEACE_DATA", str(tmp_path / "nowhere"))
    assert len(load_dataset(mini_package).actors) == 9


def test_default_is_the_repository_data(monkeypatch):
    monkeypatch.delenv("TAJIK_PEACE_DATA", raising=False)
    assert D.resolve_data_dir() == DATA_DIR


def test_load_real_data():
    """The real package loads."""
    ds = load_dataset(DATA_DIR)
    assert len(ds.events) > 0 and len(ds.attestations) > 0


def test_load_fails_as_a_whole(mini_package, monkeypatch):
    line = set_cell(mini_package, "places", 0, "latitude", "north")
    with pytest.raises(DataError) as info:
        load_dataset(mini_package)
    err = info.value
    assert isinstance(err, ValueError)
    assert [(p.row, p.field) for p in err.problems] == [(line, "latitude")]
    assert "has 1 problem:" in str(err)
    assert f"places.csv, row {line}, field latitude: 'north' is not a number" in str(err)


@pytest.mark.sources
def test_load_with_quote_check(mini_package, sources_path):
    set_cell(mini_package, "attestations", 2, "quote", "Words no source holds.")
    assert load_dataset(mini_package).events is not None  # not checked by default
    with pytest.raises(DataError, match="does not stand verbatim"):
        load_dataset(mini_package, check_quotes=True, sources_dir=sources_path)


def test_data_error_text():
    problems = [
        Problem(
            "data/events.csv",
            14,
            "date_start",
            "'bad-date' is not a valid ISO 8601 date",
            "type-error",
        ),
        Problem("data/x.csv", None, None, "file is missing", "file-missing"),
    ]
    text = str(DataError(problems))
    assert "has 2 problems:" in text
    assert (
        "data/events.csv, row 14, field date_start: 'bad-date' is not a valid ISO 8601 date" in text
    )
    assert "data/x.csv: file is missing" in text


def test_with_id_puts_the_index_back_as_a_column_and_copies():
    from tajik_peace.data import with_id

    indexed = pd.DataFrame({"name": ["a", "b"]}, index=pd.Index(["x", "y"], name="actor_id"))
    out = with_id(indexed, "actor_id")
    assert list(out.columns) == ["actor_id", "name"] and list(out["actor_id"]) == ["x", "y"]
    plain = pd.DataFrame({"actor_id": ["x"], "name": ["a"]})
    same = with_id(plain, "actor_id")
    assert same.equals(plain) and same is not plain


def test_names_by_id_maps_ids_to_names_whether_indexed_or_not():
    from tajik_peace.data import names_by_id

    indexed = pd.DataFrame(
        {"name": ["Moscow", "Tehran"]}, index=pd.Index(["moscow", "tehran"], name="place_id")
    )
    assert names_by_id(indexed, "place_id") == {"moscow": "Moscow", "tehran": "Tehran"}
    plain = pd.DataFrame({"actor_id": ["nuri"], "name": ["Said Abdullo Nuri"], "kind": ["person"]})
    assert names_by_id(plain, "actor_id", "kind") == {"nuri": "person"}


@pytest.mark.parametrize(
    "value, blank",
    [
        (None, True),
        (float("nan"), True),
        (pd.NA, True),
        (pd.NaT, True),
        ("", True),
        ("  ", True),
        ("x", False),
        (0, False),
        (0.0, False),
        (pd.Timestamp("1994-04-05"), False),
        (["a"], False),
    ],
)
def test_is_blank(value, blank):
    from tajik_peace.data import is_blank

    assert is_blank(value) is blank
