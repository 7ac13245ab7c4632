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


def test_unlog_asks_about_what_it_deletes(run: Run, ok: Run, on_a_terminal: None) -> None:
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


def test_an_empty_name_speaks_of_the_name_not_an_option(run: Run, ok: Run) -> None:
    for args in (["add", "   "], ["add", "\x1b[0m"]):  # nothing but a colour code is no name
        result = run(*args)
        assert result.exit_code == 1 and result.stdout == ""
        assert "The name is empty; give the person's name" in result.stderr
        assert "option" not in result.stderr
    ok("add", "Linda Holcman")
    result = run("edit", "linda", "--nickname", " ")  # an option: leave it out
    assert result.exit_code == 1 and "The nickname is empty" in result.stderr
    assert "leave the option out" in result.stderr


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("limit", "abc", "The limit setting was not changed: give a whole number from 1 to 100."),
        ("horizon", "999", "The horizon setting was not changed: give a whole number from 0 to"),
        ("every", "abc", "The every setting was not changed: 'abc' isn't a rhythm I can read"),
        ("feed", "x.txt", "The feed setting was not changed: give the feed a name ending in .ics"),
    ],
)
def test_a_bad_setting_is_named_in_its_error(
    run: Run, ok: Run, dump, key: str, value: str, says: str
) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    result = run("config", key, value)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Error: {says}"), result.stderr
    assert dump() == before


@pytest.mark.parametrize("period", ["0d", "11y", "never", "soon"])
def test_a_bad_check_in_speaks_of_the_check_in(run: Run, ok: Run, period: str) -> None:
    ok("add", "Ann Lee")
    ok("add", "Bob Ray")
    result = run("intro", "ann", "bob", "--check-in", period)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: --check-in needs a period from 1 day to 10 years")
    assert "rhythm" not in result.stderr


def test_the_vcard_summary_says_what_was_skipped_and_why(ok: Run, tmp_path: Path) -> None:
    cards = tmp_path / "cards.vcf"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\n{}END:VCARD\r\n"
    cards.write_text(card.format("FN:Ann Lee\r\n") + card.format("NOTE:hi\r\n") * 2)
    out = ok("import", str(cards)).stdout
    assert "2 cards were skipped: they have no name.\n" in out
    cards.write_text(card.format("FN:Bob Ray\r\n") + card.format("NOTE:hi\r\n"))
    assert "1 card was skipped: it has no name.\n" in ok("import", str(cards)).stdout


def test_a_restore_counts_each_kind_in_words(ok: Run, tmp_path: Path) -> None:
    ok("add", "Ann Lee", "-e", "ann@example.com", "--need", "a designer")
    ok("add", "Bob Ray", "--offer", "design reviews")
    ok("intro", "ann", "bob")
    export = tmp_path / "all.json"
    ok("export", "--format", "json", "-o", str(export))
    out = ok("import", str(export), env={"CONNECT_DB": str(tmp_path / "new.db")}).stdout
    assert (
        "Restored 2 people, 1 channel, 2 facts, 1 interaction, 2 participants, 2 promises, "
        "1 introduction into the empty journal." in out
    )


def test_an_unknown_csv_header_is_named_with_what_connect_reads(
    run: Run, ok: Run, tmp_path: Path
) -> None:
    table = tmp_path / "clients.csv"
    table.write_text("Nom,Téléphone,Ville,\x1b[2JX\nAnne,123,Paris,x\n", encoding="utf-8")
    result = run("import", str(table))
    assert result.exit_code == 1 and result.stdout == ""
    said = " ".join(result.stderr.split())
    assert said.startswith(
        'Error: No people found in clients.csv: its columns ("Nom", "Téléphone", "Ville", '
        '"\\x1b[2JX") are not those of a CSV connect reads (Google Contacts'
    )
    assert '"First Name"' in said and "vCard" in said and "\x1b" not in result.stderr


def test_search_finds_a_word_behind_a_colour_code_and_shows_the_code_escaped(ok: Run) -> None:
    ok("add", "Tom Baker")
    ok("log", "tom", "Saw the \x1b[31mred\x1b[0m car at the \x07fair")
    for word in ("red", "fair", "car"):
        out = ok("search", word).stdout
        assert "Tom Baker" in out, word
        assert "\x1b" not in out and "\x07" not in out and "\\x1b[31mred" in out
    assert [r["name"] for r in ok("search", "red", "--json").json()] == ["Tom Baker"]


