"""The codebook ``data/README.md``: its field reference is generated from ``datapackage.json``.

Everything between :data:`BEGIN` and :data:`END` is rewritten by :func:`write_codebook`
(``python -m tajik_peace codebook``); the rest of the file is written by hand.
``python -m tajik_peace codebook --check`` fails when the generated part is stale.
"""
from __future__ import annotations

import json
from pathlib import Path

from .validate import PACKAGE_FILE, list_pattern_vocabulary, resolve_data_dir

BEGIN = "<!-- BEGIN GENERATED FIELDS -->"
END = "<!-- END GENERATED FIELDS -->"
CODEBOOK_FILE = "README.md"


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
        out.append("| field | type | required | constraints / vocabulary | description |")
        out.append("| --- | --- | --- | --- | --- |")
        for f in schema["fields"]:
            required = "yes" if f.get("constraints", {}).get("required") else "no"
            out.append(f"| `{f['name']}` | {f.get('type', 'string')} | {required} | "
                       f"{_constraints(f)} | {_cell(f.get('description', ''))} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def paths(data_dir: str | Path | None = None) -> tuple[Path, Path]:
    """(codebook, datapackage.json) of a data directory."""
    data_dir = resolve_data_dir(data_dir)
    return data_dir / CODEBOOK_FILE, data_dir / PACKAGE_FILE


def updated_text(readme: str, descriptor: dict) -> str:
    """``readme`` with its generated block replaced; ValueError if the markers are missing."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < 0 or end < start:
        raise ValueError(f"the codebook lacks the markers {BEGIN} ... {END}")
    return readme[:start + len(BEGIN)] + "\n\n" + render_fields(descriptor) + "\n" + readme[end:]


def is_current(data_dir: str | Path | None = None) -> bool:
    """True when the codebook's generated block matches ``datapackage.json``."""
    readme, package = paths(data_dir)
    text = readme.read_text(encoding="utf-8")
    return updated_text(text, json.loads(package.read_text(encoding="utf-8"))) == text


def write_codebook(data_dir: str | Path | None = None) -> bool:
    """Rewrite the generated block; return True if the file changed."""
    readme, package = paths(data_dir)
    text = readme.read_text(encoding="utf-8")
    new = updated_text(text, json.loads(package.read_text(encoding="utf-8")))
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False
