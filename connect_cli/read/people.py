"""The SQL of the read paths, mapped into read models (views.py).

Plain SQL with :named parameters, run through a `Reader` (stdlib sqlite3 for the default journal,
SQLAlchemy for other databases), so read commands never import SQLAlchemy. Written in the SQL that
SQLite and PostgreSQL share; tests run every query against the schema the migrations create.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from connect_cli.domain.errors import NotFound
from connect_cli.domain.matching import Candidate
from connect_cli.domain.vocabulary import FACT_KINDS
from connect_cli.domain.yearly_dates import MonthDay, next_occurrence
from connect_cli.journal.name_words import prefix_bounds
from connect_cli.journal.sqlite import Reader
from connect_cli.read.models import (
    ChannelItem,
    ContactRow,
    DateItem,
    FollowUpItem,
    KeepInTouch,
    PersonCard,
    PersonRef,
    TimelineItem,
)
from connect_cli.read.standing import LAST_TOUCH

UNIT_SEPARATOR = "\x1f"  # joins multi-values in one column; cannot occur in text we store


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_time(value: Any) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(str(value)[:8])


def as_datetime_day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def month_day(month: Any, day: Any, year: Any) -> MonthDay | None:
    if month is None or day is None:
        return None
    return MonthDay(month=int(month), day=int(day), year=int(year) if year is not None else None)


def person_candidates(reader: Reader) -> list[Candidate]:
    """Everyone WHO resolution may pick from (archived included; matching prefers active).

    Two flat queries joined in Python: a per-person nickname subquery costs more than all of
    this at 10k people, and `show`/`log` pay it on every run.
    """
    nicknames: dict[int, list[str]] = {}
    for row in reader.rows("SELECT contact_id, value FROM nickname ORDER BY id"):
        nicknames.setdefault(row[0], []).append(row[1])
    return [
        Candidate(row[0], row[1], tuple(nicknames.get(row[0], ())), row[2], bool(row[3]))
        for row in reader.rows("SELECT id, name, company, archived FROM contact")
    ]


def candidates_by_word(reader: Reader, word: str) -> list[Candidate] | None:
    """The people one of whose name or nickname words starts with `word` (the folded query word
    of matching.lookup_word), by one range seek on `name_word` (journal/name_words.py); None
    when the journal has no such table (an older schema, another database), or `word` has no
    range. Same shape and order as person_candidates, for the same rule to run over them."""
    bounds = prefix_bounds(word)
    if bounds is None or not _has_name_words(reader):
        return None
    who = "SELECT contact_id FROM name_word WHERE word >= :low AND word < :high"
    params = {"low": bounds[0], "high": bounds[1]}
    nicknames: dict[int, list[str]] = {}
    for row in reader.rows(
        f"SELECT contact_id, value FROM nickname WHERE contact_id IN ({who}) ORDER BY id", params
    ):
        nicknames.setdefault(row[0], []).append(row[1])
    return [
        Candidate(row[0], row[1], tuple(nicknames.get(row[0], ())), row[2], bool(row[3]))
        for row in reader.rows(
            f"SELECT id, name, company, archived FROM contact WHERE id IN ({who}) ORDER BY id",
            params,
        )
    ]


def _has_name_words(reader: Reader) -> bool:
    try:
        return bool(reader.columns("name_word"))
    except Exception:  # another database's inspector: no such table there
        return False


def person_by_id(reader: Reader, contact_id: int) -> Candidate | None:
    """One person by id, for `#12` without loading everyone."""
    rows = reader.rows(
        "SELECT id, name, company, archived FROM contact WHERE id = :id", {"id": contact_id}
    )
    if not rows:
        return None
    nicks = reader.rows(
        "SELECT value FROM nickname WHERE contact_id = :id ORDER BY id", {"id": contact_id}
    )
    row = rows[0]
    return Candidate(row[0], row[1], tuple(n[0] for n in nicks), row[2], bool(row[3]))


def standing(
    every_days: int | None,
    last: date | None,
    met_on: date | None,
    created: date | None,
    snoozed_until: date | None,
    today: date,
) -> KeepInTouch:
    """Never-contacted people count from when they were met or added."""
    since = last or met_on or created or today
    return KeepInTouch(
        every_days=every_days, days_since=(today - since).days, snoozed_until=snoozed_until
    )


def row_standing(c: Any, last: date | None, today: date) -> KeepInTouch:
    """standing() from a contact row's `every_days`, `met_on`, `created_at` and `snoozed_until`."""
    return standing(
        c["every_days"],
        last,
        as_date(c["met_on"]),
        as_datetime_day(c["created_at"]),
        as_date(c["snoozed_until"]),
        today,
    )


