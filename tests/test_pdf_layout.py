"""The PDF is fit to cite: nothing past the right margin, no table over the footer, no printed
code, no blank pages, the same figure and table numbers as the HTML, and document metadata.

Word positions come from poppler's ``pdftotext -bbox``; the HTML captions from BeautifulSoup."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import pytest
from book_paths import CONFIG, HTML, PDF, require, toc_docs
from bs4 import BeautifulSoup

pytestmark = pytest.mark.book

#: The type area of the PDF (A4, Sphinx's default geometry): body text stays this far from the
#: right edge and above the running footer.
RIGHT_MARGIN_PT = 50
FOOTER_BAND_PT = 62
#: What only a chapter's code cells contain: imports, calls of the package, glue. None may reach
#: the printed page. At least as strict as the shared pdflayout tool (any "load_dataset(" counts,
#: so the prose names the loader without a call).
CODE = re.compile(
    r"from tajik_peace import|import tajik_peace|\bload_dataset\(|figures\.(table|export)\(|"
    r"\bglue\(\"|reference\.Chronology\("
)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]


def _run(*cmd: str) -> str:
    if not shutil.which(cmd[0]):
        pytest.fail(f"{cmd[0]} is missing: install poppler-utils (make sysdeps)")
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@cache
def pages() -> tuple[Page, ...]:
    xml = _run("pdftotext", "-bbox", str(require(PDF, "make pdf")), "-")
    out = []
    for n, (w, h, body) in enumerate(
        re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S), 1
    ):
        words = tuple(
            Word(float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                body,
            )
        )
        out.append(Page(n, float(w), float(h), words))
    return tuple(out)


def test_no_word_runs_past_the_right_margin():
    bad = {
        p.number: [w.text for w in p.words if w.x1 > p.width - RIGHT_MARGIN_PT][:5] for p in pages()
    }
    bad = {n: ws for n, ws in bad.items() if ws}
    assert not bad, f"words past the right margin (page: words): {bad}"


def test_no_table_runs_into_the_footer():
    bad = {}
    for p in pages():
        band = [w for w in p.words if w.y0 > p.height - FOOTER_BAND_PT]
        if not band:
            continue
        # the footer itself is one line (page number, chapter title) at the very bottom
        footer_line = max(w.y0 for w in band)
        intruders = [w.text for w in band if abs(w.y0 - footer_line) > 3]
        if intruders:
            bad[p.number] = intruders[:6]
    assert not bad, f"text in the footer band (page: words): {bad}"


def test_no_code_is_printed():
    text = _run("pdftotext", str(require(PDF, "make pdf")), "-")
    found = sorted({m.group(0) for m in CODE.finditer(text)})
    assert not found, f"code printed in the PDF: {found}"


#: Fewer words than this on a page (header and footer included) make it near-blank: the threshold
#: of the shared pdflayout tool, so that this test is at least as strict.
MIN_WORDS_PER_PAGE = 25


def test_no_blank_pages():
    # the title page may be sparse; every other page carries body text, not only a header/footer
    blank = [p.number for p in pages()[1:] if len(p.words) < MIN_WORDS_PER_PAGE]
    assert not blank, f"blank or near-blank pages: {blank}"


def _html_numbers() -> dict[str, str]:
    """``{"Fig. 2.1": caption start, "Table 3.2": ...}`` from every page of the HTML."""
    out = {}
    for doc in toc_docs():
        path = require(HTML / f"{doc}.html", "make html")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for number in soup.select("span.caption-number"):
            label = " ".join(number.get_text(" ", strip=True).split())
            caption = number.find_next_sibling("span", class_="caption-text")
            text = " ".join(caption.get_text(" ", strip=True).split()) if caption else ""
            out[label] = text
    return out


def test_figure_and_table_numbers_are_the_same_in_html_and_pdf():
    html_numbers = _html_numbers()
    assert html_numbers, "the HTML has no numbered figure or table"
    text = " ".join(_run("pdftotext", str(require(PDF, "make pdf")), "-").split())
    missing = []
    for label, caption in sorted(html_numbers.items()):
        kind, number = label.rstrip(":").split(" ", 1)
        pdf_label = {"Fig.": "Fig.", "Table": "Table"}.get(kind, kind) + " " + number
        head = " ".join(caption.split()[:4])
        if not re.search(re.escape(pdf_label) + r":?\s+" + re.escape(head), text):
            missing.append(f"{label} {head!r}")
    assert not missing, "numbered in the HTML but not so in the PDF: " + "; ".join(missing)


def test_pdf_metadata_names_title_author_subject_and_keywords():
    info = _run("pdfinfo", str(require(PDF, "make pdf")))
    fields = dict(
        (k.strip(), v.strip()) for k, _, v in (line.partition(":") for line in info.splitlines())
    )
    config = CONFIG["sphinx"]["config"]
    assert fields.get("Title") == CONFIG["latex"]["latex_documents"]["title"]
    assert fields.get("Author") == CONFIG["author"]
    assert fields.get("Subject") == config["pdf_subject"]
    assert all(k in fields.get("Keywords", "") for k in config["pdf_keywords"])


def test_title_page_gives_licence_and_how_to_cite():
    first = " ".join(
        _run("pdftotext", "-f", "1", "-l", "1", str(require(PDF, "make pdf")), "-").split()
    )
    assert "CC BY 4.0" in first and "MIT" in first
    assert "How to cite." in first
    assert CONFIG["sphinx"]["config"]["citation_publication_date"] in first
