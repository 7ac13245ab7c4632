"""CSV exports: notes (one row per interaction and person) and contacts (one row per person).

Both files are UTF-8 without BOM, comma-separated, `\\r\\n` line ends, fields quoted only when
needed (Python's `csv` "excel" dialect), with a header row. Every text cell goes through
`csv_safety.neutralise_cell` unless `--raw` is given (see that module: `restore_cell` undoes it
exactly). Absent values are empty cells.

Notes (`--what notes`, the default), in the order the notes were logged (interaction id; a
spreadsheet sorts them by date — see queries_export.note_chunks for why):

    date       YYYY-MM-DD, the day it happened
    time       HH:MM (HH:MM:SS when seconds were recorded), or empty
    person     the person's name
    person_id  the person's id in this journal
    kind       meeting | call | video | email | message | meal | event | note
    note       the note text (may hold line breaks)
    with       the other people present, by name, joined by "; " (sorted by name); inside a
               name `;` is written `\\;` and `\\` is written `\\\\` (csv_safety.join_names)
    tags       the person's tags joined the same way (sorted)
    follow_up  promises owed to this person that came from this interaction, joined as a
               multi-valued cell (" | ", see csv_safety)
    follow_up_due   each of those promises' due day (YYYY-MM-DD, or empty when it has none),
               in the same order and joined the same way; an empty cell when none has one
    follow_up_done  the day each was kept (YYYY-MM-DD, the UTC day), or empty while it is open;
               likewise an empty cell when none was kept

The two follow_up_* columns were added after the others; a file without them imports its
promises as open and undated. Promises not made at a note (`connect add --follow-up`) have no
row here: the export says how many it left out (the JSON export keeps them).

An interaction with three people gives three rows that differ in person/person_id/with/tags.

Contacts (`--what contacts`), by name; multi-valued cells use the reversible " | " scheme of
csv_safety (labelled ones as `label=value`):

    id, name, nicknames (list), company, title, location, met_at, met_on (YYYY-MM-DD),
    introduced_by (name), introduced_by_id, birthday (YYYY-MM-DD, or --MM-DD without a year),
    every_days (integer), snoozed_until (YYYY-MM-DD), archived (true|false),
    emails, phones, urls (labelled lists), tags (list),
    likes, dislikes, passions, family, needs, offers, facts (lists, one per fact kind),
    dates (labelled list: `label=YYYY-MM-DD` or `label=--MM-DD`),
    created_at, updated_at (UTC, `YYYY-MM-DD HH:MM:SS.ffffff` as stored),
    needs_met (the day each need in `needs` was met, YYYY-MM-DD, or empty while it is open, in
    the same order and joined the same way; an empty cell when none was met — issue #16)

needs_met was added after the others; a file without it imports every need as open.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterable
from datetime import date
from itertools import islice
from typing import IO

from connect_cli.domain.bulk import cycle_collector_paused
from connect_cli.formats.csv_safety import (
    UNSAFE_FIRST,
    join_labelled,
    join_names,
    join_values,
    neutralise_cell,
)
from connect_cli.read.export import NotePromise, PersonRecord, clock

# Written first by `export --excel`: without it the common spreadsheet program reads a CSV as
# the system's legacy code page and shows "ZoÃ«" for "Zoë". Rows always end CRLF (RFC 4180).
BYTE_ORDER_MARK = "\ufeff"
NOTE_COLUMNS = ("date", "time", "person", "person_id", "kind", "note", "with", "tags",
                "follow_up", "follow_up_due", "follow_up_done")  # fmt: skip
CONTACT_COLUMNS = (
    "id", "name", "nicknames", "company", "title", "location", "met_at", "met_on",
    "introduced_by", "introduced_by_id", "birthday", "every_days", "snoozed_until", "archived",
    "emails", "phones", "urls", "tags", "likes", "dislikes", "passions", "family", "needs",
    "offers", "facts", "dates", "created_at", "updated_at", "needs_met",
)  # fmt: skip
FACT_COLUMNS = {
    "like": "likes", "dislike": "dislikes", "passion": "passions", "family": "family",
    "need": "needs", "offer": "offers", "fact": "facts",
}  # fmt: skip
BATCH = 5000  # rows read, formatted and written at a time

Progress = Callable[[int], None]


def _keep(text: str) -> str:
    return text


def quoted(cell: str) -> str:
    """A cell as the csv module's "excel" dialect writes it (quotes only when needed)."""
    if '"' in cell or "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