def person_row(reader: Reader, contact_id: int) -> Any:
    """A contact's row with its last touch and introducer's name; NotFound if there is none."""
    rows = reader.rows(
        f"SELECT c.*, {LAST_TOUCH} AS last_touch, i.name AS introducer_name "
        "FROM contact c LEFT JOIN contact i ON i.id = c.introduced_by_id WHERE c.id = :id",
        {"id": contact_id},
    )
    if not rows:
        raise NotFound(f"There is no person #{contact_id}; see `connect list`.")
    return rows[0]


def facts_by_kind(reader: Reader, contact_id: int) -> dict[str, list[str]]:
    """A person's facts grouped by kind (every kind present, in the order they were added)."""
    facts: dict[str, list[str]] = {kind: [] for kind in FACT_KINDS}
    for row in reader.rows(
        # A met need is history (read/intros.met_needs), no longer a need (issue #16).
        "SELECT kind, text FROM fact WHERE contact_id = :id "
        "AND NOT (kind = 'need' AND met_on IS NOT NULL) ORDER BY id",
        {"id": contact_id},
    ):
        facts[row["kind"]].append(row["text"])
    return facts


def people_introduced(reader: Reader, contact_id: int) -> list[PersonRef]:
    """Whom this person introduced you to."""
    rows = reader.rows(
        "SELECT id, name FROM contact WHERE introduced_by_id = :id ORDER BY name, id",
        {"id": contact_id},
    )
    return [PersonRef(r["id"], r["name"]) for r in rows]


def person_card(reader: Reader, contact_id: int, today: date) -> PersonCard:
    c = person_row(reader, contact_id)
    channels = reader.rows(
        "SELECT kind, value, label FROM channel WHERE contact_id = :id ORDER BY id",
        {"id": contact_id},
    )
    profile = profile_fields(c)
    last, birthday = profile["last_contact"], profile["birthday"]
    return PersonCard(
        **profile,
        nicknames=_column(
            reader, "SELECT value FROM nickname WHERE contact_id = :id ORDER BY id", contact_id
        ),
        every_days=c["every_days"],
        snoozed_until=as_date(c["snoozed_until"]),
        archived=bool(c["archived"]),
        emails=[ChannelItem(r["value"], r["label"]) for r in channels if r["kind"] == "email"],
        phones=[ChannelItem(r["value"], r["label"]) for r in channels if r["kind"] == "phone"],
        urls=[ChannelItem(r["value"], r["label"]) for r in channels if r["kind"] == "url"],
        tags=_column(
            reader, "SELECT name FROM tag WHERE contact_id = :id ORDER BY name", contact_id
        ),
        facts=facts_by_kind(reader, contact_id),
        dates=important_dates(reader, contact_id),
        followups=open_followups(reader, contact_id),
        interactions=timeline(reader, contact_id),
        standing=row_standing(c, last, today),
        next_birthday=next_occurrence(birthday, today) if birthday else None,
        introduced=people_introduced(reader, contact_id),
    )


def profile_fields(c: Any) -> dict[str, Any]:
    """Who a person is, from person_row(): the fields `show` and `prep` both present."""
    return {
        "id": c["id"],
        "name": c["name"],
        "company": c["company"],
        "title": c["title"],
        "location": c["location"],
        "met_at": c["met_at"],
        "met_on": as_date(c["met_on"]),
        "introduced_by": PersonRef(c["introduced_by_id"], c["introducer_name"])
        if c["introduced_by_id"]
        else None,
        "birthday": month_day(c["birthday_month"], c["birthday_day"], c["birthday_year"]),
        "last_contact": as_date(c["last_touch"]),
    }


def important_dates(reader: Reader, contact_id: int) -> list[DateItem]:
    """A person's important dates in calendar order (the order they were added on a tie)."""
    rows = reader.rows(
        "SELECT label, month, day, year, once FROM important_date WHERE contact_id = :id "
        "ORDER BY month, day, id",
        {"id": contact_id},
    )
    return [
        DateItem(r["label"], MonthDay(r["month"], r["day"], r["year"]), bool(r["once"]))
        for r in rows
    ]


def _column(reader: Reader, sql: str, contact_id: int) -> list[str]:
    return [row[0] for row in reader.rows(sql, {"id": contact_id})]


def open_followups(reader: Reader, contact_id: int) -> list[FollowUpItem]:
    rows = reader.rows(
        "SELECT id, text, due_on FROM followup WHERE contact_id = :id AND done_at IS NULL "
        "ORDER BY due_on IS NULL, due_on, id",
        {"id": contact_id},
    )
    return [FollowUpItem(r["id"], r["text"], as_date(r["due_on"]), False) for r in rows]


