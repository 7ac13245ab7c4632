"""The SQL of `today`, `followups` and `done`, mapped into read models (views_daily.py).

The ranking runs entirely in SQL: last touch per person is the stored contact.last_contact_on
(LAST_TOUCH, kept by triggers: journal/last_contact.py), and the ORDER BY and LIMIT happen in the
database, so no interaction is ever loaded into Python. Personal hooks are fetched afterwards, only
for the few rows shown.

SQLite-specific date arithmetic lives in this module only (marked "SQLite:"): `julianday()` for
day differences and `date(x, '+N days')` for adding days. A PostgreSQL journal would use
`(CAST(:today AS date) - since)` and `since + every_days` in their place.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from connect_cli.domain.errors import InputError
from connect_cli.domain.yearly_dates import MonthDay, age_on, next_occurrence
from connect_cli.journal.sqlite import Reader
from connect_cli.read.daily_models import ComingDate, Hook, NextDue, PromiseRow, ReconnectRow
from connect_cli.read.models import PersonRef
from connect_cli.read.people import as_date
from connect_cli.read.standing import ELIGIBLE, LAST_TOUCH, SINCE

# SQLite: julianday() difference of two ISO days is a whole number of days. The window count
# is everyone due before the LIMIT, at no extra cost: `today` says how many more there are.
RECONNECT = f"""
SELECT id, name, every_days, last_touch, days_since,
       days_since - every_days AS overdue_days,
       CAST(days_since AS REAL) / every_days AS overdue_ratio,
       COUNT(*) OVER () AS due_in_all
FROM (
    SELECT c.id, c.name, c.every_days, {LAST_TOUCH} AS last_touch,
           CAST(julianday(:today) - julianday({SINCE}) AS INTEGER) AS days_since
    FROM contact c
    WHERE {ELIGIBLE}
) AS standing
WHERE days_since >= every_days
ORDER BY overdue_ratio DESC, overdue_days DESC, name COLLATE NOCASE, id
LIMIT :limit
"""

# SQLite: date(day, '+N days'); MAX(a, b) with two arguments is the larger ISO day.
NEXT_DUE = f"""
SELECT id, name, MAX(due, COALESCE(snoozed_until, due)) AS next_on
FROM (
    SELECT c.id, c.name, c.snoozed_until,
           date({SINCE}, '+' || c.every_days || ' days') AS due
    FROM contact c
    WHERE c.every_days IS NOT NULL AND c.archived = 0
) AS upcoming
ORDER BY next_on, name COLLATE NOCASE, id
LIMIT 1
"""

HOOK_FACT = """
SELECT kind, text FROM fact
WHERE contact_id = :id AND kind IN ('need', 'passion', 'family', 'like') AND trim(text) <> ''
  AND met_on IS NULL
ORDER BY CASE kind WHEN 'need' THEN 0 WHEN 'passion' THEN 1 WHEN 'family' THEN 2 ELSE 3 END,
         id DESC
LIMIT 1
"""

# Same order as a person's timeline: newest day, then time, then the one logged last.
LAST_INTERACTION = """
SELECT i.kind, i.text FROM participant p JOIN interaction i ON i.id = p.interaction_id
WHERE p.contact_id = :id {extra}
ORDER BY p.happened_on DESC, i.happened_time DESC, i.id DESC
LIMIT 1
"""

PROMISE_COLUMNS = (
    "SELECT f.id, f.text, f.due_on, f.done_at, c.id AS contact_id, c.name "
    "FROM followup f JOIN contact c ON c.id = f.contact_id "
)


def _iso(day: date) -> str:
    return day.isoformat()


def as_utc(value: Any) -> datetime | None:
    """A stored instant (naive text in SQLite means UTC) as an aware datetime."""
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def reconnect_rows(reader: Reader, today: date, limit: int) -> list[ReconnectRow]:
    """The people most overdue relative to their rhythm, at most `limit`, ranked in SQL."""
    rows = reader.rows(RECONNECT, {"today": _iso(today), "limit": limit})
    return [
        ReconnectRow(
            id=r["id"],
            name=r["name"],
            last_contact=as_date(r["last_touch"]),
            every_days=r["every_days"],
            days_since=r["days_since"],
            overdue_days=r["overdue_days"],
            overdue_ratio=r["overdue_ratio"],
            due_in_all=r["due_in_all"],
        )
        for r in rows
    ]


def next_due(reader: Reader) -> NextDue | None:
    rows = reader.rows(NEXT_DUE)
    if not rows or rows[0]["next_on"] is None:
        return None
    r = rows[0]
    return NextDue(PersonRef(r["id"], r["name"]), date.fromisoformat(r["next_on"]))


def best_fact(reader: Reader, contact_id: int) -> Hook | None:
    """An open need, else a passion, family detail or like (the newest of the first kind found)."""
    rows = reader.rows(HOOK_FACT, {"id": contact_id})
    return Hook(rows[0]["kind"], rows[0]["text"]) if rows else None


def last_interaction(reader: Reader, contact_id: int, *, with_text: bool = False) -> Any:
    """(kind, text) of the person's latest interaction (with non-empty text if asked), or None."""
    extra = "AND trim(i.text) <> ''" if with_text else ""
    rows = reader.rows(LAST_INTERACTION.format(extra=extra), {"id": contact_id})
    return rows[0] if rows else None


