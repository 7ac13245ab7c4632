"""Writing what happened: interactions (one or more people) and the promises made in them."""

from __future__ import annotations

from datetime import date, time
from typing import NamedTuple

from sqlmodel import Session

from connect_cli.domain.errors import InputError
from connect_cli.domain.vocabulary import INTERACTION_KINDS
from connect_cli.write.tables import FollowUp, Interaction, Participant


class Promise(NamedTuple):
    text: str
    due_on: date | None = None


def check_kind(kind: str) -> str:
    value = kind.strip().lower()
    if value not in INTERACTION_KINDS:
        raise InputError(f"Unknown kind {kind[:30]!r}; use one of {', '.join(INTERACTION_KINDS)}.")
    return value


def check_logged_kind(kind: str) -> str:
    """check_kind for what `log`, `done --note` and `fix --kind` write by hand: never `intro`,
    which only `connect intro` makes, with its record and check-in promises (issue #16)."""
    value = check_kind(kind)
    if value == "intro":
        raise InputError(
            "An introduction is logged with `connect intro A B` (it keeps the record and asks "
            "both how it went); give another --kind here."
        )
    return value


def log_interaction(
    *,
    session: Session,
    contact_ids: list[int],
    day: date,
    at: time | None,
    kind: str,
    text: str,
    promise: Promise | None = None,
) -> LoggedRows:
    """One interaction with everyone in `contact_ids`; any kind resets each person's clock.

    Returns the ids of the interaction and of its promise (None without one), both flushed.
    """
    if not contact_ids:
        raise InputError("Name at least one person to log an interaction with.")
    interaction = Interaction(happened_on=day, happened_time=at, kind=check_kind(kind), text=text)
    session.add(interaction)
    session.flush()
    assert interaction.id is not None
    for contact_id in dict.fromkeys(contact_ids):
        session.add(
            Participant(interaction_id=interaction.id, contact_id=contact_id, happened_on=day)
        )
    if promise is None:
        return LoggedRows(interaction.id, None)
    # The promise belongs to the first person named: "Intro Linda to Bob" is owed to Linda.
    followup = add_followup(
        session=session, contact_id=contact_ids[0], promise=promise, interaction_id=interaction.id
    )
    session.flush()
    assert followup.id is not None
    return LoggedRows(interaction.id, followup.id)


class LoggedRows(NamedTuple):
    interaction_id: int
    followup_id: int | None


def add_followup(
    *, session: Session, contact_id: int, promise: Promise, interaction_id: int | None = None
) -> FollowUp:
    followup = FollowUp(
        contact_id=contact_id,
        interaction_id=interaction_id,
        text=promise.text,
        due_on=promise.due_on,
    )
    session.add(followup)
    return followup
