"""names.resolve(): any spelling to its actor or place."""
from __future__ import annotations

import pytest

from pkgtools import set_cell
from tajik_peace import names
from tajik_peace.data import load_dataset
from tajik_peace.names import Match, NameIndex, build_index, resolve, spelling_key


@pytest.mark.parametrize("spelling,table,rid", [
    ("Kurgan-Tyube", "places", "kurgan_tyube"),
    ("kurgan tyube", "places", "kurgan_tyube"),
    ("KURGAN–TYUBE", "places", "kurgan_tyube"),        # en dash
    ("Qurghonteppa", "places", "kurgan_tyube"),         # alias
    ("kurgan_tyube", "places", "kurgan_tyube"),         # id
    ("  the United   Nations ", "actors", "un"),        # leading 'the', spaces
    ("“UN”", "actors", "un"),                           # curly quotes around it
    ("Rahmon", "actors", "rakhmonov"),
    ("Emomali Rahmon", "actors", "rakhmonov"),
    ("Piriz Ballon", "actors", "piriz_ballon"),
    ("Government of Tajikistan", "actors", "tajik_government"),
])
def test_resolve(mini_dataset, spelling, table, rid):
    m = resolve(spelling, dataset=mini_dataset)
    assert (m.table, m.id) == (table, rid)
    assert m.kind == table[:-1]
    assert m.name == mini_dataset[table].loc[rid, "name"]


def test_match_str(mini_dataset):
    assert str(resolve("Dushanbe", dataset=mini_dataset)) == "place dushanbe (Dushanbe)"


def test_unknown_spelling_suggests(mini_dataset):
    with pytest.raises(LookupError) as info:
        resolve("Nabiev", dataset=mini_dataset)
    msg = str(info.value)
    assert "'Nabiev' is not the spelling" in msg
    assert "did you mean" in msg and "(actor nabiyev)" in msg


def test_unknown_spelling_without_suggestion(mini_dataset):
    with pytest.raises(LookupError) as info:
        resolve("Zanzibar", dataset=mini_dataset)
    assert "did you mean" not in str(info.value)


def test_kind_restricts(mini_dataset):
    assert resolve("Tehran", kind="place", dataset=mini_dataset).id == "tehran"
    with pytest.raises(LookupError, match="not the spelling of an actor"):
        resolve("Tehran", kind="actor", dataset=mini_dataset)
    assert resolve("UTO", kind="actors", dataset=mini_dataset).id == "uto"
    with pytest.raises(ValueError, match="kind must be"):
        resolve("UTO", kind="person", dataset=mini_dataset)


def test_ambiguous_across_actors_and_places(mini_package):
    set_cell(mini_package, "actors", 5, "aliases", "Russia;Moscow")
    ds = load_dataset(mini_package)
    with pytest.raises(LookupError) as info:
        resolve("moscow", dataset=ds)
    msg = str(info.value)
    assert "ambiguous" in msg and "actor russia (Russia)" in msg and "place moscow (Moscow)" in msg
    assert resolve("Moscow", kind="actor", dataset=ds).id == "russia"
    assert resolve("Moscow", kind="place", dataset=ds).id == "moscow"


@pytest.mark.parametrize("a,b", [
    ("Kurgan-Tyube", "kurgan tyube"), ("The UTO", "uto"), ("Khoja Akbar Turajonzoda", "khoja akbar  turajonzoda"),
    ("Piriz‐Ballon", "Piriz-Ballon"), ("Nuri’s", "Nuri's"),
])
def test_spelling_key_equal(a, b):
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize("a,b", [("Nuri", "Nabiyev"), ("Theran", "Tehran"), ("UN", "UTO")])
def test_spelling_key_different(a, b):
    assert spelling_key(a) != spelling_key(b)


def test_leading_the_only(mini_dataset):
    assert spelling_key("Theodore") == "theodore"
    assert spelling_key("the") == "the"
    assert spelling_key("  ") == ""


def test_index_is_built_once_per_dataset(mini_dataset):
    assert build_index(mini_dataset) is build_index(mini_dataset)
    index = build_index(mini_dataset)
    assert isinstance(index, NameIndex) and len(index) > 20
    assert index.candidates("nothing") == []


def test_default_dataset_from_env(monkeypatch, mini_package):
    monkeypatch.setenv("TAJIK_PEACE_DATA", str(mini_package))
    names._default_index.cache_clear()
    try:
        m = resolve("Kurgan-Tyube")
        assert m == Match("kurgan_tyube", "Kurgan-Tyube", "places", "place", "Kurgan-Tyube")
    finally:
        names._default_index.cache_clear()
