"""Comparing names and words as the sources write them, whatever their typography.

A spelling key ignores case, whitespace, dashes, the style of quotation marks and apostrophes and
a leading "the"; words are compared case-folded, with dashes and quotation marks separating them.
The resolver (:mod:`tajik_peace.names`) and the validator's spelling rule both use these.
"""
from __future__ import annotations

import re
import unicodedata

from .sources import normalize

__all__ = ["spelling_key", "words", "contains_words"]

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


def contains_words(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    """True when ``needle`` occurs in ``haystack`` as a run of whole words."""
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))
