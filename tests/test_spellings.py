"""Finding spellings in texts (tajik_peace.spellings): whole words, any case, not inside a longer
spelling of another record."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tajik_peace.spellings import occurrences, spelling_pattern


def test_case_line_breaks_and_typography_do_not_hide_a_spelling():
    found = occurrences({"kulob": ["Kulob"]}, {"a": "the KULOB\nmilitia", "b": "Kulyab"})
    assert found[("kulob", "Kulob")] == {"a"}


def test_a_spelling_inside_a_longer_one_of_another_record_is_not_counted():
    spellings = {
        "irp": ["IRP"],
        "irpt": ["IRPT"],
        "city": ["Leninabad"],
        "region": ["Leninabad region"],
    }
    texts = {"a": "the IRPT and the Leninabad region", "b": "the IRP in Leninabad"}
    found = occurrences(spellings, texts)
    assert found[("irp", "IRP")] == {"b"}  # not inside 'IRPT' (a whole word), nor in text a
    assert found[("city", "Leninabad")] == {"b"}  # in a only as part of 'Leninabad region'
    assert found[("region", "Leninabad region")] == {"a"}


@given(
    st.lists(
        st.sampled_from(["Gharm", "Garm", "gharm", "Kulob", "Kulyab", "Pamir", "the"]), max_size=8
    ),
    st.sampled_from(["Gharm", "Kulob", "Pamir", "Garm"]),
)
def test_a_found_spelling_is_one_the_regular_expression_finds(words, spelling):
    """The cheap substring test only skips texts where the expression cannot match."""
    text = " ".join(words)
    found = occurrences({"x": [spelling]}, {"t": text})[("x", spelling)]
    assert (found == {"t"}) == bool(spelling_pattern(spelling).search(text))
