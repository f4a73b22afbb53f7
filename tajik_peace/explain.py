"""Field by field: what carries each value of a record.

``python -m tajik_peace explain events round5_ashgabat_part1`` prints every field of the record
with the quotation and locator that carry it, or the inference flag and the coder's reason, or the
rule that derives it. The book's data page renders the same view from :func:`field_evidence`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .data import Dataset, is_blank, source_labels
from .rules import EVIDENCE_WORDS, evidence_class
from .text import split_list


@dataclass(frozen=True)
class Quotation:
    source: str  # "Iji" or "Adamishin (2012)"
    locator: str
    quote: str
    attestation_id: str


@dataclass(frozen=True)
class FieldEvidence:
    field: str
    value: str
    status: str  # "quoted", "inferred", "unsupported", "empty" or an evidence class
    quotations: tuple[Quotation, ...] = ()
    note: str = ""  # the inference reason, or what derives the field


def _text(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_evidence(ds: Dataset, table: str, record_id: str) -> list[FieldEvidence]:
    """One :class:`FieldEvidence` per column of the record, in schema order.

    Raises ``KeyError`` naming the table or the record when there is none.
    """
    if table not in ds.tables:
        raise KeyError(f"no table {table!r}; tables are: {', '.join(ds.tables)}")
    frame = ds[table]
    if record_id not in frame.index:
        raise KeyError(f"{table} has no record {record_id!r}")
    row = frame.loc[record_id]
    id_field = ds.id_field(table)
    labels = source_labels(ds)
    att = ds.attestations_for(table, record_id)
    by_field: dict[str, list[Quotation]] = {}
    for aid, a in att.iterrows():
        q = Quotation(
            labels.get(str(a["source_id"]), str(a["source_id"])),
            str(a["locator"]),
            str(a["quote"]),
            str(aid),
        )
        for name in split_list(a["fields"]):
            by_field.setdefault(name, []).append(q)
    inferred = set(split_list(row.get("inferred")))
    notes = _text(row.get("notes"))
    out = []
    for spec in ds.resource(table)["schema"]["fields"]:
        name = spec["name"]
        value = record_id if name == id_field else _text(row.get(name))
        cls = evidence_class(spec)
        if cls.startswith("with:"):
            date_field = cls.removeprefix("with:")
            out.append(FieldEvidence(name, value, "with", (), f"precision of {date_field}"))
        elif cls != "quoted":
            out.append(FieldEvidence(name, value, cls, (), EVIDENCE_WORDS.get(cls, cls)))
        elif not value:
            out.append(FieldEvidence(name, value, "empty"))
        elif name in inferred:
            out.append(FieldEvidence(name, value, "inferred", (), notes))
        elif name in by_field:
            out.append(FieldEvidence(name, value, "quoted", tuple(by_field[name])))
        else:  # cannot happen in a validated package; shown rather than hidden
            out.append(FieldEvidence(name, value, "unsupported"))
    return out


def format_evidence(table: str, record_id: str, evidence: list[FieldEvidence]) -> str:
    """The plain-text view printed by ``python -m tajik_peace explain``."""
    lines = [f"{table}:{record_id}"]
    for ev in evidence:
        if ev.status == "empty" or not ev.value:
            continue
        lines.append(f"  {ev.field} = {ev.value}")
        if ev.status == "quoted":
            for q in ev.quotations:
                lines.append(f"      \u201c{q.quote}\u201d ({q.source}, {q.locator})")
        elif ev.status == "inferred":
            lines.append(f"      coder's inference: {ev.note}")
        elif ev.status == "unsupported":
            lines.append("      NOT SUPPORTED by any quotation")
        else:
            lines.append(f"      ({ev.note})")
    return "\n".join(lines)
