"""The days a journal can hold: a sane range, so date arithmetic never leaves the calendar.

Python's dates end at 9999-12-31; a follow-up due then, or "today" pinned there, made every ICS
export (DTEND is the next day) and the daily list (today + horizon) fail. Nobody met, calls or
plans anything outside these years; both ends leave centuries of room for rhythms and horizons.
"""

from __future__ import annotations

from datetime import date

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(2199, 12, 31)
RANGE_TEXT = f"between {EARLIEST_DAY.year} and {LATEST_DAY.year}"


def in_range(day: date) -> bool:
    return EARLIEST_DAY <= day <= LATEST_DAY
