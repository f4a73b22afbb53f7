"""The project's own rules, beyond what the schema can say; each a named check.

Each check takes the readable tables (:class:`~tajik_peace.reader.Table`, cells as text) and yields
:class:`Problem` records naming file, line and field. A check runs only when every table it needs
was read and keeps its required fields (see :mod:`tajik_peace.required_schema`), and each one is
linear in the rows: nothing allocates in proportion to a value in the data.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import dates as _dates
from . import sources as _sources
from .dates import parse_date
from .reader import Table
from .report import Problem
from .schema import list_pattern_vocabulary
from .text import contains_words, spelling_key, split_list, words

MAX_QUOTE_WORDS = 40
SHARE_TOLERANCE = 0.5
PRECISIONS = _dates.PRECISIONS
#: Tables whose every record must be attested by at least one quotation.
ATTESTED_TABLES = (
    "actors",
    "places",
    "phases",
    "events",
    "agreements",
    "proposals",
    "ceasefires",
    "relations",
    "statistics",
    "discrepancies",
    "positions",
    "russian_moves",
    "impasses",
)
#: ';'-separated list fields: (table, field) -> table whose ids the items are, or None.
LIST_FIELDS = {
    ("actors", "aliases"): None,
    ("places", "aliases"): None,
    ("events", "actors"): "actors",
    ("agreements", "signatories"): "actors",
    ("agreements", "topics"): None,
    ("russian_moves", "target_actor_ids"): "actors",
    ("impasses", "broken_by"): "actors",
}


def _few(values: list, limit: int = 12) -> str:
    """At most ``limit`` values for a message, and how many more there are."""
    if len(values) <= limit:
        return str(list(values))
    return "[" + ", ".join(map(str, values[:limit])) + f", \u2026 and {len(values) - limit} more]"


def _number(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def _integer(value: str) -> int | None:
    try:
        return int(value) if value.strip() else None
    except ValueError:
        return None


def _p(table: Table, i: int, field_name: str | None, message: str, check: str) -> Problem:
    return Problem(table.file, table.lines[i], field_name, message, check)


# --------------------------------------------------------------------------------------------
# Stage c: the project's rules. Each check takes the readable tables and yields Problems; it runs
# only when every table it needs is readable.

CheckFn = Callable[[dict[str, Table]], Iterable[Problem]]


@dataclass(frozen=True)
class Check:
    name: str
    needs: tuple[str, ...]
    fn: CheckFn
    doc: str


CHECKS: dict[str, Check] = {}


def check(name: str, *needs: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = Check(name, needs, fn, (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return register


@check("list-references", "events", "agreements", "actors", "places", "russian_moves", "impasses")
def check_lists(t: dict[str, Table]) -> Iterable[Problem]:
    """';'-separated lists are clean, and id lists name existing records."""
    for (table, fname), target in LIST_FIELDS.items():
        tab = t[table]
        known = t[target].ids() if target else None
        for i, row in enumerate(tab.rows):
            raw = row.get(fname, "")
            if not raw:
                continue
            parts = raw.split(";")
            if any(not p.strip() for p in parts):
                yield _p(
                    tab,
                    i,
                    fname,
                    f"{raw!r} has an empty item (a doubled or trailing ';')",
                    "list-references",
                )
            if any(p != p.strip() for p in parts):
                yield _p(
                    tab,
                    i,
                    fname,
                    f"{raw!r} has spaces around an item; write 'a;b'",
                    "list-references",
                )
            items = split_list(raw)
            dups = sorted(x for x, n in Counter(items).items() if n > 1)
            if dups:
                yield _p(
                    tab, i, fname, f"lists {', '.join(dups)} more than once", "list-references"
                )
            if known is not None:
                for item in items:
                    if item not in known:
                        yield _p(
                            tab,
                            i,
                            fname,
                            f"{item!r} is not a known actor_id in {Path(t[target].file).name}",
                            "list-references",
                        )


@check("topics", "agreements")
def check_topics(t: dict[str, Table]) -> Iterable[Problem]:
    """agreements.topics uses only the topic vocabulary."""
    tab = t["agreements"]
    vocab = list_pattern_vocabulary(tab.field("topics").get("constraints", {}).get("pattern", ""))
    if not vocab:
        return
    for i, row in enumerate(tab.rows):
        for item in split_list(row.get("topics")):
            if item not in vocab:
                yield _p(
                    tab,
                    i,
                    "topics",
                    f"unknown topic {item!r}; topics are: " + ", ".join(vocab),
                    "topics",
                )


@check("attestation-target", *ATTESTED_TABLES, "attestations")
def check_attestation_targets(t: dict[str, Table]) -> Iterable[Problem]:
    """attestations.record_id names an existing record of the named table."""
    tab = t["attestations"]
    for i, row in enumerate(tab.rows):
        table, rid = row.get("table", ""), row.get("record_id", "")
        if table in t and rid and rid not in t[table].ids():
            yield _p(
                tab, i, "record_id", f"{rid!r} is not a record of {table}", "attestation-target"
            )


@check("discrepancy-record", "discrepancies", *ATTESTED_TABLES)
def check_discrepancy_records(t: dict[str, Table]) -> Iterable[Problem]:
    """discrepancies.record is 'table:id' and names an existing record."""
    tab = t["discrepancies"]
    for i, row in enumerate(tab.rows):
        record = row.get("record", "").strip()
        if not record:
            continue
        table, sep, rid = record.partition(":")
        if not sep or not rid:
            yield _p(
                tab,
                i,
                "record",
                f"{record!r} is not of the form table:record_id",
                "discrepancy-record",
            )
        elif table not in t or table == "discrepancies":
            yield _p(
                tab,
                i,
                "record",
                f"{record!r} names no coded table ({table!r})",
                "discrepancy-record",
            )
        elif rid not in t[table].ids():
            yield _p(tab, i, "record", f"{rid!r} is not a record of {table}", "discrepancy-record")


# (table, start field, end field) pairs that must not run backwards
DATE_PAIRS = (
    ("events", "date_start", "date_end"),
    ("phases", "start_date", "end_date"),
    ("ceasefires", "effective_from", "valid_until"),
    ("ceasefires", "agreed_date", "valid_until"),
    ("russian_moves", "date_start", "date_end"),
    ("impasses", "arose_date", "broken_date"),
)


@check("date-order", "events", "phases", "ceasefires", "russian_moves", "impasses")
def check_date_order(t: dict[str, Table]) -> Iterable[Problem]:
    """No start after its end (events, phases, ceasefires)."""
    for table, a, b in DATE_PAIRS:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            da, db = parse_date(row.get(a)), parse_date(row.get(b))
            if da and db and db < da:
                yield _p(tab, i, b, f"{b} {db} is before {a} {da}", "date-order")


#: (table, EDTF field, ((date field, precision field), ...)): one bound, or start and end
EDTF_FIELDS = (
    ("phases", "dates_edtf", (("start_date", "start_precision"), ("end_date", "end_precision"))),
    (
        "events",
        "date_edtf",
        (("date_start", "date_start_precision"), ("date_end", "date_end_precision")),
    ),
    ("agreements", "date_signed_edtf", (("date_signed", "date_precision"),)),
    ("proposals", "date_edtf", (("date", "date_precision"),)),
    ("ceasefires", "agreed_edtf", (("agreed_date", "agreed_precision"),)),
    ("ceasefires", "effective_from_edtf", (("effective_from", "effective_from_precision"),)),
    ("ceasefires", "valid_until_edtf", (("valid_until", "valid_until_precision"),)),
    ("relations", "date_edtf", (("date", "date_precision"),)),
    ("statistics", "date_edtf", (("date", "date_precision"),)),
    ("positions", "date_edtf", (("date", "date_precision"),)),
    (
        "russian_moves",
        "date_edtf",
        (("date_start", "date_start_precision"), ("date_end", "date_end_precision")),
    ),
    ("impasses", "arose_edtf", (("arose_date", "arose_precision"),)),
    ("impasses", "broken_edtf", (("broken_date", "broken_precision"),)),
)


#: (table, date field, its precision field), derived from :data:`EDTF_FIELDS`: every bound of every
#: date has its own precision and is published in EDTF, so the two lists cannot drift apart.
DATED = tuple(
    dict.fromkeys(
        (table, dfield, pfield) for table, _, bounds in EDTF_FIELDS for dfield, pfield in bounds
    )
)
#: The tables with dates, in :data:`EDTF_FIELDS` order.
DATED_TABLES = tuple(dict.fromkeys(table for table, _, _ in EDTF_FIELDS))


@check("date-precision", *DATED_TABLES)
def check_date_precision(t: dict[str, Table]) -> Iterable[Problem]:
    """Each date agrees with its own precision: month -> day 01, year -> 01-01; precision iff date."""
    for table, dfield, pfield in DATED:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            precision = row.get(pfield, "").strip()
            has_date = bool(row.get(dfield, "").strip())
            if has_date and not precision:
                yield _p(tab, i, pfield, f"is empty but {dfield} is given", "date-precision")
            if precision and not has_date:
                yield _p(
                    tab, i, pfield, f"is {precision!r} but {dfield} is empty", "date-precision"
                )
            d = parse_date(row.get(dfield))
            if d is None:
                continue
            if precision == "month" and d.day != 1:
                yield _p(
                    tab,
                    i,
                    dfield,
                    f"{d} has month precision: write it as the first of the "
                    f"month ({d.replace(day=1)})",
                    "date-precision",
                )
            if precision == "approximate" and d.day != 1:
                yield _p(
                    tab,
                    i,
                    dfield,
                    f"{d} is approximate: write it as the first of its month "
                    f"({d.replace(day=1)}); a day the source gives has precision 'day'",
                    "date-precision",
                )
            if precision == "year" and (d.month, d.day) != (1, 1):
                yield _p(
                    tab,
                    i,
                    dfield,
                    f"{d} has year precision: write it as {d.year}-01-01",
                    "date-precision",
                )
    tab = t["events"]
    for i, row in enumerate(tab.rows):
        if (
            row.get("date_start_precision", "").strip() == "approximate"
            and row.get("date_start", "").strip()
            and not row.get("date_end", "").strip()
        ):
            yield _p(
                tab,
                i,
                "date_end",
                "an approximate event needs date_end: code the span "
                "it covers (e.g. early 1994 = 1994-01-01 to 1994-04-01, both approximate)",
                "date-precision",
            )


@check("edtf", *DATED_TABLES)
def check_edtf(t: dict[str, Table]) -> Iterable[Problem]:
    """Every *_edtf value is valid EDTF (parsed by the edtf package) and says what its dates say."""
    for table, efield, bounds in EDTF_FIELDS:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            value = row.get(efield, "").strip()
            parts = []
            for dfield, pfield in bounds:
                d, prec = parse_date(row.get(dfield)), row.get(pfield, "").strip()
                if d is not None and prec in PRECISIONS:
                    parts.append((d, prec))
                elif row.get(dfield, "").strip():
                    parts = None  # an unreadable date or precision is reported by other checks
                    break
            if value:
                try:
                    _dates.parse_edtf(value)
                except _dates.EDTFError as exc:
                    yield _p(tab, i, efield, str(exc), "edtf")
                    continue
            if parts is None:
                continue
            expected = (
                _dates.to_edtf(*parts[0], *(parts[1] if len(parts) > 1 else ())) if parts else ""
            )
            if value != expected:
                what = " and ".join(f for f, _ in bounds)
                yield _p(
                    tab,
                    i,
                    efield,
                    f"is {value!r}, but {what} with their precision say {expected!r}",
                    "edtf",
                )


def _phases(t: dict[str, Table]) -> list[tuple[str, date, date, int]]:
    """(phase_id, first day, last day, order) of every phase with readable dates, in order."""
    out = []
    for row in t["phases"].rows:
        start, end = parse_date(row.get("start_date")), parse_date(row.get("end_date"))
        order = _integer(row.get("order", ""))
        if start and end and order is not None:
            try:
                out.append(
                    (
                        row["phase_id"],
                        start,
                        _dates.bound_last(end, row.get("end_precision", "")),
                        order,
                    )
                )
            except ValueError:  # an unknown precision is reported by frictionless
                continue
    return sorted(out, key=lambda p: p[3])


@check("phase-sequence", "phases")
def check_phase_sequence(t: dict[str, Table]) -> Iterable[Problem]:
    """Phases are numbered 1..N, in date order, and do not overlap."""
    tab = t["phases"]
    orders = sorted(o for o in (_integer(r.get("order", "")) for r in tab.rows) if o is not None)
    if orders and orders != list(range(1, len(orders) + 1)):
        yield Problem(
            tab.file,
            None,
            "order",
            f"phase orders are {_few(orders)}; expected 1 to {len(orders)} without gaps",
            "phase-sequence",
        )
    phases = _phases(t)
    line = {r["phase_id"]: tab.lines[i] for i, r in enumerate(tab.rows)}
    for (pid, _start, end, _), (nid, nstart, _nend, _) in itertools.pairwise(phases):
        if nstart <= end:
            yield Problem(
                tab.file,
                line[nid],
                "start_date",
                f"phase {nid} starts {nstart}, before phase {pid} (the one before it "
                f"in order) ends {end}",
                "phase-sequence",
            )


def _phase_problems(
    t: dict[str, Table],
    table: str,
    i: int,
    lo: date,
    hi: date,
    phase_id: str,
    check_name: str,
    phases: list[tuple[str, date, date, int]],
) -> Iterable[Problem]:
    tab = t[table]
    if not phases:
        return
    known = {p[0]: p for p in phases}
    covering = [p[0] for p in phases if p[1] <= hi and lo <= p[2]]
    if phase_id:
        if phase_id not in known:
            return  # an unknown phase is a foreign-key problem, reported by frictionless
        _, pstart, pend, _ = known[phase_id]
        if not (pstart <= hi and lo <= pend):
            hint = (
                f"; by its date it falls in {', '.join(covering)}"
                if covering
                else (
                    "; it is before the first phase: leave phase_id empty"
                    if hi < phases[0][1]
                    else ""
                )
            )
            yield _p(
                tab,
                i,
                "phase_id",
                f"its date ({lo} to {hi}) lies outside phase {phase_id} ({pstart} to {pend}){hint}",
                check_name,
            )
    elif phases[0][1] <= lo <= phases[-1][2]:  # empty only if it starts outside the phases
        where = f"falls in {', '.join(covering)}" if covering else "lies between phases"
        yield _p(
            tab,
            i,
            "phase_id",
            f"is empty, but its date ({lo} to {hi}) {where}; "
            "phase_id may be empty only before the first phase or after the last",
            check_name,
        )


@check("phase-assignment", "phases", "events", "relations", "impasses")
def check_phase_assignment(t: dict[str, Table]) -> Iterable[Problem]:
    """An event's or relation's dates overlap its phase; empty phase_id only outside the phases."""
    phases = _phases(t)  # once, not once per record
    for i, row in enumerate(t["events"].rows):
        start = parse_date(row.get("date_start"))
        if start is None:
            continue
        end = parse_date(row.get("date_end"))
        try:
            lo, hi = _dates.window(
                start,
                row.get("date_start_precision", ""),
                end,
                row.get("date_end_precision", "") or None,
            )
        except ValueError:  # an unknown precision is reported by frictionless
            continue
        yield from _phase_problems(
            t, "events", i, lo, hi, row.get("phase_id", ""), "phase-assignment", phases
        )
    for i, row in enumerate(t["relations"].rows):
        d = parse_date(row.get("date"))
        if d is None:
            continue
        try:
            lo, hi = _dates.window(d, row.get("date_precision", ""))
        except ValueError:
            continue
        yield from _phase_problems(
            t, "relations", i, lo, hi, row.get("phase_id", ""), "phase-assignment", phases
        )
    for i, row in enumerate(t["impasses"].rows):  # the phase in which the impasse arose
        d = parse_date(row.get("arose_date"))
        if d is None:
            continue
        try:
            lo, hi = _dates.window(d, row.get("arose_precision", ""))
        except ValueError:
            continue
        yield from _phase_problems(
            t, "impasses", i, lo, hi, row.get("phase_id", ""), "phase-assignment", phases
        )


@check("rounds", "events")
def check_rounds(t: dict[str, Table]) -> Iterable[Problem]:
    """Rounds: only on kind 'round', numbered 1..N, parts 1..k, in date order."""
    tab = t["events"]
    rounds: dict[int, list[tuple[int | None, int, date | None]]] = defaultdict(list)
    for i, row in enumerate(tab.rows):
        kind = row.get("kind", "")
        number, part = _integer(row.get("round_number", "")), _integer(row.get("round_part", ""))
        if kind != "round":
            if number is not None:
                yield _p(
                    tab,
                    i,
                    "round_number",
                    f"is {number} on an event of kind {kind!r}; "
                    "only kind 'round' has a round number",
                    "rounds",
                )
            if part is not None:
                yield _p(tab, i, "round_part", f"is {part} on an event of kind {kind!r}", "rounds")
            continue
        if number is None:
            yield _p(tab, i, "round_number", "is empty on an event of kind 'round'", "rounds")
            continue
        rounds[number].append((part, i, parse_date(row.get("date_start"))))
    numbers = sorted(rounds)
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        # Only 1..len(numbers) can be missing: never build a range as long as a value in the data.
        present = set(numbers)
        missing = [n for n in range(1, len(numbers) + 1) if n not in present]
        yield Problem(
            tab.file,
            None,
            "round_number",
            f"rounds are numbered {_few(numbers)}: expected 1 to {len(numbers)} without gaps"
            + (f"; round {', '.join(map(str, missing[:12]))} is missing" if missing else ""),
            "rounds",
        )
    ordered: list[tuple[int, int, int, date | None]] = []
    for number in numbers:
        parts = rounds[number]
        given = [p for p, _, _ in parts if p is not None]
        if len(parts) == 1 and not given:
            ordered.append((number, 0, parts[0][1], parts[0][2]))
            continue
        for part, i, _d in parts:
            if part is None:
                yield _p(
                    tab,
                    i,
                    "round_part",
                    f"round {number} is coded as {len(parts)} events, so each needs its round_part",
                    "rounds",
                )
        if sorted(given) != list(range(1, len(given) + 1)):
            i = parts[0][1]
            yield _p(
                tab,
                i,
                "round_part",
                f"the parts of round {number} are {sorted(given)}; "
                f"expected 1 to {len(given)}, each once",
                "rounds",
            )
        ordered += [(number, p or 0, i, d) for p, i, d in parts]
    ordered.sort()
    for (n1, p1, _, d1), (n2, p2, i2, d2) in itertools.pairwise(ordered):
        if d1 and d2 and d2 <= d1 and (n1, p1) != (n2, p2):
            label = f"round {n2}" + (f" part {p2}" if p2 else "")
            prev = f"round {n1}" + (f" part {p1}" if p1 else "")
            yield _p(
                tab,
                i2,
                "date_start",
                f"{label} starts {d2}, not after {prev} ({d1}): "
                "rounds must be numbered in date order",
                "rounds",
            )


@check("shares", "proposals")
def check_shares(t: dict[str, Table]) -> Iterable[Problem]:
    """Seat shares lie in 0-100 and add up to 100 (within 0.5) where all three are given."""
    tab = t["proposals"]
    names = ("government_share", "opposition_share", "other_share")
    for i, row in enumerate(tab.rows):
        values = {n: _number(row.get(n, "")) for n in names}
        for n, v in values.items():
            if v is not None and not 0 <= v <= 100:
                yield _p(tab, i, n, f"share {v:g} is outside 0-100", "shares")
        given = [v for v in values.values() if v is not None]
        total = sum(given)
        if len(given) == 3 and abs(total - 100) > SHARE_TOLERANCE:
            yield _p(
                tab, i, "other_share", f"the three shares add up to {total:g}, not 100", "shares"
            )
        elif len(given) < 3 and total > 100 + SHARE_TOLERANCE:
            yield _p(
                tab,
                i,
                next(n for n, v in values.items() if v is not None),
                f"the shares given add up to {total:g}, more than 100",
                "shares",
            )


@check("attested", *ATTESTED_TABLES, "attestations")
def check_attested(t: dict[str, Table]) -> Iterable[Problem]:
    """Every record of the coded tables is attested by at least one quotation."""
    attested = {(r.get("table"), r.get("record_id")) for r in t["attestations"].rows}
    for table in ATTESTED_TABLES:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            rid = row.get(tab.primary_key, "")
            if rid and (table, rid) not in attested:
                yield _p(
                    tab,
                    i,
                    tab.primary_key,
                    f"{rid!r} is not attested: attestations.csv has no quotation for {table}:{rid}",
                    "attested",
                )


# Field-level evidence. Each field of a coded table carries an "evidence" class in
# datapackage.json: "quoted" (the default, so a new field needs support until declared otherwise),
# "derived" (ids, EDTF, phase assignment: set by a stated rule), "commentary" (the coder's own
# words), "checked" (spellings, checked against the texts by the provenance stage) or
# "with:<field>" (a precision, supported with its date).

#: What each evidence class means to a reader (codebook, ``explain``, the data page).
EVIDENCE_WORDS = {
    "quoted": "quotation",
    "derived": "derived by rule",
    "commentary": "commentary",
    "checked": "checked against the texts",
}


def evidence_class(spec: dict) -> str:
    """A field's evidence class; fields that declare none need a quotation (fail closed)."""
    value = spec.get("evidence")
    return value if isinstance(value, str) and value.strip() else "quoted"


