"""The write side: SQLAlchemy engines and one-transaction sessions over SQLModel.

Every command that changes the journal runs inside `write_session`: one `BEGIN IMMEDIATE`
transaction, committed only if the whole command succeeds. Killed halfway, SQLite rolls it back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import exc, inspect, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from connect_cli.domain.errors import ConnectError
from connect_cli.journal.commits import record_commit
from connect_cli.journal.sqlite import (
    JournalLocation,
    Reader,
    SqliteReader,
    translate_sqlite_error,
)
from connect_cli.read.export import stored_form
from connect_cli.write.engine import make_engine


@contextmanager
def write_session(
    location: JournalLocation, *, create: bool = False, commit: bool = True
) -> Iterator[Session]:
    """One transaction for one command: all of it is written, or none of it.

    `create`: the command adds to the journal (add, import, demo…), so it may start one at a new
    path the user chose; the others (log, edit…) need people who can only be in an existing one.
    commit=False rolls the whole transaction back at the end: a dry run does all the work and
    keeps none of it.
    """
    from connect_cli.journal.sqlite import ensure_current
    from connect_cli.write.schema_work import SCHEMA_WORK

    if location.path is None:  # a server journal: a small read, Alembic only if it must change
        from connect_cli.journal.postgres import ensure_current_pg

        ensure_current_pg(location, SCHEMA_WORK)
    else:
        ensure_current(location, SCHEMA_WORK, create=create)
    engine = make_engine(location)
    try:
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                if commit:
                    if location.path is None:  # the server's index vectors (pg_search_index.py)
                        _fill_search_vectors(session)
                    session.commit()
                    record_commit()
                else:
                    session.rollback()
            except BaseException:
                session.rollback()
                raise
    except exc.DBAPIError as error:
        raise translate_write_error(error.orig or error, location) from None
    except UnicodeDecodeError as error:  # text a damaged page holds (journal/sqlite.py: read_sqlite)
        raise translate_sqlite_error(error, location.path) from None
    finally:
        engine.dispose()


def _fill_search_vectors(session: Session) -> None:
    from connect_cli.write.pg_search_index import fill_vectors

    session.flush()
    fill_vectors(session.connection())


def translate_write_error(error: Exception, location: JournalLocation) -> ConnectError:
    """One sentence for what the database said during a write (either dialect)."""
    if location.path is None:
        from connect_cli.journal.postgres import translate_pg_error

        return translate_pg_error(error, location)
    return translate_sqlite_error(error, location.path)


class SessionReader:
    """The read-side `Reader` over a write session's connection, so reads see the same transaction.

    On SQLite it reads through the session's own sqlite3 connection, as the read commands do:
    SQLAlchemy's result rows cost ~5 µs each, and resolving a name in `log` reads every person
    (10k rows: ~55 ms against ~10 ms). The SQL is the same plain text either way.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        driver = connection.connection.driver_connection
        self._sqlite = driver if isinstance(driver, sqlite3.Connection) else None

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> Sequence[Any]:
        if self._sqlite is not None:
            cursor = self._sqlite.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, dict(params or {})).fetchall()
        return [_Row(row) for row in self.connection.execute(text(sql), dict(params or {}))]

    def each(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        if self._sqlite is not None:
            cursor = self._sqlite.cursor()
            cursor.row_factory = sqlite3.Row
            return iter(cursor.execute(sql, dict(params or {})))
        result = self.connection.execute(text(sql), dict(params or {}))
        return (_Row(row) for row in result)

    def chunks(
        self, sql: str, params: Mapping[str, Any] | None, size: int
    ) -> Iterator[list[tuple]]:
        if self._sqlite is not None:
            yield from SqliteReader(self._sqlite).chunks(sql, params, size)
            return
        result = self.connection.execute(text(sql), dict(params or {}))
        for part in result.partitions(size):
            yield [tuple(stored_form(value) for value in row) for row in part]

    def columns(self, table: str) -> list[str]:
        return [c["name"] for c in inspect(self.connection).get_columns(table)]


class _Row:
    """Like sqlite3.Row: a column by name or by position, so queries work through either reader."""

    __slots__ = ("_row",)

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getitem__(self, key: str | int) -> Any:
        return self._row._mapping[key] if isinstance(key, str) else self._row[key]

    def keys(self) -> list[str]:
        return list(self._row._mapping.keys())


def session_reader(session: Session) -> Reader:
    """Reads inside the write session's transaction. On PostgreSQL they go through the session's
    psycopg connection with the read commands' own reader (journal/postgres.py: the same adapted
    SQL and client-side binding), as on SQLite they go through its sqlite3 connection."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        from connect_cli.journal.postgres import PgReader

        return PgReader(connection.connection.driver_connection)
    return SessionReader(connection)
