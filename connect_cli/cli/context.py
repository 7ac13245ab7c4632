"""What every command gets from the global options: where the journal is and what day it is."""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import Any, NamedTuple

from connect_cli.db import JournalLocation, locate_journal
from connect_cli.errors import InputError


class Env(NamedTuple):
    """Resolved once per invocation in the app callback and passed down (no globals)."""

    location: JournalLocation
    today: date

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


def pinned_today(environ: Any = os.environ) -> date:
    """CONNECT_TODAY=YYYY-MM-DD pins today for tests and planning."""
    pinned = environ.get("CONNECT_TODAY")
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned.strip())
    except ValueError:
        raise InputError("CONNECT_TODAY must be a date like 2026-11-22; fix or unset it.") from None


def make_env(db: str | None) -> Env:
    return Env(location=locate_journal(db), today=pinned_today())


def env_of(ctx: Any) -> Env:
    env = ctx.find_root().obj
    assert isinstance(env, Env), "the app callback sets ctx.obj"
    return env
