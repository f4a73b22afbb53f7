"""tajik_peace.display: a data value reaches the page as text, whatever it holds."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from tajik_peace import display
from tajik_peace.display import escape_html, escape_markdown, markdown_table, plain_text

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
    # plain_text(value) is " ".join(value.split()) unless value holds a bidi control (see below)
    assert _cells(_MD.render(markdown_table(frame))) == [plain_text(value), "z"]


def test_missing_values_are_empty():
    assert escape_markdown(None) == "" and escape_markdown(float("nan")) == ""
    assert escape_markdown(12) == "12"


# ---- the book's own Markdown parser: MyST with the extensions of _config.yml ----------------

_BOOK_CONFIG = yaml.safe_load(
    (Path(__file__).resolve().parent.parent / "_config.yml").read_text(encoding="utf-8")
)
_MYST = create_md_parser(
    MdParserConfig(enable_extensions=set(_BOOK_CONFIG["parse"]["myst_enable_extensions"])),
    RendererHTML,
)
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Any text (hypothesis leaves out lone surrogates, which no page can hold), with the characters
# that start markup in MyST, HTML and LaTeX drawn far more often than chance would draw them.
TEXT = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(list("|*_`\\<>[](){}$#:!&~^%-+=.\"'\n\t") + ["{{", "}}", ":::", "```"]),
    ),
    max_size=40,
).map("".join)


def _text_only(tokens) -> str:
    """The text of a MyST token stream that holds only text; fails on any markup token."""
    kinds = [t.type for t in tokens]
    children = [c for t in tokens if t.type == "inline" for c in t.children]
    assert all(c.type == "text" for c in children), [c.type for c in children]
    assert set(kinds) <= {"paragraph_open", "inline", "paragraph_close"}, kinds
    return "".join(c.content for c in children)


@given(TEXT)
def test_escaped_text_parses_back_to_itself_in_myst(value):
    assert _text_only(_MYST.parse(escape_markdown(value))) == plain_text(value)


@given(TEXT)
def test_escaped_text_in_emphasis_is_the_text(value):
    """The source line under a table is ``*escaped*``: one emphasis holding exactly the text."""
    if not plain_text(value):
        return  # an empty source line is left out (tested with figures.Table)
    tokens = _MYST.parse(f"*{escape_markdown(value)}*")
    kinds = [c.type for c in tokens[1].children]
    assert kinds == ["em_open", "text", "em_close"]
    assert tokens[1].children[1].content == plain_text(value)


@given(st.lists(TEXT, min_size=1, max_size=4), TEXT)
def test_myst_table_keeps_every_cell_and_column(row, header):
    columns = [f"{header}{i}" for i in range(len(row))]  # distinct, as pandas needs them
    tokens = _MYST.parse(markdown_table(pd.DataFrame([row], columns=columns)))
    cells = {"th_open": [], "td_open": []}
    for opening, inline in itertools.pairwise(tokens):
        if opening.type in cells:
            assert all(c.type == "text" for c in inline.children)
            cells[opening.type].append("".join(c.content for c in inline.children))
    assert cells["th_open"] == [plain_text(c) for c in columns]
    assert cells["td_open"] == [plain_text(v) for v in row]


@given(TEXT)
def test_escaped_html_parses_back_to_itself(value):
    page = f'<p title="{escape_html(value)}">{escape_html(value)}</p>'
    p = BeautifulSoup(page, "html.parser").p
    assert p.find(True) is None  # no element inside: the value made no markup
    assert p.get_text() == plain_text(value) and p["title"] == plain_text(value)


@given(TEXT)
def test_plain_text_is_visible_one_line_text(value):
    shown = plain_text(value)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") or c in _BIDI for c in shown)
    assert shown == " ".join(shown.split())  # one line, single spaces
    assert plain_text(shown) == shown


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp"))))
def test_plain_text_leaves_ordinary_text_alone(value):
    if any(c in _BIDI for c in value):
        return
    assert plain_text(value) == value.strip()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("nul\x00 bell\x07", "nul<U+0000> bell<U+0007>"),
        ("rtl\u202eevil", "rtl<U+202E>evil"),
        ("C1\x9b", "C1<U+009B>"),
        ("tab\tand\r\nbreak", "tab and break"),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),  # ZWNJ kept
    ],
)
def test_invisible_characters_are_shown(value, shown):
    assert plain_text(value) == shown
    assert escape_html(value) == shown.replace("<", "&lt;").replace(">", "&gt;")


def test_column_widths_leave_room_for_the_longest_word():
    frame = pd.DataFrame({"A": ["a", "b"], "Long header": ["Consultations", "x"]})
    widths = display.column_widths(frame)
    assert widths[1] >= len("Consultations") and widths[0] < widths[1]


def test_table_directive_is_a_longtable_of_escaped_cells():
    frame = pd.DataFrame({"A": ["```{include} /etc/passwd"], "B": ["x | y"]})
    md = display.table_directive(frame, caption="Cap *tion*", name="table-x")
    lines = md.splitlines()
    assert lines[0] == r"```{table} Cap \*tion\*"
    assert lines[1] == ":name: table-x" and lines[3] == ":class: longtable"
    assert md.count("```") == 2  # the cell's backticks are escaped and cannot close the fence
    assert r"x \| y" in md


def test_table_directive_refuses_a_name_that_is_not_a_slug():
    with pytest.raises(ValueError, match="table name"):
        display.table_directive(pd.DataFrame({"A": [1]}), name="x\n:class: evil")
