"""Tables of the discrepancies between the sources (``discrepancies.csv``), in the book's layouts.

A chapter names the discrepancies it discusses by id; an id that is not in the table raises
:class:`tajik_peace.records.UnknownIdError`, so a renamed record cannot silently drop out.

- :func:`claims_by_source`: one row per discrepancy, one column per coded source with what it says;
- :func:`accounts`: one row per discrepancy, the two accounts in the order the record gives them;
- :func:`claims_as_rows`: one discrepancy as rows, each source's claim and the assessment.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from .attestation import coded_sources, source_citations, source_names
from .records import rows

__all__ = ["accounts", "claims_as_rows", "claims_by_source"]


def _labelled(ids: Iterable[str] | Mapping[str, str]) -> dict[str, str]:
    """``{id: label}``: a mapping as given, plain ids labelled by themselves."""
    return dict(ids) if isinstance(ids, Mapping) else {i: i for i in ids}


def claims_by_source(
    ds,
    ids: Iterable[str] | Mapping[str, str],
    *,
    point: str | None = "Point",
    assessment: str | None = "Assessment",
    citations: bool = False,
) -> pd.DataFrame:
    """What each coded source says on each discrepancy, in the order of ``ids``.

    Columns: ``point`` (the label ``ids`` maps the id to, or the id; left out when None), one per
    coded source (its author's surname, or author and year with ``citations``), and the
    assessment under the name ``assessment`` (left out when None). A discrepancy within one source
    puts both of its claims, joined, in that source's column."""
    labels = _labelled(ids)
    found = rows(ds, "discrepancies", labels)
    sources = coded_sources(ds)
    names = (source_citations if citations else source_names)(ds)
    out = []
    for did, r in found.iterrows():
        says: dict[str, list[str]] = {s: [] for s in sources}
        for src, claim in ((r["source_a"], r["claim_a"]), (r["source_b"], r["claim_b"])):
            says.setdefault(str(src), []).append(str(claim))
        row = {point: labels[did]} if point else {}
        row.update({names[s]: " ".join(says[s]) for s in sources})
        if assessment:
            row[assessment] = r["assessment"]
        out.append(row)
    columns = [point] * bool(point) + [names[s] for s in sources] + [assessment] * bool(assessment)
    return pd.DataFrame(out, columns=columns)


def accounts(ds, ids: Mapping[str, str]) -> pd.DataFrame:
    """The discrepancies ``ids`` (id -> what is at stake), in that order: the point, one account,
    the other account and the assessment, whichever source each comes from."""
    found = rows(ds, "discrepancies", ids)
    out = [
        {
            "Point": ids[did],
            "One account": str(r["claim_a"]),
            "The other account": str(r["claim_b"]),
            "Assessment": str(r["assessment"]),
        }
        for did, r in found.iterrows()
    ]
    return pd.DataFrame(out, columns=["Point", "One account", "The other account", "Assessment"])


def claims_as_rows(ds, discrepancy_id: str) -> pd.DataFrame:
    """One discrepancy as three rows: what each source says (cited as 'Adamishin (2012)'), and the
    dataset's assessment."""
    r = rows(ds, "discrepancies", [discrepancy_id]).iloc[0]
    cite = source_citations(ds)
    out = [
        {"Who": cite.get(str(r["source_a"]), str(r["source_a"])), "What": r["claim_a"]},
        {"Who": cite.get(str(r["source_b"]), str(r["source_b"])), "What": r["claim_b"]},
        {"Who": "Dataset's assessment", "What": r["assessment"]},
    ]
    return pd.DataFrame(out, columns=["Who", "What"])
