"""The codebook ``data/README.md``: its field reference is generated from ``datapackage.json``.

Everything between :data:`BEGIN` and :data:`END` is rewritten by :func:`write_codebook`
(``python -m tajik_peace codebook``); the rest of the file is written by hand.
``python -m tajik_peace codebook --check`` fails when the generated part is stale.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .paths import PACKAGE_FILE, display_path, resolve_data_dir
from .reliability import read_double_coding, reliability_table
from .rules import EVIDENCE_WORDS, evidence_class
from .schema import list_pattern_vocabulary

BEGIN = "<!-- BEGIN GENERATED FIELDS -->"
END = "<!-- END GENERATED FIELDS -->"
RELIABILITY_BEGIN = "<!-- BEGIN GENERATED RELIABILITY -->"
RELIABILITY_END = "<!-- END GENERATED RELIABILITY -->"
DOUBLE_CODING_FILE = "double_coding.csv"
RECODING_BEGIN = "<!-- BEGIN GENERATED BLIND RECODING -->"
RECODING_END = "<!-- END GENERATED BLIND RECODING -->"
BLIND_RECODING_FILE = "blind_recoding.csv"
#: The generated agreement tables: (begin marker, end marker, the CSV of both codings). Each is
#: regenerated when the codebook has its markers, and must then be regenerable (fail closed).
AGREEMENT_BLOCKS: tuple[tuple[str, str, str], ...] = (
    (RELIABILITY_BEGIN, RELIABILITY_END, DOUBLE_CODING_FILE),
    (RECODING_BEGIN, RECODING_END, BLIND_RECODING_FILE),
)

CODEBOOK_FILE = "README.md"


class CodebookError(ValueError):
    """The codebook cannot be checked or written; the message says why."""


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _constraints(spec: dict) -> str:
    c = spec.get("constraints", {})
    parts = []
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of: " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        vocab = list_pattern_vocabulary(c["pattern"])
        if vocab:
            parts.append("';'-separated list of: " + ", ".join(f"`{v}`" for v in vocab))
        else:
            parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"minimum {c['minimum']}")
    if "maximum" in c:
        parts.append(f"maximum {c['maximum']}")
    return _cell("; ".join(parts))


def render_fields(descriptor: dict) -> str:
    """The generated field reference: one section and table per resource."""
    out = [
        "_Generated from `datapackage.json` by `python -m tajik_peace codebook`; "
        "do not edit by hand._",
        "",
    ]
    for r in descriptor["resources"]:
        schema = r["schema"]
        out.append(f"### `{r['path']}`: {r.get('title', r['name'])}")
        out.append("")
        out.append(r.get("description", ""))
        out.append("")
        pk = schema.get("primaryKey")
        if pk:
            out.append(f"Primary key: `{pk if isinstance(pk, str) else ', '.join(pk)}`.")
        fks = schema.get("foreignKeys", [])
        if fks:
            refs = []
            for fk in fks:
                target = fk["reference"].get("resource") or r["name"]
                refs.append(f"`{fk['fields']}` → `{target}.{fk['reference']['fields']}`")
            out.append("Foreign keys: " + "; ".join(refs) + ".")
        out.append("")
        with_evidence = any("evidence" in f for f in schema["fields"])
        if with_evidence:
            out.append(
                "| field | type | required | constraints / vocabulary | evidence | description |"
            )
            out.append("| --- | --- | --- | --- | --- | --- |")
        else:
            out.append("| field | type | required | constraints / vocabulary | description |")
            out.append("| --- | --- | --- | --- | --- |")
        for f in schema["fields"]:
            required = "yes" if f.get("constraints", {}).get("required") else "no"
            evidence = ""
            if with_evidence:
                cls = evidence_class(f)
                word = (
                    f"with `{cls.removeprefix('with:')}`"
                    if cls.startswith("with:")
                    else EVIDENCE_WORDS.get(cls, cls)
                )
                evidence = f" {word} |"
            out.append(
                f"| `{f['name']}` | {f.get('type', 'string')} | {required} | "
                f"{_constraints(f)} |{evidence} {_cell(f.get('description', ''))} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def paths(data_dir: str | Path | None = None) -> tuple[Path, Path]:
    """(codebook, datapackage.json) of a data directory."""
    data_dir = resolve_data_dir(data_dir)
    return data_dir / CODEBOOK_FILE, data_dir / PACKAGE_FILE


def render_reliability(double_coding_csv: Path) -> str:
    """The agreement table of a blind second coding (``double_coding.csv`` or
    ``blind_recoding.csv``, same columns), as a Markdown table."""
    table = reliability_table(read_double_coding(double_coding_csv))
    out = [
        f"_Generated from `{Path(double_coding_csv).name}` by `python -m tajik_peace codebook`; "
        "do not edit by hand._",
        "",
        "| " + " | ".join(table.columns) + " |",
        "| " + " | ".join("---" for _ in table.columns) + " |",
    ]
    for row in table.itertuples(index=False):
        out.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(out) + "\n"


def _replace(text: str, begin: str, end: str, body: str) -> str:
    start, stop = text.find(begin), text.find(end)
    if start < 0 or stop < 0 or stop < start:
        raise CodebookError(f"the codebook lacks the markers {begin} ... {end}")
    return text[: start + len(begin)] + "\n\n" + body + "\n" + text[stop:]


def updated_text(readme: str, descriptor: dict, agreement: dict[str, str] | None = None) -> str:
    """``readme`` with its generated blocks replaced; ValueError if the markers are missing.

    ``agreement`` maps the begin marker of an agreement block (:data:`AGREEMENT_BLOCKS`) to its
    new body; only the blocks given are replaced.
    """
    text = _replace(readme, BEGIN, END, render_fields(descriptor))
    ends = {begin: end for begin, end, _ in AGREEMENT_BLOCKS}
    for begin, body in (agreement or {}).items():
        text = _replace(text, begin, ends[begin], body)
    return text


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        where = path.parent
        why = "does not exist" if not where.is_dir() else f"has no {path.name}"
        raise CodebookError(
            f"{display_path(where)} {why}: not a data package with a codebook"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(f"{display_path(path)} cannot be read: {exc}") from None


def _generated(data_dir, text: str) -> str:
    readme, package = paths(data_dir)
    try:
        descriptor = json.loads(_read(package))
        # A codebook that has an agreement block must be able to regenerate it (fail closed).
        agreement = {
            begin: render_reliability(readme.parent / csv)
            for begin, _, csv in AGREEMENT_BLOCKS
            if begin in text
        }
        return updated_text(text, descriptor, agreement)
    except CodebookError:
        raise
    except (ValueError, KeyError, TypeError, OSError) as exc:  # a broken package, not a bug here
        raise CodebookError(
            f"cannot generate the codebook from {display_path(package)}: {exc}"
        ) from None


def is_current(data_dir: str | Path | None = None) -> bool:
    """True when the codebook's generated blocks match ``datapackage.json`` and the double coding."""
    readme, _ = paths(data_dir)
    text = _read(readme)
    return _generated(data_dir, text) == text


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never half.

    The temporary file is made in the same directory, so ``os.replace`` is a rename on one file
    system; it is removed if anything fails before the rename.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_codebook(data_dir: str | Path | None = None) -> bool:
    """Rewrite the generated blocks (atomically); return True if the file changed."""
    readme, _ = paths(data_dir)
    text = _read(readme)
    new = _generated(data_dir, text)
    if new != text:
        write_atomic(readme, new)
        return True
    return False
