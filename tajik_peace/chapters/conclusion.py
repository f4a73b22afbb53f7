"""The conclusion: why the talks succeeded, and where the settlement fell short.

Everything the chapter ``book/conclusion.ipynb`` shows is computed here from the dataset returned
by :func:`tajik_peace.data.load_dataset` (``ds``); the notebook only calls these functions.

Two kinds of evidence meet in this chapter:

- the ``impasses`` table: every deadlock the two sources describe, when it arose and ended, where
  it was broken and by whom (:func:`deadlock_table`, :func:`deadlock_counts`, the figure
  ``conclusion-deadlocks``, :func:`leaders_meetings`);
- the explanations the two sources give for the outcome, each set against what the dataset can say
  about it (:func:`verdict_table`). The claims, their locators and the verdicts are authored here
  (:data:`CLAIMS`); every count in the "what the data show" column is computed by
  :func:`evidence` from the data, so that a change of the data changes the text.

A verdict is one of :data:`VERDICTS`: the data *support* a claim when they record the pattern the
claim predicts and not its opposite; they *fit* it when they are consistent with it but would
look the same if it were false; they *cannot test* it when the dataset holds nothing it bears on
(a motive, a perception, what happened after 1997).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from .. import figures, records
from ..data import is_blank, with_id
from ..dates import format_span, timestamp_window
from ..events import both_sides
from ..phasing import phase_frame, phase_labels, shade_phases
from ..text import shorten, split_list
from .mediation import GOVERNMENT, LEVERAGE_KINDS, OPPOSITION, SIDE_UNITS, actor_units

__all__ = [
    "BROKEN_KINDS",
    "CLAIMS",
    "DEADLOCKS_ALT",
    "DISCREPANCY",
    "KIND_LABELS",
    "VERDICTS",
    "deadlock_counts",
    "deadlock_table",
    "draw_deadlocks",
    "evidence",
    "impasse_frame",
    "leaders_meetings",
    "summary",
    "verdict_table",
]

IMPASSE_ID = "impasse_id"
#: Where an impasse was broken (``impasses.broken_at_kind``), in the codebook's order, which also
#: fixes each kind's colour, marker and hatch.
BROKEN_KINDS: tuple[str, ...] = (
    "leaders_meeting",
    "delegation_round",
    "third_party_pressure",
    "third_party_mediation",
    "other",
    "unbroken",
)
KIND_LABELS: dict[str, str] = {
    "leaders_meeting": "Leaders' meeting",
    "delegation_round": "Delegation round",
    "third_party_pressure": "Third-party pressure",
    "third_party_mediation": "Third-party mediation",
    "other": "Other",
    "unbroken": "Not broken in the sources",
}
TOPIC_LABELS: dict[str, str] = {
    "talks": "Talks",
    "ceasefire": "Ceasefire",
    "venue": "Venue",
    "power_sharing": "Power-sharing",
    "political": "Political",
    "military": "Military",
}
#: The discrepancy on who broke the stalemates (printed in the sources chapter).
DISCREPANCY = "stalemate-breakers"

LEADERS: tuple[str, ...] = ("rahmonov", "nuri")
LEFT_OUT = "national_revival_bloc"
LEFT_OUT_MEMBERS: tuple[str, ...] = ("abdullajanov",)
TALIBAN_EVENT = "taliban_capture_kabul_1996"
SETTLEMENT_EVENT = "general_agreement_1997"
FIRST_ROUND = "round1_moscow_1994"
#: The date up to which the talks ran; later events are the aftermath the sources report.
NRB_SHARE_STAT = "cnr-share-nrb-opposition-proposal"
POWER_SHARE_STAT = "power-share-adamishin"

VERDICTS: tuple[str, ...] = ("supports", "fits", "cannot test")

DEADLOCKS_ALT = (
    "Timeline of the fourteen impasses of the Tajik talks coded from the two sources, 1993 to 1997, "
    "one horizontal bar per impasse from when it arose to when it was broken, numbered as in the "
    "table of impasses and labelled with its topic. Bars are coloured and hatched by where the "
    "impasse was broken: at a face-to-face meeting of Rakhmonov and Nuri, under third-party "
    "pressure, through third-party mediation, or not broken in the sources (drawn open-ended to the "
    "General Agreement of June 1997). The phases of the process are shaded behind, and a dashed "
    "vertical line marks December 1996, when an impasse was first broken at a leaders' meeting. "
    "Every impasse broken before that month ends under outside pressure or mediation; every one "
    "broken from then on ends at a meeting of the two leaders."
)


# ---- the impasses ------------------------------------------------------------------------------


def impasse_frame(ds) -> pd.DataFrame:
    """The impasses in the order they arose (ties by id), numbered from 1, with the id as a column
    and ``broken_at_kind`` as a string. An unknown ``broken_at_kind`` raises ValueError."""
    imp = with_id(ds.impasses, IMPASSE_ID)
    imp = imp.sort_values(["arose_date", IMPASSE_ID], kind="mergesort").reset_index(drop=True)
    imp["broken_at_kind"] = imp["broken_at_kind"].astype(str)
    unknown = sorted(set(imp["broken_at_kind"]) - set(BROKEN_KINDS))
    if unknown:
        raise ValueError(f"unknown broken_at_kind: {unknown}")
    imp.insert(0, "number", range(1, len(imp) + 1))
    return imp


def _topic(value) -> str:
    return TOPIC_LABELS.get(str(value), str(value).replace("_", " ").capitalize())


def _label(row) -> str:
    """'3. Ceasefire' for the figure's axis."""
    return f"{row.number}. {_topic(row.topic)}"


