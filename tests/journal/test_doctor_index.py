"""`connect doctor` compares the search index with the rows it is made from, not only with itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import Run


def search_index_check(result) -> dict:  # type: ignore[no-untyped-def]
    return {c["name"]: c for c in result.json()["checks"]}["search index"]


def _someone_with_every_kind_of_row(ok: Run) -> None:
    ok(
        "add", "Linda Holcman", "--company", "Acme", "--title", "CTO", "--met-at", "SaaStr",
        "--location", "Lyon", "--nickname", "Lin", "--tag", "sailing", "--email",
        "linda@example.com", "--fact", "Kids: Sam", "--note", "coffee at the booth",
    )  # fmt: skip


def test_a_journal_with_every_kind_of_indexed_row_passes(ok: Run) -> None:
    _someone_with_every_kind_of_row(ok)
    assert search_index_check(ok("doctor", "--json"))["ok"] is True


def test_a_deleted_index_row_is_reported(run: Run, ok: Run, journal_file: Path) -> None:
    _someone_with_every_kind_of_row(ok)
    connection = sqlite3.connect(journal_file)
    connection.execute("DELETE FROM search_index WHERE text = 'coffee at the booth'")
    connection.commit()
    connection.close()
    result = run("doctor", "--json")
    check = search_index_check(result)
    assert result.exit_code == 1 and check["ok"] is False and "lacks 1" in check["detail"]
    assert "coffee" not in result.stdout + result.stderr  # counts, never the text


def test_a_stray_index_row_is_reported(run: Run, ok: Run, journal_file: Path) -> None:
    _someone_with_every_kind_of_row(ok)
    connection = sqlite3.connect(journal_file)
    connection.execute(
        "INSERT INTO search_index(rowid, text, terms, source) VALUES (99990, 'gone', '', 'note')"
    )
    connection.commit()
    connection.close()
    result = run("doctor", "--json")
    check = search_index_check(result)
    assert result.exit_code == 1 and check["ok"] is False and "1 stray" in check["detail"]
