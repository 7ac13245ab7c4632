"""`connect today`: the sections, their order and hooks, as the rules in DESIGN.md give them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Rows, Run, copy_journal

YEAR_END = "2026-12-30"  # a Wednesday; the default horizon (7 days) wraps into 2027


@pytest.fixture(scope="module")
def year_end_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journal of `_build_year_end` as a file: built once per module through the CLI, then
    copied for each test on SQLite (see `year_end`)."""
    from typer.testing import CliRunner

    from connect_cli.cli.app import app

    path = tmp_path_factory.mktemp("year_end") / "journal.db"

    def ok(*args: str, env: dict[str, str] | None = None) -> None:
        env = {"CONNECT_DB": str(path), "CONNECT_TODAY": YEAR_END, **(env or {})}
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)

    _build_year_end(ok)
    return path


def _build_year_end(ok: Callable[..., object]) -> None:
    """People on different rhythms, touches, snoozes, archives, birthdays and promises, through
    `ok(*args, env=…)` with today YEAR_END."""
    # Archived: overdue, birthday tomorrow and a promise due, yet nowhere in the list.
    ok(
        "add",
        "Ava Archived",
        "--every",
        "1w",
        "--met-on",
        "2026-01-01",
        "--birthday",
        "12-31",
        "--follow-up",
        "Return her book",
        "--due",
        "2026-12-29",
    )
    ok("archive", "ava")
    # Snoozed past today: hidden. Snoozed until today: back (snoozed_until > today hides).
    ok("add", "Bea Snoozed", "--every", "2w", "--met-on", "2026-10-01", "--like", "tea")
    ok("snooze", "bea", "2027-01-05")
    ok("add", "Cal Back", "--every", "2w", "--met-on", "2026-10-01")
    ok("snooze", "cal", "10d", env={"CONNECT_TODAY": "2026-12-20"})
    # Three at ratio 3.0: ties go to the one more days overdue.
    ok(
        "add",
        "Dee Need",
        "--every",
        "1m",
        "--met-on",
        "2026-09-01",
        "--need",
        "a new CFO",
        "--passion",
        "golf",
        "--birthday",
        "12-31",
        "--follow-up",
        "Send CFO shortlist",
        "--due",
        "2026-12-20",
    )
    ok("log", "dee", "Talked budgets", "-k", "call", "--on", "2026-10-01")
    ok(
        "add",
        "Eli Passion",
        "--every",
        "1w",
        "--passion",
        "jazz",
        "--family",
        "Mia (daughter)",
        "--like",
        "tea",
        "--date",
        "wedding anniversary=2020-01-05",
        "--follow-up",
        "Wish a happy new year",
        "--due",
        "2026-12-30",
    )
    ok("log", "eli", "Quick hello", "-k", "message", "--on", "2026-12-09")
    ok(
        "add",
        "Fay Family",
        "--every",
        "2w",
        "--family",
        "Sam (son, 7)",
        "--like",
        "chess",
        "--birthday",
        "1988-01-07",
        "--follow-up",
        "Book dinner",
        "--due",
        "2027-01-06",
    )
    ok("log", "fay", "Dinner", "-k", "meal", "--on", "2026-11-18")
    # Ratio 1.0, due today: ties by overdue days too, then by name.
    ok("add", "Hal Note", "--every", "30d", "--follow-up", "Someday maybe")
    ok("log", "hal", "Moving to Austin in March. Big news!\nSecond line", "--on", "2026-11-30")
    ok(
        "add",
        "Gus Like",
        "--every",
        "30d",
        "--like",
        "espresso",
        "--follow-up",
        "Call back",
        "--due",
        "2027-01-07",
    )
    ok("log", "gus", "Lunch", "-k", "meal", "--on", "2026-11-30")
    ok("add", "Ivy Fresh", "--every", "3m", "--note", "Coffee", "--met-on", "2026-12-01")
    ok(
        "add",
        "Jon Norhythm",
        "--every",
        "never",
        "--met-on",
        "2020-01-01",
        "--birthday",
        "1990-01-02",
    )


