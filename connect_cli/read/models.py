"""Read models: what the core hands to the renderer (plain dataclasses, no database, no Rich)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import NamedTuple

from connect_cli.domain.yearly_dates import MonthDay


class PersonRef(NamedTuple):
    id: int
    name: str


class ChannelItem(NamedTuple):
    value: str
    label: str | None


class DateItem(NamedTuple):
    label: str
    when: MonthDay
    once: bool = False  # a one-off date (a launch), not a yearly one


class FollowUpItem(NamedTuple):
    id: int
    text: str
    due_on: date | None
    done: bool
    person: PersonRef | None = None


class TimelineItem(NamedTuple):
    id: int
    on: date
    at: time | None
    kind: str
    text: str
    with_people: tuple[str, ...]


class KeepInTouch(NamedTuple):
    """Where someone stands against their rhythm on a given day."""

    every_days: int | None
    days_since: int  # since last touch, or since met/added when never contacted
    snoozed_until: date | None

    @property
    def overdue_days(self) -> int | None:
        if self.every_days is None:
            return None
        return self.days_since - self.every_days


@dataclass
class PersonCard:
    id: int
    name: str
    nicknames: list[str]
    company: str | None
    title: str | None
    location: str | None
    met_at: str | None
    met_on: date | None
    introduced_by: PersonRef | None
    birthday: MonthDay | None
    every_days: int | None
    snoozed_until: date | None
    archived: bool
    emails: list[ChannelItem]
    phones: list[ChannelItem]
    urls: list[ChannelItem]
    tags: list[str]
    facts: dict[
        str, list[str]
    ]  # keyed by fact kind: like, dislike, passion, family, need, offer, fact
    dates: list[DateItem]
    last_contact: date | None
    followups: list[FollowUpItem]
    interactions: list[TimelineItem]
    standing: KeepInTouch
    next_birthday: date | None = None
    introduced: list[PersonRef] = field(default_factory=list)
    touches_by_month: list[int] = field(default_factory=list)  # last 12 months, oldest first


class ContactRow(NamedTuple):
    id: int
    name: str
    company: str | None
    tags: tuple[str, ...]
    last_contact: date | None
    every_days: int | None
    archived: bool
    standing: KeepInTouch
