"""Checks of the PDF (`make pdf`), read with poppler's pdftotext, pdfinfo and pdfimages."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from book_paths import CONFIG, LATEX, PDF, doc_title, require, toc_docs

from tajik_peace import __version__

pytestmark = pytest.mark.book


def run(*cmd):
    if not shutil.which(cmd[0]):
        pytest.fail(f"{cmd[0]} is missing: install poppler-utils (make sysdeps)")
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf():
    return require(PDF, "make pdf")


@pytest.fixture(scope="module")
def text(pdf):
    return run("pdftotext", "-layout", str(pdf), "-")


def flat(s: str) -> str:
    """Text with hyphenation at line ends undone and all whitespace collapsed."""
    s = re.sub(r"-\n\s*", "", s)
    return re.sub(r"\s+", " ", s).replace("’", "'")


def test_every_chapter_title_is_in_the_pdf(text):
    body = flat(text)
    for doc in toc_docs()[1:]:  # the root document is the front matter, not a titled chapter
        assert flat(doc_title(doc)) in body, f"chapter {doc_title(doc)!r} missing from the PDF"


def test_no_unresolved_references(text):
    assert "??" not in text, "the PDF has an unresolved reference (??)"
    assert not re.search(r"\bundefined\b", text, re.I)
    log = (LATEX / PDF.with_suffix(".log").name).read_text(errors="ignore")
    assert "There were undefined references" not in log
    assert not re.search(r"Reference `[^']+' on page \d+ undefined", log)
    assert not re.search(r"Citation `[^']+' on page \d+ undefined", log)


def test_title_page_has_title_authors_and_version(pdf):
    first = flat(run("pdftotext", "-f", "1", "-l", "1", str(pdf), "-"))
    assert flat(CONFIG["latex"]["latex_documents"]["title"]) in first
    assert CONFIG["author"] in first
    assert f"Version {__version__}" in first


def test_plausible_page_count(pdf):
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M).group(1))
    assert 2 * len(toc_docs()) <= pages <= 600


def test_bibliography_is_in_the_pdf(text):
    body = flat(text)
    assert "Tajikistan: Lessons of Reconciliation" in body
    assert "The Practical Negotiator" in body


def test_figures_are_at_print_resolution(pdf):
    listing = run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    images = [line.split() for line in listing if line.strip()]
    assert images, "the PDF contains no figure"
    for cols in images:
        x_ppi, y_ppi = int(cols[12]), int(cols[13])
        assert min(x_ppi, y_ppi) >= 150, f"an image is at {x_ppi}x{y_ppi} ppi, too coarse for print"
