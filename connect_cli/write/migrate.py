"""Creating and upgrading the journal's schema with Alembic (imported only when needed).

Before an existing journal is upgraded, a backup copy is taken with SQLite's backup API, so a
failed or unwanted upgrade can always be undone with `connect restore`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from connect_cli.domain.clock import utc_now
from connect_cli.domain.errors import ConnectError
from connect_cli.domain.leftovers import temp_prefix
from connect_cli.journal.backup import copy_to_new_file, remove_with_side_files
from connect_cli.journal.sqlite import (
    SCHEMA_VERSION,
    JournalLocation,
    make_journal_folder,
    place_new_file,
)
from connect_cli.write.engine import make_engine


class MigrationError(ConnectError):
    """A schema upgrade would break the journal; it was rolled back."""


MIGRATIONS = str(Path(__file__).parent / "migrations")


# Tables that live only in the migrations (not in models.py): the FTS5 index of 0002 and the
# shadow tables SQLite keeps for it. Autogenerate and the drift test must leave them alone.
MIGRATION_ONLY_PREFIX = "search_index"
# derived, kept by triggers (journal/name_words.py, journal/day_counts.py)
MIGRATION_ONLY_TABLES = ("name_word", "interaction_day_count")


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's include_name hook: compare only what models.py describes."""
    name = name or ""
    return not (
        type_ == "table"
        and (name.startswith(MIGRATION_ONLY_PREFIX) or name in MIGRATION_ONLY_TABLES)
    )


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    return config


def upgrade(location: JournalLocation, revision: str = "head") -> Path | None:
    """Bring the journal to `revision`; returns the path of the backup taken first, if any.

    The backup is taken under the upgrade's own write lock, of a journal still at an older schema:
    several commands starting together on an old journal each find it either not yet upgraded
    (and copy it) or already upgraded (and copy nothing), never a copy of the upgraded one. It is
    written under a hidden name and named only once the upgrade has committed: a killed upgrade
    leaves no copy of its own, only a hidden leftover the next command sweeps.
    """
    drafts: list[Path] = []
    engine = make_engine(location)
    try:
        with engine.connect() as connection:

            def work(c: Connection) -> None:
                if location.path is not None and _needs_backup(c, revision):
                    drafts.append(draft_before_upgrade(location.path))
                alembic_upgrade(c, revision)

            run_with_foreign_keys_off(connection, work)
    except BaseException:
        for draft in drafts:
            remove_with_side_files(draft)
        raise
    finally:
        engine.dispose()
    return name_before_upgrade(location.path, drafts[0]) if drafts and location.path else None


def create_journal(location: JournalLocation) -> None:
    """Make a new journal whole under a hidden name beside its own, then give it its name.

    Nobody ever sees a half-made journal: killed midway, only the hidden file is left, and the
    journal's name never holds an empty file (which connect refuses as not its own). The new
    file is 0600 from the start, and marked (application_id) before it appears. If another
    command created the journal meanwhile, theirs is kept.
    """
    assert location.path is not None
    path = location.path
    make_journal_folder(location)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path.name), suffix=".new")
    os.close(fd)
    draft = Path(name)
    try:
        upgrade(JournalLocation(url=f"sqlite:///{draft}", path=draft))
        place_new_file(draft, path)
    finally:
        for leftover in (draft, *(draft.with_name(draft.name + s) for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def alembic_upgrade(connection: Connection, revision: str) -> None:
    """Run the migrations up to `revision` on `connection`, in its open transaction."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def run_with_foreign_keys_off(connection: Connection, work: Callable[[Connection], None]) -> None:
    """Run schema changes in one transaction with foreign keys off, checked before commit.

    SQLite changes most of a table only by rebuilding it (batch mode: create a copy, move the
    rows, DROP the old table). With foreign keys on, that DROP cascade-deletes every child row
    (it emptied `interaction` in a test here). `PRAGMA foreign_keys` does nothing inside a
    transaction, so it is turned off before BEGIN, and `foreign_key_check` must find nothing
    before COMMIT: a migration that leaves a dangling reference is rolled back whole.

    `legacy_alter_table` is on meanwhile: the rebuild renames the copy to the old name, and a
    modern RENAME re-parses every trigger, so it fails on the triggers of other tables that name
    the table just dropped (participant's, journal/last_contact.py). Legacy renames leave those
    names alone, which is what a rebuild wants: they point at the new table by the same name.
    """
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _pragma(connection, "PRAGMA foreign_keys = OFF")
        _pragma(connection, "PRAGMA legacy_alter_table = ON")
    try:
        with connection.begin():
            work(connection)
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    tables = sorted({str(row[0]) for row in broken})
                    raise MigrationError(
                        "Upgrading the journal would leave rows pointing at nothing "
                        f"(in {', '.join(tables)}); nothing was changed. Please report it."
                    )
    finally:
        if sqlite:
            _pragma(connection, "PRAGMA legacy_alter_table = OFF")
            _pragma(connection, "PRAGMA foreign_keys = ON")


def _pragma(connection: Connection, sql: str) -> None:
    """On the driver's connection: through SQLAlchemy it would autobegin a transaction first."""
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(sql)


def _needs_backup(connection: Connection, revision: str) -> bool:
    """A journal with data (a schema) that this upgrade will change; read under its lock."""
    version = int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
    return version > 0 and (revision != "head" or version < SCHEMA_VERSION)


def draft_before_upgrade(path: Path) -> Path:
    """A consistent copy of the journal under a hidden name of its own (never overwriting)."""
    return copy_to_new_file(path, path, ".before-upgrade")


def name_before_upgrade(path: Path, draft: Path) -> Path:
    """Give the committed upgrade's copy its visible name: `connect.before-upgrade-STAMP.db`,
    with a number added when another command took that name in the same second."""
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    stem = f"{path.stem}.before-upgrade-{stamp}"
    target = path.with_name(f"{stem}{path.suffix}")
    counter = 2
    while not place_new_file(draft, target):
        target = path.with_name(f"{stem}-{counter}{path.suffix}")
        counter += 1
    return target
