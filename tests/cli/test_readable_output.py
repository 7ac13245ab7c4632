"""Output that reads well at any width (issue 14, items 5-7 and 13): wrapped text keeps its
indent, columns line up, and output for a pipe is plain, unwrapped and free of trailing spaces."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Run

WIDTHS = (60, 100, 160)
# Distinct words, so each wrapped line can be told by the first word on it.
LONG = " ".join(f"w{i:02d}" for i in range(60))


def word_columns(out: str) -> list[int]:
    """For every line holding one of LONG's words, the column of its first such word."""
    columns = []
    for line in out.splitlines():
        found = re.search(r"\bw\d\d\b", line)
        if found:
            columns.append(found.start())
    return columns


def assert_hanging(out: str, lines_at_least: int = 2) -> None:
    columns = word_columns(out)
    assert len(columns) >= lines_at_least, out
    assert len(set(columns)) == 1 and columns[0] > 0, out  # never back at column 0


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def use(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))

    return use


def test_introduced_by_is_followed_by_a_space(ok: Run) -> None:
    ok("add", "Priya Raman")
    ok("add", "Bob Stone", "--via", "priya")
    out = ok("show", "bob").stdout
    assert "Introduced by Priya Raman (#1)" in out
    assert "Introduced by Priya Raman (#1)" in ok("prep", "bob").stdout


@pytest.mark.parametrize("width", WIDTHS)
def test_a_long_note_in_show_wraps_under_its_own_column(ok: Run, columns, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Ken Ito")
    ok("log", "ken", LONG, "--kind", "call")
    out = ok("show", "ken").stdout
    assert_hanging(out, lines_at_least=2 if width < 160 else 1)
    assert all(len(line) <= width for line in out.splitlines())


@pytest.mark.parametrize("width", WIDTHS)
def test_a_time_of_day_does_not_shift_the_timeline(ok: Run, columns, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Ken Ito")
    ok("log", "ken", "first", "--kind", "call", "--on", "2026-11-19")
    ok("log", "ken", "second", "--kind", "meeting", "--on", "2026-11-20 15:00")
    lines = ok("show", "ken").stdout.splitlines()
    call = next(line for line in lines if "first" in line)
    meeting = next(line for line in lines if "second" in line)
    assert call.index("call") == meeting.index("meeting")
    assert call.index("first") == meeting.index("second")
    assert "2026-11-20 15:00" in meeting


@pytest.mark.parametrize("width", WIDTHS)
def test_prep_keeps_whole_notes_wrapped_under_themselves(ok: Run, columns, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Ken Ito")
    ok("log", "ken", LONG)
    out = ok("prep", "ken").stdout
    assert "w59" in out  # never cut short at ~50 characters
    assert_hanging(out, lines_at_least=1)


@pytest.mark.parametrize("width", WIDTHS)
def test_todays_talk_about_wraps_under_its_indent(ok: Run, columns, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Ken Ito", "--every", "1w", "--need", LONG[:170])
    out = ok("today", "--on", "2026-12-20").stdout
    assert "Talk about:" in out
    assert_hanging(out, lines_at_least=2 if width < 160 else 1)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_snippets_wrap_under_their_label(ok: Run, columns, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Ken Ito", "--fact", LONG[:150])
    out = ok("search", "w05").stdout
    assert_hanging(out, lines_at_least=2 if width == 60 else 1)


@pytest.mark.parametrize("width", WIDTHS)
def test_list_on_a_terminal_keeps_names_whole(ok: Run, columns, terminal, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Anne-Marie O'Brien", "-c", "Consolidated Widgets", "-t", "client")
    for args in ((), ("--all",)):
        out = ok("list", *args).stdout
        assert "Anne-Marie" in out, out
        assert all(len(line) <= width for line in out.splitlines())
        rhythm_lines = [line for line in out.splitlines()[1:] if line.strip()]
        assert len(rhythm_lines) <= 3, out  # the Rhythm column never takes five lines
        assert out.splitlines()[0].startswith("#"), out  # no column dropped by Rich


def test_output_for_a_pipe_is_unwrapped_without_trailing_spaces(
    ok: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")
    ok("add", "Ken Ito", "--every", "1w", "--need", LONG)
    ok("log", "ken", LONG, "--on", "2026-11-01")
    for args in (("show", "ken"), ("today",), ("prep", "ken"), ("search", "w05")):
        out = ok(*args).stdout
        worded = [line for line in out.splitlines() if re.search(r"\bw\d\d\b", line)]
        assert worded and all("w00" in line for line in worded), (args, out)  # nothing wrapped
        assert all(len(re.findall(r"\bw\d\d\b", line)) > 10 for line in worded), (args, out)
        assert not [line for line in out.splitlines() if line != line.rstrip()], (args, out)
    assert any(LONG in line for line in ok("show", "ken").stdout.splitlines())


@pytest.mark.parametrize("where", ["before", "after"])
def test_width_option_wraps_anywhere_on_the_line(ok: Run, monkeypatch: pytest.MonkeyPatch, where: str) -> None:  # fmt: skip
    monkeypatch.delenv("COLUMNS")
    ok("add", "Ken Ito")
    ok("log", "ken", LONG)
    args = ["--width", "60", "show", "ken"] if where == "before" else ["show", "ken", "--width=60"]
    out = ok(*args).stdout
    assert all(len(line) <= 60 for line in out.splitlines())
    assert_hanging(out)
    assert ok("show", "ken").stdout.count("w59") == 1  # the next run is unwrapped again


def test_a_width_too_narrow_for_a_table_is_a_usage_error(run: Run) -> None:
    result = run("--width", "10", "where")
    assert result.exit_code == 2 and "give at least 20 columns" in result.stderr


@pytest.mark.parametrize("width", WIDTHS)
def test_followups_on_a_terminal_keep_the_id_column(ok: Run, columns, terminal, width: int) -> None:  # type: ignore[no-untyped-def]
    columns(width)
    ok("add", "Zoë Łukasz-Ñúñez")
    ok("log", "zoe", "call", "--follow-up", "Send the deck about the quarterly numbers and pricing")
    for args in ((), ("--all",)):
        out = ok("followups", *args).stdout
        assert out.splitlines()[0].startswith("#"), out  # `done`, `promise`, `cancel` need the id
        assert out.splitlines()[1].startswith("1 "), out
        assert all(len(line) <= width for line in out.splitlines())
