"""Filling a new journal in bulk (demo): indexes and per-row triggers once at the end, not per row.

At 100k people and 10M interactions the per-row work of the schema is most of the cost, and it
grows with the journal: every secondary index takes each row at a random page (the participant
index is keyed by person while history is written by day) and outgrows the page cache; every
search trigger calls into Python and FTS5 for each row; the last-contact trigger updates a
person per participant row. `fresh_load` drops those for the duration of the load and then does
the same work in bulk, inside the caller's one transaction:

1. the indexes are created again (CREATE INDEX sorts once);
2. each search trigger's own statements run once over the rows added meanwhile (the rule of
   write/search_index.py: `NEW` becomes an alias of the table, limited to ids above what was
   there before), so the index holds exactly the rows the triggers would have written;
3. the last-contact insert trigger's work is one BACKFILL (journal/last_contact.py), and the
   day-count insert trigger's one ADD_NEW_ROWS over the interactions added (journal/day_counts.py);
4. the triggers are created again.

Every statement comes from the live schema (sqlite_master), so nothing can drift from the
migrations; an AFTER INSERT trigger of a shape we do not recognise is left in place and runs per
row as usual. DDL is transactional in SQLite: a kill or an error halfway rolls the drops back with
everything else, and other connections only ever see the journal before or after.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from connect_cli.journal import day_counts
from connect_cli.journal.last_contact import BACKFILL, INSERT_TRIGGER
from connect_cli.write.search_index import _over_new_rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# Page cache for the load, in KiB (negative: SQLite's unit for a size): the index builds sort in
# it and FTS5 merges its segments through it. 256 MB keeps a 10M-interaction load off the disk
# for most of its work; it is this one connection's, for this one command.
LOAD_CACHE_KIB = 262_144


@dataclass
class _Plan:
    indexes: dict[str, str] = field(default_factory=dict)  # name -> its CREATE INDEX statement
    triggers: dict[str, str] = field(default_factory=dict)  # name -> its CREATE TRIGGER
    searches: list[tuple[str, list[str]]] = field(default_factory=list)  # (table, statements)
    backfill: bool = False
    day_counts: bool = False


@contextmanager
def fresh_load(cursor: Any, tables: Sequence[str]) -> Iterator[None]:
    """Inside: rows inserted into `tables` (a sqlite3 cursor's transaction) are neither indexed
    nor seen by AFTER INSERT triggers; on leaving normally, both are brought up to date and the
    schema is as it was. On an error the caller's transaction must be rolled back (it is: the
    one write session of the command), which also restores the schema."""
    cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    plan = _plan(cursor, tables)
    bounds = {
        table: cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"').fetchone()[0]
        for table in {table for table, _ in plan.searches} | ({"interaction"} if plan.day_counts else set())
    }
    for kind, made in (("INDEX", plan.indexes), ("TRIGGER", plan.triggers)):
        for name in made:
            cursor.execute(f'DROP {kind} "{name}"')
    yield
    for sql in plan.indexes.values():
        cursor.execute(sql)
    for table, statements in plan.searches:
        for statement in statements:
            cursor.execute(statement, (bounds[table],))
    if plan.backfill:
        cursor.execute(BACKFILL)
    if plan.day_counts:
        cursor.execute(day_counts.ADD_NEW_ROWS, (bounds["interaction"],))
    for sql in plan.triggers.values():
        cursor.execute(sql)


def defer_indexes(connection: Connection, names: Sequence[str]) -> dict[str, str]:
    """Drop those of the indexes `names` that a SQLite journal has; returns name -> its CREATE
    INDEX statement, for `rebuild_indexes` to run once the rows are in.

    Why: at 100k contacts, keeping an index on names or values up to date takes every row at a
    random page; CREATE INDEX sorts once. For a writer whose own queries do not use them, inside
    its one transaction: a rollback (error, --dry-run, kill) brings them back with everything
    else, and other connections never see the journal without them. {} on other dialects."""
    if connection.dialect.name != "sqlite" or not names:
        return {}
    marks = ", ".join("?" * len(names))
    made = dict(
        connection.exec_driver_sql(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({marks}) "
            "AND sql IS NOT NULL",
            tuple(names),
        ).all()
    )
    for name in made:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return made


def rebuild_indexes(connection: Connection, made: dict[str, str]) -> None:
    """Create again the indexes `defer_indexes` dropped (each sorts its table once)."""
    for sql in made.values():
        connection.exec_driver_sql(sql)


def _plan(cursor: Any, tables: Sequence[str]) -> _Plan:
    plan = _Plan()
    marks = ", ".join("?" * len(tables))
    rows = cursor.execute(
        f"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name IN ({marks}) "
        "AND sql IS NOT NULL AND type IN ('index', 'trigger') ORDER BY type, name",
        tuple(tables),
    ).fetchall()
    for kind, name, table, sql in rows:
        if kind == "index":  # explicit indexes only: a PRIMARY KEY or UNIQUE one has no sql
            plan.indexes[name] = sql
        elif name == INSERT_TRIGGER:
            plan.triggers[name] = sql
            plan.backfill = True
        elif name == day_counts.INSERT_TRIGGER:
            plan.triggers[name] = sql
            plan.day_counts = True
        elif (statements := _over_new_rows(sql, table)) is not None:
            plan.triggers[name] = sql
            plan.searches.append((table, statements))
    return plan

