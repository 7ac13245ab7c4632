"""The rules a stored row must keep, the same ones the commands apply to what a user types.

Every path into a journal that does not go through the commands (JSON import, a journal edited
by hand) is held to them here, and `connect doctor` checks a journal's rows against them: a Feb 31
birthday, a `limit` of "abc", an empty name or a day in the year 9999 broke `show`, `today` and
every export after such an import. Each problem is a short phrase naming the column, never its
contents (a cell may hold private text).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from connect_cli.domain.day_range import RANGE_TEXT, in_range
from connect_cli.domain.errors import InputError
from connect_cli.domain.settings import SETTINGS
from connect_cli.domain.yearly_dates import valid_month_day

Row = Mapping[str, Any]

# Columns holding a calendar day, by table: each must be a real day in the journal's range.
DAY_COLUMNS = {
    "contact": ("met_on", "snoozed_until"),
    "interaction": ("happened_on",),
    "followup": ("due_on",),
}


def row_problems(table: str, row: Row) -> Iterator[str]:
    """What is wrong with one stored row of `table` (nothing for a row the commands could write)."""
    for column in DAY_COLUMNS.get(table, ()):
        problem = _day_problem(row.get(column))
        if problem:
            yield f"{column} {problem}"
    if table == "contact":
        yield from _contact_problems(row)
    elif table == "important_date":
        if not valid_month_day(row.get("month"), row.get("day"), row.get("year")):
            yield "month, day and year are not a real calendar date"
    elif table == "setting":
        problem = setting_problem(str(row.get("key")), row.get("value"))
        if problem:
            yield problem


def _contact_problems(row: Row) -> Iterator[str]:
    if not str(row.get("name") or "").strip():
        yield "name is empty"
    month, day, year = row.get("birthday_month"), row.get("birthday_day"), row.get("birthday_year")
    if (month, day, year) != (None, None, None) and not valid_month_day(month, day, year):
        yield "birthday_month, birthday_day and birthday_year are not a real birthday"
    every = row.get("every_days")
    if every is not None and not (isinstance(every, int) and every > 0):
        yield "every_days is not a whole number of days above 0"


def _day_problem(value: Any) -> str | None:
    if value is None:
        return None
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return "is not a calendar day (YYYY-MM-DD)"
    return None if in_range(day) else f"is not {RANGE_TEXT}"


def setting_problem(key: str, value: Any) -> str | None:
    """The setting's value as `connect config KEY VALUE` would store it, or what is wrong."""
    spec = SETTINGS.get(key)
    if spec is None:
        return f"setting {key[:20]!r} is not one connect has ({', '.join(SETTINGS)})"
    try:
        if isinstance(value, str) and spec.normalise(value) == value:
            return None
    except InputError:
        pass
    return f"setting {key} does not hold a value `connect config {key}` accepts"


def day_from_file(text: str) -> date:
    """A day as a file of ours writes it (YYYY-MM-DD), in the journal's range.

    Raises InputError with a phrase that never quotes the cell (the caller names line and column).
    """
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputError("is not a date like 2026-11-22") from None
    if not in_range(day):
        raise InputError(f"is not a date {RANGE_TEXT}")
    return day


def rhythm_from_file(text: str) -> int | None:
    """A rhythm as a file of ours writes it (days, or `3m`, `never`): the command's rule, so that
    0 days is the file's mistake, not the journal's."""
    from connect_cli.domain.rhythms import parse_rhythm

    try:
        return parse_rhythm(text)
    except InputError:
        raise InputError("is not a rhythm from 1 day to 10 years, like 30 or 3m") from None
