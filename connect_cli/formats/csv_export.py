"""CSV exports: notes (one row per interaction and person) and contacts (one row per person).

Both files are UTF-8 without BOM, comma-separated, `\\r\\n` line ends, fields quoted only when
needed (Python's `csv` "excel" dialect), with a header row. Every text cell goes through
`csv_safety.neutralise_cell` unless `--raw` is given (see that module: `restore_cell` undoes it
exactly). Absent values are empty cells.

Notes (`--what notes`, the default), in the order the notes were logged (interaction id; a
spreadsheet sorts them by date — see queries_export.note_rows for why):

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
from itertools import chain
from typing import IO

from connect_cli.formats.csv_safety import (
    UNSAFE_FIRST,
    join_labelled,
    join_values,
    neutralise_cell,
)
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
BATCH = 5000  # rows formatted per write call
_END = (None,) * 7

Progress = Callable[[int], None]


def _keep(text: str) -> str:
    return text


def quoted(cell: str) -> str:
    """A cell as the csv module's "excel" dialect writes it (quotes only when needed)."""
    if '"' in cell or "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def write_notes(
    out: IO[str],
    rows: Iterable[tuple],
    people: dict[int, tuple[str, tuple[str, ...]]],
    promises: dict[tuple[int, int], list[str]],
    *,
    raw: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the notes CSV from `note_rows` (an interaction's rows consecutive); returns the count.

    The hot loop of the million-row export. Lines are built by hand rather than by csv.writer
    (2.5x faster here; `quoted` follows the same rules, so any CSV reader reads them): each
    person's cells are made once, a note alone with one person costs no function call beyond
    its f-string, and lines are written in batches.
    """
    safe = _keep if raw else neutralise_cell
    first = frozenset() if raw else UNSAFE_FIRST
    names = {cid: name for cid, (name, _) in people.items()}
    cells = {
        cid: (quoted(safe(name)), quoted(safe("; ".join(tags))))
        for cid, (name, tags) in people.items()
    }
    # what follows the date and time, and what follows the note, for a person alone
    heads = {cid: f"{name},{cid}," for cid, (name, _) in cells.items()}
    tails = {cid: f",,{tags}," for cid, (_, tags) in cells.items()}
    out.write(",".join(NOTE_COLUMNS) + "\r\n")
    batch: list[str] = []
    append = batch.append
    count = 0
    pending: tuple | None = None
    group: list[tuple] | None = None
    for row in chain(rows, (_END,)):  # _END: flush the last interaction
        if pending is not None:
            if row[5] == pending[5]:  # another person at the same interaction
                if group is None:
                    group = [pending]
                group.append(row)
                continue
            if group is not None:
                batch.extend(_group_lines(group, names, cells, promises, safe))
                group = None
            else:
                day, moment, cid, kind, text, iid, wanted = pending
                if wanted:
                    if text and text[0] in first:
                        text = safe(text)
                    if '"' in text or "," in text or "\n" in text or "\r" in text:
                        text = '"' + text.replace('"', '""') + '"'
                    owed = promises.get((cid, iid)) if promises else None
                    append(
                        f"{day},{clock(moment) if moment else ''},{heads[cid]}{kind},{text}{tails[cid]}"
                        f"{quoted(safe(join_values(owed))) if owed else ''}\r\n"
                    )
            if len(batch) >= BATCH:
                out.write("".join(batch))
                count += len(batch)
                batch.clear()
                if progress is not None:
                    progress(count)
        pending = row
    out.write("".join(batch))
    return count + len(batch)


def _group_lines(
    group: list[tuple],
    names: dict[int, str],
    cells: dict[int, tuple[str, str]],
    promises: dict[tuple[int, int], list[str]],
    safe: Callable[[str], str],
) -> list[str]:
    """The lines of one interaction with several people: each names the others."""
    lines = []
    for day, moment, contact_id, kind, text, interaction_id, wanted in group:
        if not wanted:
            continue
        name, tags = cells[contact_id]
        others = "; ".join(sorted(names[r[2]] for r in group if r[2] != contact_id))
        owed = promises.get((contact_id, interaction_id))
        lines.append(
            f"{day},{clock(moment) if moment else ''},{name},{contact_id},{kind},"
            f"{quoted(safe(text))},{quoted(safe(others))},{tags},"
            f"{quoted(safe(join_values(owed))) if owed else ''}\r\n"
        )
    return lines


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
