"""`connect merge WHO INTO`: fold a duplicate contact into another, losing nothing.

What is known about the person follows the rules `import` follows (domain/merge_rules.py): the
duplicate (the "source") is read as a draft and planned onto the target by `plan_merge`. Its
channels, facts, tags, nicknames and important dates move unless the target has them already (a
moved row keeps its id and date); its name becomes a nickname; the target's scalars win, the
duplicate's fill the gaps, and a differing value is kept as a fact "company (merged): Initech".
What only a merge has: interactions move (one both attended keeps one participant row), as do
follow-ups and the people the duplicate introduced; the introducer fills a gap (a different one
is kept as a fact), the later snooze and the older creation time are kept. Then the duplicate is
deleted. All of it runs in the caller's one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from connect_cli.domain.drafts import ChannelValue, DateValue, PersonDraft
from connect_cli.domain.errors import InputError
from connect_cli.domain.matching import fold
from connect_cli.domain.merge_rules import SCALARS, Existing, phone_key, plan_merge
from connect_cli.domain.yearly_dates import MonthDay
from connect_cli.write.rows import row_or_not_found
from connect_cli.write.tables import (
    Channel,
    Contact,
    Fact,
    ImportantDate,
    Nickname,
    Tag,
    utc_now,
)


@dataclass
class MergeReport:
    source_id: int
    source_name: str
    target_id: int
    target_name: str
    moved: dict[str, int] = field(default_factory=dict)  # kind of item (singular) → how many moved
    already_there: int = 0  # items the target already had (not doubled)
    kept_as_facts: list[str] = field(default_factory=list)  # conflicting scalars


def merge_contacts(*, session: Session, source_id: int, target_id: int) -> MergeReport:
    """Fold contact `source_id` into `target_id` and delete the source."""
    if source_id == target_id:
        raise InputError("A person cannot be merged into themselves; name two different people.")
    source, target = _get(session, source_id), _get(session, target_id)
    report = MergeReport(source_id, source.name, target_id, target.name)
    kept = _merge_person(session, source, target, report)
    _merge_links(session, source, target, kept)
    _keep_facts(session, target, kept, report)
    report.moved["interaction"] = _move_participation(session, source_id, target_id)
    report.moved["follow-up"] = _move_followups(session, source_id, target_id)
    report.moved["introduction"] = _move_introductions(session, source_id, target_id)
    from connect_cli.write.introductions import merge_side  # issue #16: intros made move too

    report.moved["introduction"] += merge_side(session.connection(), source_id, target_id)
    session.flush()
    session.expunge(source)
    _run(session, "DELETE FROM contact WHERE id = :source", source_id, target_id)
    target.updated_at = utc_now()
    return report


def _get(session: Session, contact_id: int) -> Contact:
    missing = f"There is no person #{contact_id}; see `connect list`."
    return row_or_not_found(session, Contact, contact_id, missing)


@dataclass
class _Rows:
    """A contact's item rows, by kind, in id order."""

    nicknames: list[Nickname]
    tags: list[Tag]
    channels: list[Channel]
    facts: list[Fact]
    dates: list[ImportantDate]

    @classmethod
    def of(cls, session: Session, contact_id: int | None) -> _Rows:
        def rows(model: Any) -> list[Any]:
            query = select(model).where(model.contact_id == contact_id).order_by(model.id)
            return list(session.exec(query))

        return cls(rows(Nickname), rows(Tag), rows(Channel), rows(Fact), rows(ImportantDate))


def _birthday(contact: Contact) -> MonthDay | None:
    if contact.birthday_month is None or contact.birthday_day is None:
        return None
    return MonthDay(contact.birthday_month, contact.birthday_day, contact.birthday_year)


def _date(row: ImportantDate) -> DateValue:
    return DateValue(row.label, MonthDay(row.month, row.day, row.year))


def _existing(contact: Contact, rows: _Rows) -> Existing:
    """The target as the merge rules see it."""
    assert contact.id is not None
    return Existing(
        contact.id, contact.name, *(getattr(contact, name) for name in SCALARS),
        met_on=contact.met_on, birthday=_birthday(contact), every_days=contact.every_days,
        items={("nickname", fold(r.value)) for r in rows.nicknames}
        | {("tag", fold(r.name)) for r in rows.tags}
        | {(r.kind, fold(r.value)) for r in rows.channels}
        | {(r.kind, fold(r.text)) for r in rows.facts},
        phone_digits=[phone_key(r.value) for r in rows.channels if r.kind == "phone"],
        dates=[_date(r) for r in rows.dates],
    )  # fmt: skip


