"""Data values on a page: always text, never markup.

A value from the data reaches a reader through one of three formats, and in each of them it could
otherwise act as markup: MyST Markdown (the book's tables and lists are Markdown outputs that MyST
parses, so a ``|`` would split a row, ``*x*`` would turn italic, and a role such as ``{download}``,
a directive, a substitution or raw HTML would run), HTML (the record browser of the data page) and
LaTeX (which Sphinx writes from the parsed Markdown; it escapes text nodes, so a value that stays
text in MyST stays text in the PDF).

This module is the one place where a value becomes text for a page:

- :func:`plain_text` is what the reader sees: missing values are empty, runs of whitespace (line
  breaks included) are one space, and invisible control characters (C0/C1 controls, lone
  surrogates, bidirectional overrides that could reorder what is shown) are written out visibly as
  ``<U+XXXX>``, so they can neither break the LaTeX run nor hide or spoof text;
- :func:`escape_markdown` is :func:`plain_text` with every ASCII punctuation character
  backslash-escaped (CommonMark, and so MyST, reads an escaped punctuation character as that
  literal character, whatever it is), so no character can start markup;
- :func:`escape_html` is :func:`plain_text` through :func:`html.escape` (quotes included, so it
  is safe in attribute values too);
- :func:`markdown_table` builds a pipe table from escaped headers and cells only.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata

import pandas as pd

__all__ = [
    "column_widths",
    "escape_html",
    "escape_markdown",
    "markdown_table",
    "plain_text",
    "table_directive",
]

_ESCAPE = {ord(c): "\\" + c for c in string.punctuation}
# Explicit bidirectional embeddings, overrides and isolates ("Trojan Source"): they reorder the
# text around them. Marks such as ZWNJ, which Persian spelling uses, are left alone.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _visible(char: str) -> str:
    if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs"):
        return f"<U+{ord(char):04X}>"
    return char


def plain_text(value) -> str:
    """``value`` as the one line of visible text a reader is shown (see the module docstring)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    # split() first: whitespace controls (tab, line breaks, U+001C-U+001F) become one space.
    return "".join(_visible(c) for c in " ".join(str(value).split()))


def escape_markdown(value) -> str:
    """``value`` as literal MyST Markdown text: :func:`plain_text`, every punctuation escaped."""
    return plain_text(value).translate(_ESCAPE)


def escape_html(value) -> str:
    """``value`` as literal HTML text, also safe inside a quoted attribute value."""
    return html.escape(plain_text(value), quote=True)


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table of ``frame`` (no index) whose every header and cell is escaped text."""
    columns = [escape_markdown(c) for c in frame.columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(escape_markdown(v) for v in row) + " |")
    return "\n".join(lines)


def column_widths(frame: pd.DataFrame) -> list[int]:
    """Relative column widths for print: a column gets room for its longest word (which cannot be
    broken) or its typical cell, whichever is more, so no column runs past the margin."""
    widths = []
    for name in frame.columns:
        cells = [plain_text(name), *(plain_text(v) for v in frame[name])]
        longest_word = max((len(w) for c in cells for w in c.split()), default=1)
        typical = sum(len(c) for c in cells) / len(cells)
        widths.append(max(longest_word, min(round(typical), 40)) + 2)
    return widths


def table_directive(
    frame: pd.DataFrame, caption: str | None = None, name: str | None = None
) -> str:
    """``frame`` as a MyST ``{table}`` of escaped cells: in the PDF a longtable with these column
    widths, which keeps to the margins and breaks across pages instead of running into the footer.
    With a caption it is numbered, in the HTML and the PDF alike."""
    title = f" {escape_markdown(caption)}" if caption else ""
    options = [f":widths: {' '.join(str(w) for w in column_widths(frame))}", ":class: longtable"]
    if name:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
            raise ValueError(f"table name {name!r}: use lower-case words joined by hyphens")
        options.insert(0, f":name: {name}")
    body = markdown_table(frame)
    return "```{table}" + title + "\n" + "\n".join(options) + "\n\n" + body + "\n```\n"
