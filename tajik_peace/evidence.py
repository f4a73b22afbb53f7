"""The data page: how each coded value rests on the sources, what the reviews changed, and how far
a second coder agrees.

Every table here is built from the data package; every value that reaches the page is escaped
(Markdown tables and HTML both through :mod:`tajik_peace.display`).
"""

from __future__ import annotations

import re

import pandas as pd

from .data import Dataset, is_blank, split_list
from .display import escape_html, escape_markdown
from .explain import FieldEvidence, field_evidence
from .reliability import reliability_table, settlement_counts
from .validate import ATTESTED_TABLES, quoted_fields

__all__ = [
    "RecordBrowser",
    "coverage_table",
    "record_anchor",
    "record_html",
    "reliability",
    "review_table",
    "second_review_table",
    "summary",
]

DEFECT_LABELS = {  # short, for table headers; the codebook defines each kind
    "day_overstated": "Too precise",
    "precision_lost": "Precision lost",
    "unsupported_value": "Unsupported value",
    "hedge_dropped": "Hedge dropped",
    "misattributed": "Misattributed",
    "anachronism": "Anachronism",
    "wrong_quote": "Wrong quotation",
    "overreach": "Overreach",
    "unsupported_field": "Unquoted value",
    "other": "Other",
}
#: Defects that changed a value (the rest only tied a right value to its evidence).
VALUE_DEFECTS = [d for d in DEFECT_LABELS if d != "unsupported_field"]


def coverage_table(ds: Dataset) -> pd.DataFrame:
    """Per coded table: records, non-empty coded values, how many a quotation carries and how
    many are flagged as the coder's inference."""
    rows = []
    for table in ATTESTED_TABLES:
        frame = ds[table]
        fields = quoted_fields(ds.resource(table))
        values = inferred = 0
        for _, row in frame.iterrows():
            flagged = set(split_list(row.get("inferred")))
            for name in fields:
                if not is_blank(row.get(name)):
                    values += 1
                    inferred += name in flagged
        rows.append(
            {
                "Table": table,
                "Records": len(frame),
                "Coded values": values,
                "Carried by a quotation": values - inferred,
                "Flagged as inferred": inferred,
                "Inferred (%)": f"{100 * inferred / values:.0f}" if values else "0",
            }
        )
    out = pd.DataFrame(rows)
    total = {
        "Table": "all tables",
        **{
            c: int(out[c].sum())
            for c in ["Records", "Coded values", "Carried by a quotation", "Flagged as inferred"]
        },
    }
    total["Inferred (%)"] = f"{100 * total['Flagged as inferred'] / total['Coded values']:.0f}"
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def _changes(ds: Dataset, passes: tuple[str, ...]) -> pd.DataFrame:
    """Review-log rows that changed a value (not those that only added a quotation, a flag or a
    new record)."""
    log = ds.review_log
    log = log[log["pass"].astype(str).isin(passes)]
    changed = log["action"].astype(str).isin(["corrected", "removed"]) | (
        log["defect"].astype(str) == "wrong_quote"
    )
    return log[changed & log["defect"].astype(str).isin(VALUE_DEFECTS)]


def review_table(ds: Dataset) -> pd.DataFrame:
    """Records whose values a review changed, by table (rows) and kind of defect (columns).

    A record counts once per kind of defect however many of its fields it touched; rows that only
    tied a right value to a quotation are left out.
    """
    log = _changes(ds, ("field-coding", "second-review", "double-coding"))
    pairs = log[["table", "record_id", "defect"]].astype(str).drop_duplicates()
    pairs = pairs[pairs["table"] != "attestations"]
    counts = pd.crosstab(pairs["table"], pairs["defect"])
    counts = counts.reindex(
        index=[t for t in ATTESTED_TABLES if t in counts.index],
        columns=[d for d in VALUE_DEFECTS if d in counts.columns],
        fill_value=0,
    )
    changed = pairs.groupby("table")["record_id"].nunique()
    out = counts.rename(columns=DEFECT_LABELS)
    out.insert(0, "Records changed", changed.reindex(out.index).fillna(0).astype(int))
    out.insert(0, "Records", [len(ds[t]) for t in out.index])
    out.index.name = "Table"
    return out.reset_index()


def second_review_table(ds: Dataset) -> pd.DataFrame:
    """Outcome of the independent review, by table."""
    sr = ds.second_review
    counts = pd.crosstab(sr["table"].astype(str), sr["outcome"].astype(str))
    counts = counts.reindex(
        index=[t for t in ATTESTED_TABLES if t in counts.index],
        columns=["confirmed", "corrected", "judgement_call"],
        fill_value=0,
    )
    counts.insert(0, "Reviewed", counts.sum(axis=1))
    counts.insert(0, "Records", [len(ds[t]) for t in counts.index])
    counts = counts.rename(
        columns={
            "confirmed": "Confirmed",
            "corrected": "Corrected",
            "judgement_call": "Judgement call",
        }
    )
    counts.index.name = "Table"
    return counts.reset_index()


