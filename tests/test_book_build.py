"""Checks of the built HTML book (`make html`): citation meta tags on every page, no outside
hosts, a link to the PDF, and the version agreeing with the package."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from book_paths import CONFIG, HTML, PDF_NAME, ROOT, require, toc_docs
from bs4 import BeautifulSoup

from tajik_peace import __version__

pytestmark = pytest.mark.book

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


RESOURCE_TAGS = ("script", "img", "iframe", "source", "audio", "video", "embed")
RESOURCE_RELS = {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}


@dataclass
class Page:
    """Meta tags, loaded resources (scripts, styles, images, fonts, frames) and links of a page."""

    meta: list[tuple[str, str]]
    resources: list[str]
    links: list[str]


def parse(path) -> Page:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    meta = [
        (m["name"], m.get("content") or "")
        for m in soup.find_all("meta", attrs={"name": re.compile(r"^citation_")})
    ]
    resources = [t["src"] for t in soup.find_all(RESOURCE_TAGS, src=True)]
    # BeautifulSoup gives rel as a list of tokens (it is a multi-valued attribute).
    resources += [
        t["href"]
        for t in soup.find_all("link", href=True)
        if set(t.get("rel") or []) & RESOURCE_RELS
    ]
    links = [a["href"] for a in soup.find_all("a", href=True)]
    return Page(meta, resources, links)


def html_pages():
    require(HTML / "index.html", "make html")
    skip = {"_static", "_sources", "_images", "_downloads", "reports"}
    return sorted(p for p in HTML.rglob("*.html") if not skip & set(p.relative_to(HTML).parts))


def outside(url: str) -> bool:
    parsed = urlparse(url)
    return (
        parsed.scheme in ("http", "https") and parsed.hostname not in LOCAL_HOSTS
    ) or url.startswith("//")


def test_every_toc_document_was_built():
    require(HTML / "index.html", "make html")
    for doc in toc_docs():
        assert (HTML / f"{doc}.html").exists(), f"{doc} is in _toc.yml but was not built"


def test_every_page_carries_citation_meta_tags():
    title = CONFIG["title"]
    for path in html_pages():
        if path.name == "index.html" and path.parent == HTML:
            continue  # the redirect to the root document
        tags = parse(path).meta
        names = [n for n, _ in tags]
        d = dict(tags)
        for required in (
            "citation_title",
            "citation_author",
            "citation_publication_date",
            "citation_inbook_title",
            "citation_book_title",
            "citation_pdf_url",
            "citation_publisher",
            "citation_version",
        ):
            assert required in names and d[required].strip(), f"{path.name}: no {required}"
        assert d["citation_book_title"] == d["citation_inbook_title"] == title
        assert d["citation_version"] == __version__
        assert d["citation_pdf_url"].endswith("/" + PDF_NAME)
        assert names.count("citation_title") == 1


def test_chapter_meta_title_is_the_chapter_title():
    from book_paths import doc_title

    for doc in toc_docs():
        d = dict(parse(HTML / f"{doc}.html").meta)
        # the HTML sets quotation marks typographically ("Russia’s"); the source writes "Russia's"
        assert d["citation_title"].replace("’", "'") == doc_title(doc).replace("’", "'")


def test_no_page_loads_anything_from_another_host():
    bad = {}
    for path in html_pages():
        for url in parse(path).resources:
            if outside(url):
                bad.setdefault(path.relative_to(HTML).as_posix(), []).append(url)
    assert not bad, f"pages loading from other hosts: {bad}"


def test_no_stylesheet_or_script_names_another_host():
    """CSS url(...) and @import, and the JS the pages load, must not fetch from other hosts."""
    pattern = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?:)?//""")
    bad = [
        p.relative_to(HTML).as_posix()
        for p in (HTML / "_static").rglob("*.css")
        if pattern.search(p.read_text(errors="ignore"))
    ]
    assert not bad, f"stylesheets that fetch from other hosts: {bad}"
    for path in html_pages():
        text = path.read_text(encoding="utf-8")
        assert "mathjax" not in text.lower() or "cdn" not in text.lower(), (
            f"{path.name}: MathJax from a CDN"
        )
        assert "thebe" not in text.lower() or "unpkg" not in text.lower(), (
            f"{path.name}: Thebe from unpkg"
        )


