"""tajik_peace.sources: normalisation, word counts, SOURCES_DIR, SourceText and its locators."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import DATA_DIR

from tajik_peace import sources as S
from tajik_peace.sources import SourcesUnavailable, SourceText, normalize, word_count


@pytest.mark.parametrize(
    "a,b",
    [
        ("the government‘s position", "the government's position"),
        ("―valid spokesperson‖", '"valid spokesperson"'),
        ("Piriz-\nBallon", "Piriz-Ballon"),
        ("12–17 September", "12-17 September"),
        ("power-\nsharing", "power sharing"),
        ("a  b\n\tc", "a b c"),
    ],
)
def test_normalize_folds_typography(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("a,b", [("Nuri", "nuri"), ("form", "from"), ("1994", "1995")])
def test_normalize_keeps_words_and_case(a, b):
    assert normalize(a) != normalize(b)


@pytest.mark.parametrize(
    "quote,n",
    [
        ("one two three", 3),
        ("fifty-five thousand", 2),
        ("Tajikistan – and all", 3),
        ("  spaced   out  ", 2),
        ("", 0),
    ],
)
def test_word_count(quote, n):
    assert word_count(quote) == n


def test_sources_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCES_DIR", raising=False)
    assert S.sources_dir(required=False) is None
    with pytest.raises(SourcesUnavailable, match="not set"):
        S.sources_dir()
    monkeypatch.setenv("SOURCES_DIR", str(tmp_path / "missing"))
    assert S.sources_dir(required=False) is None
    with pytest.raises(SourcesUnavailable, match="not a directory"):
        S.sources_dir()
    monkeypatch.setenv("SOURCES_DIR", str(tmp_path))
    assert S.sources_dir() == tmp_path


@pytest.fixture
def paragraphs_text(tmp_path) -> Path:
    path = tmp_path / "memo.txt"
    path.write_text(
        "Title\nAuthor\n\nFirst body paragraph about Dushanbe.\n\n"
        "Second one – with a dash and Kozyrev’s apostrophe.\nThird.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def headings_text(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(
        " Abstract \nShort summary.\n Introduction \nThe talks be-\ngan in Moscow.\n"
        "Conclusions: Outcome\nPeace came in June 1997.\n",
        encoding="utf-8",
    )
    return path


def test_paragraph_scheme(paragraphs_text):
    st = SourceText.load("memo", paragraphs_text, "paragraphs", front_matter=2)
    assert list(st.sections) == ["para. 1", "para. 2", "para. 3"]
    assert st.section_of("para. 2") == "para. 2"
    assert st.section_of("para. 4") is None and st.section_of("paragraph 2") is None
    assert st.contains_at("Kozyrev's apostrophe", "para. 2")
    assert not st.contains_at("Kozyrev's apostrophe", "para. 1")
    assert st.contains("with a dash") and st.locate("with a dash") == ["para. 2"]
    assert not st.contains("") and not st.contains_at("", "para. 1")


def test_headings_scheme(headings_text):
    st = SourceText.load(
        "art", headings_text, "headings", ["Abstract", "Introduction", "Conclusions: Outcome"]
    )
    assert st.section_of("Introduction") == "Introduction"
    assert st.section_of("Introduction, p. 2") == "Introduction"
    assert st.section_of("Intro") is None
    assert st.contains_at("The talks began in Moscow", "Introduction")  # hyphenated line break
    assert not st.contains_at("The talks began in Moscow", "Abstract")
    assert st.locate("Peace came") == ["Conclusions: Outcome"]
    assert "Short summary" not in st.sections["Introduction"]


def test_headings_must_each_stand_once_in_order(headings_text, tmp_path):
    with pytest.raises(ValueError, match="stands on 0 lines"):
        SourceText.load("art", headings_text, "headings", ["Abstract", "Missing"])
    with pytest.raises(ValueError, match="not listed in the order"):
        SourceText.load("art", headings_text, "headings", ["Introduction", "Abstract"])
    doubled = tmp_path / "twice.txt"
    doubled.write_text("Intro\nx\nIntro\ny\n", encoding="utf-8")
    with pytest.raises(ValueError, match="stands on 2 lines"):
        SourceText.load("t", doubled, "headings", ["Intro"])


def test_unknown_scheme(paragraphs_text):
    with pytest.raises(ValueError, match="unknown locator scheme"):
        SourceText.load("memo", paragraphs_text, "pages")


def test_from_record_and_load_texts(paragraphs_text):
    record = {
        "source_id": "memo",
        "text_file": paragraphs_text.name,
        "locator_scheme": "paragraphs",
        "sections": "",
        "front_matter_paragraphs": "2",
    }
    st = SourceText.from_record(record, paragraphs_text.parent)
    assert st.source_id == "memo" and len(st.sections) == 3
    texts = S.load_texts([record, {"source_id": "cited", "text_file": ""}], paragraphs_text.parent)
    assert list(texts) == ["memo"]
    with pytest.raises(SourcesUnavailable, match="names no text_file"):
        SourceText.from_record(
            {"source_id": "cited", "text_file": float("nan")}, paragraphs_text.parent
        )
    with pytest.raises(SourcesUnavailable, match="is not in"):
        SourceText.from_record({**record, "text_file": "gone.txt"}, paragraphs_text.parent)


def test_load_texts_needs_sources_dir(monkeypatch):
    monkeypatch.delenv("SOURCES_DIR", raising=False)
    with pytest.raises(SourcesUnavailable):
        S.load_texts([{"source_id": "x", "text_file": "x.txt"}])


def _source_rows():
    with open(DATA_DIR / "sources.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.sources
def test_real_texts_split_as_sources_csv_says(sources_path):
    texts = S.load_texts(_source_rows(), sources_path)
    iji, adamishin = texts["iji"], texts["adamishin2012"]
    assert next(iter(iji.sections)) == "Abstract" and len(iji.sections) == 9
    assert all(iji.sections[h].strip() for h in iji.sections)
    assert adamishin.sections["para. 1"].startswith("The summer of 2012 witnessed")
    assert adamishin.contains_at(
        "It was a real breakthrough when Tajik-Tajik talks began in Moscow", "para. 47"
    )
    assert iji.contains_at(
        "a ―valid spokesperson‖ for the opposition side",
        "Lead-up to Negotiations: The Diagnostic Phase",
    )
    assert iji.contains_at(
        'a "valid spokesperson" for the opposition side',
        "Lead-up to Negotiations: The Diagnostic Phase",
    )
