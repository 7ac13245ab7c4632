"""A run loads only the command it runs (cli/commands.py), and users never notice the difference."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from connect_cli.cli.commands import COMMAND_MODULES, invoked_command


def test_the_table_names_exactly_the_commands_the_modules_register() -> None:
    from connect_cli.cli.app import app

    registered = {
        (info.name or info.callback.__name__): info.callback.__module__.rsplit(".", 1)[1]
        for info in app.registered_commands
    }
    assert registered == COMMAND_MODULES


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["today"], "today"),
        (["today", "--json"], "today"),
        (["today", "--help"], "today"),
        (["--db", "journal.db", "today"], "today"),
        (["--db", "today", "show", "1"], "show"),  # the value of --db is not a command
        (["--db=journal.db", "log", "ann", "coffee"], "log"),
        (["import", "contacts.csv"], "import"),
        (["--help", "today"], None),  # the group's help lists every command
        (["-h"], None),
        ([], None),
        (["--db"], None),
        (["tody"], None),  # unknown: load all, so Click can suggest "today"
        (["--install-completion"], None),
    ],
)
def test_the_command_word_is_found_among_global_options(
    args: list[str], expected: str | None
) -> None:
    assert invoked_command(args) == expected


# Runs the real console entry point; on the way out, names the command modules it imported
# (importlib.import_module does not show in `-X importtime`, so sys.modules is asked instead).
ENTRY = """\
import sys
from connect_cli.cli.entry import main
sys.argv = ['connect', *sys.argv[1:]]
try:
    main()
finally:
    loaded = sorted(n.rsplit('.', 1)[1] for n in sys.modules if n.startswith('connect_cli.cli.'))
    print('cli modules:', *loaded, file=sys.stderr)
"""


def connect(args: list[str], journal: Path) -> subprocess.CompletedProcess:
    """`connect ARGS` in a fresh interpreter."""
    env = {**os.environ, "CONNECT_DB": str(journal), "CONNECT_TODAY": "2026-11-22"}
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def cli_modules_imported(stderr: str) -> set[str]:
    return set(stderr.rsplit("cli modules:", 1)[1].split())


def test_a_command_imports_its_own_module_and_no_other_command_module(tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    assert connect(["add", "Ann Lee"], journal).returncode == 0
    result = connect(["--db", str(journal), "today"], journal)
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = cli_modules_imported(result.stderr)
    assert "daily" in loaded  # the measurement itself works
    assert not loaded & (set(COMMAND_MODULES.values()) - {"daily"}), loaded


def test_help_before_a_command_still_lists_every_command(tmp_path: Path) -> None:
    result = connect(["--help", "today"], tmp_path / "j.db")
    assert result.returncode == 0
    for name in COMMAND_MODULES:
        assert f"  {name} " in result.stdout, name


def test_a_mistyped_command_still_gets_a_suggestion(tmp_path: Path) -> None:
    result = connect(["tody"], tmp_path / "j.db")
    assert result.returncode == 2
    assert "No such command 'tody'. Did you mean 'today'?" in result.stderr
    assert "Traceback" not in result.stderr
