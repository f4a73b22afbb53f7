"""Inter-coder reliability of the dataset: a blind second coder against the dataset, field by field.

The sample is drawn by :func:`draw_sample` (a seeded random choice from the sorted record list), and
for each sampled record the second coder saw only the kind of record and its anchor quotation, and
coded the fields from the source texts alone. ``data/double_coding.csv`` keeps both codings (the
dataset's value as it stood when the two were compared), whether the item counts, and how each
disagreement was settled. :func:`agreement` computes, per field, percent agreement and
Krippendorff's alpha (nominal) with the ``krippendorff`` package.
"""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pandas as pd

__all__ = [
    "EMPTY",
    "SAMPLE_SIZE",
    "SEED",
    "agreement",
    "agreement_table",
    "draw_sample",
    "read_double_coding",
    "reliability_table",
    "settlement_counts",
]

#: The draw of November 2026: 72 records (60 needed, 12 to spare) with this seed.
SEED = 19970627
SAMPLE_SIZE = 72
#: How an empty value ("the sources give none") is coded: a category like any other.
EMPTY = "(none)"


def draw_sample(
    records: list[tuple[str, str]], n: int = SAMPLE_SIZE, seed: int = SEED
) -> list[tuple[str, str]]:
    """``n`` distinct (table, record_id) pairs chosen at random, reproducibly, from ``records``.

    The records are sorted first, so the draw depends only on the set of records and the seed.
    """
    pool = sorted(set(records))
    if n > len(pool):
        raise ValueError(f"cannot draw {n} records from {len(pool)}")
    return random.Random(seed).sample(pool, n)


def _code(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return EMPTY
    text = str(value).strip()
    return text if text else EMPTY


def agreement(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per field: items, agreements, percent agreement and Krippendorff's alpha (nominal).

    ``pairs`` has one row per coded item and the columns ``field``, ``first`` and ``second``
    (empty values count as the category :data:`EMPTY`). Alpha is NaN where it is undefined: every
    value in the field is the same category, so there is no variation to agree on.
    """
    rows = []
    for field, group in pairs.groupby("field", sort=True):
        first = [_code(v) for v in group["first"]]
        second = [_code(v) for v in group["second"]]
        categories = sorted(set(first) | set(second))
        n = len(first)
        agree = sum(a == b for a, b in zip(first, second))
        if len(categories) < 2:
            alpha = float("nan")
        else:
            index = {c: i for i, c in enumerate(categories)}
            data = np.array([[index[v] for v in first], [index[v] for v in second]], dtype=float)
            alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
        rows.append(
            {
                "field": field,
                "items": n,
                "agreements": agree,
                "percent": 100.0 * agree / n if n else float("nan"),
                "alpha": alpha,
            }
        )
    return pd.DataFrame(rows, columns=["field", "items", "agreements", "percent", "alpha"])


def agreement_table(double_coding: pd.DataFrame) -> pd.DataFrame:
    """The reliability table of the book and the codebook, from ``data/double_coding.csv``.

    Counts only the items marked ``counted``; one row per ``table.field``, then an "all fields"
    row pooling every item.
    """
    used = double_coding[double_coding["counted"].astype(bool)].copy()
    used["field"] = used["table"].astype(str) + "." + used["field"].astype(str)
    per_field = agreement(used.rename(columns={"first_coder": "first", "second_coder": "second"}))
    pooled = agreement(
        used.assign(field="all fields").rename(
            columns={"first_coder": "first", "second_coder": "second"}
        )
    )
    return pd.concat([per_field, pooled], ignore_index=True)


def read_double_coding(path) -> pd.DataFrame:
    """``double_coding.csv`` as text (empty cells as ''), ``counted`` as bool."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["counted"] = frame["counted"].str.strip().str.lower() == "true"
    return frame


def _figure(value: float, digits: int) -> str:
    return "n/a" if pd.isna(value) else f"{value:.{digits}f}"


def reliability_table(double_coding: pd.DataFrame) -> pd.DataFrame:
    """:func:`agreement_table` as the text a reader sees: percent to a whole number, alpha to
    two decimals, "n/a" where alpha is undefined (no variation in the field)."""
    t = agreement_table(double_coding)
    return pd.DataFrame(
        {
            "Field": t["field"],
            "Items": t["items"].astype(int).astype(str),
            "Agreed": t["agreements"].astype(int).astype(str),
            "Agreement (%)": [_figure(v, 0) for v in t["percent"]],
            "Krippendorff's alpha": [_figure(v, 2) for v in t["alpha"]],
        }
    )


def settlement_counts(double_coding: pd.DataFrame) -> dict[str, int]:
    """How the counted disagreements were settled, plus the sample's size: for prose."""
    used = double_coding[double_coding["counted"]]
    out = {k: int(v) for k, v in used["settlement"].value_counts().items()}
    out["records"] = int(double_coding["record_id"].nunique())
    out["records_counted"] = int(used["record_id"].nunique())
    out["items"] = len(used)
    return out
