"""Sphinx extension that makes every page of the book citable.

It does three things:

- adds Highwire Press ``citation_*`` meta tags to the ``<head>`` of every HTML page, so that
  reference managers (Zotero, Mendeley, Google Scholar) capture the chapter as a part of the book;
- provides the ``chapter-bibtex`` directive, which writes BibTeX for the whole book and for every
  document of the table of contents, in table-of-contents order, so that a new chapter is carried
  onto the "How to cite" page without any change;
- checks that the book's ``release`` (set in ``_config.yml``) is the package version, the one
  place the version is kept;
- keeps values from the data verbatim: Sphinx's smart quotes would turn ``"``, ``'``, ``--`` and
  ``...`` in notebook outputs and glued text into typographic characters, so a quotation or a
  value would no longer read as it stands in the data (:class:`DataVerbatim`).

The pure functions (:func:`citation_meta`, :func:`bibtex_entries`) hold the logic and are unit
tested; the Sphinx glue around them is thin.

Configuration (``sphinx: config:`` in ``_config.yml``):

``citation_authors``
    list of authors, each as it should appear (default: ``author`` split on ``" and "``);
``citation_publication_date``
    ``YYYY-MM-DD`` (or ``YYYY``) of the release;
``citation_publisher``
    the publisher named in the tags and in BibTeX;
``citation_pdf_name``
    file name of the PDF, which the build copies to the root of the HTML output;
``citation_bibtex_key``
    BibTeX key of the whole book; chapter keys append ``:`` and the document name.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from posixpath import basename

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.transforms import Transform
from sphinx.errors import ConfigError

from . import __version__
from .citation import bibtex_entry
from .display import escape_html, plain_text
from .evidence import DATA_ZIP
from .paths import resolve_data_dir


@dataclass(frozen=True)
class BookMeta:
    """What a citation of the book needs, independent of Sphinx."""

    title: str
    authors: tuple[str, ...]
    publication_date: str
    publisher: str
    version: str
    base_url: str = ""  # public URL of the HTML book, ending in '/'; empty if unknown
    pdf_name: str = ""
    bibtex_key: str = "book"
    language: str = "en"

    @property
    def year(self) -> str:
        return self.publication_date[:4]

    def url(self, page: str = "") -> str:
        """Absolute public URL of a page (a path relative to the HTML root), or ''."""
        return self.base_url + page if self.base_url else ""


def citation_meta(meta: BookMeta, page_title: str, page_path: str = "") -> list[tuple[str, str]]:
    """The Highwire Press tags for one page, as ordered (name, content) pairs.

    ``page_path`` is the page's file relative to the HTML root (e.g. ``book/chronology.html``).
    """
    tags = [("citation_title", page_title or meta.title)]
    tags += [("citation_author", a) for a in meta.authors]
    tags += [
        ("citation_publication_date", meta.publication_date.replace("-", "/")),
        ("citation_inbook_title", meta.title),
        ("citation_book_title", meta.title),
        ("citation_publisher", meta.publisher),
        ("citation_version", meta.version),
        ("citation_language", meta.language),
    ]
    if meta.pdf_name:
        tags.append(("citation_pdf_url", meta.url(meta.pdf_name) or meta.pdf_name))
    if page_path and meta.base_url:
        tags.append(("citation_public_url", meta.url(page_path)))
    return tags


def render_meta(tags: list[tuple[str, str]]) -> str:
    """HTML ``<meta>`` elements for the tags, one a line."""
    return "".join(
        f'<meta name="{escape_html(n)}" content="{escape_html(c)}" />\n' for n, c in tags
    )


def bibtex_entries(meta: BookMeta, chapters: list[tuple[str, str, str]]) -> list[str]:
    """BibTeX for the book, then one ``@incollection`` per chapter (written by
    :mod:`tajik_peace.citation`, which escapes every value).

    ``chapters`` holds (docname, title, html_path) triples in table-of-contents order.
    """
    common = [
        ("year", meta.year),
        ("publisher", plain_text(meta.publisher)),
        ("edition", f"Version {meta.version}"),
    ]
    entries = [
        bibtex_entry(
            "book",
            meta.bibtex_key,
            [("title", plain_text(meta.title)), *common, ("url", meta.url())],
            authors=meta.authors,
        )
    ]
    for docname, title, path in chapters:
        entries.append(
            bibtex_entry(
                "incollection",
                f"{meta.bibtex_key}:{basename(docname)}",
                [
                    ("title", plain_text(title)),
                    ("booktitle", plain_text(meta.title)),
                    *common,
                    ("url", meta.url(path)),
                ],
                authors=meta.authors,
            )
        )
    return entries


# --------------------------------------------------------------------------------------------
# Sphinx glue


def book_meta(config) -> BookMeta:
    """Build :class:`BookMeta` from the Sphinx configuration."""
    authors = tuple(
        config.citation_authors or [a.strip() for a in str(config.author).split(" and ")]
    )
    base = config.html_baseurl or ""
    if base and not base.endswith("/"):
        base += "/"
    return BookMeta(
        title=config.html_title or config.project,
        authors=authors,
        publication_date=str(config.citation_publication_date),
        publisher=config.citation_publisher,
        version=config.release,
        base_url=base,
        pdf_name=config.citation_pdf_name,
        bibtex_key=config.citation_bibtex_key,
        language=config.language or "en",
    )


def toc_order(env) -> list[str]:
    """Every document reachable from the root, in table-of-contents order (root first)."""
    seen: list[str] = []

    def walk(doc: str) -> None:
        if doc in seen:
            return
        seen.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(env.config.root_doc)
    return seen


class chapter_bibtex(nodes.General, nodes.Element):
    """Placeholder replaced by the BibTeX blocks once every document has been read."""


class ChapterBibtexDirective(Directive):
    """``chapter-bibtex``: BibTeX for the book and each of its chapters."""

    has_content = False

    def run(self):
        env = self.state.document.settings.env
        env.tajik_bibtex_docs = getattr(env, "tajik_bibtex_docs", set()) | {env.docname}
        return [chapter_bibtex()]


def _fill_bibtex(app, doctree, docname):
    env = app.env
    meta = book_meta(app.config)
    suffix = app.builder.out_suffix if hasattr(app.builder, "out_suffix") else ".html"
    chapters = [
        (doc, env.titles[doc].astext(), doc + suffix) for doc in toc_order(env) if doc in env.titles
    ]
    for node in list(doctree.findall(chapter_bibtex)):
        blocks = []
        for entry in bibtex_entries(meta, chapters):
            block = nodes.literal_block(entry, entry)
            block["language"] = "bibtex"
            blocks.append(block)
        node.replace_self(blocks)


def _outdated(app, env, added, changed, removed):
    # The BibTeX page lists every chapter's title: rebuild it whenever any document changes.
    if added or changed or removed:
        return sorted(getattr(env, "tajik_bibtex_docs", set()) & set(env.found_docs))
    return []


def _merge(app, env, docnames, other):
    env.tajik_bibtex_docs = getattr(env, "tajik_bibtex_docs", set()) | getattr(
        other, "tajik_bibtex_docs", set()
    )


def _purge(app, env, docname):
    env.tajik_bibtex_docs = getattr(env, "tajik_bibtex_docs", set()) - {docname}


def _page_context(app, pagename, templatename, context, doctree):
    meta = book_meta(app.config)
    # the chapter number ("1. ") is navigation, not part of the title a citation gives
    title = re.sub(r'<span class="section-number">[^<]*</span>', "", context.get("title") or "")
    title = html.unescape(re.sub(r"<[^>]+>", "", title))
    numbers = app.env.toc_secnumbers.get(pagename, {})
    # the page's own number: under "" or, when a label precedes the title, its anchor
    number = numbers.get("") or (min(numbers.values(), key=len) if numbers else None)
    prefix = ".".join(str(n) for n in number) + ". " if number else None
    if prefix and title.startswith(prefix):
        title = title[len(prefix) :]
    path = pagename + app.builder.out_suffix if hasattr(app.builder, "out_suffix") else ""
    context["metatags"] = context.get("metatags", "") + render_meta(
        citation_meta(meta, title, path)
    )
    # docutils marks each bibliography entry role="doc-biblioentry" inside a role="list": the role
    # is deprecated in ARIA 1.2 and a list must hold listitems (axe: aria-deprecated-role,
    # aria-required-children). The markup is docutils', never the data's.
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _check_version(app, config):
    if config.release != __version__:
        raise ConfigError(
            f"_config.yml gives release {config.release!r} but the package version "
            f"(tajik_peace/__init__.py) is {__version__!r}: run scripts/set_version.py"
        )
    config.version = config.release
    # The title page shows the release date, not the build date, so two builds give the same PDF text.
    if config.citation_publication_date and not config.today:
        config.today = str(config.citation_publication_date)


class DataVerbatim(Transform):
    """Exempt notebook outputs and glued text from smart quotes (they are data, not prose)."""

    default_priority = 700  # before Sphinx's SmartQuotes (750)

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(nodes.Element):
            if _is_data(node):
                node["support_smartquotes"] = False
            if _is_glued(node):
                # Glued strings reach the page unescaped by myst-nb; make them the same visible
                # text as every other value (controls shown, whitespace runs one space).
                # str(), not astext(): astext() drops NUL characters, which docutils uses
                # internally, and the reader would not see that one was there.
                for text in list(node.findall(nodes.Text)):
                    text.parent.replace(text, nodes.Text(plain_text(str(text))))


def _is_glued(node: nodes.Element) -> bool:
    return isinstance(node, nodes.inline) and "pasted-text" in node.get("classes", [])


def _is_data(node: nodes.Element) -> bool:
    # myst-nb marks a cell's outputs and the text of a {glue:text} role this way.
    return node.get("nb_element") == "cell_code_output" or _is_glued(node)


def write_root_redirect(app, exception) -> None:
    """The site's root ``index.html``: a valid HTML5 page (doctype, language, title) that sends the
    reader to the first page, instead of the bare ``<meta>`` line the toc extension writes."""
    if exception is not None or app.builder.format != "html":
        return
    root = app.config.root_doc
    if root == "index":
        return
    target = html.escape(app.builder.get_target_uri(root), quote=True)
    title = html.escape(str(app.config.html_title or app.config.project))
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(app.config.language or "en", quote=True)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        "</head>\n"
        f'<body><p><a href="{target}">{title}</a></p></body>\n'
        "</html>\n"
    )
    (Path(app.outdir) / "index.html").write_text(page, encoding="utf-8")


def write_data_zip(app) -> None:
    """The data package as one zip (``_build/downloads/tajik-peace-data.zip``) for the data page's
    download link: the same bytes for the same files (sorted members, fixed times)."""
    data_dir = resolve_data_dir()
    members = sorted(
        p
        for p in data_dir.rglob("*")
        if p.is_file() and not p.is_symlink() and p.suffix in (".csv", ".json", ".md", ".geojson")
    )
    target = Path(app.srcdir) / DATA_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in members:
            info = zipfile.ZipInfo(
                "data/" + path.relative_to(data_dir).as_posix(), (1980, 1, 1, 0, 0, 0)
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)


def setup(app):
    app.add_config_value("citation_authors", [], "html")
    app.add_config_value("citation_publication_date", "", "env")
    app.add_config_value("citation_publisher", "", "html")
    app.add_config_value("citation_pdf_name", "", "html")
    app.add_config_value("citation_bibtex_key", "book", "html")
    app.add_node(chapter_bibtex)
    app.add_directive("chapter-bibtex", ChapterBibtexDirective)
    app.add_transform(DataVerbatim)
    app.connect("config-inited", _check_version)
    app.connect("builder-inited", write_data_zip)
    app.connect("doctree-resolved", _fill_bibtex)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-merge-info", _merge)
    app.connect("env-purge-doc", _purge)
    app.connect("html-page-context", _page_context)
    # after sphinx_external_toc's own redirect (it writes one only where none exists)
    app.connect("build-finished", write_root_redirect, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