def test_html_links_to_the_pdf_and_the_pdf_is_there():
    pdf = require(HTML / PDF_NAME, "make book")
    assert pdf.stat().st_size > 10_000
    root = toc_docs()[0]
    links = parse(HTML / f"{root}.html").links
    depth = root.count("/")
    assert "../" * depth + PDF_NAME in links, (
        f"the landing page does not link to {PDF_NAME}: {links}"
    )


def test_how_to_cite_lists_bibtex_for_book_and_every_toc_document():
    from pybtex.database import parse_string

    text = (HTML / "book" / "how-to-cite.html").read_text(encoding="utf-8")
    blocks = BeautifulSoup(text, "html.parser").select("div.highlight-bibtex pre")
    bib = "\n".join(block.get_text() for block in blocks)
    db = parse_string(bib, "bibtex")
    key = CONFIG["sphinx"]["config"]["citation_bibtex_key"]
    expected = [key] + [f"{key}:{doc.rsplit('/', 1)[-1]}" for doc in toc_docs()]
    assert list(db.entries) == expected
    for entry in db.entries.values():
        assert f"Version {__version__}" == entry.fields["edition"]


def test_version_in_html_footer_or_meta_agrees():
    text = (HTML / f"{toc_docs()[0]}.html").read_text(encoding="utf-8")
    versions = set(re.findall(r'citation_version" content="([^"]+)"', text))
    assert versions == {__version__}


def test_execution_reports_are_absent():
    reports = list((HTML / "reports").glob("*.log")) if (HTML / "reports").exists() else []
    assert not reports, f"notebook execution failed: {[r.name for r in reports]}"


def test_build_did_not_write_into_the_sources():
    for junk in ("book/_build", "book/.ipynb_checkpoints", "_build/html/_sources/data"):
        assert not (ROOT / junk).exists(), junk


def test_execution_statistics_page_lists_every_notebook_as_succeeded():
    page = require(HTML / "book" / "execution.html", "make html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    tables = soup.select("table")
    assert len(tables) == 1, "the page should hold the nb-exec-table"
    headers = [th.get_text(strip=True) for th in tables[0].select("thead th")]
    assert headers == ["Document", "Modified", "Method", "Run Time (s)", "Status"]
    rows = {
        cells[0]: cells
        for cells in (
            [td.get_text(strip=True) for td in tr.select("td")]
            for tr in tables[0].select("tbody tr")
        )
    }
    notebooks = [doc for doc in toc_docs() if (ROOT / f"{doc}.ipynb").exists()]
    assert sorted(rows) == sorted(notebooks)
    for doc, (_, modified, method, runtime, status) in rows.items():
        assert status == "✅", f"{doc}: last execution failed"
        assert method == "cache" and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", modified), doc
        assert float(runtime) > 0, f"{doc}: no run time"


def test_every_figure_caption_links_the_csv_of_its_numbers():
    """Every registered figure appears in the HTML with a caption that links the CSV of the numbers
    it plots, and the file served is the one in figures/."""
    from pathlib import Path

    from tajik_peace import figures

    served: dict[str, list[Path]] = {}
    for page in html_pages():
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for caption in soup.select("figure figcaption"):
            for a in caption.find_all("a", href=True):
                if a["href"].endswith(f".{figures.DATA_FORMAT}"):
                    target = (page.parent / a["href"]).resolve()
                    served.setdefault(target.stem, []).append(target)
    assert set(served) == set(figures.registered()), (
        f"figures whose caption links no CSV: {sorted(set(figures.registered()) - set(served))}"
    )
    for name, targets in served.items():
        committed = (figures.FIGURES_DIR / f"{name}.{figures.DATA_FORMAT}").read_bytes()
        for target in targets:
            assert target.is_file(), f"{name}: the caption links {target}, which was not built"
            assert target.read_bytes() == committed, f"{name}: the served CSV is not figures/'s"
