"""Faults: a kill in the middle of a big write, a full disk, a read-only journal.

Each leaves an intact journal without partial work, and says a sentence instead of a traceback.
The real full disk and read-only file system use a small tmpfs (root only, skipped elsewhere);
simulated versions of both run everywhere.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ON_SERVER, PG_URL, Run, integrity, journal_dump, sqlite_only

BIG_WRITE = """
import sys, time
from connect_cli.journal.sqlite import locate_journal
from connect_cli.write.session import write_session
location = locate_journal(sys.argv[1])
with write_session(location) as session:
    connection = session.connection()
    for chunk in range(20):  # 200,000 interactions in one transaction, as a big import would
        rows = [{"d": "2026-01-01", "t": f"bulk {chunk}-{n}"} for n in range(10_000)]
        connection.exec_driver_sql(
            "INSERT INTO interaction (happened_on, kind, text, created_at) "
            "VALUES (:d, 'note', :t, '2026-01-01 00:00:00')", rows)
        connection.exec_driver_sql(
            "INSERT INTO participant (interaction_id, contact_id, happened_on) "
            "SELECT id, 1, happened_on FROM interaction WHERE text LIKE :p", {"p": f"bulk {chunk}-%"})
        print(chunk, flush=True)
    print("inserted", flush=True)
    time.sleep(60)  # still inside the transaction: the kill always lands before COMMIT
