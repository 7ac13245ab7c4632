"""interactions counted per day and kind, for stats and history at size

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

`interaction_day_count`: how many interactions each (day, kind) has, kept exact by triggers on
interaction (journal/day_counts.py says how). `stats` reads a year of it instead of counting a
year of interactions, and the first page of `history` its total instead of a COUNT(*) over every
interaction, so both cost about the same at 1M and 10M interactions (issue #10). Derived data:
existing journals are backfilled here, JSON export leaves it out, and an import or restore
rebuilds it through the triggers. SQLite only, like the other triggers; downgrade drops the
table and its triggers.
"""

from __future__ import annotations

from alembic import op

from connect_cli.journal.day_counts import ADD_NEW_ROWS, TABLE, TRIGGERS

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(TABLE)
    op.get_bind().exec_driver_sql(ADD_NEW_ROWS, (0,))
    for statement in TRIGGERS.values():
        op.execute(statement)
    op.execute("PRAGMA user_version = 10")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS interaction_day_count")
    op.execute("PRAGMA user_version = 9")