def reliability(ds: Dataset) -> pd.DataFrame:
    """The agreement table of the blind double coding (see :mod:`tajik_peace.reliability`)."""
    return reliability_table(_double_coding(ds))


def blind_recoding(ds: Dataset) -> pd.DataFrame:
    """The agreement table of the blind re-coding of defined fields (relation kinds and basis,
    meetings' both_sides)."""
    return reliability_table(_double_coding(ds, "blind_recoding"))


def _double_coding(ds: Dataset, table: str = "double_coding") -> pd.DataFrame:
    """A table of two codings (``double_coding`` or ``blind_recoding``, same columns) as text,
    ``counted`` as bool."""
    frame = ds[table]
    dc = frame.reset_index() if any(frame.index.names) else frame.copy()
    dc["counted"] = dc["counted"].fillna(False).astype(bool)
    for col in ("first_coder", "second_coder", "note", "settlement", "table", "record_id", "field"):
        dc[col] = dc[col].astype(object).where(dc[col].notna(), "").astype(str)
    return dc


def summary(ds: Dataset) -> dict[str, object]:
    """Numbers the page's prose quotes (glued, never typed)."""
    cov = coverage_table(ds).set_index("Table").loc["all tables"]
    dc = _double_coding(ds)
    agreement = reliability_table(dc).set_index("Field")
    rel = agreement.loc["all fields"]
    settled = settlement_counts(dc)
    changed = _changes(ds, ("field-coding",))
    second = ds.second_review["outcome"].astype(str).value_counts()
    return {
        "coded_tables": len(ATTESTED_TABLES),
        "records": int(cov["Records"]),
        "coded_values": int(cov["Coded values"]),
        "inferred_values": int(cov["Flagged as inferred"]),
        "inferred_percent": cov["Inferred (%)"],
        "attestations": len(ds.attestations),
        "field_coding_records_changed": int(
            changed[changed["table"].astype(str) != "attestations"][["table", "record_id"]]
            .drop_duplicates()
            .shape[0]
        ),
        "second_review_records": len(ds.second_review),
        "second_review_corrected": int(second.get("corrected", 0)),
        "second_review_judgement": int(second.get("judgement_call", 0)),
        "sample_records": settled["records"],
        "sample_records_counted": settled["records_counted"],
        "sample_excluded": settled["records"] - settled["records_counted"],
        "sample_items": settled["items"],
        "pooled_agreement": rel["Agreement (%)"],
        "pooled_alpha": rel["Krippendorff's alpha"],
        "sample_corrected": int(settled.get("dataset_corrected", 0)),
        "sample_kept": int(settled.get("dataset_kept", 0)),
        "sample_both": int(settled.get("both_readings", 0)),
        **_recoding_summary(ds),
        "double_coding_kind_alpha": agreement.loc["relations.relation", "Krippendorff's alpha"],
    }


def _recoding_summary(ds: Dataset) -> dict[str, object]:
    rc = _double_coding(ds, "blind_recoding")
    table = reliability_table(rc).set_index("Field")
    kind = table.loc["relations.relation"]
    basis = table.loc["relations.basis"]
    meetings = table.loc["events.both_sides"]
    relations = rc[rc["table"] == "relations"]
    settled = settlement_counts(relations[relations["field"] == "relation"])
    return {
        "recoding_relations": int(relations["record_id"].nunique()),
        "recoding_kind_agreement": kind["Agreement (%)"],
        "recoding_kind_alpha": kind["Krippendorff's alpha"],
        "recoding_basis_agreement": basis["Agreement (%)"],
        "recoding_basis_alpha": basis["Krippendorff's alpha"],
        "recoding_kind_differences": int(kind["Items"]) - int(kind["Agreed"]),
        "recoding_meetings": int(meetings["Items"]),
        "recoding_meetings_agreed": int(meetings["Agreed"]),
        "recoding_corrected": int(settled.get("dataset_corrected", 0)),
        "recoding_kept": int(settled.get("dataset_kept", 0)),
        "recoding_both": int(settled.get("both_readings", 0)),
    }


def record_anchor(table: str, record_id: str) -> str:
    """The HTML id of a record on the data page (links from elsewhere point here)."""
    return f"record-{table}-{record_id}"


def _record_html(ds: Dataset, table: str, record_id: str) -> str:
    return record_html(table, record_id, field_evidence(ds, table, record_id))


