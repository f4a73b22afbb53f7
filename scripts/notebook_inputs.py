#!/usr/bin/env python3
"""Drop the notebook execution cache when the package, the data or the pins changed (by content).

usage: python3 scripts/notebook_inputs.py [BUILD_DIR]   (default: _build)

jupyter-cache keys a notebook on its code cells only, so results cached before a change to
``tajik_peace/`` (every ``*.py``, subpackages included), ``data/`` or ``requirements.txt`` would be
stale. This script hashes the CONTENT of those files (path and bytes, in sorted order) and compares
the digest with the one stored in ``BUILD_DIR/.notebook-inputs.sha256``: only when they differ does
it remove ``BUILD_DIR/.jupyter_cache`` and Sphinx's environment ``BUILD_DIR/.doctrees`` (so that
every notebook is read, and executed, again) and store the new digest. File times play no part, so a fresh
checkout (where every file is as new as the checkout) keeps a restored cache that still matches.
Standard library only: it runs before the venv exists.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGEST_FILE = ".notebook-inputs.sha256"
CACHE_DIR = ".jupyter_cache"
#: Sphinx's environment (shared by the HTML and PDF builds). It must go with the cache: Sphinx
#: re-reads, and so re-executes, only documents whose files changed, so without this a data
#: correction would empty the cache but leave every page with the old outputs.
DOCTREES_DIR = ".doctrees"


def input_files(root: Path) -> list[Path]:
    """The files whose content the notebooks' outputs depend on, in a fixed order."""
    files = [p for p in (root / "tajik_peace").rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (root / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [root / "requirements.txt"]
    return sorted((p for p in files if p.is_file()), key=lambda p: p.relative_to(root).as_posix())


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in input_files(root):
        rel = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        # Length-prefixed, so that no two different file sets can give the same byte stream.
        h.update(b"%d:%s%d:" % (len(rel), rel, len(data)))
        h.update(data)
    return h.hexdigest()


def refresh(root: Path, build: Path) -> bool:
    """Drop the cache if the inputs changed since it was filled; True if it was dropped."""
    new = digest(root)
    stored = build / DIGEST_FILE
    old = stored.read_text(encoding="ascii").strip() if stored.exists() else None
    if old == new:
        return False
    dropped = (build / CACHE_DIR).exists()
    shutil.rmtree(build / CACHE_DIR, ignore_errors=True)
    shutil.rmtree(build / DOCTREES_DIR, ignore_errors=True)
    build.mkdir(parents=True, exist_ok=True)
    # Written atomically: an interrupted write must not leave a digest that matches nothing.
    fd, tmp = tempfile.mkstemp(dir=build, prefix=DIGEST_FILE, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(new + "\n")
    os.replace(tmp, stored)
    return dropped


def main(argv: list[str]) -> int:
    build = Path(argv[0]) if argv else ROOT / "_build"
    if not build.is_absolute():
        build = Path.cwd() / build
    if refresh(ROOT, build):
        print(
            "notebook inputs changed (package, data or pins): execution cache and doctrees dropped"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
