"""Fixing mistakes (issue #14 item 3), each one transaction: correct or delete a logged
interaction, edit or cancel a promise. Everything typed is checked before the journal is opened
for writing, by the same rules as `log` and `done`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple, TypeVar

from connect_cli.core.capture import note_text, past_moment
from connect_cli.domain.days import parse_due
from connect_cli.domain.drafts import clean_text
from connect_cli.domain.errors import InputError
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.read.history import HistoryItem

T = TypeVar("T")


class InteractionEdit(NamedTuple):
    """`fix` as typed; None and empty lists leave that part as it is."""

    text: str | None = None
    on: str | None = None
    kind: str | None = None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()


class Fixed(NamedTuple):
    id: int
    changed: bool


def record_id(text: str, what: str, example: str) -> int:
    """`3` or `#3`: the id of an interaction or promise as typed."""
    digits = text.strip().removeprefix("#")
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        raise InputError(f"Give the {what}'s number, e.g. `{example}`.")
    return int(digits)


def fix_interaction(
    location: JournalLocation, interaction_id: int, edit: InteractionEdit, *, today: date
) -> Fixed:
    """Change an interaction's text, day (and time), kind, or people (WHOs added or dropped)."""
    from connect_cli.read.resolve import resolve_many
    from connect_cli.write.corrections import InteractionFix
    from connect_cli.write.corrections import fix_interaction as write_fix
    from connect_cli.write.interactions import check_logged_kind
    from connect_cli.write.session import session_reader, write_session

    if edit == InteractionEdit():
        raise InputError(
            "Say what to change: the new text, --on DATE, --kind KIND, --with WHO or --without WHO."
        )
    text = note_text(edit.text)
    day, at = past_moment(edit.on, today) if edit.on is not None else (None, None)
    kind = check_logged_kind(edit.kind) if edit.kind is not None else None
    with write_session(location) as session:
        reader = session_reader(session)
        added = resolve_many(reader, list(edit.with_)) if edit.with_ else []
        dropped = resolve_many(reader, list(edit.without)) if edit.without else []
        fix = InteractionFix(
            text=text,
            day=day,
            at=at,
            kind=kind,
            add_people=tuple(p.id for p in added),
            drop_people=tuple(p.id for p in dropped),
        )
        return Fixed(
            interaction_id, write_fix(session=session, interaction_id=interaction_id, fix=fix)
        )


def interaction_note(location: JournalLocation, interaction_id: int) -> str:
    """The note of interaction #id as it stands, for `fix ID` to open in $EDITOR."""
    from connect_cli.read.history import interaction_text

    return _interaction(location, interaction_id, interaction_text)


def interaction_to_delete(location: JournalLocation, interaction_id: int) -> HistoryItem:
    """Interaction #id as `unlog` asks about it: day, kind, people and note. Raises NotFound."""
    from connect_cli.read.history import history_item

    return _interaction(location, interaction_id, history_item)


def _interaction(
    location: JournalLocation, interaction_id: int, read: Callable[[Reader, int], T | None]
) -> T:
    """What `read` gives of interaction #id, or NotFound that says where ids are listed."""
    from connect_cli.core.journal import read_journal
    from connect_cli.domain.errors import NotFound

    with read_journal(location) as reader:
        found = read(reader, interaction_id)
    if found is None:
        raise NotFound(
            f"There is no interaction #{interaction_id}; `connect show WHO` lists them with ids."
        )
    return found


class Deleted(NamedTuple):
    id: int
    introductions: tuple[int, ...] = ()  # the introductions it recorded, deleted with it


def delete_interaction(location: JournalLocation, interaction_id: int) -> Deleted:
    """Delete an interaction (its promises stay, no longer tied to it). An `intro` interaction
    takes its introduction record with it (write/introductions.drop_with_interaction)."""
    from connect_cli.write.corrections import delete_interaction as write_delete
    from connect_cli.write.introductions import drop_with_interaction
    from connect_cli.write.session import write_session

    with write_session(location) as session:
        dropped = drop_with_interaction(session, interaction_id)
        write_delete(session=session, interaction_id=interaction_id)
    return Deleted(interaction_id, dropped)


def with_introductions(deleted: Deleted) -> str:
    """The end of `unlog`'s line when the interaction recorded an introduction (else "")."""
    if not deleted.introductions:
        return ""
    ids = " and #".join(str(i) for i in deleted.introductions)
    return f" and introduction #{ids} with it (and its check-in promises)"


def fix_promise(
    location: JournalLocation,
    promise_id: int,
    *,
    text: str | None,
    due: str | None,
    no_due: bool,
    today: date,
) -> Fixed:
    """Change a promise's text or due day (`no_due` clears it)."""
    from connect_cli.write.corrections import promise_row
    from connect_cli.write.session import write_session

    if text is None and due is None and not no_due:
        raise InputError("Say what to change: --text TEXT, --due DATE or --no-due.")
    if due is not None and no_due:
        raise InputError("Give either --due or --no-due, not both.")
    new_text = clean_text(text, "promise") if text is not None else None
    new_due = parse_due(due, today) if due is not None else None
    with write_session(location) as session:
        row = promise_row(session, promise_id)
        before = (row.text, row.due_on)
        if new_text is not None:
            row.text = new_text
        if new_due is not None or no_due:
            row.due_on = new_due
        return Fixed(promise_id, before != (row.text, row.due_on))


class Cancelled(NamedTuple):
    id: int
    text: str
    person: str


def cancel_promise(location: JournalLocation, promise_id: int) -> Cancelled:
    """Drop a promise without marking it kept: it is removed (the note it came from stays)."""
    from connect_cli.write.corrections import promise_row
    from connect_cli.write.session import write_session
    from connect_cli.write.tables import Contact

    with write_session(location) as session:
        row = promise_row(session, promise_id)
        if row.done_at is not None:
            raise InputError(
                f"Promise #{promise_id} was already kept; `connect followups --all` lists it."
            )
        person = session.get(Contact, row.contact_id)
        cancelled = Cancelled(promise_id, row.text, person.name if person else "")
        session.delete(row)
        return cancelled
