"""`connect export`: the journal written out as CSV, JSON, vCard, Markdown or iCalendar.

Reads go through one read transaction (a consistent snapshot); files are written atomically
and privately (formats/atomic.py). The formats themselves are specified in formats/*.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO

from connect_cli.core.journal import read_journal
from connect_cli.domain.days import parse_day
from connect_cli.domain.errors import InputError
from connect_cli.journal.sqlite import JournalLocation, Reader

FORMATS = ("csv", "json", "vcard", "markdown", "ics")
# What each format can export; the first is its default.
WHATS: dict[str, tuple[str, ...]] = {
    "csv": ("notes", "contacts"),
    "json": ("journal",),
    "vcard": ("contacts",),
    "markdown": ("journal",),
    "ics": ("dates",),
}
TAKES_SINCE = {("csv", "notes"), ("markdown", "journal")}

Progress = Callable[[int], None]


@dataclass(frozen=True)
class ExportRequest:
    format: str = "csv"
    what: str | None = None
    since: str | None = None
    tag: str | None = None
    vcard_version: str | None = None
    raw: bool = False
    excel: bool = False


@dataclass(frozen=True)
class ExportPlan:
    """A request checked and with its dates read: everything needed to write."""

    format: str
    what: str
    since: date | None
    tag: str | None
    vcard_version: str
    raw: bool
    excel: bool = False  # CSV for spreadsheets: a UTF-8 byte order mark first (rows end CRLF)


@dataclass(frozen=True)
class ExportSummary:
    count: int
    noun: str  # what was counted, singular: "note", "person", "row", "event"
    # sentences saying what this format leaves out that `connect import` would not bring back
    left_out: tuple[str, ...] = ()


MARKDOWN_LEFT_OUT = (
    "Markdown is a document to read: `connect import` does not read it back "
    "(use --format json for a copy that does)."
)


def apart_left_out(count: int) -> tuple[str, ...]:
    """The notes CSV's word on promises that have no note to sit on."""
    if not count:
        return ()
    what = (
        "1 promise not made at a note is"
        if count == 1
        else (f"{count:,} promises not made at a note are")
    )
    return (f"{what} not in the notes CSV (--format json keeps everything).",)


def undated_left_out(count: int) -> tuple[str, ...]:
    """The calendar's word on open promises without a due date: an event needs a day."""
    if not count:
        return ()
    what = "1 open promise has" if count == 1 else f"{count:,} open promises have"
    return (
        f"{what} no due date, so the calendar leaves {'it' if count == 1 else 'them'} out "
        "(an event needs a day); `connect followups` lists them.",
    )


def plan_export(request: ExportRequest, *, today: date) -> ExportPlan:
    """Check the options against each other before touching the journal or any file."""
    if request.format not in FORMATS:
        raise InputError(f"Unknown format; use one of {', '.join(FORMATS)}.")
    allowed = WHATS[request.format]
    what = request.what or allowed[0]
    if what not in allowed:
        raise InputError(
            f"--what {what} does not apply to --format {request.format}; "
            "--what chooses between notes and contacts for CSV (vCard is always contacts)."
        )
    if request.since and (request.format, what) not in TAKES_SINCE:
        raise InputError(
            "--since applies to notes: use it with --format csv (notes) or --format markdown."
        )
    if request.tag and request.format == "json":
        raise InputError(
            "The JSON export is the whole journal; leave out --tag, or use CSV or vCard."
        )
    if request.vcard_version and request.format != "vcard":
        raise InputError("--vcard-version applies to --format vcard only.")
    version = request.vcard_version or "3.0"
    if version not in ("3.0", "4.0"):
        raise InputError("--vcard-version must be 3.0 or 4.0.")
    if request.excel and request.format != "csv":
        raise InputError("--excel applies to --format csv only.")
    since = parse_day(request.since, today) if request.since else None
    return ExportPlan(
        request.format, what, since, request.tag, version, request.raw, excel=request.excel
    )


