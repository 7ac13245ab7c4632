"""`connect forget`: erase a person so that no trace of them is left in the journal file.

What goes: their row, nicknames, channels, tags, facts, dates, follow-ups, every interaction that
involved only them, their place among the participants of shared interactions, and references
to them as the one who introduced someone (set to nobody). What stays: the text of a shared
interaction, because it belongs to the others who were there too.

Deleting rows is not enough for "no trace": SQLite keeps old page contents in free pages and in
the -wal file, and FTS5 keeps deleted tokens in its index until it is optimised. So after the
delete (with secure_delete on, which zeroes freed content), the search index is rebuilt and
optimised, the journal is vacuumed, and the WAL is checkpointed and truncated.
Backups taken earlier still hold the person: they are separate files the user controls.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from connect_cli.journal.sqlite import JournalLocation, connect_sqlite
from connect_cli.read.resolve import resolve


@dataclass(frozen=True)
class Forgotten:
    id: int
    name: str
    interactions_deleted: int
    interactions_kept: int  # shared ones: their text stays, the person is no longer in them
    fully_erased: bool  # False when another process kept the WAL from being emptied


def forget_person(location: JournalLocation, who: str, expected_id: int | None = None) -> Forgotten:
    from connect_cli.write.session import session_reader, write_session

    with write_session(location) as session:
        reader = session_reader(session)
        person = resolve(reader, f"#{expected_id}" if expected_id is not None else who)
        params = {"id": person.id}
        alone = [
            r["interaction_id"]
            for r in reader.rows(
                "SELECT p.interaction_id FROM participant p WHERE p.contact_id = :id AND NOT EXISTS "
                "(SELECT 1 FROM participant o WHERE o.interaction_id = p.interaction_id "
                "AND o.contact_id != :id)",
                params,
            )
        ]
        shared = reader.rows("SELECT count(*) AS n FROM participant WHERE contact_id = :id", params)
        kept = int(shared[0]["n"]) - len(alone)
        connection = session.connection()
        from sqlalchemy import text

        from connect_cli.write.introductions import forget_side

        forget_side(connection, person.id, person.name)
        for interaction_id in alone:
            connection.execute(text("DELETE FROM interaction WHERE id = :i"), {"i": interaction_id})
        for statement in (
            "DELETE FROM followup WHERE contact_id = :id",
            "DELETE FROM participant WHERE contact_id = :id",
            "DELETE FROM nickname WHERE contact_id = :id",
            "DELETE FROM channel WHERE contact_id = :id",
            "DELETE FROM tag WHERE contact_id = :id",
            "DELETE FROM fact WHERE contact_id = :id",
            "DELETE FROM important_date WHERE contact_id = :id",
            "UPDATE contact SET introduced_by_id = NULL WHERE introduced_by_id = :id",
            "DELETE FROM contact WHERE id = :id",
        ):
            connection.execute(text(statement), params)
        if location.path is not None:  # FTS5 is SQLite's; a server keeps its own indexes
            for name, sql in _full_text_tables(reader):
                _purge_index(connection, name, sql)
    if location.path is None:  # a server: its own compaction (journal/postgres.py)
        from connect_cli.journal.postgres import scrub_server

        return Forgotten(person.id, person.name, len(alone), kept, scrub_server(location))
    erased = _scrub(location.path)
    return Forgotten(person.id, person.name, len(alone), kept, erased)


def _full_text_tables(reader) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [
        (r["name"], r["sql"])
        for r in reader.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND lower(sql) LIKE '%fts5%'"
        )
    ]


def _purge_index(connection, name: str, sql: str) -> None:  # type: ignore[no-untyped-def]
    """FTS5 keeps a deleted row's tokens until its segments are merged: optimise (one merged
    segment, deleted tokens gone). An external-content index is rebuilt from its table first,
    so nothing survives there even if a trigger was missed."""
    from sqlalchemy import text

    compact = sql.lower().replace(" ", "")
    external = "content=" in compact and "content=''" not in compact and 'content=""' not in compact
    if external:
        connection.execute(text(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')'))
    connection.execute(text(f'INSERT INTO "{name}"("{name}") VALUES (\'optimize\')'))


def _scrub(path: Path) -> bool:
    """Rewrite the file without free pages, then empty the WAL so no old page survives."""
    connection = connect_sqlite(path)
    try:
        connection.execute("VACUUM")
        busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0
    except sqlite3.OperationalError:
        return False  # another process is reading; the next command's checkpoint finishes it
    finally:
        connection.close()
