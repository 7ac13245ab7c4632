"""Races a user can start: `restore` and a schema upgrade while `connect log` runs in other processes.

Every `log` that says it saved its note must find it afterwards: in the journal, or (for a restore)
in the `-before-restore` copy taken under the journal's write lock. The quick form runs in the
suite (a few restores, a few seconds); CONNECT_RACE_ROUNDS and CONNECT_RACE_WRITERS run it longer,
and `pytest -s` prints the figures (writes attempted / saved / found).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import TESTS, Run, sqlite_only

# The two races made certain below wait, in one process, for a lock another thread holds; under
# libfaketime (CI's second and third runs, with the system clock faked) SQLite's busy wait gives
# up at once ("database is locked"). They are about locks, not the clock: the suite's own run
# holds them, and the subprocess races here run under every clock.
UNDER_FAKED_CLOCK = "faketime" in os.environ.get("LD_PRELOAD", "") or "FAKETIME" in os.environ
threads_wait_for_locks = pytest.mark.skipif(
    UNDER_FAKED_CLOCK, reason="libfaketime breaks SQLite's busy wait between threads"
)

ROUNDS = int(os.environ.get("CONNECT_RACE_ROUNDS", "3"))
WRITERS = int(os.environ.get("CONNECT_RACE_WRITERS", "2"))
CONNECT = [sys.executable, "-m", "connect_cli"]


def connect(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CONNECT, *args], capture_output=True, text=True, timeout=120, env=os.environ.copy()
    )


def texts(path: Path) -> set[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT text FROM interaction")}
    finally:
        connection.close()


def server_texts(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        return {row[0] for row in connection.execute("SELECT text FROM interaction")}


def archive_texts(archive: Path) -> set[str]:
    """The interaction texts in a server journal's pg_dump archive (its COPY data)."""
    from connect_cli.journal.pg_tools import tool

    script = subprocess.run(
        [tool("pg_restore"), "--data-only", "--table=interaction", "-f", "-", str(archive)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found: set[str] = set()
    columns: list[str] | None = None
    for line in script.splitlines():
        if columns is None:
            if line.startswith("COPY ") and ".interaction (" in line:
                columns = [c.strip() for c in line.split("(", 1)[1].split(")", 1)[0].split(",")]
            continue
        if line == "\\.":
            break
        found.add(line.split("\t")[columns.index("text")])
    return found


def saved_anywhere(journal: Path | str, kept_in: Path) -> set[str]:
    """Every interaction text in the journal and in the copies a restore kept of it: beside the
    journal file on SQLite, in the current folder (KEPT_IN) as pg_dump archives on a server."""
    if isinstance(journal, Path):
        found = texts(journal)
        for kept in journal.parent.glob("*-before-restore*.db"):
            found |= texts(kept)
        return found
    found = server_texts(journal)
    for kept in kept_in.glob("*-before-restore*.dump"):
        found |= archive_texts(kept)
    return found


class Writers:
    """WRITERS threads, each running `connect log` in a new process, one after another, until
    `enough` (at least `least` each)."""

    def __init__(self, who: str, least: int = 0) -> None:
        self.who, self.least = who, least
        self.enough = threading.Event()
        self.saved: list[str] = []
        self.attempted = 0
        self.failures: list[str] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._write, args=(n,)) for n in range(WRITERS)]

    def _write(self, writer: int) -> None:
        n = 0
        while n < self.least or not self.enough.is_set():
            text = f"race-{writer}-{n}"
            n += 1
            result = connect("log", self.who, text)
            with self.lock:
                self.attempted += 1
                if result.returncode == 0:
                    self.saved.append(text)
                elif "busy" not in result.stderr:  # busy is a plain refusal: nothing saved
                    self.failures.append(result.stderr)

    def __enter__(self) -> Writers:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.enough.set()
        for thread in self.threads:
            thread.join()


