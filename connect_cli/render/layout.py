"""The one way connect lays out indented text that may wrap: a hanging indent.

A line such as "  2026-11-19  call  Talked about the VP search…" or "Introduced by  Priya Raman"
is a row of a borderless grid: every column but the last keeps to one line and sets the indent,
and the last one wraps under its own first character (Rich's `Table.grid`), never back at column
0. The columns of every row of one grid line up, whatever the width of a cell (a time of day
beside a plain date).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text

Cell = Text | str


def hanging(rows: Iterable[Sequence[Cell]], *, gap: int = 1) -> Table:
    """A grid of `rows` (each the same number of cells): all but the last cell one line each,
    `gap` spaces apart; the last cell wraps at word boundaries (a word longer than the line is
    folded), each wrapped line starting under the first character of that cell."""
    rows = list(rows)
    width = max((len(row) for row in rows), default=1)
    grid = Table.grid(padding=(0, gap))
    for _ in range(width - 1):
        grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for row in rows:
        grid.add_row(*row)
    return grid


def indented(indent: Cell, body: Text) -> Table:
    """One piece of text after `indent` ("  ", "  • ", "    Talk about: "), wrapping under
    itself."""
    return hanging([(indent, body)], gap=0)
