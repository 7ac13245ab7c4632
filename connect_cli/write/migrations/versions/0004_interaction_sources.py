"""interaction sources

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Where an imported interaction came from (issue #17): a calendar event's UID + RECURRENCE-ID or a
mail's Message-ID, so that re-importing the same or an overlapping export adds nothing twice. A new
table only: every existing row stays as it is. The settings `me` and `feed` live in the existing
`setting` table and need no change.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interaction_source",
        sa.Column("origin", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("origin IN ('ics', 'mail')"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("origin", "key"),
    )
    op.create_index(
        "ix_interaction_source_interaction", "interaction_source", ["interaction_id"]
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 4")


def downgrade() -> None:
    op.drop_index("ix_interaction_source_interaction", table_name="interaction_source")
    op.drop_table("interaction_source")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 3")
