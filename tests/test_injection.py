"""No data cell can change the published book (issue 10): hostile values through the real pipeline.

A tiny Jupyter Book project in a temporary directory, configured from the book's own
``_config.yml`` (same Sphinx extensions, MyST extensions and output settings), holds one notebook
whose outputs are made by the package's renderers from hostile values: a table
(:func:`tajik_peace.figures.table`), a list (:class:`tajik_peace.chapters.phases.Notes`), glued text used in
prose (``{glue:text}``) and a record of the data page's evidence browser
(:func:`tajik_peace.evidence.record_html`). The notebook is executed once by a real kernel and
built with the ``html`` and the ``latex`` builders (strict: ``-W -n``); the tests then check that
a reader sees each value as text, exactly as :func:`tajik_peace.display.plain_text` gives it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from nbclient import NotebookClient
from sphinx.util import texescape

from tajik_peace import figures
from tajik_peace.display import plain_text

REPO = Path(__file__).resolve().parent.parent
# Enough "../" to climb from any temporary directory to the root, where "../" stays put.
PASSWD = "../" * 16 + "etc/passwd"

HOSTILE = [
    '<script>alert("xss")</script>',
    '<img src="x" onerror="alert(1)">',
    "{download}`" + PASSWD + "`",
    r"{math}`\input{/etc/passwd}`",
    r"\input{/etc/passwd}",
    "left | right",
    "*x* and _y_ and **z**",
    "<b>raw</b>",
    "``double`` and `single` backticks",
    "$x^2$ and $$y$$",
    "{cite}`adamishin2012`",
    "[link](javascript:alert(1))",
    "```{include} " + PASSWD + "\n```",
    ":::{note}\nnoted\n:::",
    "# not a heading",
    "{{ secret }}",
    "bell\x07 nul\x00 del\x7f rtl\u202eevil",
    'it\'s "quoted" -- and ... so on',
    "&amp; &lt;b&gt; \\",
    "1. not a list",
]
TABLE_SOURCE = "Source: *x* | {download}`" + PASSWD + "`"

NOTEBOOK_CODE = [
    "import pandas as pd\n"
    "from myst_nb import glue\n"
    "from IPython.display import HTML\n"
    "from tajik_peace import evidence, figures\n"
    "from tajik_peace.display import escape_markdown\n"
    "from tajik_peace.explain import FieldEvidence, Quotation\n"
    "from tajik_peace.chapters.phases import Notes\n"
    "HOSTILE = {hostile!r}\n"
    "for i, value in enumerate(HOSTILE):\n"
    "    glue(f'g{{i}}', value, display=False)",
    "figures.table(\n"
    "    pd.DataFrame({{'n': range(len(HOSTILE)), 'value': HOSTILE,\n"
    "                  'after': [f'after-{{i}}' for i in range(len(HOSTILE))]}}),\n"
    "    source={source!r},\n"
    ")",
    "figures.table(pd.DataFrame([range(len(HOSTILE))], columns=HOSTILE))",
    "Notes([escape_markdown(v) for v in HOSTILE], source='Source: notes')",
    "class Record:  # the data page's record browser, for one record\n"
    "    def _repr_html_(self):\n"
    "        ev = [FieldEvidence(f'f{{i}}', v, 'quoted', (Quotation(v, v, v, f'a{{i}}'),))\n"
    "              for i, v in enumerate(HOSTILE)]\n"
    "        return evidence.record_html('events', HOSTILE[0], ev)\n"
    "    def _repr_markdown_(self):\n"
    "        return 'The record is in the HTML edition.'\n"
    "Record()",
]


def _config() -> dict:
    """The book's _config.yml, pointed at the tiny project (nothing else changed that matters)."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = "Injection probe"
    config["execute"]["execute_notebooks"] = "off"  # executed once, by the fixture
    config["bibtex_bibfiles"] = ["references.bib"]
    config["sphinx"]["config"]["latex_additional_files"] = ["bbm.sty"]
    config["latex"]["latex_documents"]["targetname"] = "probe.tex"
    config["html"]["favicon"] = ""  # the probe has no static files of its own
    return config


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cells = [nbformat.v4.new_markdown_cell("# Probe\n\nHostile values from the data, as text.")]
    for code in NOTEBOOK_CODE:  # the page shows outputs only, as the chapters' tables do
        cell = nbformat.v4.new_code_cell(code.format(hostile=HOSTILE, source=TABLE_SOURCE))
        cell.metadata["tags"] = ["remove-input"]
        cells.append(cell)
    prose = "\n\n".join(f"Glued {i}: [{{glue:text}}`g{i}`]" for i in range(len(HOSTILE)))
    cells.append(nbformat.v4.new_markdown_cell(prose))
    nb.cells = cells
    return nb


def _build(project: Path, builder: str) -> None:
    jb = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(jb), "build", str(project), "-W", "-n", "--keep-going", "--builder", builder]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, (
        f"{builder} build failed:\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("probe")
    (project / "_config.yml").write_text(yaml.safe_dump(_config()), encoding="utf-8")
    (project / "_toc.yml").write_text("format: jb-book\nroot: probe\n", encoding="utf-8")
    shutil.copy(REPO / "book" / "references.bib", project / "references.bib")
    shutil.copy(REPO / "book" / "_latex" / "bbm.sty", project / "bbm.sty")
    nb = _notebook()
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(project)}}).execute()
    nbformat.write(nb, project / "probe.ipynb")
    _build(project, "html")
    _build(project, "latex")
    return project / "_build"


