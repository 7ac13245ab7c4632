"""Opening the journal for a use case, and the one place that decides when the write side loads.

journal/ opens SQLite files with the standard library only; creating or upgrading a schema is
Alembic's work (write/migrate.py), which journal/ may not import. So the upgrade is handed down
from here: a read command loads SQLAlchemy and Alembic only when its journal must first be
created or upgraded, or lives on a database server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from connect_cli.journal import sqlite
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.write.schema_work import SCHEMA_WORK


def upgrade(location: JournalLocation) -> None:
    """Upgrade the schema (taking a backup of a journal with data first)."""
    SCHEMA_WORK.upgrade(location)


def ensure_current(location: JournalLocation, *, create: bool = False) -> None:
    """Create or upgrade the journal if needed; two pragma reads when it is already current.

    `create`: see journal.sqlite.find_journal (a user's new path only for commands that add).
    """
    if location.path is None:  # a server: one small read, psycopg only (journal/dialect.py)
        from connect_cli.journal.postgres import ensure_current_pg

        ensure_current_pg(location, SCHEMA_WORK)
        return
    sqlite.ensure_current(location, SCHEMA_WORK, create=create)


def open_current(location: JournalLocation, *, create: bool = False) -> sqlite3.Connection:
    """A stdlib connection to a SQLite journal whose schema is current."""
    return sqlite.open_current(location, SCHEMA_WORK, create=create)


@contextmanager
def read_journal(location: JournalLocation) -> Iterator[Reader]:
    """A consistent read-only view for one command: stdlib sqlite3 for a file, psycopg for a
    PostgreSQL server (journal/dialect.py); neither loads SQLAlchemy unless the schema must
    change first."""
    if location.path is not None:
        with sqlite.read_sqlite(location, SCHEMA_WORK) as reader:
            yield reader
        return
    from connect_cli.journal.postgres import read_postgres

    with read_postgres(location, SCHEMA_WORK) as reader:
        yield reader
