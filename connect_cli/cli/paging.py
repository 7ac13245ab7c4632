"""How long listings (`list`, `followups`) are cut for a person at a terminal.

A terminal gets a first page (PAGE_SIZE rows, `--limit N` for another size) and a closing line on
stderr saying how many more there are; `--all`, a pipe or a file gets every row, streamed; `--json`
is complete unless `--limit` is given. The count comes from SQL, so a page costs the same at any
journal size.
"""

from __future__ import annotations

from connect_cli.domain.errors import InputError

PAGE_SIZE = 50


def page_size(limit: int | None, everything: bool, *, terminal: bool) -> int | None:
    """How many rows to show (None: all of them)."""
    if limit is not None:
        if everything:
            raise InputError("Give --limit N or --all, not both.")
        return check_limit(limit)
    return PAGE_SIZE if terminal and not everything else None


def check_limit(limit: int) -> int:
    if limit < 1:
        raise InputError("--limit must be a whole number from 1 up; --all shows everything.")
    return limit


def more_line(more: int, hint: str) -> str:
    """The closing line of a page: "… and 29,950 more; `connect list --all` shows everyone"."""
    return f"… and {more:,} more; {hint}"
