"""The SQL of `connect export`: notes streamed in chunks, people with everything about them.

Notes are never loaded as a list: `stream` walks a cursor `CHUNK` rows at a time, so exporting
a million interactions uses the same memory as exporting ten. People are loaded whole (one
journal holds thousands of people, not millions).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from connect_cli.domain.vocabulary import FACT_KINDS
from connect_cli.domain.yearly_dates import MonthDay
from connect_cli.journal.dialect import stored_form  # noqa: F401  (read/'s name for it)
from connect_cli.journal.sqlite import Reader
from connect_cli.read.people import as_date, as_time, month_day

CHUNK = 5000

# Every table of the journal, in an order that satisfies the foreign keys on insert, and the
# column(s) that give each a stable order. The JSON export writes one key per table.
TABLES: tuple[tuple[str, str, str], ...] = (
    ("contacts", "contact", "id"),
    ("nicknames", "nickname", "id"),
    ("channels", "channel", "id"),
    ("tags", "tag", "id"),
    ("facts", "fact", "id"),
    ("important_dates", "important_date", "id"),
    ("interactions", "interaction", "id"),
    ("participants", "participant", "interaction_id, contact_id"),
    ("interaction_sources", "interaction_source", "origin, key"),
    ("followups", "followup", "id"),
    ("introductions", "introduction", "id"),
    ("help_shown", "help_shown", "day"),
    ("settings", "setting", "key"),
)


def stream(reader: Reader, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[tuple]:
    """Rows as plain tuples, fetched CHUNK at a time (never the whole result in memory)."""
    for chunk in stream_chunks(reader, sql, params):
        yield from chunk


def stream_chunks(
    reader: Reader, sql: str, params: Mapping[str, Any] | None = None
) -> Iterator[list[tuple]]:
    """Rows in lists of up to CHUNK tuples."""
    return reader.chunks(sql, params, CHUNK)


def table_columns(reader: Reader, table: str) -> list[str]:
    return reader.columns(table)


def journal_sections(reader: Reader) -> list[tuple[str, list[str], Iterator[tuple]]]:
    """Every table as (document key, column names, rows streamed in a stable order)."""
    sections = []
    for key, table, order in TABLES:
        columns = table_columns(reader, table)
        sections.append((key, columns, table_rows(reader, table, order, columns)))
    return sections


def table_rows(reader: Reader, table: str, order: str, columns: list[str]) -> Iterator[tuple]:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return stream(reader, f'SELECT {quoted} FROM "{table}" ORDER BY {order}')


# --- notes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteFilter:
    since: date | None = None  # the tag filter is the writer's: see `tagged`


TAGGED = "SELECT t.contact_id FROM tag t WHERE lower(t.name) = lower(:tag)"


def note_chunks(reader: Reader, only: NoteFilter) -> Iterator[list[tuple]]:
    """One row per interaction and person, in the order notes were logged (interaction id).

    Columns: happened_on, happened_time, contact_id, kind, text, interaction id. The tag filter
    is not applied here: everyone present is listed, so the writer can name the other people,
    and it drops the rows of people outside `tagged(...)` itself.

    Why id order and not date order: this walks the participant primary key and reads each
    interaction in file order, with no sort. At 1M notes, sorting by date costs 2.5x the whole
    scan (a temporary sort of every row), and walking the day index instead reads interactions
    all over the file (10x) — either breaks the export budget. A spreadsheet sorts by date.
    Every column costs ~0.15 s per million rows to fetch, so there is none to spare.
    """
    where, params = ["1 = 1"], {}
    if only.since is not None:
        where.append("i.happened_on >= :since")
        params["since"] = only.since.isoformat()
    return stream_chunks(
        reader,
        "SELECT i.happened_on, i.happened_time, p.contact_id, i.kind, i.text, i.id "
        "FROM participant p JOIN interaction i ON i.id = p.interaction_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY p.interaction_id, p.contact_id",
        params,
    )


def tagged(reader: Reader, tag: str) -> set[int]:
    """The ids of the people with `tag` (any case)."""
    return {contact_id for (contact_id,) in stream(reader, TAGGED, {"tag": tag})}


class NotePromise(NamedTuple):
    """A promise as the notes CSV writes it: text, due day and the day it was kept (ISO, or None)."""

    text: str
    due_on: str | None = None
    done_on: str | None = None


def promises_by_note(reader: Reader) -> dict[tuple[int, int], list[NotePromise]]:
    """Follow-ups that came from an interaction, keyed (person, interaction).

    Looked up per note row: a correlated subquery here costs ~5 s per million rows (the
    follow-up table has no index on interaction_id), a dict of the (few) promises costs nothing.
    The day a promise was kept is the day of its `done_at` as stored (UTC).
    """
    found: dict[tuple[int, int], list[NotePromise]] = {}
    for contact_id, interaction_id, text, due_on, done_at in stream(
        reader,
        "SELECT contact_id, interaction_id, text, due_on, done_at FROM followup "
        "WHERE interaction_id IS NOT NULL ORDER BY id",
    ):
        promise = NotePromise(
            text,
            str(due_on)[:10] if due_on is not None else None,
            str(done_at)[:10] if done_at is not None else None,
        )
        found.setdefault((contact_id, interaction_id), []).append(promise)
    return found


def promises_by_person(reader: Reader) -> dict[int, list[NotePromise]]:
    """Every promise, by the person it is owed to, in the order they were made."""
    found: dict[int, list[NotePromise]] = {}
    for contact_id, text, due_on, done_at in stream(
        reader, "SELECT contact_id, text, due_on, done_at FROM followup ORDER BY id"
    ):
        found.setdefault(contact_id, []).append(
            NotePromise(
                text,
                str(due_on)[:10] if due_on is not None else None,
                str(done_at)[:10] if done_at is not None else None,
            )
        )
    return found


def promises_apart(reader: Reader, only: set[int] | None = None) -> int:
    """How many promises were not made at a note (the notes CSV has no row to carry them)."""
    return sum(
        1
        for (contact_id,) in stream(
            reader, "SELECT contact_id FROM followup WHERE interaction_id IS NULL"
        )
        if only is None or contact_id in only
    )


def names_and_tags(reader: Reader) -> dict[int, tuple[str, tuple[str, ...]]]:
    """Each person's name and tags (sorted), to fill the person/with/tags columns of notes."""
    tags: dict[int, list[str]] = {}
    for contact_id, name in stream(reader, "SELECT contact_id, name FROM tag ORDER BY name, id"):
        tags.setdefault(contact_id, []).append(name)
    return {
        contact_id: (name, tuple(tags.get(contact_id, ())))
        for contact_id, name in stream(reader, "SELECT id, name FROM contact")
    }


