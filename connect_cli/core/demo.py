"""`connect demo`: fill an empty journal with realistic synthetic people and years of history.

Speed is the point (10k people / 1M interactions within 90 s, shared/BUDGETS.md), so:
- one transaction (write_session's BEGIN IMMEDIATE): killed halfway, nothing is kept;
- rows go through the one bulk writer (write/bulk_rows.py: the driver's executemany on that
  session's connection, columns and stored forms from the table definitions); no ORM object is
  ever built (`session.add_all` is ~4x slower, Core `insert()` ~1.7x slower measured here);
- interactions are generated lazily in chunks, so memory stays bounded whatever the size;
- every value is drawn from one `random.Random(seed)` relative to the pinned today: the same seed
  gives the same journal, row for row.
The history's few thousand distinct days and instants are put in their stored form once
(`stored_form`), not once per row. On a PostgreSQL journal the same rows go through the bulk
writer's server half, ids from the sequences (issue #19), its triggers working per row.
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate, chain
from typing import Any

from connect_cli.domain import demo_words as w
from connect_cli.domain.demo_people import (
    HISTORY_DAYS,
    REDRAWS,
    PeopleMaker,
    Person,
    followup_rows,
)
from connect_cli.domain.errors import InputError
from connect_cli.journal.sqlite import JournalLocation
from connect_cli.write.bulk_load import fresh_load

CHUNK = 50_000  # interactions per executemany: big enough to be fast, small enough to stay lean
MAX_CONTACTS = 100_000
MAX_INTERACTIONS = 10_000_000
GROUP_SHARE = 0.1  # about one interaction in ten has two or three people
# Every table demo writes: their indexes and insert triggers wait until the rows are in.
LOADED = (
    "contact", "fact", "channel", "tag", "important_date", "nickname", "followup",
    "interaction", "participant",
)  # fmt: skip

Progress = Callable[[int], None]  # called with the number of interactions written so far
Insert = Callable[..., int]  # (table, rows, stored=False) -> rows written (write/bulk_rows.py)
Stored = Callable[[str, str], Callable[[Any], Any]]  # (table, column) -> value's stored form


class JournalNotEmpty(InputError):
    def __init__(self) -> None:
        super().__init__(
            "This journal already holds people, and demo only fills an empty one; "
            "try it on a new file, e.g. `connect --db demo.db demo`."
        )


@dataclass(frozen=True)
class DemoSummary:
    people: int
    archived: int
    facts: int
    channels: int
    tags: int
    dates: int
    interactions: int
    participants: int
    followups: int
    open_followups: int


def check_sizes(contacts: int, interactions: int) -> None:
    if not 1 <= contacts <= MAX_CONTACTS:
        raise InputError(f"--contacts must be between 1 and {MAX_CONTACTS:,}; try 200.")
    if not 0 <= interactions <= MAX_INTERACTIONS:
        raise InputError(f"--interactions must be between 0 and {MAX_INTERACTIONS:,}; try 2000.")


def fill_demo(
    location: JournalLocation,
    *,
    contacts: int,
    interactions: int,
    seed: int,
    today: date,
    progress: Progress | None = None,
    bulk: bool = True,
) -> DemoSummary:
    """Fill the (empty) journal; all of it is written, or nothing (`bulk`: see write_demo)."""
    check_sizes(contacts, interactions)
    from connect_cli.write.bulk_rows import insert_rows, stored_form
    from connect_cli.write.session import write_session

    with write_session(location, create=True) as session:
        connection = session.connection()
        on_sqlite = connection.dialect.name == "sqlite"
        cursor = connection.connection.cursor()

        def insert(name: str, rows: Iterable[Any], stored: bool = False) -> int:
            if not on_sqlite:  # a server: rows without an id take one from the sequence
                return _insert_by_sequence(connection, name, rows)
            return insert_rows(connection, name, rows, batch=CHUNK, stored=stored)

        try:
            with nullcontext() if on_sqlite else _last_contact_once(cursor):
                return write_demo(
                    cursor,
                    insert=insert,
                    stored=lambda name, column: stored_form(name, column, connection.dialect),
                    contacts=contacts,
                    interactions=interactions,
                    seed=seed,
                    today=today,
                    progress=progress,
                    bulk=bulk and on_sqlite,  # fresh_load is SQLite's (see _last_contact_once)
                )
        finally:
            cursor.close()


@contextmanager
def _last_contact_once(cursor: Any) -> Iterator[None]:
    """On a server, the last-contact trigger paused for the load and its rule run once after
    (journal/last_contact.py): per row it was most of the demo's time (~150 s for 100k rows).
    ALTER TABLE is transactional there: a load that fails leaves the trigger as it was."""
    from connect_cli.journal.last_contact import BACKFILL

    cursor.execute("ALTER TABLE participant DISABLE TRIGGER participant_last_contact")
    yield
    cursor.execute("ALTER TABLE participant ENABLE TRIGGER participant_last_contact")
    cursor.execute(BACKFILL)


def _insert_by_sequence(connection: Any, name: str, rows: Iterable[Any]) -> int:
    """The bulk writer on a server journal (write/pg_bulk.py): rows whose id is None are written
    without it, so the table's sequence gives it (in row order, as SQLite's rowid would); rows
    with ids keep them, and the bulk writer then moves the sequence past them."""
    from connect_cli.write.bulk_rows import insert_rows, table

    names = tuple(table(name).c.keys())
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return 0
    whole = chain([first], iterator)
    if names[0] == "id" and first[0] is None:
        return insert_rows(connection, name, (row[1:] for row in whole), names[1:], batch=CHUNK)
    return insert_rows(connection, name, whole, batch=CHUNK)


def write_demo(
    cursor: Any,
    *,
    insert: Insert,
    stored: Stored,
    contacts: int,
    interactions: int,
    seed: int,
    today: date,
    progress: Progress | None = None,
    bulk: bool = True,
) -> DemoSummary:
    """Write the demo journal's rows through `insert` on `cursor`'s transaction. `bulk=False`
    keeps every index and trigger working per row, as any other write does: the tests compare
    the two journals to prove the bulk path leaves exactly the same content."""
    if cursor.execute("SELECT 1 FROM contact LIMIT 1").fetchone():
        raise JournalNotEmpty()
    rng = random.Random(seed)
    maker = PeopleMaker(rng, today)
    people = [maker.make(index + 1, index) for index in range(contacts)]
    first_id = cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM interaction").fetchone()[0]
    # Indexes, search and last contact are brought up to date once, after the rows are in
    # (write/bulk_load.py): per row, they were most of a 100k/10M demo and grew with it.
    with fresh_load(cursor, LOADED) if bulk else nullcontext():
        counts = _write_people(insert, people)
        followups = followup_rows(rng, people, today)
        insert("followup", [(None, *row) for row in followups])
        chunks = history_chunks(rng, people, interactions, today, first_id, _Stamps(stored))
        written, participants = _write_history(insert, chunks, progress)
    return DemoSummary(
        people=len(people),
        archived=sum(1 for p in people if p.row[13]),
        interactions=written,
        participants=participants,
        followups=len(followups),
        open_followups=sum(1 for f in followups if f[4] is None),
        **counts,
    )


def _write_history(
    insert: Insert,
    chunks: Iterator[tuple[list[tuple[Any, ...]], list[tuple[int, int, str]]]],
    progress: Progress | None,
) -> tuple[int, int]:
    written = participants = 0
    for chunk, chunk_participants in chunks:
        written += insert("interaction", chunk, stored=True)  # history_chunks made them stored
        participants += insert("participant", chunk_participants, stored=True)
        if progress:
            progress(written)
    return written, participants


def _write_people(insert: Insert, people: list[Person]) -> dict[str, int]:
    insert("contact", (p.row for p in people))
    facts = [
        (None, p.id, kind, text, p.row[14], None, None) for p in people for kind, text in p.facts
    ]  # met_on, met_by_id: every need starts open
    channels = [(None, p.id, *channel) for p in people for channel in p.channels]
    tags = [(None, p.id, tag) for p in people for tag in p.tags]
    dates = [(None, p.id, *item, False) for p in people for item in p.dates]  # yearly, not once
    nicknames = [(None, p.id, p.nickname) for p in people if p.nickname]
    for name, rows in (
        ("fact", facts),
        ("channel", channels),
        ("tag", tags),
        ("important_date", dates),
        ("nickname", nicknames),
    ):
        insert(name, rows)
    return {"facts": len(facts), "channels": len(channels), "tags": len(tags), "dates": len(dates)}


@dataclass(frozen=True)
class _Stamps:
    """The stored form of the history's days, times of day and instants, each made once by the
    bulk writer's rule for its column (a million rows share a few thousand values)."""

    stored: Stored

    def days(self, days: list[date]) -> list[Any]:
        as_day = self.stored("interaction", "happened_on")
        return [as_day(day) for day in days]

    def instants(self, days: list[date], clock: time) -> list[Any]:
        as_instant = self.stored("interaction", "created_at")
        return [as_instant(datetime.combine(day, clock, tzinfo=UTC)) for day in days]

    def times(self, times: Iterable[str]) -> list[Any]:
        as_time = self.stored("interaction", "happened_time")
        return [as_time(time.fromisoformat(t)) for t in times]


