"""Comparing the sources: what each of the two coded texts attests, when, where they disagree,
and how they spell the same names.

Everything the chapter ``book/source_comparison.ipynb`` shows is computed here from the dataset
returned by :func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these
functions. Nothing here needs the source texts: which source a record or a spelling comes from is
read from ``attestations.csv``. :func:`source_texts` loads the texts (through
:mod:`tajik_peace.sources`) when ``SOURCES_DIR`` is available, so that the tests can check the
attestation-based findings against the full texts.

Functions accept the :class:`~tajik_peace.data.Dataset` (tables indexed by their id) or any object
with the same tables as attributes, keyed by a column (as in the unit tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from .. import attestation, figures, records
from .. import sources as _sources
from ..attestation import coded_sources, coverage_class, record_sources, source_names
from ..dates import format_span
from ..discrepancies import by_topic, titled, topic_vocabulary
from ..names import build_index
from ..rules import ATTESTED_TABLES
from ..sources import word_count
from ..spellings import alias_occurrences, fold
from ..validate import MAX_QUOTE_WORDS

#: Which sources attest a record: the first coded source alone, both, or another alone
#: (:func:`coverage_classes`; the order fixes the figures' styles).
BOTH = attestation.BOTH
UNATTESTED = "Unattested"

#: Attested tables the coverage comparison leaves out, each with the reason (the chapter says it too).
EXCLUDED_TABLES: dict[str, str] = {
    "discrepancies": "its records compare the sources rather than report events, and are attested "
    "by both almost by construction",
}
#: The coded tables whose records the attestations tie to a source: every attested table of the
#: dataset (rules.ATTESTED_TABLES, the one list) but the excluded ones, in the same order.
CODED_TABLES: tuple[str, ...] = tuple(t for t in ATTESTED_TABLES if t not in EXCLUDED_TABLES)
TABLE_LABELS: dict[str, str] = {t: t.replace("_", " ").capitalize() for t in CODED_TABLES}

#: The discrepancies the chapter discusses at length, with a short label each.
KEY_DISCREPANCIES: dict[str, str] = titled(
    (
        "third-round-date-venue",
        "first-contact-opposition",
        "un-envoy-timing",
        "thirty-percent-scope",
        "who-brought-sides-to-table",
    )
)

#: Spellings the chapter resolves to show that any form of a name finds its record.
EXAMPLE_SPELLINGS: tuple[str, ...] = (
    "Rahmon",
    "Rakhmonov",
    "Kulob",
    "Kulyab",
    "Qurghonteppa",
    "Kurgan-Tyube",
    "Abdulloh Nuri",
    "Said Abdullo Nuri",
    "IRPT",
    "IRP",
    "Leninabad",
    "Khujand",
)

#: Time window of the coverage-over-time analysis (inclusive years).
FIRST_YEAR, LAST_YEAR = 1991, 1997

COVERAGE_ALT = (
    "Horizontal stacked bar chart, one bar per coded table of the dataset (actors, places, phases, "
    "events, agreements, proposals, ceasefires, relations, statistics, positions, Russian moves, "
    "impasses), showing the percentage of its records attested by Adamishin only, by both sources, "
    "and by Iji only, with the number of records in each segment. Adamishin alone attests about "
    "three-quarters of the Russian moves and the largest share of actors and places, while Iji "
    "alone attests nearly all proposals, every ceasefire, about four-fifths of the impasses and "
    "most of the relations, agreements and positions. Only the phases are attested by both sources "
    "in the majority; across all tables fewer than a fifth of the records are."
)
TIMELINE_ALT = (
    "Stacked bar chart of the events of the dataset by half-year from 1991 to 1997, by the sources "
    "that attest them: Adamishin only, both sources, Iji only. Events only Adamishin reports run "
    "from late 1991 to the first half of 1994; events only Iji reports run from the second half of "
    "1993 to 1997. A shaded band marks the second half of 1993 and the first half of 1994, the only "
    "half-years in which each source reports events the other does not."
)


# ---- helpers ---------------------------------------------------------------------------------


def _has(ds, table: str) -> bool:
    try:
        getattr(ds, table)
    except (AttributeError, KeyError):
        return False
    return True


def coverage_classes(ds) -> tuple[str, ...]:
    """The coverage classes in the book's order: the first coded source alone, both, the other."""
    coded = coded_sources(ds)
    return (coded[0], BOTH, *coded[1:])


