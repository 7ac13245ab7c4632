"""`connect history`: what happened with everyone, newest first (issue #14 item 4). A read: plain
sqlite3, no SQLAlchemy (shared/BUDGETS.md)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import NamedTuple

from connect_cli.core.journal import read_journal
from connect_cli.domain.days import parse_day
from connect_cli.domain.errors import InputError
from connect_cli.domain.vocabulary import INTERACTION_KINDS
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.read.history import HistoryFilter, HistoryItem, count_history, each_history_item
from connect_cli.read.resolve import resolve_many


class HistoryRequest(NamedTuple):
    """The filters as typed: checked and parsed here."""

    since: str | None = None
    kind: str | None = None
    with_: tuple[str, ...] = ()


class HistoryPage(NamedTuple):
    rows: list[HistoryItem]
    more: int  # interactions the filter matches beyond these rows


def _kind(typed: str | None) -> str | None:
    if typed is None:
        return None
    kind = typed.strip().lower()
    if kind not in INTERACTION_KINDS:
        raise InputError(f"Unknown kind {typed[:30]!r}; use one of {', '.join(INTERACTION_KINDS)}.")
    return kind


def _filter(reader: Reader, request: HistoryRequest, today: date) -> HistoryFilter:
    since = parse_day(request.since, today) if request.since is not None else None
    people = resolve_many(reader, list(request.with_)) if request.with_ else []
    return HistoryFilter(since, _kind(request.kind), tuple(p.id for p in people))


def history_page(
    location: JournalLocation, request: HistoryRequest, *, today: date, limit: int
) -> HistoryPage:
    """The newest `limit` interactions and how many more match (a LIMIT and a COUNT in SQL)."""
    _kind(request.kind)
    with read_journal(location) as reader:
        wanted = _filter(reader, request, today)
        rows = list(each_history_item(reader, wanted, limit))
        return HistoryPage(rows, max(count_history(reader, wanted) - len(rows), 0))


@contextmanager
def each_history(
    location: JournalLocation, request: HistoryRequest, *, today: date, limit: int | None = None
) -> Iterator[Iterator[HistoryItem]]:
    """Every interaction the filter matches (at most `limit`), read while the block runs."""
    _kind(request.kind)
    with read_journal(location) as reader:
        yield each_history_item(reader, _filter(reader, request, today), limit)
