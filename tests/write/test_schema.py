"""The models and the migrations describe the same schema, so reads and writes cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

import connect_cli.write.tables  # noqa: F401  (registers the tables)
from connect_cli.core.journal import ensure_current
from connect_cli.journal.sqlite import SCHEMA_VERSION, locate_journal
from connect_cli.write.engine import make_engine
from connect_cli.write.migrate import alembic_config, include_name


def test_migrations_create_exactly_the_models_schema(tmp_path: Path) -> None:
    location = locate_journal(str(tmp_path / "j.db"))
    ensure_current(location, create=True)
    engine = make_engine(location)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}),
            SQLModel.metadata,
        )
    engine.dispose()
    assert diff == []


def test_schema_version_counts_the_migrations() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(script.walk_revisions())
    assert len(revisions) == SCHEMA_VERSION
    # Revision ids are handed out per branch (one-off dates are "0008") and re-chained at merge,
    # so the head is the newest migration, whatever its id; ids stay four digits.
    assert script.get_current_head() == revisions[0].revision
    assert all(re.fullmatch(r"\d{4}", r.revision) for r in revisions)
