"""last contact per person

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

`contact.last_contact_on`: the day of each person's latest interaction, stored and kept exact by
triggers on `participant` (connect_cli/journal/last_contact.py says how, and how PostgreSQL would
do it). `today` and `list --sort recent|overdue` read it instead of aggregating every
interaction, so they cost the same at any journal size (issue #10). Existing journals are
backfilled here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from connect_cli.journal.last_contact import BACKFILL, TRIGGERS

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER TABLE ADD COLUMN: a batch rebuild would drop contact's search triggers.
    op.add_column("contact", sa.Column("last_contact_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in TRIGGERS.values():
        op.execute(statement)
    op.execute(BACKFILL)
    op.execute("PRAGMA user_version = 7")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_column("contact", "last_contact_on")  # SQLite >= 3.35
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 6")
