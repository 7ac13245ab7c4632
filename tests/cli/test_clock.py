"""One clock: CONNECT_TODAY moves every date and stamp the product writes, and only
connect_cli/clock.py reads the system time."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from connect_cli.domain.clock import current, local_day, read_clock, start_run, utc_now
from connect_cli.domain.errors import InputError
from tests.conftest import TESTS, Run, sqlite_only

PACKAGE = TESTS.parent / "connect_cli"
PINNED = "2026-11-26"
# Ways Python or SQLite can read the wall clock; perf_counter and monotonic measure durations only.
SYSTEM_TIME = re.compile(
    r"\b(?:datetime|date)\.(?:now|today|utcnow)\s*\("
    r"|\btime\.(?:time|time_ns|localtime|gmtime|ctime)\s*\("
    r"|['\"]now['\"]"
    r"|\bCURRENT_(?:TIMESTAMP|DATE|TIME)\b"
)


def system_time_reads(source: str) -> list[str]:
    return [line.strip() for line in source.splitlines() if SYSTEM_TIME.search(line)]


@pytest.mark.parametrize(
    "line",
    [
        "x = datetime.now(UTC)",
        "day = date.today()",
        "t = time.time()",
        "stamp = datetime.utcnow()",
        "SELECT date('now')",
        "DEFAULT CURRENT_TIMESTAMP",
    ],
)
def test_the_scanner_sees_each_way_of_reading_the_clock(line: str) -> None:
    assert system_time_reads(line) == [line]


def test_the_scanner_leaves_durations_and_names_alone() -> None:
    assert system_time_reads("start = time.perf_counter()\nknown = 'nowhere'\nnow = clock") == []


def test_no_module_but_the_clock_reads_the_system_time() -> None:
    readers = {
        str(path.relative_to(PACKAGE)): found
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "clock.py" and (found := system_time_reads(path.read_text("utf-8")))
    }
    assert readers == {}


def test_a_pinned_day_keeps_the_time_of_day_on_that_day() -> None:
    clock = read_clock({"CONNECT_TODAY": PINNED})
    assert clock.today == date(2026, 11, 26)
    assert clock.moment.date() == clock.today and clock.moment.tzinfo is not None
    assert local_day(clock.utc) == clock.today


@pytest.mark.parametrize("pin", ["2026-02-30", "tomorrow", "26/11/2026", "2026-11"])
def test_a_bad_pin_is_one_sentence(pin: str) -> None:
    with pytest.raises(InputError, match="CONNECT_TODAY must be a date like"):
        read_clock({"CONNECT_TODAY": pin})


def test_unpinned_is_the_system_day() -> None:
    clock = read_clock({})
    assert clock.today == clock.moment.date()
    assert abs((clock.utc - datetime.now(UTC)).total_seconds()) < 60


def test_a_run_reads_its_clock_once() -> None:
    start_run({"CONNECT_TODAY": "2024-02-29"})
    assert current().today == date(2024, 2, 29)
    assert utc_now() == current().utc  # the same moment, however often it is asked for


def test_local_day_reads_a_naive_stamp_as_utc() -> None:
    naive = datetime(2026, 11, 26, 12, 0)
    assert local_day(naive) == local_day(naive.replace(tzinfo=UTC))


# --- as a user sees it -----------------------------------------------------------------------


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONNECT_TODAY", PINNED)


def test_a_promise_is_kept_on_the_pinned_day(ok: Run, run: Run, pinned: None) -> None:
    ok("add", "Linda Holcman")
    ok("log", "linda", "Call", "--follow-up", "Send the deck")
    ok("done", "1")
    kept = ok("followups", "--all", "--json").json()
    assert [local_day(datetime.fromisoformat(p["done_at"])).isoformat() for p in kept] == [PINNED]
    again = run("done", "1")
    assert again.exit_code == 1 and f"already kept on {PINNED}" in again.stderr


def test_backup_names_follow_the_pinned_day(
    ok: Run,
    pinned: None,
    private_journal: Path | str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # a server journal's backup goes to the current folder
    ok("add", "Linda Holcman")
    written = Path(ok("backup").stdout.strip())
    if isinstance(private_journal, Path):  # a file's copy goes beside it
        folder, suffix = private_journal.parent, "db"
    else:
        folder, suffix = tmp_path, "dump"
    assert written.parent == folder
    assert re.fullmatch(rf"connect-20261126-\d{{6}}\.{suffix}", written.name)


def test_stamps_follow_the_pinned_day(ok: Run, pinned: None) -> None:
    ok("add", "Linda Holcman", "--note", "Coffee")
    journal = ok("export", "--format", "json").json()
    rows = [
        (table, row) for table in ("contacts", "facts", "interactions") for row in journal[table]
    ]
    stamps = [
        datetime.fromisoformat(r[k])
        for _, r in rows
        for k in ("created_at", "updated_at")
        if k in r
    ]
    assert {table for table, _ in rows} == {"contacts", "interactions"} and len(stamps) == 3
    assert {local_day(s).isoformat() for s in stamps} == {PINNED}


def test_the_calendar_stamp_follows_the_pinned_day(ok: Run, pinned: None) -> None:
    ok("add", "Linda Holcman", "--birthday", "04-15")
    calendar = ok("export", "--format", "ics").stdout
    stamps = re.findall(r"DTSTAMP:(\d{8})T\d{6}Z", calendar)
    expected = read_clock({"CONNECT_TODAY": PINNED}).utc.strftime("%Y%m%d")
    assert stamps and set(stamps) == {expected}


@sqlite_only("the kept journal of schema 1 is a SQLite file; no server journal had it")
def test_an_upgrade_backup_is_named_for_the_pinned_day(
    ok: Run, pinned: None, journal_file: Path
) -> None:
    journal_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(TESTS / "journals" / "v1.db", journal_file)
    journal_file.chmod(0o600)
    ok("list")
    expected = read_clock({"CONNECT_TODAY": PINNED}).utc.strftime("%Y%m%d")
    names = [p.name for p in journal_file.parent.glob("*before-upgrade*")]
    assert len(names) == 1 and f"before-upgrade-{expected}T" in names[0]