def coverage_labels(ds) -> dict[str, str]:
    """Coverage class -> its label ('Adamishin only', 'Both sources', 'Iji only')."""
    names = source_names(ds)
    labels = {s: f"{n} only" for s, n in names.items()}
    labels[BOTH] = "Both sources"
    return labels


def source_label(ds, source_id) -> str:
    """'Adamishin' / 'Iji' for the coded sources; the id itself otherwise."""
    return source_names(ds).get(str(source_id), str(source_id))


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


# ---- (1) coverage by table ---------------------------------------------------------------------


def record_coverage(ds, tables: Iterable[str] = CODED_TABLES) -> pd.DataFrame:
    """One row per record of the coded tables: ``table``, ``record_id`` and ``coverage`` (which
    sources attest it, see :func:`coverage_classes`; missing when no coded source does)."""
    coded = coded_sources(ds)
    by_record = record_sources(ds).map(lambda found: coverage_class(found, coded))
    rows = []
    for table in tables:
        if not _has(ds, table):
            continue
        for rid in records.frame(ds, table)[records.ID_FIELDS[table]].astype(str):
            rows.append((table, rid, by_record.get((table, rid))))
    return pd.DataFrame(rows, columns=["table", "record_id", "coverage"])


def coverage_counts(ds, tables: Iterable[str] = CODED_TABLES) -> pd.DataFrame:
    """Records per coverage class for each table (rows in the order given; columns
    :func:`coverage_classes` then 'unattested')."""
    classes = coverage_classes(ds)
    tables = [t for t in tables if _has(ds, t)]
    cov = record_coverage(ds, tables)
    cov["coverage"] = cov["coverage"].fillna("unattested")
    counts = pd.crosstab(
        pd.Categorical(cov["table"], categories=tables),
        pd.Categorical(cov["coverage"], categories=[*classes, "unattested"]),
        dropna=False,
    )
    counts.index = list(tables)
    counts.columns = [*classes, "unattested"]
    return counts


def coverage_by_table(ds, tables: Iterable[str] = CODED_TABLES) -> pd.DataFrame:
    """For each coded table: its records, how many each source alone attests and how many both do,
    and the share attested by both; a last row sums all the tables.

    An 'Unattested' column appears only if some record lacks an attestation (validation rules
    that out for the real data)."""
    classes = coverage_classes(ds)
    class_labels = coverage_labels(ds)
    counts = coverage_counts(ds, tables)
    counts.loc["all"] = counts.sum()
    rows = []
    for table, c in counts.iterrows():
        total = int(c.sum())
        row = {
            "Table": "All coded tables" if table == "all" else TABLE_LABELS.get(table, table),
            "Records": total,
        }
        row.update({class_labels[k]: int(c[k]) for k in classes})
        row[UNATTESTED] = int(c["unattested"])
        row["Both (%)"] = _percent(int(c[BOTH]), total)
        rows.append(row)
    out = pd.DataFrame(rows)
    if not out[UNATTESTED].any():
        out = out.drop(columns=UNATTESTED)
    return out


def coverage_data(ds) -> pd.DataFrame:
    """The numbers behind the coverage bars: each coded table's records by the sources that attest
    them (the bars show each count as a share of the table's total)."""
    counts = coverage_counts(ds)
    counts = counts[counts.sum(axis=1) > 0]
    labels = coverage_labels(ds)
    out = counts[list(coverage_classes(ds))].rename(columns=labels)
    out["Records"] = counts.sum(axis=1)
    return out.rename_axis("Table").reset_index()


@figures.register("sources-coverage", alt=COVERAGE_ALT, data=coverage_data)
def plot_coverage(ds):
    """Share of each coded table's records attested by Adamishin only, both sources, Iji only."""
    classes = coverage_classes(ds)
    class_labels = coverage_labels(ds)
    counts = coverage_counts(ds)
    counts = counts[counts.sum(axis=1) > 0]
    styles = figures.category_styles(classes)
    with figures.style():
        fig, ax = figures.new_figure(
            "Which source attests each record, by table",
            xlabel="Share of the table's records (%)",
            ylabel="Coded table (number of records)",
            # grows with the number of tables, so every bar keeps its thickness
            figsize=(figures.PRINT_WIDTH, 1.9 + 0.36 * len(counts)),
        )
        labels = [f"{TABLE_LABELS.get(t, t)} ({int(n)})" for t, n in counts.sum(axis=1).items()]
        y = list(range(len(counts)))[::-1]  # first table on top
        left = [0.0] * len(counts)
        totals = counts.sum(axis=1).to_numpy()
        for key in classes:
            values = counts[key].to_numpy()
            shares = [100 * v / t for v, t in zip(values, totals)]
            st = styles[key]
            ax.barh(
                y,
                shares,
                left=left,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="black",
                linewidth=0.6,
                label=class_labels[key],
                height=0.7,
            )
            for yi, lf, sh, v in zip(y, left, shares, values):
                if v and sh >= 5:
                    ax.text(
                        lf + sh / 2,
                        yi,
                        str(int(v)),
                        ha="center",
                        va="center",
                        fontsize=8,
                        bbox={
                            "boxstyle": "round,pad=0.15",
                            "facecolor": "white",
                            "edgecolor": "none",
                        },
                    )
            left = [lf + sh for lf, sh in zip(left, shares)]
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 100)
        ax.set_xticks(range(0, 101, 20))
        figures.legend_above(ax, ncols=len(classes), title="Attested by", alignment="left")
    return fig


