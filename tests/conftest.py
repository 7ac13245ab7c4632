"""Shared fixtures: every test gets its own journal; no test can touch a real one."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest_plugins = ["pytester"]  # tests/test_suite_rules.py proves the rules below on a suite of its own

TESTS = Path(__file__).parent  # tests/: fixtures/, journals/, perf/ and one folder per layer
TODAY = "2026-11-22"  # a Sunday

# The whole suite runs against SQLite (the default) or, with CONNECT_TEST_JOURNAL=postgresql and
# CONNECT_TEST_PG_URL naming a server whose user may create databases (tests/pg/server.sh), against
# a PostgreSQL server: each test then gets a database of its own as its journal. Tests of truly
# file-only behaviour say so with @sqlite_only("why"), and are skipped on a server with that reason.
ON_SERVER = os.environ.get("CONNECT_TEST_JOURNAL", "sqlite") == "postgresql"
PG_URL = os.environ.get("CONNECT_TEST_PG_URL", "")


def sqlite_only(reason: str) -> pytest.MarkDecorator:
    """Mark a test (or, as `pytestmark`, a module) as one of SQLite journal files only."""
    return pytest.mark.sqlite_only(reason=reason)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test runs on both journals but those marked @sqlite_only("why"), skipped on a server
    with their reason. A test handed the journal's file (FILE_FIXTURES) must say why it is of
    files only: checked on every run, so a test added on SQLite cannot silently skip on a server.
    """
    unexplained = [
        item.nodeid
        for item in items
        if FILE_FIXTURES & set(getattr(item, "fixturenames", ()))
        and item.get_closest_marker("sqlite_only") is None
    ]
    if unexplained:
        raise pytest.UsageError(
            "these tests use the journal's file (journal_file or default_journal) but do not say "
            "why they cannot run on a server; mark each @sqlite_only(\"why\") or use "
            "journal_rows, dump or private_journal: " + ", ".join(unexplained[:20])
        )
    if not ON_SERVER:
        return
    if not PG_URL:
        raise pytest.UsageError("CONNECT_TEST_JOURNAL=postgresql needs CONNECT_TEST_PG_URL")
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {marker.kwargs['reason']}"))


# Fixtures that hand a test the journal's file itself: a test using one is of SQLite files, and
# says why with @sqlite_only (pytest_collection_modifyitems).
FILE_FIXTURES = frozenset({"journal_file", "default_journal"})


def _server_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as connection:
        connection.execute(sql)


def _server_database_url(name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(PG_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


@pytest.fixture(autouse=True)
def private_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path | str]:
    """Point CONNECT_DB at a temporary journal and pin today; unset anything that could leak in.

    On SQLite the journal is a file whose folder exists, as a user's would: connect makes no
    folder for a path the user chose, and creates the journal itself on the first command that
    adds to it (reads refuse a missing one). On a server (ON_SERVER) it is the URL of a new empty
    database, dropped afterwards.
    """
    # What a command writes in the current folder (a server's before-restore dump) lands in the
    # test's own folder, never in the checkout.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONNECT_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    for name in ("CONNECT_DEBUG", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)
    if ON_SERVER:
        name = f"connect_suite_{os.getpid()}_{next(_DATABASES)}"
        _server_admin(f"CREATE DATABASE {name}")
        monkeypatch.setenv("CONNECT_DB", _server_database_url(name))
        try:
            yield _server_database_url(name)
        finally:
            _server_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        return
    journal = tmp_path / "data" / "connect.db"
    journal.parent.mkdir(mode=0o700)
    monkeypatch.setenv("CONNECT_DB", str(journal))
    yield journal


_DATABASES = iter(range(1, 10**9))


@pytest.fixture
def server_journal() -> Iterator[str]:
    """The URL of a new empty database on the test server (CONNECT_TEST_PG_URL), dropped
    afterwards: a second journal beside the test's own, for the side-by-side server tests."""
    import uuid

    if not PG_URL:
        pytest.skip("CONNECT_TEST_PG_URL is not set (tests/pg/server.sh start prints one)")
    name = f"connect_test_{uuid.uuid4().hex[:12]}"
    _server_admin(f"CREATE DATABASE {name}")
    try:
        yield _server_database_url(name)
    finally:
        _server_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def journal_file(private_journal: Path | str) -> Path:
    """The test's journal as a SQLite file: a test using it says why with @sqlite_only."""
    assert isinstance(private_journal, Path)
    return private_journal


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke `connect ARGS…` in-process; stdout and stderr kept apart."""
    from connect_cli.cli.app import app

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout counts as a terminal: long listings show their first page as a table."""
    monkeypatch.setattr("connect_cli.cli.context.stdout_is_terminal", lambda: True)


@pytest.fixture
def ok(run: Run) -> Run:
    """Like `run`, but the command must succeed with nothing on stderr."""

    def invoke(*args: str, **kwargs: object) -> Result:
        result = run(*args, **kwargs)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return invoke


def journal_dump(path: Path | str) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table: compare before/after to prove a command changed nothing."""
    if isinstance(path, str):
        return _server_dump(path)
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        return _dump_tables(
            connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    finally:
        connection.close()


def _dump_tables(connection: Any, tables: str) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of each table the query `tables` names (a DB-API connection of either dialect)."""
    names = [r[0] for r in connection.execute(tables)]
    return [
        (t, sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)) for t in names
    ]


