"""Comparing names and words as the sources write them, whatever their typography.

A spelling key ignores case, whitespace, dashes, the style of quotation marks and apostrophes and
a leading "the"; words are compared case-folded, with dashes and quotation marks separating them.
The resolver (:mod:`tajik_peace.names`) and the validator's spelling rule both use these.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

__all__ = [
    "APOSTROPHES",
    "DASHES",
    "QUOTES",
    "contains_words",
    "fold_typography",
    "is_common_noun",
    "normalize",
    "shorten",
    "spelling_key",
    "split_list",
    "stems",
    "words",
]

# Typographic variants the sources use for one character (the Iji text writes ``‘`` for an
# apostrophe and ``―…‖`` for quotation marks; line breaks hyphenate words). One set for the book.
APOSTROPHES = "‘’ʼ`´"
QUOTES = "“”„«»‖―"
DASHES = "-‐‑‒–—−"
_FOLD = str.maketrans(
    {**{c: "'" for c in APOSTROPHES}, **{c: '"' for c in QUOTES}, **{c: "-" for c in DASHES}}
)
_DROP = re.compile(f"[\\s{re.escape(DASHES)}]+")


def fold_typography(text: str) -> str:
    """``text`` with every apostrophe as ``'``, quotation mark as ``"`` and dash as ``-``."""
    return str(text).translate(_FOLD)


def normalize(text: str) -> str:
    """Fold a text to the form in which quotes are compared: typography folded, whitespace and
    dashes dropped (line-break hyphenation, en and em dashes)."""
    return _DROP.sub("", fold_typography(text))


def split_list(value: object) -> list[str]:
    """The items of a ';'-separated list cell ([] for empty, None or NaN), stripped."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if value is pd.NA or value is pd.NaT:
        return []
    return [item.strip() for item in str(value).split(";") if item.strip()]


_EDGES = " \"'.,;:()[]\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2016\u2015"
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def spelling_key(spelling: str) -> str:
    """The form in which spellings are compared ('' for a blank spelling)."""
    text = " ".join(unicodedata.normalize("NFKC", str(spelling or "")).split())
    text = _THE.sub("", text.strip(_EDGES))
    return normalize(text).casefold()


def words(text: str) -> tuple[str, ...]:
    """The words of a spelling or a quotation, case-folded (dashes and quotes separate words)."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", str(text)).casefold()))


#: Endings stripped to compare a common noun with its other forms ("peacekeepers",
#: "peacekeeping"); longest first. Crude on purpose: it is used only for common nouns.
_ENDINGS = ("ings", "ing", "ers", "er", "es", "s")


def stems(text: str) -> tuple[str, ...]:
    """The words of ``text`` without their common English endings."""
    out = []
    for w in words(text):
        for ending in _ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 4:
                w = w[: -len(ending)]
                break
        out.append(w)
    return tuple(out)


def is_common_noun(text: str) -> bool:
    """True for a spelling written without capitals ("peacekeepers", "the opposition")."""
    text = str(text).strip()
    return bool(text) and text == text.lower() and any(c.isalpha() for c in text)


def contains_words(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """True when ``needle`` occurs in ``haystack`` as a run of whole words."""
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


#: What marks a cut in a shortened text.
OMISSION = "[...]"
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z\"(])")


def shorten(text, max_words: int = 30) -> str:
    """``text`` cut to at most ``max_words`` words for a table cell: whole sentences where they fit,
    otherwise the first words; a cut is marked with [...]. Empty for a missing value."""
    if text is None or (isinstance(text, float) and pd.isna(text)) or text is pd.NA:
        return ""
    text = " ".join(str(text).split())
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    if len(text.split()) <= max_words:
        return text
    kept, n = [], 0
    for sentence in _SENTENCE_END.split(text):
        k = len(sentence.split())
        if n + k > max_words:
            break
        kept.append(sentence)
        n += k
    if kept:
        return " ".join(kept) + " " + OMISSION
    words = text.split()[:max_words]
    return " ".join(words).rstrip(",;:") + " " + OMISSION
