"""Tables of the discrepancies between the sources (``discrepancies.csv``), in the book's layouts.

A chapter names the discrepancies it discusses by id; an id that is not in the table raises
:class:`tajik_peace.records.UnknownIdError`, so a renamed record cannot silently drop out.

- :func:`claims_by_source`: one row per discrepancy, one column per coded source with what it says;
- :func:`accounts`: one row per discrepancy, the two accounts in the order the record gives them;
- :func:`claims_as_rows`: one discrepancy as rows, each source's claim and the assessment;
- :func:`by_topic`: every discrepancy of some topics, grouped by topic, each text shortened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from .attestation import coded_sources, source_citations, source_names
from .records import frame, rows
from .text import shorten

__all__ = [
    "DISCREPANCY_TOPICS",
    "TITLES",
    "accounts",
    "by_topic",
    "claims_as_rows",
    "claims_by_source",
    "titled",
    "topic_vocabulary",
]

#: The short title under which the book refers to a discrepancy, in every chapter that prints it
#: (the prose cites these titles, so one discrepancy has one title throughout).
TITLES: dict[str, str] = {
    "adamishin-tehran-trip-date": "When Adamishin went to Dushanbe and Tehran",
    "cis-peacekeeping-timing": "When the CIS peacekeeping framework began",
    "first-contact-opposition": "First Russian contact with the opposition",
    "flour-supply-place": "Where the flour was short",
    "government-formation-sequence": "Government first, or Dushanbe first?",
    "iran-role": "Iran's part",
    "kulobi-leader-1992": "Who led the Kulobis in November 1992",
    "name-leninabad": "What 'Leninabad' names",
    "round1-observers": "Who attended the Moscow round",
    "russian-aid-popular-front": "Russian aid to the Popular Front",
    "russian-commitment-round1": "How committed Russia was at the Moscow round",
    "russian-military-role": "What the Russian military did",
    "russian-policy-1992-93": "Russian policy in 1992-93",
    "third-round-date-venue": "Date and venue of the third round",
    "thirty-percent-scope": "What the 30 percent covered",
    "un-envoy-timing": "When Piriz-Ballon became UN envoy",
    "un-impartiality": "Whether the UN was impartial",
    "war-start": "When the war began",
    "who-brought-sides-to-table": "Who brought the sides to the table",
}


def titled(ids: Iterable[str]) -> dict[str, str]:
    """``{id: title}`` for the discrepancies ``ids``, in their order (see :data:`TITLES`)."""
    ids = list(ids)
    missing = [i for i in ids if i not in TITLES]
    if missing:
        raise KeyError(f"no title in discrepancies.TITLES for {missing}")
    return {i: TITLES[i] for i in ids}


#: The codebook's vocabulary of discrepancy topics, in its order (for tables that are not loaded
#: with their categories).
DISCREPANCY_TOPICS: tuple[str, ...] = (
    "date",
    "venue",
    "sequence",
    "figure",
    "name",
    "participants",
    "attribution",
    "interpretation",
)


def _labelled(ids: Iterable[str] | Mapping[str, str]) -> dict[str, str]:
    """``{id: label}``: a mapping as given, plain ids labelled by themselves."""
    return dict(ids) if isinstance(ids, Mapping) else {i: i for i in ids}


def _claims_of(r, sources: Iterable[str]) -> dict[str, list[str]]:
    """Each coded source's claims in one discrepancy record (a point within one source gives it
    both claims); the one place that sorts ``claim_a``/``claim_b`` into the sources' columns."""
    says: dict[str, list[str]] = {s: [] for s in sources}
    for src, claim in ((r["source_a"], r["claim_a"]), (r["source_b"], r["claim_b"])):
        says.setdefault(str(src), []).append(claim)
    return says


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
        says = _claims_of(r, sources)
        row = {point: labels[did]} if point else {}
        row.update({names[s]: " ".join(map(str, says[s])) for s in sources})
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


def topic_vocabulary(ds) -> list[str]:
    """The discrepancy topics in the codebook's order (the categories of a loaded dataset)."""
    topic = frame(ds, "discrepancies")["topic"]
    if isinstance(topic.dtype, pd.CategoricalDtype):
        return [str(c) for c in topic.cat.categories]
    return list(DISCREPANCY_TOPICS)


def by_topic(
    ds, topics: Iterable[str] | None = None, max_words: int = 30, with_topic: bool | None = None
) -> pd.DataFrame:
    """The discrepancies of the given topics (all when None), grouped by topic in vocabulary order:
    what each coded source says and how the two can be reconciled, each shortened to ``max_words``
    words (the full text is in data/discrepancies.csv).

    A discrepancy inside one source puts both of its statements in that source's column, and
    marks the other column. The 'Topic' column is shown when ``with_topic`` is True, or, by
    default, when more than one topic was asked for. An unknown topic raises ValueError."""
    coded = coded_sources(ds)
    names = source_names(ds)
    d = frame(ds, "discrepancies")
    order = topic_vocabulary(ds)
    topics = None if topics is None else [topics] if isinstance(topics, str) else list(topics)
    unknown = set(topics or ()) - set(order)
    if unknown:
        raise ValueError(f"unknown discrepancy topics: {sorted(unknown)}")
    wanted = order if topics is None else [t for t in order if t in set(topics)]
    if with_topic is None:
        with_topic = len(wanted) > 1
    out = []
    for t in wanted:
        for _, r in d[d["topic"].astype(str) == t].iterrows():
            says = _claims_of(r, coded)
            within = str(r["source_a"]) == str(r["source_b"])
            # a point within one source: half the words for each of its two claims
            n = max(1, max_words // 2) if within else max_words
            cells = {s: " / ".join(shorten(c, n) for c in says[s]) for s in coded}
            if within:
                a = str(r["source_a"])
                for s in coded:
                    if s != a:
                        cells[s] = f"(not involved: a point within {names.get(a, a)})"
            row = {"Topic": t.capitalize()}
            row.update({names.get(s, s): cells[s] for s in coded})
            row["Assessment"] = shorten(r["assessment"], max_words)
            out.append(row)
    columns = ["Topic", *[names.get(s, s) for s in coded], "Assessment"]
    table = pd.DataFrame(out, columns=columns)
    return table if with_topic else table.drop(columns="Topic")
