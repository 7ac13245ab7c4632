"""The one bulk writer (write/bulk_rows.py): its columns are the tables' own, and a row it writes is
the row the ORM writes, byte for byte, for every table and every stored type."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, SQLModel

from connect_cli.write import tables as t
from connect_cli.write.bulk import COLUMNS
from connect_cli.write.bulk_rows import columns, insert_rows
from connect_cli.write.import_notes import FOLLOWUP_COLUMNS

SOURCE = Path(__file__).resolve().parent.parent / "connect_cli"

BERLIN = timezone(timedelta(hours=2))
INSTANT = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=BERLIN)  # stored as its UTC instant


def rows() -> list[SQLModel]:
    """One row per table (two where a type's None matters), as the ORM builds it; parents first
    (foreign keys are enforced). Fresh each call: a session expires what it commits."""
    return [
    t.Contact(id=1, name="Ada Lovelace", company="Analytical", title="Countess", location="London",
              met_at="a salon", met_on=date(2020, 2, 29), introduced_by_id=None, birthday_month=12,
              birthday_day=10, birthday_year=1815, every_days=30, snoozed_until=date(2026, 12, 1),
              archived=True, created_at=INSTANT, updated_at=datetime(2026, 1, 1, tzinfo=UTC)),
    t.Contact(id=2, name="Charles Babbage", introduced_by_id=1, archived=False,
              created_at=INSTANT, updated_at=INSTANT),
    t.Nickname(id=1, contact_id=1, value="Ada"),
    t.Channel(id=1, contact_id=1, kind="email", value="ada@example.org", label="home"),
    t.Tag(id=1, contact_id=1, name="maths"),
    t.Fact(id=1, contact_id=1, kind="like", text="poetical science", created_at=INSTANT),
    t.ImportantDate(id=1, contact_id=1, label="wedding", month=7, day=8, year=None),
    t.Interaction(id=1, happened_on=date(2026, 11, 21), happened_time=time(9, 30), kind="meal",
                  text="tea; the engine", created_at=INSTANT),
    t.Interaction(id=2, happened_on=date(2026, 11, 22), happened_time=None, kind="note",
                  text="", created_at=INSTANT),
    t.Participant(interaction_id=1, contact_id=1, happened_on=date(2026, 11, 21)),
    t.InteractionSource(origin="ics", key="uid-1@example.org/20261121T083000Z", interaction_id=1),
    t.FollowUp(id=1, contact_id=1, interaction_id=1, text="send the notes",
               due_on=date(2026, 12, 24), done_at=INSTANT, created_at=INSTANT),
    t.Setting(key="default_every", value="30"),
    t.Fact(id=2, contact_id=2, kind="need", text="a lathe", created_at=INSTANT,
           met_on=date(2026, 11, 23), met_by_id=1),
    t.Introduction(id=1, happened_on=date(2026, 11, 22), person_id=2, helper_id=1, need_id=2,
                   need_text="a lathe", note=None, outcome="helped",
                   outcome_on=date(2026, 11, 23), outcome_note="built it", interaction_id=1,
                   created_at=INSTANT),
    t.HelpShown(day=date(2026, 11, 22), person_id=2, helper_id=1),
    ]  # fmt: skip


def _journal(path: Path):  # type: ignore[no-untyped-def]
    engine = create_engine(f"sqlite:///{path}")
    SQLModel.metadata.create_all(engine)
    return engine


def _stored(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1, 2').fetchall()
            for name in SQLModel.metadata.tables
        }


def test_every_table_has_a_row_here() -> None:
    assert {row.__table__.name for row in rows()} == set(SQLModel.metadata.tables)  # type: ignore[attr-defined]


def test_bulk_columns_are_the_tables_own() -> None:
    for name, table in SQLModel.metadata.tables.items():
        assert columns(name) == tuple(c.name for c in table.columns)
    for name, queued in COLUMNS.items():
        table = SQLModel.metadata.tables[name]
        own = ("last_contact_on",) if name == "contact" else ("id",)  # the triggers' / SQLite's
        expected = tuple(c.name for c in table.columns if c.name not in own)
        assert queued == expected, name
    assert FOLLOWUP_COLUMNS == tuple(
        c.name for c in SQLModel.metadata.tables["followup"].columns if c.name != "id"
    )


@pytest.mark.parametrize("shape", ["tuple", "mapping"])
def test_a_bulk_row_is_the_orm_row(tmp_path: Path, shape: str) -> None:
    by_orm, by_bulk = tmp_path / "orm.db", tmp_path / "bulk.db"
    with Session(_journal(by_orm)) as session:
        for row in rows():
            session.add(row)
            session.flush()
        session.commit()
    with _journal(by_bulk).begin() as connection:
        for row in rows():
            name = row.__table__.name  # type: ignore[attr-defined]
            values = row.model_dump()
            given = values if shape == "mapping" else tuple(values[c] for c in columns(name))
            assert insert_rows(connection, name, [given]) == 1
    assert _stored(by_bulk) == _stored(by_orm)
    with Session(_journal(by_bulk)) as session:
        for row in rows():
            key = [getattr(row, c.name) for c in row.__table__.primary_key]  # type: ignore[attr-defined]
            read = session.get(type(row), key)
            assert read is not None and read.model_dump() == row.model_dump(), type(row)


def test_stored_values_are_kept_as_they_are(tmp_path: Path) -> None:
    """What a journal or our JSON export holds goes back unchanged (the restore relies on it)."""
    with _journal(tmp_path / "j.db").begin() as connection:
        insert_rows(connection, "contact", [
            (1, "A", None, None, None, None, "2020-02-29", None, None, None, None, None, None, 1,
             "2026-03-04 03:06:07.890123", "2026-03-04 03:06:07", None)])  # fmt: skip
    row = _stored(tmp_path / "j.db")["contact"][0]
    assert row[6] == "2020-02-29" and row[13] == 1
    assert row[14:] == ("2026-03-04 03:06:07.890123", "2026-03-04 03:06:07", None)


def test_a_row_of_the_wrong_width_or_column_is_refused(tmp_path: Path) -> None:
    with _journal(tmp_path / "j.db").begin() as connection:
        with pytest.raises(ValueError, match="2 values for 3 columns"):
            insert_rows(connection, "tag", [(1, 2)])
        with pytest.raises(ValueError, match="no column 'colour'"):
            insert_rows(connection, "tag", [(1, "x")], ("contact_id", "colour"))


_TABLES = "|".join(SQLModel.metadata.tables)
_RAW_INSERT = re.compile(
    rf"INSERT INTO \"?({_TABLES})\b|\binsert\((\w+\.)?__table__|from sqlalchemy\b.*\binsert\b(?!_)"
)


def test_rows_are_inserted_by_the_orm_or_the_bulk_writer_only() -> None:
    """No hand-written INSERT into a journal table, no Core insert(), outside bulk_rows.py."""
    found = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "bulk_rows.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if _RAW_INSERT.search(line)
    ]
    assert found == []