def deadlock_table(ds, max_words: int = 16) -> pd.DataFrame:
    """Every impasse: its number, topic, what it was (shortened), when it arose and was broken (as
    precise as coded), where it was broken and by whom (actor names; unknown ids raise)."""
    imp = impasse_frame(ds)
    rows = []
    for r in imp.itertuples(index=False):
        broken = (
            "not broken in the sources"
            if r.broken_at_kind == "unbroken"
            else format_span(r.broken_date, r.broken_precision)
        )
        rows.append(
            {
                "No.": r.number,
                "Topic": _topic(r.topic),
                "Impasse": shorten(r.description, max_words),
                "Arose": format_span(r.arose_date, r.arose_precision),
                "Broken": broken,
                "Where broken": KIND_LABELS[r.broken_at_kind],
                "By whom": records.actor_names(ds, r.broken_by, sep=", "),
            }
        )
    columns = ["No.", "Topic", "Impasse", "Arose", "Broken", "Where broken", "By whom"]
    return pd.DataFrame(rows, columns=columns)


def deadlock_counts(ds) -> pd.DataFrame:
    """Impasses by the phase they arose in (rows, in phase order, with a total) and where they were
    broken (columns, in codebook order; kinds that never occur are left out)."""
    imp = impasse_frame(ds)
    labels = phase_labels(ds)
    unknown = sorted(set(imp["phase_id"].dropna().astype(str)) - set(labels))
    if unknown:
        raise records.UnknownIdError("phases", unknown)
    kinds = [k for k in BROKEN_KINDS if k in set(imp["broken_at_kind"])]
    rows = []
    for pid, name in labels.items():
        sub = imp[imp["phase_id"].astype(str) == pid]
        row = {"Phase arisen in": name}
        row.update({KIND_LABELS[k]: int((sub["broken_at_kind"] == k).sum()) for k in kinds})
        row["All"] = len(sub)
        rows.append(row)
    total = {"Phase arisen in": "All phases"}
    total.update({KIND_LABELS[k]: int((imp["broken_at_kind"] == k).sum()) for k in kinds})
    total["All"] = len(imp)
    rows.append(total)
    return pd.DataFrame(rows, columns=["Phase arisen in", *[KIND_LABELS[k] for k in kinds], "All"])


