"""Migration 0002: an older journal becomes searchable on upgrade; downgrade removes the index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from connect_cli.journal.sqlite import SCHEMA_VERSION, create_private_file, locate_journal
from connect_cli.write.engine import make_engine
from connect_cli.write.migrate import alembic_config, upgrade
from tests.conftest import Run, sqlite_only

NOW = "2026-01-01 00:00:00.000000"


def journal_at_0001(path: Path) -> None:
    """A journal as version 0001 wrote it, with people, a fact, a nickname and a shared note."""
    create_private_file(path)
    upgrade(locate_journal(str(path)), "0001")
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO contact (id, name, company, title, met_at, archived, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
            [
                (1, "Zoë Ångström", "Globex", None, "Web Summit", NOW, NOW),
                (2, "Bob Stone", None, "CFO", None, NOW, NOW),
            ],
        )
        connection.execute(
            "INSERT INTO fact (contact_id, kind, text, created_at) VALUES (1, 'passion', 'sailing', ?)",
            (NOW,),
        )
        connection.execute("INSERT INTO nickname (contact_id, value) VALUES (2, 'Bobby')")
        connection.execute(
            "INSERT INTO interaction (id, happened_on, kind, text, created_at) "
            "VALUES (7, '2026-03-04', 'meal', 'Dinner about the Zürich office', ?)",
            (NOW,),
        )
        connection.executemany(
            "INSERT INTO participant (interaction_id, contact_id, happened_on) VALUES (7, ?, '2026-03-04')",
            [(1,), (2,)],
        )
    connection.close()


def user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


@sqlite_only(
    "migration 0002 upgrades a SQLite file schema 0001 wrote; a server journal is made at the "
    "head from the models, never at 0001"
)
def test_a_0001_journal_with_data_becomes_searchable(ok: Run, journal_file: Path) -> None:
    journal_at_0001(journal_file)
    assert user_version(journal_file) == 1
    found = ok("search", "zurich", "--json").json()  # the command upgrades the journal first
    assert user_version(journal_file) == SCHEMA_VERSION
    assert sorted(p["name"] for p in found) == ["Bob Stone", "Zoë Ångström"]
    assert found[0]["matches"][0]["interaction_id"] == 7
    for query, name, source in [
        ("sailing", "Zoë Ångström", "fact"),
        ("globex", "Zoë Ångström", "company"),
        ("web summit", "Zoë Ångström", "met_at"),
        ("bobby", "Bob Stone", "nickname"),
        ("cfo", "Bob Stone", "title"),
        ("angstrom", "Zoë Ångström", "name"),
    ]:
        [person] = ok("search", query, "--json").json()
        assert (person["name"], person["matches"][0]["source"]) == (name, source), query
    # a backup of the old journal was taken before the upgrade
    assert list(journal_file.parent.glob("connect.before-upgrade-*.db"))


@sqlite_only(
    "downgrades migration 0002's FTS5 table and triggers (sqlite_master); a server journal has "
    "neither: it searches a tsvector column"
)
def test_downgrade_drops_the_index_and_its_triggers(journal_file: Path) -> None:
    journal_at_0001(journal_file)
    location = locate_journal(str(journal_file))
    upgrade(location)
    engine = make_engine(location)
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
    finally:
        engine.dispose()
    connection = sqlite3.connect(journal_file)
    leftovers = connection.execute(
        "SELECT name FROM sqlite_master WHERE name LIKE 'search%'"
    ).fetchall()
    connection.execute(
        "INSERT INTO nickname (contact_id, value) VALUES (1, 'Zo')"
    )  # no trigger left
    connection.close()
    assert leftovers == [] and user_version(journal_file) == 1
