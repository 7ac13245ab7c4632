"""Our lossless JSON export read back: every row with its original id and timestamps.

Only into an EMPTY journal: ids are kept so that exporting again gives the identical document,
and ids cannot be kept beside rows that already use them. The document (json_export.py) holds each
table's rows as objects keyed by column, with values exactly as SQLite stores them; each value is
checked (a day is a real day, an instant reads as one, a flag is 0 or 1) and then inserted as it is
by the bulk writer (which keeps a stored value unchanged), so the journal gets back byte for byte
what was exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Time, text, update
from sqlalchemy.sql.schema import Table
from sqlmodel import Session, SQLModel

import connect_cli.write.tables  # noqa: F401  (the tables register on SQLModel.metadata)
from connect_cli.domain.errors import InputError
from connect_cli.domain.incoming import FileProblem
from connect_cli.domain.stored_rules import row_problems
from connect_cli.formats.encoding import Encoding
from connect_cli.formats.json_export import FORMAT_NAME, FORMAT_VERSION
from connect_cli.formats.json_stream import StreamedObject
from connect_cli.journal.sqlite import SCHEMA_VERSION
from connect_cli.read.export import TABLES
from connect_cli.write.bulk_rows import insert_rows

# Document key -> table, in the export's order (it satisfies the foreign keys).
SECTIONS = tuple((key, table) for key, table, _order in TABLES)
_TABLE_OF = dict(SECTIONS)
BATCH_ROWS = 2000  # rows checked and inserted at a time: memory follows a batch, not the file


@dataclass
class JournalRestored:
    """How many rows of each table (keyed as in the document) went into the empty journal."""

    counts: dict[str, int] = field(default_factory=dict)


def restore_journal_json(session: Session, path: Path, encoding: Encoding) -> JournalRestored:
    """Insert every row of our JSON export into the session's (empty) journal.

    The file is read as a stream (formats/json_stream.py): rows are checked and inserted a batch
    at a time, so memory follows a batch, not the file. Raises InputError or FileProblem, naming
    the table and row, for anything not as exported.
    """
    connection = session.connection()
    _require_empty(connection, path)
    restored = JournalRestored()
    try:
        with path.open(encoding=encoding.name) as handle:
            _restore_members(connection, handle, path, restored)
    except json.JSONDecodeError as error:
        raise FileProblem(
            f"{path.name}, line {error.lineno}: not valid JSON ({error.msg}); was the export cut short?"
        ) from None
    except RecursionError:  # brackets nested thousands deep: no export of ours looks like that
        raise FileProblem(
            f"{path.name} nests its values too deeply to be a connect export; was it edited by hand?"
        ) from None
    if not restored.counts.get("contacts"):
        raise FileProblem(f"No people found in {path.name}; it holds an empty journal.")
    return restored


def _restore_members(connection, handle: IO[str], path: Path, restored: JournalRestored) -> None:  # type: ignore[no-untyped-def]
    """The document's members in file order: the header first, then each table's rows."""
    order = [key for key, _name in SECTIONS]
    header: dict[str, Any] = {}
    for key, value in StreamedObject(handle, frozenset(order)).members():
        if key not in _TABLE_OF:
            header[key] = value
            continue
        _check_header(header, path)
        if value is not None and not isinstance(value, Iterator):
            raise FileProblem(f'{path.name}: "{key}" must be a list of rows.')
        if key in restored.counts or any(
            order.index(k) > order.index(key) for k in restored.counts
        ):
            raise FileProblem(
                f'{path.name}: "{key}" comes out of the export\'s order ({", ".join(order)}); '
                "was it edited by hand?"
            )
        restored.counts[key] = _restore_table(connection, key, value or iter(()), path)
    _check_header(header, path)


def _restore_table(connection, key: str, raws: Iterator[Any], path: Path) -> int:  # type: ignore[no-untyped-def]
    """One table's rows, a batch at a time; returns how many."""
    name = _TABLE_OF[key]
    table: Table = SQLModel.metadata.tables[name]
    introducers: list[dict[str, Any]] = []
    count = 0
    while batch := list(islice(raws, BATCH_ROWS)):
        rows = [_row(table, raw, path, key, count + k) for k, raw in enumerate(batch, 1)]
        _check_rules(name, rows, path, key, first=count + 1)
        if name == "contact":  # an introducer may come later in the list: link them afterwards
            introducers += [
                {"id": r["id"], "via": r["introduced_by_id"]}
                for r in rows
                if r.get("introduced_by_id")
            ]
            # last_contact_on is derived: the participant triggers set it as history goes in.
            rows = [{**r, "introduced_by_id": None, "last_contact_on": None} for r in rows]
        if name == "setting":
            connection.execute(table.delete().where(table.c.key.in_([r["key"] for r in rows])))
        _insert(connection, table, rows, path, key)
        count += len(rows)
    for link in introducers:
        connection.execute(
            update(table).where(table.c.id == link["id"]).values(introduced_by_id=link["via"])
        )
    return count


