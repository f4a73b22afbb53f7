"""The schema the book relies on, pinned, so that editing ``datapackage.json`` cannot weaken it.

Every check of the validator is driven by the descriptor: delete a resource, a field or a
constraint there and the checks that depended on it would stop running without a word. The pin
``required_schema.json`` (next to this module) records, for every table the book needs, its
file, keys, and each field's type, constraints and evidence class. :func:`required_schema_problems`
reports every table, field, key or constraint of the pin that the descriptor lacks or changed.

Adding tables, fields or constraints is always allowed. To change or drop a pinned one on
purpose, edit ``datapackage.json`` and then re-pin it::

    python -m tajik_peace.required_schema     # rewrites required_schema.json from data/
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

from .paths import resolve_data_dir
from .reader import read_descriptor
from .report import Problem

__all__ = ["PIN_FILE", "pin", "required", "required_schema_problems"]

PIN_FILE = Path(__file__).with_name("required_schema.json")
CHECK = "required-schema"


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _fk(fk: dict) -> dict:
    ref = fk.get("reference", {})
    return {
        "fields": _as_list(fk.get("fields")),
        "resource": ref.get("resource") or "",
        "reference": _as_list(ref.get("fields")),
    }


def pin(descriptor: dict) -> dict:
    """The pinned form of a descriptor: what :func:`required_schema_problems` compares."""
    out = {}
    for r in descriptor["resources"]:
        schema = r["schema"]
        out[r["name"]] = {
            "path": r["path"],
            "primaryKey": _as_list(schema.get("primaryKey")),
            "foreignKeys": [_fk(fk) for fk in schema.get("foreignKeys", [])],
            "fields": {
                f["name"]: {
                    "type": f.get("type", "string"),
                    "constraints": f.get("constraints", {}),
                    **({"evidence": f["evidence"]} if "evidence" in f else {}),
                }
                for f in schema["fields"]
            },
        }
    return {"resources": out}


@lru_cache(maxsize=1)
def required() -> dict:
    """The pinned schema (read once)."""
    return json.loads(PIN_FILE.read_text(encoding="utf-8"))


def required_schema_problems(
    descriptor: dict, package_file: str, pinned: dict | None = None
) -> tuple[list[Problem], set[str]]:
    """Problems where ``descriptor`` falls short of the pin, and the tables they affect."""
    pinned = required() if pinned is None else pinned
    have = pin(descriptor)["resources"]
    problems: list[Problem] = []
    damaged: set[str] = set()

    def report(table: str, field: str | None, message: str) -> None:
        problems.append(
            Problem(
                package_file,
                None,
                field,
                f"resource {table!r}: {message} (the book relies on it; if the change is "
                "intended, re-pin with `python -m tajik_peace.required_schema`)",
                CHECK,
            )
        )
        damaged.add(table)

    for table, want in pinned["resources"].items():
        got = have.get(table)
        if got is None:
            report(table, None, f"the table ({want['path']}) is missing from datapackage.json")
            continue
        if got["path"] != want["path"]:
            report(table, None, f"path is {got['path']!r}, not {want['path']!r}")
        if got["primaryKey"] != want["primaryKey"]:
            report(table, None, f"primary key is {got['primaryKey']}, not {want['primaryKey']}")
        for fk in want["foreignKeys"]:
            if fk not in got["foreignKeys"]:
                report(
                    table,
                    ", ".join(fk["fields"]),
                    f"foreign key {fk['fields']} -> {fk['resource'] or table}."
                    f"{fk['reference']} was dropped",
                )
        for name, spec in want["fields"].items():
            field = got["fields"].get(name)
            if field is None:
                report(table, name, f"field {name!r} was dropped")
                continue
            if field["type"] != spec["type"]:
                report(
                    table, name, f"field {name!r} has type {field['type']!r}, not {spec['type']!r}"
                )
            for key, value in spec["constraints"].items():
                if key not in field["constraints"]:
                    report(table, name, f"constraint {key} = {value!r} of {name!r} was dropped")
                elif field["constraints"][key] != value:
                    report(
                        table,
                        name,
                        f"constraint {key} of {name!r} is {field['constraints'][key]!r}, "
                        f"not {value!r}",
                    )
            # A field that now needs a quotation is stricter; any other change weakens it.
            want, got_cls = spec.get("evidence", "quoted"), field.get("evidence", "quoted")
            if got_cls != want and got_cls != "quoted":
                report(table, name, f"evidence class of {name!r} is {got_cls!r}, not {want!r}")
    return problems, damaged


def main(argv: list[str] | None = None) -> int:
    """Rewrite the pin from the data package (``python -m tajik_peace.required_schema [DIR]``)."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = resolve_data_dir(argv[0] if argv else None)
    text = json.dumps(pin(read_descriptor(data_dir)), indent=1, ensure_ascii=False) + "\n"
    PIN_FILE.write_text(text, encoding="utf-8")
    required.cache_clear()
    print(f"pinned the schema of {data_dir} in {PIN_FILE.name}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
