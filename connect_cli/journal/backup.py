"""Copies of the journal that can be trusted: `backup` and `restore`.

Every copy goes through SQLite's backup API, never a file copy: a plain `cp` of a journal in WAL
mode misses whatever still sits in the -wal file (every committed row, in a test here). The API
reads one consistent snapshot, so a backup can be taken while another command is writing.
Only the standard library is used: these commands stay fast and need no SQLAlchemy.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from connect_cli.domain.errors import ConnectError, InputError
from connect_cli.domain.leftovers import temp_prefix
from connect_cli.journal.sqlite import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SCHEMA_VERSION,
    JournalLocation,
    create_private_file,
    find_journal,
    inspect_path,
    make_journal_folder,
    place_new_file,
    translate_sqlite_error,
)
from connect_cli.journal.swap import swap_in

PG_DUMP_MAGIC = b"PGDMP"  # the first bytes of a pg_dump custom archive
SIDE_FILES = ("-wal", "-shm", "-journal")


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def journal_file(location: JournalLocation) -> Path:
    """The journal's path, for the commands that only make sense on a SQLite file."""
    if location.path is None:
        raise InputError(
            "This command works on a journal file; for a database server use its own backup tools."
        )
    return location.path


def default_backup_path(
    journal: Path, now: datetime, tag: str = "", *, suffix: str = ".db"
) -> Path:
    """`connect-YYYYMMDD-HHMMSS.db` beside the journal (a number added if that name is taken);
    `suffix` `.dump` for a server journal's pg_dump archive (journal/pg_tools.py)."""
    stem = f"connect-{now:%Y%m%d-%H%M%S}{tag}"
    target = journal.with_name(f"{stem}{suffix}")
    counter = 2
    while target.exists():
        target = journal.with_name(f"{stem}-{counter}{suffix}")
        counter += 1
    return target


