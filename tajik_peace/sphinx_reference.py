"""Sphinx extension for the book's reference pages: people, organisations and places.

``book/people.md`` and ``book/places.md`` hold one directive each::

    ```{reference-entries} actors
    ```

which renders every record of that table as an entry built from docutils nodes, never from markup,
so no value in the data can act as MyST, HTML or LaTeX. Each entry gives the record's role or kind,
its affiliation, every spelling with the sources whose quotations use it, the dates of the coded
events it takes part in, and the chapters whose prose names it. Every spelling is an index entry
leading to the entry, so the general index (HTML and PDF) finds "Kulyab" as well as "Kulob".

The extension also copies the DataTables bundle of ``itables`` into the site for the interactive
chronology (see :mod:`tajik_peace.reference`).
"""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from importlib import resources
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from . import reference
from .data import load_dataset, resolve_data_dir


@lru_cache(maxsize=4)
def _dataset(data_dir: str):
    return load_dataset(data_dir)


def _prose(path: Path) -> str:
    """What a chapter says in words: a notebook's Markdown cells and the Markdown its cells print
    (tables), or the text of a Markdown page."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".ipynb":
        return text
    parts = []
    for cell in json.loads(text).get("cells", []):
        if cell.get("cell_type") == "markdown":
            parts.append(_joined(cell.get("source", "")))
        for output in cell.get("outputs", []):
            parts.append(_joined(output.get("data", {}).get("text/markdown", "")))
    return "\n".join(parts)


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


class ReferenceEntries(SphinxDirective):
    """``{reference-entries} actors|places``: one entry per record of that table."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        table = self.arguments[0]
        if table not in reference.ENTRY_TABLES:
            raise self.error(f"reference-entries: unknown table {table!r}")
        data_dir = resolve_data_dir()
        ds = _dataset(str(data_dir))
        for name in ("datapackage.json", f"{table}.csv", "events.csv", "attestations.csv"):
            self.env.note_dependency(str(data_dir / name))
        chapters = self._chapters()
        out: list[nodes.Node] = []
        for group, entries in reference.entries(ds, table, chapters):
            section = self._section(f"{table}-group-{group.key}", group.title)
            section += nodes.paragraph(text=group.intro) if group.intro else []
            for entry in entries:
                section += self._entry(entry)
            out.append(section)
        return out

    def _chapters(self) -> dict[str, str]:
        """``{docname: prose}`` of every chapter (reference pages and back matter excluded)."""
        out = {}
        for docname in sorted(self.env.found_docs):
            if not docname.startswith("book/") or docname in reference.NOT_CHAPTERS:
                continue
            path = Path(self.env.doc2path(docname))
            self.env.note_dependency(str(path))
            out[docname] = _prose(path)
        return out

    def _section(self, ident: str, title: str) -> nodes.section:
        section = nodes.section(ids=[nodes.make_id(ident)])
        section += nodes.title(text=title)
        return section

    def _entry(self, entry: reference.Entry) -> nodes.section:
        section = self._section(entry.anchor, entry.name)
        target = section["ids"][0]
        section += addnodes.index(
            entries=[("single", spelling, target, "", None) for spelling in entry.index_terms]
        )
        fields = nodes.field_list()
        for label, value in entry.fields:
            fields += _field(label, nodes.paragraph(text=value))
        if entry.spellings:
            para = nodes.paragraph()
            for i, (spelling, sources) in enumerate(entry.spellings):
                if i:
                    para += nodes.Text("; ")
                para += nodes.emphasis(text=spelling)
                para += nodes.Text(f" ({sources})")
            fields += _field("Spellings", para)
        if entry.chapters:
            para = nodes.paragraph()
            for i, docname in enumerate(entry.chapters):
                if i:
                    para += nodes.Text(", ")
                ref = addnodes.pending_xref(
                    "",
                    refdomain="std",
                    reftype="doc",
                    reftarget="/" + docname,
                    refexplicit=False,
                    refdoc=self.env.docname,
                )
                ref += nodes.inline(text=docname)
                para += ref
            fields += _field("Discussed in", para)
        section += fields
        if entry.description:
            section += nodes.paragraph(text=entry.description)
        return section


def _field(label: str, body: nodes.Node) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name(text=label)
    content = nodes.field_body()
    content += body
    field += content
    return field


def copy_datatables(app, exception) -> None:
    """Copy the DataTables bundle that the interactive chronology imports into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "itables"
    target.mkdir(parents=True, exist_ok=True)
    source = resources.files("itables") / "html"
    for name in ("dt_bundle.js", "dt_bundle.css"):
        with resources.as_file(source / name) as path:
            shutil.copyfile(path, target / name)


def setup(app):
    app.add_directive("reference-entries", ReferenceEntries)
    app.connect("build-finished", copy_datatables)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
