"""Yearly dates (birthdays, anniversaries): ``MonthDay``, ``parse_month_day``, ``next_occurrence``,
``age_on``, with or without a year.

Pure functions: no database, no clock (callers pass the day to count from).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from connect_cli.domain._date_words import (
    _DAY_MON,
    _MON_DAY,
    _impossible,
    _month,
    _normalize,
    _Pattern,
    _show,
)
from connect_cli.domain.errors import InputError


def _valid_md(month: int, day: int, year: int | None) -> bool:
    """Feb 29 is fine without a year (someone's birthday) but not with a non-leap year."""
    if not 1 <= month <= 12 or (year is not None and not 1 <= year <= 9999):
        return False
    if month == 2 and year is not None and not calendar.isleap(year):
        return 1 <= day <= 28
    return 1 <= day <= _LONGEST_MONTH[month]  # a table: monthrange was a third of an import's


_LONGEST_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # Feb 29 in leap years


def valid_month_day(month: object, day: object, year: object = None) -> bool:
    """A stored month, day and optional year make a real calendar date (the birthday rule)."""
    numbers = (month, day) if year is None else (month, day, year)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return False
    return _valid_md(month, day, year)  # type: ignore[arg-type]


@dataclass(frozen=True)
class MonthDay:
    """A recurring day such as a birthday; ``year`` is optional because people often omit it."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not _valid_md(self.month, self.day, self.year):
            raise InputError("That isn't a real calendar date; check the month and day.")

    def isoformat(self) -> str:
        """``1985-04-15`` or vCard's yearless ``--04-15``; both read back by parse_month_day."""
        head = "-" if self.year is None else f"{self.year:04d}"
        return f"{head}-{self.month:02d}-{self.day:02d}"


_MD_NUMERIC = [
    _Pattern(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    _Pattern(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
    _Pattern(r"(?:--)?(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    _Pattern(r"--(?P<month>\d{2})(?P<day>\d{2})"),
]
_MD_HINT = "use 1985-04-15, --04-15, April 15 or 15 April 1985"


def parse_month_day(text: str, what: str = "birthday") -> MonthDay:
    """A birthday or anniversary, with or without a year (ISO, vCard ``--MMDD`` or English);
    `what` names it in an error ("birthday", "date")."""
    s = _normalize(text, what, _MD_HINT)
    for rx in _MD_NUMERIC:
        if m := rx.fullmatch(s):
            month, day = int(m["month"]), int(m["day"])
            break
    else:
        if not (m := _MON_DAY.fullmatch(s) or _DAY_MON.fullmatch(s)):
            raise InputError(f"{_show(text)} isn't a {what} I can read; {_MD_HINT}.")
        month, day = _month(m["mon"]), int(m["day"])
    year = int(y) if (y := m.groupdict().get("year")) else None
    if not _valid_md(month, day, year):
        raise _impossible(text)
    return MonthDay(month, day, year)


def _celebrated(md: MonthDay, year: int) -> date:
    """The day it is marked in ``year``: Feb 29 falls back to Feb 28 in non-leap years."""
    leap_fix = md.month == 2 and md.day == 29 and not calendar.isleap(year)
    return date(year, md.month, 28 if leap_fix else md.day)


def next_occurrence(md: MonthDay, on_or_after: date) -> date:
    """The next celebration on or after the day (today counts), rolling over the year end.

    Raises ValueError only when that celebration would fall after 9999-12-31.
    """
    got = _celebrated(md, on_or_after.year)
    return got if got >= on_or_after else _celebrated(md, on_or_after.year + 1)


def age_on(md: MonthDay, day: date) -> int | None:
    """Whole years completed on ``day`` (so the age turned at an occurrence); None if the year is
    unknown or ``day`` is before the birth."""
    if md.year is None:
        return None
    age = day.year - md.year - (day < _celebrated(md, day.year))
    return age if age >= 0 else None


def month_day_iso(md: MonthDay | None) -> str | None:
    """ISO 8601: 1985-04-15, or --04-15 when the year is unknown."""
    if md is None:
        return None
    if md.year is None:
        return f"--{md.month:02d}-{md.day:02d}"
    return f"{md.year:04d}-{md.month:02d}-{md.day:02d}"
