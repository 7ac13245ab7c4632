"""Read models of the daily list and of promises (plain dataclasses, no database, no Rich)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from connect_cli.read.models import PersonRef


class PromiseRow(NamedTuple):
    """A follow-up with the person it is owed to; `done_at` is set once kept."""

    id: int
    person: PersonRef
    text: str
    due_on: date | None
    done_at: datetime | None = None

    def overdue_days(self, today: date) -> int | None:
        """Days past due (0 = due today, negative = due in that many days); None when undated
        or already kept."""
        if self.due_on is None or self.done_at is not None:
            return None
        return (today - self.due_on).days


class ComingDate(NamedTuple):
    """A birthday or important date inside the horizon, on the day it is celebrated."""

    person: PersonRef
    label: str  # "birthday" or the important date's own label
    on: date
    age: int | None  # years completed on that day, when the year is known
    in_days: int

    @property
    def is_birthday(self) -> bool:
        return self.label == "birthday"


class Hook(NamedTuple):
    """Something personal to open the conversation with, and where it came from."""

    kind: str  # need, passion, family, like, or note (the gist of the last note)
    text: str


class ReconnectRow(NamedTuple):
    id: int
    name: str
    last_contact: date | None  # None: never contacted (counted from met on / added)
    every_days: int
    days_since: int
    overdue_days: int
    overdue_ratio: float
    last_kind: str | None = None
    talk_about: Hook | None = None
    due_in_all: int = 0  # how many people are due to reconnect, this one included (no limit)


class NextDue(NamedTuple):
    """Who comes up next when nobody is due today (for the calm empty state)."""

    person: PersonRef
    on: date


@dataclass
class DailyList:
    date: date
    horizon: int
    promises: list[PromiseRow] = field(default_factory=list)
    coming_up: list[ComingDate] = field(default_factory=list)
    reconnect: list[ReconnectRow] = field(default_factory=list)
    # Only filled when they matter for the empty state: nobody at all, or nobody due.
    people: int = 0
    next_due: NextDue | None = None

    @property
    def reconnect_hidden(self) -> int:
        """How many more people are due than Reconnect shows (its --limit)."""
        if not self.reconnect:
            return 0
        return max(self.reconnect[0].due_in_all - len(self.reconnect), 0)

    @property
    def is_empty(self) -> bool:
        return not (self.promises or self.coming_up or self.reconnect)


class Snoozed(NamedTuple):
    person: PersonRef
    until: date | None  # None: the snooze was lifted
    has_rhythm: bool


class Kept(NamedTuple):
    promise: PromiseRow
    interaction_id: int | None
