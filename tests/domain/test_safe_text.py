"""safe_text: user text can never drive the terminal, and ordinary text is left alone."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from connect_cli.domain.safe_text import ELLIPSIS, is_dangerous, one_line, visible


def forbidden(char: str) -> bool:
    """The spec, written independently of the module's regex."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or code in {0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF}
        or 0x202A <= code <= 0x202E
        or 0x2060 <= code <= 0x2064
        or 0x2066 <= code <= 0x206F
        or 0xFFF9 <= code <= 0xFFFB
        or 0xD800 <= code <= 0xDFFF
    )


NASTY = [chr(c) for c in range(0x110000) if forbidden(chr(c)) and not 0xD801 <= c <= 0xDFFE]
# Any code point (surrogates included), with the dangerous ones and a few look-alikes over-sampled.
any_char = st.characters(exclude_categories=())
texts = st.text(
    st.one_of(any_char, st.sampled_from(NASTY), st.sampled_from(["\\", "[", "]", ":", "…", "\t"]))
)


# --- visible -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # set-window-title + BEL
        ("abc\rXYZ", "abc\\x0dXYZ"),  # carriage return would overwrite
        ("\x00\x08\x7f", "\\x00\\x08\\x7f"),
        ("\x9b31m", "\\x9b31m"),  # one-byte CSI
        ("\x85", "\\x85"),
        ("user\u202etxt.exe", "user\\u202etxt.exe"),  # right-to-left override
        ("\u2066a\u2069", "\\u2066a\\u2069"),
        ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
        ("pay\u200bpal", "pay\\u200bpal"),
        ("\ufeffbom", "\\ufeffbom"),
        ("a\u2028b", "a\\u2028b"),
        ("\ud800", "\\ud800"),  # lone surrogate: would crash on encode
    ],
)
def test_visible_escapes(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "Zoë Saldaña",
        "김민준",
        "王小明",
        "Дмитрий",
        "مرحبا",  # right-to-left script itself is fine; only override controls are not
        "👨\u200d👩\u200d👧 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645",  # Persian needs ZWNJ
        "a\tb\nc",
        "[bold]x[/]",
        ":smile:",
        "C:\\x1b\\path",  # a literal backslash sequence is text, not a control
        "soft\u00adhyphen",
        "",
    ],
)
def test_visible_leaves_ordinary_text_alone(text: str) -> None:
    assert visible(text) == text


def test_is_dangerous_matches_the_spec_for_every_code_point() -> None:
    mismatched = [hex(c) for c in range(0x110000) if is_dangerous(chr(c)) != forbidden(chr(c))]
    assert mismatched == []


@given(texts)
def test_visible_output_has_no_forbidden_char(text: str) -> None:
    assert not any(forbidden(c) for c in visible(text))


@given(texts)
def test_visible_is_idempotent(text: str) -> None:
    once = visible(text)
    assert visible(once) == once


@given(texts)
def test_visible_is_exactly_per_character_escaping(text: str) -> None:
    def expected(char: str) -> str:
        code = ord(char)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"

    assert visible(text) == "".join(expected(c) if forbidden(c) else c for c in text)


# --- one_line ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "width", "shown"),
    [
        ("a\nb", None, "a b"),
        ("a\r\nb", None, "a b"),
        ("a\n\n\tb", None, "a b"),  # a run of breaks is one space
        ("a\rb", None, "a b"),
        ("a\u2028b\x85c", None, "a b c"),
        ("two  spaces", None, "two  spaces"),  # ordinary spaces are not collapsed
        ("note\n", None, "note "),
        ("a\x1bb", None, "a\\x1bb"),
        ("hello world", 5, "hell" + ELLIPSIS),
        ("hello", 5, "hello"),
        ("hello", 10, "hello"),
        ("王小明王", 5, "王小" + ELLIPSIS),  # wide characters count two cells
        ("王小明王", 4, "王" + ELLIPSIS),
        ("ab\x1bcd", 5, "ab" + ELLIPSIS),  # an escape is kept or dropped whole
        ("ab\x1bcd", 7, "ab\\x1b" + ELLIPSIS),
        ("e\u0301e\u0301e\u0301e\u0301", 3, "e\u0301e\u0301" + ELLIPSIS),  # whole graphemes
        ("abc", 1, ELLIPSIS),
        ("abc", 0, ""),
        ("", 0, ""),
        ("[bold]x[/]", 6, "[bold" + ELLIPSIS),
    ],
)
def test_one_line(raw: str, width: int | None, shown: str) -> None:
    assert one_line(raw, width) == shown


def test_one_line_rejects_negative_width() -> None:
    with pytest.raises(ValueError):
        one_line("x", -1)


@given(texts, st.none() | st.integers(min_value=0, max_value=40))
def test_one_line_is_one_safe_line_within_width(text: str, width: int | None) -> None:
    line = one_line(text, width)
    assert not any(forbidden(c) or c in "\n\t" for c in line)
    if width is not None:
        assert cell_len(line) <= width
        full = one_line(text)
        if cell_len(full) <= width:
            assert line == full
        elif line:
            assert line.endswith(ELLIPSIS)
            assert full.startswith(line[: -len(ELLIPSIS)])
    assert one_line(line, width) == line  # idempotent


# --- through rich --------------------------------------------------------------------------------


def render(text: Text) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system=None, width=60)
    console.print(text)
    return out.getvalue()


@given(texts)
def test_rich_output_of_visible_text_has_no_escape(text: str) -> None:
    for safe in (visible(text), one_line(text, 30)):
        printed = render(Text(safe))
        assert "\x1b" not in printed
        assert not any(forbidden(c) for c in printed)


def test_markup_and_emoji_codes_survive_literally() -> None:
    printed = render(Text(visible("[bold]x[/] :smile: [red]")))
    assert "[bold]x[/] :smile: [red]" in printed
    assert "😄" not in printed
