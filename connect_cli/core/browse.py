"""Use cases that read or correct one person: show, list, edit, archive."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from connect_cli.core.journal import read_journal
from connect_cli.domain.matching import fold
from connect_cli.journal.sqlite import JournalLocation
from connect_cli.read.models import ContactRow, PersonCard, PersonRef
from connect_cli.read.people import count_people, each_contact_row, person_card
from connect_cli.read.resolve import resolve

if TYPE_CHECKING:  # drafts (and date parsing) load only for `edit`
    from connect_cli.domain.drafts import RawPerson
    from connect_cli.read.intros import Ledger


def card_for(location: JournalLocation, who: str, *, today: date) -> PersonCard:
    with read_journal(location) as reader:
        return person_card(reader, resolve(reader, who).id, today)


def card_and_ledger(
    location: JournalLocation, who: str, *, today: date
) -> tuple[PersonCard, Ledger]:
    """`show`: the card and the helping ledger (issue #16), in one read."""
    from connect_cli.core.stats import touch_history
    from connect_cli.read.intros import ledger

    with read_journal(location) as reader:
        contact_id = resolve(reader, who).id
        card = person_card(reader, contact_id, today)
        card.touches_by_month = touch_history(reader, contact_id, today)
        return card, ledger(reader, contact_id)


class PeopleFilter(NamedTuple):
    """What `connect list` was asked for (QUERY matches name, company or a tag)."""

    query: str | None = None
    tag: str | None = None
    sort: str = "name"
    archived: bool = False


class PeoplePage(NamedTuple):
    rows: list[ContactRow]
    more: int  # people the filter matches beyond these rows


def people_page(
    location: JournalLocation, wanted: PeopleFilter, *, today: date, limit: int
) -> PeoplePage:
    """The first `limit` people and how many more there are: a LIMIT and a COUNT in SQL, never
    everyone in Python (a QUERY is matched in Python, so it reads the whole listing)."""
    with read_journal(location) as reader:
        if not wanted.query:
            rows = list(_each(reader, wanted, today, limit))
            more = count_people(reader, tag=wanted.tag, archived=wanted.archived) - len(rows)
            return PeoplePage(rows, max(more, 0))
        matching = _matching(_each(reader, wanted, today, None), wanted.query)
        rows = list(islice(matching, limit))
        return PeoplePage(rows, sum(1 for _ in matching))


@contextmanager
def each_person(
    location: JournalLocation, wanted: PeopleFilter, *, today: date, limit: int | None = None
) -> Iterator[Iterator[ContactRow]]:
    """Everyone the filter matches (at most `limit`), read one by one while the block runs."""
    with read_journal(location) as reader:
        if not wanted.query:
            yield _each(reader, wanted, today, limit)
            return
        rows = _matching(_each(reader, wanted, today, None), wanted.query)
        yield islice(rows, limit) if limit is not None else rows


def _each(reader, wanted: PeopleFilter, today: date, limit: int | None) -> Iterator[ContactRow]:  # type: ignore[no-untyped-def]
    return each_contact_row(
        reader, today=today, tag=wanted.tag, archived=wanted.archived, sort=wanted.sort,
        limit=limit,
    )  # fmt: skip


def _matching(rows: Iterable[ContactRow], query: str) -> Iterator[ContactRow]:
    wanted = fold(query)
    return (r for r in rows if any(wanted in fold(x) for x in (r.name, r.company or "", *r.tags)))


def apply_edit(location: JournalLocation, who: str, raw: RawPerson, *, today: date) -> PersonRef:
    """`edit` as typed: every field checked and parsed here, then one write."""
    from connect_cli.domain.drafts import build_draft
    from connect_cli.write.people import edit_person
    from connect_cli.write.session import session_reader, write_session

    draft = build_draft(raw, today)
    with write_session(location) as session:
        person = resolve(session_reader(session), who)
        contact = edit_person(session=session, contact_id=person.id, draft=draft)
        return PersonRef(person.id, contact.name)


class ArchiveChange(NamedTuple):
    id: int
    name: str
    changed: bool  # False: they already were (or were not) archived; nothing was written


def change_archived(location: JournalLocation, who: str, *, archived: bool) -> ArchiveChange:
    from connect_cli.write.people import set_archived
    from connect_cli.write.session import session_reader, write_session

    with write_session(location) as session:
        person = resolve(session_reader(session), who)
        if person.archived == archived:
            return ArchiveChange(person.id, person.name, changed=False)
        contact = set_archived(session=session, contact_id=person.id, archived=archived)
        return ArchiveChange(person.id, contact.name, changed=True)
