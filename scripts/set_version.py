#!/usr/bin/env python3
"""Set the book's version everywhere from the one place it is kept.

usage: .venv/bin/python scripts/set_version.py [NEW_VERSION [RELEASE_DATE]]

With NEW_VERSION (a canonical PEP 440 version such as 1.2.0 or 1.2.0rc1), writes it into
``tajik_peace/__init__.py`` (``__version__``, the single source). Then copies the version, and
RELEASE_DATE (YYYY-MM-DD, default: keep the current one), into the files that cannot import
Python: ``_config.yml`` (``release``, ``citation_publication_date``), ``CITATION.cff`` and
``.zenodo.json``. pyproject.toml reads the version from the package. tests/test_citation.py fails
when any copy disagrees.

All or nothing: every new file content is computed and checked first (each file is parsed again
and compared with what was meant), then each file is replaced atomically; if a write fails, the
files already written are put back. ``.zenodo.json`` is rewritten through ``json``. The YAML files
are edited line by line, not dumped by a YAML library: PyYAML (the only YAML library pinned) drops
comments and re-flows the file, and both files carry comments that explain them. Each edit is then
verified by parsing the result: the changed keys hold the new values and every other key is equal.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml
from fileio import write_all_or_nothing
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
INIT = Path("tajik_peace/__init__.py")
CONFIG = Path("_config.yml")
CFF = Path("CITATION.cff")
ZENODO = Path(".zenodo.json")
VERSION_LINE = re.compile(r'^__version__ = "([^"\n]*)"$', re.M)


class VersionError(ValueError):
    pass


def check_version(text: str) -> str:
    try:
        parsed = Version(text)
    except InvalidVersion:
        raise VersionError(f"{text!r} is not a version (PEP 440, e.g. 1.2.0)") from None
    if str(parsed) != text:
        raise VersionError(f"{text!r} is not in canonical form: write {str(parsed)!r}")
    return text


def check_date(text: str) -> str:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        dt.date.fromisoformat(text)
    except ValueError:
        raise VersionError(f"{text!r} is not a date YYYY-MM-DD") from None
    return text


def set_yaml_keys(text: str, name: str, changes: dict[tuple[str, ...], object]) -> str:
    """Set scalar keys (given as paths) in YAML text by editing their lines; verify by parsing.

    Each key is found by its exact indentation under its parents, so the same key name at another
    level (``version`` at the top and under ``preferred-citation``) is never hit by mistake.
    """
    lines = text.splitlines(keepends=True)
    for path, value in changes.items():
        indent, parents, hit = 0, list(path[:-1]), None
        start = 0
        for parent in parents:  # walk down to the block of the parent key
            pat = re.compile(rf"^{' ' * indent}{re.escape(parent)}:\s*(#.*)?$")
            start = next(i for i in range(start, len(lines)) if pat.match(lines[i].rstrip("\n")))
            start += 1
            indent = len(lines[start]) - len(lines[start].lstrip(" "))
        pat = re.compile(rf"^({' ' * indent}{re.escape(path[-1])}:)[ \t]+[^#\n]*?([ \t]+#.*)?$")
        for i in range(start, len(lines)):
            line = lines[i].rstrip("\n")
            if line.strip() and len(line) - len(line.lstrip(" ")) < indent:
                break  # left the parent's block
            m = pat.match(line)
            if m:
                hit = i
                break
        if hit is None:
            raise VersionError(f"{name}: key {'.'.join(path)} not found")
        scalar = json.dumps(value) if isinstance(value, str) else str(value)
        lines[hit] = f"{m.group(1)} {scalar}{m.group(2) or ''}\n"
    new = "".join(lines)
    # Verify: parse both, apply the intended changes to the old tree, and require equality.
    expected = copy.deepcopy(yaml.safe_load(text))
    for path, value in changes.items():
        node = expected
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    if yaml.safe_load(new) != expected:
        raise VersionError(f"{name}: the edited file does not parse to the intended values")
    return new


def new_contents(root: Path, version: str | None, date: str | None) -> tuple[str, str, dict]:
    """(version, date, {path: new text}) without writing anything."""
    init = (root / INIT).read_text(encoding="utf-8")
    if version is not None:
        check_version(version)
        init, n = VERSION_LINE.subn(f'__version__ = "{version}"', init)
        if n != 1:
            raise VersionError(f"{INIT}: expected one __version__ line, found {n}")
    tree = ast.parse(init)  # the package file must stay valid Python, with the version in it
    found = [
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(getattr(t, "id", None) == "__version__" for t in node.targets)
        and isinstance(node.value, ast.Constant)
    ]
    if len(found) != 1:
        raise VersionError(f"{INIT}: no single __version__ = '...' assignment")
    version = check_version(found[0])

    cff_text = (root / CFF).read_text(encoding="utf-8")
    date = check_date(date if date is not None else str(yaml.safe_load(cff_text)["date-released"]))

    config = set_yaml_keys(
        (root / CONFIG).read_text(encoding="utf-8"),
        str(CONFIG),
        {
            ("sphinx", "config", "release"): version,
            ("sphinx", "config", "citation_publication_date"): date,
        },
    )
    cff = set_yaml_keys(
        cff_text,
        str(CFF),
        {
            ("version",): version,
            ("date-released",): date,
            ("preferred-citation", "version"): version,
            ("preferred-citation", "date-released"): date,
            ("preferred-citation", "year"): int(date[:4]),
        },
    )
    meta = json.loads((root / ZENODO).read_text(encoding="utf-8"))
    meta["version"], meta["publication_date"] = version, date
    zenodo = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    files = {root / INIT: init, root / CONFIG: config, root / CFF: cff, root / ZENODO: zenodo}
    return version, date, files


def main(argv: list[str], root: Path = ROOT) -> int:
    if len(argv) > 2 or any(a in ("-h", "--help") for a in argv):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        version, date, files = new_contents(
            root, argv[0] if argv else None, argv[1] if len(argv) > 1 else None
        )
    except VersionError as exc:
        print(f"error: {exc}; nothing was changed", file=sys.stderr)
        return 1
    write_all_or_nothing(files)
    print(
        f"version {version}, released {date}: {', '.join(str(p) for p in (INIT, CONFIG, CFF, ZENODO))}"
    )
    print("Add a section for it to CHANGELOG.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
