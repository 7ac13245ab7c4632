"""What the search index must hold, as the journal's own tables say: `doctor` compares the two.

FTS5's integrity-check only proves the index agrees with itself; a row deleted from it (or left
behind) passes. The index rows of schema 3 are derived from their source rows by the triggers of
migration 0003 (rowid = source id * STRIDE + code, and the source's text): this is the same rule
as a query, kept in step with that migration and read/search.py (tests/journal/test_doctor.py
holds it: a journal with a row of every kind passes, a missing or stray index row does not).
"""

from __future__ import annotations

import sqlite3

STRIDE = 16
# (code, table, text column, which rows are indexed)
SOURCES = (
    (0, "interaction", "text", "text != ''"),
    (1, "fact", "text", "1"),
    (2, "contact", "name", "name IS NOT NULL AND name != ''"),
    (3, "nickname", "value", "1"),
    (4, "contact", "company", "company IS NOT NULL AND company != ''"),
    (5, "contact", "title", "title IS NOT NULL AND title != ''"),
    (6, "contact", "met_at", "met_at IS NOT NULL AND met_at != ''"),
    (7, "contact", "location", "location IS NOT NULL AND location != ''"),
    (8, "tag", "name", "1"),
    (9, "channel", "value", "value != ''"),
)
INDEX_SCHEMA = 3  # the first schema whose index this describes (a later one that changes it: update both)

EXPECTED = "SELECT * FROM ({})".format(  # one operand: EXCEPT binds as tightly as UNION ALL
    " UNION ALL ".join(
        f"SELECT id * {STRIDE} + {code}, {column} FROM {table} WHERE {where}"
        for code, table, column, where in SOURCES
    )
)
ACTUAL = "SELECT rowid, text FROM search_index"


def index_differences(connection: sqlite3.Connection) -> tuple[int, int]:
    """(rows missing from the index, rows in it that no source holds), by rowid and text."""
    missing = connection.execute(f"SELECT count(*) FROM ({EXPECTED} EXCEPT {ACTUAL})").fetchone()
    stray = connection.execute(f"SELECT count(*) FROM ({ACTUAL} EXCEPT {EXPECTED})").fetchone()
    return int(missing[0]), int(stray[0])
