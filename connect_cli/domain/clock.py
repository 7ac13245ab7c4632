"""The one clock: what day and what moment it is for this run of `connect`.

Every date and instant the product writes or compares (kept promises, created/updated stamps,
backup names, an ICS `DTSTAMP`) comes from here, so that `CONNECT_TODAY=YYYY-MM-DD` moves all of
them together; a test enforces that no other module reads the system time.

A pinned day keeps the real local time of day: stamps made one after another stay in order and
backups taken a second apart get different names, while every stamp falls on the pinned day.

The clock is resolved once per run by the CLI (`start_run`) and read through `now()` by code that
cannot be handed it, such as the tables' default stamps.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import UTC, date, datetime
from typing import NamedTuple

from connect_cli.domain.day_range import RANGE_TEXT, in_range
from connect_cli.domain.errors import InputError

PIN = "CONNECT_TODAY"


class Clock(NamedTuple):
    """`today` is the local calendar day; `moment` is an aware local datetime on that day."""

    today: date
    moment: datetime

    @property
    def utc(self) -> datetime:
        """The moment in UTC, as bookkeeping instants are stored (see models.py)."""
        return self.moment.astimezone(UTC)


def read_clock(environ: Mapping[str, str] = os.environ) -> Clock:
    """The system clock, with the day pinned by CONNECT_TODAY when it is set.

    Raises InputError when CONNECT_TODAY is not an ISO date.
    """
    real = datetime.now().astimezone()
    pinned = (environ.get(PIN) or "").strip()
    if not pinned:
        return Clock(real.date(), real)
    try:
        day = date.fromisoformat(pinned)
    except ValueError:
        raise InputError(f"{PIN} must be a date like 2026-11-22; fix or unset it.") from None
    if not in_range(day):
        raise InputError(f"{PIN} must be a date {RANGE_TEXT}; fix or unset it.")
    # Naive then astimezone(): the local offset of the pinned day, not of today (DST).
    return Clock(day, datetime.combine(day, real.time()).astimezone())


_run_clock: ContextVar[Clock | None] = ContextVar("connect_run_clock", default=None)


def start_run(environ: Mapping[str, str] = os.environ) -> Clock:
    """Resolve the clock once for this run; later `now()` calls return the same moment."""
    clock = read_clock(environ)
    _run_clock.set(clock)
    return clock


def current() -> Clock:
    """This run's clock; outside a run (library use), the clock as it reads now."""
    return _run_clock.get() or read_clock()


def utc_now() -> datetime:
    """This run's moment as an aware UTC datetime: the stamp for created, updated and done."""
    return current().utc


def local_day(instant: datetime) -> date:
    """The local calendar day of a stored instant (naive means UTC, as SQLite keeps it)."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone().date()