@pytest.fixture(scope="module")
def soup(built) -> BeautifulSoup:
    return BeautifulSoup((built / "html" / "probe.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def tex(built) -> str:
    return (built / "latex" / "probe.tex").read_text(encoding="utf-8")


EXPECTED = [plain_text(v) for v in HOSTILE]


def test_figure_text_from_the_data_is_not_mathtext(tmp_path):
    """Matplotlib reads "$...$" as maths: a label from the data would change, or, with a lone
    "$", stop the build. Inside the book's style it is drawn as the characters it holds."""
    with figures.style():
        fig, ax = figures.new_figure("Costs in $ and $x^2$", "a lone $", "{math}`\\input{x}`")
        ax.bar(["$x^2$", "$", "50%"], [1, 2, 3])
        texts = [fig.axes[0].title, fig.axes[0].xaxis.label, *fig.axes[0].get_xticklabels()]
        saved = figures.save_figure(fig, "probe", "Bars labelled with dollar signs.", tmp_path)
    assert all(not t.get_parse_math() for t in texts)
    assert saved.png and (tmp_path / "probe.pdf").exists()


def _text(tag) -> str:
    return " ".join(tag.get_text().split())


def test_no_active_element_from_the_data(soup):
    article = soup.select_one("article")
    assert article is not None
    assert article.find("script") is None
    assert article.find("img", src="x") is None
    assert not [t for t in article.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert not soup.find_all("a", href=re.compile(r"^\s*javascript:", re.I))
    # Nothing the data wrote became markup: no emphasis, bold, maths, citations or headings.
    assert article.find(["em", "strong", "b"], string=re.compile(r"^(x|z|raw)$")) is None
    assert not article.select(".math, .citation, a.reference.download, .admonition")
    headings = article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    assert [h.find(string=True).strip() for h in headings] == ["Probe"]


def test_table_cells_are_the_values_with_no_lost_column(soup):
    tables = soup.select("article table")
    assert len(tables) == 2
    rows = [[_text(td) for td in tr.find_all("td")] for tr in tables[0].select("tbody tr")]
    assert rows == [[str(i), value, f"after-{i}"] for i, value in enumerate(EXPECTED)]
    assert [_text(th) for th in tables[1].select("thead th")] == EXPECTED


def test_source_line_list_glue_and_record_are_the_values(soup):
    article = soup.select_one("article")
    assert plain_text(TABLE_SOURCE) in [_text(em) for em in article.find_all("em")]
    items = [_text(li) for li in article.select("ul.simple li, .cell_output ul li")]
    assert items[: len(EXPECTED)] == EXPECTED
    assert [_text(span) for span in article.select("span.pasted-text")] == EXPECTED
    record = article.find("details")
    assert record["id"] == f"record-events-{EXPECTED[0]}"
    quotes = [_text(li).split("\u201d")[0].lstrip("\u201c") for li in record.find_all("li")]
    assert quotes == EXPECTED
    assert [_text(c) for c in record.find_all("code")][1:] == [f"f{i}" for i in range(len(HOSTILE))]


def test_no_file_from_the_build_machine_is_published(built):
    assert not (built / "html" / "_downloads").exists()
    published = [p for p in built.rglob("*") if p.name == "passwd"]
    assert published == []


def test_latex_shows_the_characters(tex):
    texescape.init()  # fills the escape tables (the latex builder does this in its own process)
    body = tex.split(r"\begin{document}", 1)[1]
    assert r"\input" not in body
    assert "/etc/passwd" in body  # ...as text: its backslash and braces are escaped
    for value in EXPECTED:
        # Sphinx's own escaping of the value as text: every character printed, none a command.
        assert texescape.escape(value, "xelatex") in body, value
    # Each row of the first table: its three cells in order, so no value moved or was lost.
    # tables are longtables with one width per column (tajik_peace.display.table_directive)
    columns = [
        spec.count("\\X{")
        for spec in re.findall(r"\\begin\{longtable\}\{((?:\\X\{\d+\}\{\d+\})+)\}", body)
    ]
    assert 3 in columns
    assert len(HOSTILE) in columns  # one column per hostile header
    cell = "\\sphinxAtStartPar\n{}"
    for i, value in enumerate(EXPECTED):
        row = [str(i), texescape.escape(value, "xelatex"), f"after\\sphinxhyphen{{}}{i}"]
        assert "\n&\n".join(cell.format(c) for c in row) in body, value
    assert r"\sphinxhref" not in body and r"\sphinxcite" not in body


@pytest.fixture(scope="module")
def pdf_text(built) -> str:
    """The probe's PDF as text, typeset by xelatex, the book's engine, from the .tex Sphinx wrote.

    One pass, not latexmk's three: the text of the page is all that is checked, and any TeX error
    (a control character, an unknown command) stops the first pass."""
    missing = [t for t in ("xelatex", "pdftotext") if shutil.which(t) is None]
    if missing:
        pytest.skip(f"no {', '.join(missing)}: the PDF needs TeX Live and poppler (see README.md)")
    latex = built / "latex"
    run = subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "probe.tex"],
        cwd=latex,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-4000:]
    pdf = latex / "probe.pdf"
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_prints_every_value(pdf_text):
    """What a reader of the PDF sees: TeX ligatures (`` '' --) or commands would change these."""
    lines = [" ".join(line.split()) for line in pdf_text.splitlines()]
    for i, value in enumerate(EXPECTED):
        assert f"{i} {value} after-{i}" in lines, value  # the table row, no column lost
        assert f"• {value}" in lines, value  # the list
        assert f"Glued {i}: [{value}]" in lines, value  # the glued text in prose
    assert plain_text(TABLE_SOURCE) in lines  # the source line under the table
