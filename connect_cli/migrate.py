"""Creating and upgrading the journal's schema with Alembic (imported only when needed).

Before an existing journal is upgraded, a backup copy is taken with SQLite's backup API, so a
failed or unwanted upgrade can always be undone with `connect restore`.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config

from connect_cli.db import JournalLocation, connect_sqlite, schema_state
from connect_cli.store import make_engine

MIGRATIONS = str(Path(__file__).parent / "migrations")


# Tables that live only in the migrations (not in models.py): the FTS5 index of 0002 and the
# shadow tables SQLite keeps for it. Autogenerate and the drift test must leave them alone.
MIGRATION_ONLY_PREFIX = "search_index"


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's include_name hook: compare only what models.py describes."""
    return not (type_ == "table" and (name or "").startswith(MIGRATION_ONLY_PREFIX))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def upgrade(location: JournalLocation, revision: str = "head") -> Path | None:
    """Bring the journal to `revision`; returns the path of the backup taken first, if any."""
    backup = None
    if location.path is not None and _holds_data(location.path):
        backup = backup_before_upgrade(location.path)
    engine = make_engine(location)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        engine.dispose()
    return backup


def _holds_data(path: Path) -> bool:
    connection = connect_sqlite(path)
    try:
        _app_id, version = schema_state(connection)
        return version > 0
    finally:
        connection.close()


def backup_before_upgrade(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix}")
    copy_journal(path, target)
    return target


def copy_journal(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (a plain file copy of a WAL journal loses data)."""
    from connect_cli.db import prepare_private_file

    prepare_private_file(target)
    src = connect_sqlite(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
