"""The phases of the negotiation: Zartman and Berman's model as Iji applies it to the Tajik talks.

Everything the chapter ``book/phases.ipynb`` shows is computed here from the dataset returned by
:func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions.

Records are placed in a phase as the codebook prescribes. Events carry their ``phase_id``;
agreements and proposals take the phase of the event at which they were reached or tabled (their
own dates are often only month-precise and can straddle a boundary, while the event's phase is
fixed by the coder). Records before the first phase have no phase and are left out of the
phase-by-phase counts; :func:`summary` says how many.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd

from .. import figures, records
from ..attestation import coverage_counts, record_sources, source_names, source_with_sections
from ..dates import bound_last, format_span
from ..discrepancies import accounts
from ..display import escape_markdown
from ..events import both_sides
from ..phasing import phase_frame, phase_labels, short_phase_name, with_event_phase
from ..records import UnknownIdError
from ..text import split_list

DAYS_PER_MONTH = 30.44

#: One-line characterisation of each phase, in the book's words, paraphrasing Iji's phase
#: sections (the sections are named in :data:`PHASE_SECTIONS`).
PHASE_CHARACTER: dict[str, str] = {
    "diagnostic": "Russia turns to a political settlement after the July 1993 border crisis; Russian, "
    "UN and Iranian contacts prepare talks; the opposition unites as one party",
    "formula_1": "Formal UN-sponsored talks open; power-sharing is put on the agenda, but the parties "
    "work mainly on getting and keeping a ceasefire",
    "formula_2": "From the Almaty round power-sharing is argued in substance; both sides restate "
    "their own positions and reach deadlock",
    "formula_3": "Russian pressure, rebellions and the Taliban advance push the parties through "
    "crises to the December 1996 formula: the reconciliation commission",
    "detail": "The formula is given numbers and procedures: size and make-up of the commission, "
    "military, political and guarantee protocols, the General Agreement",
}

#: Iji's section on each phase (its heading is the locator of the attestations).
PHASE_SECTIONS: dict[str, str] = {
    "diagnostic": "Lead-up to Negotiations: The Diagnostic Phase",
    "formula_1": "The Launch of Negotiations: The First Formula Phase",
    "formula_2": "Stalemated Negotiations: The Second Formula Phase",
    "formula_3": "Spurred Negotiations: The Third Formula Phase",
    "detail": "Path toward Final Agreement: The Detail Phase",
}

#: The attestation that best states what defines each phase in Iji's own words (chosen by the
#: chapter author among the phase's attestations; :func:`phase_quotes` falls back to the first
#: attestation from Iji for a phase not listed here).
DEFINING_QUOTES: dict[str, str] = {
    "diagnostic": "phases-diagnostic-1",
    "formula_1": "phases-formula_1-2",
    "formula_2": "phases-formula_2-2",
    "formula_3": "phases-formula_3-1",
    "detail": "phases-detail-2",
}

#: Agreement topics in the codebook's order (the rows of the topic matrix).
TOPICS: tuple[str, ...] = (
    "ceasefire",
    "prisoners",
    "refugees",
    "power_sharing",
    "military",
    "political",
    "guarantees",
    "constitution",
    "elections",
    "other",
)
TOPIC_LABELS = {
    "ceasefire": "Ceasefire",
    "prisoners": "Prisoners",
    "refugees": "Refugees",
    "power_sharing": "Power-sharing",
    "military": "Military",
    "political": "Political",
    "guarantees": "Guarantees",
    "constitution": "Constitution",
    "elections": "Elections",
    "other": "Other",
}
DOCUMENTS_ROW = "Agreements (documents)"
BOTH_SIDES_ROW = "of which signed by both Tajik sides"
LEADERS_ROW = "of which signed by Rakhmonov and Nuri"

#: Who stands for each Tajik side among signatories and participants ("tajik_parties" is both).
GOVERNMENT_SIDE: tuple[str, ...] = ("tajik_government", "rahmonov")
OPPOSITION_SIDE: tuple[str, ...] = ("uto", "nuri")
BOTH_SIDES: tuple[str, ...] = ("tajik_parties",)
#: The two leaders whose direct meetings Iji treats as the way impasses were broken.
LEADERS: tuple[str, ...] = ("rahmonov", "nuri")

#: The phases Iji describes as driven by outside pressure, crises and the leaders' own meetings.
LATER_PHASES: tuple[str, ...] = ("formula_3", "detail")

#: Nature of the powers of a proposed body, in the codebook's order.
POWERS: tuple[str, ...] = ("transitional", "consultative", "advisory", "other")

#: Levels of meeting, from the delegations up to the leaders (the order fixes their styles).
LEVELS: tuple[str, ...] = (
    "round",
    "consultation",
    "expert_meeting",
    "other_summit",
    "leaders_summit",
)
LEVEL_LABELS = {
    "round": "Round sittings",
    "consultation": "Consultations",
    "expert_meeting": "Expert meetings",
    "other_summit": "Other summits",
    "leaders_summit": "Rakhmonov\u2013Nuri summits",
}

#: Discrepancies between the sources that bear on where the phases begin and end.
PHASE_DISCREPANCIES: dict[str, str] = {
    "russian-policy-1992-93": "When Russia turned to a settlement (onset of the diagnostic phase)",
    "first-contact-opposition": "First Russian contact with the opposition (diagnostic phase)",
    "negotiation-length": "How long the negotiations took (formula and detail phases)",
}

TOPICS_ALT = (
    "Table-like heat map of the agreements reached in each phase of the Tajik negotiations, by "
    "topic. Columns are the five phases in order (diagnostic, first, second and third formula "
    "periods, detail), with the number of agreements in each phase under its name (5, 5, 3, 4 and "
    "8); rows are the ten topics of the codebook. Each cell gives the number of agreements of that "
    "phase naming the topic, shaded from white for none to dark blue for the most; empty cells stay "
    "white with a light grey 0. Ceasefire (3), prisoners and refugees lead the first formula "
    "period; power-sharing appears in the second (1), rises in the third (2) and peaks in the "
    "detail phase (4), which alone has agreements on guarantees (2)."
)
LEVELS_ALT = (
    "Horizontal stacked bar chart of the meetings of the two Tajik sides in each phase, by level: "
    "sittings of the numbered rounds, consultations, expert meetings and "
    "Rakhmonov-Nuri summits, each with its own colour and hatching and its count written in the bar. "
    "Rakhmonov-Nuri summits first appear at the end of the first formula period and are most "
    "numerous in the third formula period and the detail phase."
)


# ---- helpers ---------------------------------------------------------------------------------


def _ids(value) -> list[str]:
    return split_list(value) if isinstance(value, str) else []


def last_day(date, precision: str) -> pd.Timestamp:
    """The last day a date covers at its precision (:func:`tajik_peace.dates.bound_last`).

    >>> last_day(pd.Timestamp("1995-12-01"), "month")
    Timestamp('1995-12-31 00:00:00')
    """
    return pd.Timestamp(bound_last(date, str(precision)))


def phase_months(start, end, end_precision: str = "day") -> float:
    """Length of a phase in months (of 30.44 days), counting both its first and its last day."""
    days = (last_day(end, end_precision) - pd.Timestamp(start)).days + 1
    return round(days / DAYS_PER_MONTH, 1)


_PRECISION_WORDS = {"day": "day", "month": "month", "year": "year", "approximate": "approx."}


def format_boundary(date, precision: str) -> str:
    """A phase boundary as a reader writes it, with its precision: 'July 1993 (month)'."""
    return (
        f"{format_span(date, str(precision))} ({_PRECISION_WORDS.get(str(precision), precision)})"
    )


def _sides(ids: list[str]) -> tuple[bool, bool]:
    gov = any(i in GOVERNMENT_SIDE or i in BOTH_SIDES for i in ids)
    opp = any(i in OPPOSITION_SIDE or i in BOTH_SIDES for i in ids)
    return gov, opp


# ---- (1) the phase table -------------------------------------------------------------------


def phase_table(ds) -> pd.DataFrame:
    """One row per phase: its first and last day with their precision, its length in months (with
    the phase's name: a narrow column of its own is clipped in the PDF) and
    what defines it (:data:`PHASE_CHARACTER`, else the coder's summary)."""
    ph = phase_frame(ds)
    rows = [
        {
            "Phase (length)": f"{short_phase_name(str(r.name))} "
            f"({phase_months(r.start_date, r.end_date, r.end_precision):g} months)",
            "From": format_boundary(r.start_date, r.start_precision),
            "To": format_boundary(r.end_date, r.end_precision),
            "What defines it": PHASE_CHARACTER.get(r.phase_id, str(r.summary)),
        }
        for r in ph.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Phase (length)", "From", "To", "What defines it"])


def phase_source(ds) -> str:
    """The source whose sections are the phases (:data:`PHASE_SECTIONS`): Iji, who applies the
    phase model to the talks."""
    return source_with_sections(ds, PHASE_SECTIONS.values())


def phase_quotes(ds, choice: dict[str, str] | None = None) -> pd.DataFrame:
    """For each phase, the attested quotation that defines it (:data:`DEFINING_QUOTES`), in double
    quotation marks, with its source and locator. A phase not in ``choice`` gets its first
    attestation from the source of the phase model (:func:`phase_source`), else its first
    attestation; a phase with none is left out. A chosen attestation that is not one of its phase's
    raises :class:`~tajik_peace.records.UnknownIdError`."""
    choice = DEFINING_QUOTES if choice is None else choice
    att = records.frame(ds, "attestations")
    att = att[att["table"].astype(str) == "phases"]
    model = phase_source(ds)
    names = source_names(ds)
    rows = []
    for pid, label in phase_labels(ds).items():
        mine = att[att["record_id"] == pid]
        if pid in choice:
            chosen = mine[mine["attestation_id"] == choice[pid]]
            if chosen.empty:
                raise UnknownIdError("attestations", [f"{choice[pid]} (of phase {pid})"])
        elif mine.empty:
            continue
        else:
            own = mine[mine["source_id"].astype(str) == model]
            chosen = own if not own.empty else mine
        a = chosen.iloc[0]
        author = names.get(str(a["source_id"]), str(a["source_id"]))
        rows.append(
            {
                "Phase": label,
                "In the source's words": f"\u201c{a['quote']}\u201d",
                "Where": f"{author}, {a['locator']}",
            }
        )
    return pd.DataFrame(rows, columns=["Phase", "In the source's words", "Where"])


# ---- (2) what each phase produced -----------------------------------------------------------


def agreements_with_phase(ds) -> pd.DataFrame:
    """The agreements, each with the phase of its event and flags for who signed it."""
    ag = with_event_phase(records.frame(ds, "agreements"), ds, "agreements")
    signed = (
        [_ids(s) for s in ag["signatories"]]
        if "signatories" in ag
        else [[] for _ in range(len(ag))]
    )
    ag["both_sides"] = [all(_sides(s)) for s in signed]
    ag["leaders"] = [all(x in s for x in LEADERS) for s in signed]
    return ag.sort_values(["date_signed", "agreement_id"], kind="mergesort").reset_index(drop=True)


def topic_matrix(ds) -> pd.DataFrame:
    """Topics x phases: how many agreements of each phase name each topic (an agreement with
    several topics counts once under each). Rows are the codebook's topics in order (then any
    other topic found), columns the phases in order, labelled with their short names."""
    ag = agreements_with_phase(ds)
    ag = ag[ag["phase_id"].notna()]
    labels = phase_labels(ds)
    pairs = [(t, p) for topics, p in zip(ag["topics"], ag["phase_id"]) for t in _ids(topics)]
    extra = sorted({t for t, _ in pairs} - set(TOPICS))
    topics = list(TOPICS) + extra
    matrix = pd.DataFrame(0, index=topics, columns=list(labels), dtype="int64")
    for t, p in pairs:
        if p in matrix.columns:
            matrix.loc[t, p] += 1
    matrix.index = [TOPIC_LABELS.get(t, t.replace("_", " ").capitalize()) for t in topics]
    matrix.index.name = "Topic"
    matrix.columns = [labels[p] for p in matrix.columns]
    return matrix


def agreements_by_phase(ds) -> pd.DataFrame:
    """The topic matrix as a table, with three rows below it: the number of agreements (documents)
    in each phase, how many of them both Tajik sides signed, and how many the two leaders signed."""
    matrix = topic_matrix(ds)
    ag = agreements_with_phase(ds)
    ag = ag[ag["phase_id"].notna()]
    labels = phase_labels(ds)

    def per_phase(mask) -> list[int]:
        return [int(((ag["phase_id"] == pid) & mask).sum()) for pid in labels]

    everything = pd.Series(True, index=ag.index)
    extra = pd.DataFrame(
        [per_phase(everything), per_phase(ag["both_sides"]), per_phase(ag["leaders"])],
        index=[DOCUMENTS_ROW, BOTH_SIDES_ROW, LEADERS_ROW],
        columns=matrix.columns,
    )
    return pd.concat([matrix, extra]).rename_axis("Topic").reset_index()


def _luminance(rgba) -> float:
    r, g, b = rgba[:3]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _wrap(label: str, width: int = 13) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


#: Sequential colour map of the topic figure: white for zero, through to the palette's blue for
#: the most agreements. One hue, rising darkness: ordered for every reader and in greyscale.
COUNT_CMAP = mpl.colors.LinearSegmentedColormap.from_list(
    "book_counts", ["#FFFFFF", figures.OKABE_ITO["blue"]]
)
#: Colour of the '0' written in an empty cell: present, but quieter than any count.
ZERO_COLOUR = "#B0B0B0"


def topics_data(ds) -> pd.DataFrame:
    """The numbers behind the topic grid: agreements per topic and phase (zeros included)."""
    matrix = topic_matrix(ds)
    long = matrix.rename_axis(index="topic", columns="phase").stack().rename("agreements")
    return long.reset_index()


@figures.register("phases-agreement-topics", alt=TOPICS_ALT, data=topics_data)
def plot_topic_heatmap(ds):
    """Agreements per topic and phase: white for zero, darker blue for more, counts in the cells."""
    matrix = topic_matrix(ds)
    ag = agreements_with_phase(ds)
    docs = ag[ag["phase_id"].notna()].groupby("phase_id").size()
    labels = phase_labels(ds)
    values = matrix.to_numpy()
    vmax = max(int(values.max()) if values.size else 0, 1)
    norm = mpl.colors.Normalize(vmin=0, vmax=vmax)
    with figures.style():
        fig, ax = figures.new_figure(
            "What each phase produced: agreements by topic",
            xlabel="Phase (number of agreements in brackets)",
            ylabel="Topic of the agreement",
            figsize=(figures.PRINT_WIDTH, 5.0),
        )
        ax.title.set_fontsize(11)
        ax.imshow(values, cmap=COUNT_CMAP, norm=norm, aspect="auto")
        for (i, j), v in np.ndenumerate(values):
            if v:
                colour = "black" if _luminance(COUNT_CMAP(norm(v))) > 0.45 else "white"
                ax.text(
                    j,
                    i,
                    str(int(v)),
                    ha="center",
                    va="center",
                    fontsize=9.5,
                    color=colour,
                    fontweight="bold",
                )
            else:
                ax.text(j, i, "0", ha="center", va="center", fontsize=8, color=ZERO_COLOUR)
        ax.set_xticks(
            range(len(matrix.columns)),
            [f"{_wrap(c)}\n({int(docs.get(pid, 0))})" for c, pid in zip(matrix.columns, labels)],
            fontsize=8.5,
        )
        ax.set_yticks(range(len(matrix.index)), list(matrix.index), fontsize=8.5)
        ax.tick_params(length=0)
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.set_xticks(np.arange(-0.5, len(matrix.columns)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(matrix.index)), minor=True)
        ax.grid(which="minor", color="#D0D0D0", linewidth=0.8)
        ax.tick_params(which="minor", length=0)
    return fig


# ---- (3) proposals: the formula being negotiated -------------------------------------------


def proposals_by_phase(ds) -> pd.DataFrame:
    """Proposals for a power-sharing or reconciliation body per phase, by the nature of the
    powers proposed, with the total and how many were accepted."""
    pr = with_event_phase(records.frame(ds, "proposals"), ds, "proposals")
    pr = pr[pr["phase_id"].notna()]
    rows = []
    for pid, label in phase_labels(ds).items():
        mine = pr[pr["phase_id"] == pid]
        powers = mine["powers"].astype(str)
        row = {"Phase": label}
        row.update({p.capitalize(): int((powers == p).sum()) for p in POWERS})
        row["Total"] = len(mine)
        row["Accepted"] = int((mine["outcome"].astype(str) == "accepted").sum())
        rows.append(row)
    return pd.DataFrame(
        rows, columns=["Phase"] + [p.capitalize() for p in POWERS] + ["Total", "Accepted"]
    )


# ---- (4) the level of the meetings ----------------------------------------------------------


def meeting_level(kind: str, actors) -> str | None:
    """The level of a meeting: its kind, with summits split into Rakhmonov-Nuri summits (both
    leaders among the participants) and other summits; None for an event that is not a meeting."""
    kind = str(kind)
    if kind == "summit":
        ids = _ids(actors)
        return "leaders_summit" if all(x in ids for x in LEADERS) else "other_summit"
    return kind if kind in LEVELS else None


def meetings(ds) -> pd.DataFrame:
    """The meetings of the two sides (round sittings, consultations, expert meetings, summits with
    ``both_sides`` true) with their level, in date order (ties by id). Summits of states without
    the opposition are not meetings of the two sides and are left out."""
    ev = records.frame(ds, "events")
    ev["level"] = [meeting_level(k, a) for k, a in zip(ev["kind"], ev["actors"])]
    ev = ev[ev["level"].notna() & both_sides(ev)]
    return ev.sort_values(["date_start", "event_id"], kind="mergesort").reset_index(drop=True)


def meeting_levels(ds) -> pd.DataFrame:
    """Number of meetings of the two sides of each level in each phase (parts of a round count
    separately), with the total. Meetings before the first phase are left out, and so is a level
    with no meeting in any phase (a column of zeros)."""
    mt = meetings(ds)
    labels = phase_labels(ds)
    in_phases = mt[mt["phase_id"].isin(list(labels))]
    levels = [lv for lv in LEVELS if (in_phases["level"] == lv).any()]
    rows = []
    for pid, label in labels.items():
        mine = mt[mt["phase_id"] == pid]
        row = {"Phase": label}
        row.update({LEVEL_LABELS[lv]: int((mine["level"] == lv).sum()) for lv in levels})
        row["Total"] = len(mine)
        rows.append(row)
    return pd.DataFrame(rows, columns=["Phase"] + [LEVEL_LABELS[lv] for lv in levels] + ["Total"])


def levels_data(ds) -> pd.DataFrame:
    """The numbers behind the meeting-level bars: the meetings of each phase by level."""
    return meeting_levels(ds)


@figures.register("phases-meeting-levels", alt=LEVELS_ALT, data=levels_data)
def plot_meeting_levels(ds):
    """Stacked horizontal bars: the meetings of each phase by level, counts written in the bars."""
    table = meeting_levels(ds)
    ph = phase_frame(ds)
    months = [
        phase_months(r.start_date, r.end_date, r.end_precision) for r in ph.itertuples(index=False)
    ]
    styles = figures.category_styles(LEVELS)
    with figures.style():
        fig, ax = figures.new_figure(
            "Who met in each phase: meetings by level",
            xlabel="Number of meetings (each part of a round counts once)",
            ylabel="Phase (length in months)",
            figsize=(figures.PRINT_WIDTH, 5.0),
        )
        y = np.arange(len(table))[::-1]
        left = np.zeros(len(table))
        for lv in LEVELS:
            if LEVEL_LABELS[lv] not in table:
                continue
            counts = table[LEVEL_LABELS[lv]].to_numpy(dtype=float)
            st = styles[lv]
            ax.barh(
                y,
                counts,
                left=left,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="black",
                linewidth=0.6,
                label=LEVEL_LABELS[lv],
                height=0.62,
            )
            for yi, x0, c in zip(y, left, counts):
                if c:
                    ax.text(
                        x0 + c / 2,
                        yi,
                        str(int(c)),
                        ha="center",
                        va="center",
                        fontsize=9.5,
                        fontweight="bold",
                        color="black",
                        bbox={
                            "boxstyle": "round,pad=0.15",
                            "facecolor": "white",
                            "edgecolor": "none",
                            "alpha": 0.85,
                        },
                    )
            left += counts
        ax.set_yticks(y, [f"{p}\n({m:g} months)" for p, m in zip(table["Phase"], months)])
        ax.set_xlim(0, max(float(left.max()) if len(left) else 0.0, 1.0) + 0.5)
        ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.grid(axis="x", color="#999999", lw=0.5, ls=":")
        ax.set_axisbelow(True)
        figures.legend_above(ax, ncols=2, title="Level of meeting", alignment="left")
    return fig


# ---- sources and their limits ---------------------------------------------------------------


def source_coverage(ds) -> pd.DataFrame:
    """For each phase, how many of its meetings, agreements and proposals each source attests:
    the counts of later phases rest on one source only."""
    by_record = record_sources(ds)
    tied = [("events", r.event_id, r.phase_id) for r in meetings(ds).itertuples(index=False)]
    ag = agreements_with_phase(ds)
    tied += [("agreements", a, p) for a, p in zip(ag["agreement_id"], ag["phase_id"])]
    pr = with_event_phase(records.frame(ds, "proposals"), ds, "proposals")
    tied += [("proposals", a, p) for a, p in zip(pr["proposal_id"], pr["phase_id"])]
    names = source_names(ds)
    # the source of the phase model first: the later phases rest on it alone
    model = phase_source(ds)
    columns = [f"{names[model]} only"] + [f"{n} only" for s, n in names.items() if s != model]
    rows = []
    for pid, label in phase_labels(ds).items():
        srcs = [by_record.get((t, rid), frozenset()) for t, rid, p in tied if p == pid]
        rows.append({"Phase": label, "Records": len(srcs), **coverage_counts(ds, srcs)})
    return pd.DataFrame(rows, columns=["Phase", "Records", *columns, "Both"])


def phase_discrepancies(ds, points: dict[str, str] | None = None) -> pd.DataFrame:
    """The discrepancies between the sources that bear on the phase boundaries
    (:data:`PHASE_DISCREPANCIES`: id -> what is at stake), in that order; an id not in the data
    raises."""
    return accounts(ds, PHASE_DISCREPANCIES if points is None else points)


# ---- long text as a list rather than a table ------------------------------------------------


class Notes:
    """Items of running text shown as a Markdown list with a source line: long quotations and
    claims read better as a list than squeezed into the narrow columns of a PDF table.

    Items are Markdown: build them with :func:`tajik_peace.display.escape_markdown` around every
    value from the data, so that only the list's own emphasis is markup."""

    def __init__(self, items: list[str], source: str = figures.DATASET_SOURCE):
        self.items, self.source = list(items), source

    def to_markdown(self) -> str:
        body = "\n".join(f"- {item}" for item in self.items) or "- (none)"
        return f"{body}\n\n*{escape_markdown(self.source)}*\n"

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __repr__(self) -> str:
        return "\n".join(self.items)


def quote_notes(ds) -> Notes:
    """:func:`phase_quotes` as a list: the phase in bold, the quotation, its source and locator."""
    q = phase_quotes(ds)
    e = escape_markdown
    return Notes([f"**{e(r[0])}.** {e(r[1])} ({e(r[2])})" for r in q.itertuples(index=False)])


def discrepancy_notes(ds, points: dict[str, str] | None = None) -> Notes:
    """:func:`phase_discrepancies` as a list: what is at stake in bold, both accounts, the assessment."""
    d = phase_discrepancies(ds, points)
    e = escape_markdown
    return Notes(
        [
            f"**{e(r[0])}.** {e(r[1])} {e(r[2])} *Assessment:* {e(r[3])}"
            for r in d.itertuples(index=False)
        ]
    )


# ---- headline numbers -----------------------------------------------------------------------


def _none_or_number(n: int) -> str:
    """'none' for 0, else the number: so that no sentence reads '0 were signed'."""
    return "none" if n == 0 else str(n)


def summary(ds) -> dict[str, object]:
    """Headline numbers of the chapter (for its text, through myst_nb.glue)."""
    ph = phase_frame(ds)
    labels = phase_labels(ds)
    ids = list(labels)
    months = {
        r.phase_id: phase_months(r.start_date, r.end_date, r.end_precision)
        for r in ph.itertuples(index=False)
    }
    ag = agreements_with_phase(ds)
    in_phase = ag[ag["phase_id"].notna()]
    docs = in_phase.groupby("phase_id").size().reindex(ids, fill_value=0)
    leaders = in_phase[in_phase["leaders"]].groupby("phase_id").size().reindex(ids, fill_value=0)
    both = in_phase[in_phase["both_sides"]].groupby("phase_id").size().reindex(ids, fill_value=0)
    topics = topic_matrix(ds)
    power = (
        topics.loc["Power-sharing"]
        if "Power-sharing" in topics.index
        else pd.Series(0, index=topics.columns)
    )
    mt = meetings(ds)
    mt = mt[mt["phase_id"].notna()]
    summits = (
        mt[mt["level"] == "leaders_summit"].groupby("phase_id").size().reindex(ids, fill_value=0)
    )
    n_meet = mt.groupby("phase_id").size().reindex(ids, fill_value=0)
    pr = proposals_by_phase(ds).set_index("Phase")
    first_summit = mt[mt["level"] == "leaders_summit"]["date_start"].min()
    later = [p for p in ids if p in LATER_PHASES]
    earlier = [p for p in ids if p not in LATER_PHASES]

    def share(a, b) -> int:
        return round(100 * a / b) if b else 0

    out = {
        "n_phases": len(ids),
        "total_months": phase_months(
            ph["start_date"].min(), ph["end_date"].iloc[-1], ph["end_precision"].iloc[-1]
        )
        if len(ph)
        else 0.0,
        "longest_phase": labels[max(months, key=months.get)] if months else "",
        "longest_phase_months": max(months.values()) if months else 0.0,
        "shortest_phase": labels[min(months, key=months.get)] if months else "",
        "shortest_phase_months": min(months.values()) if months else 0.0,
        "n_agreements": len(ag),
        "n_agreements_in_phases": len(in_phase),
        "n_agreements_before_phases": int(len(ag) - len(in_phase)),
        "n_leader_agreements": int(leaders.sum()),
        "n_leader_agreements_later": int(leaders.reindex(later).sum()),
        "n_power_sharing_agreements": int(power.sum()),
        "n_power_sharing_later": int(power.reindex([labels[p] for p in later]).sum()),
        "n_leaders_summits": int(summits.sum()),
        "n_leaders_summits_later": int(summits.reindex(later).sum()),
        "n_meetings_later": int(n_meet.reindex(later).sum()),
        "leaders_summit_share_later": share(
            int(summits.reindex(later).sum()), int(n_meet.reindex(later).sum())
        ),
        "n_meetings_earlier": int(n_meet.reindex(earlier).sum()),
        "n_leaders_summits_earlier": int(summits.reindex(earlier).sum()),
        "first_leaders_summit": format_span(first_summit) if pd.notna(first_summit) else "",
        "n_proposals": int(pr["Total"].sum()) if len(pr) else 0,
        "n_proposals_accepted": int(pr["Accepted"].sum()) if len(pr) else 0,
        "n_proposals_weak": int(pr[["Consultative", "Advisory"]].to_numpy().sum())
        if len(pr)
        else 0,
    }
    coverage = source_coverage(ds).set_index("Phase")
    for r in ph.itertuples(index=False):
        out[f"start_{r.phase_id}"] = format_span(r.start_date, str(r.start_precision))
        out[f"boundary_start_{r.phase_id}"] = format_boundary(r.start_date, str(r.start_precision))
        out[f"end_{r.phase_id}"] = format_span(r.end_date, str(r.end_precision))
    for pid in ids:
        out[f"records_{pid}"] = int(coverage.loc[labels[pid], "Records"])
        for column in coverage.columns[1:-1]:  # 'Iji only' -> iji_only_<phase>
            out[f"{column.lower().replace(' ', '_')}_{pid}"] = int(
                coverage.loc[labels[pid], column]
            )
        out[f"agreements_{pid}"] = int(docs[pid])
        out[f"both_sides_{pid}"] = int(both[pid])
        out[f"both_sides_words_{pid}"] = _none_or_number(int(both[pid]))
        out[f"power_sharing_words_{pid}"] = _none_or_number(int(power.get(labels[pid], 0)))
        out[f"leader_agreements_{pid}"] = int(leaders[pid])
        out[f"leaders_summits_{pid}"] = int(summits[pid])
        out[f"meetings_{pid}"] = int(n_meet[pid])
        out[f"months_{pid}"] = months[pid]
        out[f"power_sharing_{pid}"] = int(power.get(labels[pid], 0))
        out[f"proposals_{pid}"] = (
            int(pr.loc[labels[pid], "Total"]) if labels[pid] in pr.index else 0
        )
    return out
