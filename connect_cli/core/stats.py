"""`stats`: a picture of your relationships, and the card's one-line touch history.

The period rules (which days the heatmap covers, which twelve months the monthly chart shows)
are pure functions of a day, tested without a journal; `stats_for` only reads, in one snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from connect_cli.core.journal import read_journal
from connect_cli.domain.errors import InputError
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.read.models import PersonRef
from connect_cli.read.stats import (
    Connector,
    Health,
    Introductions,
    Promises,
    Scope,
    Touched,
    health,
    introductions_made,
    most_and_least_touched,
    person_months,
    promises,
    top_connectors,
    touches_by_day_and_kind,
)

KINDS = ("meeting", "call", "video", "email", "message", "meal", "event", "note")
MONTHS = 12
WEEKS = 52
FIRST_YEAR, LAST_YEAR = 1900, 2999


@dataclass(frozen=True)
class Period:
    """The days the heatmap shows: [start, end], drawn in whole Monday-to-Sunday weeks from
    `grid_start`."""

    start: date
    end: date
    year: int | None  # set for a calendar year (--year)

    @property
    def grid_start(self) -> date:
        return self.start - timedelta(days=self.start.weekday())

    @property
    def weeks(self) -> int:
        return (self.end - self.grid_start).days // 7 + 1


def period_for(today: date, year: int | None) -> Period:
    """The last 52 weeks ending today (the first week whole, Monday first), or a calendar year.

    Raises InputError for a year outside 1900..2999."""
    if year is None:
        start = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
        return Period(start, today, None)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"--year {year} is out of range; give a year such as {today.year}.")
    return Period(date(year, 1, 1), date(year, 12, 31), year)


def months_ending(end: date, count: int = MONTHS) -> list[str]:
    """The `count` months (YYYY-MM) ending with `end`'s month, oldest first."""
    months, year, month = [], end.year, end.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def first_day(month: str) -> date:
    return date.fromisoformat(month + "-01")


@dataclass
class Stats:
    today: date
    period: Period
    tag: str | None
    person: PersonRef | None
    per_day: dict[date, int]
    months: list[str]
    per_month: dict[tuple[str, str], int]  # (YYYY-MM, kind) -> touches
    health: Health
    promises: Promises
    introductions: Introductions
    connectors: list[Connector]
    most: list[Touched]
    least: list[Touched]

    def month_total(self, month: str) -> int:
        return sum(n for (m, _), n in self.per_month.items() if m == month)

    def kinds(self) -> list[str]:
        """Kinds with any touch in the twelve months, in the vocabulary's order."""
        seen = {kind for (_, kind) in self.per_month}
        return [k for k in KINDS if k in seen] + sorted(seen - set(KINDS))


def stats_for(
    location: JournalLocation,
    *,
    today: date,
    year: int | None = None,
    tag: str | None = None,
    who: str | None = None,
) -> Stats:
    """The picture of the journal, or of one person (`who`) or the people with `tag`.

    Raises InputError for a year out of range or a tag no one has; `resolve` raises for a
    `who` that matches nobody (or several people)."""
    period = period_for(today, year)
    with read_journal(location) as reader:
        if tag is not None and not _anyone_has(reader, tag):
            # An empty picture would read as "no touches"; say it is the tag (as `export --tag`).
            raise InputError(
                f"No one has the tag {tag[:40]!r}; `connect list --json` shows everyone's tags."
            )
        person = _person(reader, who) if who is not None else None
        scope = Scope(tag=tag, contact_id=person.id if person else None)
        return read_stats(reader, scope, today, period, person)


def _person(reader: Reader, who: str) -> PersonRef:
    from connect_cli.read.resolve import resolve  # name matching loads only for WHO

    found = resolve(reader, who)
    return PersonRef(found.id, found.name)


def _anyone_has(reader: Reader, tag: str) -> bool:
    from connect_cli.read.export import tagged  # loaded only for --tag

    return bool(tagged(reader, tag))


def read_stats(
    reader: Reader, scope: Scope, today: date, period: Period, person: PersonRef | None
) -> Stats:
    end = min(period.end, today)
    months = months_ending(period.end)
    first = min(period.start, first_day(months[0]))
    per_day: dict[date, int] = {}
    per_month: dict[tuple[str, str], int] = {}
    for (day, kind), n in touches_by_day_and_kind(reader, scope, first, end).items():
        if day >= period.start:
            per_day[day] = per_day.get(day, 0) + n
        month = day.isoformat()[:7]
        if month >= months[0]:
            per_month[(month, kind)] = per_month.get((month, kind), 0) + n
    most, least = most_and_least_touched(reader, scope, period.start, end)
    # Health and promises are how things stand today, whichever year the heatmap shows.
    return Stats(
        today=today,
        period=period,
        tag=scope.tag,
        person=person,
        per_day=per_day,
        months=months,
        per_month=per_month,
        health=health(reader, scope, today),
        promises=promises(reader, scope, today),
        introductions=introductions_made(reader, period.start, end),
        connectors=top_connectors(reader),
        most=most,
        least=least,
    )


def touch_history(reader: Reader, contact_id: int, today: date) -> list[int]:
    """One person's touches in each of the last twelve months (oldest first), for the card."""
    months = months_ending(today)
    counts = person_months(reader, contact_id, first_day(months[0]), today)
    return [counts.get(month, 0) for month in months]
