"""BibTeX for the book and its chapters, written by pybtex.

Field values are plain text (a chapter title, the publisher) and are escaped here so that BibTeX and
LaTeX read them back as the same text:

- pybtex's writer escapes ``& % # _ ~`` and checks that braces balance, through latexcodec; but it
  passes ``\\ { } ^ $`` through as LaTeX markup, so :func:`latex_text` turns those into text
  commands first (``\\textbraceleft{}`` rather than ``\\{``: BibTeX counts braces even after a
  backslash, so ``\\{`` alone would unbalance the entry);
- ``url`` is verbatim (the ``url`` package reads it raw): only braces are refused there.

Authors are pybtex persons: "Surname, Forename" is a person, a name without a comma is a body
(corporate author), which BibTeX must see as one unit, so it is wrapped in braces.
"""

from __future__ import annotations

import io

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

#: Characters latexcodec leaves alone as LaTeX markup, as text commands.
_MARKUP = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "^": r"\textasciicircum{}",
        "$": r"\$",
    }
)
#: Fields BibTeX styles read verbatim: not LaTeX-escaped.
VERBATIM_FIELDS = frozenset({"url", "doi"})


def latex_text(text: str) -> str:
    """``text`` with the characters pybtex passes through as markup turned into text commands."""
    return text.translate(_MARKUP)


class _Writer(Writer):
    """pybtex's BibTeX writer, leaving verbatim fields unescaped."""

    def _write_field(self, stream, type, value):
        if type.lower() in VERBATIM_FIELDS:
            if "{" in value or "}" in value or '"' in value:
                raise ValueError(f"{type} may not contain braces or quotes: {value!r}")
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, value)


def person(name: str) -> Person:
    return Person(name if "," in name else "{" + name + "}")


def bibtex_entry(
    kind: str, key: str, fields: list[tuple[str, str]], authors: list[str] = ()
) -> str:
    """One BibTeX entry; empty fields are left out; values are plain text (escaped here)."""
    entry = Entry(
        kind,
        fields=[
            (name, value if name.lower() in VERBATIM_FIELDS else latex_text(value))
            for name, value in fields
            if value
        ],
        persons={"author": [person(a) for a in authors]} if authors else None,
    )
    out = io.StringIO()
    _Writer(encoding="UTF-8").write_stream(BibliographyData(entries={key: entry}), out)
    return out.getvalue().strip()
