"""Upgrading journals: backups first, every row kept, foreign keys off for rebuilds, newer refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations

from connect_cli.journal.sql_functions import register_functions
from connect_cli.journal.sqlite import SCHEMA_VERSION, locate_journal
from connect_cli.write.engine import make_engine
from connect_cli.write.migrate import MigrationError, run_with_foreign_keys_off, upgrade
from tests.conftest import ON_SERVER, TESTS, Rows, Run, journal_dump, sqlite_only

V1 = TESTS / "journals" / "v1.db"

V1_FILE = (
    "upgrades tests/journals/v1.db, a SQLite file schema 1 wrote; a server journal is made at the "
    "current schema from the models, never at 1"
)
UPGRADE_COPY = (
    "the copy taken beside a SQLite file before its upgrade; a server journal is upgraded in one "
    "transaction and no copy is taken (write/pg_schema.upgrade_schema)"
)


def tables_of(path: Path) -> dict[str, list[str]]:
    connection = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: [c[1] for c in connection.execute(f'PRAGMA table_info("{t}")')] for t in names}
    finally:
        connection.close()


def rows_of(path: Path, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        cols = ", ".join(f'"{c}"' for c in columns)
        return sorted(connection.execute(f'SELECT {cols} FROM "{table}"').fetchall(), key=repr)
    finally:
        connection.close()


@pytest.fixture
def v1_journal(journal_file: Path) -> Path:
    journal_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(V1, journal_file)
    journal_file.chmod(0o600)
    return journal_file


def test_the_kept_v1_journal_is_what_schema_1_wrote() -> None:
    assert V1.is_file() and V1.stat().st_size > 100_000, "tests/journals/v1.db must be committed"
    connection = sqlite3.connect(V1)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    empty = [t for t in tables_of(V1) if t != "alembic_version" and not rows_of(V1, t, ["rowid"])]
    assert empty == []  # realistic rows in every table


@sqlite_only(V1_FILE)
def test_upgrading_v1_keeps_every_row_of_every_table(ok: Run, v1_journal: Path) -> None:
    old_tables = tables_of(V1)
    ok("list")  # a normal command upgrades the journal
    connection = sqlite3.connect(v1_journal)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()
    for table, columns in old_tables.items():
        if table == "alembic_version":
            continue
        assert rows_of(v1_journal, table, columns) == rows_of(V1, table, columns), table


@sqlite_only(V1_FILE)
def test_an_upgraded_v1_journal_works(ok: Run, v1_journal: Path) -> None:
    names = [r["name"] for r in ok("list", "--json").json()]  # type: ignore[index,union-attr]
    assert "Linda Holcman" in names and "Sam O'Brien" in names
    card = ok("show", "linda", "--json").json()
    assert card["facts"]["passions"] == ["sailing"]  # type: ignore[index]
    assert any("sailboats" in i["text"] for i in card["interactions"])  # type: ignore[index]
    ok("show", "#2")
    ok("log", "linda", "after the upgrade")


@sqlite_only(V1_FILE)
def test_search_finds_v1_notes_after_upgrade(ok: Run, run: Run, v1_journal: Path) -> None:
    assert "sailboats" in ok("search", "sailboats").stdout
    assert "quarterly" in ok("search", "quarterly planning").stdout


@sqlite_only(UPGRADE_COPY)
def test_upgrade_takes_a_backup_of_a_journal_with_data(ok: Run, v1_journal: Path) -> None:
    before = journal_dump(v1_journal)
    backup = upgrade(locate_journal(str(v1_journal)))
    assert backup is not None and backup.exists() and backup.parent == v1_journal.parent
    assert journal_dump(backup) == before
    assert (backup.stat().st_mode & 0o777) == 0o600


@sqlite_only(UPGRADE_COPY)
def test_a_command_on_an_old_journal_backs_it_up_first(ok: Run, v1_journal: Path) -> None:
    before = journal_dump(v1_journal)
    ok("list")
    backups = list(v1_journal.parent.glob("*before-upgrade*"))
    assert len(backups) == 1 and journal_dump(backups[0]) == before


@sqlite_only(UPGRADE_COPY)
def test_a_new_journal_gets_no_backup(ok: Run, journal_file: Path) -> None:
    ok("add", "Linda Holcman")
    assert list(journal_file.parent.glob("*before-upgrade*")) == []


# Write commands and the arguments that would make each write something.
WRITE_COMMANDS = [
    ["add", "New Person"],
    ["log", "linda", "hello"],
    ["edit", "linda", "--title", "CTO"],
    ["archive", "linda"],
    ["config", "limit", "9"],
    ["forget", "linda", "--yes"],
    ["restore", "{good}", "--yes"],
    ["snooze", "linda", "2w"],
    ["done", "1"],
    ["merge", "bob", "linda", "--yes"],
    ["import", "{csv}", "--yes"],
]


@pytest.mark.parametrize("args", WRITE_COMMANDS, ids=lambda a: a[0])
def test_every_write_command_refuses_a_newer_journal(
    run: Run, ok: Run, journal_rows: Rows, tmp_path: Path, dump, args: list[str]
) -> None:
    ok("add", "Linda Holcman", "--note", "hi", "--follow-up", "call back")
    ok("add", "Bob Stone")
    good = tmp_path / "good.db"
    ok("backup", str(good))
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Email\nNew Importee,new@x.test\n")
    if ON_SERVER:  # a server journal's version is its connect_journal row (write/pg_schema.py)
        journal_rows("UPDATE connect_journal SET schema_version = ?", (SCHEMA_VERSION + 1,))
    else:
        journal_rows(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = dump()
    result = run(*[a.replace("{good}", str(good)).replace("{csv}", str(csv)) for a in args])
    if args[0] == "restore":  # replacing a too-new journal with a good backup is allowed…
        assert result.exit_code == 0 and "kept at" in result.stdout
        return
    assert result.exit_code == 1 and "newer version of connect" in result.stderr, result.stderr
    assert result.stdout == "" and dump() == before


def _journal_with_history(tmp_path: Path):  # type: ignore[no-untyped-def]
    from connect_cli.core.capture import LogEntry, log_entry

    location = locate_journal(str(tmp_path / "rebuild.db"))
    upgrade(location)
    connection = sqlite3.connect(location.path)  # type: ignore[arg-type]
    register_functions(connection)  # the search triggers call connect_terms (migration 0003)
    connection.execute(
        "INSERT INTO contact (id, name, archived, created_at, updated_at) VALUES "
        "(1, 'Linda', 0, '2026-01-01', '2026-01-01')"
    )
    connection.commit()
    connection.close()
    from datetime import date

    for n in range(3):
        log_entry(location, LogEntry(whos=["#1"], text=f"n{n}"), today=date(2026, 11, 22))
    return location


pytestmark = pytest.mark.filterwarnings("ignore:Unnamed CHECK constraint:UserWarning")


def _rebuild_contact(connection: sa.Connection) -> None:
    """A batch-mode table rebuild, as a migration that changes a column would do."""
    operations = Operations(MigrationContext.configure(connection))
    with operations.batch_alter_table("contact", recreate="always") as batch:
        batch.add_column(sa.Column("nickname_hint", sa.String(), nullable=True))


def _count(location, table: str) -> int:  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(location.path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def test_a_rebuild_with_foreign_keys_on_would_lose_history(tmp_path: Path) -> None:
    """The hazard the helper exists for: dropping the old table cascades to every child row."""
    location = _journal_with_history(tmp_path)
    engine = make_engine(location)
    with engine.begin() as connection:
        # As the helper does, so that only foreign keys differ (see run_with_foreign_keys_off).
        connection.exec_driver_sql("PRAGMA legacy_alter_table = ON")
        _rebuild_contact(connection)
    engine.dispose()
    assert _count(location, "participant") == 0


def test_a_rebuild_runs_with_foreign_keys_off_and_keeps_history(tmp_path: Path) -> None:
    location = _journal_with_history(tmp_path)
    engine = make_engine(location)
    with engine.connect() as connection:
        run_with_foreign_keys_off(connection, _rebuild_contact)
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # back on after
    engine.dispose()
    assert _count(location, "participant") == 3
    assert "nickname_hint" in tables_of(location.path)["contact"]


def test_a_rebuild_leaving_dangling_rows_is_rolled_back(tmp_path: Path) -> None:
    location = _journal_with_history(tmp_path)
    before = journal_dump(location.path)

    def bad(connection: sa.Connection) -> None:
        _rebuild_contact(connection)
        connection.exec_driver_sql("DELETE FROM contact")  # children now point at nothing

    engine = make_engine(location)
    with engine.connect() as connection, pytest.raises(MigrationError, match="nothing was changed"):
        run_with_foreign_keys_off(connection, bad)
    engine.dispose()
    assert journal_dump(location.path) == before