# --- people ------------------------------------------------------------------------------------


@dataclass
class PersonRecord:
    """Everything the journal holds about one person (what the contacts exports write)."""

    id: int
    name: str
    company: str | None
    title: str | None
    location: str | None
    met_at: str | None
    met_on: date | None
    introduced_by_id: int | None
    introduced_by: str | None
    birthday: MonthDay | None
    every_days: int | None
    snoozed_until: date | None
    archived: bool
    created_at: str
    updated_at: str
    nicknames: list[str] = field(default_factory=list)
    emails: list[tuple[str | None, str]] = field(default_factory=list)
    phones: list[tuple[str | None, str]] = field(default_factory=list)
    urls: list[tuple[str | None, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    facts: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in FACT_KINDS})
    dates: list[ExportDate] = field(default_factory=list)
    # The day each need in facts["need"] was met (same order), None while it is open (#16).
    needs_met: list[date | None] = field(default_factory=list)


class ExportDate(NamedTuple):
    """An important date as the exports write it; `once` is a one-off date (it has its year)."""

    id: int
    label: str
    when: MonthDay
    once: bool = False


@dataclass(frozen=True)
class OpenFollowUp:
    id: int
    contact_id: int
    text: str
    due_on: date


def people(
    reader: Reader, *, tag: str | None = None, active_only: bool = False
) -> list[PersonRecord]:
    """Everyone (or everyone with `tag`), by name, with every item about them."""
    where, params = ["1 = 1"], {}
    if tag:
        where.append(f"c.id IN ({TAGGED})")
        params["tag"] = tag
    if active_only:
        where.append("c.archived = 0")
    found = {
        r[0]: PersonRecord(
            id=r[0],
            name=r[1],
            company=r[2],
            title=r[3],
            location=r[4],
            met_at=r[5],
            met_on=as_date(r[6]),
            introduced_by_id=r[7],
            introduced_by=r[8],
            birthday=month_day(r[9], r[10], r[11]),
            every_days=r[12],
            snoozed_until=as_date(r[13]),
            archived=bool(r[14]),
            created_at=str(r[15]),
            updated_at=str(r[16]),
        )
        for r in stream(
            reader,
            "SELECT c.id, c.name, c.company, c.title, c.location, c.met_at, c.met_on, "
            "c.introduced_by_id, i.name, c.birthday_month, c.birthday_day, c.birthday_year, "
            "c.every_days, c.snoozed_until, c.archived, c.created_at, c.updated_at "
            "FROM contact c LEFT JOIN contact i ON i.id = c.introduced_by_id "
            f"WHERE {' AND '.join(where)} ORDER BY c.name, c.id",
            params,
        )
    }
    _fill_items(reader, found)
    return list(found.values())


