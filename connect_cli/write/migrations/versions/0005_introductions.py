"""introductions, and needs that can be met

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

Issue #16 ("Always be helping"):

- `introduction`: one row per introduction you made. `person_id` is the one whose need it answers
  (or simply the first named), `helper_id` the one they were introduced to; either side becomes
  NULL when that person is forgotten (ON DELETE SET NULL: the other keeps their history), and
  `need_text` keeps the need's words while `need_id` points at the fact as long as it exists.
  `outcome` is 'pending', 'helped' or 'no-fit'; `interaction_id` is the `intro` interaction.
- `help_shown`: the introduction `today` suggested on each day (one a day; the last week is kept),
  so a day's suggestion stays put and the week's are not repeated. Goes with either person.
- `fact.met_on` / `fact.met_by_id`: a need is open while met_on is NULL; met, it says when and
  through whom (a contact id, no foreign key: adding one to `fact` means a rebuild;
  forget clears it and merge moves it).
- interaction kind 'intro'. SQLite cannot alter a CHECK constraint, and rebuilding `interaction`
  would drop the search triggers on it; widening an IN list changes no stored byte, which is the
  case SQLite documents for editing the schema text (writable_schema, "Making Other Kinds Of
  Table Schema Changes", sqlite.org/lang_altertable.html), with schema_version bumped so every
  connection reloads it.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_KINDS = "'event', 'note')"
NEW_KINDS = "'event', 'note', 'intro')"


def _edit_interaction_check(old: str, new: str) -> None:
    bind = op.get_bind()
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = replace(sql, ?, ?) "
        "WHERE type = 'table' AND name = 'interaction'",
        (old, new),
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def upgrade() -> None:
    op.create_table(
        "introduction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("helper_id", sa.Integer(), nullable=True),
        sa.Column("need_id", sa.Integer(), nullable=True),
        sa.Column("need_text", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint("outcome IN ('pending', 'helped', 'no-fit')"),
        sa.ForeignKeyConstraint(["person_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["helper_id"], ["contact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["need_id"], ["fact.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["interaction_id"], ["interaction.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("introduction", schema=None) as batch_op:
        batch_op.create_index("ix_introduction_person", ["person_id"], unique=False)
        batch_op.create_index("ix_introduction_helper", ["helper_id"], unique=False)
    op.create_table(
        "help_shown",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["helper_id"], ["contact.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("day"),
    )
    # Plain ADD COLUMN: a rebuild of `fact` would drop its search triggers.
    op.execute("ALTER TABLE fact ADD COLUMN met_on DATE")
    op.execute("ALTER TABLE fact ADD COLUMN met_by_id INTEGER")
    if op.get_bind().dialect.name == "sqlite":
        _edit_interaction_check(OLD_KINDS, NEW_KINDS)
        op.execute("PRAGMA user_version = 5")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE interaction SET kind = 'note' WHERE kind = 'intro'")
        _edit_interaction_check(NEW_KINDS, OLD_KINDS)
        op.execute("PRAGMA user_version = 4")
    op.execute("ALTER TABLE fact DROP COLUMN met_by_id")
    op.execute("ALTER TABLE fact DROP COLUMN met_on")
    op.drop_table("help_shown")
    op.drop_table("introduction")