"""


@pytest.mark.slow
@sqlite_only(
    "kill -9 inside one open SQLite write transaction, then the file's integrity_check: on a "
    "server, rolling back a killed client is PostgreSQL's own (tests/cli/test_postgres.py kills"
    " a server import)"
)
def test_kill_9_during_a_big_write_leaves_the_journal_as_it_was(
    ok: Run, journal_file: Path, dump
) -> None:
    ok("add", "Linda Holcman", "--note", "before the big write")
    before = dump()
    rng = random.Random(20261122)
    kills = int(os.environ.get("CONNECT_KILLS", "3"))
    moments = []
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-c", BIG_WRITE, str(journal_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        target = rng.randrange(0, 21)  # after chunk N (20 = all inserted, not committed)
        for line in child.stdout:
            if line.strip() == ("inserted" if target == 20 else str(target)):
                break
        time.sleep(rng.uniform(0, 0.2))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        moments.append(target)
        assert integrity(journal_file) == "ok"
        assert dump() == before
        ok("log", "linda", "after a kill")  # the journal takes writes again
        before = dump()
    print(f"\nkill -9: {kills} of {kills} kills survived (after chunks {moments})")


@contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    where.mkdir(mode=0o700)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


def sentence_only(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") <= 3


def test_a_full_disk_gives_a_sentence_and_keeps_the_journal(
    ok: Run, run: Run, tmp_path: Path
) -> None:
    with tmpfs(tmp_path / "small", "1m") as small:
        journal = small / "connect.db"
        ok("--db", str(journal), "add", "Linda Holcman")
        outside = tmp_path / "outside.db"
        ok("--db", str(journal), "backup", str(outside))
        rng = random.Random(7)
        for _ in range(40):
            before = journal_dump(journal)
            note = "".join(rng.choice("abcdefghij") for _ in range(90_000))
            result = run("--db", str(journal), "log", "linda", note)
            if result.exit_code != 0:
                break
        else:
            pytest.fail("the disk never filled up")
        sentence_only(result)
        assert "disk is full" in result.stderr
        assert integrity(journal) == "ok" and journal_dump(journal) == before
        _fill(small / "filler")  # whatever space the rolled-back write gave back
        result = run("--db", str(journal), "backup", str(small / "copy.db"))
        sentence_only(result)
        assert not (small / "copy.db").exists()  # no partial backup left behind
        result = run("--db", str(journal), "restore", str(outside), "--yes")
        sentence_only(result)
        (small / "filler").unlink()  # room again for this test's own connection's -shm
        assert integrity(journal) == "ok" and journal_dump(journal) == before
        assert [p.name for p in small.iterdir() if "restor" in p.name] == []


def test_a_read_only_journal_gives_a_sentence(ok: Run, run: Run, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "2m") as folder:
        journal = folder / "connect.db"
        ok("--db", str(journal), "add", "Linda Holcman", "--note", "hello")
        before = journal_dump(journal)
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        cannot_open = "could not open"  # WAL needs its -shm beside the journal, even to read
        commands = (
            (["log", "linda", "x"], cannot_open),
            (["add", "Bob"], cannot_open),
            (["forget", "linda", "--yes"], cannot_open),
            (["backup"], "(read-only file system)"),
            (["list"], cannot_open),
            (["restore", str(folder / "connect.db"), "--yes"], "is the journal itself"),
        )
        for args, words in commands:
            result = run("--db", str(journal), *args)
            sentence_only(result)
            assert words in result.stderr.lower(), result.stderr
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
        assert journal_dump(journal) == before and integrity(journal) == "ok"


def _raise_sql(message: str, server_fault: tuple[str, str]):  # type: ignore[no-untyped-def]
    """A write that fails as the journal's database would: SQLite's words for a file journal,
    the server's error (psycopg's class for its SQLSTATE) on a server."""
    from sqlalchemy import exc

    if ON_SERVER:
        import psycopg

        name, words = server_fault
        error: Exception = getattr(psycopg.errors, name)(words)
        base: type[Exception] = psycopg.Error
    else:
        error, base = sqlite3.OperationalError(message), sqlite3.Error

    def fail(*_args: object, **_kwargs: object) -> None:
        raise exc.DBAPIError.instance(
            "INSERT INTO interaction (text) VALUES (?)", {"text": "secret note"}, error, base
        )

    return fail


@pytest.mark.parametrize(
    ("message", "server_fault", "said"),
    [
        (
            "database or disk is full",
            ("DiskFull", 'could not extend file "base/1/2": No space left on device'),
            "disk is full",
        ),
        (
            "attempt to write a readonly database",
            ("ReadOnlySqlTransaction", "cannot execute INSERT in a read-only transaction"),
            "read-only",
        ),
        (
            "disk I/O error",
            ("IoError", 'could not read block 0 in file "base/1/2": Input/output error'),
            "disk is full or failing",
        ),
    ],
    ids=["disk full", "read-only", "I/O error"],
)
def test_simulated_write_faults_give_a_sentence(
    run: Run, ok: Run, dump, monkeypatch, message: str, server_fault: tuple[str, str], said: str
) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    monkeypatch.setattr(
        "connect_cli.write.interactions.log_interaction", _raise_sql(message, server_fault)
    )
    result = run("log", "linda", "secret note")
    sentence_only(result)
    assert said in result.stderr and "secret" not in result.stderr
    assert dump() == before


def test_a_read_only_server_journal_gives_a_sentence(
    ok: Run, run: Run, server_journal: str
) -> None:
    """A real one: the database made read-only by its settings, as a standby would be."""
    ok("--db", server_journal, "add", "Linda Holcman", "--note", "hello")
    before = journal_dump(server_journal)
    name = server_journal.rsplit("/", 1)[1]
    with psycopg_admin() as connection:
        connection.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    for args in (["log", "linda", "secret note"], ["add", "Bob"], ["forget", "linda", "--yes"]):
        result = run("--db", server_journal, *args)
        sentence_only(result)
        assert "is read-only" in result.stderr and "secret" not in result.stderr
    assert ok("--db", server_journal, "list", "--json").json()[0]["name"] == "Linda Holcman"  # type: ignore[index]
    assert journal_dump(server_journal) == before


@contextmanager
def psycopg_admin() -> Iterator[Any]:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as connection:
        yield connection


def _big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("First Name,Last Name,E-mail Address,Company,Notes\n")
        for n in range(rows):
            out.write(f"Person{n},Bulk{n},p{n}@bulk.test,Firm {n % 97},note {n}\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("command", ["demo", "import"])
def test_kill_9_during_a_real_big_command(
    ok: Run, private_journal: Path | str, tmp_path: Path, dump, command: str
) -> None:
    """The whole command is one transaction on a file and on a server: a kill leaves nothing of
    it (and, on SQLite, a file that passes its integrity check)."""
    ok("where")
    ok("config", "limit", "5")  # creates the (empty) journal
    if command == "demo":
        argv = ["demo", "--contacts", "2000", "--interactions", "200000"]
    else:
        argv = ["import", str(_big_csv(tmp_path / "big.csv", 200_000)), "--yes"]
    before = dump()
    rng = random.Random(command)
    killed = 0
    for _ in range(2):
        child = subprocess.Popen(
            [sys.executable, "-m", "connect_cli", *argv],
            env={**os.environ, "CONNECT_DB": str(private_journal)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(1.0, 3.0))
        child.send_signal(signal.SIGKILL)
        if child.wait(timeout=30) != -signal.SIGKILL:
            continue  # it finished first: nothing to prove this round
        killed += 1
        if isinstance(private_journal, Path):
            assert integrity(private_journal) == "ok"
        assert dump() == before
    print(f"\nkill -9 during {command}: {killed} kills, journal intact and unchanged each time")
    assert killed > 0