@pytest.fixture
def year_end(
    request: pytest.FixtureRequest,
    private_journal: Path | str,
    ok: Run,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Today is YEAR_END and the journal holds `_build_year_end`'s people: a copy of the
    module's file on SQLite, built in the test's own database on a server."""
    monkeypatch.setenv("CONNECT_TODAY", YEAR_END)
    if isinstance(private_journal, str):
        _build_year_end(ok)
    else:
        copy_journal(request.getfixturevalue("year_end_journal"), private_journal)


def test_year_end_scenario_json(ok: Run, year_end: None) -> None:
    doc = ok("today", "--json").json()
    assert doc["date"] == YEAR_END
    assert [
        (p["person"]["name"], p["text"], p["due"], p["overdue_days"]) for p in doc["promises"]
    ] == [
        ("Dee Need", "Send CFO shortlist", "2026-12-20", 10),
        ("Eli Passion", "Wish a happy new year", "2026-12-30", 0),
        ("Fay Family", "Book dinner", "2027-01-06", -7),
    ]
    assert set(doc["promises"][0]) == {"id", "person", "text", "due", "overdue_days", "done_at"}
    assert [
        (c["person"]["name"], c["label"], c["date"], c["age"], c["in_days"])
        for c in doc["coming_up"]
    ] == [
        ("Dee Need", "birthday", "2026-12-31", None, 1),
        ("Jon Norhythm", "birthday", "2027-01-02", 37, 3),
        ("Eli Passion", "wedding anniversary", "2027-01-05", 7, 6),
    ]  # Fay's birthday (Jan 7) is 8 days away: outside the horizon
    rows = doc["reconnect"]
    assert [
        (
            r["name"],
            r["last_contact"],
            r["last_kind"],
            r["every_days"],
            r["days_since"],
            r["overdue_days"],
            r["talk_about"],
            r["talk_about_kind"],
        )
        for r in rows
    ] == [
        ("Cal Back", None, None, 14, 90, 76, None, None),  # never contacted: counts from met on
        ("Dee Need", "2026-10-01", "call", 30, 90, 60, "a new CFO", "need"),
        ("Fay Family", "2026-11-18", "meal", 14, 42, 28, "Sam (son, 7)", "family"),
        ("Eli Passion", "2026-12-09", "message", 7, 21, 14, "jazz", "passion"),
        ("Gus Like", "2026-11-30", "meal", 30, 30, 0, "espresso", "like"),
    ]  # at most 5 (the default limit): Hal, tied with Gus, comes after him by name
    assert set(rows[0]) == {
        "id",
        "name",
        "last_contact",
        "last_kind",
        "every_days",
        "days_since",
        "overdue_days",
        "overdue_ratio",
        "talk_about",
        "talk_about_kind",
    }
    assert rows[0]["overdue_ratio"] == pytest.approx(90 / 14, abs=1e-3)


def test_year_end_scenario_table(ok: Run, year_end: None) -> None:
    out = ok("today").stdout
    lines = out.splitlines()
    assert lines[0] == "Wednesday, 2026-12-30"
    headings = [line for line in lines if line in ("Promises", "Coming up", "Reconnect")]
    assert headings == ["Promises", "Coming up", "Reconnect"]
    promises = out.split("Coming up")[0]
    assert (
        promises.index("Send CFO shortlist")
        < promises.index("Wish a happy")
        < promises.index("Book dinner")
    )
    assert "overdue by 10 days (2026-12-20)" in promises and "due today" in promises
    for absent in ("Return her book", "Call back", "Someday maybe"):
        assert absent not in out
    coming = out.split("Coming up")[1].split("Reconnect")[0]
    assert "Thu 2026-12-31" in coming and "Sat 2027-01-02" in coming and "turns 37" in coming
    assert "wedding anniversary, 7 years" in coming and "Fay" not in coming
    reconnect = out.split("Reconnect")[1]
    people = [line.split(" (#")[0].strip() for line in reconnect.splitlines() if " (#" in line]
    assert people == ["Cal Back", "Dee Need", "Fay Family", "Eli Passion", "Gus Like"]
    assert "never contacted · every 2 weeks · overdue by 2 months" in reconnect
    assert "3 months ago · call · every month · overdue by 2 months" in reconnect
    assert "4 weeks ago · meal · every month · due today" in reconnect
    hooks = [line.strip() for line in reconnect.splitlines() if "Talk about:" in line]
    assert hooks == [
        "Talk about: a new CFO  (their need)",
        "Talk about: Sam (son, 7)  (family)",
        "Talk about: jazz  (passion)",
        "Talk about: espresso  (likes)",
    ]


def test_limit_shows_the_next_in_rank_and_the_gist_of_the_last_note(
    ok: Run, year_end: None
) -> None:
    rows = ok("today", "--json", "--limit", "6").json()["reconnect"]
    assert [r["name"] for r in rows][-2:] == ["Gus Like", "Hal Note"]
    assert (rows[-1]["talk_about"], rows[-1]["talk_about_kind"]) == (
        "Moving to Austin in March.",
        "note",
    )
    assert [r["name"] for r in ok("today", "--json", "--limit", "2").json()["reconnect"]] == [
        "Cal Back",
        "Dee Need",
    ]
    ok("config", "limit", "1")
    assert len(ok("today", "--json").json()["reconnect"]) == 1


def test_horizon_reaches_further(ok: Run, year_end: None) -> None:
    doc = ok("today", "--json", "--horizon", "8").json()
    assert ("Fay Family", 39) in [(c["person"]["name"], c["age"]) for c in doc["coming_up"]]
    assert "Call back" in [p["text"] for p in doc["promises"]]
    only_today = ok("today", "--json", "--horizon", "0").json()
    assert [p["text"] for p in only_today["promises"]] == [
        "Send CFO shortlist",
        "Wish a happy new year",
    ]
    assert only_today["coming_up"] == []


def test_any_interaction_resets_the_clock(ok: Run, year_end: None) -> None:
    ok("log", "dee", "Saw her post about the CFO search", "-k", "note")
    names = [r["name"] for r in ok("today", "--json", "--limit", "10").json()["reconnect"]]
    assert "Dee Need" not in names and names[0] == "Cal Back"


def test_on_shows_the_list_of_another_day(ok: Run, year_end: None) -> None:
    doc = ok("today", "--json", "--on", "2027-01-05", "--limit", "10").json()
    assert doc["date"] == "2027-01-05"
    names = [r["name"] for r in doc["reconnect"]]
    assert "Bea Snoozed" in names  # her snooze ends that day
    bea = next(r for r in doc["reconnect"] if r["name"] == "Bea Snoozed")
    assert (bea["talk_about"], bea["days_since"]) == ("tea", 96)
    assert [c["label"] for c in doc["coming_up"]] == ["wedding anniversary", "birthday"]
    assert ok("today", "--json", "--on", "friday").json()["date"] == "2027-01-01"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2027-02-26", [("2027-02-28", 35, 2)]),  # not a leap year: celebrated on Feb 28
        ("2028-02-26", [("2028-02-29", 36, 3)]),
        ("2027-03-01", []),
    ],
)
def test_feb_29_birthdays(ok: Run, on: str, expected: list[tuple[str, int, int]]) -> None:
    ok("add", "Leap Day", "--birthday", "1992-02-29", "--every", "never")
    doc = ok("today", "--json", "--on", on).json()
    assert [(c["date"], c["age"], c["in_days"]) for c in doc["coming_up"]] == expected


def test_never_contacted_without_met_on_counts_from_when_added(
    ok: Run, journal_rows: Rows
) -> None:
    ok("add", "Kim New", "--every", "1w")
    journal_rows("UPDATE contact SET created_at = '2026-11-01 09:00:00.000000'")
    row = ok("today", "--json").json()["reconnect"][0]
    assert (row["name"], row["last_contact"], row["days_since"], row["overdue_days"]) == (
        "Kim New",
        None,
        21,
        14,
    )
    assert "never contacted · every week · overdue by 2 weeks" in ok("today").stdout


def test_hostile_text_in_hooks_stays_literal(ok: Run) -> None:
    ok(
        "add",
        "Mallory",
        "--every",
        "1w",
        "--met-on",
        "2026-10-01",
        "--need",
        "[bold red]x[/] :smile: \x1b[2J",
    )
    out = ok("today").stdout
    assert "[bold red]x[/] :smile: \\x1b[2J" in out and "\x1b" not in out


def test_empty_journal_says_what_to_do(
    ok: Run, request: pytest.FixtureRequest, private_journal: Path | str
) -> None:
    """On SQLite the default journal (no --db), not made yet; on a server an empty database."""
    if isinstance(private_journal, Path):
        request.getfixturevalue("default_journal")
    result = ok("today")
    assert "add someone with `connect add NAME`" in result.stdout
    assert ok("today", "--json").json() == {
        "date": "2026-11-22",
        "promises": [],
        "coming_up": [],
        "reconnect": [],
        "help": None,
    }


def test_all_caught_up_says_when_the_next_person_is_due(ok: Run) -> None:
    ok("add", "Linda", "--every", "2w", "--note", "Coffee")
    ok("add", "Bob", "--every", "1m", "--note", "Lunch")
    out = ok("today").stdout
    assert "All caught up" in out
    assert "Next to reconnect with: Linda, in 2 weeks (Sun 2026-12-06)." in out


def test_caught_up_with_nobody_on_a_rhythm_suggests_one(ok: Run) -> None:
    ok("add", "Linda", "--every", "never")
    out = ok("today").stdout
    assert "All caught up" in out and "--every 30d" in out


def test_next_due_waits_for_a_snooze(ok: Run) -> None:
    ok("add", "Linda", "--every", "1w", "--met-on", "2026-10-01")
    ok("snooze", "linda", "2026-12-10")
    assert "Next to reconnect with: Linda, in 2 weeks (Thu 2026-12-10)." in ok("today").stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--on", "someday soon"], "date"),
        (["--on", "2026-02-30"], "calendar date"),
        (["--limit", "0"], "--limit"),
        (["--limit", "101"], "--limit"),
        (["--horizon", "-1"], "--horizon"),
        (["--horizon", "400"], "--horizon"),
    ],
)
def test_bad_options_are_one_sentence_and_change_nothing(
    run: Run, ok: Run, dump, args: list[str], words: str
) -> None:
    ok("add", "Linda", "--every", "1w", "--met-on", "2026-10-01")
    before = dump()
    result = run("today", *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert words in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert dump() == before


def test_a_limit_that_is_not_a_number_is_a_usage_error(run: Run) -> None:
    assert run("today", "--limit", "many").exit_code == 2


def _imported_by(args: list[str], env: dict[str, str]) -> set[str]:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "connect_cli", *args],
                            env=env, capture_output=True, text=True, check=True)  # fmt: skip
    return {line.rsplit("|", 1)[1].strip().split(".")[0]
            for line in result.stderr.splitlines() if line.startswith("import time:")}  # fmt: skip


def test_today_on_the_default_sqlite_journal_skips_sqlalchemy(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "CONNECT_DB": str(tmp_path / "j.db")}
    # Writing needs SQLModel; reading the list afterwards, with every section filled, must not.
    subprocess.run([sys.executable, "-m", "connect_cli", "add", "Linda", "--every", "1w",
                    "--met-on", "2026-10-01", "--need", "a CFO", "--birthday", "11-24",
                    "--follow-up", "Send deck", "--due", "2026-11-20"],
                   env=env, check=True, capture_output=True)  # fmt: skip
    for args in (["today"], ["today", "--json"], ["followups"]):
        loaded = _imported_by(args, env)
        assert "connect_cli" in loaded  # the measurement itself works
        assert not loaded & {"sqlalchemy", "sqlmodel", "alembic"}, args


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Moving to Austin in March. Big news!", "Moving to Austin in March."),
        ("\n\n  First line\nsecond line", "First line"),
        ("Is she hiring? Ask", "Is she hiring?"),
        ("v2.0 launch went well", "v2.0 launch went well"),
        ("x" * 200, "x" * 79 + "…"),
        ("   \n  ", None),
        (None, None),
    ],
)
def test_gist_is_the_first_sentence_of_the_first_line(
    note: str | None, expected: str | None
) -> None:
    from connect_cli.core.daily import gist

    assert gist(note) == expected


def test_long_sections_are_cut_to_a_calm_list(ok) -> None:
    from connect_cli.render.daily import SECTION_ROWS

    ok("add", "Busy Person")
    for i in range(SECTION_ROWS + 3):
        ok("log", "busy", f"call {i}", "--follow-up", f"promise number {i}", "--due", "2026-11-20")
    table = ok("today").stdout
    assert table.count("promise number") == SECTION_ROWS
    assert "… and 3 more: `connect followups`" in table
    assert len(ok("today", "--json").json()["promises"]) == SECTION_ROWS + 3
