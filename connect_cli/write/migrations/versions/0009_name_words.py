"""words of names and nicknames, indexed for WHO resolution

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

`name_word`: the words each person's name and nicknames give them (domain/matching.py,
name_words), one row per word and source, kept exact by triggers on contact and nickname
(connect_cli/journal/name_words.py says how). Resolving `show linda` reads the people one of
whose words the query prefixes by one index seek instead of folding every name in the journal,
so it costs about the same at 10k and 100k people (issue #10). Derived data: existing journals
are backfilled here, JSON export leaves it out, and a restore rebuilds it through the triggers.
SQLite only, like the other triggers; downgrade drops the table and its triggers.
"""

from __future__ import annotations

from alembic import op

from connect_cli.journal.name_words import BACKFILL, INDEX, TABLE, TRIGGERS

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(TABLE)
    op.execute(INDEX)
    for statement in BACKFILL:
        op.execute(statement)
    for statement in TRIGGERS.values():
        op.execute(statement)
    op.execute("PRAGMA user_version = 9")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS name_word")
    op.execute("PRAGMA user_version = 8")
