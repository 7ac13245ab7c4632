"""`stats` health counts people by standing in one SQL aggregate over contact (read/stats.HEALTH,
issue #10): the counts must be the rule of read/stats.Health written out plainly, for any mix of
rhythms, snoozes, last touches, met days and added days, at the band edges too."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.core.journal import ensure_current, read_journal
from connect_cli.journal.sqlite import connect_sqlite, locate_journal
from connect_cli.read.stats import DUE_SOON_DAYS, OVERDUE_BANDS, Health, Scope, health

TODAY = date(2026, 11, 22)
_counter = itertools.count()


@dataclass(frozen=True)
class Person:
    every_days: int | None
    snoozed_in: int | None  # snoozed until this many days after TODAY (negative: in the past)
    touched_ago: int | None  # contact.last_contact_on, days before TODAY
    met_ago: int | None
    added_ago: int  # created_at, days before TODAY
    archived: bool


days_ago = st.one_of(st.none(), st.integers(-3, 80))
people_strategy = st.lists(
    st.builds(
        Person,
        every_days=st.one_of(st.none(), st.integers(1, 45)),
        snoozed_in=st.one_of(st.none(), st.integers(-2, 2)),
        touched_ago=days_ago,
        met_ago=days_ago,
        added_ago=st.integers(0, 80),
        archived=st.booleans(),
    ),
    max_size=12,
)


def expected(people: list[Person]) -> Health:
    """The bands of read/stats.Health, person by person."""
    week, month = OVERDUE_BANDS
    counts = dict.fromkeys(Health.__dataclass_fields__, 0)
    for p in people:
        if p.archived:
            continue
        if p.every_days is None:
            band = "no_rhythm"
        elif p.snoozed_in is not None and p.snoozed_in > 0:
            band = "snoozed"
        else:
            since = next(ago for ago in (p.touched_ago, p.met_ago, p.added_ago) if ago is not None)
            lag = since - p.every_days  # days past the rhythm
            band = (
                "on_track" if lag < -DUE_SOON_DAYS
                else "due" if lag < 0
                else "overdue_week" if lag < week
                else "overdue_month" if lag < month
                else "overdue_more"
            )  # fmt: skip
        counts[band] += 1
    return Health(**counts)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    ensure_current(locate_journal(str(path)), create=True)
    return path


def journal_of(template: Path, people: list[Person]) -> Path:
    path = template.parent / f"health{next(_counter)}.db"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)

    def day(ago: int | None) -> str | None:
        return None if ago is None else (TODAY - timedelta(days=ago)).isoformat()

    connection = connect_sqlite(path)
    with connection:
        for n, p in enumerate(people):
            added = f"{day(p.added_ago)} 23:30:00.000000"  # a UTC moment late in the day
            snoozed = None if p.snoozed_in is None else day(-p.snoozed_in)
            connection.execute(
                "INSERT INTO contact (name, every_days, snoozed_until, last_contact_on, met_on,"
                " archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (f"P{n}", p.every_days, snoozed, day(p.touched_ago), day(p.met_ago),
                 p.archived, added, added),
            )  # fmt: skip
    connection.close()
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=people_strategy)
def test_health_counts_each_person_in_the_band_of_the_rule(
    template: Path, people: list[Person]
) -> None:
    path = journal_of(template, people)
    with read_journal(locate_journal(str(path))) as reader:
        assert health(reader, Scope(), TODAY) == expected(people)
    path.unlink()
