"""Where the built book is, and what the table of contents lists (shared by the book tests)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from sphinx_external_toc.api import FileItem
from sphinx_external_toc.parsing import parse_toc_yaml

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
LATEX = ROOT / "_build" / "latex"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
PDF_NAME = CONFIG["sphinx"]["config"]["citation_pdf_name"]
PDF = LATEX / PDF_NAME


def require(path: Path, how: str) -> Path:
    """The path, or a skip (a failure under CI) when the build that makes it has not run."""
    if not path.exists():
        message = f"{path.relative_to(ROOT)} does not exist: run `{how}` first"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def toc_docs() -> list[str]:
    """Every document of _toc.yml, in reading order (root first), without suffix.

    Read with sphinx-external-toc's own parser, the one the book build uses, so the tests see the
    same documents as Sphinx (whatever the nesting: parts, chapters, sections).
    """
    site = parse_toc_yaml(ROOT / "_toc.yml")
    docs: list[str] = []

    def walk(docname: str) -> None:
        docs.append(docname)
        for subtree in site[docname].subtrees:
            for item in subtree.items:
                if isinstance(item, FileItem):
                    walk(str(item))

    walk(site.root.docname)
    return docs


def doc_title(doc: str) -> str:
    """The first level-1 heading of a document of the book."""
    base = ROOT / doc
    if base.with_suffix(".md").exists():
        text = base.with_suffix(".md").read_text(encoding="utf-8")
    else:
        nb = json.loads(base.with_suffix(".ipynb").read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    match = re.search(r"^# (.+)$", text, re.M)
    assert match, f"{doc} has no level-1 heading"
    return match.group(1).strip()
