"""Unit tests of tajik_peace.sphinx_ext: citation meta tags, BibTeX per chapter, version check."""

from __future__ import annotations

import re
import textwrap

import pytest

from tajik_peace import __version__
from tajik_peace.sphinx_ext import BookMeta, bibtex_entries, citation_meta, render_meta

META = BookMeta(
    title="A Book: on Things",
    authors=("Doe, Jane", "The Book Collective"),
    publication_date="2026-11-26",
    publisher="Book & Co",
    version="1.2.3",
    base_url="https://example.org/book/",
    pdf_name="book.pdf",
    bibtex_key="thebook",
)


def test_citation_meta_has_every_highwire_tag():
    tags = citation_meta(META, "Chapter One", "book/one.html")
    names = [n for n, _ in tags]
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
        assert required in names
    d = dict(tags)
    assert d["citation_title"] == "Chapter One"
    assert [c for n, c in tags if n == "citation_author"] == ["Doe, Jane", "The Book Collective"]
    assert d["citation_publication_date"] == "2026/11/26"
    assert d["citation_inbook_title"] == d["citation_book_title"] == "A Book: on Things"
    assert d["citation_pdf_url"] == "https://example.org/book/book.pdf"
    assert d["citation_public_url"] == "https://example.org/book/book/one.html"
    assert d["citation_version"] == "1.2.3"


def test_citation_meta_falls_back_to_book_title_and_relative_pdf():
    meta = BookMeta("T", ("A",), "2026", "P", "1", pdf_name="b.pdf")
    d = dict(citation_meta(meta, ""))
    assert d["citation_title"] == "T"
    assert d["citation_pdf_url"] == "b.pdf"
    assert "citation_public_url" not in d


def test_render_meta_escapes():
    html = render_meta([("citation_title", 'Quotes "and" <tags> & more')])
    assert (
        html
        == '<meta name="citation_title" content="Quotes &quot;and&quot; &lt;tags&gt; &amp; more" />\n'
    )


def test_bibtex_entries_book_then_chapters_in_order():
    chapters = [
        ("book/intro", "Intro", "book/intro.html"),
        ("book/chronology", "Chronology & rounds", "book/chronology.html"),
    ]
    entries = bibtex_entries(META, chapters)
    assert len(entries) == 3
    assert entries[0].startswith("@book{thebook,")
    assert entries[1].startswith("@incollection{thebook:intro,")
    assert entries[2].startswith("@incollection{thebook:chronology,")
    from pybtex.database import parse_string

    chapter = parse_string(entries[2], "bibtex").entries["thebook:chronology"]
    assert chapter.fields["booktitle"] == "A Book: on Things"
    assert chapter.fields["title"] == r"Chronology \& rounds"
    # a person keeps "Surname, Forename"; a body is braced so BibTeX does not split it
    assert [str(p) for p in chapter.persons["author"]] == ["Doe, Jane", "{The Book Collective}"]
    assert chapter.fields["url"] == "https://example.org/book/book/chronology.html"
    book = parse_string(entries[0], "bibtex").entries["thebook"]
    assert book.fields["edition"] == "Version 1.2.3"
    for e in entries:
        assert e.count("{") == e.count("}")


def test_bibtex_entries_parse_with_pybtex():
    from pybtex.database import parse_string

    entries = bibtex_entries(META, [("a/b", "B", "a/b.html")])
    db = parse_string("\n\n".join(entries), "bibtex")
    assert set(db.entries) == {"thebook", "thebook:b"}
    assert db.entries["thebook:b"].fields["booktitle"] == "A Book: on Things"


def test_bibtex_titles_are_text_with_balanced_braces():
    from pybtex.database import parse_string

    title = r"Costs in $ and 50% {of} \input{x} ~ ^ } & #_"
    entries = bibtex_entries(META, [("a/b", title, "a/b.html")])
    assert r"\input" not in entries[1]
    db = parse_string("\n\n".join(entries), "bibtex")  # one unbalanced brace would fail here
    assert db.entries["thebook:b"].fields["title"] == (
        r"Costs in \$ and 50\% \textbraceleft{}of\textbraceright{} \textbackslash{}input"
        r"\textbraceleft{}x\textbraceright{} \textasciitilde\ \textasciicircum{} "
        r"\textbraceright{} \& \#\_"
    )


@pytest.fixture()
def mini_project(tmp_path):
    """A two-chapter Sphinx project using the extension, as the book does."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        textwrap.dedent(f"""
        project = "Mini Book"
        author = "Doe, Jane"
        release = "{__version__}"
        html_baseurl = "https://example.org/mini/"
        extensions = ["tajik_peace.sphinx_ext"]
        citation_publication_date = "2026-01-02"
        citation_publisher = "Mini Press"
        citation_pdf_name = "mini.pdf"
        citation_bibtex_key = "mini"
    """)
    )
    (src / "index.rst").write_text("Mini\n====\n\n.. toctree::\n\n   two\n   one\n   cite\n")
    (src / "one.rst").write_text("Chapter One\n===========\n\nText.\n")
    (src / "two.rst").write_text("Chapter Two\n===========\n\nText.\n")
    (src / "cite.rst").write_text("Cite\n====\n\n.. chapter-bibtex::\n")
    return src


def _build(src, out, fresh=True, **overrides):
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():  # several Sphinx apps in one process must not share node registries
        app = Sphinx(
            str(src),
            str(src),
            str(out),
            str(out / ".doctrees"),
            "html",
            confoverrides=overrides,
            status=None,
            warning=None,
            freshenv=fresh,
            warningiserror=True,
        )
        app.build()
    return out


def test_extension_in_a_real_build(mini_project, tmp_path):
    out = _build(mini_project, tmp_path / "out")
    one = (out / "one.html").read_text()
    assert '<meta name="citation_title" content="Chapter One" />' in one
    assert '<meta name="citation_author" content="Doe, Jane" />' in one
    assert '<meta name="citation_pdf_url" content="https://example.org/mini/mini.pdf" />' in one
    assert f'<meta name="citation_version" content="{__version__}" />' in one
    cite = (out / "cite.html").read_text()
    keys = re.findall(r"@(?:<[^>]*>)*\w+(?:<[^>]*>)*\{(?:<[^>]*>)*([\w:]+)", cite)
    # toc order, root first, carried without listing the chapters anywhere
    assert keys == ["mini", "mini:index", "mini:two", "mini:one", "mini:cite"]


def test_new_chapter_is_carried_on_rebuild(mini_project, tmp_path):
    out = _build(mini_project, tmp_path / "out")
    (mini_project / "three.rst").write_text("Chapter Three\n=============\n")
    (mini_project / "index.rst").write_text(
        "Mini\n====\n\n.. toctree::\n\n   two\n   one\n   three\n   cite\n"
    )
    _build(mini_project, out, fresh=False)  # incremental, as `make html` does
    assert "mini:three" in (out / "cite.html").read_text()


def test_version_mismatch_stops_the_build(mini_project, tmp_path):
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="set_version"):
        _build(mini_project, tmp_path / "out", release="0.0.0-wrong")
