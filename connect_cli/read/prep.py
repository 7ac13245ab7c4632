"""The SQL behind `prep`: one person's brief, and the people whose offers meet their needs.

Plain SQL through a `Reader` (stdlib sqlite3 on the default journal), like queries.py; every
statement is bounded by the person's id or a LIMIT, so a brief costs the same at 10 or 10k people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from connect_cli.domain.yearly_dates import MonthDay
from connect_cli.journal.sqlite import Reader
from connect_cli.read.models import DateItem, FollowUpItem, PersonRef, TimelineItem
from connect_cli.read.people import (
    facts_by_kind,
    important_dates,
    open_followups,
    people_introduced,
    person_row,
    profile_fields,
    timeline,
)

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
    return PrepPerson(
        **profile_fields(person_row(reader, contact_id)),
        introduced=people_introduced(reader, contact_id),
        facts=facts_by_kind(reader, contact_id),
        dates=important_dates(reader, contact_id),
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
