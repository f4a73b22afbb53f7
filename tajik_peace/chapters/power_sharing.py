"""Power-sharing positions over time: who proposed what body, with what seats and what powers.

Everything the chapter ``book/power_sharing.ipynb`` shows is computed here from the dataset
returned by :func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these
functions. The functions accept tables indexed by their primary key (as ``load_dataset`` gives
them) or with the key as a column, so that the tests can pass small hand-made tables.

Two conventions run through the module:

- An empty share in ``proposals.csv`` means that the source gives no figure. It is never read as
  zero: tables print what was given, and the figures put such proposals on a separate "no figure
  given" band. A share of 0 (as in the Mashhad statute, which left no seats to others) is a figure.
- Powers are put on an ordinal scale, advisory < consultative < transitional (real powers), see
  :data:`POWERS_RANK`. Proposals coded ``other`` (a parliamentary session, a quota of posts,
  integration of armed units) are not about the powers of a body and stay off the scale.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .. import figures, records
from ..attestation import record_sources, source_citations, source_keys
from ..data import names_by_id as _names
from ..dates import format_span
from ..discrepancies import claims_as_rows
from ..events import KIND_LABELS as MEETING_KIND_LABELS
from ..events import round_label
from ..phasing import phase_frame, shade_phases, short_phase_name, with_event_phase
from ..text import split_list

#: The sides that table proposals, in a fixed order (it fixes their colours and markers).
#: ``tajik_parties`` is the coders' actor for the two sides acting jointly (an agreed proposal).
PROPOSERS: tuple[str, ...] = ("tajik_government", "uto", "tajik_parties")
PROPOSER_LABELS = {
    "tajik_government": "Government",
    "uto": "UTO (opposition)",
    "tajik_parties": "Jointly agreed",
}
#: Ordinal scale of the powers proposed for a body; ``other`` is off the scale.
POWERS_RANK = {"advisory": 1, "consultative": 2, "transitional": 3}
POWERS_LABELS = {
    "advisory": "Advisory",
    "consultative": "Consultative",
    "transitional": "Transitional (real powers)",
    "other": "Other (not a body's powers)",
}
#: Shorter labels for the table of proposals (the figures' legends use the long ones).
PROPOSER_SHORT = {"tajik_government": "Government", "uto": "UTO", "tajik_parties": "Joint"}
POWERS_SHORT = {
    "advisory": "Advisory",
    "consultative": "Consultative",
    "transitional": "Transitional",
    "other": "Other",
}
OUTCOME_LABELS = {
    "rejected": "Rejected",
    "accepted": "Accepted",
    "superseded": "Superseded",
    "partial": "Partial",
}
#: The three share fields of proposals.csv, in the order the figures and tables use.
SHARE_FIELDS: tuple[str, ...] = ("opposition_share", "government_share", "other_share")
SHARE_ABBREVIATIONS = {
    "government_share": "gov.",
    "opposition_share": "opp.",
    "other_share": "others",
}
NOT_GIVEN = "no figure given"
#: The discrepancy on the scope of the 30 percent quota (data/discrepancies.csv).
THIRTY_PERCENT = "thirty-percent-scope"

#: Figures (statistics.csv stat_id) that repeat a share or size coded in proposals.csv:
#: stat_id -> (proposal_id, field). :func:`check_against_statistics` compares the two.
STATISTICS_FOR_PROPOSALS: dict[str, tuple[str, str]] = {
    "round1-state-soviet-share": ("state_soviet_5050_1994", "opposition_share"),
    "almaty-government-share": ("council_national_accord_1995", "government_share"),
    "almaty-opposition-share": ("council_national_accord_1995", "opposition_share"),
    "almaty-minorities-share": ("council_national_accord_1995", "other_share"),
    "cnr-seats-opposition-proposal": ("cnr_40_members_1997", "total_seats"),
    "cnr-share-government-opposition-proposal": ("cnr_40_members_1997", "government_share"),
    "cnr-share-uto-opposition-proposal": ("cnr_40_members_1997", "opposition_share"),
    "cnr-share-nrb-opposition-proposal": ("cnr_40_members_1997", "other_share"),
    "cnr-seats-government-counteroffer": ("cnr_17_seats_1997", "total_seats"),
    "cnr-share-government-counteroffer": ("cnr_17_seats_1997", "government_share"),
    "cnr-share-uto-counteroffer": ("cnr_17_seats_1997", "opposition_share"),
    "cnr-seats-agreed": ("cnr_27_members_1997", "total_seats"),
    "executive-posts-uto-1997": ("executive_posts_30pct_1997", "opposition_share"),
}

SHARES_ALT = (
    "Horizontal stacked bars, one per power-sharing proposal that gives any share, in date order "
    "from top to bottom, each bar running from 0 to 100 percent and split into the government's "
    "share, the opposition's share and the share for others (ethnic minorities or the National "
    "Revival Bloc), with any part that the source leaves unstated hatched grey. Each bar is "
    "labelled with its date, proposer and meeting. April 1994, UTO at round 1 in Moscow: 50 "
    "government, 50 opposition. May 1995, UTO at Almaty: 40, 40 and 20 for others. January 1997 "
    "at round 6 in Tehran: the UTO again 40, 40 and 20; the government 80 for itself and 20 for "
    "the opposition. February 1997, agreed at the Mashhad summit: 50 and 50, with 0 for others; "
    "and 30 percent of executive posts for the UTO, the rest unstated. The other 13 proposals give "
    "no share and are not drawn."
)
POWERS_ALT = (
    "Chart of the powers each power-sharing proposal gave its body, from 1994 to mid-1997, on an "
    "ordinal scale from advisory through consultative to transitional (real) powers, with a bottom "
    "row for proposals that concern no body's powers. Markers show the proposer: government "
    "(circles), UTO (squares) or both sides jointly (triangles); dotted lines join one side's "
    "successive proposals. The UTO proposed transitional bodies throughout; the government moved "
    "from a consultative forum (1995) to an advisory commission (mid-1996) and a consultative "
    "commission (October 1996) before agreeing to a commission with real powers; from late 1996 all "
    "proposals converge on the Commission on National Reconciliation. Vertical dotted lines mark "
    "power-sharing agreements; grey bands mark the phases."
)


# ---- loading ------------------------------------------------------------------------------


def _int_or_none(value):
    return None if value is None or pd.isna(value) else int(value)


def format_share(value) -> str:
    """A percentage as printed: '40', '33.3', or '' when no figure is given (never '0')."""
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    return f"{value:.0f}" if value == round(value) else f"{value:g}"


def proposals(ds) -> pd.DataFrame:
    """Every proposal in date order, with its meeting, phase and rank on the powers scale.

    Proposals of the same coded date keep the order of the data file, which follows the sources'
    narrative (the UTO's 40-member plan before the government's counteroffer, for example).
    Added columns: ``proposer_label``, ``powers_rank`` (NaN for 'other'), ``phase_id`` (the phase
    of the proposal's event), ``has_figures`` (any share given).
    """
    p = records.frame(ds, "proposals")
    for col in ("proposer", "powers", "outcome", "date_precision"):
        p[col] = p[col].astype(str)
    p = with_event_phase(
        p.sort_values("date", kind="mergesort").reset_index(drop=True), ds, "proposals"
    )
    p["proposer_label"] = p["proposer"].map(lambda a: PROPOSER_LABELS.get(a, a))
    p["powers_rank"] = p["powers"].map(POWERS_RANK).astype(float)
    p["has_figures"] = p[list(SHARE_FIELDS)].notna().any(axis=1)
    return p


def seats_and_shares(total_seats, government, opposition, other) -> str:
    """'40 seats: gov. 40, opp. 40, others 20'; only what is given; NOT_GIVEN when nothing is."""
    parts = []
    for field, value in zip(
        ("government_share", "opposition_share", "other_share"), (government, opposition, other)
    ):
        if value is not None and not pd.isna(value):
            parts.append(f"{SHARE_ABBREVIATIONS[field]} {format_share(value)}")
    seats = _int_or_none(total_seats)
    head = f"{seats} seats" if seats is not None else ""
    if head and parts:
        return f"{head}: {', '.join(parts)}"
    return head or ", ".join(parts) or NOT_GIVEN


# ---- analysis 1: the table of proposals ------------------------------------------------------


def proposals_table(ds, phases=None) -> pd.DataFrame:
    """One row per proposal, in date order: date (as precisely as coded), proposer, body,
    seats and percentage shares (only those the source gives), powers and outcome.

    ``phases``: phase ids to keep (a proposal belongs to the phase of its meeting); default all.
    The chapter shows the table in two parts so that each fits a printed page.

    Labels are kept short (:data:`PROPOSER_SHORT`, :data:`POWERS_SHORT`) so that the table fits a
    printed page."""
    p = proposals(ds)
    if phases is not None:
        p = p[p["phase_id"].isin(list(phases))]
    rows = [
        {
            "Date": format_span(r.date, r.date_precision),
            "Proposer": PROPOSER_SHORT.get(r.proposer, r.proposer),
            "Body": r.body,
            "Seats and shares (%)": seats_and_shares(
                r.total_seats, r.government_share, r.opposition_share, r.other_share
            ),
            "Powers": POWERS_SHORT.get(r.powers, r.powers),
            "Outcome": OUTCOME_LABELS.get(r.outcome, r.outcome),
        }
        for r in p.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows, columns=["Date", "Proposer", "Body", "Seats and shares (%)", "Powers", "Outcome"]
    )


def shares_long(ds) -> pd.DataFrame:
    """One row per proposal and share field: value NaN where the source gives no figure."""
    p = proposals(ds)
    long = p.melt(
        id_vars=["proposal_id", "date", "proposer", "powers", "event_id"],
        value_vars=list(SHARE_FIELDS),
        var_name="field",
        value_name="value",
    )
    order = {f: i for i, f in enumerate(SHARE_FIELDS)}
    long["_f"] = long["field"].map(order)
    long["_p"] = long["proposal_id"].map({pid: i for i, pid in enumerate(p["proposal_id"])})
    return long.sort_values(["_f", "_p"]).drop(columns=["_f", "_p"]).reset_index(drop=True)


# ---- analysis 4: convergence -------------------------------------------------------------------


def meeting_label(ds, event_id) -> str:
    """'Round 6, Tehran', 'Summit, Mashhad', ... for an event id (an unknown id raises)."""
    r = records.row(ds, "events", event_id)
    label = round_label(r.get("round_number"), r.get("round_part"))
    if not label:
        label = MEETING_KIND_LABELS.get(
            str(r["kind"]), str(r["kind"]).replace("_", " ").capitalize()
        )
    places = _names(ds.places, "place_id") if hasattr(ds, "places") else {}
    place = r.get("place_id")
    if place is not None and not pd.isna(place):
        label += f", {places.get(place, place)}"
    return label


def convergence(ds) -> pd.DataFrame:
    """The opposition's share of seats offered by each side, meeting by meeting.

    Only proposals for a body (powers not 'other') that give an opposition share count. One row
    per meeting with such a proposal, in date order; columns ``uto``, ``government`` and ``agreed``
    hold the share the UTO asked for, the share the government offered and the share the two sides
    agreed (NaN where that side gave no figure; where a side gave several, its last counts), and
    ``gap`` is ``uto - government`` in percentage points, only where both gave a figure.
    """
    p = proposals(ds)
    p = p[(p["powers"] != "other") & p["opposition_share"].notna()]
    column = {"uto": "uto", "tajik_government": "government", "tajik_parties": "agreed"}
    rows = []
    for event_id, group in p.groupby("event_id", sort=False):
        row = {
            "event_id": event_id,
            "meeting": meeting_label(ds, event_id),
            "date": group["date"].min(),
            "date_precision": group["date_precision"].iloc[0],
            "uto": np.nan,
            "government": np.nan,
            "agreed": np.nan,
        }
        for r in group.itertuples(index=False):
            if r.proposer in column:
                row[column[r.proposer]] = float(r.opposition_share)
        rows.append(row)
    out = pd.DataFrame(
        rows,
        columns=["event_id", "meeting", "date", "date_precision", "uto", "government", "agreed"],
    )
    out["gap"] = out["uto"] - out["government"]
    return out.sort_values("date", kind="mergesort").reset_index(drop=True)


def convergence_table(ds) -> pd.DataFrame:
    """:func:`convergence` for display: shares as numbers, '' where a side gave none."""
    c = convergence(ds)
    rows = [
        {
            "Meeting": r.meeting,
            "Date": format_span(r.date, r.date_precision),
            "UTO asked for": format_share(r.uto),
            "Government offered": format_share(r.government),
            "Gap (points)": format_share(r.gap),
            "Agreed": format_share(r.agreed),
        }
        for r in c.itertuples(index=False)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Meeting",
            "Date",
            "UTO asked for",
            "Government offered",
            "Gap (points)",
            "Agreed",
        ],
    )


# ---- analysis 3: powers -------------------------------------------------------------------------


def powers_by_phase(ds) -> pd.DataFrame:
    """For each phase (in order) and proposer, the powers of the bodies proposed, weakest first.

    A cell lists each level once ('Advisory, Consultative'); '' where the side proposed no body in
    that phase. Proposals coded 'other' are left out (they are not about a body's powers).
    """
    p = proposals(ds)
    p = p[p["powers"].isin(list(POWERS_RANK))]
    phases = phase_frame(ds)
    rows = []
    for ph in phases.itertuples(index=False):
        sub = p[p["phase_id"] == ph.phase_id]
        row = {"Phase": short_phase_name(ph.name)}
        for proposer in PROPOSERS:
            levels = sorted(
                set(sub.loc[sub["proposer"] == proposer, "powers"]), key=POWERS_RANK.get
            )
            row[PROPOSER_LABELS[proposer]] = ", ".join(POWERS_LABELS[lv] for lv in levels)
        rows.append(row)
    return pd.DataFrame(rows, columns=["Phase"] + [PROPOSER_LABELS[x] for x in PROPOSERS])


# ---- sources and other tables --------------------------------------------------------------------


def source_label(ds, source_id) -> str:
    """'Adamishin (2012)', 'Iji (n.d.)' from the sources table (the id itself for another)."""
    return source_citations(ds).get(str(source_id), str(source_id))


def discrepancy_table(ds, discrepancy_id: str = THIRTY_PERCENT) -> pd.DataFrame:
    """One discrepancy as three rows: what each source says, and the dataset's assessment."""
    return claims_as_rows(ds, discrepancy_id)


def power_sharing_agreements(ds) -> pd.DataFrame:
    """Agreements whose topics include power_sharing, in date order (ties: file order)."""
    a = records.frame(ds, "agreements")
    topics = a["topics"].map(split_list)
    a = a[topics.map(lambda t: "power_sharing" in t)]
    return a.sort_values("date_signed", kind="mergesort").reset_index(drop=True)


def agreements_table(ds) -> pd.DataFrame:
    """The power-sharing agreements for display: date, title, what it provides."""
    a = power_sharing_agreements(ds)
    rows = [
        {
            "Date": format_span(r.date_signed, r.date_precision),
            "Agreement": r.title,
            "What it provides": r.summary,
        }
        for r in a.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Date", "Agreement", "What it provides"])


def check_against_statistics(ds, mapping: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """Compare each share or size coded in proposals.csv with the same figure in statistics.csv.

    Returns one row per pair in ``mapping`` (default :data:`STATISTICS_FOR_PROPOSALS`) with both
    values and ``agrees``; a figure missing from either table does not agree.
    """
    mapping = STATISTICS_FOR_PROPOSALS if mapping is None else mapping
    stats = records.frame(ds, "statistics").set_index("stat_id")
    props = records.frame(ds, "proposals").set_index("proposal_id")
    rows = []
    for stat_id, (proposal_id, field) in mapping.items():
        s = float(stats.loc[stat_id, "value"]) if stat_id in stats.index else np.nan
        v = props.loc[proposal_id, field] if proposal_id in props.index else np.nan
        v = np.nan if pd.isna(v) else float(v)
        rows.append(
            {
                "stat_id": stat_id,
                "proposal_id": proposal_id,
                "field": field,
                "statistics": s,
                "proposals": v,
                "agrees": bool(not np.isnan(s) and not np.isnan(v) and s == v),
            }
        )
    return pd.DataFrame(
        rows, columns=["stat_id", "proposal_id", "field", "statistics", "proposals", "agrees"]
    )


def _stat(ds, stat_id):
    value = float(records.row(ds, "statistics", stat_id)["value"])
    return int(value) if value == round(value) else value


# ---- headline numbers -----------------------------------------------------------------------------


def _parity_phrase(n: int, total: int) -> str:
    """'in every one of them', 'in none of them', 'in 2 of the 3'."""
    if total and n == total:
        return "in every one of them"
    if n == 0:
        return "in none of them"
    return f"in {n} of the {total}"


def summary(ds) -> dict[str, object]:
    """Headline numbers of the chapter (for the text, through myst_nb.glue)."""
    p = proposals(ds)
    conv = convergence(ds)
    by = p["proposer"].value_counts()
    outcome = p["outcome"].value_counts()
    uto = p[(p["proposer"] == "uto") & p["opposition_share"].notna() & (p["powers"] != "other")]
    gov_numbers = p[
        (p["proposer"] == "tajik_government") & p[list(SHARE_FIELDS)].notna().any(axis=1)
    ]
    both = conv.dropna(subset=["gap"])
    agreed = conv.dropna(subset=["agreed"])
    uto_others = p.loc[(p["proposer"] == "uto") & p["other_share"].notna(), "other_share"]
    quota = p[(p["powers"] == "other") & p["opposition_share"].notna()]
    checks = (
        check_against_statistics(ds)
        if hasattr(ds, "statistics")
        else pd.DataFrame(columns=["agrees"])
    )
    uto_both = p[
        (p["proposer"] == "uto") & p["opposition_share"].notna() & p["government_share"].notna()
    ]
    gov_bodies = p[(p["proposer"] == "tajik_government") & p["powers_rank"].notna()]
    gov_before_real = gov_bodies[gov_bodies["powers"] != "transitional"]

    def fmt(value):
        return "" if value is None or pd.isna(value) else format_share(value)

    def date(frame, column="date", pos=0):
        if not len(frame):
            return ""
        r = frame.iloc[pos]
        return format_span(r[column], r["date_precision"])

    attested = {}
    if hasattr(ds, "attestations"):
        found = record_sources(ds, "proposals")
        sets = [found.get(pid, frozenset()) for pid in p["proposal_id"]]
        attested = {s: sum(s in x for x in sets) for s in frozenset().union(*sets)}
    keys = source_keys(ds) if hasattr(ds, "sources") else {}
    return {
        "n_proposals": len(p),
        **{f"n_attested_{k}": int(attested.get(s, 0)) for s, k in keys.items()},
        "n_government": int(by.get("tajik_government", 0)),
        "n_uto": int(by.get("uto", 0)),
        "n_joint": int(by.get("tajik_parties", 0)),
        "n_rejected": int(outcome.get("rejected", 0)),
        "n_accepted": int(outcome.get("accepted", 0)),
        "n_without_figures": int((~p["has_figures"]).sum()),
        "n_with_figures": int(p["has_figures"].sum()),
        "uto_first_share": fmt(uto["opposition_share"].iloc[0]) if len(uto) else "",
        "uto_first_date": date(uto),
        "uto_last_share": fmt(uto["opposition_share"].iloc[-1]) if len(uto) else "",
        "uto_others_share": fmt(uto_others.max()) if len(uto_others) else "",
        "government_first_figures": date(gov_numbers),
        "government_own_share": fmt(gov_numbers["government_share"].iloc[0])
        if len(gov_numbers)
        else "",
        "n_uto_both_shares": len(uto_both),
        "n_uto_parity": int((uto_both["opposition_share"] == uto_both["government_share"]).sum()),
        "uto_parity_phrase": _parity_phrase(
            int((uto_both["opposition_share"] == uto_both["government_share"]).sum()),
            len(uto_both),
        ),
        "government_offer": fmt(both["government"].iloc[0]) if len(both) else "",
        "uto_offer_when_both": fmt(both["uto"].iloc[0]) if len(both) else "",
        "gap_points": fmt(both["gap"].iloc[0]) if len(both) else "",
        "gap_meeting": both["meeting"].iloc[0] if len(both) else "",
        "n_stages_both": len(both),
        "agreed_share": fmt(agreed["agreed"].iloc[-1]) if len(agreed) else "",
        "agreed_meeting": agreed["meeting"].iloc[-1] if len(agreed) else "",
        "quota_share": fmt(quota["opposition_share"].iloc[-1]) if len(quota) else "",
        "government_weaker_bodies": len(gov_before_real),
        "seats_uto": _stat(ds, "cnr-seats-opposition-proposal")
        if hasattr(ds, "statistics")
        else None,
        "seats_government": _stat(ds, "cnr-seats-government-counteroffer")
        if hasattr(ds, "statistics")
        else None,
        "seats_agreed": _stat(ds, "cnr-seats-agreed") if hasattr(ds, "statistics") else None,
        "seats_final": _stat(ds, "cnr-seats-final") if hasattr(ds, "statistics") else None,
        "almaty_years": _stat(ds, "almaty-transition-years") if hasattr(ds, "statistics") else None,
        "transition_min_months": _stat(ds, "transition-min-months")
        if hasattr(ds, "statistics")
        else None,
        "transition_max_months": _stat(ds, "transition-max-months")
        if hasattr(ds, "statistics")
        else None,
        "n_checked": len(checks),
        "n_checks_agree": int(checks["agrees"].sum()) if len(checks) else 0,
    }


# ---- figures ---------------------------------------------------------------------------------------

#: Time window of the figures: the first proposal is from April 1994, the last agreement June 1997.
X_START, X_END = pd.Timestamp("1993-12-01"), pd.Timestamp("1997-07-31")


def _dodge(frame: pd.DataFrame, keys: list[str], days: int = 14) -> pd.Series:
    """x positions moved right by ``days`` for each earlier row with the same ``keys``."""
    k = frame.groupby(keys, sort=False).cumcount()
    return frame["date"] + pd.to_timedelta(k * days, unit="D")


def _date_axis(ax) -> None:
    ax.set_xlim(X_START, X_END)
    figures.date_axis(ax, "year")


#: Vertical place of each proposer inside a row or band, so that same-date markers do not hide
#: one another.
_OFFSET = {"tajik_government": -1.0, "uto": 0.0, "tajik_parties": 1.0}
_BAND = -22.0  # y of the 'no figure given' band in the share panels (percent axis)


#: Order of the segments in the stacked-share chart, left to right, and their colours (the
#: book's palette: government blue, opposition orange, others bluish green; the part no source
#: states is white with grey hatching, never a colour that could be read as a share).
STACK_FIELDS: tuple[str, ...] = ("government_share", "opposition_share", "other_share")
STACK_COLOURS = {
    "government_share": figures.OKABE_ITO["blue"],
    "opposition_share": figures.OKABE_ITO["orange"],
    "other_share": figures.OKABE_ITO["bluish green"],
}
STACK_HATCHES = {"government_share": "", "opposition_share": "//", "other_share": ".."}
STACK_LABELS = {
    "government_share": "Government",
    "opposition_share": "Opposition (UTO)",
    "other_share": "Others (minorities, NRB)",
}
UNSTATED_LABEL = "Not stated by the source"


def share_rows(ds) -> pd.DataFrame:
    """The proposals that give at least one share, in date order, as rows of the stacked chart.

    Columns: ``label`` (month, proposer and meeting), ``posts`` (True for a share of executive
    posts rather than seats), the three share fields (NaN where not given) and ``unstated``, the
    part of 100 percent that no given share covers (0 when the given shares add up to 100).
    """
    p = proposals(ds)
    p = p[p["has_figures"]].reset_index(drop=True)
    rows = []
    for r in p.itertuples(index=False):
        given = [getattr(r, f) for f in STACK_FIELDS]
        total = sum(float(v) for v in given if not pd.isna(v))
        kind = "executive posts" if r.powers == "other" else "seats"
        rows.append(
            {
                "proposal_id": r.proposal_id,
                "date": r.date,
                "proposer": r.proposer,
                "label": (
                    f"{format_span(r.date, r.date_precision)}, "
                    f"{PROPOSER_SHORT.get(r.proposer, r.proposer)}"
                    f"\n{meeting_label(ds, r.event_id)} ({kind})"
                ),
                "posts": r.powers == "other",
                **{f: (np.nan if pd.isna(v) else float(v)) for f, v in zip(STACK_FIELDS, given)},
                "unstated": max(0.0, 100.0 - total),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["proposal_id", "date", "proposer", "label", "posts", *STACK_FIELDS, "unstated"],
    )


def shares_data(ds) -> pd.DataFrame:
    """The numbers behind the share bars: one row per proposal that gives a share (percent; an
    empty cell is a share the source does not give, drawn as part of ``unstated``)."""
    rows = share_rows(ds)
    rows["label"] = rows["label"].str.replace("\n", " ", regex=False)
    return figures.plotted(
        rows,
        {
            "proposal_id": "proposal_id",
            "date": "date",
            "proposer": "proposer",
            "label": "label",
            "posts": "share_of_executive_posts",
            "government_share": "government_share",
            "opposition_share": "opposition_share",
            "other_share": "other_share",
            "unstated": "unstated",
        },
    )


@figures.register("power-sharing-shares", alt=SHARES_ALT, data=shares_data)
def plot_shares(ds) -> Figure:
    """Every proposal that gives a share, as one 100 percent bar: government, opposition, others."""
    rows = share_rows(ds)
    n_without = int((~proposals(ds)["has_figures"]).sum())
    height = 1.2 + 0.42 * max(len(rows), 1)
    with figures.style():
        fig, ax = figures.new_figure(
            "Seat shares proposed, 1994-1997",
            xlabel=(
                "Share of the body's seats (or of executive posts, where marked), percent\n"
                f"{n_without} of the {len(rows) + n_without} proposals give no share "
                "and are not drawn"
            ),
            ylabel="",
            figsize=(figures.PRINT_WIDTH, height),
        )
        ax.title.set_fontsize(11)
        ax.xaxis.label.set_fontsize(8.5)
        y = np.arange(len(rows))
        left = np.zeros(len(rows))
        for field in STACK_FIELDS:
            values = rows[field].fillna(0.0).to_numpy()
            ax.barh(
                y,
                values,
                left=left,
                height=0.62,
                color=STACK_COLOURS[field],
                hatch=STACK_HATCHES[field],
                edgecolor="white",
                linewidth=0.8,
                label=STACK_LABELS[field],
            )
            for yi, x0, v, given in zip(y, left, values, rows[field].notna()):
                if given and v > 0:
                    ax.text(
                        x0 + v / 2,
                        yi,
                        format_share(v),
                        ha="center",
                        va="center",
                        fontsize=8,
                        fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none"},
                    )
                elif given:  # an explicit 0, as at Mashhad: a figure, written beside the bar
                    ax.text(101, yi, "others 0", ha="left", va="center", fontsize=8, clip_on=False)
            left = left + values
        ax.barh(
            y,
            rows["unstated"].to_numpy(),
            left=left,
            height=0.62,
            color="white",
            hatch="xx",
            edgecolor="#999999",
            linewidth=0.6,
            label=UNSTATED_LABEL,
        )
        ax.set_yticks(y, rows["label"].tolist(), fontsize=8)
        ax.set_ylim(len(rows) - 0.5, -0.5)  # earliest at the top
        ax.set_xlim(0, 100)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.tick_params(axis="x", labelsize=8.5)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncol=2,
            fontsize=8,
            handlelength=1.8,
            borderaxespad=0.2,
        )
        ax.set_title(ax.get_title(loc="left"), loc="left", pad=36)
    return fig


def powers_data(ds) -> pd.DataFrame:
    """The numbers behind the powers chart: each proposal's date, proposer and powers (its row on
    the ordinal scale), then the power-sharing agreements drawn as vertical lines."""
    marks = figures.plotted(
        proposals(ds),
        {
            "proposal_id": "id",
            "date": "date",
            "date_precision": "date_precision",
            "proposer": "proposer",
            "powers": "powers",
            "outcome": "outcome",
        },
    )
    marks.insert(0, "mark", "proposal")
    agreements = figures.plotted(
        power_sharing_agreements(ds), {"agreement_id": "id", "date_signed": "date"}
    )
    agreements.insert(0, "mark", "agreement")
    return pd.concat([marks, agreements], ignore_index=True)


@figures.register("power-sharing-powers", alt=POWERS_ALT, data=powers_data)
def plot_powers(ds) -> Figure:
    """Powers of the bodies proposed, on the ordinal scale, by proposer, with agreements marked."""
    p = proposals(ds)
    styles = figures.category_styles(PROPOSERS)
    phases = phase_frame(ds)
    levels = ["other"] + list(POWERS_RANK)
    ypos = {lv: i for i, lv in enumerate(levels)}
    p["y"] = p["powers"].map(ypos).astype(float) + p["proposer"].map(_OFFSET).fillna(0.0) * 0.12
    p["x"] = _dodge(p, ["date", "proposer", "powers"])
    with figures.style():
        fig, ax = figures.new_figure(
            "Powers of the proposed bodies, 1994-1997",
            xlabel="Date the proposal was tabled (as precisely as coded)",
            ylabel="Powers proposed (ordinal scale)",
            figsize=(figures.PRINT_WIDTH, 5.2),
        )
        ax.set_title(ax.get_title(loc="left"), loc="left", pad=26)
        shade_phases(ax, phases, label=True, xlim=(X_START, X_END))
        ax.axhline(0.5, color="#555555", lw=0.6, zorder=1)
        for lv in levels:
            ax.axhline(ypos[lv], color="#BBBBBB", lw=0.5, zorder=1)
        agreements = power_sharing_agreements(ds)
        dates = list(dict.fromkeys(agreements["date_signed"]))
        for j, d in enumerate(dates):
            ax.axvline(
                d,
                color="#333333",
                lw=0.9,
                ls=(0, (1, 2)),
                zorder=1,
                label="Power-sharing agreement" if j == 0 else None,
            )
        for proposer in PROPOSERS:
            st = styles[proposer]
            sub = p[p["proposer"] == proposer]
            scale = sub[sub["powers_rank"].notna()]
            ax.plot(scale["x"], scale["y"], color=st["color"], lw=1.0, ls=":", zorder=2)
            ax.scatter(
                sub["x"],
                sub["y"],
                color=st["color"],
                marker=st["marker"],
                s=52,
                edgecolor="black",
                linewidth=0.6,
                zorder=3,
                label=PROPOSER_LABELS[proposer],
            )
        # the qualifier on a line of its own: one-line labels would take a third of the width
        ax.set_yticks(
            [ypos[lv] for lv in levels], [POWERS_LABELS[lv].replace(" (", "\n(") for lv in levels]
        )
        ax.set_ylim(-0.5, len(levels) - 0.5)
        _date_axis(ax)
        figures.legend_below(
            ax, ncols=2, title="Who proposed (markers); agreements (dotted lines)", fontsize=8.5
        )
    return fig