def active_people(reader: Reader) -> int:
    return reader.rows("SELECT COUNT(*) AS n FROM contact WHERE archived = 0")[0]["n"]


def _promise(r: Any) -> PromiseRow:
    return PromiseRow(
        id=r["id"],
        person=PersonRef(r["contact_id"], r["name"]),
        text=r["text"],
        due_on=as_date(r["due_on"]),
        done_at=as_utc(r["done_at"]),
    )


def promises_due(reader: Reader, until: date) -> list[PromiseRow]:
    """Open, dated promises due on or before `until` (overdue ones included), oldest due first."""
    rows = reader.rows(
        PROMISE_COLUMNS + "WHERE f.done_at IS NULL AND f.due_on IS NOT NULL "
        "AND f.due_on <= :until AND c.archived = 0 ORDER BY f.due_on, f.id",
        {"until": _iso(until)},
    )
    return [_promise(r) for r in rows]


# Open promises soonest due first, undated last; then kept ones, most recently kept first.
PROMISE_ORDER = (
    "f.done_at IS NOT NULL, CASE WHEN f.done_at IS NULL THEN f.due_on IS NULL END, "
    "CASE WHEN f.done_at IS NULL THEN f.due_on END, f.done_at DESC, f.id"
)


def each_promise(
    reader: Reader, *, include_done: bool, limit: int | None = None
) -> Iterator[PromiseRow]:
    """Promises in PROMISE_ORDER (at most `limit`), one at a time. The inner query orders and
    limits the promises alone, so a page joins its people only for the rows it shows."""
    where = "" if include_done else "WHERE f.done_at IS NULL "
    inner = f"SELECT f.* FROM followup f {where}ORDER BY {PROMISE_ORDER}"
    params: dict[str, Any] = {}
    if limit is not None:
        inner += " LIMIT :limit"
        params["limit"] = limit
    sql = (
        "SELECT f.id, f.text, f.due_on, f.done_at, c.id AS contact_id, c.name "
        f"FROM ({inner}) AS f JOIN contact c ON c.id = f.contact_id ORDER BY {PROMISE_ORDER}"
    )
    return (_promise(r) for r in reader.each(sql, params))


def count_promises(reader: Reader, *, include_done: bool) -> int:
    where = "" if include_done else " WHERE done_at IS NULL"
    return reader.rows(f"SELECT COUNT(*) AS n FROM followup{where}")[0]["n"]


def promise_by_id(reader: Reader, promise_id: int) -> PromiseRow | None:
    rows = reader.rows(PROMISE_COLUMNS + "WHERE f.id = :id", {"id": promise_id})
    return _promise(rows[0]) if rows else None


def _window(month: str, day: str, start: date, end: date) -> tuple[str, dict[str, int]]:
    """A generous SQL prefilter on month/day for [start, end]; Python decides exactly."""
    if (end - start).days >= 365:
        return "1 = 1", {}
    low, high = start.month * 100 + start.day, end.month * 100 + end.day
    if high == 228:  # Feb 29 is celebrated on Feb 28 in other years
        high = 229
    code = f"({month} * 100 + {day})"
    if low <= high:
        return f"{code} BETWEEN :low AND :high", {"low": low, "high": high}
    return f"({code} >= :low OR {code} <= :high)", {"low": low, "high": high}  # wraps the year end


def coming_dates(reader: Reader, start: date, horizon: int) -> list[ComingDate]:
    """Birthdays and important dates celebrated within `horizon` days of `start`, soonest first."""
    end = start + timedelta(days=horizon)
    birthday_filter, params = _window("c.birthday_month", "c.birthday_day", start, end)
    date_filter, _ = _window("d.month", "d.day", start, end)
    rows = reader.rows(  # FALSE: 0 in SQLite, a boolean in PostgreSQL (as d.once is on each)
        "SELECT c.id, c.name, 'birthday' AS label, c.birthday_month AS month, "
        "c.birthday_day AS day, c.birthday_year AS year, FALSE AS once FROM contact c "
        f"WHERE c.archived = 0 AND c.birthday_month IS NOT NULL AND c.birthday_day IS NOT NULL "
        f"AND {birthday_filter} "
        "UNION ALL "
        "SELECT c.id, c.name, d.label, d.month, d.day, d.year, d.once FROM important_date d "
        f"JOIN contact c ON c.id = d.contact_id WHERE c.archived = 0 AND {date_filter}",
        params,
    )
    found = [item for r in rows if (item := _celebration(r, start, end)) is not None]
    found.sort(key=lambda item: (item.on, item.person.name.casefold(), item.label.casefold()))
    return found


def _celebration(r: Any, start: date, end: date) -> ComingDate | None:
    try:
        md = MonthDay(int(r["month"]), int(r["day"]), r["year"])
        # A one-off date comes up only on its own approach, never in another year.
        on = (
            date(md.year, md.month, md.day) if r["once"] and md.year else next_occurrence(md, start)
        )
    except (InputError, ValueError):  # an impossible stored date never breaks the daily list
        return None
    if not start <= on <= end:
        return None
    age = None if r["once"] else age_on(md, on)
    return ComingDate(PersonRef(r["id"], r["name"]), r["label"], on, age, (on - start).days)