def _spans(ds) -> pd.DataFrame:
    """Each impasse's first and last day: from the first day its arising covers to the last day
    its breaking covers; an unbroken impasse runs to the General Agreement (``open`` True)."""
    imp = impasse_frame(ds)
    end_of_talks = phase_frame(ds)["end_date"].max()
    starts, ends, open_ = [], [], []
    for r in imp.itertuples(index=False):
        lo, _ = timestamp_window(r.arose_date, r.arose_precision)
        if r.broken_at_kind == "unbroken" or is_blank(r.broken_date):
            hi, is_open = pd.Timestamp(end_of_talks), True
        else:
            _, hi = timestamp_window(r.broken_date, r.broken_precision)
            is_open = False
        starts.append(lo)
        ends.append(max(hi, lo))
        open_.append(is_open)
    imp["first_day"], imp["last_day"], imp["open"] = starts, ends, open_
    return imp


def deadlocks_data(ds) -> pd.DataFrame:
    """The numbers behind the impasse figure: one bar per impasse, from the first day its arising
    covers to the last day its breaking covers (``open``: unbroken, drawn to the end of the talks)."""
    return figures.plotted(
        _spans(ds),
        {
            "number": "number",
            "impasse_id": "impasse_id",
            "topic": "topic",
            "first_day": "first_day",
            "last_day": "last_day",
            "open": "open",
            "broken_at_kind": "broken_at_kind",
        },
    )


