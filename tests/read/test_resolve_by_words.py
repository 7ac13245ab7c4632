"""WHO resolution through the name index (journal/name_words.py) finds exactly whom the rule
finds over everyone (domain/matching.py, resolve_person), for any names and any query."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.domain.errors import ConnectError
from connect_cli.domain.matching import resolve_person
from connect_cli.journal.name_words import BACKFILL, INDEX, MISMATCHES, TABLE, TRIGGERS
from connect_cli.journal.sql_functions import register_functions
from connect_cli.journal.sqlite import SqliteReader
from connect_cli.read.people import candidates_by_word, person_candidates
from connect_cli.read.resolve import by_words, resolve_many

PEOPLE = [
    ("Linda Holcman", ["Lin"]), ("Linda Stone", []), ("Lindsay Park", []), ("Bob Stone", ["Bobby"]),
    ("Zoë Müller", []), ("Zoe Muller", []), ("Łukasz O'Brien-Wójcik", ["Luke"]), ("王小明", []),
    ("山田太郎", ["Taro"]), ("Mary-Jane Smith", ["MJ"]), ("Jo Jo", []), ("Jo", []),
    ("Sam C. Foster", []), ("12", []), ("Ana  Silva", ["Ana"]), ("Ahmed Khan", []),
]  # fmt: skip
ARCHIVED = {2, 6}


def journal(people: list[tuple[str, list[str]]]) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    register_functions(connection)
    connection.execute(
        "CREATE TABLE contact (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, company VARCHAR, "
        "archived BOOLEAN NOT NULL DEFAULT 0)"
    )
    connection.execute(
        "CREATE TABLE nickname (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL "
        "REFERENCES contact (id) ON DELETE CASCADE, value VARCHAR NOT NULL)"
    )
    connection.execute(TABLE)
    connection.execute(INDEX)
    for statement in TRIGGERS.values():
        connection.execute(statement)
    for n, (name, nicknames) in enumerate(people, start=1):
        connection.execute(
            "INSERT INTO contact (id, name, archived) VALUES (?, ?, ?)", (n, name, n in ARCHIVED)
        )
        for nickname in nicknames:
            connection.execute(
                "INSERT INTO nickname (contact_id, value) VALUES (?, ?)", (n, nickname)
            )
    return connection


def outcome(resolve) -> tuple[str, object]:  # type: ignore[no-untyped-def]
    try:
        return "found", resolve().id
    except ConnectError as error:
        return type(error).__name__, str(error)


def same_answer(connection: sqlite3.Connection, query: str) -> None:
    reader = SqliteReader(connection)
    everyone = person_candidates(reader)
    expected = outcome(lambda: resolve_person(query, everyone))
    assert outcome(lambda: resolve_many(reader, [query])[0]) == expected, query


@pytest.fixture
def people() -> Iterator[sqlite3.Connection]:
    connection = journal(PEOPLE)
    yield connection
    connection.close()


QUERIES = [
    "linda", "lin", "lin holc", "h linda", "LINDA STONE", "stone", "zoe", "zoë", "muller",
    "lukasz", "o'brien", "obrien", "brien", "wojcik", "小明", "王小明", "太郎", "taro", "mj",
    "mary", "jane", "mary-jane", "jo", "jo jo", "sam c", "c. foster", "12", "#12", "#99", "ana",
    "lnda", "bobby", "bob", "ahmad", "nobody at all", "  l  ", "st",
]  # fmt: skip


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_whom_the_whole_journal_would(
    people: sqlite3.Connection, query: str
) -> None:
    same_answer(people, query)


def test_a_name_found_by_its_words_reads_only_those_people(people: sqlite3.Connection) -> None:
    reader = SqliteReader(people)
    assert {c.name for c in candidates_by_word(reader, "lin") or []} == {
        "Linda Holcman", "Linda Stone", "Lindsay Park",
    }  # fmt: skip
    assert by_words(reader, "lnda") is None  # a typo: the fuzzy step over everyone decides


def test_edits_renames_merges_and_deletes_keep_the_index_exact(people: sqlite3.Connection) -> None:
    run = people.execute
    run("PRAGMA foreign_keys = ON")
    run("UPDATE contact SET name = 'Linnea Holm' WHERE id = 1")
    run("UPDATE nickname SET value = 'Bobster' WHERE value = 'Bobby'")
    run("UPDATE nickname SET contact_id = 5 WHERE value = 'Luke'")  # a merge moves nicknames
    run("DELETE FROM nickname WHERE value = 'MJ'")
    run("DELETE FROM contact WHERE id = 9")  # its nickname goes by cascade
    assert run(MISMATCHES).fetchone()[0] == 0
    for query in ("linnea", "linda", "bobster", "bobby", "luke", "mj", "taro", "holm"):
        same_answer(people, query)


def test_the_backfill_makes_what_the_triggers_make(people: sqlite3.Connection) -> None:
    before = sorted(people.execute("SELECT * FROM name_word"))
    for statement in BACKFILL:
        people.execute(statement)
    assert sorted(people.execute("SELECT * FROM name_word")) == before != []
    people.execute("DELETE FROM name_word WHERE contact_id = 3")
    assert people.execute(MISMATCHES).fetchone()[0] > 0  # doctor's query sees a drift


NAME = st.text(
    alphabet=st.sampled_from("abcdeijlnos ÉéëŁłøü'-.小明王山田김민준 "), min_size=1, max_size=12
).filter(str.strip)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(st.tuples(NAME, st.lists(NAME, max_size=2)), min_size=1, max_size=8),
    query=st.one_of(NAME, st.sampled_from(["a", "jo", "łu", "小", "e. s", "#1", "1"])),
)
def test_any_names_any_query_same_answer(
    people: list[tuple[str, list[str]]], query: str
) -> None:
    connection = journal(people)
    try:
        same_answer(connection, query)
        for name, _ in people:  # a whole name, and its first few letters
            same_answer(connection, name)
            same_answer(connection, name.strip()[:2])
    finally:
        connection.close()
