"""one-off important dates

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

An important date may happen once (a launch, a fund close) instead of every year (issue 14,
item 25): `important_date.once`, 0 for every date there already is (all yearly). A one-off date
always has its year. Downgrade drops the column, and with it the one-off dates' difference.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "important_date",
        sa.Column("once", sa.Boolean(), nullable=False, server_default=sa.text("0")),
    )
    op.execute("PRAGMA user_version = 6")


def downgrade() -> None:
    with op.batch_alter_table("important_date") as batch:
        batch.drop_column("once")
    op.execute("PRAGMA user_version = 5")
