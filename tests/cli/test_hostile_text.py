"""User text is data: markup, emoji codes and escape sequences print literally, everywhere."""

from __future__ import annotations

import pytest

from tests.conftest import Run

HOSTILE = [
    "[bold red]loud[/]",
    "[/]",
    ":smile: :thumbs_up:",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;pwned\x07",
    "right\u202eleft",
    "c1\x9bcontrol",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_in_every_view(ok: Run, text: str) -> None:
    ok("add", f"Eve {text}", "-c", text, "--like", text, "-t", "x" + text)
    ok("log", "eve", text)
    outputs = [ok("show", "eve").stdout, ok("list").stdout, ok("show", "eve", "--json").stdout]
    for out in outputs:
        assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    card = outputs[0]
    if text.isprintable():
        assert text in card  # markup and emoji codes printed literally, not interpreted
    assert ok("show", "eve", "--json").json()["company"] == text  # JSON keeps the exact text


def test_errors_quote_hostile_names_inertly(run: Run) -> None:
    result = run("show", "\x1b[2J[bold]nobody")
    assert result.exit_code == 1 and "\x1b" not in result.stderr
