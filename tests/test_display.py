"""tajik_peace.display: a data value reaches the page as text, whatever it holds."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tajik_peace.display import escape_markdown, markdown_table

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "{download}`../../etc/passwd`",
    r"{math}`\input{/etc/passwd}`",
    "a | b",
    "*x* and _y_ and **z**",
    "[link](http://example.com)",
    "`code` and \\ backslash",
    "line one\nline two",
]

_MD = MarkdownIt("commonmark").enable("table")


def _cells(html: str) -> list[str]:
    """The text of the body cells of the one table in ``html``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return [td.get_text() for td in soup.select("tbody td")]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_cells_render_as_their_own_text(value):
    frame = pd.DataFrame({"a": [value], "b": ["next"]})
    html = _MD.render(markdown_table(frame))
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<em>" not in html
    assert _cells(html) == [" ".join(value.split()), "next"]  # no lost column, no markup


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_round_trips_through_a_table(value):
    frame = pd.DataFrame({"a": [value], "b": ["z"]})
    assert _cells(_MD.render(markdown_table(frame))) == [" ".join(value.split()), "z"]


def test_missing_values_are_empty():
    assert escape_markdown(None) == "" and escape_markdown(float("nan")) == ""
    assert escape_markdown(12) == "12"
