"""The one folding of human text (connect_cli/folding.py): what counts as the same letters, how CJK
text becomes search terms, regular English inflection, and names in their own order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.domain.folding import (
    bigrams,
    fold,
    index_terms,
    inflections,
    ordered_name,
    query_tokens,
    stem,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Łukasz Wójcik", "lukasz wojcik"),
        ("Ingrid Sørensen", "ingrid sorensen"),
        ("Bjørn", "bjorn"),
        ("Đorđe", "dorde"),
        ("Straße", "strasse"),
        ("Æsa Œuvre Þór", "aesa oeuvre thor"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),  # the typographic apostrophe too
        ("Mary-Jane", "mary jane"),
        ("ＪＯＨＮ", "john"),  # full-width
        ("Иван", "ivan"),
        ("山田太郎", "山田太郎"),  # CJK is kept: search cuts it into bigrams
        ("김민준", "김민준"),
        ("555-0100", "555-0100"),  # a hyphen between digits stays
        ("rock 'n' roll", "rock 'n' roll"),  # only an apostrophe between letters goes
        ("6 × 7", "6 × 7"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@settings(max_examples=1000)
@given(st.text(max_size=30))
def test_fold_is_idempotent_and_trimmed(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip() and "  " not in once


def test_cjk_runs_become_bigrams_with_their_last_character() -> None:
    assert bigrams("東京都") == ["東京", "京都"]
    assert bigrams("田") == ["田"]
    assert index_terms("山田太郎").split() == ["山田", "田太", "太郎", "郎"]
    assert query_tokens("咖啡店") == ["咖啡", "啡店"]
    terms = index_terms("昨日東京で田中さんと会って").split()
    assert {"東京", "田中"} <= set(terms)


def test_plain_ascii_needs_no_extra_terms() -> None:
    assert index_terms("Coffee with Linda about the fintech round") == ""
    assert index_terms("O'Brien's car").split() == ["obriens", "obrien"]
    assert index_terms("Sørensen").split() == ["sorensen"]
    assert index_terms("+1 (555) 010-0100", digits=True) == "15550100100 5550100100"


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("engineers", "engineer"),
        ("engineering", "engineer"),
        ("engine", "engine"),  # derivation is not inflection
        ("porsches", "porsche"),
        ("cities", "citi"),
        ("city", "citi"),
        ("stopped", "stop"),
        ("hoping", "hope"),
        ("bus", "bus"),
        ("łódź", "łódź"),
    ],
)
def test_stem(word: str, root: str) -> None:
    assert stem(word) == root


def test_inflections_share_the_stem() -> None:
    assert "engineer" in inflections("engineers")
    assert "engineers" in inflections("engineer")
    assert "porsche" in inflections("porsches")
    assert "city" in inflections("cities")
    assert "engine" not in inflections("engineers")
    assert inflections("tea") == []


@pytest.mark.parametrize(
    ("given_", "family", "middle", "name"),
    [
        ("小明", "王", "", "王小明"),
        ("太郎", "山田", "", "山田太郎"),
        ("민준", "김", "", "김민준"),
        ("Ann", "Lee", "B.", "Ann B. Lee"),
        ("Ann", "", "", "Ann"),
        ("", "Lee", "", "Lee"),
    ],
)
def test_names_in_their_own_order(given_: str, family: str, middle: str, name: str) -> None:
    assert ordered_name(given_, family, middle) == name
