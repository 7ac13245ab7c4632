"""A newcomer's try-out, the last siblings of issue #14: lines that wrap under their indent at 60
columns, messages that speak of what the user typed, summaries with plurals, and the question
`unlog` asks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from connect_cli.cli.context import Env
from tests.conftest import Run

NARROW = {"COLUMNS": "60"}


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    monkeypatch.setattr("connect_cli.cli.context.stdin_is_terminal", lambda: True)


def section(text: str, title: str) -> list[str]:
    """The lines under `title` up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((n for n in range(start, len(lines)) if not lines[n].strip()), len(lines))
    return lines[start:end]


def assert_indented(lines: list[str], indent: int) -> None:
    assert lines, "nothing printed"
    for line in lines:
        assert len(line) - len(line.lstrip(" ")) >= indent, lines
        assert len(line) <= 60, lines


@pytest.fixture
def helpers(ok: Run) -> None:
    """Two people, one needing what the other offers, with long names and long texts."""
    ok("add", "Francesca Montgomery-Whitfield", "--need", "hiring senior platform engineers")
    ok("add", "Bartholomew Alexander Stone", "--offer", "recruiting senior platform engineers")


def test_todays_help_lines_wrap_under_their_indent(ok: Run, helpers: None) -> None:
    lines = section(ok("today", env=NARROW).stdout, "Help")
    assert len(lines) > 2  # it did wrap
    assert_indented(lines, 2)


def test_intros_reasons_wrap_under_their_indent(ok: Run, helpers: None) -> None:
    lines = ok("intros", env=NARROW).stdout.splitlines()[:-1]  # the last: "Log one with …"
    assert lines[0].startswith("1. Introduce ")
    assert_indented(lines[1:], 2)


def test_shows_helping_lines_wrap_under_their_indent(ok: Run, helpers: None) -> None:
    ok("intro", "#1", "#2", "--check-in", "2w")
    ok("intro", "#1", "#2", "--check-in", "2w")  # long enough to wrap twice
    for command in ("show", "prep"):
        lines = section(ok(command, "#1", env=NARROW).stdout, "Helping")
        assert len(lines) > 2, command
        assert_indented(lines, 2)


def test_the_edit_problem_wraps_at_words_under_its_first_word(
    run: Run, ok: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_a_terminal: None
) -> None:
    ok("add", "Linda Holcman")
    program = tmp_path / "editor.py"
    program.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "path.write_text(path.read_text().replace('birthday: ', 'birthday: Feb 30', 1))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {program}")
    result = run("edit", "linda", input="n\n", env=NARROW)
    assert result.exit_code == 1 and "your edit was discarded" in result.stderr
    problem = result.stderr.split("Open the editor again")[0].splitlines()
    assert problem[0].startswith("Problem: ") and len(problem) > 1  # it did wrap
    assert_indented(problem[1:], len("Problem: "))
    wide = run("edit", "linda", input="n\n").stderr.splitlines()[0]
    assert " ".join(line.strip() for line in problem) == wide  # no word cut in two


def test_unlog_asks_about_what_it_deletes(
    run: Run, ok: Run, on_a_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("add", "Tom Baker")
    ok("add", "Linda Holcman")
    note = "Talked about the \x1b[31mbudget for the next quarter and the hiring plan"
    ok("log", "tom", note, "--with", "linda", "--on", "2026-11-19", "-k", "call")
    kept = run("unlog", "1", input="n\n")
    assert kept.exit_code == 1 and "Nothing was changed" in kept.stderr
    question = kept.stdout.splitlines()[0]
    assert question.startswith(
        "Delete interaction #1 (2026-11-19 call with Linda Holcman, Tom Baker: "
        "“Talked about the \\x1b[31mbudget"
    )
    assert "\x1b" not in kept.stdout and "hiring plan" not in question  # the start only
    assert ok("show", "tom", "--json").json()["interactions"]
    assert run("unlog", "1", input="y\n").exit_code == 0
    assert ok("show", "tom", "--json").json()["interactions"] == []
