"""Use cases that read or correct one person: show, list, edit, archive."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from connect_cli.core.journal import read_journal
from connect_cli.domain.matching import fold
from connect_cli.journal.sqlite import JournalLocation
from connect_cli.read.models import ContactRow, PersonCard, PersonRef
from connect_cli.read.people import contact_rows, person_card
from connect_cli.read.resolve import resolve

if TYPE_CHECKING:  # drafts (and date parsing) load only for `edit`
    from connect_cli.domain.drafts import PersonDraft


def card_for(location: JournalLocation, who: str, *, today: date) -> PersonCard:
    with read_journal(location) as reader:
        return person_card(reader, resolve(reader, who).id, today)


def list_people(
    location: JournalLocation,
    *,
    today: date,
    query: str | None,
    tag: str | None,
    sort: str,
    archived: bool,
) -> list[ContactRow]:
    with read_journal(location) as reader:
        rows = contact_rows(reader, today=today, tag=tag, archived=archived, sort=sort)
    if query:
        wanted = fold(query)
        rows = [
            r for r in rows if any(wanted in fold(x) for x in (r.name, r.company or "", *r.tags))
        ]
    return rows


def apply_edit(location: JournalLocation, who: str, draft: PersonDraft) -> PersonRef:
    from connect_cli.write.people import edit_person
    from connect_cli.write.session import session_reader, write_session

    with write_session(location) as session:
        person = resolve(session_reader(session), who)
        contact = edit_person(session=session, contact_id=person.id, draft=draft)
        return PersonRef(person.id, contact.name)


def change_archived(location: JournalLocation, who: str, *, archived: bool) -> PersonRef:
    from connect_cli.write.people import set_archived
    from connect_cli.write.session import session_reader, write_session

    with write_session(location) as session:
        person = resolve(session_reader(session), who)
        contact = set_archived(session=session, contact_id=person.id, archived=archived)
        return PersonRef(person.id, contact.name)
