"""The write side: SQLAlchemy engines and one-transaction sessions over SQLModel.

Every command that changes the journal runs inside `write_session`: one `BEGIN IMMEDIATE`
transaction, committed only if the whole command succeeds. Killed halfway, SQLite rolls it back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, exc, text
from sqlalchemy.engine import Connection, Engine, create_engine
from sqlmodel import Session

from connect_cli.db import (
    JournalLocation,
    apply_pragmas,
    prepare_private_file,
    register_functions,
    translate_sqlite_error,
)
from connect_cli.errors import ConnectError


def make_engine(location: JournalLocation) -> Engine:
    """An engine with the journal's connection settings; no engine exists at import time."""
    if location.path is None:
        # hide_parameters: an error must never print note text or emails.
        return create_engine(location.url, hide_parameters=True)
    prepare_private_file(location.path)
    engine = create_engine(location.url, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        dbapi_connection.execute("PRAGMA busy_timeout = 5000")
        apply_pragmas(dbapi_connection)
        register_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextmanager
def write_session(location: JournalLocation) -> Iterator[Session]:
    """One transaction for one command: all of it is written, or none of it."""
    from connect_cli.db import ensure_current

    ensure_current(location)
    engine = make_engine(location)
    try:
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
    except exc.DBAPIError as error:
        raise translate_sqlite_error(error.orig or error, location.path) from None
    finally:
        engine.dispose()


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


class _Row:
    """Like sqlite3.Row: a column by name or by position, so queries work through either reader."""

    __slots__ = ("_row",)

    def __init__(self, row: Any) -> None:
        self._row = row

    def __getitem__(self, key: str | int) -> Any:
        return self._row._mapping[key] if isinstance(key, str) else self._row[key]

    def keys(self) -> list[str]:
        return list(self._row._mapping.keys())


def session_reader(session: Session) -> SessionReader:
    return SessionReader(session.connection())


@contextmanager
def sqlalchemy_reader(location: JournalLocation) -> Iterator[SessionReader]:
    """Reads for journals that are not SQLite files (e.g. a shared PostgreSQL server)."""
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            yield SessionReader(connection)
    except exc.DBAPIError as error:
        raise ConnectError(
            f"The journal at {location.describe()} could not be read ({type(error.orig).__name__})."
        ) from None
    finally:
        engine.dispose()
