"""`restore`: the journal is replaced by a checked backup, then upgraded if the backup is older."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from connect_cli.core.journal import ensure_current
from connect_cli.journal.backup import Restored, restore_journal
from connect_cli.journal.sqlite import JournalLocation


def backup(location: JournalLocation, target: Path | None, now: datetime) -> Path:
    """A backup of the journal: SQLite's backup API for a file, pg_dump for a server."""
    if location.path is None:
        from connect_cli.journal.pg_tools import backup_server

        return backup_server(location, target, now)
    from connect_cli.journal.backup import backup_journal

    return backup_journal(location, target, now)


def check_restore(location: JournalLocation, source: Path) -> str:
    """Everything restore checks before asking; returns how to name the journal it replaces."""
    if location.path is None:
        from connect_cli.journal.pg_tools import check_server_backup

        check_server_backup(location, source)
        return location.describe()
    from connect_cli.journal.backup import check_restore as check_file
    from connect_cli.journal.backup import journal_file

    check_file(location, source)
    return str(journal_file(location))


def restore(location: JournalLocation, source: Path, now: datetime) -> Restored:
    """Restore `source` over the journal (keeping the replaced one), then bring its schema up to
    date (an upgrade takes its own backup first). A server journal is replaced in one
    transaction through pg_restore (journal/pg_tools.py)."""
    if location.path is None:
        from connect_cli.journal.pg_tools import restore_server

        return restore_server(location, source, now)
    restored = restore_journal(location, source, now)
    ensure_current(location)
    return restored
