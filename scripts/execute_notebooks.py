#!/usr/bin/env python3
"""Execute the book's notebooks in place and store their outputs.

usage: python scripts/execute_notebooks.py [--no-write] book/chronology.ipynb [...]

With --no-write the notebooks are executed (each in a fresh kernel) and nothing is written: that is
how `make bench` times them.

Uses nbclient with ``record_timing=False``: ``jupyter execute --inplace`` writes execution timing
into the cell metadata, which changes jupyter-cache's hash so the book would re-run the notebook on
every build. The working directory is the notebook's folder, as in the book build and in nbval.
Execution counts are renumbered from 1 and the kernel's volatile metadata is dropped, so executing
an unchanged notebook twice gives the same file. The notebook is replaced atomically (temporary
file, then rename), and only after it executed without error: a failure or an interruption leaves
the stored notebook as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from fileio import write_atomic
from nbclient import NotebookClient


def execute(path: Path, timeout: int = 600, write: bool = True) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    if not write:
        print(f"executed {path} (not written)")
        return
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    # Keep only stable notebook metadata (kernelspec, language name, jupytext/mystnb settings).
    info = nb.metadata.get("language_info", {})
    nb.metadata["language_info"] = {"name": info.get("name", "python")}
    nbformat.validate(nb)
    write_atomic(path, nbformat.writes(nb) + "\n")
    print(f"executed {path}")


def main(argv: list[str]) -> int:
    write = "--no-write" not in argv
    paths = [a for a in argv if a != "--no-write"]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in paths:
        execute(Path(arg), write=write)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
