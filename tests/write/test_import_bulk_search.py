"""A big import indexes its people for search in bulk (core/import_search.py), with the same result
as the per-row triggers: what `connect search` finds, the index rows themselves, and the schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ON_SERVER, Rows, Run, sqlite_only

HEADER = (
    "First Name,Last Name,Nickname,Organization Name,Organization Title,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value\n"
)


def google_csv(path: Path, rows: int, extra: str = "") -> Path:
    lines = [
        f"Person{n},Bulk{n},Nick{n},Firm{n % 7},Role{n % 5},Likes topic{n} and jazz,Friends,"
        f"Work,p{n}@bulk.test\n"
        for n in range(rows)
    ]
    path.write_text(HEADER + "".join(lines) + extra, encoding="utf-8")
    return path


def index_and_triggers(journal: Path) -> tuple[list[tuple[object, ...]], list[tuple[str, str]]]:
    connection = sqlite3.connect(journal)
    try:
        rows = connection.execute("SELECT rowid, text, source FROM search_index ORDER BY rowid")
        triggers = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        return rows.fetchall(), triggers.fetchall()
    finally:
        connection.close()


def triggers(journal_rows: Rows) -> list[tuple[object, ...]]:
    """The test journal's triggers, each with its definition, on SQLite or a server."""
    if ON_SERVER:
        return journal_rows(
            "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE NOT tgisinternal ORDER BY 1, 2"
        )
    return journal_rows(
        "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY 1, 2"
    )


# write/search_index.SearchBatch: SQLite only (it is {} on other dialects).
BULK_PATH = (
    "the bulk indexer pauses and rewrites SQLite's FTS5 triggers (write/search_index.py); a "
    "server journal has no bulk path: its PL/pgSQL triggers index each row"
)


