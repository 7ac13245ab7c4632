"""Calendar exports (RFC 5545 iCalendar: Google, Outlook, Apple) read as touches.

Every occurrence up to `today` is one candidate: recurring events are expanded with
recurring-ical-events (RRULE, RDATE, EXDATE, moved and cancelled occurrences by RECURRENCE-ID,
VTIMEZONE and Google's X-WR-TIMEZONE). An occurrence is skipped, with its reason, when it is
cancelled (STATUS:CANCELLED), when you declined it (your ATTENDEE has PARTSTAT=DECLINED), when it
is after today, or before `since`. What is left becomes an `IncomingTouch`:

- day and time: the start in the local time zone (an all-day event: its date, no time; a floating
  time: as written);
- kind: `video` when the event carries a conferencing link (RFC 7986 CONFERENCE, Google's
  X-GOOGLE-CONFERENCE, Teams' X-MICROSOFT-SKYPETEAMSMEETINGURL, or a known meeting host in
  LOCATION, URL or DESCRIPTION), else `meeting`;
- text: SUMMARY, then LOCATION (unless it is only a link); DESCRIPTION only when asked;
- key: UID for a single event, UID#RECURRENCE-ID for an occurrence of a recurring one (RFC 5545
  3.8.4.4: together they name one occurrence for good, even once it is moved).

"You" are the addresses of `connect config me`, plus the calendar's own address when the file
names it: Google's X-WR-CALNAME of a primary calendar, Outlook's X-OWNER. Reading the whole file is fine here: calendars are small, and
icalendar parses a document at once.

connect's own reminders (`export --format ics`, the feed: PRODID `-//connect//contact journal//EN`,
UIDs `connect-<what>-<id>@connect`, formats/ics_export.py) are not meetings: a file that is ours
is refused in one sentence, and our events inside another calendar (a calendar app that
subscribed to the feed, exported again) are skipped once per event, never per yearly occurrence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from connect_cli.domain.incoming import FileProblem
from connect_cli.domain.touches import (
    BEFORE_SINCE,
    CANCELLED,
    DECLINED,
    FUTURE,
    NO_PEOPLE,
    OURS,
    IncomingTouch,
    SkippedTouch,
    fold_email,
)

EARLIEST = date(1900, 1, 1)
CONFERENCE_PROPERTIES = ("CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL")
CONFERENCE_HOSTS = re.compile(
    r"https?://[^\s]*(meet\.google\.com|zoom\.us|teams\.microsoft\.com|teams\.live\.com|"
    r"webex\.com|whereby\.com|meet\.jit\.si|facetime\.apple\.com|gotomeeting\.com|chime\.aws)",
    re.IGNORECASE,
)
LINK_ONLY = re.compile(r"^\s*https?://\S+\s*$", re.IGNORECASE)
OUR_PRODID = "-//connect//contact journal//EN"  # formats/ics_export.py
OUR_UID = re.compile(r"^connect-[a-z-]+-\d+@connect$")


def looks_like_calendar(head: str) -> bool:
    return head[:15].upper() == "BEGIN:VCALENDAR"


def read_calendar(
    path: Path,
    *,
    today: date,
    me: frozenset[str],
    since: date | None = None,
    with_descriptions: bool = False,
) -> tuple[frozenset[str], Iterator[IncomingTouch | SkippedTouch]]:
    """(your addresses as this file adds to `me`, the file's touches and skips, oldest first).

    Raises FileProblem when the file is not a calendar icalendar can read, or is connect's own.
    """
    calendar = _parse(path)
    if str(calendar.get("PRODID", "")).strip() == OUR_PRODID:
        raise FileProblem(
            f"{path.name} is connect's own calendar of birthdays, dates and promises, not "
            "meetings; import the calendar you export from your calendar app instead."
        )
    mine = me | owners_of(calendar)
    return mine, _touches(calendar, today, mine, since, with_descriptions)


def attendance(path: Path) -> tuple[frozenset[str], list[tuple[str, int]]]:
    """(the addresses the file names as its owner, every organizer and attendee address with
    the number of events naming it, most first): who "you" probably are, to ask before an
    import. Raises FileProblem as `read_calendar` does."""
    calendar = _parse(path)
    counts: Counter[str] = Counter()
    for event in calendar.walk("VEVENT"):
        if not _is_ours(event):
            addresses = {fold_email(str(who)) for who in _people(event)}
            counts.update(a for a in addresses if "@" in a and a.isprintable())
    return owners_of(calendar), sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def owners_of(calendar) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """The calendar's own address when it names one (Google's X-WR-CALNAME, Outlook's X-OWNER)."""
    owners = {fold_email(str(calendar.get(name, ""))) for name in ("X-WR-CALNAME", "X-OWNER")}
    return frozenset(owner for owner in owners if "@" in owner)


def _parse(path: Path):  # type: ignore[no-untyped-def]
    import icalendar

    try:
        return icalendar.Calendar.from_ical(path.read_bytes())
    except ValueError as error:
        raise FileProblem(
            f"{path.name} is not a calendar connect can read ({str(error)[:80]}); "
            "export it again as .ics."
        ) from None


def _is_ours(event) -> bool:  # type: ignore[no-untyped-def]
    return bool(OUR_UID.match(str(event.get("UID", "")).strip()))


def _touches(calendar, today: date, me: frozenset[str], since: date | None,  # type: ignore[no-untyped-def]
             with_descriptions: bool) -> Iterator[IncomingTouch | SkippedTouch]:  # fmt: skip
    import recurring_ical_events

    kept = [c for c in calendar.subcomponents if not (c.name == "VEVENT" and _is_ours(c))]
    for _event in range(len(calendar.subcomponents) - len(kept)):
        yield SkippedTouch(OURS)  # once per event: a yearly birthday is not fifty occurrences
    calendar.subcomponents = kept
    events = calendar.walk("VEVENT")
    recurring = {str(e.get("UID")) for e in events if _is_recurring(e)}
    for event in events:  # later single events are not expanded below: count them here
        start = _local_start(event)
        if start is not None and start[0] > today and str(event.get("UID")) not in recurring:
            yield SkippedTouch(FUTURE)
    try:
        occurrences = recurring_ical_events.of(calendar).between(
            since or EARLIEST, today + timedelta(days=1)
        )
    except Exception as error:  # the library raises its own kinds for broken rules and zones
        raise FileProblem(
            f"The events in this calendar cannot be expanded ({str(error)[:80]}); "
            "export it again from your calendar."
        ) from None
    rows = []
    for occurrence in occurrences:
        start = _local_start(occurrence)
        if start is not None:
            rows.append((start, occurrence))
    rows.sort(key=lambda row: (row[0][0], row[0][1] or time()))
    for (day, at), occurrence in rows:
        yield _touch(occurrence, day, at, today, me, since, str(occurrence.get("UID")) in recurring,
                     with_descriptions)  # fmt: skip


def _touch(event, day: date, at: time | None, today: date, me: frozenset[str],  # type: ignore[no-untyped-def]
           since: date | None, recurring: bool, with_descriptions: bool) -> IncomingTouch | SkippedTouch:  # fmt: skip
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return SkippedTouch(CANCELLED)
    if day > today:
        return SkippedTouch(FUTURE)
    if since is not None and day < since:
        return SkippedTouch(BEFORE_SINCE)
    people: dict[str, str] = {}
    for who in _people(event):
        address = fold_email(str(who))
        if "@" not in address:
            continue
        if address in me:
            if str(who.params.get("PARTSTAT", "")).upper() == "DECLINED":
                return SkippedTouch(DECLINED)
            continue
        people.setdefault(address, str(who.params.get("CN", "")).strip())
    if not people:
        return SkippedTouch(NO_PEOPLE)
    uid = str(event.get("UID", "")).strip()
    key = f"{uid}#{_instant(event['RECURRENCE-ID'].dt)}" if recurring and "RECURRENCE-ID" in event else uid
    return IncomingTouch(
        origin="ics",
        key=key,
        on=day,
        at=at,
        kind="video" if _has_conference(event) else "meeting",
        text=_text(event, with_descriptions),
        people={a: "" if n.casefold() == a else n for a, n in people.items()},
    ) if uid else SkippedTouch(NO_PEOPLE)  # fmt: skip


def _people(event) -> list:  # type: ignore[no-untyped-def]
    found = []
    if "ORGANIZER" in event:
        found.append(event["ORGANIZER"])
    attendees = event.get("ATTENDEE", [])
    found.extend(attendees if isinstance(attendees, list) else [attendees])
    return found


def _is_recurring(event) -> bool:  # type: ignore[no-untyped-def]
    return any(name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID"))


def _local_start(event) -> tuple[date, time | None] | None:  # type: ignore[no-untyped-def]
    """The start as a local day and wall-clock time (None for an all-day event)."""
    if "DTSTART" not in event:
        return None
    value = event["DTSTART"].dt
    if not isinstance(value, datetime):
        return value, None
    if value.tzinfo is not None:
        value = value.astimezone()  # the local zone, as every day in the journal
    return value.date(), value.time().replace(microsecond=0, tzinfo=None)


def _instant(value: date | datetime) -> str:
    """RECURRENCE-ID as one spelling, whatever zone the file wrote it in (UTC, or a date)."""
    if not isinstance(value, datetime):
        return value.strftime("%Y%m%d")
    if value.tzinfo is None:
        return value.strftime("%Y%m%dT%H%M%S")
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _has_conference(event) -> bool:  # type: ignore[no-untyped-def]
    if any(name in event for name in CONFERENCE_PROPERTIES):
        return True
    return any(
        CONFERENCE_HOSTS.search(str(event.get(name, "")))
        for name in ("LOCATION", "URL", "DESCRIPTION")
    )


def _text(event, with_descriptions: bool) -> str:  # type: ignore[no-untyped-def]
    summary = " ".join(str(event.get("SUMMARY", "")).split())
    location = " ".join(str(event.get("LOCATION", "")).split())
    text = summary or "(no title)"
    if location and not LINK_ONLY.match(location):
        text += f" — {location}"
    description = str(event.get("DESCRIPTION", "")).strip()
    if with_descriptions and description:
        text += f"\n\n{description}"
    return text