# A race: it loses a write only when a `log` lands in the gap, so on a server it may pass.
def test_no_write_is_lost_to_a_restore_running_beside_writers(
    ok: Run, private_journal: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where a server journal's restore keeps its copy
    ok("add", "Linda Holcman")
    ok("log", "linda", "before the backup")
    backup = tmp_path / ("backup.db" if isinstance(private_journal, Path) else "backup.dump")
    ok("backup", str(backup))
    restores = 0
    with Writers("linda") as writers:
        for _ in range(ROUNDS):
            result = connect("restore", str(backup), "--yes")
            assert result.returncode == 0, result.stderr
            restores += 1
    assert writers.failures == []
    found = saved_anywhere(private_journal, tmp_path)
    lost = sorted(set(writers.saved) - found)
    print(
        f"\nrestore race: {restores} restores, {writers.attempted} logs attempted, "
        f"{len(writers.saved)} saved, {len(set(writers.saved) & found)} found, {len(lost)} lost"
    )
    assert writers.saved and restores > 1  # the race really ran
    assert lost == []


@sqlite_only(
    "a schema-1 journal file (tests/journals/v1.db) and the before-upgrade file copies its "
    "upgrade keeps; a server upgrades in one transaction and keeps no copy"
)
def test_an_upgrade_raced_by_writers_keeps_a_true_before_upgrade_copy(
    journal_file: Path,
) -> None:
    shutil.copyfile(TESTS / "journals" / "v1.db", journal_file)
    journal_file.chmod(0o600)
    before = texts(journal_file)
    who = _someone(journal_file)
    with Writers(who, least=ROUNDS) as writers:
        pass
    assert writers.failures == []
    copies = sorted(journal_file.parent.glob("*before-upgrade*"))
    versions = [_user_version(copy) for copy in copies]
    print(
        f"\nupgrade race: {writers.attempted} logs attempted, {len(writers.saved)} saved, "
        f"{len(set(writers.saved) & texts(journal_file))} found, "
        f"before-upgrade copies {len(copies)} at schema {versions}"
    )
    assert copies and set(versions) == {1}  # never a copy of the upgraded journal
    assert all(texts(copy) == before for copy in copies)
    assert set(writers.saved) <= texts(journal_file)


def _someone(journal: Path) -> str:
    connection = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    try:
        return "#" + str(connection.execute("SELECT min(id) FROM contact").fetchone()[0])
    finally:
        connection.close()


def _user_version(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


@threads_wait_for_locks
def test_a_log_committing_between_the_copy_and_the_swap_is_kept(
    ok: Run,
    private_journal: Path | str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The race made certain: a `log` starts right after restore copied the current journal
    (on a server: right after its pg_dump of the journal it replaces)."""
    from connect_cli.core.capture import LogEntry, log_entry
    from connect_cli.journal import backup as journal_backup
    from connect_cli.journal import pg_tools
    from connect_cli.journal.sqlite import locate_journal

    monkeypatch.chdir(tmp_path)  # where a server journal's restore keeps its copy
    ok("add", "Linda Holcman")
    backup = tmp_path / ("backup.db" if isinstance(private_journal, Path) else "backup.dump")
    ok("backup", str(backup))
    keep_current = journal_backup._keep_current
    dump_current = pg_tools._dump
    location = locate_journal(str(private_journal))
    errors: list[BaseException] = []

    def log() -> None:
        try:
            log_entry(
                location, LogEntry(whos=["linda"], text="in the gap"), today=date(2026, 11, 22)
            )
        except BaseException as error:
            errors.append(error)

    writer = threading.Thread(target=log)

    def keep_then_log(journal: Path, now: datetime) -> Path | None:
        kept = keep_current(journal, now)
        writer.start()
        writer.join(timeout=2)  # it commits now, or waits for the restore's lock
        return kept

    def dump_then_log(location: object, schema: str, target: Path) -> Path:
        kept = dump_current(location, schema, target)  # type: ignore[arg-type]
        writer.start()
        writer.join(timeout=2)  # it commits now, or waits for the restore's lock
        return kept

    monkeypatch.setattr(journal_backup, "_keep_current", keep_then_log)
    monkeypatch.setattr(pg_tools, "_dump", dump_then_log)
    ok("restore", str(backup), "--yes")
    writer.join()
    assert errors == []
    assert "in the gap" in saved_anywhere(private_journal, tmp_path)


@threads_wait_for_locks
@sqlite_only(
    "a schema-1 journal file (tests/journals/v1.db) and the before-upgrade file copy its "
    "upgrade keeps; a server upgrades in one transaction and keeps no copy"
)
def test_an_upgrade_that_finishes_while_another_copies_leaves_no_upgraded_copy(
    ok: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race made certain: a second `log` upgrades the v1 journal just as the first copies it."""
    from connect_cli.core.capture import LogEntry, log_entry
    from connect_cli.journal import backup as journal_backup
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write import migrate

    shutil.copyfile(TESTS / "journals" / "v1.db", journal_file)
    journal_file.chmod(0o600)
    who = _someone(journal_file)
    copy_journal = journal_backup.copy_journal
    location = locate_journal(str(journal_file))
    errors: list[BaseException] = []

    def log() -> None:
        try:
            log_entry(location, LogEntry(whos=[who], text="second"), today=date(2026, 11, 22))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    writer = threading.Thread(target=log)

    def other_upgrade_then_copy(source: Path, target: Path) -> None:
        if not writer.is_alive() and not writer.ident:
            monkeypatch.setattr(journal_backup, "copy_journal", copy_journal)
            monkeypatch.setattr(migrate, "copy_journal", copy_journal, raising=False)
            writer.start()
            writer.join(timeout=2)  # it upgrades now, or waits for this upgrade's lock
        copy_journal(source, target)

    monkeypatch.setattr(journal_backup, "copy_journal", other_upgrade_then_copy)
    monkeypatch.setattr(migrate, "copy_journal", other_upgrade_then_copy, raising=False)
    ok("log", who, "first")
    writer.join()
    assert errors == []
    copies = sorted(journal_file.parent.glob("*before-upgrade*"))
    assert copies and {_user_version(copy) for copy in copies} == {1}
    assert {"first", "second"} <= texts(journal_file)
