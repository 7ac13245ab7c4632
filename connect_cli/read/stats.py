"""The SQL of `stats`, `review` and the card's touch line: every number is aggregated in SQLite.

Nothing here loads interactions into Python: touches are counted per day or per month with
GROUP BY over the index on interaction(happened_on) or participant(contact_id, happened_on), and
the standing of each person is the correlated MAX that `today` uses (read/daily.py), summed
into buckets in SQL. SQLite-specific date arithmetic is marked "SQLite:" as in read/daily.py.

A *touch* is one interaction: a dinner with three people is one touch on that day (and one for
each of the three when a single person or a tag is looked at).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from connect_cli.journal import day_counts
from connect_cli.journal.dialect import SQLITE
from connect_cli.journal.sqlite import Reader
from connect_cli.read.models import PersonRef
from connect_cli.read.standing import ELIGIBLE, SINCE

DUE_SOON_DAYS = 7  # a person whose rhythm comes round within a week is "due"
OVERDUE_BANDS = (7, 30)  # overdue by up to a week, up to a month, more
PROMISE_WINDOW_DAYS = 90  # kept on time: promises whose due day passed in the last 90 days
TOP = 5  # connectors, most and least touched


@dataclass(frozen=True)
class Scope:
    """Whose touches and standing are counted: everyone, people with a tag, or one person."""

    tag: str | None = None
    contact_id: int | None = None

    def people(self, column: str) -> tuple[str, dict[str, Any]]:
        """A SQL condition on a contact id `column`, and its parameters."""
        if self.contact_id is not None:
            return f"{column} = :scope_id", {"scope_id": self.contact_id}
        if self.tag is not None:
            return (
                f"{column} IN (SELECT t.contact_id FROM tag t WHERE lower(t.name) = lower(:tag))",
                {"tag": self.tag},
            )
        return "1 = 1", {}

    @property
    def everyone(self) -> bool:
        return self.tag is None and self.contact_id is None


@dataclass(frozen=True)
class Health:
    """People by keep-in-touch standing on a day (archived people are not counted)."""

    on_track: int = 0
    due: int = 0  # rhythm comes round within DUE_SOON_DAYS
    overdue_week: int = 0  # overdue by 0..6 days
    overdue_month: int = 0  # 7..29 days
    overdue_more: int = 0  # 30 days or more
    snoozed: int = 0
    no_rhythm: int = 0

    @property
    def overdue(self) -> int:
        return self.overdue_week + self.overdue_month + self.overdue_more


@dataclass(frozen=True)
class Promises:
    open: int = 0
    overdue: int = 0  # open and due before today
    due_in_window: int = 0  # due day in the PROMISE_WINDOW_DAYS before today
    kept_on_time: int = 0  # of those, kept on or before their due day

    @property
    def on_time_percent(self) -> float | None:
        if not self.due_in_window:
            return None
        return round(100 * self.kept_on_time / self.due_in_window, 1)


@dataclass(frozen=True)
class Connector:
    person: PersonRef
    introduced: int


@dataclass(frozen=True)
class Introductions:
    """Introductions you made and what came of them, and needs met.

    The one place to read them is `introductions_made`."""

    made: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    needs_met: int = 0
    pairs: list[tuple[PersonRef, PersonRef]] = field(default_factory=list)


@dataclass(frozen=True)
class Touched:
    person: PersonRef
    touches: int
    every_days: int


def _iso(day: date) -> str:
    return day.isoformat()


# --- touches ------------------------------------------------------------------------------------


# For everyone: a loose index scan of interaction(happened_on, kind). Each day's kinds are found
# by seeking to the next kind (MIN(kind) > the last one), and each (day, kind) is counted with an
# equality seek. It steps through the same index entries as GROUP BY happened_on, kind, but
# without comparing and aggregating every row: about a third less CPU at 10k/1M (~430k touches in
# a year), for any vocabulary of kinds. SQLite: date(day, '+1 day') walks ISO days.
BY_DAY_AND_KIND = """
WITH RECURSIVE day(on_day) AS (
    SELECT :start WHERE :start <= :end
    UNION ALL SELECT date(on_day, '+1 day') FROM day WHERE on_day < :end
), day_kind(on_day, kind) AS (
    SELECT on_day, (SELECT MIN(i.kind) FROM interaction i WHERE i.happened_on = day.on_day)
    FROM day
    UNION ALL
    SELECT on_day, (SELECT MIN(i.kind) FROM interaction i
                    WHERE i.happened_on = day_kind.on_day AND i.kind > day_kind.kind)
    FROM day_kind WHERE kind IS NOT NULL
)
SELECT on_day AS day, kind,
       (SELECT COUNT(*) FROM interaction i WHERE i.happened_on = on_day AND i.kind = day_kind.kind)
       AS n
