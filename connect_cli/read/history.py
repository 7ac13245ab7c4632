"""A history across everyone (`connect history`): interactions newest first, each with everyone
who took part; filtered by day, kind and person in SQL, read a chunk at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from typing import Any, NamedTuple

from connect_cli.journal import day_counts
from connect_cli.journal.sqlite import Reader
from connect_cli.read.people import as_date, as_time

CHUNK = 500  # interactions read (and their people looked up) at a time


class HistoryFilter(NamedTuple):
    since: date | None = None
    kind: str | None = None
    person_ids: tuple[int, ...] = ()  # only interactions with all of these people


class HistoryItem(NamedTuple):
    id: int
    on: date
    at: time | None
    kind: str
    text: str
    people: tuple[str, ...]  # everyone who took part, by name


def _where(wanted: HistoryFilter) -> tuple[str, dict[str, Any]]:
    where: list[str] = ["1 = 1"]
    params: dict[str, Any] = {}
    if wanted.since is not None:
        where.append("i.happened_on >= :since")
        params["since"] = wanted.since.isoformat()
    if wanted.kind is not None:
        where.append("i.kind = :kind")
        params["kind"] = wanted.kind
    for n, person in enumerate(wanted.person_ids):
        where.append(
            f"EXISTS (SELECT 1 FROM participant p{n} WHERE p{n}.interaction_id = i.id "
            f"AND p{n}.contact_id = :person{n})"
        )
        params[f"person{n}"] = person
    return " AND ".join(where), params


def each_history_item(
    reader: Reader, wanted: HistoryFilter, limit: int | None = None
) -> Iterator[HistoryItem]:
    """The interactions `wanted` names, newest first (at most `limit`)."""
    where, params = _where(wanted)
    sql = (
        "SELECT i.id, i.happened_on, i.happened_time, i.kind, i.text FROM interaction i "
        f"WHERE {where} ORDER BY i.happened_on DESC, i.happened_time DESC, i.id DESC"
        + (" LIMIT :limit" if limit is not None else "")
    )
    for chunk in reader.chunks(sql, {**params, "limit": limit}, CHUNK):
        names = _people(reader, [row[0] for row in chunk])
        for row in chunk:
            yield HistoryItem(
                id=row[0],
                on=as_date(row[1]) or date.min,
                at=as_time(row[2]),
                kind=row[3],
                text=row[4],
                people=tuple(names.get(row[0], ())),
            )


def count_history(reader: Reader, wanted: HistoryFilter) -> int:
    """How many interactions `wanted` names. Without people, a sum of the stored counts per day
    and kind (journal/day_counts.py: a few thousand rows at most, at any journal size); with
    people, or without the stored counts, a COUNT over the interactions (with people, over
    their participant rows first)."""
    if not wanted.person_ids and day_counts.present(reader):
        return _sum_day_counts(reader, wanted)
    where, params = _where(wanted)
    return int(reader.rows(f"SELECT count(*) FROM interaction i WHERE {where}", params)[0][0])


def _sum_day_counts(reader: Reader, wanted: HistoryFilter) -> int:
    where, params = ["1 = 1"], {}
    if wanted.since is not None:
        where.append("happened_on >= :since")
        params["since"] = wanted.since.isoformat()
    if wanted.kind is not None:
        where.append("kind = :kind")
        params["kind"] = wanted.kind
    sql = f"SELECT COALESCE(SUM(n), 0) FROM interaction_day_count WHERE {' AND '.join(where)}"
    return int(reader.rows(sql, params)[0][0])


def _people(reader: Reader, ids: list[int]) -> dict[int, list[str]]:
    marks = ", ".join(f":id{n}" for n in range(len(ids)))
    found: dict[int, list[str]] = {}
    for row in reader.rows(
        "SELECT p.interaction_id, c.name FROM participant p JOIN contact c ON c.id = p.contact_id "
        f"WHERE p.interaction_id IN ({marks}) ORDER BY c.name COLLATE NOCASE",
        {f"id{n}": i for n, i in enumerate(ids)},
    ):
        found.setdefault(row[0], []).append(row[1])
    return found


def interaction_text(reader: Reader, interaction_id: int) -> str | None:
    """The note of one interaction (None: there is no such interaction)."""
    rows = reader.rows("SELECT text FROM interaction WHERE id = :id", {"id": interaction_id})
    return str(rows[0][0]) if rows else None


def history_item(reader: Reader, interaction_id: int) -> HistoryItem | None:
    """Interaction #id with everyone who took part (None: there is no such interaction)."""
    rows = reader.rows(
        "SELECT i.id, i.happened_on, i.happened_time, i.kind, i.text FROM interaction i "
        "WHERE i.id = :id",
        {"id": interaction_id},
    )
    if not rows:
        return None
    row = rows[0]
    people = _people(reader, [interaction_id]).get(interaction_id, [])
    on = as_date(row[1]) or date.min
    return HistoryItem(row[0], on, as_time(row[2]), row[3], row[4], tuple(people))
