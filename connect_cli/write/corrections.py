"""Correcting what was logged: an interaction's text, day, kind and people, or a promise's text and
due day; deleting an interaction, cancelling a promise. Inside the caller's one transaction.

The search index follows through the journal's own triggers (migrations 0002, 0003: an update of
`interaction.text` or a delete re-indexes); participants' copy of the day follows the interaction
through `interaction_day_to_participants`, and a deleted interaction takes its participants with it
(ON DELETE CASCADE) and leaves its promises standing (ON DELETE SET NULL).
"""

from __future__ import annotations

from datetime import date, time
from typing import NamedTuple

from sqlmodel import Session, col, delete, select

from connect_cli.domain.errors import InputError
from connect_cli.write.interactions import check_kind
from connect_cli.write.introductions import refuse_unintro
from connect_cli.write.rows import row_or_not_found
from connect_cli.write.tables import FollowUp, Interaction, Participant


class InteractionFix(NamedTuple):
    """What to change about one interaction (None: keep); people are contact ids."""

    text: str | None = None
    day: date | None = None
    at: time | None = None
    kind: str | None = None
    add_people: tuple[int, ...] = ()
    drop_people: tuple[int, ...] = ()


def interaction_row(session: Session, interaction_id: int) -> Interaction:
    missing = f"There is no interaction #{interaction_id}; `connect show WHO` lists them with ids."
    return row_or_not_found(session, Interaction, interaction_id, missing)


def fix_interaction(*, session: Session, interaction_id: int, fix: InteractionFix) -> bool:
    """Apply `fix`; True when anything changed. Refuses to leave the interaction with nobody."""
    interaction = interaction_row(session, interaction_id)
    before = (
        interaction.text,
        interaction.happened_on,
        interaction.happened_time,
        interaction.kind,
    )
    if fix.text is not None:
        interaction.text = fix.text
    if fix.day is not None:
        interaction.happened_on, interaction.happened_time = fix.day, fix.at
    if fix.kind is not None:
        kind = check_kind(fix.kind)
        if kind != interaction.kind and interaction.kind == "intro":
            refuse_unintro(session, interaction_id)
        interaction.kind = kind
    changed = before != (
        interaction.text,
        interaction.happened_on,
        interaction.happened_time,
        interaction.kind,
    )
    return _fix_people(session, interaction, fix) or changed


def _fix_people(session: Session, interaction: Interaction, fix: InteractionFix) -> bool:
    assert interaction.id is not None
    people = set(
        session.exec(
            select(Participant.contact_id).where(Participant.interaction_id == interaction.id)
        )
    )
    wanted = (people | set(fix.add_people)) - set(fix.drop_people)
    if not wanted:
        raise InputError(
            f"Interaction #{interaction.id} needs someone; to remove it use "
            f"`connect unlog {interaction.id}`."
        )
    for contact_id in sorted(people - wanted):
        session.exec(  # type: ignore[call-overload]
            delete(Participant).where(
                col(Participant.interaction_id) == interaction.id,
                col(Participant.contact_id) == contact_id,
            )
        )
    for contact_id in sorted(wanted - people):
        session.add(
            Participant(
                interaction_id=interaction.id,
                contact_id=contact_id,
                happened_on=interaction.happened_on,
            )
        )
    session.flush()
    return wanted != people


def delete_interaction(*, session: Session, interaction_id: int) -> Interaction:
    interaction = interaction_row(session, interaction_id)
    session.delete(interaction)
    session.flush()
    return interaction


def promise_row(session: Session, promise_id: int) -> FollowUp:
    missing = f"There is no promise #{promise_id}; `connect followups` lists them."
    return row_or_not_found(session, FollowUp, promise_id, missing)
