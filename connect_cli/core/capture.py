"""The capture use cases, each one transaction: add a person, log what happened."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import NamedTuple

from connect_cli.domain.clock import current
from connect_cli.domain.days import parse_due, parse_moment
from connect_cli.domain.drafts import MAX_NOTE, RawPerson, build_draft, clean_text
from connect_cli.domain.errors import InputError, PersonChoice
from connect_cli.journal.sqlite import JournalLocation, Reader


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
    # People the new name could also mean ("Priya R." beside "Priya Raman"): a warning, not a stop.
    looks_like: tuple[PersonChoice, ...] = ()


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
    # Typed as an argument, piped or written in $EDITOR: no option to leave out.
    if typed is None:
        return None
    return clean_text(typed, "note", MAX_NOTE, if_empty="write what happened")


def check_new_person(location: JournalLocation, new: NewPerson, *, today: date) -> None:
    """Check everything `add` was given, reading the journal only (when there is one yet).

    Interactive `add` runs it before its first question, so a bad flag costs no answers.
    """
    from connect_cli.core.journal import read_journal

    build_draft(new.raw, today)
    note_text(new.note)
    _promise(new.follow_up, new.due, today)
    if new.raw.via is not None and journal_exists(location):
        from connect_cli.read.resolve import resolve

        with read_journal(location) as reader:
            resolve(reader, new.raw.via)


def journal_exists(location: JournalLocation) -> bool:
    """True for a server, or for a journal file already made (a first `add` creates one)."""
    from connect_cli.journal.sqlite import find_journal

    return location.path is None or find_journal(location, create=True)


def same_name(location: JournalLocation, name: str) -> PersonChoice | None:
    """Someone already called exactly `name` (case- and accent-insensitive), asked at once by the
    interactive `add` so that the next questions are not answered for nothing."""
    from connect_cli.core.journal import read_journal
    from connect_cli.domain.drafts import clean_name
    from connect_cli.domain.matching import fold
    from connect_cli.read.people import person_candidates

    wanted = fold(clean_name(name))
    if not journal_exists(location):
        return None
    with read_journal(location) as reader:
        for person in person_candidates(reader):
            if fold(person.name) == wanted:
                return PersonChoice(person.id, person.name, person.company)
    return None


def people_like(reader: Reader, name: str) -> tuple[PersonChoice, ...]:
    """Who else `name` would name as a WHO (prefix, nickname or clear fuzzy match, or several),
    leaving out an exact namesake (that is a duplicate, refused or allowed by --duplicate)."""
    from connect_cli.domain.errors import AmbiguousPerson, ConnectError
    from connect_cli.domain.matching import fold, id_in, resolve_person
    from connect_cli.read.people import person_candidates

    if id_in(name) is not None:
        return ()
    try:
        # An initial's full stop ("Priya R.") is not part of a word: "Priya R" names her.
        found = resolve_person(name.replace(".", " "), person_candidates(reader))
    except AmbiguousPerson as several:
        return tuple(several.candidates[:3])
    except ConnectError:
        return ()
    if fold(found.name) == fold(name):
        return ()
    return (PersonChoice(found.id, found.name, found.company),)


def add_new_person(location: JournalLocation, new: NewPerson, *, today: date) -> Added:
    from connect_cli.core.settings import read_settings
    from connect_cli.write.interactions import add_followup, log_interaction
    from connect_cli.write.people import add_person
    from connect_cli.write.session import session_reader, write_session

    draft = build_draft(new.raw, today)
    note = note_text(new.note)
    if note is not None and draft.met_on is None:  # --note logs the first meeting: you met today
        draft = replace(draft, met_on=today)
    promise = _promise(new.follow_up, new.due, today)
    with write_session(location, create=True) as session:
        settings = read_settings(session_reader(session))
        looks_like = people_like(session_reader(session), draft.name or "")
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
        return Added(contact.id, contact.name, interaction_id, followup_id, looks_like)


def past_moment(text: str, today: date) -> tuple[date, time | None]:
    """When an interaction happened, as `--on` gives it: parsing.parse_moment (which refuses a
    later day), and a time of day today that is still to come is refused the same way: the
    journal records what happened; plans are promises. Now is this run's clock (domain/clock.py)."""
    day, at = parse_moment(text, today)
    now = current().moment
    if at is not None and day == today == now.date() and at > now.time().replace(tzinfo=None):
        raise InputError(
            f"{at.strftime('%H:%M')} today is still to come, and an interaction is logged once "
            "it has happened; to plan one, add a follow-up with --follow-up TEXT --due DATE."
        )
    return day, at


def check_log(location: JournalLocation, entry: LogEntry, *, today: date) -> LogPlan:
    """Check every argument of `log` but the note, reading the journal only.

    Run before the editor opens, so a mistyped name, kind, day or `--due` costs the user nothing
    they wrote (issue #14). Raises what `log_entry` would raise for the same arguments.
    """
    from connect_cli.core.journal import read_journal
    from connect_cli.read.resolve import resolve_many
    from connect_cli.write.interactions import check_logged_kind

    day, _ = past_moment(entry.on, today) if entry.on is not None else (today, None)
    kind = check_logged_kind(entry.kind)
    _promise(entry.follow_up, entry.due, today)
    with read_journal(location) as reader:
        people = resolve_many(reader, entry.whos)
    return LogPlan([p.name for p in people], day, kind)


def log_entry(location: JournalLocation, entry: LogEntry, *, today: date) -> Logged:
    from connect_cli.read.resolve import resolve_many
    from connect_cli.write.interactions import check_logged_kind, log_interaction
    from connect_cli.write.session import session_reader, write_session

    text = note_text(entry.text)
    assert text is not None
    day, at = past_moment(entry.on, today) if entry.on is not None else (today, None)
    kind = check_logged_kind(entry.kind)
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
