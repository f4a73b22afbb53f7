"""Cross-table rules (tajik_peace.consistency): one quotation, one reading, whichever table codes it."""

from __future__ import annotations

import pytest
from pkgtools import add_row, find, line_of, of_check, set_cell

from tajik_peace.validate import validate

QUOTE = "Adamishin went to Tehran, where he convinced the opposition to reciprocate"
LOCATOR = "Lead-up to Negotiations: The Diagnostic Phase"


def _move(pkg, lever: str, targets: str = "uto", quote: str = QUOTE) -> None:
    """A Russian move coded from the quotation that carries the mini package's one relation."""
    add_row(
        pkg,
        "russian_moves",
        move_id="adamishin_tehran_1994",
        date_start="1994-03-01",
        date_start_precision="month",
        date_edtf="1994-03",
        russian_actor_kind="foreign_ministry",
        actor_id="adamishin",
        lever=lever,
        target_actor_ids=targets,
        stance="for_talks",
        description="Adamishin in Tehran.",
    )
    add_row(
        pkg,
        "attestations",
        attestation_id="russian_moves-adamishin_tehran_1994-1",
        table="russian_moves",
        record_id="adamishin_tehran_1994",
        fields="russian_actor_kind;actor_id;lever;target_actor_ids;stance;description;date_start",
        source_id="iji",
        locator=LOCATOR,
        quote=quote,
    )


def test_a_move_that_agrees_with_the_relation_passes(mini_package):
    _move(mini_package, "persuasion")
    report = validate(mini_package)
    assert not of_check(report, "relation-lever")


def test_pressure_and_persuasion_on_one_quotation_are_refused_naming_row_and_field(mini_package):
    _move(mini_package, "diplomatic_pressure")
    report = validate(mini_package)
    problems = of_check(report, "relation-lever")
    assert len(problems) == 1
    assert find(problems, "relations.csv", line_of(mini_package, "relations", 0), "relation")
    assert "adamishin_tehran_1994" in problems[0].message
    assert "diplomatic_pressure" in problems[0].message


def test_the_reverse_contradiction_is_refused_too(mini_package):
    set_cell(mini_package, "relations", 0, "relation", "pressure")
    _move(mini_package, "persuasion")
    assert len(of_check(validate(mini_package), "relation-lever")) == 1


@pytest.mark.parametrize(
    ("targets", "quote"),
    [
        ("tajik_government", QUOTE),  # the move is on another party
        ("uto", "Adamishin went to Tehran"),  # another quotation
    ],
)
def test_a_move_on_another_party_or_from_another_quotation_is_not_compared(
    mini_package, targets, quote
):
    _move(mini_package, "diplomatic_pressure", targets=targets, quote=quote)
    assert not of_check(validate(mini_package), "relation-lever")
