"""CSV exports: notes (one row per interaction and person) and contacts (one row per person).

Both files are UTF-8 without BOM, comma-separated, `\\r\\n` line ends, fields quoted only when
needed (Python's `csv` "excel" dialect), with a header row. Every text cell goes through
`csv_safety.neutralise_cell` unless `--raw` is given (see that module: `restore_cell` undoes it
exactly). Absent values are empty cells.

Notes (`--what notes`, the default), oldest first:

    date       YYYY-MM-DD, the day it happened
    time       HH:MM (HH:MM:SS when seconds were recorded), or empty
    person     the person's name
    person_id  the person's id in this journal
    kind       meeting | call | video | email | message | meal | event | note
    note       the note text (may hold line breaks)
    with       the other people present, by name, joined by "; " (sorted by name)
    tags       the person's tags joined by "; " (sorted)
    follow_up  promises owed to this person that came from this interaction, joined as a
               multi-valued cell (" | ", see csv_safety)

An interaction with three people gives three rows that differ in person/person_id/with/tags.

Contacts (`--what contacts`), by name; multi-valued cells use the reversible " | " scheme of
csv_safety (labelled ones as `label=value`):

    id, name, nicknames (list), company, title, location, met_at, met_on (YYYY-MM-DD),
    introduced_by (name), introduced_by_id, birthday (YYYY-MM-DD, or --MM-DD without a year),
    every_days (integer), snoozed_until (YYYY-MM-DD), archived (true|false),
    emails, phones, urls (labelled lists), tags (list),
    likes, dislikes, passions, family, needs, offers, facts (lists, one per fact kind),
    dates (labelled list: `label=YYYY-MM-DD` or `label=--MM-DD`),
    created_at, updated_at (UTC, `YYYY-MM-DD HH:MM:SS.ffffff` as stored)
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import IO

from connect_cli.formats.csv_safety import join_labelled, join_values, neutralise_cell
from connect_cli.queries import UNIT_SEPARATOR
from connect_cli.queries_export import PersonRecord, clock

NOTE_COLUMNS = ("date", "time", "person", "person_id", "kind", "note", "with", "tags", "follow_up")
CONTACT_COLUMNS = (
    "id", "name", "nicknames", "company", "title", "location", "met_at", "met_on",
    "introduced_by", "introduced_by_id", "birthday", "every_days", "snoozed_until", "archived",
    "emails", "phones", "urls", "tags", "likes", "dislikes", "passions", "family", "needs",
    "offers", "facts", "dates", "created_at", "updated_at",
)  # fmt: skip
FACT_COLUMNS = {
    "like": "likes", "dislike": "dislikes", "passion": "passions", "family": "family",
    "need": "needs", "offer": "offers", "fact": "facts",
}  # fmt: skip
PROGRESS_EVERY = 50_000

Progress = Callable[[int], None]


def _keep(text: str) -> str:
    return text


def write_notes(
    out: IO[str],
    rows: Iterable[tuple],
    people: dict[int, tuple[str, tuple[str, ...]]],
    *,
    raw: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the notes CSV from `note_rows`; returns the number of rows written."""
    safe = _keep if raw else neutralise_cell
    writer = csv.writer(out)
    writer.writerow(NOTE_COLUMNS)
    joined_tags = {cid: safe("; ".join(tags)) for cid, (_, tags) in people.items()}
    names = {cid: name for cid, (name, _) in people.items()}
    safe_names = {cid: safe(name) for cid, name in names.items()}
    count = 0
    for day, moment, contact_id, kind, text, others, promises in rows:
        with_names = (
            safe("; ".join(sorted(names[int(o)] for o in others.split(",")))) if others else ""
        )
        follow_up = safe(join_values(promises.split(UNIT_SEPARATOR))) if promises else ""
        writer.writerow(
            (
                str(day)[:10],
                clock(moment) if moment else "",
                safe_names[contact_id],
                contact_id,
                kind,
                safe(text),
                with_names,
                joined_tags[contact_id],
                follow_up,
            )
        )
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    return count


def contact_cells(person: PersonRecord) -> list[str]:
    """One person as the cells of the contacts CSV (before neutralising)."""

    def text(value: object) -> str:
        return "" if value is None else str(value)

    return [
        str(person.id), person.name, join_values(person.nicknames), text(person.company),
        text(person.title), text(person.location), text(person.met_at), text(person.met_on),
        text(person.introduced_by), text(person.introduced_by_id),
        person.birthday.isoformat() if person.birthday else "", text(person.every_days),
        text(person.snoozed_until), "true" if person.archived else "false",
        join_labelled(person.emails), join_labelled(person.phones), join_labelled(person.urls),
        join_values(person.tags),
        *(join_values(person.facts[kind]) for kind in FACT_COLUMNS),
        join_labelled([(label, when.isoformat()) for _, label, when in person.dates]),
        person.created_at, person.updated_at,
    ]  # fmt: skip


def write_contacts(out: IO[str], people: Iterable[PersonRecord], *, raw: bool = False) -> int:
    safe = _keep if raw else neutralise_cell
    writer = csv.writer(out)
    writer.writerow(CONTACT_COLUMNS)
    count = 0
    for person in people:
        writer.writerow([safe(cell) for cell in contact_cells(person)])
        count += 1
    return count