def _kind_wheel() -> list[str]:
    """Interaction kinds repeated by weight: one random index picks a weighted kind cheaply."""
    return [kind for kind, weight in w.KIND_WEIGHTS.items() for _ in range(weight)]


def history_chunks(
    rng: random.Random,
    people: list[Person],
    count: int,
    today: date,
    first_id: int,
    stamps: _Stamps,
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[int, int, str]]]]:
    """(interactions, participants) in chunks of CHUNK interactions, oldest first.

    Who and which day are drawn first into one compact array per day (4 bytes an interaction),
    then the rows are made day by day: ids rise with time as in a real journal, and the date
    indexes are appended to rather than split in the middle. Rows exist only a chunk at a time.
    This is the demo's hot path (a million turns): locals only, one list lookup per choice.
    """
    start = today - timedelta(days=HISTORY_DAYS)
    calendar = [start + timedelta(days=n) for n in range(HISTORY_DAYS + 1)]
    days = stamps.days(calendar)
    created = stamps.instants(calendar, time(20, 0))
    times = stamps.times(w.TIMES)
    kinds = _kind_wheel()
    openers = {kind: list(texts) for kind, texts in w.OPENERS.items()}
    random_, n_people, n_kinds, n_times = rng.random, len(people), len(kinds), len(times)
    interaction_id = first_id
    chunk: list[tuple[Any, ...]] = []
    participants: list[tuple[int, int, str]] = []
    for day, who in enumerate(_who_on_each_day(rng, people, count)):
        on, made = days[day], created[day]
        for index in who:
            person = people[index]
            kind = kinds[int(random_() * n_kinds)]
            lead = openers[kind]
            topics = person.topics
            text = f"{lead[int(random_() * len(lead))]}; {topics[int(random_() * len(topics))]}."
            at = times[int(random_() * n_times)] if random_() < 0.3 else None
            chunk.append((interaction_id, on, at, kind, text, made))
            participants.append((interaction_id, person.id, on))
            if random_() < GROUP_SHARE and n_people > 1:
                for other in _others(rng, person.id, n_people):
                    participants.append((interaction_id, other, on))
            interaction_id += 1
            if len(chunk) >= CHUNK:
                yield chunk, participants
                chunk, participants = [], []
    if chunk:
        yield chunk, participants