FROM day_kind WHERE kind IS NOT NULL
"""


def touches_by_day_and_kind(
    reader: Reader, scope: Scope, start: date, end: date
) -> dict[tuple[date, str], int]:
    """Interactions per (day, kind) in [start, end] (pairs without any are absent).

    One pass gives both the heatmap (summed over kinds) and the months by kind. For everyone it
    is read from the stored counts (journal/day_counts.py, schema 10: a row per day and kind,
    the same cost at any journal size); without them, from the covering index on
    interaction(happened_on, kind) (migration 0008, BY_DAY_AND_KIND), which grows with how much
    you log. For a tag or a person it is counted over their participant rows (a tag of many
    people still grows with their interactions)."""
    params: dict[str, Any] = {"start": _iso(start), "end": _iso(end)}
    if scope.everyone and day_counts.present(reader):
        sql = (
            "SELECT happened_on AS day, kind, n FROM interaction_day_count "
            "WHERE happened_on BETWEEN :start AND :end"
        )
    elif scope.everyone and reader.dialect == SQLITE:
        sql = BY_DAY_AND_KIND
    elif scope.everyone:  # a server plans the GROUP BY over the same index itself
        sql = (
            "SELECT happened_on AS day, kind, COUNT(*) AS n FROM interaction "
            "WHERE happened_on BETWEEN :start AND :end GROUP BY happened_on, kind"
        )
    else:
        where, extra = scope.people("p.contact_id")
        params |= extra
        sql = (
            "SELECT p.happened_on AS day, i.kind, COUNT(DISTINCT i.id) AS n "
            "FROM participant p JOIN interaction i ON i.id = p.interaction_id "
            f"WHERE {where} AND p.happened_on BETWEEN :start AND :end "
            "GROUP BY p.happened_on, i.kind"
        )
    # One row for the whole answer: SQLite releases the GIL for each step, and a step per group
    # would hand it back and forth ~3,000 times with a thread that is importing (cli/background.py).
    packed = reader.rows(
        f"SELECT group_concat(day || ' ' || kind || ' ' || n, ',') AS packed FROM ({sql}) AS counted",
        params,
    )[0]["packed"]
    found: dict[tuple[date, str], int] = {}
    for item in packed.split(",") if packed else ():
        day, kind, n = item.split(" ")
        found[(date.fromisoformat(day), kind)] = int(n)
    return found


def person_months(reader: Reader, contact_id: int, first: date, end: date) -> dict[str, int]:
    """One person's interactions per YYYY-MM from `first` to `end`."""
    rows = reader.rows(
        "SELECT substr(happened_on, 1, 7) AS month, COUNT(*) AS n FROM participant "
        "WHERE contact_id = :id AND happened_on BETWEEN :start AND :end GROUP BY month",
        {"id": contact_id, "start": _iso(first), "end": _iso(end)},
    )
    return {r["month"]: r["n"] for r in rows}


# --- standing -----------------------------------------------------------------------------------

# SQLite: julianday() difference of two ISO days is a whole number of days. Each person's band
# is decided once, in one CASE over the contact row (a person's last touch is stored,
# contact.last_contact_on), and the bands are counted from the materialized column: three days
# columns summed by seven conditions cost ~35% more at 100k people. `lag` is days past the
# rhythm (negative: still ahead); it is only computed for people with a rhythm who are not
# snoozed (CASE evaluates lazily), and a day julianday() cannot read falls in no band.
_LAG = f"(CAST(julianday(:today) - julianday({SINCE}) AS INTEGER) - c.every_days)"
HEALTH = f"""
WITH standing AS MATERIALIZED (
    SELECT CASE WHEN c.every_days IS NULL THEN 'no_rhythm'
                WHEN c.snoozed_until > :today THEN 'snoozed'
                WHEN NOT ({ELIGIBLE}) THEN NULL
                WHEN {_LAG} < -:soon THEN 'on_track'
                WHEN {_LAG} < 0 THEN 'due'
                WHEN {_LAG} < :week THEN 'overdue_week'
                WHEN {_LAG} < :month THEN 'overdue_month'
                WHEN {_LAG} >= :month THEN 'overdue_more' END AS band
    FROM contact c
    WHERE c.archived = 0 AND {{scope}}
)
SELECT
    COALESCE(SUM(band = 'no_rhythm'), 0) AS no_rhythm,
    COALESCE(SUM(band = 'snoozed'), 0) AS snoozed,
    COALESCE(SUM(band = 'on_track'), 0) AS on_track,
    COALESCE(SUM(band = 'due'), 0) AS due,
    COALESCE(SUM(band = 'overdue_week'), 0) AS overdue_week,
    COALESCE(SUM(band = 'overdue_month'), 0) AS overdue_month,
    COALESCE(SUM(band = 'overdue_more'), 0) AS overdue_more
FROM standing
"""


def health(reader: Reader, scope: Scope, today: date) -> Health:
    """How many people are on track, due, overdue (by band), snoozed, or without a rhythm."""
    where, params = scope.people("c.id")
    week, month = OVERDUE_BANDS
    row = reader.rows(
        HEALTH.format(scope=where),
        {**params, "today": _iso(today), "soon": DUE_SOON_DAYS, "week": week, "month": month},
    )[0]
    return Health(**{name: row[name] for name in Health.__dataclass_fields__})