def copy_journal(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API, created 0600 (never a plain file copy).

    TARGET must be a new name (FileExistsError otherwise, with nothing touched). SOURCE is only
    read: no pragma is set on it, so a backup being restored keeps its bytes and journal mode.
    """
    create_private_file(target)
    src = sqlite3.connect(source, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    # The copy keeps the WAL flag of its source; make it a single self-contained file.
    single = sqlite3.connect(target, isolation_level=None)
    try:
        single.execute("PRAGMA journal_mode = DELETE")
    finally:
        single.close()


def copy_to_new_file(source: Path, journal: Path, suffix: str) -> Path:
    """`copy_journal` to a temporary file of ours beside JOURNAL, `.NAME.PID.RAND` + SUFFIX
    (domain/leftovers.py: a kill's leftover is swept by name), a name no other file has."""
    fd, name = tempfile.mkstemp(dir=journal.parent, prefix=temp_prefix(journal.name), suffix=suffix)
    os.close(fd)
    target = Path(name)
    target.unlink()  # copy_journal creates it itself (O_EXCL), owner-only
    try:
        copy_journal(source, target)
    except BaseException:
        remove_with_side_files(target)
        raise
    return target


def remove_with_side_files(path: Path) -> None:
    """A file of ours and its -wal, -shm and -journal files, whichever exist."""
    _remove_partial(path)


def backup_journal(location: JournalLocation, target: Path | None, now: datetime) -> Path:
    """Write a backup to `target` (a file, or a folder to put a dated file in); never overwrite."""
    journal = journal_file(location)
    if not find_journal(location):
        raise InputError(f"There is no journal at {journal} yet; nothing to back up.")
    if target is None:
        target = default_backup_path(journal, now)
    elif target.is_dir():
        target = default_backup_path(target / journal.name, now)
    target = target.expanduser()
    if os.path.lexists(target):  # a link too, even a broken one: never write through it
        raise InputError(f"{target} already exists; choose another name (backups never overwrite).")
    beside = [side_file(target, s) for s in SIDE_FILES if os.path.lexists(side_file(target, s))]
    if beside:  # SQLite would write through them, and they are not ours to remove
        raise InputError(
            f"{beside[0]} already exists beside {target.name}; choose another name for the backup."
        )
    if not target.parent.is_dir():
        raise InputError(f"The folder {target.parent} does not exist; create it or choose another.")
    try:
        copy_journal(journal, target)
    except FileExistsError:  # it appeared meanwhile: not ours, so not ours to remove either
        raise InputError(
            f"{target} already exists; choose another name (backups never overwrite)."
        ) from None
    except sqlite3.DatabaseError as error:
        _remove_partial(target)
        raise translate_sqlite_error(error, journal) from None
    except OSError as error:
        _remove_partial(target)
        raise ConnectError(
            f"Could not write {target} ({error.strerror or type(error).__name__}); "
            "check the folder and free space."
        ) from None
    return target


def _remove_partial(target: Path) -> None:
    for path in (target, *(side_file(target, s) for s in SIDE_FILES)):
        if path.is_symlink():  # never one of ours: we create files only, and never through links
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError:  # e.g. a read-only folder: nothing could have been written there either
            pass


@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path | None  # the backup of the journal as it was before the restore
    schema: int  # the schema version the backup was written with


def check_backup_file(path: Path) -> int:
    """Refuse anything that is not an intact connect journal we can read; returns its schema."""
    damaged = f"{path} is damaged or not a connect journal; nothing was restored."
    kind = inspect_path(path)  # before SQLite opens it: that could leave files beside it
    if kind in ("missing", "broken link"):
        raise InputError(f"There is no file at {path}; give the path of a backup.")
    if kind == "folder":
        raise InputError(f"{path} is a folder; give the path of a backup file in it.")
    if kind == "sqlite":
        raise ConnectError(f"{path} is not a connect journal; nothing was restored.")
    if kind == "other" and _is_server_backup(path):
        raise ConnectError(
            f"{path} is a backup of a server journal (pg_dump); restore it with --db naming a "
            "PostgreSQL database, or move it here with `connect export --format json` there "
            "and `connect import` here."
        )
    if kind != "journal":
        raise ConnectError(damaged)
    try:
        app_id, version, verdict = _inspect(f"file:{path}?mode=ro")
    except sqlite3.DatabaseError:
        try:  # a WAL file without its -shm cannot be opened read-only; open it normally
            app_id, version, verdict = _inspect(f"file:{path}")
        except sqlite3.DatabaseError as error:
            if "unable to open" in str(error):
                raise ConnectError(
                    f"Could not open {path}; copy it to a folder you can write to and try again."
                ) from None
            raise ConnectError(damaged) from None
    if app_id != APPLICATION_ID:
        raise ConnectError(f"{path} is not a connect journal; nothing was restored.")
    if verdict != "ok":
        raise ConnectError(damaged)
    if version > SCHEMA_VERSION:
        raise ConnectError(
            f"{path} was written by a newer version of connect (schema {version}); "
            "upgrade connect before restoring it."
        )
    return int(version)


def _is_server_backup(path: Path) -> bool:
    """Whether the file starts as pg_dump's custom archives do (what `backup` writes for a
    server journal: journal/pg_tools.py)."""
    try:
        with path.open("rb") as file:
            return file.read(len(PG_DUMP_MAGIC)) == PG_DUMP_MAGIC
    except OSError:
        return False


def _inspect(uri: str) -> tuple[int, int, str]:
    connection = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        return app_id, version, verdict
    finally:
        connection.close()


def check_restore(location: JournalLocation, source: Path) -> int:
    """Everything restore checks before asking: returns the backup's schema version.

    The journal's own path must hold our journal, or nothing at all (restoring to a new place).
    """
    journal = journal_file(location)
    find_journal(location, create=True)
    if source.exists() and journal.exists() and source.resolve() == journal.resolve():
        raise InputError("That file is the journal itself; give the path of a backup.")
    return check_backup_file(source)


def restore_journal(location: JournalLocation, source: Path, now: datetime) -> Restored:
    """Replace the journal with a checked backup, keeping a copy of what it replaces.

    The restored file may hold an older schema: core/backup.py upgrades it next.
    """
    source = source.expanduser()
    schema = check_restore(location, source)
    # A journal reached through a link is restored where it really is; the link stays.
    journal = journal_file(location).resolve()
    make_journal_folder(location)
    staged: Path | None = None
    kept: list[Path | None] = []
    try:
        # A private, self-contained copy of the checked file, beside the journal.
        staged = copy_to_new_file(source, journal, ".restoring")
        if journal.exists():
            _replace(journal, staged, lambda: kept.append(_keep_current(journal, now)))
        elif not place_new_file(staged, journal):  # a new place: the private copy takes its name
            raise InputError(f"{journal} appeared while restoring; nothing was restored.")
    except sqlite3.DatabaseError as error:
        raise translate_sqlite_error(error, journal) from None
    except OSError as error:
        raise ConnectError(
            f"Could not restore into {journal.parent} ({error.strerror or type(error).__name__}); "
            "free space or fix its permissions, then try again."
        ) from None
    finally:
        if staged is not None:
            _remove_partial(staged)
    kept_path = kept[0] if kept else None
    return Restored(source=source, kept=kept_path, schema=schema)


def _keep_current(journal: Path, now: datetime) -> Path | None:
    """Back up the journal about to be replaced; a damaged one is kept byte for byte."""
    if not journal.exists() or journal.stat().st_size == 0:
        return None
    try:  # drafted under a temporary name: a kill never leaves a half-written copy in view
        draft = copy_to_new_file(journal, journal, ".before-restore")
    except sqlite3.DatabaseError:  # damaged: keep its bytes (and its -wal) as they are
        kept = default_backup_path(journal, now, "-before-restore")
        for suffix in ("", "-wal"):
            if side_file(journal, suffix).exists():
                create_private_file(side_file(kept, suffix))
                shutil.copyfile(side_file(journal, suffix), side_file(kept, suffix))
        return kept
    kept = default_backup_path(journal, now, "-before-restore")
    while not place_new_file(draft, kept):  # taken meanwhile: never over another file
        kept = default_backup_path(journal, now, "-before-restore")
    return kept


def _replace(journal: Path, staged: Path, keep: Callable[[], None]) -> None:
    """Swap the staged copy into the journal under its write lock, `keep` first (swap.py says
    why); a journal too damaged to open or change is kept byte for byte and swapped atomically.
    """
    kept = False

    def keep_once() -> None:
        nonlocal kept
        keep()
        kept = True

    try:
        swap_in(journal, staged, keep_once)
        return
    except sqlite3.DatabaseError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise
    if not kept:
        keep()
    # Stale -wal/-shm would be replayed onto the new file: remove them before the swap.
    for suffix in ("-wal", "-shm"):
        side_file(journal, suffix).unlink(missing_ok=True)
    os.replace(staged, journal)
    journal.chmod(0o600)