def quoted_fields(tab: Table | dict) -> list[str]:
    """Fields of a coded table (a :class:`Table` or a resource descriptor) whose values must be
    carried by a quotation or flagged inferred."""
    fields = tab.fields if isinstance(tab, Table) else tab["schema"]["fields"]
    return [f["name"] for f in fields if evidence_class(f) == "quoted"]


def companion_fields(tab: Table) -> dict[str, str]:
    """``{precision field: date field}`` for fields supported together with their date."""
    out = {}
    for f in tab.fields:
        cls = evidence_class(f)
        if cls.startswith("with:"):
            out[f["name"]] = cls.removeprefix("with:")
    return out


def supported_fields(t: dict[str, Table]) -> dict[tuple[str, str], set[str]]:
    """``{(table, record_id): fields named by that record's attestations}``, in one pass."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in t["attestations"].rows:
        out[(row.get("table", ""), row.get("record_id", ""))].update(split_list(row.get("fields")))
    return out


@check("fields-columns", *ATTESTED_TABLES, "attestations")
def check_fields_columns(t: dict[str, Table]) -> Iterable[Problem]:
    """attestations.fields names only quoted columns of the record, and none that is empty."""
    tab = t["attestations"]
    quoted = {name: set(quoted_fields(t[name])) for name in ATTESTED_TABLES}
    columns = {name: {f["name"] for f in t[name].fields} for name in ATTESTED_TABLES}
    records = {
        name: {r.get(t[name].primary_key, ""): r for r in t[name].rows} for name in ATTESTED_TABLES
    }
    for i, row in enumerate(tab.rows):
        table = row.get("table", "")
        if table not in quoted:
            continue  # an unknown table is reported by frictionless
        record = records[table].get(row.get("record_id", ""))
        for name in split_list(row.get("fields")):
            if name not in columns[table]:
                yield _p(tab, i, "fields", f"{name!r} is not a column of {table}", "fields-columns")
            elif name not in quoted[table]:
                yield _p(
                    tab,
                    i,
                    "fields",
                    f"{name!r} needs no quotation ({evidence_class(t[table].field(name))}"
                    " in datapackage.json): name only fields a quotation must carry",
                    "fields-columns",
                )
            elif record is not None and not record.get(name, "").strip():
                yield _p(
                    tab,
                    i,
                    "fields",
                    f"{name!r} is empty in {table}:{row.get('record_id')}, "
                    "so this quotation supports no value of it",
                    "fields-columns",
                )


@check("field-support", *ATTESTED_TABLES, "attestations")
def check_field_support(t: dict[str, Table]) -> Iterable[Problem]:
    """Every non-empty quoted field is named by one of the record's attestations or inferred."""
    supported = supported_fields(t)
    for table in ATTESTED_TABLES:
        tab = t[table]
        quoted = quoted_fields(tab)
        columns = {f["name"] for f in tab.fields}
        for i, row in enumerate(tab.rows):
            rid = row.get(tab.primary_key, "")
            named = supported.get((table, rid), set())
            inferred = split_list(row.get("inferred"))
            for name in inferred:
                if name not in columns:
                    yield _p(
                        tab, i, "inferred", f"{name!r} is not a column of {table}", "field-support"
                    )
                elif name not in quoted:
                    yield _p(
                        tab,
                        i,
                        "inferred",
                        f"{name!r} needs no flag: it is "
                        f"{evidence_class(tab.field(name))} in datapackage.json",
                        "field-support",
                    )
                elif not row.get(name, "").strip():
                    yield _p(
                        tab,
                        i,
                        "inferred",
                        f"{name!r} is empty, so there is no value to flag",
                        "field-support",
                    )
                elif name in named:
                    yield _p(
                        tab,
                        i,
                        "inferred",
                        f"{name!r} is both flagged inferred and named by "
                        "a quotation: say which it is",
                        "field-support",
                    )
            backed = named | set(inferred)
            for name in quoted:
                if row.get(name, "").strip() and name not in backed:
                    yield _p(
                        tab,
                        i,
                        name,
                        f"{table}:{rid}: no attestation names it in fields, and it "
                        "is not in inferred (add the quotation that carries the value, correct "
                        "the value, or flag it inferred with the reason in notes)",
                        "field-support",
                    )


