"""Putting a backup's contents into the live journal under one write lock (`restore`).

A restore must lose no write: every write that commits while it runs is either in the journal
afterwards or in the `-before-restore` copy. So the journal's write lock (BEGIN IMMEDIATE) is taken
first and held from the copy of the current journal through the swap: no other command can commit
in between. The copy is read by a second connection (a reader is never blocked by the writer's
lock), and the backup's contents are written by the lock holder itself, as one transaction: the
journal's objects are dropped and the backup's recreated from their own SQL, then filled. Other
commands see one ordinary commit (their open connections stay valid, unlike a file swapped under
them), and a kill before COMMIT leaves the journal as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from connect_cli.journal.sqlite import connect_sqlite

STAGED = "restored"  # the schema name the backup is attached under


def swap_in(journal: Path, staged: Path, keep: Callable[[], None]) -> None:
    """Replace JOURNAL's contents with STAGED's (a checked, private copy of a backup).

    `keep` is called with the write lock held, before anything is changed: it copies the
    journal as it is (through its own connection). sqlite3.DatabaseError when the journal
    cannot be opened or locked (JournalBusy is the caller's to say).
    """
    live = connect_sqlite(journal)
    try:
        # Dropping a table with foreign keys on would delete rows in the tables pointing at it;
        # the pragma does nothing inside a transaction, so it is set before BEGIN.
        live.execute("PRAGMA foreign_keys = OFF")
        live.execute(f"ATTACH DATABASE ? AS {STAGED}", (str(staged),))  # a plain path: no URI
        live.execute("BEGIN IMMEDIATE")
        try:
            keep()
            _drop_everything(live)
            _copy_everything(live)
            live.execute("COMMIT")
        except BaseException:
            if live.in_transaction:
                live.execute("ROLLBACK")
            raise
        live.execute(f"DETACH DATABASE {STAGED}")
        live.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the journal file holds it all now
    finally:
        live.close()


def _objects(live: sqlite3.Connection, schema: str, kind: str) -> list[tuple[str, str]]:
    """(name, sql) of KIND in SCHEMA, in creation order, without SQLite's own objects."""
    return live.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = ? AND sql IS NOT NULL "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        (kind,),
    ).fetchall()


def _virtual(objects: list[tuple[str, str]]) -> list[str]:
    return [name for name, sql in objects if sql.upper().startswith("CREATE VIRTUAL TABLE")]


def _is_shadow(name: str, virtual: list[str]) -> bool:
    """A table a virtual table keeps its data in (FTS5: `search_index_data`, `_idx`, ...)."""
    return any(name.startswith(f"{v}_") for v in virtual)


def _drop_everything(live: sqlite3.Connection) -> None:
    for kind in ("trigger", "view"):
        for name, _sql in _objects(live, "main", kind):
            live.execute(f'DROP {kind.upper()} main."{name}"')
    tables = _objects(live, "main", "table")
    virtual = _virtual(tables)
    for name in virtual:  # with their shadow tables
        live.execute(f'DROP TABLE main."{name}"')
    for name, _sql in tables:
        if name not in virtual and not _is_shadow(name, virtual):
            live.execute(f'DROP TABLE main."{name}"')  # its indexes go with it


def _copy_everything(live: sqlite3.Connection) -> None:
    tables = _objects(live, STAGED, "table")
    virtual = _virtual(tables)
    for name, sql in tables:
        if not _is_shadow(name, virtual):
            live.execute(sql)  # unqualified: created in main
    # Rows before triggers, so no trigger fires on a copied row; a virtual table's rows are in
    # its shadow tables, copied as they are (the search index needs no rebuild).
    for name, _sql in tables:
        if name not in virtual:
            live.execute(f'DELETE FROM main."{name}"')  # a new FTS5 table's own first rows
            live.execute(f'INSERT INTO main."{name}" SELECT * FROM {STAGED}."{name}"')
    if live.execute(
        f"SELECT 1 FROM {STAGED}.sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone():
        live.execute("DELETE FROM main.sqlite_sequence")
        live.execute(f"INSERT INTO main.sqlite_sequence SELECT * FROM {STAGED}.sqlite_sequence")
    for kind in ("index", "view", "trigger"):
        for _name, sql in _objects(live, STAGED, kind):
            live.execute(sql)
    for pragma in ("user_version", "application_id"):
        value = int(live.execute(f"PRAGMA {STAGED}.{pragma}").fetchone()[0])
        live.execute(f"PRAGMA main.{pragma} = {value}")
