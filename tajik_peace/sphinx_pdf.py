"""The PDF's title page and document metadata, derived from the book's configuration.

Nothing here is typed twice: the title, authors, version, publication date and web address come
from ``_config.yml`` (``title``, ``author``, ``release``, ``citation_publication_date``,
``html.baseurl``), so the title page and the PDF's Info dictionary (title, author, subject,
keywords) always agree with the HTML and the citation files. The date is the book's publication
date, not the build date, so two builds give the same title page.
"""

from __future__ import annotations

from sphinx.util.texescape import escape


def _tex(value) -> str:
    return escape(str(value))


def title_page(config) -> str:
    """The LaTeX of the title page."""
    title, author = config.html_title, config.author
    main, _, sub = str(title).partition(": ")
    date = config.citation_publication_date
    url = config.html_baseurl
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{3cm}}
  {{\Huge\bfseries {_tex(main)}\par}}
  \vspace{{0.5cm}}
  {{\LARGE {_tex(sub)}\par}}
  \vspace{{1.5cm}}
  {{\Large {_tex(author)}\par}}
  \vspace{{1cm}}
  {{\large {_tex(config.latex_elements.get("releasename", "Release"))} {_tex(config.release)}\par}}
  {{\large {_tex(date)}\par}}
  \vfill
  \begin{{minipage}}{{0.85\textwidth}}\small
    \textbf{{Licence.}} {_tex(config.pdf_licence)}\par\medskip
    \textbf{{How to cite.}} {_tex(author)} ({_tex(str(date)[:4])}). \emph{{{_tex(title)}}}.
    Version {_tex(config.release)}. \url{{{url}}}. The chapter “How to cite” gives BibTeX
    for the book and for each chapter.
  \end{{minipage}}
\end{{titlepage}}
"""


def metadata(config) -> str:
    """``\\hypersetup`` with the PDF's title, author, subject and keywords."""
    title, author = config.html_title, config.author
    keywords = ", ".join(config.pdf_keywords)
    return (
        r"\AtBeginDocument{\hypersetup{"
        f"pdftitle={{{_tex(title)}}}, pdfauthor={{{_tex(author)}}}, "
        f"pdfsubject={{{_tex(config.pdf_subject)}}}, pdfkeywords={{{_tex(keywords)}}}"
        "}}"
    )


def configure(app) -> None:
    # Jupyter Book fills in latex_documents only after Sphinx has started, and the LaTeX builder
    # copies latex_elements into its context when it starts: so set the builder's context here,
    # from html_title and author (Jupyter Book sets both from _config.yml's title and author).
    if app.builder.name != "latex":
        return
    context = app.builder.context
    context["maketitle"] = title_page(app.config)
    context["preamble"] = context.get("preamble", "") + "\n" + metadata(app.config) + "\n"


def setup(app):
    app.add_config_value("pdf_subject", "", "env")
    app.add_config_value("pdf_keywords", [], "env")
    app.add_config_value("pdf_licence", "", "env")
    app.connect("builder-inited", configure, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
