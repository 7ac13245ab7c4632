"""Alembic environment: runs on the connection that migrate.upgrade hands over.

Batch mode, because SQLite can only change most of a table by rebuilding it. A rebuild drops the
old table, and with foreign keys on that DROP cascade-deletes every child row; so
migrate.upgrade runs all migrations through migrate.run_with_foreign_keys_off: the pragma is
turned off before BEGIN (inside a transaction it does nothing), and `PRAGMA foreign_key_check`
must find nothing before COMMIT. A migration must not switch foreign keys back on itself.
Batch rebuilds omit unnamed CHECK constraints of reflected tables (Alembic warns): pass them in
`batch_alter_table(..., table_args=...)` or the rebuilt table loses them.
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import connect_cli.write.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from connect_cli.write.migrate import include_name

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic revision --autogenerate` from a developer's shell
    from sqlalchemy import create_engine

    connection = create_engine("sqlite:///dev-migrations.db").connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    include_name=include_name,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
