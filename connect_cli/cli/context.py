"""What every command gets from the global options: where the journal is and what day it is."""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import Any, NamedTuple

from connect_cli.domain.clock import start_run
from connect_cli.journal.sqlite import JournalLocation, locate_journal


class Env(NamedTuple):
    """Resolved once per invocation in the app callback and passed down (no globals)."""

    location: JournalLocation
    today: date
    now: datetime  # aware, local; on `today` (connect_cli/clock.py)

    @property
    def interactive(self) -> bool:
        """A person at a terminal who can answer prompts and use an editor."""
        return stdin_is_terminal() and sys.stdout.isatty()


def stdout_is_terminal() -> bool:
    """A person reads the output: long listings show a first page (piped, they come whole)."""
    return sys.stdout.isatty()


def stdin_is_terminal() -> bool:
    """False when text is piped in (then it is the input, e.g. a note for `log`)."""
    return sys.stdin.isatty()


def make_env(db: str | None) -> Env:
    clock = start_run()
    return Env(location=locate_journal(db), today=clock.today, now=clock.moment)


def env_of(ctx: Any) -> Env:
    env = ctx.find_root().obj
    assert isinstance(env, Env), "the app callback sets ctx.obj"
    return env
