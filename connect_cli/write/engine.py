"""The SQLAlchemy engine of a journal, made on demand (no engine exists at import time)."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, create_engine

from connect_cli.journal.sqlite import JournalLocation, apply_pragmas, register_functions


def make_engine(location: JournalLocation) -> Engine:
    """An engine with the journal's connection settings; no engine exists at import time.

    It does not check the path: callers have (`journal.sqlite.find_journal`), or made the file themselves.
    """
    if location.path is None:
        # hide_parameters: an error must never print note text or emails.
        return create_engine(location.url, hide_parameters=True)
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
