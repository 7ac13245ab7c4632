"""`connect history` as a table (a terminal), tab-separated lines (a pipe) or JSON."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table
from rich.text import Text

from connect_cli.domain.safe_text import one_line
from connect_cli.read.history import HistoryItem
from connect_cli.render.output import cell, print_in_chunks, write_tsv

HISTORY_HEADINGS = ("#", "When", "Kind", "With", "Note")
HISTORY_WIDTHS = (7, 16, 8, 30, 80)  # fixed, so the tables of a long listing line up
TSV_HEADINGS = ("id", "on", "at", "kind", "people", "text")


def _when(item: HistoryItem) -> str:
    return item.on.isoformat() + (f" {item.at.strftime('%H:%M')}" if item.at else "")


def history_table(items: list[HistoryItem], headings: bool = True) -> Table:
    table = Table(box=None, show_header=headings, pad_edge=False, header_style="bold")
    for heading, width in zip(HISTORY_HEADINGS, HISTORY_WIDTHS, strict=True):
        table.add_column(heading, max_width=width, overflow="fold")
    for item in items:
        table.add_row(
            Text(f"#{item.id}"),
            Text(_when(item)),
            Text(item.kind),
            cell(", ".join(item.people)),
            cell(item.text),
        )
    return table


def print_history(items: Iterable[HistoryItem], *, terminal: bool) -> int:
    """A table per screenful on a terminal; tab-separated lines with a heading line when piped."""
    if terminal:
        return print_in_chunks(items, history_table)
    return write_tsv(items, TSV_HEADINGS, _tsv_cells)


def _tsv_cells(item: HistoryItem) -> tuple[str, ...]:
    at = item.at.strftime("%H:%M") if item.at else ""
    return (str(item.id), item.on.isoformat(), at, item.kind, ", ".join(item.people), item.text)


def history_document(item: HistoryItem) -> dict[str, Any]:
    """`{id, on, at, kind, text, people}`; dates ISO, `at` HH:MM or null."""
    return {
        "id": item.id,
        "on": item.on,
        "at": item.at.strftime("%H:%M") if item.at else None,
        "kind": item.kind,
        "text": item.text,
        "people": list(item.people),
    }


NOTE_START = 40  # characters of a note quoted in a question: enough to recognise it


def deletion_question(item: HistoryItem) -> str:
    """ "Delete interaction #12 (2026-11-19 call with Linda Bennett: “Talked about the VP…”)?":
    what `unlog` is about to delete, every piece of user text made one inert line."""
    people = one_line(", ".join(item.people)) or "nobody (everyone in it was forgotten)"
    what = f"{_when(item)} {item.kind} with {people}"
    if item.text.strip():
        what += f": “{one_line(item.text.strip(), NOTE_START)}”"
    return f"Delete interaction #{item.id} ({what})?"
