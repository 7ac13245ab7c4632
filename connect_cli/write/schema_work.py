"""What journal/ is handed to create or upgrade a schema when it opens a journal.

Alembic (with SQLAlchemy, ~240 ms of start-up) loads only when a journal really must be created
or upgraded: a `log` on a current journal, or a read, never pays for it. This module imports
neither itself, so the read side may hold it (core/journal.py) without loading the write side.
"""

from __future__ import annotations

from connect_cli.journal.sqlite import JournalLocation, SchemaWork


def _create(location: JournalLocation) -> None:
    from connect_cli.write.migrate import create_journal

    create_journal(location)


def _upgrade(location: JournalLocation) -> None:
    if location.path is None:  # a PostgreSQL journal: made from the models (write/pg_schema.py)
        from connect_cli.write.pg_schema import make_current

        make_current(location)
        return
    from connect_cli.write.migrate import upgrade

    upgrade(location)


SCHEMA_WORK = SchemaWork(create=_create, upgrade=_upgrade)
