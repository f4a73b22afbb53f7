"""Checks of the built HTML book (`make html`): citation meta tags on every page, no outside
hosts, a link to the PDF, and the version agreeing with the package."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from book_paths import CONFIG, HTML, PDF_NAME, ROOT, require, toc_docs

from tajik_peace import __version__

pytestmark = pytest.mark.book

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


class Page(HTMLParser):
    """Meta tags, loaded resources (scripts, styles, images, fonts, frames) and links of a page."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.resources: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name", "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content") or ""))
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.resources.append(a["src"])
        if (
            tag == "link"
            and a.get("href")
            and set((a.get("rel") or "").split())
            & {"stylesheet", "preload", "icon", "modulepreload", "prefetch", "manifest"}
        ):
            self.resources.append(a["href"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


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
        assert d["citation_title"] == doc_title(doc)


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
    blocks = re.findall(
        r'<div class="highlight-bibtex notranslate"><div class="highlight"><pre>(.*?)</pre>',
        text,
        re.S,
    )
    import html as htmllib

    bib = "\n".join(htmllib.unescape(re.sub(r"<[^>]+>", "", b)) for b in blocks)
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
