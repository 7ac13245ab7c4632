"""The daily habit: `today` (promises, dates, whom to reconnect with), `snooze`, `followups`, `done`.

Reads go through db.read_journal (stdlib sqlite3), so `today` never imports SQLAlchemy on a SQLite
journal; the writes (`snooze`, `done`) import the SQLModel side lazily, one transaction each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from connect_cli.core.journal import read_journal
from connect_cli.core.settings import read_settings
from connect_cli.domain.clock import local_day, utc_now
from connect_cli.domain.days import parse_day
from connect_cli.domain.errors import InputError, NotFound
from connect_cli.domain.rhythms import is_zero_span, parse_rhythm
from connect_cli.domain.settings import HORIZON_RANGE, LIMIT_RANGE, check_range
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.read.daily import (
    active_people,
    best_fact,
    coming_dates,
    count_promises,
    each_promise,
    last_interaction,
    next_due,
    promise_by_id,
    promises_due,
    reconnect_rows,
)
from connect_cli.read.daily_models import DailyList, Hook, Kept, PromiseRow, ReconnectRow, Snoozed
from connect_cli.read.models import PersonRef

if TYPE_CHECKING:
    from connect_cli.domain.intro_match import Suggestion

GIST_WIDTH = 80
DEFAULT_SNOOZE_DAYS = 7
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
_LIFT = frozenset({"0", "off", "none"})
_SNOOZE_HINT = (
    "use a duration like 3d, 2w or 1m, a date like 2026-12-01 or next monday, or 0 to lift it"
)


def gist(text: str | None, width: int = GIST_WIDTH) -> str | None:
    """The first sentence of a note's first non-empty line, cut to about `width` characters."""
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), "")
    if end := _SENTENCE_END.search(line):
        line = line[: end.end()]
    line = " ".join(line.split())
    if not line:
        return None
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def talk_about(fact: Hook | None, last_note: str | None) -> Hook | None:
    """A personal fact when there is one (the query picks need > passion > family > like),
    else the gist of the last note, else nothing."""
    if fact is not None:
        return fact
    text = gist(last_note)
    return Hook("note", text) if text else None


def daily_list(reader: Reader, day: date, *, horizon: int, limit: int) -> DailyList:
    """Everything `today` shows for `day`, read in one snapshot."""
    result = DailyList(
        date=day,
        horizon=horizon,
        promises=promises_due(reader, day + timedelta(days=horizon)),
        coming_up=coming_dates(reader, day, horizon),
        reconnect=[_with_hook(reader, row) for row in reconnect_rows(reader, day, limit)],
    )
    if not result.reconnect:  # only then does the empty state need these
        result.people = active_people(reader)
        result.next_due = next_due(reader)
    return result


def _with_hook(reader: Reader, row: ReconnectRow) -> ReconnectRow:
    """Fetch the last kind and the talk-about hook: only for the few rows shown."""
    last = last_interaction(reader, row.id)
    fact = best_fact(reader, row.id)
    note = None
    if fact is None and last is not None:
        noted = last if last["text"].strip() else last_interaction(reader, row.id, with_text=True)
        note = noted["text"] if noted else None
    return row._replace(last_kind=last["kind"] if last else None, talk_about=talk_about(fact, note))


def _day_checked(today: date, on: str | None, horizon: int | None, limit: int | None) -> date:
    """The list's day (`--on`, else today), once --horizon and --limit are in range."""
    day = parse_day(on, today, prefer="future") if on is not None else today
    if limit is not None:
        check_range(limit, *LIMIT_RANGE, "--limit")
    if horizon is not None:
        check_range(horizon, *HORIZON_RANGE, "--horizon")
    return day


def today_list(
    location: JournalLocation,
    *,
    today: date,
    on: str | None = None,
    horizon: int | None = None,
    limit: int | None = None,
) -> DailyList:
    """The daily list as of `on` (default today); horizon and limit default to the settings."""
    day = _day_checked(today, on, horizon, limit)
    with read_journal(location) as reader:
        return _daily_list_in(reader, day, horizon, limit)


def _daily_list_in(reader: Reader, day: date, horizon: int | None, limit: int | None) -> DailyList:
    settings = read_settings(reader)
    return daily_list(
        reader,
        day,
        horizon=settings.horizon if horizon is None else horizon,
        limit=settings.limit if limit is None else limit,
    )


def today_with_help(
    location: JournalLocation,
    *,
    today: date,
    on: str | None = None,
    horizon: int | None = None,
    limit: int | None = None,
) -> tuple[DailyList, Suggestion | None]:
    """`today`: the daily list and the day's Help, read in one snapshot (one read transaction,
    on a file or a server); then today's pick is remembered (core/help_today)."""
    from connect_cli.core.help_today import help_in, remember_help

    day = _day_checked(today, on, horizon, limit)
    with read_journal(location) as reader:
        result = _daily_list_in(reader, day, horizon, limit)
        help = help_in(reader, day)
    remember_help(location, help, today=today, day=day)
    return result, help.chosen


