"""Introductions as the rest of the journal sees them: the `intro` interaction's text, and what
`forget` and `merge` do to a person's side of every introduction (issue #16)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from connect_cli.domain.clock import utc_now
from connect_cli.domain.errors import InputError
from connect_cli.write.tables import Fact, FollowUp, Introduction

FORGOTTEN = "(forgotten)"


def intro_text(person: str, helper: str, need: str | None, note: str | None) -> str:
    """The text of an `intro` interaction: "Introduced A to B (for: NEED)", then the note."""
    line = f"Introduced {person} to {helper}"
    if need:
        line += f" (for: {need})"
    return f"{line}\n\n{note}" if note else line


def forget_side(connection: Connection, contact_id: int, name: str) -> None:
    """Before `forget` deletes the person: their need's words leave the introductions, their
    name leaves the `intro` interactions and check-in promises the other person keeps, and no
    met need says it was met through them. The record itself stays for the other side (its
    person_id/helper_id become NULL with the contact, ON DELETE SET NULL)."""
    params = {"id": contact_id}
    rows = connection.execute(
        text(
            "SELECT i.id, i.interaction_id, i.person_id, p.name AS person, h.name AS helper, "
            "i.need_text, i.note FROM introduction i "
            "LEFT JOIN contact p ON p.id = i.person_id LEFT JOIN contact h ON h.id = i.helper_id "
            "WHERE i.person_id = :id OR i.helper_id = :id"
        ),
        params,
    ).mappings()
    for row in list(rows):
        theirs = row["person_id"] == contact_id
        need = None if theirs else row["need_text"]
        person = FORGOTTEN if theirs else (row["person"] or FORGOTTEN)
        helper = (row["helper"] or FORGOTTEN) if theirs else FORGOTTEN
        if theirs:
            connection.execute(
                text("UPDATE introduction SET need_text = NULL WHERE id = :i"), {"i": row["id"]}
            )
        if row["interaction_id"] is not None:
            args = {"i": row["interaction_id"], "t": intro_text(person, helper, need, row["note"])}
            connection.execute(text("UPDATE interaction SET text = :t WHERE id = :i"), args)
            connection.execute(
                text(
                    "UPDATE followup SET text = replace(text, :name, :gone) "
                    "WHERE interaction_id = :i AND contact_id != :id"
                ),
                {"i": row["interaction_id"], "name": name, "gone": FORGOTTEN, "id": contact_id},
            )
    connection.execute(text("UPDATE fact SET met_by_id = NULL WHERE met_by_id = :id"), params)
    # An introduction whose other side was forgotten before names nobody any more: it goes whole,
    # its notes and outcome with it.
    connection.execute(
        text(
            "DELETE FROM introduction WHERE (person_id = :id AND helper_id IS NULL) "
            "OR (helper_id = :id AND person_id IS NULL)"
        ),
        params,
    )


def merge_side(connection: Connection, source_id: int, target_id: int) -> int:
    """`merge`: the duplicate's introductions and the needs met through them move to the person
    kept. Returns how many introductions moved."""
    params = {"source": source_id, "target": target_id}
    moved = 0
    for column in ("person_id", "helper_id"):
        result = connection.execute(
            text(f"UPDATE introduction SET {column} = :target WHERE {column} = :source"), params
        )
        moved += int(result.rowcount or 0)
    connection.execute(
        text("UPDATE fact SET met_by_id = :target WHERE met_by_id = :source"), params
    )
    # An introduction between the two duplicates would now introduce someone to themselves,
    # which `intro` refuses: it goes (the intro interaction stays in the history).
    connection.execute(
        text("DELETE FROM introduction WHERE person_id = :target AND helper_id = :target"), params
    )
    return moved


def keep_check_ins(session: Session, interaction_id: int) -> None:
    """The open check-in promises of an introduction are kept (you know how it went)."""
    for followup in session.exec(
        select(FollowUp).where(
            FollowUp.interaction_id == interaction_id, col(FollowUp.done_at).is_(None)
        )
    ):
        followup.done_at = utc_now()


def _recorded_by(session: Session, interaction_id: int) -> list[Introduction]:
    return list(
        session.exec(select(Introduction).where(Introduction.interaction_id == interaction_id))
    )


def refuse_unintro(session: Session, interaction_id: int) -> None:
    """`fix --kind` may not turn an introduction's interaction into another kind: its record
    would point at a call. (An `intro` interaction whose record is gone may change.)"""
    for record in _recorded_by(session, interaction_id):
        raise InputError(
            f"Interaction #{interaction_id} is introduction #{record.id}; to take it back use "
            f"`connect unlog {interaction_id}` (the record goes with it), then log it again."
        )


def drop_with_interaction(session: Session, interaction_id: int) -> tuple[int, ...]:
    """`unlog` of an `intro` interaction undoes the introduction: its record, the check-in
    promises made with it, and the need it met (open again, if it was met through it).
    Returns the introductions' ids. Nothing happens for other interactions."""
    dropped = []
    for record in _recorded_by(session, interaction_id):
        if record.outcome == "helped" and record.need_id is not None:
            need = session.get(Fact, record.need_id)
            if need is not None and need.met_on == record.outcome_on and (
                need.met_by_id == record.helper_id
            ):
                need.met_on, need.met_by_id = None, None
        for followup in session.exec(
            select(FollowUp).where(FollowUp.interaction_id == interaction_id)
        ):
            session.delete(followup)
        assert record.id is not None
        dropped.append(record.id)
        session.delete(record)
    session.flush()
    return tuple(dropped)
