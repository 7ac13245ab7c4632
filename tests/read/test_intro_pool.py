"""The whole journal's matching weighs at most POOL people (domain/intro_match.POOL): the faster
path must give exactly what the full one gives on the journal with everyone outside the pool
archived, and the full journal itself when nobody is left out (issue #10)."""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.core.journal import ensure_current, read_journal
from connect_cli.domain.intro_match import Journal, suggest
from connect_cli.journal.sqlite import JournalLocation, locate_journal
from connect_cli.read import intros as q

TODAY = date(2026, 11, 22)
TEXTS = ["VP Sales", "hiring a VP Sales", "fintech angel investing", "intros to fintech angels",
         "a designer", "logo design", "Acme", " "]  # fmt: skip
_counter = itertools.count()


@dataclass(frozen=True)
class Person:
    touched_ago: tuple[int, ...]  # interactions, days before TODAY (a few days: ties on a day)
    archived: bool
    needs: tuple[str, ...]
    offers: tuple[str, ...]
    title: str | None
    company: str | None
    tags: tuple[str, ...]


texts = st.lists(st.sampled_from(TEXTS), max_size=2, unique=True).map(tuple)
people_strategy = st.lists(
    st.builds(
        Person,
        touched_ago=st.lists(st.integers(-2, 6), max_size=4).map(tuple),
        archived=st.booleans(),
        needs=texts,
        offers=texts,
        title=st.one_of(st.none(), st.sampled_from(TEXTS)),
        company=st.one_of(st.none(), st.sampled_from(TEXTS)),
        tags=texts,
    ),
    min_size=1,
    max_size=8,
)
examples = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.db"
    ensure_current(locate_journal(str(path)), create=True)
    return path


def fresh_journal(template: Path, people: list[Person]) -> tuple[JournalLocation, list[int]]:
    """A copy of the empty journal, filled through the write side; the people's ids."""
    from connect_cli.write.interactions import log_interaction
    from connect_cli.write.session import write_session
    from connect_cli.write.tables import Contact, Fact, Tag

    path = template.parent / f"pool{next(_counter)}.db"
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    location = locate_journal(str(path))
    ids = []
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    with write_session(location) as session:
        for n, p in enumerate(people):
            contact = Contact(name=f"P{n}", title=p.title, company=p.company,
                              archived=p.archived, created_at=stamp)  # fmt: skip
            session.add(contact)
            session.flush()
            assert contact.id is not None
            ids.append(contact.id)
            for kind, said in (("need", p.needs), ("offer", p.offers)):
                for text in said:
                    session.add(Fact(contact_id=contact.id, kind=kind, text=text, created_at=stamp))
            for tag in p.tags:
                session.add(Tag(contact_id=contact.id, name=tag))
            for ago in p.touched_ago:
                log_interaction(session=session, contact_ids=[contact.id],
                                day=TODAY - timedelta(days=ago), at=None, kind="call", text="hi")  # fmt: skip
    return location, ids


def expected_pool(people: list[Person], ids: list[int], pool: int) -> list[int]:
    """The rule of domain/intro_match.POOL written out plainly: the active people most recently
    in touch (latest first, the lower id first on a day, never-contacted last)."""
    active = [(not p.touched_ago, min(p.touched_ago, default=0), i)
              for p, i in zip(people, ids, strict=True) if not p.archived]  # fmt: skip
    return sorted(i for *_, i in sorted(active)[:pool])


def comparable(journal: Journal) -> tuple:
    """Everything matching reads; the order of texts kept (it picks the offer shown), holders
    compared as sets of listings (their order within a text changes no answer)."""
    return (
        list(journal.days.items()), list(journal.names.items()), journal.needs,
        [(text, sorted(ids)) for text, ids in journal.offers.items()],
        [(text, sorted(ids)) for text, ids in journal.evidence.items()],
    )  # fmt: skip


def shown(journal: Journal) -> list[tuple]:
    found = suggest(journal, introduced=set(), limit=5, one_each=True)
    return [(s.person_id, s.helper_id, s.need, s.offer, s.words, s.score) for s in found]


@examples
@given(people=people_strategy, pool=st.integers(1, 9), asked=st.integers(0, 7))
def test_the_pool_is_the_journal_with_everyone_else_archived(
    template: Path, people: list[Person], pool: int, asked: int
) -> None:
    """`including` (the person of `intros WHO` or `prep`) joins the pool when active."""
    location, ids = fresh_journal(template, people)
    who = asked % len(ids)
    with read_journal(location) as reader:
        pooled = q.pooled_journal(reader, TODAY, pool, including=[ids[who]])
    kept = expected_pool(people, ids, pool)
    if not people[who].archived and len(kept) < sum(not p.archived for p in people):
        kept = sorted({*kept, ids[who]})
    assert sorted(pooled.days) == kept
    assert location.path is not None
    with sqlite3.connect(location.path) as connection:
        connection.execute(
            f"UPDATE contact SET archived = 1 WHERE id NOT IN ({','.join(map(str, kept)) or 0})"
        )
    with read_journal(location) as reader:
        whole = q.matching_journal(reader, TODAY)
    assert comparable(pooled) == comparable(whole)
    assert shown(pooled) == shown(whole)


@examples
@given(people=people_strategy)
def test_a_journal_within_the_pool_is_matched_whole(template: Path, people: list[Person]) -> None:
    location, _ = fresh_journal(template, people)
    with read_journal(location) as reader:
        assert comparable(q.pooled_journal(reader, TODAY)) == comparable(
            q.matching_journal(reader, TODAY)
        )