def snooze_until(text: str | None, today: date) -> date | None:
    """Until when a snooze lasts: a week by default; a duration (3d, 2w, 1m) or a later date;
    `0` (also `0d`, `0 weeks`) or `off` lifts it (None)."""
    if text is None:
        return today + timedelta(days=DEFAULT_SNOOZE_DAYS)
    if text.strip().lower() in _LIFT or is_zero_span(text):
        return None
    try:
        days = parse_rhythm(text)
    except InputError:
        days = -1
    if days is None:  # never / no: a snooze that never ends is really "no rhythm"
        raise InputError(
            "A snooze needs an end; to stop reminders for good use `connect edit WHO --every never`."
        )
    if days > 0:
        return today + timedelta(days=days)
    try:
        until = parse_day(text, today, prefer="future")
    except InputError:
        raise InputError(f"That isn't a snooze I can read; {_SNOOZE_HINT}.") from None
    if until <= today:
        raise InputError(f"A snooze must end after today ({today.isoformat()}); {_SNOOZE_HINT}.")
    return until


def snooze(location: JournalLocation, who: str, until: date | None) -> Snoozed:
    """Hide someone from Reconnect until `until` (they are back on that day); None lifts it."""
    from connect_cli.read.resolve import resolve  # rapidfuzz: only commands that name someone
    from connect_cli.write.session import session_reader, write_session
    from connect_cli.write.tables import Contact, utc_now

    with write_session(location) as session:
        person = resolve(session_reader(session), who)
        contact = session.get(Contact, person.id)
        assert contact is not None
        contact.snoozed_until = until
        contact.updated_at = utc_now()
        return Snoozed(PersonRef(person.id, contact.name), until, contact.every_days is not None)


class PromisePage(NamedTuple):
    rows: list[PromiseRow]
    more: int  # promises beyond these rows


def followups_page(location: JournalLocation, *, include_done: bool, limit: int) -> PromisePage:
    """The first `limit` promises and how many more there are (a LIMIT and a COUNT in SQL)."""
    with read_journal(location) as reader:
        rows = list(each_promise(reader, include_done=include_done, limit=limit))
        more = count_promises(reader, include_done=include_done) - len(rows)
        return PromisePage(rows, max(more, 0))


@contextmanager
def each_followup(
    location: JournalLocation, *, include_done: bool, limit: int | None = None
) -> Iterator[Iterator[PromiseRow]]:
    """Promises (at most `limit`), read one by one while the block runs."""
    with read_journal(location) as reader:
        yield each_promise(reader, include_done=include_done, limit=limit)


def promise_id(text: str) -> int:
    """`3` or `#3`."""
    digits = text.strip().removeprefix("#")
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        raise InputError(
            "Give the promise's number, e.g. `connect done 3`; `connect followups` lists them."
        )
    return int(digits)


def mark_done(
    location: JournalLocation,
    promise: int,
    *,
    today: date,
    note: str | None = None,
    kind: str | None = None,
    with_: list[str] | None = None,
) -> Kept:
    """Mark a promise kept (done_at = now, UTC); with a note (as typed), also log what you did.

    `with_` (WHOs) were there too: the note is logged with them as well, resetting their clocks
    ("the intro email went to both"); without --note the promise's own text is the note.
    """
    from connect_cli.core.capture import note_text
    from connect_cli.read.resolve import resolve_many
    from connect_cli.write.interactions import check_logged_kind, log_interaction
    from connect_cli.write.session import session_reader, write_session
    from connect_cli.write.tables import FollowUp

    if kind is not None and note is None and not with_:
        raise InputError("--kind needs --note: say what you did.")
    kind = check_logged_kind(kind or "note")
    note = note_text(note)
    with write_session(location) as session:
        found = promise_by_id(session_reader(session), promise)
        if found is None:
            raise NotFound(f"There is no promise #{promise}; `connect followups` lists them.")
        if found.done_at is not None:
            raise InputError(
                f"Promise #{promise} was already kept on {local_day(found.done_at).isoformat()}; "
                "`connect followups --all` lists kept ones too."
            )
        row = session.get(FollowUp, promise)
        assert row is not None
        row.done_at = utc_now()
        interaction_id = None
        others = resolve_many(session_reader(session), with_) if with_ else []
        if note is None and others:
            note = found.text
        if note is not None:
            interaction_id = log_interaction(
                session=session,
                contact_ids=[found.person.id, *(p.id for p in others)],
                day=today,
                at=None,
                kind=kind,
                text=note,
            ).interaction_id
        return Kept(found._replace(done_at=row.done_at), interaction_id)
