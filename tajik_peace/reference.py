"""The book's reference pages: the full chronology of coded events, and the entries of the
people, organisations and places pages.

The chronology lists every event in ``events`` with its dates as precisely as the sources give
them, its kind, place and phase, and the sources that attest it. It is one numbered table in both
formats; in the HTML a script makes it interactive with DataTables, served from the book itself
(``_static/itables/``, copied there from ``itables`` by :mod:`tajik_peace.sphinx_reference`), so it
works without a network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from .affiliation import affiliation_chain, affiliations, link_graph
from .data import is_blank, names_by_id, source_labels, with_id
from .dates import format_span
from .display import table_directive
from .spellings import alias_occurrences, occurrences
from .text import split_list

#: Where the DataTables bundle is served from, relative to a chapter page in ``book/``.
DT_URL = "../_static/itables/dt_bundle.js"
DT_CSS_URL = "../_static/itables/dt_bundle.css"

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


def chronology_summary(frame: pd.DataFrame) -> dict[str, object]:
    """The numbers the chronology page states: how many events, from and to which year, and how
    many fall outside 1991-1997 (the background and the aftermath)."""
    years = frame["sort_date"].str[:4].astype(int)
    return {
        "n_events": len(frame),
        "first_year": str(years.min()),
        "last_year": str(years.max()),
        "n_outside": int(((years < 1991) | (years > 1997)).sum()),
    }


class Chronology:
    """The chronology as a notebook output: one numbered MyST table for the HTML and the PDF.

    In the HTML a small script then turns that same table into an interactive one (DataTables from
    the book's own ``_static``): sorting, filter panes by kind, phase and source, and a search box.
    The table is built from escaped cells, so the data are text in both formats; the script comes
    from this module, never from the data, and the PDF drops it."""

    def __init__(self, frame: pd.DataFrame, caption: str, name: str = "table-chronology"):
        self.frame, self.caption, self.name = frame, caption, name

    def to_markdown(self) -> str:
        # In the PDF a longtable keeps to the margins and breaks across pages (a plain pipe table
        # of this length runs off the page).
        table = table_directive(self.frame[list(CHRONOLOGY_COLUMNS)], self.caption, self.name)
        return f"{table}\n{self.script()}"

    def script(self) -> str:
        """The HTML that makes the table interactive (ignored by the PDF)."""
        columns = list(CHRONOLOGY_COLUMNS)
        options = {
            "pageLength": 25,
            "lengthMenu": [10, 25, 50, 100, 200],
            "order": [],
            "layout": {"top1": "searchPanes", "topStart": "pageLength", "topEnd": "search"},
            "searchPanes": {
                "columns": [columns.index(c) for c in ("Kind", "Phase", "Sources")],
                "layout": "columns-3",
                "cascadePanes": True,
            },
        }
        date = columns.index("Date")
        return (
            f'<link rel="stylesheet" href="{DT_CSS_URL}">\n'
            '<script type="module">\n'
            f'import DataTable from "{DT_URL}";\n'
            f'const table = document.getElementById("{self.name}");\n'
            "if (table) {\n"
            # Rows come in date order: that order, not the text of the date, sorts the Date column.
            f'  table.querySelectorAll("tbody tr").forEach((row, i) => {{ '
            f"row.cells[{date}].dataset.order = i; }});\n"
            f"  new DataTable(table, {json.dumps(options, sort_keys=True)});\n"
            # The filter panes scroll: keyboard users must be able to reach them (WCAG 2.1.1).
            '  document.querySelectorAll(".dtsp-searchPane .dt-scroll-body").forEach((pane) => {\n'
            '    pane.tabIndex = 0; pane.setAttribute("role", "region");\n'
            '    pane.setAttribute("aria-label", "Filter values"); });\n'
            "}\n"
            "</script>\n"
        )

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return self.frame[list(CHRONOLOGY_COLUMNS)].to_string(index=False)


def _outside(ds, start) -> str:
    """The phase cell of an event outside every phase: before the talks or after them."""
    first = pd.Timestamp(ds["phases"]["start_date"].min())
    return "before the phases" if pd.Timestamp(start) < first else "after the phases"


# ---------------------------------------------------------------------------------------------
# People, organisations and places

#: The tables that have reference pages.
ENTRY_TABLES = ("actors", "places")
#: Pages whose prose does not count as "discussing" a person or place.
NOT_CHAPTERS = frozenset(
    {
        "book/intro",
        "book/data",  # shows every record; its prose is about method
        "book/people",
        "book/places",
        "book/events",
        "book/glossary",
        "book/how-to-cite",
        "book/licence",
        "book/references",
        "book/execution",
    }
)
#: The groups of each page, in order: (kind, heading).
GROUPS = {
    "actors": (
        ("person", "People"),
        ("state", "States"),
        ("organisation", "International organisations"),
        ("institution", "Institutions"),
        ("party", "Parties"),
        ("movement", "Movements"),
        ("armed_group", "Armed groups"),
        ("region", "Regional groupings"),
        ("other", "Other actors"),
    ),
    "places": (
        ("country", "Countries"),
        ("region", "Regions"),
        ("city", "Cities"),
        ("town", "Towns"),
        ("site", "Sites"),
        ("other", "Other places"),
    ),
}
ID_FIELDS = {"actors": "actor_id", "places": "place_id"}


@dataclass(frozen=True)
class Entry:
    """One person, organisation or place as its reference page shows it."""

    table: str
    record_id: str
    name: str
    #: Every spelling (the name first) for the index.
    index_terms: tuple[str, ...]
    #: (label, text) pairs: role, affiliation, kind, country, involvement ...
    fields: tuple[tuple[str, str], ...]
    #: (spelling, "Adamishin (2012); Iji") pairs.
    spellings: tuple[tuple[str, str], ...]
    #: Docnames of the chapters whose prose names the record.
    chapters: tuple[str, ...]
    description: str = ""

    @property
    def anchor(self) -> str:
        """The entry's HTML id (``actors-rahmonov``), stable for links from elsewhere."""
        return f"{self.table}-{self.record_id}"


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    intro: str = ""
    entries: tuple[Entry, ...] = field(default_factory=tuple)


def spellings(ds, table: str) -> dict[str, list[str]]:
    """``{record_id: [name, alias, ...]}``, each spelling once, the name first."""
    frame = with_id(ds[table], ID_FIELDS[table])
    out = {}
    for r in frame.itertuples(index=False):
        seen: list[str] = []
        for s in [str(r.name), *split_list(r.aliases)]:
            if s not in seen:
                seen.append(s)
        out[str(getattr(r, ID_FIELDS[table]))] = seen
    return out


def mentions(names: Mapping[str, Iterable[str]], texts: Mapping[str, str]) -> dict[str, list[str]]:
    """``{record_id: [text key, ...]}``: the texts that name each record in whole words (see
    :func:`tajik_peace.spellings.occurrences`). Common-noun spellings ('the opposition') are not
    searched: they name too much."""
    proper = {rid: [s for s in ss if s != s.lower()] for rid, ss in names.items()}
    found = occurrences(proper, texts)
    return {rid: sorted({key for s in ss for key in found[(rid, s)]}) for rid, ss in proper.items()}


def _involvement(ds, table: str) -> dict[str, str]:
    """``{record_id: "N coded events, from X to Y"}`` from the events the record takes part in
    (actors: ``actors`` and the heads of delegation; places: ``place_id``)."""
    ev = with_id(ds["events"], "event_id")
    cols = ("actors", "government_head", "opposition_head") if table == "actors" else ("place_id",)
    rows: dict[str, list] = {}
    for r in ev.itertuples(index=False):
        ids = {i for c in cols for i in split_list(getattr(r, c))}
        for i in ids:
            rows.setdefault(i, []).append(r)
    out = {}
    for rid, evs in rows.items():
        first = min(evs, key=lambda e: (pd.Timestamp(e.date_start), str(e.event_id)))
        last = max(
            evs,
            key=lambda e: (
                pd.Timestamp(e.date_start if is_blank(e.date_end) else e.date_end),
                str(e.event_id),
            ),
        )
        start = format_span(first.date_start, first.date_start_precision)
        if is_blank(last.date_end):
            end = format_span(last.date_start, last.date_start_precision)
        else:
            end = format_span(last.date_end, last.date_end_precision)
        n = len(evs)
        noun = "coded event" if n == 1 else "coded events"
        out[rid] = f"{n} {noun}, {start}" if start == end else f"{n} {noun}, from {start} to {end}"
    return out


def affiliation_chains(ds) -> dict[str, list[str]]:
    """``{actor_id: [parent name, grandparent name, ...]}`` along ``affiliation``."""
    names = names_by_id(ds["actors"], "actor_id")
    graph = link_graph(affiliations(ds))
    return {rid: [names.get(a, a) for a in affiliation_chain(rid, graph)[1:]] for rid in names}


def entries(ds, table: str, chapters: Mapping[str, str]) -> list[tuple[Group, list[Entry]]]:
    """The entries of one reference page, grouped by kind, alphabetical within a group."""
    if table not in ENTRY_TABLES:
        raise KeyError(f"no reference page for table {table!r}")
    key = ID_FIELDS[table]
    frame = with_id(ds[table], key)
    names = spellings(ds, table)
    labels = source_labels(ds)
    occ = alias_occurrences(ds)
    occ = occ[occ["table"] == table]
    used_by: dict[tuple[str, str], str] = {}
    for r in occ.to_dict("records"):
        srcs = [labels[s] for s in labels if r.get(s)]
        used_by[(r["record_id"], r["alias"])] = "; ".join(srcs) or "in no coded quotation"
    said = mentions(names, chapters)
    involvement = _involvement(ds, table)
    chains = affiliation_chains(ds) if table == "actors" else {}
    grouped: dict[str, list[Entry]] = {}
    for r in frame.itertuples(index=False):
        rid = str(getattr(r, key))
        fields: list[tuple[str, str]] = []
        if "name" in split_list(getattr(r, "inferred", None)):
            fields.append(("Heading", "the book's spelling of the name; no source writes it so"))
        if table == "actors":
            if not is_blank(r.role):
                fields.append(("Role", str(r.role)))
            if chains.get(rid):
                fields.append(("Affiliation", " › ".join(chains[rid])))
        else:
            fields.append(("Kind", kind_label(r.kind)))
            if not is_blank(r.country):
                fields.append(("Country", "; ".join(split_list(r.country))))
        fields.append(("Involvement", involvement.get(rid, "no coded event")))
        aliases = split_list(r.aliases)
        entry = Entry(
            table=table,
            record_id=rid,
            name=str(r.name),
            index_terms=tuple(names[rid]),
            fields=tuple(fields),
            spellings=tuple((a, used_by.get((rid, a), "in no coded quotation")) for a in aliases),
            chapters=tuple(said.get(rid, [])),
            description=str(getattr(r, "description", "") or "")
            if table == "actors" and not is_blank(getattr(r, "description", None))
            else "",
        )
        grouped.setdefault(str(r.kind), []).append(entry)
    out = []
    known = {k for k, _ in GROUPS[table]}
    unknown = sorted(set(grouped) - known)
    if unknown:
        raise KeyError(f"{table}: kind {unknown[0]!r} has no group on the reference page")
    for kind, title in GROUPS[table]:
        if kind in grouped:
            items = sorted(grouped[kind], key=lambda e: (_sort_name(e, kind), e.record_id))
            out.append((Group(kind, title), items))
    return out


def _sort_name(entry: Entry, kind: str) -> str:
    """People sort by surname (the last word of the heading), everything else by name."""
    name = entry.name.casefold()
    return " ".join([name.split()[-1], name]) if kind == "person" else name