def write_export(
    location: JournalLocation,
    plan: ExportPlan,
    out: IO[str],
    *,
    today: date,
    progress: Progress | None = None,
) -> ExportSummary:
    """Write the export to `out` from one consistent read of the journal."""
    with read_journal(location) as reader:
        return _write(reader, plan, out, today=today, progress=progress)


def export_to_file(
    location: JournalLocation,
    plan: ExportPlan,
    path: Path,
    *,
    force: bool,
    today: date,
    progress: Progress | None = None,
) -> ExportSummary:
    """The same, into a new private file that appears only when complete."""
    from connect_cli.formats.atomic import atomic_output, check_target

    check_target(path, force=force)
    try:
        # The journal is checked (and opened) first: a refused one leaves no file behind.
        with read_journal(location) as reader, atomic_output(path, force=force, newline="") as out:
            return _write(reader, plan, out, today=today, progress=progress)
    except OSError as error:
        raise InputError(
            f"Could not write {path} ({error.strerror or type(error).__name__}); "
            "nothing was written. Check the disk and the folder's permissions."
        ) from None


def _write(
    reader: Reader, plan: ExportPlan, out: IO[str], *, today: date, progress: Progress | None
) -> ExportSummary:
    from connect_cli.read import export as q

    if plan.tag and not q.tagged(reader, plan.tag):
        # Said before a byte is written: with -o no file appears, on stdout nothing is printed.
        raise InputError(
            f"No one has the tag {plan.tag[:40]!r}; `connect list --json` shows everyone's tags."
        )
    if plan.format == "csv":
        from connect_cli.formats import csv_export

        if plan.excel:  # spreadsheet programs read UTF-8 ("Zoë") only when the file says so
            out.write(csv_export.BYTE_ORDER_MARK)
        if plan.what == "contacts":
            people = q.people(reader, tag=plan.tag)
            return ExportSummary(csv_export.write_contacts(out, people, raw=plan.raw), "person")
        people_by_id, promises = q.names_and_tags(reader), q.promises_by_note(reader)
        chunks = q.note_chunks(reader, q.NoteFilter(since=plan.since))
        only = q.tagged(reader, plan.tag) if plan.tag else None
        count = csv_export.write_notes(
            out,
            chain.from_iterable(chunks),
            people_by_id,
            promises,
            only=only,
            raw=plan.raw,
            progress=progress,
        )
        return ExportSummary(count, "note", apart_left_out(q.promises_apart(reader, only)))
    if plan.format == "json":
        from connect_cli.formats.json_export import write_journal
        from connect_cli.journal.sqlite import SCHEMA_VERSION
        from connect_cli.read.export import journal_sections

        return ExportSummary(
            write_journal(out, journal_sections(reader), schema=SCHEMA_VERSION, progress=progress),
            "row",
        )
    if plan.format == "vcard":
        from connect_cli.formats.vcard_export import write_cards

        people = q.people(reader, tag=plan.tag)
        return ExportSummary(write_cards(out, people, version=plan.vcard_version), "person")
    if plan.format == "markdown":
        from connect_cli.formats.markdown_export import write_markdown
        from connect_cli.read.intros import helping_lines

        names = {cid: name for cid, (name, _) in q.names_and_tags(reader).items()}
        people = q.people(reader, tag=plan.tag)
        count = write_markdown(
            out,
            people,
            lambda cid: q.timeline_rows(reader, cid, plan.since),
            names,
            today=today,
            promises=q.promises_by_person(reader),
            helping=helping_lines(reader),
        )
        return ExportSummary(count, "person", (MARKDOWN_LEFT_OUT,))
    from connect_cli.formats.ics_export import write_calendar

    people = q.people(reader, tag=plan.tag, active_only=True)
    shown = {person.id for person in people}
    undated = sum(1 for cid in q.undated_open_followup_people(reader) if cid in shown)
    events = write_calendar(out, people, q.open_followups_due(reader))
    return ExportSummary(events, "event", undated_left_out(undated))
