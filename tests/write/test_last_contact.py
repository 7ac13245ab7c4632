"""The stored last contact (contact.last_contact_on) always equals the aggregate it replaces.

Random sequences of what changes interactions: log (alone or --with others), a note's day edited
or the note deleted (no command does those yet; any writer of the file may, so they are done in
SQL through the triggers), merge and forget. After every step, MISMATCHES (what `doctor` runs)
must find nobody, and `list --sort recent` must show the aggregate's day.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.journal.last_contact import MISMATCHES
from connect_cli.journal.sql_functions import register_functions
from connect_cli.journal.sqlite import SCHEMA_VERSION
from tests.conftest import TESTS, Rows, Run, sqlite_only

PEOPLE = 4
days = st.integers(min_value=1, max_value=28).map(lambda d: f"2026-10-{d:02d}")
person = st.integers(min_value=0, max_value=PEOPLE + 1)  # may name someone gone or never made
step = st.one_of(
    st.tuples(st.just("log"), person, days, st.lists(person, max_size=2)),
    st.tuples(st.just("redate"), st.integers(0, 30), days),
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("move"), st.integers(0, 30), person),
    st.tuples(st.just("merge"), person, person),
    st.tuples(st.just("forget"), person),
)


def _sql(journal: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple]:
    connection = sqlite3.connect(journal)
    register_functions(connection)
    connection.execute("PRAGMA foreign_keys = ON")
    try:
        with connection:
            return connection.execute(statement, params).fetchall()
    finally:
        connection.close()


def _nth(journal: Path, table_sql: str, n: int) -> tuple | None:
    rows = _sql(journal, table_sql)
    return rows[n % len(rows)] if rows else None


def _apply(run: Run, env: dict[str, str], journal: Path, action: tuple) -> None:
    kind = action[0]
    if kind == "log":
        _, who, day, others = action
        extra = [arg for other in others for arg in ("--with", f"#{other}")]
        run("log", f"#{who}", "we talked", "--on", day, *extra, env=env)
    elif kind == "redate":
        row = _nth(journal, "SELECT id FROM interaction ORDER BY id", action[1])
        if row:
            _sql(
                journal, "UPDATE interaction SET happened_on = ? WHERE id = ?", (action[2], row[0])
            )
    elif kind == "delete":
        row = _nth(journal, "SELECT id FROM interaction ORDER BY id", action[1])
        if row:
            _sql(journal, "DELETE FROM interaction WHERE id = ?", row)
    elif kind == "move":
        row = _nth(
            journal, "SELECT interaction_id, contact_id FROM participant ORDER BY 1, 2", action[1]
        )
        if row:
            _sql(
                journal,
                "UPDATE OR IGNORE participant SET contact_id = ? "
                "WHERE interaction_id = ? AND contact_id = ? AND ? IN (SELECT id FROM contact)",
                (action[2], row[0], row[1], action[2]),
            )
    elif kind == "merge":
        run("merge", f"#{action[1]}", f"#{action[2]}", "--yes", env=env)
    else:
        run("forget", f"#{action[1]}", "--yes", env=env)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=12))
def test_stored_last_contact_equals_the_aggregate_after_any_steps(run: Run, steps: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "connect.db"
        env = {"CONNECT_DB": str(journal)}
        for index in range(1, PEOPLE + 1):
            assert run("add", f"Person {index}", "--every", "2w", env=env).exit_code == 0
        for action in steps:
            _apply(run, env, journal, action)
            assert _sql(journal, MISMATCHES) == [], action
        listed = run("list", "--sort", "recent", "--json", env=env)
        assert listed.exit_code == 0, listed.stderr
        actual = dict(
            _sql(journal, "SELECT contact_id, MAX(happened_on) FROM participant GROUP BY 1")
        )
        shown = {p["id"]: p["last_contact"] for p in listed.json()}  # type: ignore[union-attr]
        assert shown == {pid: actual.get(pid) for pid in shown}


def test_a_stale_value_is_reported_by_doctor(run: Run, journal_rows: Rows) -> None:
    assert run("add", "Ada", "--note", "met at the fair").exit_code == 0
    journal_rows("UPDATE contact SET last_contact_on = '1999-01-01'")
    result = run("doctor")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "last contact" in (result.stdout + result.stderr)


@sqlite_only(
    "upgrades tests/journals/v2.db, a schema-2 SQLite file (migration 0007's backfill); a server "
    "journal is made at the current schema"
)
def test_an_upgraded_journal_has_every_last_contact_backfilled(ok: Run, journal_file: Path) -> None:
    shutil.copyfile(TESTS / "journals" / "v2.db", journal_file)
    expected = dict(
        _sql(journal_file, "SELECT contact_id, MAX(happened_on) FROM participant GROUP BY 1")
    )
    listed = ok("list", "--sort", "recent", "--json").json()  # the first command upgrades it
    assert _sql(journal_file, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert _sql(journal_file, MISMATCHES) == []
    stored = dict(_sql(journal_file, "SELECT id, last_contact_on FROM contact"))
    assert expected and {pid: stored[pid] for pid in expected} == expected
    shown = {p["id"]: p["last_contact"] for p in listed}  # type: ignore[union-attr]
    assert shown and all(shown[pid] == expected.get(pid) for pid in shown)  # archived: not listed
