"""Data values on a page: always text, never markup.

Tables of the book are Markdown that MyST parses, so a value from the data could otherwise act as
markup: a ``|`` would split a row, ``*x*`` would turn italic, a role such as ``{download}`` or
raw HTML would run. :func:`escape_markdown` backslash-escapes every ASCII punctuation character
(CommonMark treats an escaped punctuation character as that literal character, whatever it is)
and turns line breaks into spaces, so a cell reaches the reader exactly as it stands in the data.
"""

from __future__ import annotations

import string

import pandas as pd

__all__ = ["escape_markdown", "markdown_table"]

_ESCAPE = {ord(c): "\\" + c for c in string.punctuation}


def escape_markdown(value) -> str:
    """``value`` as literal Markdown text: punctuation escaped, whitespace runs made one space."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return " ".join(str(value).split()).translate(_ESCAPE)


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table of ``frame`` (no index) whose every header and cell is escaped text."""
    columns = [escape_markdown(c) for c in frame.columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for row in frame.itertuples(index=False):
        lines.append("| " + " | ".join(escape_markdown(v) for v in row) + " |")
    return "\n".join(lines)
