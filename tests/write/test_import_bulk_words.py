"""A big import gives its people their name words in bulk (write/name_word_batch.py), with the same
result as migration 0009's per-row triggers: the `name_word` rows, WHO resolution, the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.domain.matching import name_words, name_words_many
from tests.conftest import Run, sqlite_only

HEADER = "First Name,Last Name,Nickname,Organization Name,E-mail 1 - Label,E-mail 1 - Value\n"
NAMES = ["Renée O'Brien-Lefèvre", "王小明", "김민준", "Ana  de la Cruz", "Dr. Walter Brennan Jr."]


def google_csv(path: Path, rows: int) -> Path:
    lines = [
        f'"{NAMES[n % len(NAMES)]}",Bulk{n},{"Nick" + str(n) if n % 3 else ""},Firm{n % 7},'
        f"Work,p{n}@words.test\n"
        for n in range(rows)
    ]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def words_and_triggers(journal: Path) -> tuple[list[tuple[object, ...]], list[tuple[str, str]]]:
    connection = sqlite3.connect(journal)
    try:
        rows = connection.execute("SELECT word, contact_id, source FROM name_word ORDER BY 1, 2, 3")
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        return rows.fetchall(), triggers.fetchall()
    finally:
        connection.close()


@sqlite_only(
    "name_word and the triggers the bulk path pauses (write/name_word_batch.py) are SQLite's "
    "(migration 0009); a server journal has no name_word table"
)
def test_bulk_and_per_row_name_words_are_the_same_rows_and_keep_the_triggers(
    ok: Run, tmp_path: Path, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = google_csv(tmp_path / "people.csv", 30)
    results = []
    for threshold in (10**9, 1):
        journal = tmp_path / f"journal-{threshold}.db"
        monkeypatch.setenv("CONNECT_DB", str(journal))
        monkeypatch.setattr("connect_cli.write.bulk.BULK_INDEX_FROM", threshold)
        monkeypatch.setattr("connect_cli.write.bulk.BATCH", 8)
        ok("add", "Already Here", "--nickname", "Al")
        ok("import", str(source))
        ok("import", str(google_csv(tmp_path / "more.csv", 35)))  # 30 merged, 5 added
        results.append(words_and_triggers(journal))
        doctor = {c["name"]: c for c in ok("doctor", "--json").json()["checks"]}  # type: ignore[index]
        assert all(check["ok"] for check in doctor.values()), doctor
    per_row, bulk = results
    assert bulk == per_row
    words = {row[0] for row in bulk[0]}
    assert {"renee", "obrien", "brien", "lefevre", "nick4"} <= words
    assert len(bulk[1]) == 35  # every trigger is back (32, and the day counts of 0010)


def test_a_bulk_imported_person_is_found_by_a_word_of_their_name(
    ok: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("connect_cli.write.bulk.BULK_INDEX_FROM", 1)
    ok("import", str(google_csv(tmp_path / "people.csv", 12)))
    assert "Bulk6" in ok("show", "bulk6").stdout
    assert "Bulk8" in ok("show", "nick8").stdout


@given(st.lists(st.text(max_size=12), max_size=6))
def test_name_words_of_a_batch_are_those_of_each_name(texts: list[str]) -> None:
    assert name_words_many(texts) == [name_words(text) for text in texts]
