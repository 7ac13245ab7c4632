"""Two processes writing at once: every write lands, or the loser is told plainly the journal is busy."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Rows, Run, sqlite_only

LOOP = """
import sys
from datetime import date
from connect_cli.journal.sqlite import locate_journal
from connect_cli.core.capture import LogEntry, log_entry
from connect_cli.domain.errors import JournalBusy
location, tag, count = locate_journal(sys.argv[1]), sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # start together
busy = 0
for n in range(count):
    try:
        log_entry(location, LogEntry(whos=["linda"], text=f"{tag}-{n}"), today=date(2026, 11, 22))
    except JournalBusy:
        busy += 1
print(busy)
"""


def texts(journal_rows: Rows) -> set[str]:
    return {str(r[0]) for r in journal_rows("SELECT text FROM interaction")}


def _check_intact(journal: Path | str, ok: Run) -> None:
    """SQLite's own checks of the file; on a server, `doctor` (references, id sequences, the
    derived last contact, search index and name words)."""
    if isinstance(journal, str):
        ok("doctor")
        return
    connection = sqlite3.connect(journal)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


@pytest.mark.slow
def test_two_processes_logging_at_once_lose_nothing(
    ok: Run, private_journal: Path | str, journal_rows: Rows
) -> None:
    ok("add", "Linda Holcman")
    per_process = int(os.environ.get("CONNECT_STRESS", "100"))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, str(private_journal), tag, str(per_process)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outcomes = [writer.communicate(timeout=300) for writer in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outcomes]
    busy = sum(int(out.strip()) for out, _ in outcomes)
    landed = texts(journal_rows)
    expected = {f"{tag}-{n}" for tag in ("a", "b") for n in range(per_process)}
    print(
        f"\nconcurrency in-process: {len(landed & expected)} of {len(expected)} writes present, {busy} busy refusals"
    )
    assert len(landed & expected) + busy == len(expected)  # every write landed or was refused
    _check_intact(private_journal, ok)


@pytest.mark.slow
def test_two_cli_loops_at_once(
    ok: Run, private_journal: Path | str, journal_rows: Rows, tmp_path: Path
) -> None:
    ok("add", "Linda Holcman")
    per_process = int(os.environ.get("CONNECT_STRESS_CLI", "6"))  # 20 for the full run
    script = (
        'for n in $(seq 1 {count}); do {exe} -m connect_cli log linda "{tag}-$n" '
        '>/dev/null 2>>"{errors}" || echo fail >>"{errors}.codes"; done'
    )
    env = {**os.environ, "CONNECT_DB": str(private_journal)}
    loops = [
        subprocess.Popen(
            [
                "sh",
                "-c",
                script.format(
                    count=per_process,
                    exe=sys.executable,
                    tag=tag,
                    errors=tmp_path / f"err-{tag}",
                ),
            ],
            env=env,
        )
        for tag in ("cli-a", "cli-b")
    ]
    for loop in loops:
        assert loop.wait(timeout=600) == 0
    errors = "".join(p.read_text() for p in tmp_path.glob("err-*") if not p.name.endswith(".codes"))
    failures = sum(p.read_text().count("fail") for p in tmp_path.glob("err-*.codes"))
    assert "Traceback" not in errors
    refusals = errors.count("journal is busy")
    assert failures == refusals  # the only failure allowed is a plain "busy"
    landed = {t for t in texts(journal_rows) if t.startswith("cli-")}
    print(
        f"\nconcurrency CLI: {len(landed)} of {2 * per_process} writes present, {refusals} busy refusals"
    )
    assert len(landed) + refusals == 2 * per_process
    _check_intact(private_journal, ok)


def test_a_held_write_lock_gives_a_plain_busy_message(
    run: Run, ok: Run, private_journal: Path | str, journal_rows: Rows, monkeypatch
) -> None:
    """Past the busy timeout the second writer says so in a sentence: exit 1, no traceback.
    On SQLite another connection holds the file's write lock; on a server another session holds
    connect's one-writer advisory lock (journal/postgres.writer_lock_sql)."""
    ok("add", "Linda Holcman")
    monkeypatch.setattr("connect_cli.journal.sqlite.BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr("connect_cli.journal.postgres.BUSY_TIMEOUT_MS", 100)
    from connect_cli.journal import sqlite as db

    monkeypatch.setattr(
        db, "SQLITE_PRAGMAS", tuple(p.replace("5000", "100") for p in db.SQLITE_PRAGMAS)
    )
    monkeypatch.setattr("connect_cli.write.session.BUSY_TIMEOUT_MS", 100, raising=False)
    if isinstance(private_journal, str):
        import psycopg

        from connect_cli.journal.dialect import WRITER_LOCK

        holder = psycopg.connect(private_journal, autocommit=True)
        holder.execute("BEGIN")
        holder.execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
    else:
        holder = sqlite3.connect(private_journal, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO setting (key, value) VALUES ('limit', '3')")
    try:
        result = run("log", "linda", "while locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1 and result.stdout == ""
    assert "busy" in result.stderr and "Traceback" not in result.stderr
    assert "while locked" not in texts(journal_rows)


def _settings(connection) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        name: connection.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout", "secure_delete")
    }


EXPECTED = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "secure_delete": 1,
}


@sqlite_only(
    "the PRAGMAs of every SQLite connection (WAL, synchronous, secure_delete, busy_timeout); "
    "a server journal's durability and locking are the server's own settings"
)
def test_every_connection_has_the_safety_settings(ok: Run, journal_file: Path) -> None:
    from connect_cli.journal.sqlite import connect_sqlite, locate_journal
    from connect_cli.write.engine import make_engine

    ok("add", "Linda Holcman")
    reader = connect_sqlite(journal_file)
    found = _settings(reader)
    reader.close()
    assert {k: found[k] for k in EXPECTED} == EXPECTED and found["busy_timeout"] >= 2000
    engine = make_engine(locate_journal(str(journal_file)))
    with engine.connect() as connection:
        found = _settings(connection.connection.driver_connection)
    engine.dispose()
    assert {k: found[k] for k in EXPECTED} == EXPECTED and found["busy_timeout"] >= 2000


@sqlite_only(
    "SQLite's deferred-transaction pitfall (a stale WAL snapshot that writes is 'database is "
    "locked' at once) and BEGIN IMMEDIATE; a server's writers queue on an advisory lock instead"
)
def test_writes_begin_immediate_because_deferred_ones_fail_at_once(
    ok: Run, journal_file: Path
) -> None:
    """The pitfall, reproduced: a deferred transaction that later writes fails immediately with
    "database is locked" despite the busy timeout; our write sessions take the lock up front."""
    from sqlalchemy import text

    from connect_cli.journal.sql_functions import register_functions
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write.engine import make_engine

    ok("add", "Linda Holcman")
    first = sqlite3.connect(journal_file, isolation_level=None, timeout=5)
    second = sqlite3.connect(journal_file, isolation_level=None, timeout=5)
    for connection in (first, second):  # the search triggers call connect_terms (migration 0003)
        register_functions(connection)
    first.execute("PRAGMA journal_mode = WAL")
    first.execute("BEGIN")
    first.execute("SELECT count(*) FROM contact").fetchone()  # a read snapshot
    second.execute("BEGIN IMMEDIATE")
    second.execute("UPDATE contact SET title = 'x'")
    second.execute("COMMIT")
    started = time.monotonic()
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        first.execute("UPDATE contact SET title = 'y'")  # snapshot is stale: no waiting helps
    assert time.monotonic() - started < 1
    first.execute("ROLLBACK")
    first.close()
    second.close()
    # Our engine's BEGIN is IMMEDIATE: while it is open, another writer cannot start.
    engine = make_engine(locate_journal(str(journal_file)))
    with engine.begin() as connection:
        connection.execute(text("SELECT 1"))
        probe = sqlite3.connect(journal_file, isolation_level=None, timeout=0.05)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            probe.execute("BEGIN IMMEDIATE")
        probe.close()
    engine.dispose()


def test_wal_falls_back_to_a_rollback_journal(monkeypatch) -> None:
    """Where WAL is impossible (some network file systems), the journal uses DELETE mode."""
    from connect_cli.journal.sqlite import apply_pragmas

    class NoWal:
        def __init__(self) -> None:
            self.said: list[str] = []

        def execute(self, sql: str):  # type: ignore[no-untyped-def]
            self.said.append(sql)
            return self

        def fetchone(self) -> tuple[str]:
            return ("delete",)

    connection = NoWal()
    apply_pragmas(connection)  # type: ignore[arg-type]
    assert connection.said[-1] == "PRAGMA journal_mode = DELETE"
