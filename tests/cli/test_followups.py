"""`followups`, `done` and `snooze`: promises kept, people hidden for a while, as a user sees it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.fixture
def promises(ok: Run) -> None:
    ok("add", "Linda Holcman", "--every", "2w", "--met-on", "2026-10-01")
    ok("add", "Bob Stone", "--every", "1m", "--met-on", "2026-10-01")
    ok(
        "log",
        "linda",
        "Call",
        "-k",
        "call",
        "--on",
        "2026-11-01",
        "--follow-up",
        "Intro Linda to Bob",
        "--due",
        "2026-12-05",
    )  # #1
    ok("log", "bob", "Lunch", "--on", "2026-11-02", "--follow-up", "Send the deck")  # #2, undated
    ok(
        "log",
        "bob",
        "Email",
        "--on",
        "2026-11-03",
        "--follow-up",
        "Review his plan",
        "--due",
        "2026-11-20",
    )  # #3, overdue


def test_followups_lists_open_promises_soonest_first_undated_last(
    ok: Run, promises: None, terminal: None
) -> None:
    doc = ok("followups", "--json").json()
    assert [
        (p["id"], p["person"]["name"], p["text"], p["due"], p["overdue_days"]) for p in doc
    ] == [
        (3, "Bob Stone", "Review his plan", "2026-11-20", 2),
        (1, "Linda Holcman", "Intro Linda to Bob", "2026-12-05", -13),
        (2, "Bob Stone", "Send the deck", None, None),
    ]
    assert all(p["done_at"] is None for p in doc)
    table = ok("followups").stdout
    assert (
        table.index("Review his plan") < table.index("Intro Linda") < table.index("Send the deck")
    )
    assert "2026-11-20 · overdue by 2 days" in table and "no due date" in table
    assert "due in 13 days" in table


def test_done_marks_a_promise_kept(ok: Run, promises: None) -> None:
    out = ok("done", "#3").stdout
    assert out.strip() == "Kept promise #3 to Bob Stone: Review his plan."
    assert [p["id"] for p in ok("followups", "--json").json()] == [1, 2]
    everything = ok("followups", "--all", "--json").json()
    assert [p["id"] for p in everything] == [1, 2, 3]  # open first, then kept
    assert everything[2]["done_at"] is not None and everything[2]["overdue_days"] is None
    assert "kept 20" in ok("followups", "--all").stdout
    assert [f["id"] for f in ok("show", "bob", "--json").json()["followups"]] == [2]
    assert "Review his plan" not in ok("today").stdout


def test_done_with_a_note_logs_what_you_did_and_resets_the_clock(ok: Run, promises: None) -> None:
    assert "Linda Holcman" in [r["name"] for r in ok("today", "--json").json()["reconnect"]]
    out = ok("done", "1", "--note", "Sent the intro email", "--kind", "email").stdout
    assert "Kept promise #1 to Linda Holcman" in out and "Logged what you did" in out
    latest = ok("show", "linda", "--json").json()["interactions"][0]
    assert (latest["on"], latest["kind"], latest["text"]) == (
        "2026-11-22",
        "email",
        "Sent the intro email",
    )
    assert "Linda Holcman" not in [r["name"] for r in ok("today", "--json").json()["reconnect"]]
    ok("done", "2", "-n", "Deck sent")
    assert ok("show", "bob", "--json").json()["interactions"][0]["kind"] == "note"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["done", "99"], "There is no promise #99"),
        (["done", "three"], "promise's number"),
        (["done", "1", "--kind", "email"], "--kind needs --note"),
        (["done", "1", "--note", "x", "--kind", "carrier pigeon"], "Unknown kind"),
        (["done", "1", "--note", "   "], "empty"),
    ],
)
def test_done_errors_change_nothing(
    run: Run, promises: None, dump, args: list[str], words: str
) -> None:
    before = dump()
    result = run(*args)
    assert result.exit_code == 1 and result.stdout == "" and words in result.stderr
    assert dump() == before


def test_done_twice_says_it_was_already_kept(run: Run, ok: Run, promises: None, dump) -> None:
    ok("done", "3")
    before = dump()
    result = run("done", "3", "--note", "again")
    assert result.exit_code == 1 and "already kept on 2026-11-22" in result.stderr
    assert dump() == before


def test_no_promises_says_how_to_make_one(
    ok: Run, request: pytest.FixtureRequest, private_journal: Path | str
) -> None:
    """On SQLite the default journal (no --db), not made yet; on a server an empty database."""
    if isinstance(private_journal, Path):
        request.getfixturevalue("default_journal")
    result = ok("followups")
    assert result.stdout == "" and "--follow-up" in result.stderr
    assert ok("followups", "--json").json() == []


@pytest.mark.parametrize(
    ("given", "until"),
    [
        ([], "2026-11-29"),  # a week by default
        (["3d"], "2026-11-25"),
        (["2w"], "2026-12-06"),
        (["1m"], "2026-12-22"),
        (["2026-12-01"], "2026-12-01"),
        (["next monday"], "2026-11-23"),
        (["friday"], "2026-11-27"),
    ],
)
def test_snooze_hides_someone_until_the_day(ok: Run, given: list[str], until: str) -> None:
    ok("add", "Linda Holcman", "--every", "1w", "--met-on", "2026-10-01")
    out = ok("snooze", "linda", *given).stdout
    assert re.search(rf"until [A-Z][a-z]+day {until};", " ".join(out.split()))
    assert ok("show", "linda", "--json").json()["snoozed_until"] == until
    assert ok("today", "--json").json()["reconnect"] == []
    assert [r["name"] for r in ok("today", "--json", "--on", until).json()["reconnect"]] == [
        "Linda Holcman"
    ]


@pytest.mark.parametrize(
    "lift", [["0"], ["--off"], ["off"], ["0d"], ["0", "weeks"], ["00w"], [" 0 days "]]
)
def test_snooze_zero_or_off_lifts_it(ok: Run, lift: list[str]) -> None:
    ok("add", "Linda Holcman", "--every", "1w", "--met-on", "2026-10-01")
    ok("snooze", "linda", "2w")
    assert "no longer snoozed" in ok("snooze", "linda", *lift).stdout
    assert ok("show", "linda", "--json").json()["snoozed_until"] is None
    assert [r["name"] for r in ok("today", "--json").json()["reconnect"]] == ["Linda Holcman"]


def test_snoozing_someone_without_a_rhythm_says_it_changes_little(ok: Run) -> None:
    ok("add", "Linda Holcman", "--every", "never")
    assert "no keep-in-touch rhythm" in ok("snooze", "linda").stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["snooze", "nobody-like-this"], "Nobody in your journal matches"),
        (["snooze", "linda", "whenever"], "isn't a snooze I can read"),
        (["snooze", "linda", "0x"], "isn't a snooze I can read"),
        (["snooze", "linda", "2026-11-01"], "must end after today"),
        (["snooze", "linda", "today"], "must end after today"),
        (["snooze", "linda", "never"], "--every never"),
        (["snooze", "linda", "2w", "--off"], "not both"),
    ],
)
def test_snooze_errors_change_nothing(run: Run, ok: Run, dump, args: list[str], words: str) -> None:
    ok("add", "Linda Holcman", "--every", "1w")
    before = dump()
    result = run(*args)
    assert result.exit_code == 1 and result.stdout == "" and words in result.stderr
    assert dump() == before


def test_promise_text_is_printed_literally(ok: Run) -> None:
    ok("add", "Linda", "--follow-up", "[bold]Send[/] :smile: \x1b[31mdeck", "--due", "2026-11-23")
    for out in (ok("followups").stdout, ok("today").stdout, ok("done", "1").stdout):
        assert "[bold]Send[/] :smile: \\x1b[31mdeck" in out and "\x1b" not in out


@pytest.mark.parametrize("command", ["today", "snooze", "followups", "done"])
def test_help_never_imports_the_database_stack(command: str) -> None:
    from tests.cli.test_startup import imported_modules

    loaded = imported_modules(command, "--help")
    assert "connect_cli" in loaded and not loaded & {
        "sqlalchemy",
        "sqlmodel",
        "alembic",
        "dateparser",
    }


def test_done_with_logs_the_kept_promise_with_both_people(
    ok: Run, run: Run, promises: None
) -> None:
    """Issue #14 item 25: the intro email went to both; both clocks reset."""
    result = ok("done", "1", "--note", "Sent the intro email", "-k", "email", "--with", "bob")
    assert (
        "Kept promise #1 to Linda Holcman" in result.stdout
        and "Logged what you did" in result.stdout
    )
    for who, other in (("linda", "Bob Stone"), ("bob", "Linda Holcman")):
        latest = ok("show", who, "--json").json()["interactions"][0]
        assert (latest["on"], latest["kind"], latest["text"]) == (
            "2026-11-22",
            "email",
            "Sent the intro email",
        )
        assert latest["with"] == [other]


def test_done_with_and_no_note_logs_the_promise_text(ok: Run, promises: None) -> None:
    ok("done", "1", "--with", "bob")
    latest = ok("show", "bob", "--json").json()["interactions"][0]
    assert (latest["on"], latest["text"]) == ("2026-11-22", "Intro Linda to Bob")


def test_done_with_an_unknown_person_keeps_the_promise_open(
    run: Run, ok: Run, promises: None, dump
) -> None:
    before = dump()
    result = run("done", "1", "--note", "Sent it", "--with", "nobody-here")
    assert result.exit_code == 1 and "Nobody in your journal matches" in result.stderr
    assert result.stdout == "" and dump() == before
