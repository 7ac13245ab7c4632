"""Start-up stays cheap: --help and --version never import the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import modules_loaded, sqlite_only

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "vobject", "icalendar", "dateparser")


def imported_modules(*args: str) -> set[str]:
    """Run `connect ARGS` in a fresh interpreter and list what it imported (-X importtime)."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import sys; from connect_cli.cli.entry import main; sys.argv = ['connect', *sys.argv[1:]]; main()",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


# Typer 0.29's own parameter coercion imports pydantic; cli/typer_compat.py replaces it for our
# simple parameters, so no help, version or read command pays for it.
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["-h"]])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    loaded = imported_modules(*args)
    assert "connect_cli" in loaded  # the measurement itself works
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


@pytest.mark.parametrize("command", ["log", "add", "edit", "show", "list", "search"])
def test_subcommand_help_never_imports_the_database_stack(command: str) -> None:
    loaded = imported_modules(command, "--help")
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "dateparser", "pydantic"}


READ_STACK = {"sqlalchemy", "sqlmodel", "alembic", "pydantic", "psycopg"}


@pytest.mark.parametrize(
    "args",
    [
        ["today"],
        ["show", "ann"],
        ["search", "sailing"],
        ["list"],
        ["search", "x", "--json"],
        ["stats"],
        ["review", "--json"],
        ["history", "--with", "ann"],
    ],
)
def test_read_commands_on_sqlite_import_no_orm_migrations_or_pydantic(
    tmp_path, args: list[str]
) -> None:
    env = {**os.environ, "CONNECT_DB": str(tmp_path / "j.db"), "CONNECT_TODAY": "2026-11-22"}
    run = [sys.executable, "-m", "connect_cli"]
    # Writing (and creating the journal) may use the ORM; the read afterwards must not.
    subprocess.run(
        [*run, "add", "Ann", "--passion", "sailing"], env=env, check=True, capture_output=True
    )
    helped = subprocess.run([*run, args[0], "--help"], env=env, capture_output=True, text=True)
    assert helped.returncode == 0, helped.stderr
    loaded = {name.split(".")[0] for name in modules_loaded(args, env)}
    assert "connect_cli" in loaded
    assert not loaded & READ_STACK, loaded & READ_STACK


# read/standing.py holds the last-touch SQL so that these two never pay for the people readers
# and name matching (~17 ms); a WHO would need them, so none is given here.
@pytest.mark.parametrize("args", [["stats"], ["search", "sailing"]])
def test_stats_and_search_never_load_the_people_readers(tmp_path, args: list[str]) -> None:
    env = {**os.environ, "CONNECT_DB": str(tmp_path / "j.db"), "CONNECT_TODAY": "2026-11-22"}
    run = [sys.executable, "-m", "connect_cli"]
    subprocess.run(
        [*run, "add", "Ann", "--passion", "sailing"], env=env, check=True, capture_output=True
    )
    loaded = modules_loaded(args, env)
    assert "connect_cli.read.standing" in loaded
    assert not loaded & {"connect_cli.read.people", "connect_cli.domain.matching"}


def test_version_does_not_even_import_typer() -> None:
    loaded = imported_modules("--version")
    assert "typer" not in loaded and "rich" not in loaded


@sqlite_only(
    "the platform's default journal path (no --db, no CONNECT_DB) is a SQLite file; a server "
    "read's imports are tests/cli/test_postgres.py's"
)
def test_list_on_the_default_sqlite_journal_skips_sqlalchemy(default_journal) -> None:
    env = {**os.environ}  # no CONNECT_DB: the default journal, made by the first read
    # The first run creates the journal (that needs Alembic); the second only reads.
    subprocess.run(
        [sys.executable, "-m", "connect_cli", "list"], env=env, check=True, capture_output=True
    )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "connect_cli", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic"}


@pytest.mark.parametrize(
    "args", [["log", "ann", "Coffee"], ["add", "Bob Stone"], ["config", "limit", "7"]]
)
def test_a_write_to_a_current_journal_never_loads_alembic(
    ok, private_journal, monkeypatch, args: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """Alembic (~240 ms) is for creating or upgrading a schema (write/schema_work.py), not for
    every write: a regression here once cost each `log` a quarter of a second. The same on a
    file and on a server (write/pg_schema.py)."""
    ok("add", "Ann Lee")  # the journal exists, at the newest schema
    monkeypatch.setenv("CONNECT_DB", str(private_journal))
    monkeypatch.setenv("CONNECT_TODAY", "2026-11-22")
    loaded = imported_modules(*args)
    assert "sqlmodel" in loaded and "alembic" not in loaded
