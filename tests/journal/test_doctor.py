"""`connect doctor`: says what is fine, what is not and what to do; exit 1 when anything is wrong."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from connect_cli.journal.sql_functions import register_functions
from tests.conftest import ON_SERVER, Rows, Run, damage, sqlite_only


def checks_of(result) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {c["name"]: c for c in result.json()["checks"]}


def test_a_healthy_journal(ok: Run) -> None:
    ok("add", "Linda Holcman", "--note", "hello")
    out = ok("doctor").stdout
    assert "✗" not in out and out.count("✓") >= 6 and "Everything is fine" in out
    doc = ok("doctor", "--json").json()
    assert doc["ok"] is True  # type: ignore[index]
    # A server keeps its own files: the file checks are one line saying they do not apply.
    own = (
        {"files", "ids"}
        if ON_SERVER
        else {"integrity", "file permissions", "folder permissions", "location", "name words"}
    )
    assert set(checks_of(ok("doctor", "--json"))) >= {
        "references",
        "schema",
        "search index",
        "last contact",
        *own,
    }


@sqlite_only(
    "the platform's default journal path (no --db, no CONNECT_DB) is a SQLite file; a server "
    "journal is always named by its URL"
)
def test_no_journal_yet_is_fine_and_not_created(ok: Run, default_journal: Path) -> None:
    assert "no journal" in ok("doctor").stdout
    assert not default_journal.exists() and not default_journal.parent.exists()


@sqlite_only(
    "a named journal file that does not exist; a server's missing database is "
    "tests/cli/test_postgres.py's"
)
def test_a_missing_journal_the_user_named_is_an_error(run: Run, journal_file: Path) -> None:
    result = run("doctor")
    assert result.exit_code == 1 and "There is no journal at" in result.stderr
    assert "connect where" in result.stderr and not journal_file.exists()


@sqlite_only("file modes: a server database has no owner-only file or folder to check")
def test_loose_permissions_are_reported_with_the_fix(run: Run, ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman")
    journal_file.chmod(0o644)
    journal_file.parent.chmod(0o755)
    result = run("doctor")
    assert result.exit_code == 1
    assert "✗ file permissions" in result.stdout and f"chmod 600 {journal_file}" in result.stdout
    assert "✗ folder permissions" in result.stdout and "chmod 700" in result.stdout


@sqlite_only("SQLite's -wal/-shm side files and their modes: a server keeps its own WAL")
def test_loose_wal_and_shm_files_are_reported(run: Run, ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman")
    holder = sqlite3.connect(journal_file)  # keeps -wal and -shm in place
    holder.execute("SELECT count(*) FROM contact").fetchone()
    wal = journal_file.with_name(journal_file.name + "-wal")
    assert wal.exists()
    wal.chmod(0o644)
    result = run("doctor")
    holder.close()
    assert result.exit_code == 1 and f"chmod 600 {wal}" in result.stdout


@pytest.mark.parametrize(
    "folder",
    ["Dropbox", "Library/Mobile Documents/com~apple~CloudDocs", "OneDrive", "Google Drive"],
)
def test_a_journal_in_a_synced_folder_is_warned_about(
    run: Run, ok: Run, tmp_path: Path, folder: str
) -> None:
    journal = tmp_path / folder / "connect.db"
    journal.parent.mkdir(parents=True)
    ok("--db", str(journal), "add", "Linda Holcman")
    result = run("--db", str(journal), "doctor", "--json")
    assert result.exit_code == 1
    location = checks_of(result)["location"]
    assert location["ok"] is False and "connect backup" in location["advice"]


@sqlite_only(
    "pages of a SQLite file scribbled over, found by PRAGMA integrity_check: a server's storage"
    " is PostgreSQL's to check"
)
def test_damaged_journal(run: Run, ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman", "--note", "coffee")
    for suffix in ("-wal", "-shm"):
        journal_file.with_name(journal_file.name + suffix).unlink(missing_ok=True)
    damage(journal_file)
    result = run("doctor")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "✗ integrity" in result.stdout and "connect restore" in result.stdout


@sqlite_only(
    "a journal file overwritten with bytes that are no SQLite header: a server database cannot "
    "be scribbled over from outside"
)
def test_a_journal_damaged_past_recognising_is_left_alone(
    run: Run, ok: Run, journal_file: Path
) -> None:
    ok("add", "Linda Holcman")
    journal_file.write_bytes(b"garbage" * 2000)
    for suffix in ("-wal", "-shm"):
        journal_file.with_name(journal_file.name + suffix).unlink(missing_ok=True)
    result = run("doctor")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "damaged or not a connect journal" in result.stderr
    assert "connect restore" in result.stderr and result.stdout == ""
    assert journal_file.read_bytes() == b"garbage" * 2000


def test_broken_references_are_reported(
    run: Run, ok: Run, private_journal: Path | str, journal_rows: Rows
) -> None:
    ok("add", "Linda Holcman", "--like", "tea")
    dangling = (
        "INSERT INTO fact (contact_id, kind, text, created_at) "
        "VALUES (999, 'like', 'x', '2026-01-01')"
    )
    if ON_SERVER:  # foreign keys unchecked, as a load with triggers off leaves them
        journal_rows("ALTER TABLE fact DISABLE TRIGGER ALL")
        journal_rows(dangling)
        journal_rows("ALTER TABLE fact ENABLE TRIGGER ALL")
    else:
        assert isinstance(private_journal, Path)
        connection = sqlite3.connect(private_journal)  # foreign keys off: make a dangling row
        register_functions(connection)  # the search triggers call connect_terms (migration 0003)
        connection.execute(dangling)
        connection.commit()
        connection.close()
    result = run("doctor", "--json")
    assert result.exit_code == 1
    references = checks_of(result)["references"]
    assert references["ok"] is False and "fact" in references["detail"]


def test_a_newer_schema_is_reported(
    run: Run, ok: Run, private_journal: Path | str, journal_rows: Rows
) -> None:
    ok("add", "Linda Holcman", "--like", "tea")
    if ON_SERVER:
        journal_rows("UPDATE connect_journal SET schema_version = 99")
    else:
        journal_rows("PRAGMA user_version = 99")
    result = run("doctor", "--json")
    assert result.exit_code == 1
    schema = checks_of(result)["schema"]
    assert schema["ok"] is False and "newer" in schema["detail"]


@sqlite_only(
    "an FTS5 table whose shadow table is corrupted by hand: a server's search index has no FTS5"
    " tables"
)
def test_a_full_text_index_is_checked(run: Run, ok: Run, journal_file: Path) -> None:
    """Whatever FTS5 table the journal has is checked; a broken one is reported."""
    ok("add", "Linda Holcman")
    connection = sqlite3.connect(journal_file)
    connection.execute("CREATE VIRTUAL TABLE doctor_probe USING fts5(body)")
    connection.execute("INSERT INTO doctor_probe (body) VALUES ('sailing with Linda')")
    connection.commit()
    assert checks_of(run("doctor", "--json"))["search index"]["ok"] is True
    # Corrupt the index structure itself (its shadow table), as a crash in a bad tool might.
    connection.execute("DELETE FROM doctor_probe_data WHERE id > 10")
    connection.commit()
    connection.close()
    result = run("doctor", "--json")
    assert result.exit_code == 1 and checks_of(result)["search index"]["ok"] is False
