"""The book's reference pages: the full chronology of coded events.

The chronology lists every event in ``events`` with its dates as precisely as the sources give
them, its kind, place and phase, and the sources that attest it. In the HTML it is an interactive
table (DataTables through ``itables``), whose script is served from the book itself
(``_static/itables/``, copied there by :mod:`tajik_peace.sphinx_itables`), so it works without a
network. Every other output (the PDF, a notebook viewer without JavaScript) gets the same rows as an
escaped Markdown table.
"""

from __future__ import annotations

import pandas as pd

from .data import names_by_id, source_labels, with_id
from .dates import format_span
from .display import markdown_table
from .validate import split_list

#: Where the DataTables bundle is served from, relative to a chapter page in ``book/``.
DT_URL = "../_static/itables/dt_bundle.js"

#: The columns of the chronology, in reading order.
CHRONOLOGY_COLUMNS = ("Date", "Event", "Kind", "Place", "Phase", "Sources")


def kind_label(kind: str) -> str:
    """An event kind as a reader says it: 'expert_meeting' -> 'Expert meeting'."""
    return str(kind).replace("_", " ").capitalize()


def phase_label(name: str) -> str:
    """'First formula phase: launch of negotiations' -> 'First formula phase'."""
    return str(name).split(":")[0].split(" (")[0].strip()


def attesting_sources(ds, table: str) -> dict[str, list[str]]:
    """``{record_id: [source label, ...]}`` for one table, sources in the order of sources.csv."""
    labels = source_labels(ds)
    order = {sid: i for i, sid in enumerate(labels)}
    att = ds["attestations"]
    att = att[att["table"].astype(str) == table]
    out: dict[str, set[str]] = {}
    for rid, sid in zip(att["record_id"].astype(str), att["source_id"].astype(str)):
        if sid not in labels:
            raise KeyError(f"attestations: source_id {sid!r} is not in sources.csv")
        out.setdefault(rid, set()).add(sid)
    return {rid: [labels[s] for s in sorted(sids, key=order.get)] for rid, sids in out.items()}


def chronology(ds) -> pd.DataFrame:
    """Every coded event, in date order (ties by id), one row each, as the reader sees it.

    Unknown place or phase ids raise: a renamed id must not silently empty a cell."""
    ev = with_id(ds["events"], "event_id")
    places = names_by_id(ds["places"], "place_id")
    phases = {k: phase_label(v) for k, v in names_by_id(ds["phases"], "phase_id").items()}
    attested = attesting_sources(ds, "events")
    ev = ev.sort_values(["date_start", "event_id"], kind="mergesort")
    rows = []
    for r in ev.itertuples(index=False):
        rid = str(r.event_id)
        rows.append(
            {
                "sort_date": pd.Timestamp(r.date_start).strftime("%Y-%m-%d"),
                "Date": format_span(
                    r.date_start, r.date_start_precision, r.date_end, r.date_end_precision
                ),
                "Event": str(r.title),
                "Kind": kind_label(r.kind),
                "Place": _lookup(places, r.place_id, "place_id", rid),
                "Phase": _lookup(phases, r.phase_id, "phase_id", rid) or _outside(ds, r.date_start),
                "Sources": "; ".join(attested.get(rid, [])),
            }
        )
    return pd.DataFrame(rows, columns=["sort_date", *CHRONOLOGY_COLUMNS])


def _lookup(names: dict[str, str], value, field: str, record_id: str) -> str:
    items = split_list(value)
    missing = [i for i in items if i not in names]
    if missing:
        raise KeyError(f"events, record {record_id!r}, field {field}: unknown id {missing[0]!r}")
    return "; ".join(names[i] for i in items)


class Chronology:
    """The chronology as a notebook output: an interactive table in HTML, Markdown elsewhere."""

    def __init__(self, frame: pd.DataFrame, caption: str):
        self.frame, self.caption = frame, caption

    def to_markdown(self) -> str:
        return markdown_table(self.frame[list(CHRONOLOGY_COLUMNS)])

    def to_html(self) -> str:
        from itables import to_html_datatable  # heavy import, needed only for this output

        shown = self.frame[list(CHRONOLOGY_COLUMNS)].copy()
        # Sort dates by their ISO start, not by the displayed text ("c. May 1994" < "5 April 1994").
        shown.insert(0, "Start", self.frame["sort_date"])
        return to_html_datatable(
            shown,
            caption=self.caption,
            # itables escapes every cell unless allow_html=True: data stay text.
            allow_html=False,
            connected=True,
            dt_url=DT_URL,
            table_id="chronology",
            showIndex=False,
            paging=True,
            pageLength=25,
            lengthMenu=[10, 25, 50, 100, 200],
            classes="display compact",
            # Filters by kind, phase and source above the table; the search box searches all text.
            layout={"top1": "searchPanes", "topStart": "pageLength", "topEnd": "search"},
            searchPanes={"columns": [3, 5, 6], "layout": "columns-3", "cascadePanes": True},
            # "Start" (ISO) is hidden and orders the "Date" column.
            columnDefs=[
                {"targets": 0, "visible": False, "searchable": False},
                {"targets": 1, "orderData": [0]},
            ],
            order=[[0, "asc"]],
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.to_html(), "text/markdown": self.to_markdown()}

    def __repr__(self) -> str:
        return self.frame[list(CHRONOLOGY_COLUMNS)].to_string(index=False)


def _outside(ds, start) -> str:
    """The phase cell of an event outside every phase: before the talks or after them."""
    first = pd.Timestamp(ds["phases"]["start_date"].min())
    return "before the phases" if pd.Timestamp(start) < first else "after the phases"