@figures.register("conclusion-deadlocks", alt=DEADLOCKS_ALT, data=deadlocks_data)
def draw_deadlocks(ds) -> Figure:
    """One bar per impasse from arising to breaking, coloured by where it was broken, on the
    phases; numbers as in :func:`deadlock_table`."""
    imp = _spans(ds)
    styles = figures.category_styles(BROKEN_KINDS)
    phases = phase_frame(ds)
    with figures.style():
        fig, ax = figures.new_figure(
            "Where the impasses were broken, 1993–1997",
            "Date (each bar: from arising to breaking)",
            "Impasse (number and topic)",
            figsize=(6.3, 5.2),
        )
        lo = min(imp["first_day"].min(), phases["start_date"].min()) - pd.Timedelta(days=30)
        hi = max(imp["last_day"].max(), phases["end_date"].max()) + pd.Timedelta(days=30)
        shade_phases(ax, phases, label=True, xlim=(lo, hi))
        n = len(imp)
        for i, r in enumerate(imp.itertuples(index=False)):
            y = n - 1 - i
            st = styles[r.broken_at_kind]
            start = mdates.date2num(r.first_day)
            width = max(mdates.date2num(r.last_day + pd.Timedelta(days=1)) - start, 12.0)
            ax.barh(
                y,
                width,
                left=start,
                height=0.62,
                color=st["color"],
                hatch=st["hatch"],
                edgecolor="#222222",
                linewidth=0.5,
                linestyle="--" if r.open else "-",
                alpha=0.55 if r.open else 1.0,
                zorder=2,
            )
        leaders = imp[imp["broken_at_kind"] == "leaders_meeting"]
        if len(leaders):
            turn = leaders.sort_values(["broken_date", IMPASSE_ID], kind="mergesort").iloc[0]
            turn_day, _ = timestamp_window(turn["broken_date"], turn["broken_precision"])
            ax.axvline(turn_day, color="#222222", linestyle=(0, (4, 2)), linewidth=0.9, zorder=3)
            ax.annotate(
                "First break at a leaders' meeting\n"
                f"({format_span(turn['broken_date'], turn['broken_precision'])})",
                (mdates.date2num(turn_day), n - 1),
                xytext=(-4, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=7.5,
                color="#222222",
            )
        ax.set_yticks(range(n))
        ax.set_yticklabels([_label(r) for r in imp.itertuples(index=False)][::-1], fontsize=8)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_xlim(lo, hi)
        figures.date_axis(ax, "year", minor=False, grid=None)
        ax.tick_params(axis="x", labelsize=8)
        present = [k for k in BROKEN_KINDS if k in set(imp["broken_at_kind"])]
        handles = [
            figures.swatch(styles[k], KIND_LABELS[k], edgecolor="#222222", linewidth=0.5)
            for k in present
        ]
        ax.legend(
            handles=handles,
            loc="lower left",
            ncol=1,
            fontsize=8,
            title="Where the impasse was broken",
            title_fontsize=8,
        )
    return fig


def leaders_meetings(ds) -> pd.DataFrame:
    """The face-to-face meetings of Rakhmonov and Nuri (summits of both sides), in date order, with
    the impasses (numbers, as in :func:`deadlock_table`) broken there."""
    ev = records.frame(ds, "events")
    ev = ev[(ev["kind"].astype(str) == "summit") & both_sides(ev)]
    ev = ev.sort_values(["date_start", "event_id"], kind="mergesort")
    imp = impasse_frame(ds)
    named = [e for e in imp["broken_event_id"] if not is_blank(e)]
    records.require_ids(ds, "events", named)
    rows = []
    for e in ev.itertuples(index=False):
        hit = imp[
            (imp["broken_event_id"].astype(str) == e.event_id)
            & (imp["broken_at_kind"] == "leaders_meeting")
        ]
        rows.append(
            {
                "Meeting": e.title,
                "Date": format_span(
                    e.date_start, e.date_start_precision, e.date_end, e.date_end_precision
                ),
                "Impasses broken there": ", ".join(str(n) for n in hit["number"]) or "none",
            }
        )
    return pd.DataFrame(rows, columns=["Meeting", "Date", "Impasses broken there"])


# ---- the evidence for the verdicts ------------------------------------------------------------


def _both_sides_meetings(ds) -> pd.DataFrame:
    ev = records.frame(ds, "events")
    ev = ev[both_sides(ev)]
    return ev.sort_values(["date_start", "event_id"], kind="mergesort")


def evidence(ds) -> dict[str, object]:
    """Every count the verdicts and the prose rest on, computed from the data."""
    imp = impasse_frame(ds)
    units = actor_units(ds)
    records.require_ids(ds, "events", [TALIBAN_EVENT, SETTLEMENT_EVENT, FIRST_ROUND])
    records.require_ids(ds, "actors", [LEFT_OUT, *LEFT_OUT_MEMBERS, *LEADERS])
    ev = records.frame(ds, "events").set_index("event_id")
    broken = imp[imp["broken_at_kind"] != "unbroken"]
    out: dict[str, object] = {
        "n_impasses": len(imp),
        "n_broken": len(broken),
        "n_unbroken": int((imp["broken_at_kind"] == "unbroken").sum()),
    }
    for k in BROKEN_KINDS:
        out[f"n_{k}"] = int((imp["broken_at_kind"] == k).sum())
    out["n_outside"] = out["n_third_party_pressure"] + out["n_third_party_mediation"]

    # Who broke them: the outside parties credited, rolled up to their state or organisation.
    def credited(row) -> set[str]:
        return {units.get(a, a) for a in split_list(row.broken_by)}

    credit = [credited(r) for r in broken.itertuples(index=False)]
    out["n_russia_credited"] = sum("russia" in c for c in credit)
    out["n_un_credited"] = sum("un" in c for c in credit)
    out["n_russia_and_iran"] = sum({"russia", "iran"} <= c for c in credit)
    leaders = broken[broken["broken_at_kind"] == "leaders_meeting"]
    out["n_leaders_with_outsiders"] = sum(
        bool(credited(r) - SIDE_UNITS) for r in leaders.itertuples(index=False)
    )
    # Before and after the turn: the first impasse broken at a leaders' meeting.
    if len(leaders):
        first = leaders.sort_values(["broken_date", IMPASSE_ID], kind="mergesort").iloc[0]
        turn = first["broken_date"]
        early = broken[broken["broken_date"] < turn]
        late = broken[broken["broken_date"] >= turn]
        out["turn_date"] = format_span(turn, first["broken_precision"])
        out["n_early"] = len(early)
        out["n_early_outside"] = int(
            early["broken_at_kind"].isin(["third_party_pressure", "third_party_mediation"]).sum()
        )
        out["n_early_russia"] = sum("russia" in credited(r) for r in early.itertuples(index=False))
        out["n_early_un"] = sum("un" in credited(r) for r in early.itertuples(index=False))
        out["n_late"] = len(late)
        out["n_late_leaders"] = int((late["broken_at_kind"] == "leaders_meeting").sum())
    # The leaders' meetings and what they broke.
    lm = leaders_meetings(ds)
    out["n_leader_summits"] = len(lm)
    out["n_leader_summits_breaking"] = int((lm["Impasses broken there"] != "none").sum())
    out["n_quiet_summits"] = len(lm) - out["n_leader_summits_breaking"]
    quiet = lm[lm["Impasses broken there"] == "none"]
    out["quiet_summits"] = ", ".join(f"{m} ({d})" for m, d in zip(quiet["Meeting"], quiet["Date"]))
    # The longest impasse.
    spans = _spans(ds)
    closed = spans[~spans["open"]]
    days = (closed["last_day"] - closed["first_day"]).dt.days
    if len(closed):
        longest = closed.loc[days.idxmax()]
        out["longest_number"] = int(longest["number"])
        out["longest_months"] = round(float(days.max()) / 30.44)
    # Complementary pressure in the relations.
    rel = records.frame(ds, "relations")
    lev = rel[rel["relation"].astype(str).isin(LEVERAGE_KINDS)]
    frm = [units.get(a, a) for a in lev["from_actor"]]
    to = [units.get(a, a) for a in lev["to_actor"]]
    pairs = list(zip(frm, to))
    out["russia_on_government"] = sum(p == ("russia", GOVERNMENT) for p in pairs)
    out["russia_on_opposition"] = sum(p == ("russia", OPPOSITION) for p in pairs)
    out["iran_on_opposition"] = sum(p == ("iran", OPPOSITION) for p in pairs)
    out["iran_on_government"] = sum(p == ("iran", GOVERNMENT) for p in pairs)
    # The UN's presence, phase by phase.
    labels = phase_labels(ds)
    un_rel = rel[[units.get(a, a) == "un" for a in rel["from_actor"]]]
    un_phases = [p for p in labels if (un_rel["phase_id"].astype(str) == p).any()]
    out["n_phases"] = len(labels)
    out["n_un_phases"] = len(un_phases)
    out["n_un_relations"] = len(un_rel)
    out["un_missing_phases"] = ", ".join(labels[p] for p in labels if p not in un_phases) or "none"
    # Meetings of the two sides, before and after the Taliban took Kabul.
    meet = _both_sides_meetings(ds)
    taliban = ev.loc[TALIBAN_EVENT, "date_start"]
    settled = ev.loc[SETTLEMENT_EVENT, "date_start"]
    months = (settled.year - taliban.year) * 12 + settled.month - taliban.month
    before_start = taliban - pd.DateOffset(months=months)
    out["taliban_date"] = format_span(taliban, ev.loc[TALIBAN_EVENT, "date_start_precision"])
    out["settlement_date"] = format_span(settled, ev.loc[SETTLEMENT_EVENT, "date_start_precision"])
    out["window_months"] = months
    out["meetings_after_taliban"] = int(
        ((meet["date_start"] > taliban) & (meet["date_start"] <= settled)).sum()
    )
    out["meetings_before_taliban"] = int(
        ((meet["date_start"] >= before_start) & (meet["date_start"] < taliban)).sum()
    )
    after = meet[meet["date_start"] > taliban]
    out["first_meeting_after_taliban"] = (
        format_span(
            after.iloc[0]["date_start"],
            after.iloc[0]["date_start_precision"],
            after.iloc[0]["date_end"],
            after.iloc[0]["date_end_precision"],
        )
        if len(after)
        else ""
    )
    out["n_meetings"] = len(meet)
    # The stalemate: fighting coded in the phases, and the third formula phase's share.
    mil = records.frame(ds, "events")
    mil = mil[mil["kind"].astype(str) == "military"]
    out["n_military_talks"] = int(mil["phase_id"].astype(str).isin(list(labels)).sum())
    out["n_military_formula_3"] = int((mil["phase_id"].astype(str) == "formula_3").sum())
    out["formula_3_label"] = labels.get("formula_3", "").lower()
    # The first round put power-sharing on the agenda: the proposals tabled there.
    prop = records.frame(ds, "proposals") if hasattr(ds, "proposals") else pd.DataFrame()
    out["n_proposals"] = len(prop)
    out["n_proposals_round1"] = (
        int((prop["event_id"].astype(str) == FIRST_ROUND).sum()) if len(prop) else 0
    )
    out["first_round_date"] = format_span(
        ev.loc[FIRST_ROUND, "date_start"], ev.loc[FIRST_ROUND, "date_start_precision"]
    )
    # Who was left out: the National Revival Bloc.
    left = {LEFT_OUT, *LEFT_OUT_MEMBERS}
    out["n_meetings_with_nrb"] = sum(bool(left & set(split_list(a))) for a in meet["actors"])
    nrb_rel = rel[rel["to_actor"].isin(left) | rel["from_actor"].isin(left)]
    out["n_nrb_relations"] = len(nrb_rel)
    out["n_nrb_hostility"] = int((nrb_rel["relation"].astype(str) == "hostility").sum())
    out["n_nrb_support"] = int((nrb_rel["relation"].astype(str) == "support").sum())
    stats = records.frame(ds, "statistics").set_index("stat_id")
    records.require_ids(ds, "statistics", [NRB_SHARE_STAT, POWER_SHARE_STAT])
    out["nrb_share"] = _number(stats.loc[NRB_SHARE_STAT, "value"])
    out["power_share"] = _number(stats.loc[POWER_SHARE_STAT, "value"])
    # After the settlement: events dated after the General Agreement.
    allev = records.frame(ds, "events")
    later = allev[allev["date_start"] > settled]
    out["n_after_settlement"] = len(later)
    out["after_settlement_years"] = (
        ", ".join(sorted({str(d.year) for d in later["date_start"]})) if len(later) else "none"
    )
    out.update(_phrases(out))
    return out


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_of(n: int, total: int, noun: str = "") -> str:
    """'none of the 20 meetings', 'all 5 phases', 'both meetings', '3 of the 11 events' (``noun``
    may be empty: 'all 8')."""
    n, total = int(n), int(total)
    if total == 0:
        text = f"no {noun}"
    elif n == 0:
        text = f"none of the {total} {noun}"
    elif n == total:
        text = f"both {noun}" if total == 2 else f"all {total} {noun}"
    else:
        text = f"{n} of the {total} {noun}"
    return text.strip()


def times(n: int) -> str:
    """'never', 'once', 'twice', '5 times'."""
    n = int(n)
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")


def number_word(n: int) -> str:
    """'none', 'one' ... 'ten', then digits."""
    n = int(n)
    return "none" if n == 0 else _WORDS[n] if n < len(_WORDS) else str(n)


def _phrases(ev: dict[str, object]) -> dict[str, str]:
    """The counts of :func:`evidence` worded for reading, so that no sentence says '0 of them'."""
    return {
        "nrb_meetings_phrase": count_of(
            ev["n_meetings_with_nrb"], ev["n_meetings"], "meetings of the two sides"
        ),
        "un_phases_phrase": count_of(ev["n_un_phases"], ev["n_phases"], "phases"),
        "late_leaders_phrase": count_of(ev["n_late_leaders"], ev["n_late"]),
        "early_outside_phrase": count_of(ev["n_early_outside"], ev["n_early"]),
        "leader_summits_breaking_phrase": count_of(
            ev["n_leader_summits_breaking"], ev["n_leader_summits"]
        ),
        "leaders_with_outsiders_phrase": count_of(
            ev["n_leaders_with_outsiders"], ev["n_leaders_meeting"], "cases"
        ),
        "russia_on_government_times": times(ev["russia_on_government"]),
        "russia_on_opposition_times": times(ev["russia_on_opposition"]),
        "iran_on_opposition_times": times(ev["iran_on_opposition"]),
        "iran_on_government_times": times(ev["iran_on_government"]),
        "meetings_after_taliban_times": times(ev["meetings_after_taliban"]),
        "meetings_before_taliban_times": times(ev["meetings_before_taliban"]),
        "nrb_support_words": number_word(ev["n_nrb_support"]),
        "delegation_round_words": number_word(ev["n_delegation_round"]),
        "nrb_relations_phrase": f"{ev['n_nrb_relations']} coded relation"
        + ("" if int(ev["n_nrb_relations"]) == 1 else "s"),
        "nrb_hostility_words": number_word(ev["n_nrb_hostility"]),
    }


def _number(value) -> str:
    """A statistic's value as text: '30' rather than '30.0'."""
    f = float(value)
    return str(int(f)) if f.is_integer() else f"{f:g}"


# ---- the verdicts -------------------------------------------------------------------------------

#: The claims weighed in the chapter: (key, claim, source and locator, verdict, what the data show).
#: The last is a template filled from :func:`evidence`; the verdict is the authors' reading of it.
CLAIMS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "kind_of_conflict",
        "A regional struggle over power, not a clash of ideologies or ethnic groups, made power "
        "sharing the natural formula",
        "Iji, Conclusions; Adamishin, para. 4",
        "fits",
        "Power-sharing was on the agenda from the first round ({first_round_date}); the dataset "
        "codes {n_proposals} power-sharing proposals. It does not code the causes of the war, so "
        "it cannot say why this formula was chosen.",
    ),
    (
        "stalemate",
        "A mutually hurting stalemate in 1996 wore down both sides' hope of victory",
        "Iji, Conclusions",
        "fits",
        "{n_military_formula_3} of the {n_military_talks} military events coded during the talks "
        "fall in the {formula_3_label}, and the power-sharing deadlock (impasse "
        "{longest_number}) lasted about {longest_months} months before it broke. What the parties "
        "perceived is not in the data.",
    ),
    (
        "russia_iran",
        "Combined Russian and Iranian pressure drove the process, Russia on the government and "
        "Iran on the opposition",
        "Iji, Conclusions",
        "supports",
        "Russia's coded pressure and persuasion reach the government side "
        "{russia_on_government_times} and the opposition {russia_on_opposition_times}; Iran's "
        "reach the opposition {iran_on_opposition_times} and the government "
        "{iran_on_government_times}. Both are credited "
        "together with breaking {n_russia_and_iran} impasses.",
    ),
    (
        "taliban",
        "The Taliban's capture of Kabul gave the talks and the mediators a new urgency",
        "Iji, Spurred Negotiations; Path toward Final Agreement; Conclusions",
        "fits",
        "The two sides met {meetings_after_taliban_times} in the {window_months} months from the "
        "fall of Kabul ({taliban_date}) to the General Agreement, against "
        "{meetings_before_taliban_times} in the {window_months} months before; the first meeting "
        "after it began {first_meeting_after_taliban}. Timing alone cannot show the cause.",
    ),
    (
        "un_continuity",
        "The UN sponsored and coordinated the talks and kept them going through every phase",
        "Iji, Conclusions; Adamishin, para. 47",
        "supports",
        "An act of the UN is coded in {un_phases_phrase} "
        "({n_un_relations} relations in all; phases without one: {un_missing_phases}).",
    ),
    (
        "leaders_meetings",
        "Face-to-face meetings of Rakhmonov and Nuri broke the deadlocks",
        "Iji, Spurred Negotiations; Path toward Final Agreement",
        "supports, from December 1996 only",
        "Of the impasses broken from {turn_date} on, {late_leaders_phrase} ended at a leaders' "
        "meeting; of those broken before, {early_outside_phrase} ended under outside pressure "
        "or mediation. Of the leaders' meetings, {leader_summits_breaking_phrase} broke an "
        "impasse. Outside parties are credited beside the leaders in "
        "{leaders_with_outsiders_phrase}.",
    ),
    (
        "russia_kept_negotiating",
        "Russia brought the Tajiks to the table and kept them negotiating whenever a stalemate "
        "arose",
        "Adamishin, para. 52",
        "supports in part, before December 1996 only",
        "Russia is credited with breaking {n_early_russia} of the {n_early} impasses broken "
        "before {turn_date}, the UN with {n_early_un}; over the whole process Russia is credited "
        "with {n_russia_credited} of the {n_broken} breaks. The two sources differ here (see "
        "the discrepancy on who broke the stalemates).",
    ),
    (
        "help_not_act",
        "Russia could help the Tajiks but not make the accord for them",
        "Adamishin, paras 26, 52",
        "fits",
        "The last {n_late} impasses to end were settled by the two leaders in person, though "
        "outside parties are credited beside them in {n_leaders_with_outsiders} of these.",
    ),
    (
        "left_out",
        "The northern 'third force', the National Revival Bloc, was left out of the settlement",
        "Iji, Spurred Negotiations; Path toward Final Agreement",
        "supports",
        "The Bloc or its leader took part in {nrb_meetings_phrase} in the record; its only place in the talks is the opposition's proposal of "
        "{nrb_share} percent of the reconciliation commission's seats, which the government "
        "rejected ({nrb_relations_phrase}: {nrb_support_words} of support, "
        "{nrb_hostility_words} of hostility).",
    ),
    (
        "aftermath",
        "The power sharing proved limited: Rahmon took back much of the {power_share} percent he "
        "had conceded, and regionalism endured",
        "Adamishin, paras 1, 53; Iji, Conclusions",
        "cannot test",
        "The dataset ends with the General Agreement ({settlement_date}); it holds "
        "{n_after_settlement} later events (from {after_settlement_years}), none of them on how "
        "the agreement was carried out.",
    ),
)


