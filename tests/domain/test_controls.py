"""Control characters separate words, never glue them (domain/controls.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.domain.controls import has_controls, without_controls
from connect_cli.domain.drafts import plain_name
from connect_cli.domain.folding import index_terms


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("\x1b[31mred\x1b[0m", " red "),
        ("\x9b1mbold", " bold"),
        ("\x1b]0;title\x07after", " after"),
        ("a\x07b\x00c\x7fd\x85e", "a b c d e"),
        ("tab\tand\nline", "tab and line"),
        ("plain text, Zoë 🎉", "plain text, Zoë 🎉"),
    ],
)
def test_without_controls(text: str, plain: str) -> None:
    assert without_controls(text) == plain


def test_has_controls_keeps_tab_and_newline_as_text() -> None:
    assert not has_controls("a\tb\nc") and has_controls("a\x1bb") and has_controls("a\x9bb")


@given(st.text(max_size=40))
def test_a_plain_name_has_no_control_and_no_stray_space(text: str) -> None:
    name = plain_name(text)
    assert not has_controls(name) and "\t" not in name and "\n" not in name
    assert name == name.strip() and "  " not in name


def test_the_index_holds_the_words_a_colour_code_would_glue() -> None:
    assert index_terms("Saw the \x1b[31mred\x1b[0m car").split() == ["saw", "the", "red", "car"]
    assert index_terms("Saw the red car") == ""  # plain prose: unicode61 alone finds it
