"""`connect import calendar.ics` / `mail.mbox` / a Maildir folder: touches in ONE transaction.

The reader (formats/) yields touches and skips; this use case finds each touch's people in the
journal by email, adds the interaction once per source (UID + RECURRENCE-ID, Message-ID) and
counts what it did. `--add-unknown` (calendars) first adds the ten most frequent attendees who
are not in the journal, so their events count too. `--dry-run` runs the same import and rolls it
back, so its counts are the real ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from connect_cli.domain.bulk import cycle_collector_paused
from connect_cli.domain.touches import NOBODY, IncomingTouch, SkippedTouch
from connect_cli.journal.sqlite import JournalLocation

if TYPE_CHECKING:
    from connect_cli.write.session import Session

Progress = Callable[[int], None]
UNKNOWN_SHOWN = 10  # attendees not in the journal named in the summary (and added by --add-unknown)


@dataclass(frozen=True)
class TouchImportRequest:
    path: Path
    kind: str  # "calendar", "mbox" or "maildir"
    dry_run: bool = False
    since: date | None = None
    with_descriptions: bool = False
    add_unknown: bool = False
    tags: list[str] = field(default_factory=list)
    every_days: int | None = None


@dataclass
class TouchReport:
    file: str
    format: str  # "iCalendar", "mbox", "Maildir"
    dry_run: bool
    touches: int = 0
    known: int = 0  # already in the journal (or twice in the file)
    per_person: Counter[str] = field(default_factory=Counter)  # name -> touches added
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> count
    unknown: list[tuple[str, str, int]] = field(default_factory=list)  # address, name, events
    people_added: list[str] = field(default_factory=list)


FORMAT_NAMES = {"calendar": "iCalendar", "mbox": "mbox", "maildir": "Maildir"}


def import_touches(
    location: JournalLocation,
    request: TouchImportRequest,
    records: Callable[[], Iterable[IncomingTouch | SkippedTouch]],
    *,
    progress: Progress | None = None,
) -> TouchReport:
    """Run the import in one transaction (rolled back for --dry-run); `records` opens the file."""
    from connect_cli.core.importing import _journal_for
    from connect_cli.write.session import write_session

    with _journal_for(location, request.dry_run) as target, cycle_collector_paused():
        with write_session(target, create=True, commit=not request.dry_run) as session:
            report = _import(session, request, records(), progress)
    return report


def _import(session: Session, request: TouchImportRequest,
            records: Iterable[IncomingTouch | SkippedTouch], progress: Progress | None) -> TouchReport:  # fmt: skip
    from connect_cli.write.bulk import PeopleWriter
    from connect_cli.write.touches import TouchWriter

    people = PeopleWriter(session, tags=request.tags, every_days=request.every_days)
    writer = TouchWriter(people)
    report = TouchReport(request.path.name, FORMAT_NAMES[request.kind], request.dry_run)
    if request.kind == "calendar":  # a calendar is small: looked at whole for its strangers
        records = list(records)
        report.unknown = _strangers(records, people.by_email)
        if request.add_unknown:
            _add_strangers(people, report)
    touched: Counter[int] = Counter()
    for count, record in enumerate(records, 1):
        if progress is not None and count % 1000 == 0:
            progress(count)
        if isinstance(record, SkippedTouch):
            report.skipped[record.reason] += 1
            continue
        contact_ids = writer.contacts_of(record)
        if not contact_ids:
            report.skipped[NOBODY] += 1
            continue
        if writer.known(record):
            report.known += 1
            continue
        writer.add(record, contact_ids)
        report.touches += 1
        touched.update(contact_ids)
    writer.flush()
    names = writer.names_of(list(touched))
    for contact_id, count in touched.items():
        report.per_person[names.get(contact_id, f"#{contact_id}")] += count
    people.finish()
    if request.add_unknown:
        report.unknown = []
    return report


def _strangers(records: list[IncomingTouch | SkippedTouch],
               by_email: dict[str, int]) -> list[tuple[str, str, int]]:  # fmt: skip
    """The attendees most often met who are not in the journal: (address, name, events)."""
    counts: Counter[str] = Counter()
    named: dict[str, str] = {}
    for record in records:
        if isinstance(record, IncomingTouch):
            for address, name in record.people.items():
                if address not in by_email:
                    counts[address] += 1
                    named[address] = named.get(address) or name
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:UNKNOWN_SHOWN]
    return [(address, named[address], n) for address, n in top]


def _add_strangers(people, report: TouchReport) -> None:  # type: ignore[no-untyped-def]
    from connect_cli.domain.drafts import ChannelValue, PersonDraft

    for address, name, _count in report.unknown:
        shown = name or address.split("@")[0]
        people.take(PersonDraft(name=shown, channels=[ChannelValue("email", address)]))
        report.people_added.append(shown)


def calendar_records(request: TouchImportRequest, *, today: date, me: frozenset[str]
                     ) -> Callable[[], Iterator[IncomingTouch | SkippedTouch]]:  # fmt: skip
    def records() -> Iterator[IncomingTouch | SkippedTouch]:
        from connect_cli.formats.calendar_import import read_calendar

        _mine, found = read_calendar(
            request.path, today=today, me=me, since=request.since,
            with_descriptions=request.with_descriptions,
        )  # fmt: skip
        return found

    return records


def mail_records(request: TouchImportRequest, *, today: date, me: frozenset[str]
                 ) -> Callable[[], Iterator[IncomingTouch | SkippedTouch]]:  # fmt: skip
    def records() -> Iterator[IncomingTouch | SkippedTouch]:
        from connect_cli.formats.mail_import import read_mail

        return read_mail(request.path, today=today, me=me, since=request.since)

    return records


def touch_kind(path: Path) -> str | None:
    """ "calendar", "mbox" or "maildir" when the file (or folder) is one, by content; else None."""
    from connect_cli.formats.mail_import import is_maildir, looks_like_mbox

    if is_maildir(path):
        return "maildir"
    if not path.is_file():
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:  # the contacts import says what is wrong with the file
        return None
    if looks_like_mbox(head):
        return "mbox"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    return "calendar" if text[:15].upper() == b"BEGIN:VCALENDAR" else None


def touch_request(path: Path, kind: str, *, dry_run: bool = False, since: str | None = None,
                  with_descriptions: bool = False, add_unknown: bool = False,
                  tags: list[str] | None = None, every: str | None = None,
                  today: date) -> TouchImportRequest:  # fmt: skip
    """A calendar or mail import as typed: --since parsed as a day (domain/days.py)."""
    from connect_cli.core.importing import import_request
    from connect_cli.domain.days import parse_day
    from connect_cli.domain.errors import InputError

    if add_unknown and kind != "calendar":
        raise InputError("--add-unknown is for calendars; add people from mail with connect add.")
    if with_descriptions and kind != "calendar":
        raise InputError("--with-descriptions is for calendars; mail bodies are never imported.")
    typed = import_request(path, tags=tags, every=every)
    return TouchImportRequest(
        path=path, kind=kind, dry_run=dry_run,
        since=parse_day(since, today) if since else None,
        with_descriptions=with_descriptions, add_unknown=add_unknown,
        tags=typed.tags, every_days=typed.every_days,
    )  # fmt: skip


def your_addresses(location: JournalLocation) -> frozenset[str]:
    """`connect config me`, or nothing when there is no journal yet."""
    from connect_cli.core.journal import read_journal
    from connect_cli.core.settings import read_settings
    from connect_cli.journal.sqlite import find_journal

    if location.path is not None and not find_journal(location):
        return frozenset()
    with read_journal(location) as reader:
        return read_settings(reader).me


def keep_your_addresses(location: JournalLocation, addresses: str) -> frozenset[str]:
    """Store `me` (as `connect config me` does) and return it as the import reads it."""
    from connect_cli.core.settings import write_setting
    from connect_cli.domain.settings import typed
    from connect_cli.write.session import write_session

    with write_session(location, create=True) as session:
        write_setting(session=session, key="me", value=addresses)
    return typed({"me": _addresses_text(addresses)}).me


def _addresses_text(addresses: str) -> str:
    from connect_cli.domain.settings import spec_for

    return spec_for("me").normalise(addresses)
