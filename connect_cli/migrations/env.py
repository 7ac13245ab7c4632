"""Alembic environment: runs on the connection that migrate.upgrade hands over.

Batch mode, because SQLite can only change most of a table by rebuilding it; rebuilds run with
foreign keys off and a foreign_key_check before commit (see each migration).
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import connect_cli.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from connect_cli.migrate import include_name

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