@check("inferred-reason", *ATTESTED_TABLES)
def check_inferred_reason(t: dict[str, Table]) -> Iterable[Problem]:
    """A record that flags fields as inferred gives the reason in notes."""
    for table in ATTESTED_TABLES:
        tab = t[table]
        for i, row in enumerate(tab.rows):
            if split_list(row.get("inferred")) and not row.get("notes", "").strip():
                yield _p(
                    tab,
                    i,
                    "inferred",
                    f"flags {row.get('inferred')!r} as the coder's "
                    "inference but notes gives no reason",
                    "inferred-reason",
                )


@check(
    "review-targets",
    *ATTESTED_TABLES,
    "attestations",
    "review_log",
    "double_coding",
    "blind_recoding",
    "second_review",
)
def check_review_targets(t: dict[str, Table]) -> Iterable[Problem]:
    """Review rows name existing records (a record deleted by a review: field '*')."""
    ids = {name: t[name].ids() for name in (*ATTESTED_TABLES, "attestations")}
    for name in ("review_log", "double_coding", "blind_recoding", "second_review"):
        tab = t[name]
        for i, row in enumerate(tab.rows):
            table, rid = row.get("table", ""), row.get("record_id", "")
            if table in ids and rid not in ids[table] and row.get("field") != "*":
                yield _p(
                    tab, i, "record_id", f"{rid!r} is not a record of {table}", "review-targets"
                )
    seen: dict[tuple[str, str], int] = {}
    tab = t["second_review"]
    for i, row in enumerate(tab.rows):
        key = (row.get("table", ""), row.get("record_id", ""))
        if key in seen:
            yield _p(
                tab,
                i,
                "record_id",
                f"{key[0]}:{key[1]} is reviewed twice (also on line {tab.lines[seen[key]]})",
                "review-targets",
            )
        seen.setdefault(key, i)


