"""Cross-table rules: two tables that code the same quotation must not contradict each other.

``relations`` records who did what to whom over the whole process; ``russian_moves`` adds, for
Russia in 1992-1994, the lever used. Where one quotation carries both a relation and a move on the
same party, the two codings describe one act, so a relation coded ``pressure`` cannot rest on a
move whose lever is ``persuasion``, nor the reverse. (Other pairs are allowed: a persuasion line
with a military lever held in reserve is coded ``persuasion`` and ``military_support``.)

The rules register in :data:`~tajik_peace.rules.CHECKS` like the others.
"""

from __future__ import annotations

from collections.abc import Iterable

from .reader import Table
from .report import Problem
from .rules import _p, check
from .text import split_list

#: Relation kind -> the levers that contradict it when both code the same quotation.
CONTRADICTING_LEVERS: dict[str, frozenset[str]] = {
    "pressure": frozenset({"persuasion"}),
    "persuasion": frozenset({"diplomatic_pressure"}),
}


def _quotations(tab: Table, table: str) -> dict[str, set[tuple[str, str, str]]]:
    """record id -> the (source, locator, quotation) triples that attest it."""
    out: dict[str, set[tuple[str, str, str]]] = {}
    for row in tab.rows:
        if row.get("table", "") == table:
            key = (row.get("source_id", ""), row.get("locator", ""), row.get("quote", "").strip())
            out.setdefault(row.get("record_id", ""), set()).add(key)
    return out


@check("relation-lever", "relations", "russian_moves", "attestations")
def check_relation_lever(t: dict[str, Table]) -> Iterable[Problem]:
    """A relation and a Russian move carried by one quotation agree on pressure or persuasion."""
    att = t["attestations"]
    moves_by_quote: dict[tuple[str, str, str], list[dict]] = {}
    move_quotes = _quotations(att, "russian_moves")
    moves = {row.get("move_id", ""): row for row in t["russian_moves"].rows}
    for move_id, keys in move_quotes.items():
        if move_id in moves:
            for key in keys:
                moves_by_quote.setdefault(key, []).append(moves[move_id])
    relation_quotes = _quotations(att, "relations")
    tab = t["relations"]
    for i, row in enumerate(tab.rows):
        kind = row.get("relation", "").strip()
        wrong = CONTRADICTING_LEVERS.get(kind)
        if not wrong:
            continue
        target = row.get("to_actor", "").strip()
        seen = set()
        for key in sorted(relation_quotes.get(row.get("relation_id", ""), ())):
            for move in moves_by_quote.get(key, ()):
                lever = move.get("lever", "").strip()
                move_id = move.get("move_id", "")
                if (
                    lever in wrong
                    and target in split_list(move.get("target_actor_ids", ""))
                    and move_id not in seen
                ):
                    seen.add(move_id)
                    yield _p(
                        tab,
                        i,
                        "relation",
                        f"is {kind!r}, but the Russian move {move_id!r}, coded from the same "
                        f"quotation ({key[1]}), has lever {lever!r}: one act, two readings",
                        "relation-lever",
                    )
