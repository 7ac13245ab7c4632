"""`connect backup` and `connect restore`: consistent private copies, and restores that check first."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from connect_cli.journal.sqlite import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import Run, damage, integrity, journal_dump, mode, sqlite_only


@pytest.fixture
def filled(ok: Run) -> None:
    ok("add", "Linda Holcman", "-c", "Acme", "-e", "linda@acme.test", "--note", "Coffee at SaaStr")
    ok("add", "Bob Stone", "--like", "jazz")
    ok("log", "linda", "Call about the VP search", "--with", "bob")


@sqlite_only(
    "a default backup is a dated SQLite file beside the journal file; a server's is a pg_dump "
    "archive in the current folder (tests/cli/test_pg_tools.py)"
)
def test_default_backup_is_dated_beside_the_journal_and_private(
    ok: Run, filled: None, journal_file: Path
) -> None:
    printed = Path(ok("backup").stdout.strip())
    assert printed.parent == journal_file.parent
    assert re.fullmatch(r"connect-\d{8}-\d{6}\.db", printed.name)
    assert mode(printed) == 0o600
    assert journal_dump(printed) == journal_dump(journal_file)
    assert not printed.with_name(printed.name + "-wal").exists()  # one self-contained file


@sqlite_only(
    "commits still only in SQLite's -wal file, which a plain file copy would lose: a server "
    "backup is pg_dump's snapshot"
)
def test_a_wal_journal_is_copied_whole(ok: Run, journal_file: Path, tmp_path: Path) -> None:
    """Commits still in the -wal file are part of the backup (a plain copy would lose them)."""
    ok("add", "Linda Holcman")
    holder = sqlite3.connect(journal_file)  # an open reader keeps the WAL from being folded in
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("SELECT count(*) FROM contact").fetchone()
    ok("add", "Bob Stone", "--note", "only in the wal")
    plain = tmp_path / "cp.db"
    plain.write_bytes(journal_file.read_bytes())  # what `cp` would have made
    target = tmp_path / "copy.db"
    ok("backup", str(target))
    holder.close()

    def names(path: Path) -> list[str]:
        connection = sqlite3.connect(path)
        try:
            return [r[0] for r in connection.execute("SELECT name FROM contact ORDER BY name")]
        finally:
            connection.close()

    assert names(target) == ["Bob Stone", "Linda Holcman"]
    assert "Bob Stone" not in names(plain)  # the commit was only in the -wal file


def test_backup_into_a_folder_and_never_over_a_file(
    run: Run, ok: Run, filled: None, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    written = Path(ok("backup", str(folder)).stdout.strip())
    assert written.parent == folder and written.name.startswith("connect-")
    existing = tmp_path / "keep.db"
    existing.write_bytes(b"precious")
    result = run("backup", str(existing))
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert result.stdout == "" and existing.read_bytes() == b"precious"


def test_backup_without_a_journal_or_folder_says_so(run: Run, ok: Run, tmp_path: Path) -> None:
    result = run("backup")
    assert result.exit_code == 1 and "no journal" in result.stderr
    ok("add", "Linda Holcman")
    result = run("backup", str(tmp_path / "missing" / "x.db"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


WRITER = """
import sys
from datetime import date
from pathlib import Path
from connect_cli.journal.sqlite import locate_journal
from connect_cli.core.capture import LogEntry, log_entry
location = locate_journal(sys.argv[1])
stop = Path(sys.argv[2])
for n in range(2000):
    if stop.exists():
        break
    log_entry(location, LogEntry(whos=["linda"], text=f"note {n}"), today=date(2026, 11, 22))
    if n == 0:
        print("ready", flush=True)