def _who_on_each_day(rng: random.Random, people: list[Person], count: int) -> list[array[int]]:
    """For each day of the history, the people (by index) an interaction that day is with;
    busier people are drawn more often, each within their own window of days."""
    by_day = [array("i") for _ in range(HISTORY_DAYS + 1)]
    cumulative = list(accumulate(p.weight for p in people))
    total, random_ = cumulative[-1], rng.random
    windows = [p.window for p in people]
    for _ in range(count):
        index = bisect(cumulative, random_() * total)
        low, high = windows[index]
        by_day[low + int(random_() * (high - low + 1))].append(index)
    return by_day


def _others(rng: random.Random, main_id: int, n_people: int) -> set[int]:
    """One or two other people at the same table (ids are 1..n_people).

    Each is drawn up to REDRAWS times; if every draw hits someone already at the table, the
    next free id after the last draw (wrapping round) sits down: a bounded number of steps, never
    a wait for a lucky draw, and the same people as the old draw-until-free loop in practice.
    """
    wanted = min(rng.choice((1, 2)), n_people - 1)
    others: set[int] = set()
    for _ in range(wanted):
        taken = {main_id, *others}
        other = 0
        for _ in range(REDRAWS):
            other = rng.randint(1, n_people)
            if other not in taken:
                break
        others.add(next_free_id(other, taken, n_people))
    return others


def next_free_id(drawn: int, taken: set[int], n_people: int) -> int:
    """`drawn`, or the first id after it (wrapping round 1..n_people) not in `taken`."""
    for step in range(n_people):
        candidate = (drawn - 1 + step) % n_people + 1
        if candidate not in taken:
            return candidate
    raise ValueError("everyone is taken")  # callers ask for fewer than n_people
