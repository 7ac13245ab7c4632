"""Start-up stays cheap: --help and --version never import the heavy libraries."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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


# A subcommand's --help runs Typer 0.29's parameter coercion, which imports pydantic; the
# top-level help and the version stay free of it.
@pytest.mark.parametrize("args", [["--help"], ["--version"], ["-h"]])
def test_help_and_version_import_nothing_heavy(args: list[str]) -> None:
    loaded = imported_modules(*args)
    assert "connect_cli" in loaded  # the measurement itself works
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


@pytest.mark.parametrize("command", ["log", "add", "edit", "show", "list"])
def test_subcommand_help_never_imports_the_database_stack(command: str) -> None:
    loaded = imported_modules(command, "--help")
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "dateparser"}


def test_version_does_not_even_import_typer() -> None:
    loaded = imported_modules("--version")
    assert "typer" not in loaded and "rich" not in loaded


def test_list_on_the_default_sqlite_journal_skips_sqlalchemy(tmp_path) -> None:
    env = {**os.environ, "CONNECT_DB": str(tmp_path / "j.db")}
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