def record_html(table: str, record_id: str, evidence: list[FieldEvidence]) -> str:
    """One record: each quotation once, with the fields it carries; then the inferred fields.

    Every value (ids, field names, values, quotations, sources, locators, notes) is escaped text.
    """
    e = escape_html
    evidence = [ev for ev in evidence if ev.value]
    value = {ev.field: ev.value for ev in evidence}
    carried: dict[str, tuple] = {}
    for ev in evidence:
        if ev.status == "quoted":
            for q in ev.quotations:
                carried.setdefault(q.attestation_id, (q, []))[1].append(ev.field)
    parts = []
    for q, names in carried.values():
        fields = "; ".join(f"<code>{e(n)}</code> = {e(value[n])}" for n in names)
        parts.append(
            f"<li>\u201c{e(q.quote)}\u201d ({e(q.source)}, {e(q.locator)}) "
            f"<br>carries {fields}</li>"
        )
    inferred = [ev for ev in evidence if ev.status == "inferred"]
    note = ""
    if inferred:
        names = "; ".join(f"<code>{e(ev.field)}</code> = {e(ev.value)}" for ev in inferred)
        note = f"<p>Coder\u2019s inference: {names}. {e(inferred[0].note)}</p>"
    return (
        f'<details id="{e(record_anchor(table, record_id))}"><summary><code>{e(record_id)}'
        f"</code></summary><ul>{''.join(parts)}</ul>{note}</details>"
    )


class RecordBrowser:
    """Every record's coded values with the quotations that carry them, in the HTML edition.

    The PDF gets a pointer instead: the full evidence would run to about a hundred pages, and
    ``python -m tajik_peace explain TABLE ID`` prints any record the same way.
    """

    def __init__(self, ds: Dataset, tables: tuple[str, ...] = ATTESTED_TABLES):
        self.ds, self.tables = ds, tables

    def _repr_html_(self) -> str:
        parts = ['<div class="record-browser">']
        for table in self.tables:
            ids = sorted(map(str, self.ds[table].index))
            parts.append(
                f"<details><summary><strong>{escape_html(table)}</strong> "
                f"({len(ids)} records)</summary>"
            )
            parts += [_record_html(self.ds, table, rid) for rid in ids]
            parts.append("</details>")
        parts.append("</div>")
        return "\n".join(parts)

    # Markdown, not LaTeX: a text/latex output would count as an equation and pull MathJax into
    # the HTML, which must load nothing from other hosts.
    def _repr_markdown_(self) -> str:
        return (
            "The evidence of every record, field by field, is in the HTML edition of this page; "
            "`python -m tajik_peace explain TABLE ID` prints any record the same way."
        )

    def __repr__(self) -> str:
        return f"<RecordBrowser: {', '.join(self.tables)}>"


# ---- downloads ---------------------------------------------------------------------------------

#: Where the build writes the data package as one zip (sphinx_ext.write_data_zip), relative to the
#: repository; the data page links it from book/.
DATA_ZIP = "_build/downloads/tajik-peace-data.zip"
_SAFE_PATH = re.compile(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.(csv|json|md|geojson|zip)")


def _download(text: str, path: str) -> str:
    """A MyST download role. A role's text is not parsed, so it cannot be escaped: the file name
    and the path are checked instead, and anything else is refused."""
    if not _SAFE_PATH.fullmatch(path) or not _SAFE_PATH.fullmatch(text):
        raise ValueError(f"not a file the data page may link: {text!r} at {path!r}")
    return f"{{download}}`{text} <../{path}>`"


class Downloads:
    """The data page's download list: the package as a zip, its schema and codebook, each table."""

    def __init__(self, ds: Dataset):
        self.ds = ds

    def items(self) -> list[tuple[str, str, str]]:
        """(link text, repository path, description) for each download, the zip first."""
        out = [
            (
                "tajik-peace-data.zip",
                DATA_ZIP,
                "the whole data package: every table, the schema and the codebook",
            ),
            ("datapackage.json", "data/datapackage.json", "the schema (Frictionless data package)"),
            ("README.md", "data/README.md", "the codebook"),
        ]
        for name in self.ds:
            resource = self.ds.resource(name)
            rows = len(self.ds[name])
            out.append(
                (
                    f"{name}.csv",
                    f"data/{resource['path']}",
                    f"{resource.get('title', name)}, {rows} {'row' if rows == 1 else 'rows'}",
                )
            )
        return out

    def _repr_markdown_(self) -> str:
        return (
            "\n".join(
                f"- {_download(text, path)}: {escape_markdown(about)}"
                for text, path, about in self.items()
            )
            + "\n"
        )

    def __repr__(self) -> str:
        return "\n".join(f"{text}: {about}" for text, _, about in self.items())
