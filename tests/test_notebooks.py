"""Every chapter notebook listed in _toc.yml, held to the book's chapter rules.

One suite for all chapters (rather than a copy per chapter): a notebook is thin and only calls the
package; it has the chapter sections; each figure is named, captioned, carries the alt text its
drawing function was registered with, is exported through ``figures.export``, links the CSV of
the numbers it plots in its caption and is referred to in the prose; every number the prose takes from the package through glue is glued; outputs are stored,
without errors, timing metadata or machine paths.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib
import pytest
from book_paths import toc_docs

matplotlib.use("Agg")

from tajik_peace import figures

ROOT = Path(__file__).resolve().parent.parent


def chapter_notebooks() -> list[Path]:
    return [p for p in (ROOT / f"{doc}.ipynb" for doc in toc_docs()) if p.exists()]


NOTEBOOKS = chapter_notebooks()
# Things a notebook must not do itself: load data, compute, style or patch the environment.
FORBIDDEN = [
    r"\bimport pandas\b",
    r"import networkx",
    r"read_csv",
    r"\bplt\.",
    r"import matplotlib",
    r"\.groupby\(",
    r"\bdef\b",
    r"!pip",
    r"%pip",
    r"warnings\.",
    r"\.\./",
]
SECTIONS = ("## Question", "## Data", "## Analysis", "## Reading", "## Key points")
MAX_LINES = 6


def _cells(path: Path, kind: str) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == kind]


def _markdown(path: Path) -> str:
    return "\n".join("".join(c["source"]) for c in _cells(path, "markdown"))


def test_every_chapter_notebook_is_found():
    names = {p.stem for p in NOTEBOOKS}
    assert {
        "chronology",
        "background",
        "phases",
        "power_sharing",
        "ceasefires",
        "mediation",
        "source_comparison",
    } <= names


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request) -> Path:
    return request.param


def test_notebook_is_thin(notebook):
    """All loading, computation and styling live in the package; the notebook only calls it."""
    for cell in _cells(notebook, "code"):
        src = "".join(cell["source"])
        for pattern in FORBIDDEN:
            assert not re.search(pattern, src), (
                f"{notebook.name} does {pattern!r}: move it into the package"
            )
        assert len(src.splitlines()) <= MAX_LINES, (
            f"{notebook.name}: a code cell of more than {MAX_LINES} lines"
        )


#: Reference pages (looked up, not read through) have a title but not a chapter's sections.
REFERENCE_PAGES = {"events"}


def test_notebook_has_a_title_and_the_chapter_sections(notebook):
    md = _markdown(notebook)
    assert md.startswith("# "), f"{notebook.name} does not open with its title"
    if notebook.stem in REFERENCE_PAGES:
        return
    for heading in SECTIONS:
        assert heading in md, f"{notebook.name} lacks {heading!r}"
    positions = [md.index(h) for h in SECTIONS]
    assert positions == sorted(positions), f"{notebook.name}: sections out of order"


def test_notebook_figures_are_named_captioned_registered_and_cited(notebook):
    registry = figures.registered()
    md = _markdown(notebook)
    figure_cells = [
        c for c in _cells(notebook, "code") if "figure" in c["metadata"].get("mystnb", {})
    ]
    exported = [c for c in _cells(notebook, "code") if "figures.export(" in "".join(c["source"])]
    assert len(figure_cells) == len(exported), (
        f"{notebook.name}: every exported figure needs figure metadata"
    )
    for cell in figure_cells:
        meta = cell["metadata"]["mystnb"]
        name = meta["figure"]["name"]
        assert name.startswith("fig-") and meta["figure"]["caption"].strip()
        match = re.search(r'figures\.export\("([a-z0-9_-]+)"', "".join(cell["source"]))
        assert match, f"{notebook.name}: figure {name} is not made with figures.export"
        assert match.group(1) in registry, (
            f"{notebook.name}: {match.group(1)} is not a registered figure"
        )
        assert meta["image"]["alt"] == registry[match.group(1)].alt, (
            f"{name}: alt text differs from the registered one"
        )
        assert f"{{numref}}`{name}`" in md, f"{notebook.name}: the prose never refers to {name}"
        csv = f"](../figures/{match.group(1)}.{figures.DATA_FORMAT})"
        assert csv in meta["figure"]["caption"], (
            f"{name}: the caption does not link the numbers it plots ({csv[2:-1]})"
        )


def _glued_keys(path: Path) -> set[str]:
    keys = set()
    for cell in _cells(path, "code"):
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                keys.add(name)
    return keys


def test_every_glue_reference_is_glued_in_the_stored_outputs(notebook):
    used = set(re.findall(r"\{glue(?::[a-z]+)?\}`([A-Za-z0-9_]+)`", _markdown(notebook)))
    missing = used - _glued_keys(notebook)
    assert not missing, (
        f"{notebook.name}: glue keys used but not glued (run `make execute`): {sorted(missing)}"
    )
    for cell in _cells(notebook, "code"):
        if "glue(" in "".join(cell["source"]):
            assert "remove-cell" in cell["metadata"].get("tags", []), (
                f"{notebook.name}: show no glue cell"
            )


def test_notebook_outputs_are_stored_and_clean(notebook):
    code = _cells(notebook, "code")
    shown = [
        c
        for c in code
        if not re.match(r"^(from |import )", "".join(c["source"]).strip().splitlines()[-1])
        and " = " not in "".join(c["source"]).strip().splitlines()[-1]
    ]
    assert all(c.get("outputs") for c in shown), (
        f"{notebook.name}: run `make execute` to store the outputs"
    )
    text = notebook.read_text(encoding="utf-8")
    assert '"output_type": "error"' not in text
    assert '"execution": {' not in text, (
        "timing metadata: execute with scripts/execute_notebooks.py"
    )
    for local in ("/work/", "/root/", "/tmp/", "/home/"):
        assert local not in text, f"{notebook.name} holds a machine path"
