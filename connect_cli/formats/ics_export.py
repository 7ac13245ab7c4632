"""The iCalendar export (RFC 5545): birthdays, important dates and promises as all-day events.

One VCALENDAR (PRODID `-//connect//contact journal//EN`, VERSION 2.0) holding VEVENTs:

- a birthday: SUMMARY "<Name>'s birthday", UID `connect-birthday-<contact id>@connect`;
- an important date: SUMMARY "<Name>: <label>", UID `connect-date-<date id>@connect`;
  both are all-day (DTSTART;VALUE=DATE, DTEND the next day) and repeat every year
  (RRULE:FREQ=YEARLY). They start in the year given, or in 2000 when the year is unknown. A
  one-off date (`--date "launch=2027-03-01 once"`) is one all-day event on its day, no repeat.
  Feb 29 repeats as RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1 — the last day of February —
  so it is celebrated on Feb 28 in other years, as everywhere else in connect.
- an open promise with a due date: SUMMARY "Promise to <Name>: <text>", all-day on the due date,
  UID `connect-followup-<follow-up id>@connect`, no repeat.

Archived people are left out (archiving hides someone from reminders). UIDs are stable, so a
calendar that imports the file again updates events instead of duplicating them. DTSTAMP is the
moment of the export.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import IO

from icalendar import Calendar, Event

from connect_cli.domain.clock import utc_now
from connect_cli.domain.yearly_dates import MonthDay
from connect_cli.read.export import OpenFollowUp, PersonRecord

YEAR_WHEN_UNKNOWN = 2000  # a leap year, so Feb 29 is a valid first day


def _yearly(uid: str, summary: str, when: MonthDay, stamp: datetime) -> Event:
    first = date(when.year or YEAR_WHEN_UNKNOWN, when.month, when.day)
    rule: dict[str, object] = {"FREQ": "YEARLY"}
    if (when.month, when.day) == (2, 29):
        rule.update({"BYMONTH": 2, "BYMONTHDAY": -1})
    event = _all_day(uid, summary, first, stamp)
    event.add("rrule", rule)
    return event


def _all_day(uid: str, summary: str, day: date, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event


def build_calendar(people: Iterable[PersonRecord], promises: Iterable[OpenFollowUp]) -> Calendar:
    stamp = utc_now().replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//connect//contact journal//EN")
    calendar.add("version", "2.0")
    names: dict[int, str] = {}
    for person in people:
        names[person.id] = person.name
        if person.birthday is not None:
            uid = f"connect-birthday-{person.id}@connect"
            calendar.add_component(
                _yearly(uid, f"{person.name}'s birthday", person.birthday, stamp)
            )
        for item in person.dates:
            uid = f"connect-date-{item.id}@connect"
            summary = f"{person.name}: {item.label}"
            if item.once and item.when.year is not None:  # on that day only, never repeated
                day = date(item.when.year, item.when.month, item.when.day)
                calendar.add_component(_all_day(uid, summary, day, stamp))
            else:
                calendar.add_component(_yearly(uid, summary, item.when, stamp))
    for promise in promises:
        if promise.contact_id in names:
            summary = f"Promise to {names[promise.contact_id]}: {promise.text}"
            uid = f"connect-followup-{promise.id}@connect"
            calendar.add_component(_all_day(uid, summary, promise.due_on, stamp))
    return calendar


def write_calendar(
    out: IO[str], people: Iterable[PersonRecord], promises: Iterable[OpenFollowUp]
) -> int:
    """Write the calendar; returns the number of events."""
    calendar = build_calendar(people, promises)
    out.write(calendar.to_ical().decode("utf-8"))
    return len(calendar.subcomponents)
