#!/usr/bin/env python3
"""Set the book's version everywhere from the one place it is kept.

usage: python scripts/set_version.py [NEW_VERSION [RELEASE_DATE]]

With NEW_VERSION, first writes it into ``tajik_peace/__init__.py`` (``__version__``, the single
source). Then copies the version, and RELEASE_DATE (YYYY-MM-DD, default: keep the current one)
into the files that cannot import Python: ``_config.yml`` (``release``,
``citation_publication_date``), ``CITATION.cff`` and ``.zenodo.json``. pyproject.toml reads the
version from the package. tests/test_citation.py fails when any copy disagrees.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sub(path: Path, pattern: str, repl: str, count: int = 0) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(pattern, repl, text, count=count, flags=re.M)
    if not n:
        raise SystemExit(f"{path}: pattern {pattern!r} not found")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str]) -> int:
    init = ROOT / "tajik_peace" / "__init__.py"
    if argv:
        sub(init, r'^__version__ = "[^"]*"', f'__version__ = "{argv[0]}"')
    version = re.search(r'^__version__ = "([^"]*)"', init.read_text(encoding="utf-8"), re.M).group(
        1
    )
    cff = ROOT / "CITATION.cff"
    date = (
        argv[1]
        if len(argv) > 1
        else re.search(r'^date-released: "([^"]*)"', cff.read_text(), re.M).group(1)
    )

    sub(ROOT / "_config.yml", r'^(\s+release:) "[^"]*"', rf'\1 "{version}"')
    sub(ROOT / "_config.yml", r'^(\s+citation_publication_date:) "[^"]*"', rf'\1 "{date}"')
    sub(cff, r"^(\s*version:) .*$", rf"\g<1> {version}")
    sub(cff, r"^(\s*date-released:) .*$", rf'\1 "{date}"')
    sub(cff, r"^(\s+year:) .*$", rf"\1 {date[:4]}")
    zen = ROOT / ".zenodo.json"
    meta = json.loads(zen.read_text(encoding="utf-8"))
    meta["version"], meta["publication_date"] = version, date
    zen.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"version {version}, released {date}: _config.yml, CITATION.cff, .zenodo.json updated")
    print("Add a section for it to CHANGELOG.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
