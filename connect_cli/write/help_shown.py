"""Remembering which introduction `today` suggested on a day (table help_shown, migration 0005).

Plain sqlite3 (psycopg on a server), not SQLModel: `today` is a read command and must not load
SQLAlchemy (~400 ms); this one small write is its own transaction (BEGIN IMMEDIATE on a file, the
one-writer lock on a server: journal/postgres.write_postgres).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

KEEP_DAYS = 7  # a week: what "not shown this week" looks back on


def record_shown(connection: sqlite3.Connection, day: date, person_id: int, helper_id: int) -> None:
    """Keep `day`'s suggestion and forget those older than a week."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            "INSERT OR REPLACE INTO help_shown(day, person_id, helper_id) VALUES (?, ?, ?)",
            (day.isoformat(), person_id, helper_id),
        )
        oldest = (day - timedelta(days=KEEP_DAYS)).isoformat()
        connection.execute("DELETE FROM help_shown WHERE day <= ?", (oldest,))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def record_shown_on_server(connection: Any, day: date, person_id: int, helper_id: int) -> None:
    """record_shown on a server journal, inside write_postgres's transaction (a psycopg
    connection)."""
    connection.execute(
        "INSERT INTO help_shown(day, person_id, helper_id) VALUES (%s, %s, %s) ON CONFLICT (day) "
        "DO UPDATE SET person_id = EXCLUDED.person_id, helper_id = EXCLUDED.helper_id",
        (day, person_id, helper_id),
    )
    connection.execute("DELETE FROM help_shown WHERE day <= %s", (day - timedelta(days=KEEP_DAYS),))
