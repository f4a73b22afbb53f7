"""tajik_peace.reliability: the seeded sample and the agreement figures, on small frames."""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tajik_peace.reliability import (
    EMPTY,
    agreement,
    agreement_table,
    draw_sample,
    reliability_table,
    settlement_counts,
)

RECORDS = [("events", f"e{i}") for i in range(30)] + [("actors", f"a{i}") for i in range(20)]


def test_draw_is_reproducible_and_independent_of_input_order():
    first = draw_sample(RECORDS, 10, seed=7)
    shuffled = RECORDS[:]
    random.Random(1).shuffle(shuffled)
    assert draw_sample(shuffled, 10, seed=7) == first
    assert len(set(first)) == 10 and set(first) <= set(RECORDS)
    assert draw_sample(RECORDS, 10, seed=8) != first


def test_draw_cannot_exceed_the_pool():
    with pytest.raises(ValueError, match="cannot draw 60 records from 50"):
        draw_sample(RECORDS, 60)


def _pairs(field, first, second):
    return pd.DataFrame({"field": field, "first": first, "second": second})


def test_agreement_matches_a_hand_computed_alpha():
    # Two coders, four items, categories a/b: observed disagreement 1 of 4 pairs.
    out = agreement(_pairs("f", ["a", "b", "b", "a"], ["a", "b", "a", "a"])).iloc[0]
    assert (out["items"], out["agreements"], out["percent"]) == (4, 3, 75.0)
    # Krippendorff (nominal): 1 - (n-1) * D_o / D_e over the coincidence matrix = 1 - 7 * 2 / 30
    assert out["alpha"] == pytest.approx(1 - 7 * 2 / 30)


def test_empty_values_are_one_category_and_alpha_is_undefined_without_variation():
    out = agreement(_pairs("f", ["", None, "x"], [float("nan"), "", "x"])).iloc[0]
    assert out["agreements"] == 3 and out["percent"] == 100.0 and out["alpha"] == 1.0
    same = agreement(_pairs("g", ["x", "x"], ["x", "x"])).iloc[0]
    assert same["percent"] == 100.0 and math.isnan(same["alpha"])
    assert EMPTY == "(none)"


def _double_coding():
    return pd.DataFrame(
        {
            "sample_key": ["S01", "S01", "S02", "S02", "S03"],
            "table": ["events", "events", "events", "events", "actors"],
            "record_id": ["e1", "e1", "e2", "e2", "a1"],
            "field": ["kind", "date_start", "kind", "date_start", "kind"],
            "first_coder": ["round", "1994-04-05", "summit", "1995-05-01", "person"],
            "second_coder": ["round", "1994-04-05", "round", "1995-05-17", "state"],
            "counted": [True, True, True, True, False],
            "settlement": [
                "agreed",
                "agreed",
                "both_readings",
                "dataset_kept",
                "dataset_corrected",
            ],
            "note": ["", "", "x", "y", "z"],
        }
    )


def test_table_counts_only_counted_items_and_pools_them():
    t = agreement_table(_double_coding()).set_index("field")
    assert list(t.index) == ["events.date_start", "events.kind", "all fields"]
    assert t.loc["all fields", "items"] == 4 and t.loc["all fields", "agreements"] == 2
    shown = reliability_table(_double_coding()).set_index("Field")
    assert shown.loc["all fields", "Agreement (%)"] == "50"
    assert settlement_counts(_double_coding()) == {
        "agreed": 2,
        "both_readings": 1,
        "dataset_kept": 1,
        "records": 3,
        "records_counted": 2,
        "items": 4,
    }


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abc")), min_size=2, max_size=40))
def test_percent_is_the_share_of_equal_pairs_and_alpha_at_most_one(pairs):
    first, second = zip(*pairs)
    out = agreement(_pairs("f", list(first), list(second))).iloc[0]
    assert out["agreements"] == sum(a == b for a, b in pairs)
    assert out["percent"] == pytest.approx(100 * out["agreements"] / len(pairs))
    assert math.isnan(out["alpha"]) or out["alpha"] <= 1.0 + 1e-9
    if all(a == b for a, b in pairs) and len(set(first)) > 1:
        assert out["alpha"] == pytest.approx(1.0)
