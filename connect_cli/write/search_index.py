"""Keeping search in step with a bulk import: the index rows of a whole batch in one statement each.

The journal's triggers (migration 0003) index every contact, fact, nickname, channel and tag as
it is inserted. Run once per row, they were most of a 100k-contact import (about 10 s of ~20). For a big batch the
writer pauses those INSERT triggers, writes the rows, then runs the triggers' own statements
once over the rows just added (`NEW` becomes an alias of the table, limited to ids above what was
there before) and puts the triggers back, so the index holds exactly the rows the triggers would
have written.

Why this is safe: DDL is transactional in SQLite, and all of it happens inside the import's one
BEGIN IMMEDIATE transaction. Other connections never see the journal without its triggers (they
see the snapshot before the import, or after the commit), and a crash or kill -9 rolls the drop
back with everything else. The statements come from the live trigger definitions, so they cannot
drift from the schema; a trigger whose shape we do not recognise means the per-row path is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from connect_cli.journal.sql_functions import MAY_HAVE_TERMS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# The INSERT triggers to pause, by the table they watch.
PAUSED = {
    "contact": "search_contact_insert",
    "fact": "search_fact_insert",
    "nickname": "search_nickname_insert",
    "channel": "search_channel_insert",
    "tag": "search_tag_insert",
}
_BODY = re.compile(r"^CREATE TRIGGER \w+ AFTER INSERT ON (\w+) BEGIN (.*); END$", re.S)
_STATEMENT = re.compile(r"^(INSERT INTO search_index\([a-z, ]+\) SELECT [^;]*?)"
                        r"(?: WHERE ([^;]*))?$", re.S)  # fmt: skip


class SearchBatch:
    """Pauses the per-row index triggers around a bulk write (SQLite journals that have them)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.triggers: dict[str, str] = {}  # table -> its trigger's CREATE statement
        self.statements: dict[str, list[str]] = {}  # table -> the trigger's work over new rows
        if connection.dialect.name != "sqlite":
            return
        names = ", ".join(f"'{name}'" for name in PAUSED.values())
        rows = connection.exec_driver_sql(
            f"SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"
        ).all()
        statements = {table: _over_new_rows(sql, table) for table, sql in rows}
        if len(rows) == len(PAUSED) and all(statements.values()):
            self.triggers = dict(rows)
            self.statements = statements  # type: ignore[assignment]

    @property
    def usable(self) -> bool:
        return bool(self.triggers)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Inside: inserts into the PAUSED tables are not indexed; on leaving, every row
        added meanwhile is, and the triggers are back (also when the write failed: the caller's
        transaction is rolled back then, and the schema must not depend on that)."""
        run = self.connection.exec_driver_sql
        after = {t: run(f'SELECT COALESCE(MAX(id), 0) FROM "{t}"').scalar() for t in PAUSED}
        for table in self.triggers:
            run(f'DROP TRIGGER "{PAUSED[table]}"')
        try:
            yield
            pairs = [
                (st, after[t]) for t, statements in self.statements.items() for st in statements
            ]
            for statement, bounds in _in_rowid_order(pairs):
                run(statement, bounds)
        finally:
            for sql in self.triggers.values():
                run(sql)


def _in_rowid_order(pairs: list[tuple[str, int]]) -> list[tuple[str, tuple[int, ...]]]:
    """The statements (each with its bound) as one INSERT of all their rows in rowid order, when
    they all insert the same columns. Run one after the other, a batch's company rows (id * 16 +
    4) would go in between its name rows (id * 16 + 2) just written, splitting index pages in
    the middle; in rowid order each run is appended (~10% of the index's time at 100k people)."""
    heads = {statement.split(" SELECT ", 1)[0] for statement, _ in pairs}
    if len(heads) != 1:
        return [(statement, (bound,)) for statement, bound in pairs]
    head = heads.pop()
    selects = " UNION ALL ".join(statement[len(head) + 1 :] for statement, _ in pairs)
    return [(f"{head} SELECT * FROM ({selects}) ORDER BY 1", tuple(b for _, b in pairs))]


def _over_new_rows(trigger_sql: str, table: str) -> list[str] | None:
    """The trigger's INSERT … SELECT NEW.… [WHERE …] statements, as one statement each over the
    rows of `table` whose id is above a bound; None when the trigger is not of that shape."""
    body = _BODY.match(trigger_sql)
    if body is None or body[1] != table:
        return None
    statements = []
    for part in body[2].split("; "):
        m = _STATEMENT.match(part)
        if m is None:
            return None
        where = "NEW.id > ?" + (f" AND ({m[2]})" if m[2] else "")
        statements.append(f'{_terms_only_when_needed(m[1])} FROM "{table}" AS NEW WHERE {where}')
    return statements


_TERMS_CALL = re.compile(r"connect_terms\((NEW\.\w+), (NEW\.\w+|'\w+')\)")


def _terms_only_when_needed(select: str) -> str:
    """`connect_terms(x, k)` guarded by MAY_HAVE_TERMS, decided in SQL: the same value (the
    function is '' whenever the guard is false), without a call into Python for most rows."""

    def guarded(call: re.Match[str]) -> str:
        needed = MAY_HAVE_TERMS.format(text=call[1], kind=call[2])
        return f"CASE WHEN {needed} THEN {call[0]} ELSE '' END"

    return _TERMS_CALL.sub(guarded, select)
