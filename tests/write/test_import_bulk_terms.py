"""A big import decides in SQL which index rows need `connect_terms` (write/search_index.py), and
calls into Python only for those: the index it writes is the one the per-row triggers write, for
every script, apostrophe, phone and control character."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from connect_cli.journal.sql_functions import MAY_HAVE_TERMS, search_terms
from tests.conftest import Run

KINDS = ["name", "company", "tag", "fact", "email", "phone", "url", "location"]


@given(st.text(), st.sampled_from(KINDS))
@example("O'Brien", "name")
@example("Tab\there", "fact")
@example("Line one\nline two", "fact")
@example("Line one\r\nline two", "fact")  # a CR is a control character: it has terms
@example("Tab\there\x0b", "fact")
@example("Zoë", "name")
@example("~!@#$%^&*()_+[]{}|;:,.<>?/\\\"", "fact")
@example("plain ascii `quoted`", "fact")
@example("555 0100", "phone")
@example("0\x00", "name")  # GLOB stops at a NUL: found by hypothesis in CI
@example("a\x00é", "fact")
def test_the_sql_guard_is_false_only_where_the_terms_are_empty(text: str, kind: str) -> None:
    connection = sqlite3.connect(":memory:")
    guard = MAY_HAVE_TERMS.format(text="?1", kind="?2")
    needed = connection.execute(f"SELECT {guard}", (text, kind)).fetchone()[0]
    if not needed:
        assert search_terms(text, kind) == ""


def test_the_guard_lets_plain_ascii_through_without_a_call() -> None:
    connection = sqlite3.connect(":memory:")
    guard = MAY_HAVE_TERMS.format(text="?1", kind="?2")
    asks = [
        connection.execute(f"SELECT {guard}", pair).fetchone()[0]
        for pair in [
            ("ana.silva@example.com", "email"),
            ("Acme, Inc. (HQ)", "company"),
            ("Met at the fair.\nLikes\tjazz.", "fact"),  # most notes of several lines
        ]
    ]
    assert asks == [0, 0, 0]


HEADER = "First Name,Last Name,Organization Name,Notes,Labels,E-mail 1 - Value,Phone 1 - Value\n"
ROWS = [
    "Łukasz,Wójcik,Zakład Ł,Likes pierogi,Kraków friends,lw@example.pl,+48 12 345 67 89",
    "Seán,O'Brien,O'Brien's Pub,\"Tab\there, café\",Dublin,sean@example.ie,+353 1 234 5678",
    "小明,王,東京都庁,寿司が好き,東京,xm@example.jp,03-1234-5678",
    "Иван,Петров,Газпром,Любит шахматы,Москва,ivan@example.ru,+7 495 123-45-67",
    "Plain,Person,Acme,Likes `code`,Clients,plain@example.com,555 0100",
]


def test_bulk_indexing_writes_the_same_terms_as_the_per_row_triggers(
    ok: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "people.csv"
    source.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    indexes = []
    for threshold in (10**9, 1):  # every row by its trigger; then every batch in bulk
        journal = tmp_path / f"journal-{threshold}.db"
        monkeypatch.setenv("CONNECT_DB", str(journal))
        monkeypatch.setattr("connect_cli.write.bulk.BULK_INDEX_FROM", threshold)
        monkeypatch.setattr("connect_cli.write.bulk.BATCH", 4)
        ok("import", str(source))
        connection = sqlite3.connect(journal)
        indexes.append(
            connection.execute("SELECT rowid, text, terms, source FROM search_index ORDER BY 1")
            .fetchall()
        )
        connection.close()
    per_row, bulk = indexes
    assert bulk == per_row
    terms = " ".join(row[2] for row in bulk)
    assert {"lukasz", "obrien", "ivan", "東京", "48123456789"} <= set(terms.split())
    assert len(ok("search", "obrien", "--json").json()) == 1  # type: ignore[arg-type]
