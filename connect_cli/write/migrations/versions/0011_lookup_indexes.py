"""indexes for the people someone introduced and the needs met in a period

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01

`ix_contact_introduced_by_id`: `show` and `prep` list whom a person introduced you to
(`contact.introduced_by_id = :id`), and `intros` counts them; without an index each is a scan of
every contact (~150 ms of a 420 ms `prep` at 100k people). `ix_fact_met_on`: `stats` counts the
needs met in its period (`fact.met_on BETWEEN`), a scan of every fact without it. Both cost the
same at any journal size with the index (issue #10). Plain indexes, so both dialects take this
migration; a server journal made from the models (write/pg_schema.py) already has them, hence
IF NOT EXISTS. Bulk loads (write/bulk_load.py) drop and rebuild every explicit index, these too.
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_contact_introduced_by_id": "contact (introduced_by_id)",
    "ix_fact_met_on": "fact (met_on)",
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {columns}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 11")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 10")