# ---- (2) coverage over time --------------------------------------------------------------------


def half_year_label(year: int, half: int) -> str:
    """'1993 H2' for July-December 1993."""
    return f"{int(year)} H{int(half)}"


def _dated_events(ds, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> pd.DataFrame:
    """Events with their coverage class and half-year, inside the window; ``outside`` counts the
    attested events dated outside it."""
    ev = records.frame(ds, "events")
    cov = record_coverage(ds, ["events"]).set_index("record_id")["coverage"]
    ev = ev.assign(coverage=ev["event_id"].astype(str).map(cov))
    ev = ev.dropna(subset=["date_start", "coverage"])
    year = ev["date_start"].dt.year
    ev = ev.assign(year=year, half=(ev["date_start"].dt.month > 6).astype(int) + 1)
    inside = ev[(year >= first_year) & (year <= last_year)]
    return inside.sort_values(["date_start", "event_id"], kind="mergesort").reset_index(drop=True)


def events_by_half_year(
    ds, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> pd.DataFrame:
    """Events per half-year (by start date) attested by Adamishin only, both sources, Iji only,
    and in all by each source; every half-year of the window appears, empty ones too."""
    coded = coded_sources(ds)
    classes = coverage_classes(ds)
    class_labels = coverage_labels(ds)
    ev = _dated_events(ds, first_year, last_year)
    periods = [(y, h) for y in range(first_year, last_year + 1) for h in (1, 2)]
    rows = []
    for y, h in periods:
        sub = ev[(ev["year"] == y) & (ev["half"] == h)]
        n = {k: int((sub["coverage"] == k).sum()) for k in classes}
        row = {"Half-year": half_year_label(y, h)}
        row.update({class_labels[k]: n[k] for k in classes})
        row.update({f"All {source_label(ds, s)}": n[s] + n[BOTH] for s in coded})
        rows.append(row)
    return pd.DataFrame(rows)


def overlap_half_years(ds, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> list[str]:
    """Half-years in which each source attests at least one event the other does not."""
    coded = coded_sources(ds)
    class_labels = coverage_labels(ds)
    t = events_by_half_year(ds, first_year, last_year)
    own = [class_labels[s] for s in coded]
    return list(t.loc[(t[own] > 0).all(axis=1), "Half-year"])


def own_spans(ds, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> pd.DataFrame:
    """For each source: events it attests, events only it attests, and the earliest and latest
    of those (as precisely as the data dates them)."""
    coded = coded_sources(ds)
    ev = _dated_events(ds, first_year, last_year)
    rows = []
    for s in coded:
        own = ev[ev["coverage"] == s]
        first = own.iloc[0] if len(own) else None
        last = own.iloc[-1] if len(own) else None
        rows.append(
            {
                "Source": source_label(ds, s),
                "Events attested": int(ev["coverage"].isin([s, BOTH]).sum()),
                "Only in this source": len(own),
                "Earliest of these": ""
                if first is None
                else format_span(first["date_start"], first["date_start_precision"]),
                "Latest of these": ""
                if last is None
                else format_span(last["date_start"], last["date_start_precision"]),
            }
        )
    return pd.DataFrame(rows)


def time_coverage_data(ds) -> pd.DataFrame:
    """The numbers behind the half-year bars: events per half-year by the sources that attest them."""
    return events_by_half_year(ds)


@figures.register("sources-timeline", alt=TIMELINE_ALT, data=time_coverage_data)
def plot_time_coverage(ds):
    """Events per half-year, stacked by the sources that attest them; the overlap shaded."""
    classes = coverage_classes(ds)
    class_labels = coverage_labels(ds)
    table = events_by_half_year(ds)
    overlap = set(overlap_half_years(ds))
    styles = figures.category_styles(classes)
    x = list(range(len(table)))
    with figures.style():
        fig, ax = figures.new_figure(
            "Events attested by each source, by half-year",
            xlabel="Half-year of the event's start date (H1: January-June, H2: July-December)",
            ylabel="Number of events",
            figsize=(figures.PRINT_WIDTH, 4.2),
        )
        totals = table[[class_labels[k] for k in classes]].sum(axis=1)
        top = max(1, int(totals.max()))
        shaded = [i for i, p in zip(x, table["Half-year"]) if p in overlap]
        if shaded:
            ax.axvspan(
                min(shaded) - 0.5, max(shaded) + 0.5, color=figures.SHADES[0], zorder=0, lw=0
            )
            ax.text(
                (min(shaded) + max(shaded)) / 2,
                top * 1.12,
                "each source has\nevents of its own",
                ha="center",
                va="bottom",
                fontsize=8,
                color="#222222",
            )
        bottom = [0] * len(table)
        for key in classes:
            values = table[class_labels[key]].tolist()
            st = styles[key]
            ax.bar(
                x,
                values,
                bottom=bottom,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="black",
                linewidth=0.6,
                label=class_labels[key],
                width=0.75,
                zorder=2,
            )
            bottom = [b + v for b, v in zip(bottom, values)]
        ax.set_xticks(x, [p.replace(" ", "\n") for p in table["Half-year"]], fontsize=8)
        ax.set_xlim(-0.6, len(table) - 0.4)
        ax.set_ylim(0, top * 1.35)
        ax.grid(axis="y", color="#BBBBBB", lw=0.5, ls=":", zorder=1)
        ax.set_axisbelow(True)
        figures.legend_above(ax, ncols=len(classes), title="Attested by", alignment="left")
    return fig


# ---- (3) discrepancies ---------------------------------------------------------------------------


def discrepancy_counts(ds) -> pd.DataFrame:
    """Discrepancies per topic (every topic of the vocabulary, in its order, zeros included):
    between the two sources, within one source, and in all; a last row gives the totals."""
    d = records.frame(ds, "discrepancies")
    within = d["source_a"].astype(str) == d["source_b"].astype(str)
    topic = d["topic"].astype(str)
    rows = []
    for t in topic_vocabulary(ds):
        is_t = topic == t
        rows.append(
            {
                "Topic": t.capitalize(),
                "Between the sources": int((is_t & ~within).sum()),
                "Within one source": int((is_t & within).sum()),
                "Total": int(is_t.sum()),
            }
        )
    rows.append(
        {
            "Topic": "All topics",
            "Between the sources": int((~within).sum()),
            "Within one source": int(within.sum()),
            "Total": len(d),
        }
    )
    return pd.DataFrame(rows)


#: The chapter's table of the discrepancies of a topic: the shared layout, sources as columns.
discrepancy_table = by_topic


def discrepancy_evidence(
    ds, ids: Iterable[str] | Mapping[str, str] = tuple(KEY_DISCREPANCIES)
) -> pd.DataFrame:
    """The quotations that attest the given discrepancies, in the order given and by source:
    discrepancy, source with locator, and the verbatim quotation (in double quotation marks)."""
    coded = coded_sources(ds)
    labels = ids if isinstance(ids, Mapping) else {i: KEY_DISCREPANCIES.get(i, i) for i in ids}
    att = records.frame(ds, "attestations")
    att = att[att["table"].astype(str) == "discrepancies"]
    records.require_ids(ds, "discrepancies", labels)
    rank = {s: i for i, s in enumerate(coded)}
    rows = []
    for did, label in labels.items():
        sub = att[att["record_id"].astype(str) == did]
        sub = sub.assign(_r=sub["source_id"].astype(str).map(lambda s: rank.get(s, len(rank))))
        for r in sub.sort_values(["_r", "attestation_id"], kind="mergesort").itertuples(
            index=False
        ):
            rows.append(
                {
                    "Discrepancy": label,
                    "Source and locator": f"{source_label(ds, r.source_id)}, {r.locator}",
                    "Quotation": f'"{" ".join(str(r.quote).split())}"',
                }
            )
    return pd.DataFrame(rows, columns=["Discrepancy", "Source and locator", "Quotation"])


# ---- (4) names -----------------------------------------------------------------------------------


def source_texts(ds, directory=None) -> dict[str, str] | None:
    """The full source texts, folded, from SOURCES_DIR (or ``directory``); None when unavailable.

    The texts are third-party copyright and not in the repository; the chapter never needs them.
    """
    coded = coded_sources(ds)
    rows = records.frame(ds, "sources").to_dict("records")
    try:
        texts = _sources.load_texts(rows, directory)
    except _sources.SourcesUnavailable:
        return None
    return {
        sid: fold(t.path.read_text(encoding="utf-8")) for sid, t in texts.items() if sid in coded
    }


def alias_counts(ds, texts: Mapping[str, str] | None = None) -> dict[str, int]:
    """How many spellings stand in Adamishin only, in both, in Iji only, and in neither."""
    coded = coded_sources(ds)
    occ = alias_occurrences(ds, texts)
    a, i = occ[coded[0]], occ[coded[1]]
    return {
        coded[0]: int((a & ~i).sum()),
        BOTH: int((a & i).sum()),
        coded[1]: int((~a & i).sum()),
        "neither": int((~a & ~i).sum()),
        "all": len(occ),
    }


def _name_discrepancies(ds) -> set[str]:
    d = records.frame(ds, "discrepancies")
    recs = d.loc[d["topic"].astype(str) == "name", "record"].dropna().astype(str)
    return set(recs)


def spelling_variants(
    ds, texts: Mapping[str, str] | None = None, noted: bool | None = None
) -> pd.DataFrame:
    """Actors and places for which each source uses a spelling the other does not: the record,
    Adamishin's own spellings, Iji's own spellings, spellings both use, and whether
    ``discrepancies.csv`` records the difference as one of name ('yes' / 'no').

    ``noted=True`` keeps only the records with such a discrepancy, ``noted=False`` only the others
    (the column is then dropped); None keeps all."""
    coded = coded_sources(ds)
    occ = alias_occurrences(ds, texts)
    flagged = _name_discrepancies(ds)
    a_label, i_label = (source_label(ds, s) for s in coded)
    columns = ["Record", f"{a_label} only", f"{i_label} only", "Both", "Noted as a discrepancy"]
    rows = []
    for (table, rid), g in occ.groupby(["table", "record_id"], sort=False):
        a_only = g.loc[g[coded[0]] & ~g[coded[1]], "alias"].tolist()
        i_only = g.loc[~g[coded[0]] & g[coded[1]], "alias"].tolist()
        both = g.loc[g[coded[0]] & g[coded[1]], "alias"].tolist()
        is_noted = f"{table}:{rid}" in flagged
        if a_only and i_only and (noted is None or noted == is_noted):
            rows.append(
                dict(
                    zip(
                        columns,
                        [
                            g["name"].iloc[0],
                            "; ".join(a_only),
                            "; ".join(i_only),
                            "; ".join(both),
                            "yes" if is_noted else "no",
                        ],
                    )
                )
            )
    out = pd.DataFrame(rows, columns=columns)
    return out if noted is None else out.drop(columns="Noted as a discrepancy")


def resolve_spellings(ds, spellings: Iterable[str] = EXAMPLE_SPELLINGS) -> pd.DataFrame:
    """Each spelling resolved with :func:`tajik_peace.names.resolve`: the record it names, every
    candidate where it is ambiguous (joined by "or"), or 'no match'."""
    index = build_index(ds)
    rows = []
    for spelling in spellings:
        found = index.candidates(spelling)
        if not found:
            rows.append(
                {"Spelling": spelling, "Kind": "", "Record id": "no match", "Display name": ""}
            )
            continue
        rows.append(
            {
                "Spelling": spelling,
                "Kind": " or ".join(dict.fromkeys(m.kind for m in found)),
                "Record id": " or ".join(m.id for m in found),
                "Display name": " or ".join(m.name for m in found),
            }
        )
    return pd.DataFrame(rows, columns=["Spelling", "Kind", "Record id", "Display name"])


# ---- (5) rules of evidence ----------------------------------------------------------------------


def _word_counts(quotes: pd.Series) -> pd.Series:
    return quotes.astype(str).map(word_count)


def attestation_profile(ds) -> pd.DataFrame:
    """For each coded source: what kind of text it is, how its quotations are located, how many
    quotations ('Quotes') the dataset takes from it, how many records they attest, and their median
    length in words."""
    coded = coded_sources(ds)
    src = records.frame(ds, "sources").set_index("source_id")
    att = records.frame(ds, "attestations")
    schemes = {"paragraphs": "paragraph number", "headings": "section heading"}
    rows = []
    for s in coded:
        sub = att[att["source_id"].astype(str) == s]
        info = src.loc[s] if s in src.index else None
        rows.append(
            {
                "Source": source_label(ds, s),
                "Kind": "" if info is None else str(info["kind"]),
                "Locator": ""
                if info is None
                else schemes.get(str(info["locator_scheme"]), str(info["locator_scheme"])),
                "Quotes": len(sub),
                "Records": int(sub[["table", "record_id"]].astype(str).drop_duplicates().shape[0]),
                "Median words per quote": int(_word_counts(sub["quote"]).median())
                if len(sub)
                else 0,
            }
        )
    return pd.DataFrame(rows)


# ---- headline numbers ---------------------------------------------------------------------------


def summary(ds) -> dict[str, object]:
    """The numbers the chapter's prose quotes (for myst_nb.glue)."""
    coded = coded_sources(ds)
    classes = coverage_classes(ds)
    out: dict[str, object] = {}
    counts = coverage_counts(ds)
    total = counts.sum()
    n = int(total.sum())
    out["n_tables"] = len(counts)
    out["n_records"] = n
    for k in classes:
        out[f"n_{k}"] = int(total[k])
        out[f"pct_{k}"] = _percent(int(total[k]), n)
    for table, c in counts.iterrows():
        t = int(c.sum())
        out[f"{table}_records"] = t
        for k in classes:
            out[f"{table}_{k}"] = int(c[k])
            out[f"{table}_{k}_pct"] = _percent(int(c[k]), t)

    spans = own_spans(ds).set_index("Source")
    for s in coded:
        row = spans.loc[source_label(ds, s)]
        out[f"{s}_events"] = int(row["Events attested"])
        out[f"{s}_own_events"] = int(row["Only in this source"])
        out[f"{s}_own_first"] = row["Earliest of these"]
        out[f"{s}_own_last"] = row["Latest of these"]
    overlap = overlap_half_years(ds)
    out["overlap_first"] = overlap[0] if overlap else ""
    out["overlap_last"] = overlap[-1] if overlap else ""
    out["n_overlap_half_years"] = len(overlap)
    ev = records.frame(ds, "events")
    inside = _dated_events(ds)
    out["n_events"] = len(ev)
    out["n_events_window"] = len(inside)
    out["n_events_outside_window"] = len(ev) - len(inside)
    out["events_both_window"] = int((inside["coverage"] == BOTH).sum())

    dc = discrepancy_counts(ds).set_index("Topic")
    out["n_discrepancies"] = int(dc.loc["All topics", "Total"])
    out["n_discrepancies_between"] = int(dc.loc["All topics", "Between the sources"])
    out["n_discrepancies_within"] = int(dc.loc["All topics", "Within one source"])
    for t in topic_vocabulary(ds):
        out[f"n_topic_{t}"] = int(dc.loc[t.capitalize(), "Total"])
    topics = dc.drop(index="All topics")["Total"]
    out["top_topic"] = str(topics.idxmax()).lower() if len(topics) and topics.max() > 0 else ""
    out["empty_topics"] = ", ".join(t.lower() for t, v in topics.items() if v == 0)

    ac = alias_counts(ds)
    out["n_aliases"] = ac["all"]
    for s in coded:
        out[f"n_aliases_{s}"] = ac[s]
    out["n_aliases_both"] = ac[BOTH]
    out["n_aliases_unquoted"] = ac["neither"]
    variants = spelling_variants(ds)
    out["n_variant_records"] = len(variants)
    out["n_variant_flagged"] = int((variants["Noted as a discrepancy"] == "yes").sum())

    att = records.frame(ds, "attestations")
    words = _word_counts(att["quote"]) if len(att) else pd.Series(dtype=int)
    out["n_attestations"] = len(att)
    for s in coded:
        out[f"n_attestations_{s}"] = int((att["source_id"].astype(str) == s).sum())
    out["max_quote_words"] = int(words.max()) if len(words) else 0
    out["median_quote_words"] = int(words.median()) if len(words) else 0
    out["quote_word_limit"] = MAX_QUOTE_WORDS
    per_record = att.groupby([att["table"].astype(str), att["record_id"].astype(str)]).size()
    coded = per_record[[t in CODED_TABLES for t in per_record.index.get_level_values(0)]]
    out["pct_records_multiple_quotes"] = _percent(int((coded > 1).sum()), n)
    return out
