"""Dates and places typed the way people type them (issue 14, item 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.mark.parametrize(
    ("typed", "day"),
    [("31/12/2025", "2025-12-31"), ("17.11.2026", "2026-11-17"), ("12/31/2025", "2025-12-31"),
     ("3/3/2026", "2026-03-03"), ("17.11.2026 15:00", "2026-11-17")],
)  # fmt: skip
def test_unambiguous_day_first_dates_are_read(ok: Run, typed: str, day: str) -> None:
    ok("add", "Ken Ito")
    out = ok("log", "ken", "Coffee", "--on", typed).stdout
    assert f"on {day}" in out


def test_a_date_that_could_be_either_order_is_refused_with_both_readings(run: Run) -> None:
    run("add", "Ken Ito")
    result = run("log", "ken", "Coffee", "--on", "03/04/2026")
    assert result.exit_code == 1 and result.stdout == ""
    assert "could be 2026-04-03 or 2026-03-04; write it as YYYY-MM-DD." in result.stderr


def test_snooze_takes_an_unquoted_duration(ok: Run) -> None:
    ok("add", "Ken Ito", "--every", "1w")
    assert "until Sunday 2026-12-06" in ok("snooze", "ken", "2", "weeks").stdout
    assert "until Monday 2026-11-23" in ok("snooze", "ken", "next", "monday").stdout
    assert "no longer snoozed" in ok("snooze", "ken", "0").stdout


def test_a_bad_due_date_suggests_days_ahead(run: Run) -> None:
    run("add", "Ken Ito")
    result = run("log", "ken", "Coffee", "--follow-up", "Send deck", "--due", "tomorow")
    assert result.exit_code == 1
    assert "tomorrow" in result.stderr and "in 2 weeks" in result.stderr
    assert "ago" not in result.stderr and "yesterday" not in result.stderr and "last" not in result.stderr
    on = run("log", "ken", "Coffee", "--on", "tomorow")
    assert "3 days ago" in on.stderr  # a day past is helped by examples past


def test_db_works_after_the_command_word(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    assert run("add", "Ann Bee", "--db", str(other)).exit_code == 0
    assert other.exists()
    listed = run("list", "--db", str(other))
    assert listed.exit_code == 0 and "Ann Bee" in listed.stdout
    assert "Ann Bee" in run("--db", str(other), "list").stdout
    assert run("list", f"--db={other}").stdout == listed.stdout
    assert "Ann Bee" not in run("list").stdout  # CONNECT_DB's journal is untouched
    # After `--` it is text, not an option.
    assert run("log", "ann", "--db", str(other), "--", "--db").exit_code == 0
    assert run("show", "ann", "--db", str(other), "--json").json()["interactions"][0]["text"] == "--db"  # type: ignore[index]
