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
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Time, text, update
from sqlalchemy.sql.schema import Table
from sqlmodel import Session, SQLModel

import connect_cli.write.tables  # noqa: F401  (the tables register on SQLModel.metadata)
from connect_cli.domain.errors import InputError
from connect_cli.domain.incoming import FileProblem
from connect_cli.formats.encoding import Encoding
from connect_cli.formats.json_export import FORMAT_NAME, FORMAT_VERSION
from connect_cli.journal.sqlite import SCHEMA_VERSION
from connect_cli.read.export import TABLES
from connect_cli.write.bulk_rows import insert_rows

# Document key -> table, in the export's order (it satisfies the foreign keys).
SECTIONS = tuple((key, table) for key, table, _order in TABLES)


@dataclass
class JournalRestored:
    """How many rows of each table (keyed as in the document) went into the empty journal."""

    counts: dict[str, int] = field(default_factory=dict)


def restore_journal_json(session: Session, path: Path, encoding: Encoding) -> JournalRestored:
    """Insert every row of our JSON export into the session's (empty) journal.

    Raises InputError or FileProblem, naming the table and row, for anything not as exported.
    """
    document = _load(path, encoding)
    connection = session.connection()
    _require_empty(connection, path)
    restored = JournalRestored()
    introducers: list[dict[str, Any]] = []
    for key, name in SECTIONS:
        table: Table = SQLModel.metadata.tables[name]
        rows = [_row(table, raw, path, key, k) for k, raw in enumerate(document.get(key) or [], 1)]
        if name == "contact":  # an introducer may come later in the list: link them afterwards
            introducers = [
                {"id": r["id"], "via": r["introduced_by_id"]}
                for r in rows
                if r.get("introduced_by_id")
            ]
            # last_contact_on is derived: the participant triggers set it as history goes in.
            rows = [{**r, "introduced_by_id": None, "last_contact_on": None} for r in rows]
        if name == "setting" and rows:
            connection.execute(table.delete().where(table.c.key.in_([r["key"] for r in rows])))
        if rows:
            _insert(connection, table, rows, path, key)
        restored.counts[key] = len(rows)
        if name == "contact":
            for link in introducers:
                connection.execute(
                    update(table)
                    .where(table.c.id == link["id"])
                    .values(introduced_by_id=link["via"])
                )
    if not restored.counts.get("contacts"):
        raise FileProblem(f"No people found in {path.name}; it holds an empty journal.")
    return restored


def _insert(connection, table: Table, rows: list[dict[str, Any]], path: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import IntegrityError

    try:
        insert_rows(connection, table.name, rows)  # stored values are kept as they are
    except IntegrityError:
        raise FileProblem(
            f"{path.name}: the {key.replace('_', ' ')} repeat an id, break a rule of the journal, "
            "or point at rows the file does not have; was it edited by hand?"
        ) from None


def _load(path: Path, encoding: Encoding) -> dict[str, Any]:
    try:
        with path.open(encoding=encoding.name) as handle:
            document = json.load(handle)
    except json.JSONDecodeError as error:
        raise FileProblem(
            f"{path.name}, line {error.lineno}: not valid JSON ({error.msg}); was the export cut short?"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise InputError(
            f'{path.name} is not a connect JSON export (no "format": "{FORMAT_NAME}").'
        )
    if document.get("version") != FORMAT_VERSION:
        raise InputError(
            f"{path.name} is a version of connect's JSON this connect cannot read; upgrade connect."
        )
    schema = document.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise InputError(
            f"{path.name} comes from a newer connect (schema {schema}); upgrade connect to import it."
        )
    for key, _name in SECTIONS:
        if not isinstance(document.get(key, []), list):
            raise FileProblem(f'{path.name}: "{key}" must be a list of rows.')
    return document


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
        value = raw.get(column.name)
        try:
            row[column.name] = _value(column.type, value)
        except (TypeError, ValueError):
            raise FileProblem(
                f"{where}: {column.name} = {str(value)[:30]!r} cannot be read."
            ) from None
    return row


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
