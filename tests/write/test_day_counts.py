"""The stored interactions per day and kind (interaction_day_count, journal/day_counts.py) always
equal the COUNT(*) they replace, whatever changes interactions: log, fix (day, kind), unlog, merge,
forget, a JSON import, demo's bulk load and an upgrade; `doctor` reports a stale count; and the
numbers `stats` and `history` show are the same with the table as without it (the plain query).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.journal.day_counts import MISMATCHES
from connect_cli.journal.sql_functions import register_functions
from connect_cli.journal.sqlite import SCHEMA_VERSION
from tests.conftest import TESTS, Run, sqlite_only

PEOPLE = 3
AGGREGATE = "SELECT happened_on, kind, COUNT(*) FROM interaction GROUP BY 1, 2 ORDER BY 1, 2"
STORED = "SELECT happened_on, kind, n FROM interaction_day_count ORDER BY 1, 2"

# journal/day_counts.py: the table and its triggers are made by migration 0010, on SQLite only.
SQLITE_TABLE = (
    "interaction_day_count is SQLite's (migration 0010): a server journal has no such table, "
    "its stats and history run the plain GROUP BY"
)

days = st.integers(min_value=1, max_value=6).map(lambda d: f"2026-11-{d:02d}")
kinds = st.sampled_from(["call", "meal", "email"])
person = st.integers(min_value=1, max_value=PEOPLE + 1)  # may name someone gone or never made
nth = st.integers(0, 30)
step = st.one_of(
    st.tuples(st.just("log"), person, days, kinds, st.lists(person, max_size=2)),
    st.tuples(st.just("fix-day"), nth, days),
    st.tuples(st.just("fix-kind"), nth, kinds),
    st.tuples(st.just("unlog"), nth),
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


def _nth_interaction(journal: Path, n: int) -> int | None:
    ids = [row[0] for row in _sql(journal, "SELECT id FROM interaction ORDER BY id")]
    return ids[n % len(ids)] if ids else None


def _apply(run: Run, env: dict[str, str], journal: Path, action: tuple) -> None:
    kind = action[0]
    if kind == "log":
        _, who, day, what, others = action
        extra = [arg for other in others for arg in ("--with", f"#{other}")]
        run("log", f"#{who}", "we talked", "--on", day, "--kind", what, *extra, env=env)
    elif kind in ("fix-day", "fix-kind", "unlog"):
        interaction = _nth_interaction(journal, action[1])
        if interaction is None:
            return
        if kind == "unlog":
            run("unlog", str(interaction), "--yes", env=env)
        else:
            option = "--on" if kind == "fix-day" else "--kind"
            run("fix", str(interaction), option, action[2], env=env)
    elif kind == "merge":
        run("merge", f"#{action[1]}", f"#{action[2]}", "--yes", env=env)
    else:
        run("forget", f"#{action[1]}", "--yes", env=env)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=10))
def test_stored_counts_equal_the_aggregate_after_any_steps(run: Run, steps: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal = Path(folder) / "connect.db"
        env = {"CONNECT_DB": str(journal)}
        for index in range(1, PEOPLE + 1):
            assert run("add", f"Person {index}", env=env).exit_code == 0
        for action in steps:
            _apply(run, env, journal, action)
            assert _sql(journal, MISMATCHES) == [], action
            assert _sql(journal, STORED) == _sql(journal, AGGREGATE), action


def _logged(ok: Run) -> None:
    ok("add", "Ada Lovelace", "--tag", "friends")
    ok("add", "Bob Marley")
    ok("log", "ada", "tea", "--on", "2026-11-01", "--kind", "meal")
    ok("log", "ada", "call about the engine", "--on", "2026-11-01", "--kind", "call")
    ok("log", "bob", "songs", "--on", "2026-11-20", "--kind", "call", "--with", "ada")
    ok("log", "bob", "letter", "--on", "2025-11-25", "--kind", "email")


@sqlite_only(SQLITE_TABLE)
def test_a_json_import_into_a_new_journal_counts_every_interaction(
    ok: Run, journal_file: Path, tmp_path: Path
) -> None:
    _logged(ok)
    exported = tmp_path / "journal.json"
    ok("export", "--format", "json", "-o", str(exported))
    other = tmp_path / "data" / "other.db"
    ok("import", str(exported), env={"CONNECT_DB": str(other)})
    assert _sql(other, STORED) == _sql(journal_file, AGGREGATE) == _sql(other, AGGREGATE)
    assert len(_sql(other, STORED)) == 4


@sqlite_only(SQLITE_TABLE)
def test_the_demo_bulk_load_builds_the_counts(ok: Run, journal_file: Path) -> None:
    ok("demo", "--contacts", "30", "--interactions", "900")
    stored = _sql(journal_file, STORED)
    assert stored == _sql(journal_file, AGGREGATE)
    assert sum(row[2] for row in stored) == 900
    ok("log", "#1", "one more", "--on", "2026-11-21")  # the triggers are back after the load
    assert _sql(journal_file, MISMATCHES) == []


@sqlite_only(
    "upgrades tests/journals/v2.db, a schema-2 SQLite file (migration 0010's backfill); a server "
    "journal is made at the current schema, with no day-count table"
)
def test_an_upgraded_journal_has_its_counts_backfilled(ok: Run, journal_file: Path) -> None:
    shutil.copyfile(TESTS / "journals" / "v2.db", journal_file)
    expected = _sql(journal_file, AGGREGATE)
    ok("history", "--limit", "1")  # the first command upgrades it
    assert _sql(journal_file, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert expected and _sql(journal_file, STORED) == expected


@sqlite_only(SQLITE_TABLE)
def test_a_stale_count_is_reported_by_doctor(run: Run, ok: Run, journal_file: Path) -> None:
    _logged(ok)
    assert run("doctor").exit_code == 0
    _sql(journal_file, "UPDATE interaction_day_count SET n = n + 1 WHERE kind = 'meal'")
    result = run("doctor")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "day counts" in result.stdout + result.stderr
    assert "1 day" in result.stdout + result.stderr


HISTORY_PAGES = [
    ("history", "--limit", "1"),
    ("history", "--limit", "1", "--kind", "call"),
    ("history", "--limit", "1", "--since", "2026-11-01"),
    ("history", "--limit", "1", "--since", "2026-11-02", "--kind", "call"),
    ("history", "--limit", "1", "--with", "ada"),
]


@sqlite_only(SQLITE_TABLE)
def test_stats_and_history_show_the_same_numbers_with_and_without_the_table(
    ok: Run, journal_file: Path
) -> None:
    _logged(ok)
    asked = [("stats", "--json"), ("stats", "--tag", "friends", "--json"), *HISTORY_PAGES]
    with_table = [(r.stdout, r.stderr) for r in (ok(*args) for args in asked)]
    _sql(journal_file, "DROP TABLE interaction_day_count")  # an older schema's plain query
    assert [(r.stdout, r.stderr) for r in (ok(*args) for args in asked)] == with_table


def test_the_first_page_of_history_says_how_many_more(run: Run, ok: Run) -> None:
    _logged(ok)
    more = [run(*args).stderr.split(";")[0] for args in HISTORY_PAGES]
    assert more == ["… and 3 more", "… and 1 more", "… and 2 more", "", "… and 2 more"]