def _fill_items(reader: Reader, found: dict[int, PersonRecord]) -> None:
    def each(sql: str) -> Iterator[tuple]:
        return (row for row in stream(reader, sql) if row[0] in found)

    for contact_id, value in each("SELECT contact_id, value FROM nickname ORDER BY id"):
        found[contact_id].nicknames.append(value)
    for contact_id, kind, value, label in each(
        "SELECT contact_id, kind, value, label FROM channel ORDER BY id"
    ):
        getattr(found[contact_id], kind + "s").append((label, value))
    for contact_id, name in each("SELECT contact_id, name FROM tag ORDER BY name, id"):
        found[contact_id].tags.append(name)
    for contact_id, kind, text, met_on in each(
        "SELECT contact_id, kind, text, met_on FROM fact ORDER BY id"
    ):
        found[contact_id].facts[kind].append(text)
        if kind == "need":
            found[contact_id].needs_met.append(as_date(met_on))
    for contact_id, date_id, label, month, day, year, once in each(
        "SELECT contact_id, id, label, month, day, year, once FROM important_date "
        "ORDER BY month, day, id"
    ):
        found[contact_id].dates.append(
            ExportDate(date_id, label, MonthDay(month, day, year), bool(once))
        )


def timeline_rows(reader: Reader, contact_id: int, since: date | None) -> Iterator[tuple]:
    """One person's interactions, oldest first: id, day, time, kind, text, others' ids."""
    return stream(
        reader,
        "SELECT i.id, i.happened_on, i.happened_time, i.kind, i.text, "
        "(SELECT group_concat(o.contact_id, ',') FROM participant o "
        " WHERE o.interaction_id = i.id AND o.contact_id != p.contact_id) "
        "FROM participant p JOIN interaction i ON i.id = p.interaction_id "
        "WHERE p.contact_id = :id AND (:since IS NULL OR p.happened_on >= :since) "
        "ORDER BY p.happened_on, i.happened_time, i.id",
        {"id": contact_id, "since": since.isoformat() if since else None},
    )


def open_followups_due(reader: Reader) -> list[OpenFollowUp]:
    """Promises not yet kept that have a due date (the calendar export's events)."""
    return [
        OpenFollowUp(r[0], r[1], r[2], as_date(r[3]) or date.min)
        for r in stream(
            reader,
            "SELECT id, contact_id, text, due_on FROM followup "
            "WHERE done_at IS NULL AND due_on IS NOT NULL ORDER BY due_on, id",
        )
    ]


def undated_open_followup_people(reader: Reader) -> list[int]:
    """The person of each promise not yet kept that has no due date (the calendar leaves it out)."""
    return [
        r[0]
        for r in stream(
            reader, "SELECT contact_id FROM followup WHERE done_at IS NULL AND due_on IS NULL"
        )
    ]


def clock(value: Any) -> str:
    """An interaction's time of day as people write it: 14:30, or 14:30:15 with seconds."""
    moment = as_time(value)
    if moment is None:
        return ""
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
