"""The Help section of `today`: at most one introduction a day (issue #16).

The day's suggestion is the best one (core/intros) whose pair was not suggested in the week
before; it is remembered (table help_shown) so that every `today` of that day shows the same one
without matching again, and the next days move on. Deterministic under CONNECT_TODAY: the
memory is keyed by the (pinned) day. `today --on` another day shows what would be suggested,
and remembers nothing.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import NamedTuple

from connect_cli.domain.errors import ConnectError
from connect_cli.domain.intro_match import Suggestion
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.write.help_shown import KEEP_DAYS

LOOK = 20  # suggestions read to find one not shown this week


def shown_this_week(reader: Reader, day: date) -> dict[date, tuple[int, int]]:
    rows = reader.rows(
        "SELECT day, person_id, helper_id FROM help_shown WHERE day > :since AND day <= :day",
        {"since": (day - timedelta(days=KEEP_DAYS)).isoformat(), "day": day.isoformat()},
    )
    return {date.fromisoformat(str(r["day"])[:10]): (r["person_id"], r["helper_id"]) for r in rows}


def pick(
    found: list[Suggestion], shown: dict[date, tuple[int, int]], day: date
) -> Suggestion | None:
    """Today's own, if it is still worth making; else the best not shown on another day."""
    if day in shown:
        mine = [s for s in found if (s.person_id, s.helper_id) == shown[day]]
        if mine:
            return mine[0]
    earlier = {pair for on, pair in shown.items() if on != day}
    return next((s for s in found if (s.person_id, s.helper_id) not in earlier), None)


def remembered(reader: Reader, pair: tuple[int, int] | None, day: date) -> Suggestion | None:
    """The day's remembered pair, if it is still worth making (the need open, both active, not
    introduced since), weighed against that one helper only: the whole journal's ranking (about
    100 ms of CPU at 10k people) is skipped on every `today` after the first of the day."""
    if pair is None:
        return None
    from connect_cli.domain.intro_match import suggest
    from connect_cli.read import intros as q

    person_id, helper_id = pair
    found = suggest(
        q.pooled_journal(reader, day),  # what the first run of the day weighed
        introduced=q.introduced_pairs(reader),
        needers=[person_id],
        helpers_of=helper_id,
        limit=1,
        every_pair=True,
    )
    return found[0] if found else None


class DayHelp(NamedTuple):
    chosen: Suggestion | None  # the day's introduction, if one is worth making
    shown: dict[date, tuple[int, int]]  # the pairs suggested on the week's days (help_shown)


def help_in(reader: Reader, day: date) -> DayHelp:
    """The day's Help, read in the caller's snapshot (`today` reads its list in the same one)."""
    from connect_cli.core.intros import suggestions_in

    shown = shown_this_week(reader, day)
    chosen = remembered(reader, shown.get(day), day)
    if chosen is None:
        found = suggestions_in(reader, None, today=day, limit=LOOK + len(shown))
        chosen = pick(found, shown, day)
    return DayHelp(chosen, shown)


def remember_help(location: JournalLocation, help: DayHelp, *, today: date, day: date) -> None:
    """After the read: keep today's pick when it is new (`--on` another day keeps nothing)."""
    chosen = help.chosen
    if chosen is not None and day == today and help.shown.get(day) != (
        chosen.person_id, chosen.helper_id
    ):  # fmt: skip
        _remember(location, day, chosen)


def _remember(location: JournalLocation, day: date, chosen: Suggestion) -> None:
    """Keep the day's suggestion in the journal, a file or a server.

    A memo, not the user's data: a journal that cannot take it now (busy with another writer,
    read-only, a role without write permission) still gets its daily list, and the next run that
    can write remembers the day's pick (`pick` chooses the same one meanwhile).
    """
    try:
        _record(location, day, chosen)
    except (ConnectError, sqlite3.Error):  # sqlite3's own: a file that refuses the write
        return


def _record(location: JournalLocation, day: date, chosen: Suggestion) -> None:
    if location.path is None:
        from connect_cli.journal.postgres import write_postgres
        from connect_cli.write.help_shown import record_shown_on_server

        with write_postgres(location) as connection:
            record_shown_on_server(connection, day, chosen.person_id, chosen.helper_id)
        return
    from connect_cli.core.journal import open_current
    from connect_cli.write.help_shown import record_shown

    connection = open_current(location)
    try:
        record_shown(connection, day, chosen.person_id, chosen.helper_id)
    finally:
        connection.close()
