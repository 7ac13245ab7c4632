"""Properties of the reconnect ranking, against the core with a fresh small journal per example."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.core import daily
from connect_cli.core.journal import ensure_current
from connect_cli.journal.sqlite import JournalLocation, locate_journal

TODAY = date(2026, 11, 22)
ENOUGH = 100  # a limit above the number of people: the whole ranking
_counter = itertools.count()


@dataclass(frozen=True)
class Person:
    every_days: int | None
    met_ago: int  # days before TODAY
    touched_ago: tuple[int, ...]  # interactions, days before TODAY
    snoozed_for: int | None  # snoozed_until = TODAY + this (may be in the past)
    archived: bool


people_strategy = st.lists(
    st.builds(
        Person,
        every_days=st.one_of(st.none(), st.integers(1, 60)),
        met_ago=st.integers(0, 200),
        touched_ago=st.lists(st.integers(0, 150), max_size=3).map(tuple),
        snoozed_for=st.one_of(st.none(), st.integers(-10, 20)),
        archived=st.booleans(),
    ),
    min_size=1,
    max_size=7,
)
examples = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    ensure_current(locate_journal(str(path)), create=True)
    return path


def fresh_journal(template: Path, people: list[Person]) -> JournalLocation:
    """A copy of the empty, migrated journal, filled through the write side."""
    from connect_cli.write.interactions import log_interaction
    from connect_cli.write.session import write_session
    from connect_cli.write.tables import Contact

    path = template.parent / f"j{next(_counter)}.db"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    location = locate_journal(str(path))
    with write_session(location) as session:
        for n, p in enumerate(people):
            contact = Contact(
                name=f"P{n}",
                every_days=p.every_days,
                met_on=TODAY - timedelta(days=p.met_ago),
                snoozed_until=TODAY + timedelta(days=p.snoozed_for)
                if p.snoozed_for is not None
                else None,
                archived=p.archived,
                created_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
            session.add(contact)
            session.flush()
            assert contact.id is not None
            for ago in p.touched_ago:
                log_interaction(session=session, contact_ids=[contact.id],
                                day=TODAY - timedelta(days=ago), at=None, kind="call", text="hi")  # fmt: skip
    return location


def ranking(location: JournalLocation, day: date = TODAY, limit: int = ENOUGH) -> list[str]:
    return [row.name for row in daily.today_list(location, today=day, limit=limit).reconnect]


def expected_ranking(people: list[Person]) -> list[str]:
    """The rule of DESIGN.md, written out plainly as an oracle for the SQL."""
    due = []
    for n, p in enumerate(people):
        snoozed = p.snoozed_for is not None and p.snoozed_for > 0
        if p.every_days is None or p.archived or snoozed:
            continue
        days = min(p.touched_ago) if p.touched_ago else p.met_ago
        if days >= p.every_days:
            due.append((-days / p.every_days, -(days - p.every_days), f"P{n}"))
    return [name for *_, name in sorted(due)]


@examples
@given(people=people_strategy)
def test_the_sql_ranking_follows_the_rule(template: Path, people: list[Person]) -> None:
    assert ranking(fresh_journal(template, people)) == expected_ranking(people)


@examples
@given(people=people_strategy, limit=st.integers(1, 5))
def test_the_list_never_exceeds_the_limit(template: Path, people: list[Person], limit: int) -> None:
    location = fresh_journal(template, people)
    full = ranking(location)
    shown = ranking(location, limit=limit)
    assert len(shown) <= limit and shown == full[:limit]


@examples
@given(people=people_strategy, who=st.integers(0, 6), ago=st.integers(0, 150))
def test_logging_an_interaction_never_raises_a_rank(
    template: Path, people: list[Person], who: int, ago: int
) -> None:
    from connect_cli.write.interactions import log_interaction
    from connect_cli.write.session import write_session

    who %= len(people)
    # A touch on or after the day they count from (their last touch, else when met): a note
    # backdated before you even met them is older news, not a new touch.
    p = people[who]
    ago = min(ago, min(p.touched_ago) if p.touched_ago else p.met_ago)
    location = fresh_journal(template, people)
    before = ranking(location)
    with write_session(location) as session:
        log_interaction(session=session, contact_ids=[who + 1],
                        day=TODAY - timedelta(days=ago), at=None, kind="note", text="x")  # fmt: skip
    after = ranking(location)

    def rank(names: list[str]) -> int:  # absent ranks below everyone
        return names.index(f"P{who}") if f"P{who}" in names else len(people)

    assert rank(after) >= rank(before)


@examples
@given(people=people_strategy, who=st.integers(0, 6), days=st.integers(1, 30))
def test_snoozing_removes_them_until_the_date(
    template: Path, people: list[Person], who: int, days: int
) -> None:
    who %= len(people)
    location = fresh_journal(template, people)
    until = TODAY + timedelta(days=days)
    daily.snooze(location, f"#{who + 1}", until)
    for day in {TODAY, until - timedelta(days=1)}:
        assert f"P{who}" not in ranking(location, day)
    on_the_day = f"P{who}" in ranking(location, until)
    daily.snooze(location, f"#{who + 1}", None)
    assert on_the_day == (f"P{who}" in ranking(location, until))
