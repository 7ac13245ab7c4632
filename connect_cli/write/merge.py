"""`connect merge WHO INTO`: fold a duplicate contact into another, losing nothing.

Everything about the duplicate (the "source") moves to the "target": channels, facts, tags,
nicknames, important dates, interactions (an interaction both attended keeps one participant
row), follow-ups, and the people the duplicate introduced. Items the target already has (same
kind and same text, ignoring case and accents — the rule `add` and `edit` use) are not
doubled. The duplicate's name becomes a nickname of the target when different. Scalars: the
target's value wins when both are set, the duplicate's fills the gaps, and a differing value of
the duplicate is kept as a fact "company (merged): Initech". Then the duplicate is deleted.
All of it runs in the caller's one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from connect_cli.domain.errors import InputError, NotFound
from connect_cli.domain.matching import fold
from connect_cli.domain.parsing import MonthDay
from connect_cli.write.tables import (
    Channel,
    Contact,
    Fact,
    ImportantDate,
    Nickname,
    Tag,
    utc_now,
)

# Scalar fields in the user's words, as they appear in a "(merged)" fact.
SCALARS = {
    "company": "company",
    "title": "title",
    "location": "location",
    "met_at": "met at",
    "met_on": "met on",
    "every_days": "every (days)",
}


@dataclass
class MergeReport:
    source_id: int
    source_name: str
    target_id: int
    target_name: str
    moved: dict[str, int] = field(default_factory=dict)  # kind of item → how many moved
    already_there: int = 0  # items the target already had (not doubled)
    kept_as_facts: list[str] = field(default_factory=list)  # conflicting scalars


def merge_contacts(*, session: Session, source_id: int, target_id: int) -> MergeReport:
    """Fold contact `source_id` into `target_id` and delete the source."""
    if source_id == target_id:
        raise InputError("A person cannot be merged into themselves; name two different people.")
    source, target = _get(session, source_id), _get(session, target_id)
    report = MergeReport(source_id, source.name, target_id, target.name)
    _merge_scalars(session, source, target, report)
    _move_items(session, source, target, report)
    report.moved["interactions"] = _move_participation(session, source_id, target_id)
    report.moved["follow-ups"] = _move_followups(session, source_id, target_id)
    report.moved["introductions"] = _move_introductions(session, source_id, target_id)
    session.flush()
    session.expunge(source)
    _run(session, "DELETE FROM contact WHERE id = :source", source_id, target_id)
    target.updated_at = utc_now()
    return report


def _get(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise NotFound(f"There is no person #{contact_id}; see `connect list`.")
    return contact


def _merge_scalars(session: Session, source: Contact, target: Contact, report: MergeReport) -> None:
    conflicts: list[str] = []
    for name, words in SCALARS.items():
        theirs, ours = getattr(source, name), getattr(target, name)
        if theirs is None or theirs == "":
            continue
        if ours is None or ours == "":
            setattr(target, name, theirs)
        elif fold(str(theirs)) != fold(str(ours)):
            conflicts.append(f"{words} (merged): {theirs}")
    _merge_birthday(source, target, conflicts)
    introducer = source.introduced_by_id
    if introducer is not None and introducer != target.id:
        if target.introduced_by_id is None or target.introduced_by_id == source.id:
            target.introduced_by_id = introducer
        elif target.introduced_by_id != introducer:
            known = session.get(Contact, introducer)
            conflicts.append(f"introduced by (merged): {known.name if known else introducer}")
    if target.introduced_by_id == source.id:  # the duplicate "introduced" its own twin
        target.introduced_by_id = None
    if source.snoozed_until and (
        not target.snoozed_until or source.snoozed_until > target.snoozed_until
    ):
        target.snoozed_until = source.snoozed_until  # the later snooze: both were asked for
    if source.created_at and target.created_at and source.created_at < target.created_at:
        target.created_at = source.created_at  # the relationship is as old as its first record
    existing = {
        fold(t) for t in session.exec(select(Fact.text).where(Fact.contact_id == target.id))
    }
    assert target.id is not None
    for fact_text in conflicts:
        if fold(fact_text) not in existing:
            session.add(Fact(contact_id=target.id, kind="fact", text=fact_text))
            report.kept_as_facts.append(fact_text)


def _merge_birthday(source: Contact, target: Contact, conflicts: list[str]) -> None:
    if source.birthday_month is None or source.birthday_day is None:
        return
    theirs = MonthDay(source.birthday_month, source.birthday_day, source.birthday_year)
    if target.birthday_month is None:
        target.birthday_month, target.birthday_day = theirs.month, theirs.day
        target.birthday_year = theirs.year
    elif (target.birthday_month, target.birthday_day) == (theirs.month, theirs.day):
        if target.birthday_year is None:
            target.birthday_year = theirs.year  # the duplicate knew the year
        elif theirs.year not in (None, target.birthday_year):
            conflicts.append(f"birthday (merged): {theirs.isoformat()}")
    else:
        conflicts.append(f"birthday (merged): {theirs.isoformat()}")


def _move_items(session: Session, source: Contact, target: Contact, report: MergeReport) -> None:
    """Nicknames, tags, channels, facts, dates: move each unless the target has it already."""
    names = {fold(target.name)}
    nickname_keys = names | {
        fold(v)
        for v in session.exec(select(Nickname.value).where(Nickname.contact_id == target.id))
    }
    specs: tuple[tuple[str, Any, Callable[[Any], Hashable], set[Any] | None], ...] = (
        ("nicknames", Nickname, lambda r: fold(r.value), nickname_keys),
        ("tags", Tag, lambda r: fold(r.name), None),
        ("channels", Channel, lambda r: (r.kind, fold(r.value)), None),
        ("facts", Fact, lambda r: (r.kind, fold(r.text)), None),
        ("dates", ImportantDate, lambda r: (fold(r.label), r.month, r.day, r.year), None),
    )
    for label, model, key, known in specs:
        theirs = list(session.exec(select(model).where(model.contact_id == source.id)))
        ours: set[Any] = (
            known
            if known is not None
            else {key(r) for r in session.exec(select(model).where(model.contact_id == target.id))}
        )
        moved = 0
        for row in theirs:
            if key(row) in ours:
                session.delete(row)
                report.already_there += 1
            else:
                ours.add(key(row))
                row.contact_id = target.id
                moved += 1
        report.moved[label] = moved
        session.flush()
    if fold(source.name) not in nickname_keys:
        assert target.id is not None
        session.add(Nickname(contact_id=target.id, value=source.name))
        report.moved["nicknames"] += 1


def _run(session: Session, sql: str, source_id: int, target_id: int) -> int:
    """One bulk statement on the session's transaction; returns how many rows it touched."""
    result = session.connection().execute(text(sql), {"source": source_id, "target": target_id})
    return int(getattr(result, "rowcount", 0) or 0)


def _move_participation(session: Session, source_id: int, target_id: int) -> int:
    """Interactions move to the target; one both attended keeps the target's row only."""
    _run(
        session,
        "DELETE FROM participant WHERE contact_id = :source AND interaction_id IN "
        "(SELECT interaction_id FROM participant WHERE contact_id = :target)",
        source_id,
        target_id,
    )
    return _run(
        session,
        "UPDATE participant SET contact_id = :target WHERE contact_id = :source",
        source_id,
        target_id,
    )


def _move_followups(session: Session, source_id: int, target_id: int) -> int:
    return _run(
        session,
        "UPDATE followup SET contact_id = :target WHERE contact_id = :source",
        source_id,
        target_id,
    )


def _move_introductions(session: Session, source_id: int, target_id: int) -> int:
    """Whoever the duplicate introduced was introduced by the person kept."""
    return _run(
        session,
        "UPDATE contact SET introduced_by_id = :target "
        "WHERE introduced_by_id = :source AND id != :target",
        source_id,
        target_id,
    )
