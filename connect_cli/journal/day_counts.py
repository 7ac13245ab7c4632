"""Interactions counted per (day, kind): `interaction_day_count`, kept exact by triggers.

`stats` counts a year of interactions per day and kind, and the first page of `history` says how
many more there are; both were aggregates over every interaction in range, so at 10M
interactions they cost ten times what they cost at 1M (issue #10). This table holds the answer
(one row per day and kind that has any; at most ~365 x kinds rows a year), so both read a few
hundred rows at any journal size. Migration 0010 creates it, backfills it and adds the triggers.

The rule (the source of truth stays `interaction`):

    interaction_day_count(happened_on, kind).n = COUNT(*) of interaction with that day and kind,
    and no row where that count is 0.

- INSERT adds one to its (day, kind), creating the row at 0 first.
- DELETE takes one away and removes the row that reaches 0; UPDATE of `happened_on` or `kind`
  (fix) is a DELETE of the old pair and an INSERT of the new one. Interactions are deleted by
  unlog, forget (a note of no one else's) and merge; deletes that cascade fire the triggers too.
- Bulk writers (write/bulk_load.py) pause INSERT_TRIGGER and run ADD_NEW_ROWS once over the ids
  they wrote. `doctor` compares the table with the aggregate (MISMATCHES).

Readers use it only on SQLite and when the table exists (`present`); PostgreSQL journals are made
from the models without it, and their readers run the plain GROUP BY (a PL/pgSQL port would keep
the same table with the same rule).
"""

from __future__ import annotations

from typing import Any

from connect_cli.journal.dialect import SQLITE

TABLE = (
    "CREATE TABLE interaction_day_count (happened_on VARCHAR NOT NULL, kind VARCHAR NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (happened_on, kind)) WITHOUT ROWID"
)

INSERT_TRIGGER = "interaction_day_count_insert"

_ADD = (
    "INSERT OR IGNORE INTO interaction_day_count (happened_on, kind, n) "
    "VALUES ({day}, {kind}, 0); "
    "UPDATE interaction_day_count SET n = n + 1 WHERE happened_on = {day} AND kind = {kind};"
)
_TAKE = (
    "UPDATE interaction_day_count SET n = n - 1 WHERE happened_on = {day} AND kind = {kind}; "
    "DELETE FROM interaction_day_count WHERE happened_on = {day} AND kind = {kind} AND n <= 0;"
)
_NEW = {"day": "NEW.happened_on", "kind": "NEW.kind"}
_OLD = {"day": "OLD.happened_on", "kind": "OLD.kind"}

# name -> CREATE TRIGGER statement (SQLite)
TRIGGERS = {
    INSERT_TRIGGER: (
        f"CREATE TRIGGER {INSERT_TRIGGER} AFTER INSERT ON interaction BEGIN "
        f"{_ADD.format(**_NEW)} END"
    ),
    "interaction_day_count_update": (
        "CREATE TRIGGER interaction_day_count_update "
        "AFTER UPDATE OF happened_on, kind ON interaction BEGIN "
        f"{_TAKE.format(**_OLD)} {_ADD.format(**_NEW)} END"
    ),
    "interaction_day_count_delete": (
        "CREATE TRIGGER interaction_day_count_delete AFTER DELETE ON interaction BEGIN "
        f"{_TAKE.format(**_OLD)} END"
    ),
}

# The counts of the interactions whose id is above a bound (?), added to what is there: the
# whole table from scratch when the table is empty and the bound 0 (migration 0010), or the
# rows a bulk writer inserted while INSERT_TRIGGER was paused. `WHERE true` is SQLite's way to
# tell an upsert's ON CONFLICT from a join's ON after a SELECT.
ADD_NEW_ROWS = (
    "INSERT INTO interaction_day_count (happened_on, kind, n) "
    "SELECT happened_on, kind, COUNT(*) FROM interaction WHERE id > ? AND true "
    "GROUP BY happened_on, kind "
    "ON CONFLICT (happened_on, kind) DO UPDATE SET n = n + excluded.n"
)

# (day, kind, stored, actual) wherever the table and the interactions disagree (`doctor`).
MISMATCHES = (
    "WITH actual AS (SELECT happened_on, kind, COUNT(*) AS n FROM interaction "
    "GROUP BY happened_on, kind) "
    "SELECT a.happened_on, a.kind, s.n, a.n FROM actual a LEFT JOIN interaction_day_count s "
    "ON s.happened_on = a.happened_on AND s.kind = a.kind WHERE s.n IS NOT a.n "
    "UNION ALL "
    "SELECT s.happened_on, s.kind, s.n, a.n FROM interaction_day_count s LEFT JOIN actual a "
    "ON a.happened_on = s.happened_on AND a.kind = s.kind WHERE a.n IS NULL"
)


def present(reader: Any) -> bool:
    """Whether `reader` (journal/sqlite.Reader) can answer from the table: a SQLite journal of
    schema 10 or later. Anything else (PostgreSQL, an older schema) runs the plain aggregate."""
    if reader.dialect != SQLITE:
        return False
    try:
        return bool(reader.columns("interaction_day_count"))
    except Exception:  # another database's inspector: no such table there
        return False
