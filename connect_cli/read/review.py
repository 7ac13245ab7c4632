"""The SQL of `review`: what happened in a window of days, each list bounded by that window.

Interactions are found through the index on interaction(happened_on), kept promises through
followup(done_at, due_on); standing uses the same SINCE and ELIGIBLE rules as `today`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from connect_cli.journal.sqlite import Reader
from connect_cli.read.models import PersonRef
from connect_cli.read.people import as_date
from connect_cli.read.standing import ELIGIBLE, SINCE


@dataclass
class TalkedTo:
    person: PersonRef
    kinds: dict[str, int] = field(default_factory=dict)  # interaction kind -> how many


@dataclass(frozen=True)
class PromiseDone:
    id: int
    person: PersonRef
    text: str
    due_on: date | None
    kept_on: date | None  # the UTC day it was marked kept; None if still open


@dataclass(frozen=True)
class Drifted:
    person: PersonRef
    every_days: int
    due_on: date  # the day their rhythm came round
    overdue_days: int


def _iso(day: date) -> str:
    return day.isoformat()


def talked_to(reader: Reader, start: date, end: date) -> list[TalkedTo]:
    """Everyone you had an interaction with in [start, end], by name, with counts by kind."""
    rows = reader.rows(
        "SELECT c.id, c.name, i.kind, COUNT(*) AS n FROM interaction i "
        "JOIN participant p ON p.interaction_id = i.id JOIN contact c ON c.id = p.contact_id "
        "WHERE i.happened_on BETWEEN :start AND :end "
        "GROUP BY c.id, i.kind ORDER BY c.name COLLATE NOCASE, c.id, i.kind",
        {"start": _iso(start), "end": _iso(end)},
    )
    people: dict[int, TalkedTo] = {}
    for r in rows:
        entry = people.setdefault(r["id"], TalkedTo(PersonRef(r["id"], r["name"])))
        entry.kinds[r["kind"]] = r["n"]
    return list(people.values())


def _promise(r: Any) -> PromiseDone:
    kept = r["done_at"]
    return PromiseDone(
        r["id"],
        PersonRef(r["contact_id"], r["name"]),
        r["text"],
        as_date(r["due_on"]),
        date.fromisoformat(str(kept)[:10]) if kept else None,
    )


PROMISE = (
    "SELECT f.id, f.text, f.due_on, f.done_at, c.id AS contact_id, c.name "
    "FROM followup f JOIN contact c ON c.id = f.contact_id "
)


def promises_kept(reader: Reader, start: date, end: date) -> list[PromiseDone]:
    """Promises marked kept on a (UTC) day in [start, end], in the order they were kept."""
    rows = reader.rows(
        PROMISE + "WHERE f.done_at >= :start AND f.done_at < :after ORDER BY f.done_at, f.id",
        {"start": _iso(start), "after": _iso(end + timedelta(days=1))},
    )
    return [_promise(r) for r in rows]


def promises_missed(reader: Reader, start: date, end: date) -> list[PromiseDone]:
    """Promises due on a day in [start, end) that were not kept by the end of that day: a
    promise due on `end` (today) can still be kept."""
    rows = reader.rows(
        PROMISE + "WHERE c.archived = 0 AND f.due_on >= :start AND f.due_on < :end "
        "AND (f.done_at IS NULL OR date(f.done_at) > f.due_on) "
        "ORDER BY f.due_on, f.id",
        {"start": _iso(start), "end": _iso(end)},
    )
    return [_promise(r) for r in rows]


def people_met(reader: Reader, start: date, end: date) -> list[PersonRef]:
    """People met in [start, end]: by their met-on day, else the (UTC) day they were added."""
    rows = reader.rows(
        "SELECT id, name FROM contact WHERE archived = 0 "
        "AND COALESCE(met_on, date(created_at)) BETWEEN :start AND :end "
        "ORDER BY COALESCE(met_on, date(created_at)), name COLLATE NOCASE, id",
        {"start": _iso(start), "end": _iso(end)},
    )
    return [PersonRef(r["id"], r["name"]) for r in rows]


# SQLite: julianday() differences and date(day, '+N days') as in read/daily.py.
# SQLite: julianday() differences and date(day, '+N days') as in read/daily.py. MATERIALIZED:
# each person's last touch is looked up once (a flattened subquery re-runs it per use).
DRIFTED = f"""
WITH standing AS MATERIALIZED (
    SELECT c.id, c.name, c.every_days, {SINCE} AS since FROM contact c WHERE {ELIGIBLE}
), late AS MATERIALIZED (
    SELECT *, CAST(julianday(:today) - julianday(since) AS INTEGER) - every_days AS overdue_days
    FROM standing
)
SELECT id, name, every_days, date(since, '+' || every_days || ' days') AS due_on, overdue_days
FROM late
WHERE overdue_days BETWEEN 0 AND :days - 1
ORDER BY due_on, name COLLATE NOCASE, id
"""


def drifted(reader: Reader, today: date, days: int) -> list[Drifted]:
    """People whose rhythm came round in the last `days` days (today included) with no touch
    since: they drifted past it in this window and are overdue now."""
    rows = reader.rows(DRIFTED, {"today": _iso(today), "days": days})
    return [
        Drifted(
            PersonRef(r["id"], r["name"]),
            r["every_days"],
            date.fromisoformat(r["due_on"]),
            r["overdue_days"],
        )
        for r in rows
    ]
