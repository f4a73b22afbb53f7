"""names.resolve(): any spelling to its actor or place."""

from __future__ import annotations

import pytest
from pkgtools import add_row, set_cell

from tajik_peace import names
from tajik_peace.data import load_dataset
from tajik_peace.names import AmbiguousName, NameIndex, build_index, resolve
from tajik_peace.text import spelling_key


@pytest.mark.parametrize(
    "spelling,table,rid",
    [
        ("Kurgan-Tyube", "places", "kurgan_tyube"),
        ("kurgan tyube", "places", "kurgan_tyube"),
        ("KURGAN–TYUBE", "places", "kurgan_tyube"),  # en dash
        ("Qurghonteppa", "places", "kurgan_tyube"),  # alias
        ("kurgan_tyube", "places", "kurgan_tyube"),  # id
        ("  the United   Nations ", "actors", "un"),  # leading 'the', spaces
        ("“UN”", "actors", "un"),  # curly quotes around it
        ("Emomali Rahmon", "actors", "rakhmonov"),
        ("Piriz Ballon", "actors", "piriz_ballon"),
        ("Government of Tajikistan", "actors", "tajik_government"),
    ],
)
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


@pytest.mark.parametrize(
    "a,b",
    [
        ("Kurgan-Tyube", "kurgan tyube"),
        ("The UTO", "uto"),
        ("Khoja Akbar Turajonzoda", "khoja akbar  turajonzoda"),
        ("Piriz‐Ballon", "Piriz-Ballon"),
        ("Nuri’s", "Nuri's"),
    ],
)
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
        assert (m.id, m.name, m.table, m.kind, m.spelling, m.how) == (
            "kurgan_tyube",
            "Kurgan-Tyube",
            "places",
            "place",
            "Kurgan-Tyube",
            "exact",
        )
    finally:
        names._default_index.cache_clear()


def test_a_spelling_that_is_part_of_another_name_is_ambiguous(mini_dataset):
    """'Rahmon' is an alias of Rakhmonov and Nabiyev's forename: never a wrong single match."""
    with pytest.raises(AmbiguousName) as info:
        resolve("Rahmon", dataset=mini_dataset)
    got = {(m.id, m.how) for m in info.value.candidates}
    assert got == {("rakhmonov", "exact"), ("nabiyev", "part of 'Rahmon Nabiyev'")}
    assert "is ambiguous" in str(info.value) and "Rahmon Nabiyev" in str(info.value)
    # a fuller spelling is not ambiguous
    assert resolve("Emomali Rahmon", dataset=mini_dataset).id == "rakhmonov"


def test_context_names_the_sources_that_use_the_spelling(mini_dataset):
    m = resolve("Nabiyev", dataset=mini_dataset)
    assert "'Nabiyev' for it in Adamishin (2012), para. 3" in m.context


def test_adjectives_resolve_to_the_place_and_its_people(mini_package):
    add_row(
        mini_package,
        "places",
        place_id="kulob",
        name="Kulob",
        aliases="Kulob;Kulyab",
        kind="region",
        country="Tajikistan",
        latitude="37.9",
        longitude="69.8",
        coordinate_precision="0.5",
        inferred="latitude;longitude;coordinate_precision",
        notes="Coordinates are the coder's.",
    )
    add_row(
        mini_package,
        "attestations",
        attestation_id="places-kulob-1",
        table="places",
        record_id="kulob",
        fields="name;kind;country",
        source_id="iji",
        locator="The Civil War in Tajikistan",
        quote="the southern region of Kulyab",
    )
    add_row(
        mini_package,
        "actors",
        actor_id="kulyabis",
        name="Kulobis",
        aliases="Kulyabis",
        kind="region",
        description="Faction from Kulob.",
    )
    add_row(
        mini_package,
        "attestations",
        attestation_id="actors-kulyabis-1",
        table="actors",
        record_id="kulyabis",
        fields="name;kind;description",
        source_id="iji",
        locator="The Civil War in Tajikistan",
        quote="the Kulyabis",
    )
    ds = load_dataset(mini_package)
    found = {(m.table, m.id, m.how) for m in build_index(ds).candidates("Kulyabi")}
    assert found == {
        ("places", "kulob", "adjective of 'Kulyab'"),
        ("actors", "kulyabis", "adjective of 'Kulyabis'"),
    }
    assert resolve("Kulyabi", kind="place", dataset=ds).id == "kulob"


def test_a_common_noun_lists_every_body_named_with_a_form_of_it(mini_package):
    """'peacekeepers' is the CIS force in Adamishin, but Iji also has UN peacekeeping forces."""
    add_row(
        mini_package,
        "actors",
        actor_id="cis_force",
        name="CIS peacekeeping forces",
        aliases="peacekeepers",
        kind="armed_group",
        description="The CIS force.",
    )
    add_row(
        mini_package,
        "actors",
        actor_id="un_force",
        name="UN peacekeeping forces (proposed)",
        kind="armed_group",
        description="A proposed UN force.",
    )
    for rid, quote in (("cis_force", "the peacekeepers"), ("un_force", "UN peacekeeping forces")):
        add_row(
            mini_package,
            "attestations",
            attestation_id=f"actors-{rid}-1",
            table="actors",
            record_id=rid,
            fields="name;kind;description",
            source_id="iji",
            locator="The Civil War in Tajikistan",
            quote=quote,
        )
    ds = load_dataset(mini_package)
    found = {(m.id, m.how) for m in build_index(ds).candidates("peacekeepers")}
    assert found == {
        ("cis_force", "exact"),
        ("un_force", "related to 'UN peacekeeping forces (proposed)'"),
    }
    with pytest.raises(AmbiguousName):
        resolve("peacekeepers", dataset=ds)
    # a proper name is not matched by the forms of its words
    assert resolve("CIS peacekeeping forces", dataset=ds).id == "cis_force"
