"""The one bulk writer: many rows into one table, in batches, on the caller's transaction.

Every path that writes rows in bulk (import, demo, the JSON restore) comes here; everything else
goes through the ORM. What it knows about a table comes from the table definitions (tables.py),
never from a list kept by hand: the columns, their order, and how each typed value is stored.

- `columns(name)` is the table's own column list; a caller may name fewer (the id left to SQLite),
  never one the table does not have, and every row must have exactly that many values;
- a typed value (a `date`, a `time`, an aware `datetime`, a `bool`) is stored by its column's own
  type, exactly as the ORM stores it (the same text in SQLite), so a row written here reads back
  equal to the same row written by the ORM (tests/write/test_bulk_rows.py proves it per table);
- a value that already is in the stored form (the text of a day or an instant read from a
  journal or our JSON export, a 0/1 flag) is kept as it is, so a restore is byte for byte;
- on SQLite the rows go to the driver's executemany directly: Core's per-row parameter handling
  was a third of the time of a 100k-row import. PostgreSQL gets psycopg's (write/pg_bulk.py,
  which also moves the id sequences past the ids written); other databases Core's `insert()`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import islice
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql.schema import Table
from sqlmodel import SQLModel

import connect_cli.write.tables  # noqa: F401  (the tables register on SQLModel.metadata)

BATCH = 50_000  # rows per executemany: big enough to be fast, small enough to stay lean

Row = Sequence[Any] | Mapping[str, Any]
Convert = Callable[[Any], Any]


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def columns(name: str, *, without: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The table's columns in their defined order, less those named in `without`."""
    found = tuple(table(name).c.keys())
    unknown = set(without) - set(found)
    if unknown:
        raise ValueError(f"{name} has no column {sorted(unknown)[0]!r}")
    return tuple(c for c in found if c not in without)


def insert_rows(
    connection: Connection,
    name: str,
    rows: Iterable[Row],
    names: Sequence[str] | None = None,
    *,
    batch: int = BATCH,
    stored: bool = False,
) -> int:
    """Insert `rows` (tuples in the order of `names`, or mappings keyed by column) into table
    `name`; `names` defaults to all its columns. Returns how many rows were written.

    `stored=True` says every value already is in its stored form (made by `stored_form`, or read
    from a journal): tuples then go to the driver untouched, which is what keeps a million rows
    of demo history cheap. The driver still refuses a tuple of the wrong width."""
    target = table(name)
    names = tuple(names) if names is not None else tuple(target.c.keys())
    unknown = [n for n in names if n not in target.c]
    if unknown:
        raise ValueError(f"{name} has no column {unknown[0]!r}")
    if connection.dialect.name == "postgresql":
        from connect_cli.write.pg_bulk import insert_rows_pg

        return insert_rows_pg(connection, target, names, rows, batch)
    if connection.dialect.name != "sqlite":
        return _insert_core(connection, target, names, rows, batch)
    shape = _as_stored(names) if stored else _shaper(target, names, connection.dialect)
    sql = f'INSERT INTO "{name}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
    # Rows already stored go straight to the sqlite3 cursor of the same connection (and
    # transaction): SQLAlchemy's executemany wrapping cost the demo's millions of history rows
    # 13-30% of its CPU. Converted rows keep SQLAlchemy's error translation (import's messages).
    run = _driver_executemany(connection) if stored else connection.exec_driver_sql
    written = 0
    iterator = iter(rows)
    while chunk := [shape(row) for row in islice(iterator, batch)]:
        run(sql, chunk)
        written += len(chunk)
    return written


def _driver_executemany(connection: Connection) -> Callable[[str, list[tuple[Any, ...]]], Any]:
    driver = connection.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()
    return cursor.executemany


def stored_form(name: str, column: str, dialect: Any) -> Convert:
    """How a value of this column is stored (None stays None): for a caller that makes the same
    few values a million times and would rather convert each once (demo's days)."""
    convert = _to_driver(table(name), column, dialect)
    return convert or (lambda value: value)


def _insert_core(
    connection: Connection, target: Table, names: tuple[str, ...], rows: Iterable[Row], batch: int
) -> int:
    written = 0
    iterator = iter(rows)
    while chunk := [_as_mapping(names, row) for row in islice(iterator, batch)]:
        connection.execute(insert(target), chunk)
        written += len(chunk)
    return written


def _as_mapping(names: tuple[str, ...], row: Row) -> dict[str, Any]:
    if isinstance(row, Mapping):
        return {n: row.get(n) for n in names}
    return dict(zip(names, row, strict=True))


def _shaper(
    target: Table, names: tuple[str, ...], dialect: Any
) -> Callable[[Row], tuple[Any, ...]]:
    """A function from one row to the driver's parameters: values in `names` order, each typed
    value converted by its column's type. Built once per call; the hot path of a million rows."""
    typed = [
        (k, convert)
        for k, column in enumerate(names)
        if (convert := _to_driver(target, column, dialect)) is not None
    ]
    width = len(names)

    def shape(row: Row) -> tuple[Any, ...]:
        if isinstance(row, Mapping):
            values = [row.get(n) for n in names]
        else:
            if len(row) != width:
                raise ValueError(
                    f"a row for {target.name} has {len(row)} values for {width} columns"
                )
            if not typed:
                return row if type(row) is tuple else tuple(row)
            values = list(row)
        for k, convert in typed:
            if (value := values[k]) is not None:
                values[k] = convert(value)
        return tuple(values)

    return shape


def _as_stored(names: tuple[str, ...]) -> Callable[[Row], tuple[Any, ...]]:
    def shape(row: Row) -> tuple[Any, ...]:
        if type(row) is tuple:
            return row
        if isinstance(row, Mapping):
            return tuple(row.get(n) for n in names)
        return tuple(row)

    return shape


def _to_driver(target: Table, column: str, dialect: Any) -> Convert | None:
    """The column type's own conversion (what Core itself uses: SQLite's DATETIME writes the
    instant as text), then sqlite3's adapter, cached: the same instant and the same few days
    repeat on every row. A value already in the stored form is kept as it is."""
    process = target.c[column].type.dialect_impl(dialect).bind_processor(dialect)
    if process is None:
        return None
    stored = _stored_types(target, column)

    @lru_cache(maxsize=4096)
    def convert(value: Any) -> Any:
        if type(value) in stored:
            return value
        out = process(value)
        adapt = sqlite3.adapters.get((type(out), sqlite3.PrepareProtocol))
        return adapt(out) if adapt is not None else out

    return convert


def _stored_types(target: Table, column: str) -> tuple[type, ...]:
    """The Python types a column's stored form comes in (text for days and instants, 0/1 for a
    flag): such a value is already what the column holds."""
    python = target.c[column].type.python_type
    return (int,) if python is bool else (str,)
