"""The SQLAlchemy engine of a journal, made on demand (no engine exists at import time)."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, create_engine

from connect_cli.journal.sql_functions import register_functions
from connect_cli.journal.sqlite import JournalLocation, apply_pragmas


def make_engine(location: JournalLocation) -> Engine:
    """An engine with the journal's connection settings; no engine exists at import time.

    It does not check the path: callers have (`journal.sqlite.find_journal`), or made the file themselves.
    """
    if location.path is None:
        return _server_engine(location)
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


def _server_engine(location: JournalLocation) -> Engine:
    """A PostgreSQL engine (psycopg) in UTC; every transaction first waits for the one-writer
    lock, as long as SQLite's busy timeout (journal/dialect.py)."""
    from connect_cli.journal.dialect import sqlalchemy_url
    from connect_cli.journal.postgres import CONNECT_TIMEOUT_S, writer_lock_sql

    # hide_parameters: an error must never print note text or emails.
    engine = create_engine(
        sqlalchemy_url(location.url),
        hide_parameters=True,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_S,
            "options": "-c TimeZone=UTC -c DateStyle=ISO",
            "application_name": "connect",
        },
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        for statement in writer_lock_sql():
            connection.exec_driver_sql(statement)

    return engine
