"""The capture use cases, each one transaction: add a person, log what happened."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from connect_cli.domain.drafts import MAX_NOTE, RawPerson, build_draft, clean_text
from connect_cli.domain.parsing import parse_due, parse_moment
from connect_cli.journal.sqlite import JournalLocation


class NewPerson(NamedTuple):
    """`add` as typed: every field is checked and parsed here (domain/drafts.py rules)."""

    raw: RawPerson
    note: str | None = None
    follow_up: str | None = None
    due: str | None = None
    allow_duplicate: bool = False


class Added(NamedTuple):
    id: int
    name: str
    interaction_id: int | None
    followup_id: int | None


class LogEntry(NamedTuple):
    """`log` as typed: the note, kind, days and promise are checked and parsed here."""

    whos: list[str]
    text: str
    kind: str = "note"
    on: str | None = None
    follow_up: str | None = None
    due: str | None = None


class LogPlan(NamedTuple):
    """Everything `log` was told but the note, checked: who, which day, what kind."""

    names: list[str]
    on: date
    kind: str


class Logged(NamedTuple):
    interaction_id: int
    names: list[str]
    on: date
    kind: str
    followup_id: int | None


def _promise(follow_up: str | None, due: str | None, today: date):  # type: ignore[no-untyped-def]
    from connect_cli.domain.errors import InputError
    from connect_cli.write.interactions import Promise

    if follow_up is None:
        if due is not None:
            raise InputError("--due needs --follow-up: say what you promised.")
        return None
    return Promise(
        clean_text(follow_up, "follow-up"), parse_due(due, today) if due is not None else None
    )


def note_text(typed: str | None) -> str | None:
    """A note as typed (argument, stdin or $EDITOR), checked: the one rule for every note."""
    return clean_text(typed, "note", MAX_NOTE) if typed is not None else None


def add_new_person(location: JournalLocation, new: NewPerson, *, today: date) -> Added:
    from connect_cli.core.settings import read_settings
    from connect_cli.write.interactions import add_followup, log_interaction
    from connect_cli.write.people import add_person
    from connect_cli.write.session import session_reader, write_session

    draft = build_draft(new.raw, today)
    note = note_text(new.note)
    promise = _promise(new.follow_up, new.due, today)
    with write_session(location, create=True) as session:
        settings = read_settings(session_reader(session))
        contact = add_person(
            session=session,
            draft=draft,
            every_default=settings.every_days,
            allow_duplicate=new.allow_duplicate,
        )
        assert contact.id is not None
        interaction_id = followup_id = None
        if note is not None:
            # The first meeting, dated when they met (default today).
            interaction_id, followup_id = log_interaction(
                session=session,
                contact_ids=[contact.id],
                day=draft.met_on or today,
                at=None,
                kind="meeting",
                text=note,
                promise=promise,
            )
        elif promise is not None:
            followup_id = add_followup(session=session, contact_id=contact.id, promise=promise).id
        session.flush()
        return Added(contact.id, contact.name, interaction_id, followup_id)


def check_log(location: JournalLocation, entry: LogEntry, *, today: date) -> LogPlan:
    """Check every argument of `log` but the note, reading the journal only.

    Run before the editor opens, so a mistyped name, kind, day or `--due` costs the user nothing
    they wrote (issue #14). Raises what `log_entry` would raise for the same arguments.
    """
    from connect_cli.core.journal import read_journal
    from connect_cli.read.resolve import resolve_many
    from connect_cli.write.interactions import check_kind

    day, _ = parse_moment(entry.on, today) if entry.on is not None else (today, None)
    kind = check_kind(entry.kind)
    _promise(entry.follow_up, entry.due, today)
    with read_journal(location) as reader:
        people = resolve_many(reader, entry.whos)
    return LogPlan([p.name for p in people], day, kind)


def log_entry(location: JournalLocation, entry: LogEntry, *, today: date) -> Logged:
    from connect_cli.read.resolve import resolve_many
    from connect_cli.write.interactions import check_kind, log_interaction
    from connect_cli.write.session import session_reader, write_session

    text = note_text(entry.text)
    assert text is not None
    day, at = parse_moment(entry.on, today) if entry.on is not None else (today, None)
    kind = check_kind(entry.kind)
    promise = _promise(entry.follow_up, entry.due, today)
    with write_session(location) as session:
        people = resolve_many(session_reader(session), entry.whos)
        interaction_id, followup_id = log_interaction(
            session=session,
            contact_ids=[p.id for p in people],
            day=day,
            at=at,
            kind=kind,
            text=text,
            promise=promise,
        )
        return Logged(interaction_id, [p.name for p in people], day, kind, followup_id)