def _insert(connection, table: Table, rows: list[dict[str, Any]], path: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    try:
        insert_rows(connection, table.name, rows)  # stored values are kept as they are
    except IntegrityError:
        raise FileProblem(
            f"{path.name}: the {key.replace('_', ' ')} repeat an id, break a rule of the journal, "
            "or point at rows the file does not have; was it edited by hand?"
        ) from None


def _check_header(header: dict[str, Any], path: Path) -> None:
    """format, version and schema, which our export writes before any row."""
    if header.get("format") != FORMAT_NAME:
        raise InputError(
            f'{path.name} is not a connect JSON export (no "format": "{FORMAT_NAME}").'
        )
    if header.get("version") != FORMAT_VERSION:
        raise InputError(
            f"{path.name} is a version of connect's JSON this connect cannot read; upgrade connect."
        )
    schema = header.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise InputError(
            f"{path.name} comes from a newer connect (schema {schema}); upgrade connect to import it."
        )


def _require_empty(connection, path: Path) -> None:  # type: ignore[no-untyped-def]
    people = connection.execute(text("SELECT COUNT(*) FROM contact")).scalar()
    notes = connection.execute(text("SELECT COUNT(*) FROM interaction")).scalar()
    if people or notes:
        raise InputError(
            f"{path.name} is a whole journal and can only be imported into an empty one (yours has "
            f"{people:,} people); use --db with a new file, e.g. connect --db restored.db import {path.name}."
        )


def _row(table: Table, raw: Any, path: Path, key: str, number: int) -> dict[str, Any]:
    where = f"{path.name}: {key} row {number}"
    if not isinstance(raw, dict):
        raise FileProblem(f"{where} is not an object of columns.")
    unknown = set(raw) - set(table.c.keys())
    if unknown:
        raise FileProblem(
            f"{where} has a column this journal does not know ({sorted(unknown)[0][:40]!r})."
        )
    row: dict[str, Any] = {}
    for column in table.c:
        if column.name not in raw and column.server_default is not None:
            # A column newer than the export (important_date.once, schema 4): its default.
            default = column.server_default.arg  # type: ignore[attr-defined]
            row[column.name] = int(default) if isinstance(column.type, Boolean) else default
            continue
        value = raw.get(column.name)
        try:
            row[column.name] = _value(column.type, value)
        except (TypeError, ValueError):
            raise FileProblem(  # the cell itself is never quoted: it may be private
                f"{where}: {column.name} holds a value of the wrong kind; was the file edited by hand?"
            ) from None
    return row


def _check_rules(
    table: str, rows: list[dict[str, Any]], path: Path, key: str, *, first: int = 1
) -> None:
    """The rules the commands apply (domain/stored_rules.py), so that no import breaks `show`,
    `today` or an export afterwards."""
    for number, row in enumerate(rows, first):
        for problem in row_problems(table, row):
            raise FileProblem(
                f"{path.name}: {key} row {number}: {problem}; fix that row or export again."
            )


def _value(kind: Any, value: Any) -> Any:
    """The stored value itself, once it is known to be one the column can hold."""
    if value is None:
        return None
    if isinstance(kind, Boolean):
        if value not in (0, 1):  # True/False are 1/0 too
            raise ValueError(value)
        return int(value)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(value)
        return value
    if not isinstance(value, str):
        raise TypeError(value)
    if isinstance(kind, DateTime) or type(kind).__name__ == "UTCDateTime":
        datetime.fromisoformat(value)
    elif isinstance(kind, Date):
        date.fromisoformat(value)
    elif isinstance(kind, Time):
        time.fromisoformat(value)
    return value
