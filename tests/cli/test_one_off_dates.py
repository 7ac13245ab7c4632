"""One-off important dates (issue 14, item 25): `--date "launch=2027-03-01 once"` comes up in
today's Coming up on its approach only, never in another year; JSON carries it losslessly."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Run


def test_a_one_off_date_comes_up_once_and_never_again(ok: Run) -> None:
    ok("add", "Ann Bee", "--date", "launch=2026-11-25 once", "--date", "wedding=2020-11-26")
    coming = ok("today").stdout
    assert "launch" in coming and "wedding, 6 years" in coming
    assert "launch," not in coming  # no "0 years" for a one-off
    next_year = ok("today", "--on", "2027-11-24").stdout
    assert "wedding, 7 years" in next_year and "launch" not in next_year
    assert "launch" not in ok("today", "--on", "2026-11-26").stdout  # past, not next year's
    assert "launch: November 25, 2026 (once)" in ok("show", "ann").stdout
    assert "launch: 2026-11-25 (in 3 days)" in ok("prep", "ann").stdout
    assert "launch" not in ok("prep", "ann", "--json", env={"CONNECT_TODAY": "2027-11-20"}).stdout.split('"upcoming_dates"')[1]  # fmt: skip


def test_a_one_off_date_needs_its_year(run: Run) -> None:
    result = run("add", "Ann Bee", "--date", "launch=March 1 once")
    assert result.exit_code == 1 and result.stdout == ""
    assert "needs its year" in result.stderr


def test_json_carries_one_off_dates_and_reads_older_exports(ok: Run, tmp_path: Path) -> None:
    ok("add", "Ann Bee", "--date", "launch=2026-11-25 once", "--date", "wedding=2020-11-26")
    export = tmp_path / "journal.json"
    ok("export", "--format", "json", "-o", str(export))
    copy = tmp_path / "copy.db"
    ok("--db", str(copy), "import", str(export))
    assert "launch" in ok("--db", str(copy), "today").stdout
    assert "launch" not in ok("--db", str(copy), "today", "--on", "2027-11-24").stdout
    # An export from before one-off dates (schema 3) has no `once`: every date is yearly.
    document = json.loads(export.read_text(encoding="utf-8"))
    document["schema"] = 3
    document["columns"]["important_dates"].remove("once")
    for row in document["important_dates"]:
        del row["once"]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(document), encoding="utf-8")
    third = tmp_path / "third.db"
    ok("--db", str(third), "import", str(older))
    assert "launch" in ok("--db", str(third), "today", "--on", "2027-11-24").stdout


def test_ics_csv_and_markdown_keep_a_one_off_date_one_off(ok: Run, tmp_path: Path) -> None:
    from icalendar import Calendar

    ok("add", "Ann Bee", "--date", "launch=2027-03-01 once", "--date", "wedding=2020-11-26")
    calendar = Calendar.from_ical(ok("export", "--format", "ics").stdout)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert "RRULE" not in events["Ann Bee: launch"]
    assert events["Ann Bee: launch"]["DTSTART"].dt.isoformat() == "2027-03-01"
    assert "RRULE" in events["Ann Bee: wedding"]
    assert "- 2027-03-01 launch (once)" in ok("export", "--format", "markdown").stdout
    contacts = tmp_path / "contacts.csv"
    ok("export", "--what", "contacts", "-o", str(contacts))
    copy = tmp_path / "copy.db"
    ok("--db", str(copy), "import", str(contacts), "--yes")
    assert "launch: March 1, 2027 (once)" in ok("--db", str(copy), "show", "ann").stdout
    assert "(once)" not in ok("--db", str(copy), "show", "ann").stdout.split("wedding")[1]