def _verdict_base(verdict: str) -> str:
    """The verdict without its qualifier: 'supports in part, ...' -> 'supports'."""
    for v in sorted(VERDICTS, key=len, reverse=True):
        if verdict == v or verdict.startswith((v + ",", v + " ")):
            return v
    return verdict


def verdict_table(ds) -> pd.DataFrame:
    """The claims of :data:`CLAIMS` with their source, what the data show (every count computed
    from ``ds``) and the verdict."""
    ev = evidence(ds)
    rows = []
    for _key, claim, source, verdict, template in CLAIMS:
        if _verdict_base(verdict) not in VERDICTS:
            raise ValueError(f"verdict {verdict!r} is not one of {VERDICTS}")
        rows.append(
            {
                "Claim": claim.format(**ev),
                "Source (locator)": source,
                "What the data show": template.format(**ev),
                "Verdict": verdict,
            }
        )
    return pd.DataFrame(
        rows, columns=["Claim", "Source (locator)", "What the data show", "Verdict"]
    )


def summary(ds) -> dict[str, object]:
    """Headline numbers of the chapter (for the text, through myst_nb.glue), as text."""
    ev = evidence(ds)
    out = {k: str(v) for k, v in ev.items()}
    verdicts = [_verdict_base(c[3]) for c in CLAIMS]
    out["n_verdict_partial"] = str(sum(c[3] != _verdict_base(c[3]) for c in CLAIMS))
    for v in VERDICTS:
        out[f"n_verdict_{v.replace(' ', '_')}"] = str(verdicts.count(v))
    out["n_claims"] = str(len(CLAIMS))
    return out
