"""Where the journal lives, how it is created, and that it stays private."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from connect_cli.journal.sqlite import APPLICATION_ID, SCHEMA_VERSION, locate_journal
from tests.conftest import ON_SERVER, Rows, Run, mode, sqlite_only


@sqlite_only(
    "file modes of the journal, its folder and its -wal/-shm: a server database has no file of "
    "the user's to keep private"
)
def test_journal_is_owner_only(ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman")
    assert mode(journal_file) == 0o600
    assert mode(journal_file.parent) == 0o700
    for suffix in ("-wal", "-shm"):
        side = journal_file.with_name(journal_file.name + suffix)
        if side.exists():
            assert mode(side) == 0o600


@sqlite_only("file modes: a server database has no file of the user's to chmod back")
def test_a_journal_made_readable_is_made_private_again(ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman")
    journal_file.chmod(0o644)
    ok("list")
    assert mode(journal_file) == 0o600


@sqlite_only(
    "`where` of a file journal prints its path (a sqlite:/// URL too); a server's URL, shown "
    "without its password, is tests/cli/test_postgres.py's"
)
def test_where_prints_the_location(ok: Run, journal_file: Path, tmp_path: Path) -> None:
    assert ok("where").stdout.strip() == str(journal_file)
    other = tmp_path / "other.db"
    assert ok("--db", str(other), "where").stdout.strip() == str(other)
    assert ok("--db", f"sqlite:///{other}", "where").stdout.strip() == str(other)


def test_db_option_beats_environment(ok: Run, tmp_path: Path) -> None:
    """--db (a file here) beats CONNECT_DB (the test's journal: a file, or a server's URL)."""
    other = tmp_path / "elsewhere" / "j.db"
    other.parent.mkdir()
    ok("add", "From The Environment")
    ok("--db", str(other), "add", "Only Here")
    assert other.exists()
    assert [p["name"] for p in ok("list", "--json").json()] == ["From The Environment"]  # type: ignore[index,union-attr]


def test_default_location_is_the_platform_data_dir(monkeypatch) -> None:
    monkeypatch.delenv("CONNECT_DB")
    location = locate_journal(None)
    assert location.path is not None and location.path.name == "connect.db"
    assert "connect" in str(location.path.parent)


@sqlite_only(
    "a SQLite file's header (application_id, user_version), its WAL journal mode and PRAGMA "
    "index_list; a server journal's stamp is connect_journal (tests/cli/test_postgres.py)"
)
def test_schema_comes_from_the_migration_and_is_marked(ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman")
    connection = sqlite3.connect(journal_file)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[1]: r for r in connection.execute("PRAGMA index_list(participant)")}
    assert "ix_participant_contact_day" in indexes
    cols = [r[2] for r in connection.execute("PRAGMA index_info(ix_participant_contact_day)")]
    assert cols == ["contact_id", "happened_on"]


def test_a_file_that_is_not_a_journal_is_refused(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    connection = sqlite3.connect(other)
    connection.execute("PRAGMA application_id = 42")
    connection.execute("CREATE TABLE x (y)")
    connection.commit()
    connection.close()
    result = run("--db", str(other), "list")
    assert result.exit_code == 1 and "not a connect journal" in result.stderr


def test_garbage_file_is_refused_with_a_sentence(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "garbage.db"
    other.write_bytes(b"this is not sqlite at all" * 100)
    result = run("--db", str(other), "list")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "damaged or not a connect journal" in result.stderr


def test_newer_journal_is_refused(run: Run, ok: Run, journal_rows: Rows, dump) -> None:
    ok("add", "Linda Holcman")
    if ON_SERVER:
        journal_rows("UPDATE connect_journal SET schema_version = ?", (SCHEMA_VERSION + 1,))
    else:
        journal_rows(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = dump()
    result = run("log", "linda", "hello")
    assert result.exit_code == 1 and "newer version of connect" in result.stderr
    assert dump() == before


def test_foreign_keys_are_enforced(ok: Run, journal_rows: Rows) -> None:
    """connect's own connections (journal_rows uses them on SQLite) enforce foreign keys, as a
    server always does: deleting a person deletes their part in every interaction."""
    ok("add", "Linda Holcman", "--note", "hi")
    assert journal_rows("SELECT count(*) FROM participant") == [(1,)]
    if not ON_SERVER:
        assert journal_rows("PRAGMA foreign_keys") == [(1,)]
    journal_rows("DELETE FROM contact")
    assert journal_rows("SELECT count(*) FROM participant") == [(0,)]