def timeline(reader: Reader, contact_id: int, limit: int | None = None) -> list[TimelineItem]:
    """A person's interactions, newest first, each with the other people present."""
    rows = reader.rows(
        "SELECT i.id, i.happened_on, i.happened_time, i.kind, i.text FROM participant p "
        "JOIN interaction i ON i.id = p.interaction_id WHERE p.contact_id = :id "
        "ORDER BY p.happened_on DESC, i.happened_time DESC, i.id DESC"
        + (" LIMIT :limit" if limit else ""),
        {"id": contact_id, "limit": limit},
    )
    others: dict[int, list[str]] = {}
    for row in reader.rows(
        "SELECT p.interaction_id, c.name FROM participant p JOIN participant me "
        "ON me.interaction_id = p.interaction_id AND me.contact_id = :id "
        "JOIN contact c ON c.id = p.contact_id WHERE p.contact_id != :id ORDER BY c.name",
        {"id": contact_id},
    ):
        others.setdefault(row["interaction_id"], []).append(row["name"])
    return [
        TimelineItem(
            id=r["id"],
            on=as_date(r["happened_on"]) or date.min,
            at=as_time(r["happened_time"]),
            kind=r["kind"],
            text=r["text"],
            with_people=tuple(others.get(r["id"], ())),
        )
        for r in rows
    ]


# Orders of `connect list`; `overdue` ranks by days since the last touch over the rhythm (people
# without a rhythm last), each tie by name as the name order has it. {touch} is the last touch:
# its expression in the inner query, where PostgreSQL takes no alias inside an expression.
LIST_ORDER = {
    "name": "c.name COLLATE NOCASE, c.id",
    "recent": "{touch} IS NULL, {touch} DESC, c.name COLLATE NOCASE, c.id",
    "added": "c.created_at DESC, c.id DESC",
    "overdue": "c.every_days IS NULL, overdue_ratio DESC, c.name COLLATE NOCASE, c.id",
}
# SQLite: julianday() difference of two ISO days is a whole number of days (as standing() counts).
OVERDUE_RATIO = (
    "(julianday(:today) - julianday(COALESCE({touch}, c.met_on, date(c.created_at), :today)))"
    " / c.every_days"
)
LIST_COLUMNS = (
    "c.id, c.name, c.company, c.every_days, c.archived, c.met_on, c.created_at, c.snoozed_until"
)


def _listing_filter(tag: str | None, archived: bool) -> tuple[str, dict[str, Any]]:
    where = ["c.archived = :archived"]
    params: dict[str, Any] = {"archived": archived}
    if tag:
        where.append(
            "EXISTS (SELECT 1 FROM tag t WHERE t.contact_id = c.id AND lower(t.name) = lower(:tag))"
        )
        params["tag"] = tag
    return " AND ".join(where), params


def listing_sql(
    *, today: date, tag: str | None, archived: bool, sort: str, limit: int | None
) -> tuple[str, dict[str, Any]]:
    """The SQL of `connect list`: the people in order, then their last touch and tags.

    The inner query picks (and limits) the people; the per-person tag subquery runs in the outer
    one, so a first page of 50 costs 50 of them. The last touch is a stored column.
    """
    where, params = _listing_filter(tag, archived)
    params.update(today=today.isoformat(), sep=UNIT_SEPARATOR)
    extra = f", {LAST_TOUCH} AS last_touch"
    if sort == "overdue":
        extra += ", " + OVERDUE_RATIO.format(touch=LAST_TOUCH) + " AS overdue_ratio"
    inner = f"SELECT {LIST_COLUMNS}{extra} FROM contact c WHERE {where}"
    if limit is not None:
        inner += f" ORDER BY {LIST_ORDER[sort].format(touch=LAST_TOUCH)} LIMIT :limit"
        params["limit"] = limit
    columns = f"{LIST_COLUMNS}, c.last_touch"
    sql = (
        f"SELECT {columns}, "
        "(SELECT group_concat(t.name, :sep) FROM tag t WHERE t.contact_id = c.id) AS tags "
        f"FROM ({inner}) AS c ORDER BY {LIST_ORDER[sort].format(touch='c.last_touch')}"
    )
    return sql, params


def each_contact_row(
    reader: Reader,
    *,
    today: date,
    tag: str | None = None,
    archived: bool = False,
    sort: str = "name",
    limit: int | None = None,
) -> Iterator[ContactRow]:
    """People (active, or archived with `archived=True`) with what the list shows, in order, one
    at a time (at most `limit`); read them inside the reader's `with` block."""
    sql, params = listing_sql(today=today, tag=tag, archived=archived, sort=sort, limit=limit)
    for r in reader.each(sql, params):
        last = as_date(r["last_touch"])
        yield ContactRow(
            id=r["id"],
            name=r["name"],
            company=r["company"],
            tags=tuple(sorted(r["tags"].split(UNIT_SEPARATOR))) if r["tags"] else (),
            last_contact=last,
            every_days=r["every_days"],
            archived=bool(r["archived"]),
            standing=row_standing(r, last, today),
        )


def count_people(reader: Reader, *, tag: str | None = None, archived: bool = False) -> int:
    """How many people `connect list` would show in all (its "… and N more" line)."""
    where, params = _listing_filter(tag, archived)
    return reader.rows(f"SELECT COUNT(*) AS n FROM contact c WHERE {where}", params)[0]["n"]