@pytest.fixture
def per_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("connect_cli.write.bulk.BULK_INDEX_FROM", 10**9)


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Flushes of 7 people, each indexed in bulk: many batches without a big file."""
    monkeypatch.setattr("connect_cli.write.bulk.BATCH", 7)
    monkeypatch.setattr("connect_cli.write.bulk.BULK_INDEX_FROM", 1)


def names(result) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(person["name"] for person in result.json())


def test_a_bulk_import_is_found_by_name_company_title_note_and_nickname(
    ok: Run, tmp_path: Path, small_batches: None
) -> None:
    ok("import", str(google_csv(tmp_path / "people.csv", 40)))
    assert names(ok("search", "Bulk17", "--json")) == ["Person17 Bulk17"]
    assert names(ok("search", "Nick23", "--json")) == ["Person23 Bulk23"]
    assert names(ok("search", "topic31", "--json")) == ["Person31 Bulk31"]
    assert len(ok("search", "Firm3", "--json").json()) == 6  # type: ignore[arg-type]
    assert len(ok("search", "Role4", "--json").json()) == 8  # type: ignore[arg-type]
    doctor = ok("doctor", "--json").json()
    checks = {c["name"]: c for c in doctor["checks"]}  # type: ignore[index]
    assert checks["search index"]["ok"] is True and doctor["ok"] is True  # type: ignore[index]


@sqlite_only(BULK_PATH)
def test_bulk_and_per_row_indexing_write_the_same_index_and_keep_the_triggers(
    ok: Run, tmp_path: Path, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same person twice in one batch: the second row merges into the first (fills nothing,
    # adds a fact), and a re-import merges everyone again; both paths must agree on all of it.
    twice = "Person3,Bulk3,,,Boss,Second note,,Work,p3@bulk.test\n"
    source = google_csv(tmp_path / "people.csv", 30, extra=twice)
    results = []
    for threshold in (10**9, 1):
        journal = tmp_path / f"journal-{threshold}.db"
        monkeypatch.setenv("CONNECT_DB", str(journal))
        monkeypatch.setattr("connect_cli.write.bulk.BULK_INDEX_FROM", threshold)
        monkeypatch.setattr("connect_cli.write.bulk.BATCH", 8)
        ok("add", "Already Here", "--company", "Firm1", "--nickname", "Al")
        ok("import", str(source))
        ok("import", str(google_csv(tmp_path / "more.csv", 35)))
        results.append(index_and_triggers(journal))
    per_row_index, bulk_index = results
    assert bulk_index == per_row_index
    rows, triggers = bulk_index
    # 23 of search and days, 3 of last contact (0007), 6 of name words (0009), 3 of day counts (0010)
    assert len(triggers) == 35 and any(name == "search_contact_insert" for name, _ in triggers)
    assert ("fact" in {r[2] for r in rows}) and ("nickname" in {r[2] for r in rows})


def test_people_added_after_a_bulk_import_are_indexed_by_the_triggers_again(
    ok: Run, tmp_path: Path, small_batches: None
) -> None:
    ok("import", str(google_csv(tmp_path / "people.csv", 20)))
    ok("add", "Zelda Quokka", "--company", "Marsupial Works", "--nickname", "Zee")
    assert names(ok("search", "marsupial", "--json")) == ["Zelda Quokka"]
    assert names(ok("search", "zee", "--json")) == ["Zelda Quokka"]


def test_a_bulk_import_that_fails_late_leaves_the_journal_and_its_schema_as_they_were(
    run: Run, ok: Run, tmp_path: Path, journal_rows: Rows, dump, small_batches: None
) -> None:
    ok("add", "Already Here")
    before, schema = dump(), triggers(journal_rows)
    assert schema  # the per-row search triggers the bulk path pauses (on SQLite)
    cut_short = '"Late,unfinished\n'  # the file ends inside a quoted cell, after several batches
    result = run("import", str(google_csv(tmp_path / "people.csv", 30, extra=cut_short)))
    assert result.exit_code == 1 and "line 32" in result.stderr
    assert dump() == before
    assert triggers(journal_rows) == schema


def test_a_bulk_dry_run_writes_nothing(ok: Run, tmp_path: Path, dump, small_batches: None) -> None:
    ok("add", "Already Here")
    before = dump()
    out = ok("import", str(google_csv(tmp_path / "people.csv", 25)), "--dry-run").stdout
    assert "25 people" in out
    assert dump() == before


def test_a_trigger_of_another_shape_keeps_the_per_row_path() -> None:
    from connect_cli.write.search_index import _over_new_rows

    ours = (
        "CREATE TRIGGER search_fact_insert AFTER INSERT ON fact BEGIN INSERT INTO "
        "search_index(rowid, text, source) SELECT NEW.id * 8 + 1, NEW.text, 'fact'; END"
    )
    assert _over_new_rows(ours, "fact") == [
        "INSERT INTO search_index(rowid, text, source) SELECT NEW.id * 8 + 1, NEW.text, 'fact' "
        'FROM "fact" AS NEW WHERE NEW.id > ?'
    ]
    assert _over_new_rows(ours, "nickname") is None
    other = ours.replace("INSERT INTO search_index", "DELETE FROM search_index; INSERT INTO x")
    assert _over_new_rows(other, "fact") is None


@sqlite_only(BULK_PATH)
def test_the_bulk_path_understands_the_schemas_own_triggers(ok: Run, journal_file: Path) -> None:
    """A guard: the bulk indexer reads the live trigger SQL; a migration that changes the
    triggers' shape must fail here, not quietly send every import down the slow per-row path."""
    from connect_cli.write.search_index import PAUSED, SearchBatch
    from connect_cli.write.session import write_session

    ok("config", "limit", "5")  # creates the journal at the newest schema
    from connect_cli.journal.sqlite import locate_journal

    with write_session(locate_journal(str(journal_file)), commit=False) as session:
        batch = SearchBatch(session.connection())
        assert batch.usable and set(batch.statements) == set(PAUSED)
