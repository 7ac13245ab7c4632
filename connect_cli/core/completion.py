"""Completing WHO in the shell: the names that fit what has been typed so far.

It runs on every Tab press, so it is cheap and silent: plain sqlite3 (read_journal on a file),
nothing created, upgraded or printed; anything that goes wrong completes nothing.
"""

from __future__ import annotations

import sqlite3

from connect_cli.core.journal import read_journal
from connect_cli.domain.errors import ConnectError
from connect_cli.domain.folding import fold
from connect_cli.journal.sqlite import inspect_path, locate_journal
from connect_cli.read.names import active_names

MAX_COMPLETIONS = 50


def complete_names(db: str | None, typed: str) -> list[tuple[str, str]]:
    """(completion, "#id · company") for up to MAX_COMPLETIONS people whose name starts with
    `typed`, folded (case and accents ignored, README "Commands": `luk` finds Łukasz).

    A shell only puts in a completion that starts with the word as typed, so the completion is
    the typed text followed by the rest of the name ("luk" → "lukasz Lis"); WHO is read folded,
    so it finds the same person."""
    location = locate_journal(db)
    if location.path is None or inspect_path(location.path) != "journal":
        return []  # a server, or no journal there: never create one for a Tab press
    want = fold(typed)
    found: list[tuple[str, str]] = []
    try:
        with read_journal(location) as reader:
            for person_id, name, company in active_names(reader):
                if fold(name[: len(typed)]) != want:
                    continue
                about = f"#{person_id}" + (f" · {company}" if company else "")
                found.append((typed + name[len(typed) :], about))
                if len(found) == MAX_COMPLETIONS:
                    break
    except (ConnectError, sqlite3.Error):
        return []
    return found
