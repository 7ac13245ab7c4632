"""When a command fails after the user typed text: keep it, and say where (issue #14)."""

from __future__ import annotations

from connect_cli.cli.context import Env
from connect_cli.domain.errors import ConnectError, TextKept


def kept(env: Env, error: ConnectError, text: str, what: str, hint: str) -> TextKept:
    """Keep text the user typed in a recovery file; the error to raise names it and `hint`."""
    from connect_cli.journal.recovery import keep_typed_text

    return TextKept(error, keep_typed_text(env.location, text, what), hint)