def _draft(contact: Contact, rows: _Rows) -> PersonDraft:
    """The source as the merge rules see it: everything known about them, as an import would."""
    return PersonDraft(
        name=contact.name, **{name: getattr(contact, name) for name in SCALARS},
        met_on=contact.met_on, birthday=_birthday(contact),
        every_days=contact.every_days, every_given=contact.every_days is not None,
        nicknames=[r.value for r in rows.nicknames], tags=[r.name for r in rows.tags],
        channels=[ChannelValue(r.kind, r.value, r.label) for r in rows.channels],
        facts=[(r.kind, r.text) for r in rows.facts], dates=[_date(r) for r in rows.dates],
    )  # fmt: skip


def _merge_person(
    session: Session, source: Contact, target: Contact, report: MergeReport
) -> list[str]:
    """Plan the source onto the target by the shared rules, then carry the plan out on rows: a
    planned item moves the source's own row, the others are deleted. Returns the conflicts."""
    ours, theirs = _Rows.of(session, target.id), _Rows.of(session, source.id)
    draft = _draft(source, theirs)
    plan = plan_merge(_existing(target, ours), draft, every_days=None, word="merged")
    for column, value in plan.fill.items():
        setattr(target, column, value)

    def move(
        label: str,
        rows: Sequence[Any],
        values: Sequence[Any],
        chosen: list[Any],
        key: Callable[[Any], Hashable] = lambda v: v,
    ) -> list[Any]:
        """Move the rows whose values the plan chose (in order); returns what no row holds."""
        taken = 0
        for row, value in zip(rows, values, strict=True):
            if taken < len(chosen) and key(chosen[taken]) == key(value):
                row.contact_id = target.id
                if isinstance(row, ImportantDate):
                    row.year = chosen[taken].when.year  # a year another row of it knew
                taken += 1
            else:
                session.delete(row)
                report.already_there += 1
        report.moved[label] = taken
        return chosen[taken:]

    new_names = move("nickname", theirs.nicknames, draft.nicknames, plan.nicknames)
    assert target.id is not None
    session.add_all(Nickname(contact_id=target.id, value=name) for name in new_names)
    report.moved["nickname"] += len(new_names)  # the duplicate's name
    move("tag", theirs.tags, draft.tags, plan.tags)
    move("channel", theirs.channels, draft.channels, plan.channels)
    move("fact", theirs.facts, draft.facts, plan.facts)
    move("date", theirs.dates, draft.dates, plan.dates,
         key=lambda d: (d.label, d.when.month, d.when.day))  # fmt: skip
    for filled in plan.date_years:
        for row in ours.dates:
            if row.year is None and (row.label, row.month, row.day) == (
                filled.label, filled.when.month, filled.when.day,
            ):  # fmt: skip
                row.year = filled.when.year
    session.flush()
    return list(plan.kept)


def _merge_links(session: Session, source: Contact, target: Contact, kept: list[str]) -> None:
    """What only a merge has: the introducer, the later snooze, the older creation time."""
    introducer = source.introduced_by_id
    if introducer is not None and introducer != target.id:
        if target.introduced_by_id is None or target.introduced_by_id == source.id:
            target.introduced_by_id = introducer
        elif target.introduced_by_id != introducer:
            known = session.get(Contact, introducer)
            kept.append(f"introduced by (merged): {known.name if known else introducer}")
    if target.introduced_by_id == source.id:  # the duplicate "introduced" its own twin
        target.introduced_by_id = None
    if source.snoozed_until and (
        not target.snoozed_until or source.snoozed_until > target.snoozed_until
    ):
        target.snoozed_until = source.snoozed_until  # the later snooze: both were asked for
    if source.created_at and target.created_at and source.created_at < target.created_at:
        target.created_at = source.created_at  # the relationship is as old as its first record


def _keep_facts(session: Session, target: Contact, kept: list[str], report: MergeReport) -> None:
    """Conflicting values as facts "company (merged): Initech", each once."""
    assert target.id is not None
    existing = {
        fold(t) for t in session.exec(select(Fact.text).where(Fact.contact_id == target.id))
    }
    for fact_text in kept:
        if fold(fact_text) not in existing:
            existing.add(fold(fact_text))
            session.add(Fact(contact_id=target.id, kind="fact", text=fact_text))
            report.kept_as_facts.append(fact_text)


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
