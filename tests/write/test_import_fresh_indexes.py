"""An import into an empty journal builds its name and value indexes once at the end
(write/bulk_load.defer_indexes): the journal ends with exactly the indexes a new journal has, and
what they serve (finding people by name and email) works; a failed import keeps them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run, sqlite_only
from tests.write.test_import_bulk_search import google_csv


def indexes(journal: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(journal)
    try:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "ORDER BY name"
        ).fetchall()
    finally:
        connection.close()


# write/bulk_load.defer_indexes: {} on other dialects.
DEFERRED = (
    "an import into an empty SQLite journal drops and rebuilds its lookup indexes "
    "(write/bulk_load.defer_indexes); on a server they are kept throughout"
)


@pytest.fixture
def new_journal_indexes(ok: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list:  # type: ignore[type-arg]
    reference = tmp_path / "reference.db"
    with monkeypatch.context() as env:
        env.setenv("CONNECT_DB", str(reference))
        ok("add", "Somebody Else")
    found = indexes(reference)
    assert {"ix_contact_name", "ix_channel_value", "ix_tag_name"} <= {n for n, _ in found}
    return found


@sqlite_only(DEFERRED)
def test_an_import_into_an_empty_journal_ends_with_every_index(
    ok: Run,
    tmp_path: Path,
    journal_file: Path,
    new_journal_indexes: list,  # type: ignore[type-arg]
) -> None:
    ok("import", str(google_csv(tmp_path / "people.csv", 40)))
    assert indexes(journal_file) == new_journal_indexes
    assert "p7@bulk.test" in ok("show", "Person7 Bulk7").stdout
    assert [p["name"] for p in ok("search", "p7@bulk.test", "--json").json()] == ["Person7 Bulk7"]  # type: ignore[union-attr]


@sqlite_only(DEFERRED)
def test_a_failed_import_into_an_empty_journal_keeps_every_index(
    run: Run,
    ok: Run,
    tmp_path: Path,
    journal_file: Path,
    new_journal_indexes: list,  # type: ignore[type-arg]
) -> None:
    cut_short = '"Late,unfinished\n'  # the file ends inside a quoted cell
    result = run("import", str(google_csv(tmp_path / "people.csv", 30, extra=cut_short)))
    assert result.exit_code == 1 and "line 32" in result.stderr
    assert indexes(journal_file) == new_journal_indexes
    ok("import", str(google_csv(tmp_path / "people.csv", 30)))
    assert indexes(journal_file) == new_journal_indexes