"""


@pytest.mark.slow
@sqlite_only(
    "each backup is checked as a SQLite file (integrity_check, its rows counted by sqlite3); a "
    "server backup is a pg_dump archive, pg_dump's own consistent snapshot"
)
def test_backups_taken_while_another_process_writes_are_intact(
    ok: Run, filled: None, journal_file: Path, tmp_path: Path
) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(journal_file), str(tmp_path / "stop")],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    counts = []
    try:
        for n in range(5):
            target = tmp_path / f"b{n}.db"
            ok("backup", str(target))
            assert integrity(target) == "ok"
            assert ok("--db", str(target), "show", "linda", "--json").json()["name"]
            counts.append(
                sqlite3.connect(target).execute("SELECT count(*) FROM interaction").fetchone()[0]
            )
            time.sleep(0.05)
    finally:
        (tmp_path / "stop").touch()
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert counts == sorted(counts)  # each backup is a snapshot at least as new as the last
    assert counts[-1] > counts[0]  # the writer really was writing meanwhile


def _hand_made(path: Path, app_id: int = APPLICATION_ID, version: int = SCHEMA_VERSION) -> Path:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {app_id}")
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    return path


def _garbage(tmp_path: Path, good: Path) -> dict[str, Path]:
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    flipped = tmp_path / "flipped.db"
    data = bytearray(good.read_bytes())
    for offset in range(4096 * 2, len(data), 4096):  # scribble over every page but the first two
        data[offset + 10 : offset + 60] = b"\xa5" * 50
    flipped.write_bytes(bytes(data))
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 200)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    return {
        "truncated": truncated,
        "damaged": flipped,
        "text": text,
        "empty": empty,
        "foreign": _hand_made(tmp_path / "foreign.db", app_id=42),
        "newer": _hand_made(tmp_path / "newer.db", version=SCHEMA_VERSION + 1),
        "missing": tmp_path / "nothing-here.db",
    }


@sqlite_only(
    "the bad files are truncated, scribbled, foreign and newer SQLite journal files; a server's"
    " restore refuses whatever is not its pg_dump archive (tests/cli/test_pg_tools.py)"
)
def test_restore_refuses_bad_files_and_leaves_the_journal_alone(
    run: Run, ok: Run, filled: None, journal_file: Path, tmp_path: Path, dump
) -> None:
    good = Path(ok("backup", str(tmp_path / "good.db")).stdout.strip())
    ok("add", "After Backup")
    before = dump()
    for kind, bad in _garbage(tmp_path, good).items():
        result = run("restore", str(bad), "--yes")
        assert result.exit_code == 1, kind
        assert "Traceback" not in result.stderr and result.stdout == "", kind
        assert result.stderr.startswith("Error: "), kind
        assert dump() == before, kind
    assert "newer version" in run("restore", str(tmp_path / "newer.db"), "--yes").stderr
    assert "not a connect journal" in run("restore", str(tmp_path / "foreign.db"), "--yes").stderr
    assert list(journal_file.parent.glob("*before-restore*")) == []


@sqlite_only(
    "the replaced journal is kept as a private SQLite file beside it, read row by row, and the "
    "new file and its -wal/-shm are checked; a server's restore keeps a pg_dump archive "
    "(tests/cli/test_pg_tools.py)"
)
def test_restore_replaces_the_journal_and_keeps_the_old_one(
    ok: Run, filled: None, journal_file: Path, tmp_path: Path, dump
) -> None:
    good = Path(ok("backup", str(tmp_path / "good.db")).stdout.strip())
    saved = dump()
    ok("add", "After Backup", "--note", "made after the backup")
    replaced = dump()
    out = ok("restore", str(good), "--yes").stdout
    assert dump() == saved
    kept = Path(re.search(r"kept at (.+)\.$", out, re.M).group(1))  # type: ignore[union-attr]
    assert mode(kept) == 0o600 and journal_dump(kept) == replaced
    assert integrity(journal_file) == "ok"
    assert "After Backup" not in ok("list").stdout
    ok("add", "Fresh Start")  # the restored journal takes writes
    for suffix in ("-wal", "-shm"):
        side = journal_file.with_name(journal_file.name + suffix)
        assert not side.exists() or mode(side) == 0o600


@sqlite_only(
    "restore over a SQLite file with scribbled pages and a stale -wal that must not be "
    "replayed: a server database cannot be damaged from outside"
)
def test_restore_over_a_damaged_journal(
    ok: Run, filled: None, journal_file: Path, tmp_path: Path
) -> None:
    good = Path(ok("backup", str(tmp_path / "good.db")).stdout.strip())
    damage(journal_file)
    stale = journal_file.with_name(journal_file.name + "-wal")
    stale.write_bytes(
        b"stale wal of the damaged file" * 100
    )  # must not be replayed onto the backup
    out = ok("restore", str(good), "--yes").stdout
    assert not stale.exists() or b"stale" not in stale.read_bytes()
    assert "kept at" in out
    assert integrity(journal_file) == "ok"
    assert ok("show", "linda", "--json").json()["name"] == "Linda Holcman"


@sqlite_only(
    "a journal file overwritten with bytes that are no SQLite header, moved aside by the user: "
    "a server database is not a file to move"
)
def test_a_journal_damaged_past_recognising_is_moved_aside_by_the_user_first(
    run: Run, ok: Run, filled: None, journal_file: Path, tmp_path: Path
) -> None:
    good = Path(ok("backup", str(tmp_path / "good.db")).stdout.strip())
    journal_file.write_bytes(b"garbage" * 1000)  # no header left: it could be anyone's file
    result = run("restore", str(good), "--yes")
    assert result.exit_code == 1 and "move it aside" in result.stderr
    assert journal_file.read_bytes() == b"garbage" * 1000
    journal_file.rename(tmp_path / "damaged.db")
    ok("restore", str(good), "--yes")
    assert ok("show", "linda", "--json").json()["name"] == "Linda Holcman"


@sqlite_only(
    "a schema-1 SQLite backup file made by the migrations, restored, then the file's PRAGMA "
    "user_version read; a server restores only its own pg_dump archives"
)
def test_an_older_schema_backup_is_restored_then_upgraded(
    ok: Run, journal_file: Path, tmp_path: Path
) -> None:
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write.migrate import upgrade

    old = tmp_path / "old.db"
    upgrade(locate_journal(str(old)), "0001")
    connection = sqlite3.connect(old)
    connection.execute(
        "INSERT INTO contact (name, archived, created_at, updated_at) "
        "VALUES ('Old Friend', 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
    )
    connection.commit()
    connection.close()
    ok("add", "Someone New")
    ok("restore", str(old), "--yes")
    assert [r["name"] for r in ok("list", "--json").json()] == ["Old Friend"]  # type: ignore[index,union-attr]
    connection = sqlite3.connect(journal_file)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_restore_asks_on_a_terminal_and_needs_yes_without_one(
    run: Run, ok: Run, filled: None, tmp_path: Path, dump, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a server journal's restore keeps its copy in the current folder
    good = Path(ok("backup", str(tmp_path / "good.db")).stdout.strip())
    ok("add", "After Backup")
    before = dump()
    result = run("restore", str(good))
    assert result.exit_code == 1 and "--yes" in result.stderr and dump() == before
    from connect_cli.cli.context import Env

    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    result = run("restore", str(good), input="n\n")
    assert result.exit_code == 1 and dump() == before
    result = run("restore", str(good), input="y\n")
    assert result.exit_code == 0 and dump() != before


@sqlite_only(
    "restore makes a new journal file: its mode and its folder's are a file's (a server backup "
    "restores into a database: tests/cli/test_pg_tools.py)"
)
def test_restore_into_a_new_place_makes_a_private_journal(
    ok: Run, filled: None, tmp_path: Path
) -> None:
    good = Path(ok("backup", str(tmp_path / "good.db")).stdout.strip())
    fresh = tmp_path / "new-home" / "connect.db"
    fresh.parent.mkdir(mode=0o755)
    fresh.parent.chmod(0o755)
    out = ok("--db", str(fresh), "restore", str(good), "--yes").stdout
    assert "kept at" not in out  # there was nothing to keep
    assert mode(fresh) == 0o600 and mode(fresh.parent) == 0o755  # the user's folder, as it was
    assert sorted(p.name for p in fresh.parent.iterdir()) == ["connect.db"]
    assert ok("--db", str(fresh), "show", "linda", "--json").json()["name"] == "Linda Holcman"


def test_a_server_backup_restored_into_a_file_says_how_to_move_it(
    run: Run, ok: Run, server_journal: str, tmp_path: Path
) -> None:
    ok("--db", server_journal, "add", "Linda Holcman")
    dumped = Path(
        ok("--db", server_journal, "backup", str(tmp_path / "server.dump")).stdout.strip()
    )
    home = tmp_path / "new-home"
    home.mkdir(mode=0o700)
    result = run("--db", str(home / "connect.db"), "restore", str(dumped), "--yes")
    assert result.exit_code == 1 and result.stdout == ""
    assert "is a backup of a server journal" in result.stderr and "--format json" in result.stderr
    assert list(home.iterdir()) == []  # no journal was made
