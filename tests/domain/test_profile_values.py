"""The $EDITOR profile text: render -> parse is the identity for any profile (issue #12, item 2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.core.profile_text import MULTI, SCALARS, items_to_text, parse_profile_text
from connect_cli.core.profile_values import value_from_text, value_lines
from connect_cli.domain.errors import InputError

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
HAND_PICKED = st.sampled_from(
    [
        "",
        " ",
        "Acme\ntag: vip",
        "Kids: Sam\nemail: s@k.example",
        "# not a comment",
        '"quoted"',
        "a\\nb",
        "| x",
        "x\n| y",
        "x\n\n  y",
        "trailing ",
        "\r\n",
        "\u2028",
        "\x85",
        "é\x00",
        "a:b",
    ]
)
VALUES = st.one_of(ANY_TEXT, HAND_PICKED)


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, list[str]]:
    items = {key: draw(st.lists(VALUES, max_size=1)) for key in SCALARS}
    items["name"] = [draw(VALUES)]
    items.update({key: draw(st.lists(VALUES, max_size=3)) for key in MULTI})
    return items


@given(profiles())
def test_render_then_parse_is_the_identity(items: dict[str, list[str]]) -> None:
    assert parse_profile_text(items_to_text(items)) == items


@given(VALUES)
def test_every_value_reads_back_exactly(value: str) -> None:
    first, *rest = value_lines(value)
    assert all(line.isprintable() for line in (first, *rest))  # nothing an editor could mangle
    parsed = parse_profile_text(f"name: {first}\n" + "".join(f"{line}\n" for line in rest))
    assert parsed["name"] == [value]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Acme", ["Acme"]),
        ("Acme\ntag: vip", ["Acme", "| tag: vip"]),
        ("one\n\n  indented", ["one", "|", "|   indented"]),
        (" padded ", ['" padded "']),
        ("", ['""']),
        ("tab\there", ['"tab\\there"']),
    ],
)
def test_values_stay_pleasant_to_edit(value: str, shown: list[str]) -> None:
    assert value_lines(value) == shown


def test_a_hand_written_continuation_and_an_unclosed_quote() -> None:
    parsed = parse_profile_text('name: Sam\nneed: first\n|second\n   | third\nfact: "x\\ny"\n')
    assert parsed["need"] == ["first\nsecond\nthird"] and parsed["fact"] == ["x\ny"]
    with pytest.raises(InputError, match="Line 2"):
        parse_profile_text('name: Sam\ncompany: "Acme\n')
    with pytest.raises(InputError, match="Line 1"):
        parse_profile_text("| orphan\nname: Sam\n")
    assert value_from_text("   ", 1) is None
