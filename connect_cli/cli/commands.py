"""Which module defines each command, so that a run imports only the command it runs.

Typer builds a Click command from every registered function on every run: it reads each
signature and its type hints. For all ~22 commands that is ~40 ms of `connect today`, a fifth of
its budget (shared/BUDGETS.md). So `connect today` imports `cli/daily.py` alone; anything else
(`--help` before the command, no command, a mistyped one, shell completion) imports them all, and
the user sees the same help and the same "No such command" as ever.

tests/cli/test_command_table.py proves this table names exactly the commands the modules register.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

COMMAND_MODULES: dict[str, str] = {
    "add": "capture",
    "log": "capture",
    "show": "people",
    "list": "people",
    "edit": "people",
    "archive": "people",
    "today": "daily",
    "snooze": "daily",
    "followups": "daily",
    "done": "daily",
    "fix": "corrections",
    "unlog": "corrections",
    "promise": "corrections",
    "cancel": "corrections",
    "history": "history",
    "prep": "prep",
    "intros": "intros",
    "intro": "intros",
    "search": "search",
    "import": "importing",
    "export": "export_merge",
    "merge": "export_merge",
    "backup": "backup",
    "restore": "backup",
    "doctor": "backup",
    "forget": "backup",
    "demo": "demo",
    "where": "journal",
    "config": "journal",
    "stats": "insight",
    "review": "insight",
    "feed": "feed",
}

# Global options (cli/root.py) that take a value: the word after them is not a command.
_OPTIONS_WITH_VALUE = frozenset({"--db", "--width"})
# Global options that need every command loaded, because they list or complete them all.
_OPTIONS_SEEING_ALL = frozenset({"-h", "--help", "--install-completion", "--show-completion"})


def invoked_command(args: list[str]) -> str | None:
    """The command word in ARGS, or None when the run needs every command (help, none, unknown)."""
    words = iter(args)
    for word in words:
        if word in _OPTIONS_SEEING_ALL:
            return None
        if word in _OPTIONS_WITH_VALUE:
            next(words, None)
            continue
        if word.startswith("-"):
            continue
        return word if word in COMMAND_MODULES else None
    return None


def load(args: list[str] | None = None) -> typer.Typer:
    """The application with the command of ARGS registered (every command when ARGS is None)."""
    from connect_cli.cli.root import app

    name = invoked_command(args) if args is not None else None
    modules = {COMMAND_MODULES[name]} if name else set(COMMAND_MODULES.values())
    for module in sorted(modules):
        importlib.import_module(f"connect_cli.cli.{module}")
    return app
