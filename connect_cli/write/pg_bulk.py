"""The bulk writer's PostgreSQL half (write/bulk_rows.py has the rules it keeps).

Rows go to psycopg's executemany on the transaction's own connection, values as they come:
typed values (a `date`, an aware `datetime`, a `time`) as psycopg adapts them, and values in
SQLite's stored form (the text of a day or an instant, from our JSON export) as text the server
reads by the column's type (psycopg sends a str untyped; the session is in UTC, as the stored
instants are). The one stored form the server does not read is a 0/1 flag: it becomes a boolean.

Rows written with their ids (import, restore) leave the table's id sequence behind; it is moved
past the largest id before returning, so the next `add` or `log` gets a free one.

A server error comes back as SQLAlchemy's own (IntegrityError, OperationalError… with psycopg's
error as `orig`), as on SQLite: the callers' messages ("point at rows the file does not have")
and the write session's translation catch the same classes on both dialects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.schema import Table


def insert_rows_pg(
    connection: Connection,
    target: Table,
    names: tuple[str, ...],
    rows: Iterable[Sequence[Any] | Mapping[str, Any]],
    batch: int,
) -> int:
    """Insert `rows` (in `names` order, or mappings) into `target`; returns how many.
    Errors: SQLAlchemy's DBAPIError subclass for what the server said (module docstring)."""
    import psycopg

    flags = [k for k, name in enumerate(names) if isinstance(target.c[name].type, Boolean)]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{target.name}" ({quoted}) VALUES ({", ".join(["%s"] * len(names))})'
    driver = connection.connection.driver_connection
    assert driver is not None
    written = 0
    iterator = iter(rows)
    with driver.cursor() as cursor:
        while chunk := [_values(names, row, flags) for row in islice(iterator, batch)]:
            try:
                cursor.executemany(sql, chunk)
            except psycopg.Error as error:  # never the rows themselves: they may be private
                raise DBAPIError.instance(sql, None, error, psycopg.Error) from None
            written += len(chunk)
    if "id" in names and written:
        advance_sequence(connection, target.name)
    return written


def _values(
    names: tuple[str, ...], row: Sequence[Any] | Mapping[str, Any], flags: list[int]
) -> list[Any]:
    if isinstance(row, Mapping):
        values = [row.get(name) for name in names]
    else:
        if len(row) != len(names):
            raise ValueError(f"a row has {len(row)} values for {len(names)} columns")
        values = list(row)
    for k in flags:
        if values[k] is not None:
            values[k] = bool(values[k])
    return values


def advance_sequence(connection: Connection, table: str) -> None:
    """Move `table`'s id sequence past its largest id (ids written by hand do not move it)."""
    connection.exec_driver_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
        f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
    )