@check("quote-length", "attestations")
def check_quote_length(t: dict[str, Table]) -> Iterable[Problem]:
    """Quotations are at most 40 words."""
    tab = t["attestations"]
    for i, row in enumerate(tab.rows):
        n = _sources.word_count(row.get("quote", ""))
        if n > MAX_QUOTE_WORDS:
            yield _p(
                tab,
                i,
                "quote",
                f"has {n} words; a quotation may have at most {MAX_QUOTE_WORDS}",
                "quote-length",
            )


@check("aliases", "actors", "places", "attestations")
def check_aliases(t: dict[str, Table]) -> Iterable[Problem]:
    """A spelling two actors (or two places) share is used for each in one of its quotations.

    Sources do use one word for two things ("Leninabad" is the city in Adamishin and the region
    in Iji); the resolver then lists both. A shared spelling without such a quotation is a slip.
    """
    quotes: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for row in t["attestations"].rows:
        quotes[(row.get("table", ""), row.get("record_id", ""))].append(words(row.get("quote", "")))
    for table in ("actors", "places"):
        tab = t[table]
        owners: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
        for i, row in enumerate(tab.rows):
            rid = row.get(tab.primary_key, "")
            own: set[str] = set()
            for fname, spelling in [("name", row.get("name", ""))] + [
                ("aliases", a) for a in split_list(row.get("aliases"))
            ]:
                key = spelling_key(spelling)
                if key and key not in own:
                    own.add(key)
                    owners[key].append((i, rid, fname, spelling))
        for holders in owners.values():
            if len(holders) < 2:
                continue
            for i, rid, fname, spelling in holders:
                needle = words(spelling)
                if not any(contains_words(q, needle) for q in quotes.get((table, rid), [])):
                    others = ", ".join(h[1] for h in holders if h[1] != rid)
                    yield _p(
                        tab,
                        i,
                        fname,
                        f"spelling {spelling!r} is shared with {others}, but "
                        f"no quotation of {table}:{rid} uses it: a shared spelling needs a "
                        "quotation showing the source uses it for each record",
                        "aliases",
                    )


@check("ceasefire-extends", "ceasefires")
def check_ceasefire_extends(t: dict[str, Table]) -> Iterable[Problem]:
    """Ceasefire extensions form no cycle, and are agreed no earlier than what they extend."""
    tab = t["ceasefires"]
    extends = {r["ceasefire_id"]: r.get("extends", "") for r in tab.rows}
    agreed = {r["ceasefire_id"]: parse_date(r.get("agreed_date")) for r in tab.rows}
    for i, row in enumerate(tab.rows):
        cid = row["ceasefire_id"]
        seen, cur = [cid], extends.get(cid)
        while cur:
            if cur in seen:
                chain = " -> ".join(seen + [cur])
                yield _p(
                    tab, i, "extends", f"extensions form a cycle: {chain}", "ceasefire-extends"
                )
                break
            seen.append(cur)
            cur = extends.get(cur)
        parent = extends.get(cid)
        if parent and agreed.get(cid) and agreed.get(parent) and agreed[cid] < agreed[parent]:
            yield _p(
                tab,
                i,
                "agreed_date",
                f"{agreed[cid]} is before {parent} was agreed ({agreed[parent]}), which it extends",
                "ceasefire-extends",
            )
