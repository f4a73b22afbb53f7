#!/usr/bin/env python3
"""Measure the speed and size of the book's pieces, and print them as a Markdown table.

usage: python scripts/benchmark.py [--repeat N] [--json FILE]

Speed is measured here and only here, never with timed assertions in tests: timings depend on the
machine and its load. Each step runs N times (default 5) and the table gives the median and the
fastest run. Sizes are those of the data package, the exported figures and, when the book has been
built, the HTML folder and the PDF. With SOURCES_DIR set, the quotation check is timed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(step, repeat: int) -> tuple[float, float]:
    """(median, fastest) wall time in seconds of ``step()`` over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()

    from tajik_peace import figures
    from tajik_peace.data import load_dataset
    from tajik_peace.validate import validate

    ds = load_dataset()
    speed = {
        "load_dataset() (validates, then loads)": timed(load_dataset, args.repeat),
        "validate() without quotations": timed(lambda: validate(check_quotes=False), args.repeat),
    }
    if os.environ.get("SOURCES_DIR"):
        speed["validate() with quotations (SOURCES_DIR)"] = timed(
            lambda: validate(check_quotes=True), args.repeat
        )
    for name, fig in figures.registered().items():
        speed[f"draw and render figure '{name}'"] = timed(
            lambda fig=fig: figures.render(fig.draw(ds), fig.alt), args.repeat
        )

    data = ROOT / "data"
    size = {"data/ (all files)": folder_size(data), "figures/": folder_size(ROOT / "figures")}
    size.update({f"data/{p.name}": p.stat().st_size for p in sorted(data.glob("*.csv"))})
    size["_build/html"] = folder_size(ROOT / "_build" / "html")
    pdf = ROOT / "_build" / "latex" / "tajik-peace-process.pdf"
    size["PDF"] = pdf.stat().st_size if pdf.exists() else 0
    rows = {name: len(frame) for name, frame in ds.items()}

    print(f"Speed ({args.repeat} runs each)\n")
    print("| step | median s | fastest s |\n| --- | ---: | ---: |")
    for step, (median, fastest) in speed.items():
        print(f"| {step} | {median:.3f} | {fastest:.3f} |")
    print("\nSize (0: not built yet)\n")
    print("| item | bytes |\n| --- | ---: |")
    for item, nbytes in size.items():
        print(f"| {item} | {nbytes:,} |")
    print("\nRows\n")
    print("| table | rows |\n| --- | ---: |")
    for table, n in rows.items():
        print(f"| {table} | {n} |")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"speed_s": speed, "size_bytes": size, "rows": rows}, indent=2) + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
