"""What the search index must hold, as the journal's own tables say: `doctor` compares the two.

FTS5's integrity-check only proves the index agrees with itself; a row deleted from it (or left
behind) passes. The index rows of schema 3 are derived from their source rows by the triggers of
migration 0003 (rowid = source id * STRIDE + code, and the source's text): this is the same rule
as a query, kept in step with that migration and read/search.py (tests/journal/test_doctor.py
holds it: a journal with a row of every kind passes, a missing or stray index row does not).

A server journal keeps the same rows by the same rule (write/pg_search_index.py: `rid` for the
rowid): the SQL below is the dialects' shared subset, and the server's doctor runs it with
SERVER_ACTUAL.
"""

from __future__ import annotations

import sqlite3

STRIDE = 16
# (code, table, text column, which rows are indexed)
SOURCES = (
    (0, "interaction", "text", "text != ''"),
    (1, "fact", "text", "TRUE"),
    (2, "contact", "name", "name IS NOT NULL AND name != ''"),
    (3, "nickname", "value", "TRUE"),
    (4, "contact", "company", "company IS NOT NULL AND company != ''"),
    (5, "contact", "title", "title IS NOT NULL AND title != ''"),
    (6, "contact", "met_at", "met_at IS NOT NULL AND met_at != ''"),
    (7, "contact", "location", "location IS NOT NULL AND location != ''"),
    (8, "tag", "name", "TRUE"),
    (9, "channel", "value", "value != ''"),
)
INDEX_SCHEMA = 3  # the first schema whose index this describes (a later one that changes it: update both)

EXPECTED = "SELECT * FROM ({})".format(  # one operand: EXCEPT binds as tightly as UNION ALL
    " UNION ALL ".join(
        f"SELECT id * {STRIDE} + {code}, {column} FROM {table} WHERE {where}"
        for code, table, column, where in SOURCES
    )
) + " AS sources"  # PostgreSQL names every subquery in FROM
ACTUAL = "SELECT rowid, text FROM search_index"
SERVER_ACTUAL = "SELECT rid, text FROM search_index"


def difference_queries(actual: str = ACTUAL) -> tuple[str, str]:
    """SQL counting (rows missing from the index, rows in it that no source holds), by rowid
    and text; `actual` reads the index (ACTUAL on SQLite, SERVER_ACTUAL on a server)."""
    return (
        f"SELECT count(*) FROM ({EXPECTED} EXCEPT {actual}) AS missing",
        f"SELECT count(*) FROM ({actual} EXCEPT {EXPECTED}) AS stray",
    )


def index_differences(connection: sqlite3.Connection) -> tuple[int, int]:
    """(rows missing from the index, rows in it that no source holds) of a SQLite journal."""
    missing, stray = (connection.execute(sql).fetchone()[0] for sql in difference_queries())
    return int(missing), int(stray)