def _server_dump(url: str) -> list[tuple[str, list[tuple[object, ...]]]]:
    """journal_dump of a server journal: every table of its public schema."""
    import psycopg

    with psycopg.connect(url) as connection:
        return _dump_tables(
            connection,
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
        )


Rows = Callable[..., list[tuple[object, ...]]]


@pytest.fixture
def journal_rows(private_journal: Path | str) -> Rows:
    """`rows(sql, params=())`: the rows one statement on the test's own journal gives, whether it
    is a SQLite file or a server database, so a test can look at what a command stored on either
    (or set a row no command can, such as when a person was added: the statement is committed).

    Write `sql` in SQL both dialects share, with `?` for each parameter (sent as `%s` to a
    server, and a `%` as `%%`). Values come back as each driver gives them (a server's dates
    are `date`s: CAST(… AS TEXT) reads the same on both).
    """

    def rows(sql: str, params: tuple[object, ...] | list[object] = ()) -> list[tuple[object, ...]]:
        if isinstance(private_journal, str):
            import psycopg

            with psycopg.connect(private_journal) as connection:
                query = sql.replace("%", "%%").replace("?", "%s")  # psycopg's placeholders
                cursor = connection.execute(query, params)
                return cursor.fetchall() if cursor.description else []
        from connect_cli.journal.sqlite import connect_sqlite

        # connect's own settings (foreign keys on, as a server's are) and SQL functions (the
        # triggers of a changed name call them); autocommit, rows as plain tuples
        connection = connect_sqlite(private_journal)
        connection.row_factory = None
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    return rows


@pytest.fixture
def dump(private_journal: Path | str) -> Callable[[], list[tuple[str, list[tuple[object, ...]]]]]:
    return lambda: journal_dump(private_journal)


def damage(path: Path) -> None:
    """Scribble over every page of a journal but the first, as a failing disk would.

    The header survives, so the file is still recognisably ours: a file with no header at all
    cannot be told from anyone else's, and connect leaves it alone (tests/journal/test_foreign_paths.py).
    """
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 10 : offset + 60] = b"\xa5" * 50
    path.write_bytes(bytes(data))


def copy_journal(source: Path, target: Path) -> None:
    """Copy a journal whole through SQLite's backup API, into a private (0700) folder."""
    target.parent.mkdir(mode=0o700, exist_ok=True)
    source_db, target_db = sqlite3.connect(source), sqlite3.connect(target)
    source_db.backup(target_db)
    source_db.close()
    target_db.close()


def modules_loaded(args: list[str], env: dict[str, str]) -> set[str]:
    """Every module `python -m connect_cli ARGS` imports, by dotted name (-X importtime); the
    command must succeed."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "connect_cli", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def mode(path: Path) -> int:
    """A file's permission bits: 0o600 for every file connect writes."""
    return stat.S_IMODE(path.stat().st_mode)


def integrity(path: Path) -> str:
    """SQLite's verdict on a database file (PRAGMA integrity_check): "ok", or its first problem."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def default_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No --db or CONNECT_DB: the platform's data folder, moved into tmp_path (XDG_DATA_HOME)."""
    from connect_cli.journal.sqlite import default_journal_path

    monkeypatch.delenv("CONNECT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    journal = default_journal_path()
    if not journal.is_relative_to(tmp_path):  # never risk the real journal
        pytest.skip("this platform's data folder does not follow XDG_DATA_HOME")
    return journal


def env_without_journal_overrides() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("CONNECT_DB",)}


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The local time zone is Europe/Berlin (imports place events and mail on local days)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
