"""interaction (happened_on, kind) index

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

`stats` counts a year of touches per (day, kind) for its heatmap and months-by-kind (issue 18).
With only ix_interaction_happened_on each of those rows is fetched from the table to read its
kind; a covering index on (happened_on, kind) answers the GROUP BY from the index alone (10k
people / 1M interactions: ~500 ms -> ~150 ms for that query). ix_interaction_happened_on stays:
its implied (happened_on, id) order serves the timelines' ORDER BY happened_on, id without a sort.
Downgrade drops the index; no data changes either way.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

INDEX = "ix_interaction_day_kind"


def upgrade() -> None:
    op.create_index(INDEX, "interaction", ["happened_on", "kind"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 8")


def downgrade() -> None:
    op.drop_index(INDEX, table_name="interaction")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 7")
