"""`connect export --format json`: every table, every column, exactly as stored."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, time
from io import StringIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.journal.sqlite import SCHEMA_VERSION, locate_journal
from connect_cli.read.export import TABLES
from tests.conftest import Run, sqlite_only
from tests.export_journal import fill

HOSTILE = ['=HYPERLINK("http://evil","x")', 'a "quote", a comma', "line\nbreak\r\nCRLF",
           "Zoë Ångström", "🚀🎉", "\x1b[31mred\x1b[0m", "\u202eevil", "[bold]x[/]", "tab\there"]  # fmt: skip
text = st.sampled_from(HOSTILE) | st.text(min_size=1, max_size=20)


def tables_via_sqlite(path: Path) -> dict[str, list[dict[str, object]]]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return {
            key: [dict(r) for r in connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]
            for key, table, order in TABLES
        }
    finally:
        connection.close()


def exported(location_path: Path) -> dict[str, object]:
    from connect_cli.core.export import ExportRequest, plan_export, write_export

    out = StringIO()
    plan = plan_export(ExportRequest(format="json"), today=date(2026, 11, 22))
    write_export(locate_journal(str(location_path)), plan, out, today=date(2026, 11, 22))
    return json.loads(out.getvalue())


@sqlite_only("compares the export with the file's rows as SQLite stores them (text days, 0/1)")
def test_json_holds_every_table_of_the_schema(ok: Run, journal_file: Path) -> None:
    from sqlmodel import SQLModel

    import connect_cli.write.tables  # noqa: F401  (registers the tables)

    fill(ok)
    doc = json.loads(ok("export", "--format", "json").stdout)
    assert (doc["format"], doc["version"], doc["schema"]) == ("connect-journal", 1, SCHEMA_VERSION)
    assert {table for _, table, _ in TABLES} == set(SQLModel.metadata.tables)
    expected = tables_via_sqlite(journal_file)
    for key, rows in expected.items():
        assert doc[key] == rows, key
        if rows:
            assert doc["columns"][key] == list(rows[0])
    assert len(doc["participants"]) == 4 and doc["contacts"][2]["archived"] == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(text, text, text, text), min_size=1, max_size=3))
def test_json_equals_the_tables_for_hostile_text(
    tmp_path: Path, people: list[tuple[str, str, str, str]]
) -> None:
    """One journal per test that grows with each example (a new journal costs a migration)."""
    from connect_cli.write.session import write_session
    from connect_cli.write.tables import (
        Channel,
        Contact,
        Fact,
        FollowUp,
        Interaction,
        Participant,
        Setting,
        Tag,
    )

    path = tmp_path / "hostile.db"
    with write_session(locate_journal(str(path)), create=True) as session:
        session.merge(Setting(key="every", value=people[0][0]))
        for name, company, note, fact in people:
            contact = Contact(name=name, company=company, met_at=note, birthday_month=2,
                              birthday_day=29)  # fmt: skip
            session.add(contact)
            session.flush()
            session.add_all([
                Tag(contact_id=contact.id, name=company), Fact(contact_id=contact.id, kind="need", text=fact),
                Channel(contact_id=contact.id, kind="phone", value=fact, label=name),
            ])  # fmt: skip
            interaction = Interaction(happened_on=date(2026, 11, 1), happened_time=time(9, 5),
                                      kind="call", text=note)  # fmt: skip
            session.add(interaction)
            session.flush()
            session.add(Participant(interaction_id=interaction.id, contact_id=contact.id,
                                    happened_on=interaction.happened_on))  # fmt: skip
            session.add(FollowUp(contact_id=contact.id, interaction_id=interaction.id, text=fact))
    doc = exported(path)
    assert {key: doc[key] for key, _, _ in TABLES} == tables_via_sqlite(path)


def test_json_is_inert_in_a_terminal(ok: Run) -> None:
    ok("add", "Eve", "--fact", "\u202eevil \x9b2J")
    out = ok("export", "--format", "json").stdout
    assert "\u202e" not in out and "\x9b" not in out
    assert json.loads(out)["facts"][0]["text"] == "\u202eevil \x9b2J"
