"""Benchmark: validation and loading on a large generated package (not a timed test).

Copies ``data/`` to a temporary directory, adds N events (copies of one real event under new ids)
and N attestations (one per new event, naming every field the copied event's quotations carry),
so the package stays valid, then times ``validate()`` and ``load_dataset()`` each in a fresh
process and reports wall time and peak resident memory (``getrusage``)::

    .venv/bin/python scripts/bench_validate.py            # N = 100,000
    .venv/bin/python scripts/bench_validate.py 20000
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"

CHILD = r"""
import resource, sys, time
from tajik_peace.{module} import {function}
start = time.perf_counter()
result = {function}(sys.argv[1])
seconds = time.perf_counter() - start
ok = getattr(result, "ok", True)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{seconds:.1f}} {{peak:.0f}} {{ok}}")
"""


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def _append(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=header, lineterminator="\n").writerows(rows)


def generate(dest: Path, n: int) -> None:
    shutil.copytree(DATA, dest)
    ev_header, events = _read(dest / "events.csv")
    at_header, atts = _read(dest / "attestations.csv")
    # A non-round event inside the period (round numbers must stay 1..N), with its quotations.
    template = next(
        r for r in events if r["kind"] == "military" and "1993" <= r["date_start"] < "1997"
    )
    mine = [a for a in atts if a["table"] == "events" and a["record_id"] == template["event_id"]]
    fields = sorted({f for a in mine for f in a["fields"].split(";") if f})
    _append(
        dest / "events.csv",
        ev_header,
        [dict(template, event_id=f"bench_event_{i}") for i in range(n)],
    )
    _append(
        dest / "attestations.csv",
        at_header,
        [
            dict(
                mine[0],
                attestation_id=f"bench_att_{i}",
                record_id=f"bench_event_{i}",
                fields=";".join(fields),
            )
            for i in range(n)
        ],
    )


def measure(module: str, function: str, pkg: Path) -> tuple[float, float, str]:
    code = CHILD.format(module=module, function=function)
    out = subprocess.run(
        [sys.executable, "-c", code, str(pkg)], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), out[2]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "data"
        generate(pkg, n)
        print(f"{n:,} extra events and {n:,} extra attestations")
        for label, module, function in (
            ("validate()", "validate", "validate"),
            ("load_dataset()", "data", "load_dataset"),
        ):
            seconds, peak, ok = measure(module, function, pkg)
            print(f"{label:<15} {seconds:7.1f} s   peak RSS {peak:7.0f} MB   valid: {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
