"""How long listings (`list`, `followups`) are cut for a person at a terminal.

A terminal gets a first page (PAGE_SIZE rows, `--limit N` for another size) and a closing line on
stderr saying how many more there are; `--all`, a pipe or a file gets every row, streamed; `--json`
is complete unless `--limit` is given. The count comes from SQL, so a page costs the same at any
journal size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from connect_cli.domain.errors import InputError

PAGE_SIZE = 50
Row = TypeVar("Row")


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


def print_listing(
    size: int | None,
    *,
    json: bool,
    each: Callable[..., AbstractContextManager[Iterable[Row]]],
    first_page: Callable[..., tuple[list[Row], int]],
    print_stream: Callable[[Iterable[Row]], int],
    print_page: Callable[[list[Row]], int],
    document: Callable[[Row], Any],
    more_hint: str,
) -> int | None:
    """Print a listing the one way every listing command does: JSON of at most `size` rows;
    every row streamed as it is read when `size` is None; else the first `size` rows and, on
    stderr, a closing line counting the rest (`more_hint` says how to see them).

    `each(limit=…)` and `first_page(limit=…)` are the core's readers (a page is its rows and how
    many more match); `print_stream` and `print_page` the renderer's, returning how many rows
    they printed. Returns that count, or None for JSON (an empty list is its own answer)."""
    if json:
        from connect_cli.render.output import print_json_list

        with each(limit=size) as rows:
            print_json_list(document(r) for r in rows)
        return None
    if size is None:
        with each() as rows:
            return print_stream(rows)
    first, more = first_page(limit=size)
    shown = print_page(first)
    if more:
        from connect_cli.render.output import stderr

        stderr().print(more_line(more, more_hint))
    return shown