def test_an_emoji_only_search_says_emoji_are_not_searched(run: Run, ok: Run) -> None:
    ok("add", "Tom Baker")
    ok("log", "tom", "Party 🎉 tonight")
    result = run("search", "🎉")
    assert result.exit_code == 1 and result.stdout == ""
    said = " ".join(result.stderr.split())
    assert "not emoji or symbols like '🎉'" in said
    assert "`connect history | grep '🎉'`" in said
    assert "🎉" in ok("history").stdout  # where the sentence sends you, it is found


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Ann\x1b[31m Lee\x07"],
        ["add", "Ann\tLee\x7f"],
        ["add", "Ann\u0085Lee"],
    ],
)
def test_control_characters_never_stay_in_a_name(ok: Run, args: list[str]) -> None:
    ok(*args)
    (person,) = ok("list", "--json").json()
    assert person["name"] == "Ann Lee"


def test_edit_and_import_clean_names_by_the_same_rule(ok: Run, tmp_path: Path) -> None:
    ok("add", "Ann Lee")
    ok("edit", "ann", "--name", "Ann\x1b[1m Bell", "--nickname", "A\x07B")
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zed\x1b[1mBold\x7f\r\nEND:VCARD\r\n")
    ok("import", str(card))
    rows = ok("list", "--json").json()
    assert sorted(r["name"] for r in rows) == ["Ann Bell", "Zed Bold"]
    assert ok("show", "ann", "--json").json()["nicknames"] == ["A B"]


@pytest.fixture
def ten_oclock(monkeypatch: pytest.MonkeyPatch) -> None:
    """This run's clock reads 10:00 on the pinned day."""
    from datetime import datetime

    from connect_cli.domain import clock

    def at_ten(environ=None):  # type: ignore[no-untyped-def]
        day = datetime(2026, 11, 22, 10, 0).astimezone()
        return clock.Clock(day.date(), day)

    monkeypatch.setattr(clock, "read_clock", at_ten)


def test_a_time_still_to_come_today_is_refused_like_a_day_still_to_come(
    run: Run, ok: Run, dump, ten_oclock: None
) -> None:
    ok("add", "Tom Baker")
    ok("log", "tom", "Coffee", "--on", "09:30")
    before = dump()
    for args in (
        ["log", "tom", "Lunch", "--on", "23:59"],
        ["log", "tom", "Lunch", "--on", "today 11:00"],
        ["fix", "1", "--on", "14:00"],
    ):
        result = run(*args)
        assert result.exit_code == 1 and result.stdout == "", args
        assert result.stderr.startswith("Error: "), args
        assert "today is still to come" in result.stderr and "--follow-up" in result.stderr
    assert dump() == before
    ok("log", "tom", "Dinner", "--on", "yesterday 23:59")  # a past day: any time


def test_no_usage_line_doubles_its_brackets(ok: Run) -> None:
    from connect_cli.cli.help_panels import HELP_PANELS

    for command in (c for commands in HELP_PANELS.values() for c in commands):
        usage = ok(command, "--help").stdout.splitlines()[0]
        assert usage.startswith(f"Usage: connect {command}"), usage
        assert "[[" not in usage and "]]" not in usage and "<" not in usage, usage
    assert ok("intro", "--help").stdout.startswith("Usage: connect intro [OPTIONS] A|ID [B]\n")


def test_config_and_doctor_wrap_under_their_own_text(ok: Run) -> None:
    ok("add", "Ann Lee")
    lines = ok("config", env=NARROW).stdout.splitlines()
    assert len(lines) > 5  # the help beside each setting wrapped
    column = lines[0].index("# keep-in-touch")
    for line in lines:
        assert len(line) <= 60, line
        if not line.split("=")[0].strip().isidentifier():  # a continuation of the help
            assert line[:column].strip() == "" and line[column] != " ", lines
    assert ok("config", "limit", env=NARROW).stdout == "limit = 5\n"
    checks = ok("doctor", env=NARROW).stdout.splitlines()
    assert any(line.startswith("  ") for line in checks)  # one did wrap
    for line in checks[:-1]:
        assert line.startswith(("✓ ", "✗ ", "  ")) and len(line) <= 60, checks
    assert checks[-1] == "Everything is fine."


def test_a_long_question_wraps_at_words(run: Run, ok: Run, on_a_terminal: None) -> None:
    ok("add", "Tom Baker")
    ok("add", "Linda Holcman")
    ok("log", "tom", "Talked about the budget for the next quarter", "--with", "linda")
    wide = run("unlog", "1", input="n\n").stdout.split(" [y/N]")[0]
    narrow = run("unlog", "1", input="n\n", env=NARROW).stdout.split(" [y/N]")[0].splitlines()
    assert len(narrow) > 1 and all(len(line) <= 60 for line in narrow)
    assert " ".join(line.strip() for line in narrow) == wide  # no word cut in two
