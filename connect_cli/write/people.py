"""Writing people: add, edit, archive. Through SQLModel, inside the caller's one transaction."""

from __future__ import annotations

from sqlmodel import Session, col, delete, select

from connect_cli.domain.drafts import PersonDraft
from connect_cli.domain.errors import InputError
from connect_cli.domain.matching import fold
from connect_cli.read.resolve import resolve
from connect_cli.write.rows import row_or_not_found
from connect_cli.write.session import session_reader
from connect_cli.write.tables import (
    Channel,
    Contact,
    Fact,
    ImportantDate,
    Nickname,
    Tag,
    utc_now,
)


class DuplicateName(InputError):
    def __init__(self, name: str, existing_id: int) -> None:
        super().__init__(
            f"You already have {name!r} (#{existing_id}); to record a meeting use "
            f"`connect log #{existing_id}`, or add --duplicate to create a second person."
        )


def add_person(
    *, session: Session, draft: PersonDraft, every_default: int | None, allow_duplicate: bool
) -> Contact:
    """Create a contact with everything in the draft; returns it with its id."""
    if not draft.name:
        raise InputError("A person needs a name; give it as the first argument.")
    if not allow_duplicate:
        same = _same_name(session, draft.name)
        if same is not None:
            raise DuplicateName(draft.name, same)
    contact = Contact(name=draft.name, every_days=every_default)
    session.add(contact)
    _apply(session, contact, draft)
    return contact


def edit_person(*, session: Session, contact_id: int, draft: PersonDraft) -> Contact:
    missing = f"There is no person #{contact_id}; see `connect list`."
    contact = row_or_not_found(session, Contact, contact_id, missing)
    if draft.name:
        contact.name = draft.name
    for field_name in draft.clear:
        _clear(session, contact, field_name)
    for kind, value in draft.drop:
        _drop(session, contact, kind, value)
    _apply(session, contact, draft)
    contact.updated_at = utc_now()
    return contact


def set_archived(*, session: Session, contact_id: int, archived: bool) -> Contact:
    missing = f"There is no person #{contact_id}; see `connect list --archived`."
    contact = row_or_not_found(session, Contact, contact_id, missing)
    contact.archived = archived
    contact.updated_at = utc_now()
    return contact


def _same_name(session: Session, name: str) -> int | None:
    wanted = fold(name)
    for contact_id, existing in session.exec(select(Contact.id, Contact.name)):
        if fold(existing) == wanted:
            return contact_id
    return None


def _apply(session: Session, contact: Contact, draft: PersonDraft) -> None:
    """Set the draft's scalars and add its multi-valued items (skipping ones already there)."""
    for name in ("company", "title", "location", "met_at", "met_on"):
        value = getattr(draft, name)
        if value is not None:
            setattr(contact, name, value)
    if draft.birthday is not None:
        contact.birthday_month = draft.birthday.month
        contact.birthday_day = draft.birthday.day
        contact.birthday_year = draft.birthday.year
    if draft.every_given:
        contact.every_days = draft.every_days
    session.flush()  # the contact needs its id before children can point at it
    assert contact.id is not None
    if draft.via is not None:
        introducer = resolve(session_reader(session), draft.via)
        if introducer.id == contact.id:
            raise InputError(
                "A person cannot have introduced themselves; name someone else with --via."
            )
        contact.introduced_by_id = introducer.id
    _add_children(session, contact.id, draft)


def _add_children(session: Session, contact_id: int, draft: PersonDraft) -> None:
    existing = _existing_items(session, contact_id)
    wanted: list[tuple[tuple[str, str], object]] = []
    wanted += [
        (("nickname", fold(n)), Nickname(contact_id=contact_id, value=n)) for n in draft.nicknames
    ]
    wanted += [(("tag", fold(t)), Tag(contact_id=contact_id, name=t)) for t in draft.tags]
    wanted += [
        (
            (c.kind, fold(c.value)),
            Channel(contact_id=contact_id, kind=c.kind, value=c.value, label=c.label),
        )
        for c in draft.channels
    ]
    wanted += [((k, fold(t)), Fact(contact_id=contact_id, kind=k, text=t)) for k, t in draft.facts]
    wanted += [
        (
            ("date", fold(d.label)),
            ImportantDate(
                contact_id=contact_id,
                label=d.label,
                month=d.when.month,
                day=d.when.day,
                year=d.when.year,
                once=d.once,
            ),
        )
        for d in draft.dates
    ]
    for key, row in wanted:
        if key not in existing:
            existing.add(key)
            session.add(row)


def _existing_items(session: Session, contact_id: int) -> set[tuple[str, str]]:
    items: set[tuple[str, str]] = set()
    items |= {
        ("nickname", fold(v))
        for v in session.exec(select(Nickname.value).where(Nickname.contact_id == contact_id))
    }
    items |= {
        ("tag", fold(v)) for v in session.exec(select(Tag.name).where(Tag.contact_id == contact_id))
    }
    items |= {
        (k, fold(v))
        for k, v in session.exec(
            select(Channel.kind, Channel.value).where(Channel.contact_id == contact_id)
        )
    }
    items |= {
        (k, fold(v))
        for k, v in session.exec(select(Fact.kind, Fact.text).where(Fact.contact_id == contact_id))
    }
    items |= {
        ("date", fold(v))
        for v in session.exec(
            select(ImportantDate.label).where(ImportantDate.contact_id == contact_id)
        )
    }
    return items


def _clear(session: Session, contact: Contact, field_name: str) -> None:
    if field_name == "via":
        contact.introduced_by_id = None
    elif field_name == "birthday":
        contact.birthday_month = contact.birthday_day = contact.birthday_year = None
    elif field_name == "every":
        contact.every_days = None
    elif field_name == "snooze":
        contact.snoozed_until = None
    else:
        setattr(contact, field_name, None)


# Which table and column hold each droppable kind of item.
_DROP_TARGETS = {
    "tag": (Tag, Tag.name, None),
    "nickname": (Nickname, Nickname.value, None),
    "email": (Channel, Channel.value, "email"),
    "phone": (Channel, Channel.value, "phone"),
    "url": (Channel, Channel.value, "url"),
    "date": (ImportantDate, ImportantDate.label, None),
}


def _drop(session: Session, contact: Contact, kind: str, value: str) -> None:
    """Remove one item; the match is case- and accent-insensitive, and must be exact."""
    model, column, channel_kind = _DROP_TARGETS.get(kind, (Fact, Fact.text, kind))
    query = select(model.id, column).where(model.contact_id == contact.id)  # type: ignore[attr-defined]
    if channel_kind or model is Fact:
        kind_column = Channel.kind if model is Channel else Fact.kind
        query = query.where(kind_column == (channel_kind or kind))
    ids = [row_id for row_id, text in session.exec(query) if fold(text) == fold(value)]
    if not ids:
        raise InputError(
            f"{contact.name} has no {kind} like that; `connect show #{contact.id}` lists what is recorded."
        )
    session.exec(delete(model).where(col(model.id).in_(ids)))  # type: ignore[attr-defined]