def most_and_least_touched(
    reader: Reader, scope: Scope, start: date, end: date, limit: int = TOP
) -> tuple[list[Touched], list[Touched]]:
    """Of the active people with a rhythm, the `limit` most and least touched in [start, end]
    (ties by name). Each person's count is taken once, over the participant index."""
    where, params = scope.people("c.id")
    rows = reader.rows(
        "WITH counted AS MATERIALIZED ("
        " SELECT c.id, c.name, c.every_days,"
        "  (SELECT COUNT(*) FROM participant p WHERE p.contact_id = c.id"
        "   AND p.happened_on BETWEEN :start AND :end) AS n"
        f" FROM contact c WHERE c.every_days IS NOT NULL AND c.archived = 0 AND {where})"
        " SELECT 'most' AS side, * FROM"
        "  (SELECT * FROM counted ORDER BY n DESC, name COLLATE NOCASE, id LIMIT :limit) AS most"
        " UNION ALL SELECT 'least' AS side, * FROM"
        "  (SELECT * FROM counted ORDER BY n, name COLLATE NOCASE, id LIMIT :limit) AS least",
        {**params, "start": _iso(start), "end": _iso(end), "limit": limit},
    )
    found: dict[str, list[Touched]] = {"most": [], "least": []}
    for r in rows:
        found[r["side"]].append(Touched(PersonRef(r["id"], r["name"]), r["n"], r["every_days"]))
    return found["most"], found["least"]


# --- promises -----------------------------------------------------------------------------------


def promises(reader: Reader, scope: Scope, today: date) -> Promises:
    """Open and overdue promises now; of those due in the last PROMISE_WINDOW_DAYS (before
    today), how many were kept on or before their due day (a UTC `done_at` day)."""
    where, params = scope.people("c.id")
    row = reader.rows(
        "SELECT COALESCE(SUM(f.done_at IS NULL), 0) AS open,"
        " COALESCE(SUM(f.done_at IS NULL AND f.due_on < :today), 0) AS overdue,"
        " COALESCE(SUM(f.due_on BETWEEN :since AND :yesterday), 0) AS due_in_window,"
        " COALESCE(SUM(f.due_on BETWEEN :since AND :yesterday AND f.done_at IS NOT NULL"
        "  AND date(f.done_at) <= f.due_on), 0) AS kept_on_time "
        "FROM followup f JOIN contact c ON c.id = f.contact_id "
        f"WHERE c.archived = 0 AND {where}",
        {
            **params,
            "today": _iso(today),
            "since": _iso(today - timedelta(days=PROMISE_WINDOW_DAYS)),
            "yesterday": _iso(today - timedelta(days=1)),
        },
    )[0]
    return Promises(**{name: row[name] for name in Promises.__dataclass_fields__})


# --- helping ------------------------------------------------------------------------------------


def introductions_made(reader: Reader, start: date, end: date) -> Introductions:
    """Introductions made in [start, end] (table `introduction`, issue #16), their outcomes, and
    needs met in it (`fact.met_on`). Pairs are (the person in need, who could help), oldest
    first; a side that was forgotten is left out of the pairs, not of the counts."""
    span = {"start": start.isoformat(), "end": end.isoformat()}
    outcomes: dict[str, int] = {}
    for row in reader.rows(
        "SELECT outcome, COUNT(*) AS n FROM introduction "
        "WHERE happened_on BETWEEN :start AND :end GROUP BY outcome ORDER BY outcome",
        span,
    ):
        outcomes[row["outcome"]] = row["n"]
    pairs = [
        (PersonRef(r["pid"], r["pname"]), PersonRef(r["hid"], r["hname"]))
        for r in reader.rows(
            "SELECT p.id AS pid, p.name AS pname, h.id AS hid, h.name AS hname "
            "FROM introduction i JOIN contact p ON p.id = i.person_id "
            "JOIN contact h ON h.id = i.helper_id "
            "WHERE i.happened_on BETWEEN :start AND :end ORDER BY i.happened_on, i.id",
            span,
        )
    ]
    met = reader.rows(
        "SELECT COUNT(*) AS n FROM fact WHERE kind = 'need' AND met_on BETWEEN :start AND :end",
        span,
    )
    return Introductions(sum(outcomes.values()), outcomes, met[0]["n"], pairs)


def top_connectors(reader: Reader, limit: int = TOP) -> list[Connector]:
    """The people who introduced you to most others (`--via`), most first, ties by name."""
    rows = reader.rows(
        "SELECT v.id, v.name, COUNT(*) AS n FROM contact c JOIN contact v "
        "ON v.id = c.introduced_by_id GROUP BY v.id "
        "ORDER BY n DESC, v.name COLLATE NOCASE, v.id LIMIT :limit",
        {"limit": limit},
    )
    return [Connector(PersonRef(r["id"], r["name"]), r["n"]) for r in rows]
