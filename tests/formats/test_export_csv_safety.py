"""The pure CSV helpers: formula neutralising and multi-valued cells, both exactly reversible."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.formats.csv_safety import (
    DANGEROUS,
    join_labelled,
    join_values,
    neutralise_cell,
    restore_cell,
    split_labelled,
    split_values,
)

# Text biased towards the characters the schemes care about.
tricky = st.text(
    alphabet=st.sampled_from(list("'=+-@\t\r\\|= ab,\"\n\u00e9\U0001f600")) | st.characters()
)


@pytest.mark.parametrize(
    ("given_text", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 415 555 0100", "'+1 415 555 0100"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("''+1", "'''+1"),
        ("'tis", "'tis"),
        ("'", "'"),
        ("", ""),
        ("plain", "plain"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_cell_table(given_text: str, written: str) -> None:
    assert neutralise_cell(given_text) == written
    assert restore_cell(written) == given_text


@given(tricky)
def test_restore_undoes_neutralise_for_every_string(text: str) -> None:
    assert restore_cell(neutralise_cell(text)) == text


@given(tricky)
def test_a_neutralised_cell_never_starts_a_formula(text: str) -> None:
    cell = neutralise_cell(text)
    assert not cell or cell[0] not in DANGEROUS


@given(st.lists(tricky.filter(bool), max_size=5))
def test_split_values_undoes_join_values(items: list[str]) -> None:
    assert split_values(join_values(items)) == items


@given(st.lists(st.tuples(st.none() | tricky, tricky.filter(bool)), max_size=5))
def test_split_labelled_undoes_join_labelled(pairs: list[tuple[str | None, str]]) -> None:
    assert split_labelled(join_labelled(pairs)) == pairs


def test_multi_value_cells_read_naturally() -> None:
    assert join_values(["client", "fintech"]) == "client | fintech"
    assert join_labelled([("work", "a@b.com"), (None, "c@d.org")]) == "work=a@b.com | c@d.org"
    assert join_labelled([("linkedin", "https://x.com/?a=1")]) == "linkedin=https://x.com/?a\\=1"
