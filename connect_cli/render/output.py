"""Consoles, safe text pieces and JSON output shared by every renderer."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from functools import cache
from itertools import islice
from typing import IO, Any, TypeVar

from rich.console import Console
from rich.text import Text

from connect_cli.domain.safe_text import one_line, visible

Item = TypeVar("Item")
CHUNK_ROWS = 50  # rows per table drawn while a long listing streams: one screenful
LINES_PER_WRITE = 1000


# Output for a pipe or a file is not wrapped: a line is as long as it needs to be (within this),
# so `connect today | grep Linda` finds whole lines.
UNWRAPPED = 10_000
_requested_width: list[int | None] = [None]  # `--width N`, set once per run by the app callback


def use_width(columns: int | None) -> None:
    """Draw at `columns` (the global `--width`), or None to go back to the default: COLUMNS,
    else the terminal's width, else unwrapped for a pipe or file."""
    _requested_width[0] = columns


def output_width() -> int | None:
    """The width output is drawn at; None means the terminal's own (Rich asks it)."""
    if _requested_width[0] is not None:
        return _requested_width[0]
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if sys.stdout.isatty() else UNWRAPPED


class _PlainLines:
    """sys.stdout (whichever it is at the time) without the trailing spaces Rich pads table and
    grid cells with: a line written for a pipe or file ends at its last character."""

    _TRAILING = re.compile(r"[ \t]+(?=\n)")

    def write(self, text: str) -> int:
        return sys.stdout.write(self._TRAILING.sub("", text))

    def flush(self) -> None:
        sys.stdout.flush()

    def isatty(self) -> bool:
        return sys.stdout.isatty()

    @property
    def encoding(self) -> str:  # Rich draws ASCII boxes for a stream that cannot take others
        return getattr(sys.stdout, "encoding", None) or "utf-8"


def stdout() -> Console:
    return _stdout(output_width(), sys.stdout.isatty())


@cache
def _stdout(width: int | None, terminal: bool) -> Console:
    # markup/emoji/highlight off: nothing in user text is ever interpreted.
    return Console(markup=False, emoji=False, highlight=False, soft_wrap=False, width=width,
                   file=None if terminal else _PlainLines())  # type: ignore[arg-type]  # fmt: skip


def stderr() -> Console:
    """The console for messages: as wide as COLUMNS says at the time (else the terminal's)."""
    columns = os.environ.get("COLUMNS", "")
    return _stderr(int(columns) if columns.isdigit() and int(columns) > 0 else None)


@cache
def _stderr(width: int | None) -> Console:
    return Console(stderr=True, markup=False, emoji=False, highlight=False, width=width)


def user(text: str | None, style: str = "") -> Text:
    """A piece of user text, made inert."""
    return Text(visible(text or ""), style=style)


def cell(text: str | None, style: str = "", width: int | None = None) -> Text:
    """User text for a table cell: one line, inert."""
    return Text(one_line(text or "", width), style=style)


# JSON escapes C0 controls itself; C1 controls and bidi overrides it leaves raw, so escape them
# too: a JSON document piped to a terminal must be as inert as our tables.
_UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(document: Any) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def print_json(document: Any, file: IO[str] | None = None) -> None:
    """One JSON document on stdout and nothing else."""
    (file or sys.stdout).write(dumps(document) + "\n")


def print_in_chunks(
    items: Iterable[Item], table: Callable[[list[Item], bool], Any], size: int = CHUNK_ROWS
) -> int:
    """Draw a long listing as a table per `size` rows (`table(chunk, first)`), each on screen as
    soon as it is read; returns how many rows were drawn."""
    console, count, source = stdout(), 0, iter(items)
    while chunk := list(islice(source, size)):
        console.print(table(chunk, count == 0))
        count += len(chunk)
    return count


def write_tsv(
    items: Iterable[Item],
    headings: Sequence[str],
    cells: Callable[[Item], Sequence[str]],
    file: IO[str] | None = None,
) -> int:
    """A heading line, then one tab-separated line per item, written a thousand lines at a time
    (nothing at all when there are no items); each cell is made one inert line (tabs and line
    breaks become spaces). Returns how many items were written."""
    out, count = file or sys.stdout, 0
    for lines in _batches((_tsv_line(cells(item)) for item in items), LINES_PER_WRITE):
        if not count:
            out.write("\t".join(headings) + "\n")
        out.write("".join(lines))
        count += len(lines)
    return count


def _tsv_line(cells: Sequence[str]) -> str:
    return "\t".join(one_line(text) for text in cells) + "\n"


def _batches(lines: Iterator[str], size: int) -> Iterator[list[str]]:
    while batch := list(islice(lines, size)):
        yield batch


def print_json_list(
    documents: Iterable[Any], file: IO[str] | None = None, batch: int = LINES_PER_WRITE
) -> None:
    """A JSON list written a batch of items at a time, the same text print_json gives for the
    whole list: each batch is dumped as a list and its brackets are dropped."""
    out, source, first = file or sys.stdout, iter(documents), True
    while items := list(islice(source, batch)):
        out.write(("[\n" if first else ",\n") + dumps(items)[2:-2])
        first = False
    out.write("[]\n" if first else "\n]\n")


def print_card_like(panel: Any) -> None:
    """A bordered card (a rich Panel) on stdout. Piped with no width asked for, its lines are
    unwrapped, so the card is drawn without side borders: a border would pad every line to the
    longest note's length (a 1,400-column card in a file)."""
    console = stdout()
    if console.width >= UNWRAPPED:
        from rich.box import Box

        # blank on every side (and ASCII, so no encoding swaps it for a drawn one): a line ends
        # at its last character once _PlainLines drops the padding
        panel.box = Box("    \n" * 8, ascii=True)
    console.print(panel)
