"""The SQL behind `prep`: one person's brief, and the people whose offers meet their needs.

Plain SQL through a `Reader` (stdlib sqlite3 on the default journal), like queries.py; every
statement is bounded by the person's id or a LIMIT, so a brief costs the same at 10 or 10k people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from connect_cli.db import Reader
from connect_cli.parsing import MonthDay
from connect_cli.queries import (
    as_date,
    facts_by_kind,
    month_day,
    open_followups,
    people_introduced,
    person_row,
    timeline,
)
from connect_cli.views import DateItem, FollowUpItem, PersonRef, TimelineItem

RECENT = 5  # interactions shown in a brief: enough for context, still one screen
OFFER_CANDIDATES = 200  # offers read to match needs against (a LIKE prefilter finds them)


@dataclass
class PrepPerson:
    """What the journal holds about one person, as `prep` needs it."""

    id: int
    name: str
    company: str | None
    title: str | None
    location: str | None
    met_at: str | None
    met_on: date | None
    introduced_by: PersonRef | None
    introduced: list[PersonRef]
    birthday: MonthDay | None
    last_contact: date | None
    facts: dict[str, list[str]]  # keyed by fact kind, in the order they were recorded
    dates: list[DateItem]
    followups: list[FollowUpItem]
    recent: list[TimelineItem]


@dataclass(frozen=True)
class OfferRow:
    person: PersonRef
    text: str


def prep_person(reader: Reader, contact_id: int) -> PrepPerson:
    c = person_row(reader, contact_id)
    facts = facts_by_kind(reader, contact_id)
    return PrepPerson(
        id=c["id"],
        name=c["name"],
        company=c["company"],
        title=c["title"],
        location=c["location"],
        met_at=c["met_at"],
        met_on=as_date(c["met_on"]),
        introduced_by=PersonRef(c["introduced_by_id"], c["introducer_name"])
        if c["introduced_by_id"]
        else None,
        introduced=people_introduced(reader, contact_id),
        birthday=month_day(c["birthday_month"], c["birthday_day"], c["birthday_year"]),
        last_contact=as_date(c["last_touch"]),
        facts=facts,
        dates=[
            DateItem(r["label"], MonthDay(r["month"], r["day"], r["year"]))
            for r in reader.rows(
                "SELECT label, month, day, year FROM important_date WHERE contact_id = :id "
                "ORDER BY month, day, id",
                {"id": contact_id},
            )
        ],
        followups=open_followups(reader, contact_id),
        recent=timeline(reader, contact_id, limit=RECENT),
    )


def offers_mentioning(reader: Reader, contact_id: int, words: list[str]) -> list[OfferRow]:
    """Other active people's `offer` facts containing any of `words` (a cheap prefilter: the
    caller checks real word overlap). Bounded by OFFER_CANDIDATES."""
    if not words:
        return []
    params: dict[str, object] = {"id": contact_id, "limit": OFFER_CANDIDATES}
    tests = []
    for n, word in enumerate(words):
        params[f"w{n}"] = "%" + _like_escape(word) + "%"
        tests.append(f"lower(f.text) LIKE :w{n} ESCAPE '\\'")
    rows = reader.rows(
        "SELECT c.id, c.name, f.text FROM fact f JOIN contact c ON c.id = f.contact_id "
        "WHERE f.kind = 'offer' AND f.contact_id != :id AND c.archived = 0 "
        f"AND ({' OR '.join(tests)}) ORDER BY c.name, c.id, f.id LIMIT :limit",
        params,
    )
    return [OfferRow(PersonRef(r["id"], r["name"]), r["text"]) for r in rows]


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
