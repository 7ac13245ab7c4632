"""`connect doctor` compares the search index with the rows it is made from, not only with itself."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import Run


def change_index(journal: Path | str, sql: str) -> None:
    """Run `sql` on the journal behind connect's back (a file, or a server database's URL)."""
    if isinstance(journal, str):
        import psycopg

        with psycopg.connect(journal) as connection:
            connection.execute(sql)
        return
    connection = sqlite3.connect(journal)
    connection.execute(sql)
    connection.commit()
    connection.close()


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


def test_a_deleted_index_row_is_reported(
    run: Run, ok: Run, private_journal: Path | str
) -> None:
    _someone_with_every_kind_of_row(ok)
    change_index(private_journal, "DELETE FROM search_index WHERE text = 'coffee at the booth'")
    result = run("doctor", "--json")
    check = search_index_check(result)
    assert result.exit_code == 1 and check["ok"] is False and "lacks 1" in check["detail"]
    assert "coffee" not in result.stdout + result.stderr  # counts, never the text


def test_a_stray_index_row_is_reported(run: Run, ok: Run, private_journal: Path | str) -> None:
    _someone_with_every_kind_of_row(ok)
    change_index(
        private_journal,
        "INSERT INTO search_index(rid, text, source) VALUES (99990, 'gone', 'note')"
        if isinstance(private_journal, str)  # the server's plain table (write/pg_search_index.py)
        else "INSERT INTO search_index(rowid, text, terms, source) VALUES (99990, 'gone', '', 'note')",
    )
    result = run("doctor", "--json")
    check = search_index_check(result)
    assert result.exit_code == 1 and check["ok"] is False and "1 stray" in check["detail"]