@cycle_collector_paused()
def write_notes(
    out: IO[str],
    rows: Iterable[tuple],
    people: dict[int, tuple[str, tuple[str, ...]]],
    promises: dict[tuple[int, int], list[NotePromise]],
    *,
    only: Collection[int] | None = None,
    raw: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the notes CSV from `note_chunks` rows; returns the count of lines written.

    `only`: the people whose rows are written (a tag filter); the others still appear in `with`.

    The hot loop of the million-row export, so a row costs as little Python as possible. Lines
    are built by hand, not by csv.writer (2.5x faster; `quoted` follows the same rules). Each
    person's cells are made once. A row is first written as if its person were alone at the
    note; when the next row turns out to be the same interaction (an interaction's rows are
    consecutive), that line is taken back and `_group_lines` writes the whole group. So the last
    line is held back at each batch write until the next row says whether it was alone.
    """
    safe = _keep if raw else neutralise_cell
    first = frozenset() if raw else UNSAFE_FIRST
    names = {cid: name for cid, (name, _) in people.items()}
    cells = {
        cid: (quoted(safe(name)), quoted(safe(join_names(tags))), quoted(safe(join_names((name,)))))
        for cid, (name, tags) in people.items()
    }
    shown = cells if only is None else {cid: cells[cid] for cid in only if cid in cells}
    # What follows the time, and what follows the note, when alone (None: a person not written).
    heads = {cid: f",{name},{cid}," if cid in shown else None for cid, (name, *_) in cells.items()}
    tails = {cid: f",,{tags}," for cid, (_, tags, _) in cells.items()}
    plain = {cid: f"{tail},,\r\n" for cid, tail in tails.items()}  # a row without promises
    owed_cells = {key: promise_cells(owed, safe) for key, owed in promises.items() if owed}
    promised = {interaction_id for _, interaction_id in owed_cells}
    clocks: dict[str, str] = {}
    out.write(",".join(NOTE_COLUMNS) + "\r\n")
    count = 0
    lines: list[str] = []
    append = lines.append
    last: tuple = (None,) * 6  # the previous row
    last_id = None  # its interaction
    group: list[tuple] | None = None  # the rows of an interaction with several people
    source = iter(rows)
    while batch := list(islice(source, BATCH)):
        for row in batch:
            day, moment, cid, kind, text, iid = row
            if iid == last_id:  # another person at the same interaction
                if group is None:
                    group = [last]
                    if heads[last[2]] is not None:
                        lines.pop()  # its line was written as if alone
                group.append(row)
                continue
            if group is not None:
                lines.extend(_group_lines(group, names, cells, shown, owed_cells, safe))
                group = None
            last, last_id = row, iid
            head = heads[cid]
            if head is None:  # not wanted
                continue
            if text and text[0] in first:
                text = safe(text)
            if '"' in text or "," in text or "\n" in text or "\r" in text:
                text = '"' + text.replace('"', '""') + '"'
            moment = (clocks.get(moment) or _clock(clocks, moment)) if moment else ""
            if iid in promised and (owed := owed_cells.get((cid, iid))):
                append(f"{day},{moment}{head}{kind},{text}{tails[cid]}{owed}\r\n")
            else:
                append(f"{day},{moment}{head}{kind},{text}{plain[cid]}")
        # the last line may yet turn out to be part of a group: hold it back
        keep = 1 if group is None and heads[last[2]] is not None else 0
        count += _flush(out, lines, keep, progress, count)
    if group is not None:
        lines.extend(_group_lines(group, names, cells, shown, owed_cells, safe))
    return count + _flush(out, lines, 0, None, count)


def _flush(out: IO[str], lines: list[str], keep: int, progress: Progress | None, done: int) -> int:
    """Write all lines but the last `keep` in one call; returns how many were written."""
    written = len(lines) - keep
    out.write("".join(lines[:written]))
    del lines[:written]
    if progress is not None:
        progress(done + written)
    return written


def promise_cells(owed: list[NotePromise], safe: Callable[[str], str]) -> str:
    """The follow_up, follow_up_due and follow_up_done cells of one person at one note."""
    if len(owed) == 1:  # the usual case, made with less Python (one per promise of the journal)
        text, due, done = owed[0]
        return f"{quoted(safe(join_values((text,))))},{due or ''},{done or ''}"
    dues = [promise.due_on or "" for promise in owed]
    dones = [promise.done_on or "" for promise in owed]
    return ",".join(
        (
            quoted(safe(join_values([promise.text for promise in owed]))),
            join_values(dues) if any(dues) else "",
            join_values(dones) if any(dones) else "",
        )
    )


def _clock(known: dict[str, str], moment: str) -> str:
    """`clock`, remembered by stored value (a journal has few distinct times of day)."""
    shown = clock(moment)
    if len(known) < 100_000:
        known[moment] = shown
    return shown


def _group_lines(
    group: list[tuple],
    names: dict[int, str],
    cells: dict[int, tuple[str, str, str]],
    wanted: Collection[int],
    owed_cells: dict[tuple[int, int], str],
    safe: Callable[[str], str],
) -> list[str]:
    """The lines of one interaction with several people: each names the others.

    The rows share the interaction (day, time, kind, note), so its cells are made once; with
    two people (the usual group) each one's `with` is the other's `with` cell, already made.
    """
    day, moment, _, kind, text, interaction_id = group[0]
    before = f"{day},{clock(moment) if moment else ''},"
    after = f",{kind},{quoted(safe(text))},"
    if len(group) == 2:
        first, second = group[0][2], group[1][2]
        present = [(first, cells[second][2]), (second, cells[first][2])]
    else:
        people = [row[2] for row in group]
        present = [
            (me, quoted(safe(join_names(sorted(names[cid] for cid in people if cid != me)))))
            for me in people
        ]
    lines = []
    for me, others in present:
        if me in wanted:
            name, tags, _ = cells[me]
            owed = owed_cells.get((me, interaction_id)) if owed_cells else None
            lines.append(f"{before}{name},{me}{after}{others},{tags},{owed or ',,'}\r\n")
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
        join_labelled([(d.label, d.when.isoformat() + (" once" if d.once else "")) for d in person.dates]),
        person.created_at, person.updated_at, needs_met_cell(person.needs_met),
    ]  # fmt: skip


def needs_met_cell(days: list[date | None]) -> str:
    """The needs_met cell: each need's met day in `needs` order; empty when none was met."""
    if not any(days):
        return ""
    return join_values([day.isoformat() if day else "" for day in days])


def write_contacts(out: IO[str], people: Iterable[PersonRecord], *, raw: bool = False) -> int:
    safe = _keep if raw else neutralise_cell
    writer = csv.writer(out)
    writer.writerow(CONTACT_COLUMNS)
    count = 0
    for person in people:
        writer.writerow([safe(cell) for cell in contact_cells(person)])
        count += 1
    return count
