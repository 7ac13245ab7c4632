"""`connect demo`: a realistic, deterministic, all-or-nothing synthetic journal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from connect_cli.core import demo as demo_core
from connect_cli.domain.vocabulary import FACT_KINDS, INTERACTION_KINDS
from connect_cli.journal.sqlite import locate_journal
from tests.conftest import Rows, Run, integrity, journal_dump, sqlite_only

TODAY = "2026-11-22"
CONTACTS, INTERACTIONS = 150, 1500
BOOKKEEPING = {"created_at", "updated_at", "done_at"}


@pytest.fixture
def filled(ok: Run, journal_rows: Rows) -> Rows:
    """The test's journal filled by the demo; reads its rows (conftest's journal_rows)."""
    ok("demo", "--contacts", str(CONTACTS), "--interactions", str(INTERACTIONS), "--seed", "7")
    return journal_rows


def one(rows: Rows, sql: str) -> Any:
    return rows(sql)[0][0]


def test_counts_match_the_options_and_the_summary(ok: Run, journal_rows: Rows) -> None:
    result = ok("demo", "--contacts", "120", "--interactions", "900")
    assert "120 people" in result.stdout and "900 interactions" in result.stdout
    assert "connect today" in result.stdout and result.stderr == ""
    assert one(journal_rows, "SELECT count(*) FROM contact") == 120
    assert one(journal_rows, "SELECT count(*) FROM interaction") == 900


def test_every_kind_of_data_is_there(filled: Rows) -> None:
    kinds = {r[0] for r in filled("SELECT DISTINCT kind FROM fact")}
    assert kinds == set(FACT_KINDS)
    # `intro` interactions come with an introduction record (connect intro); the demo logs none
    assert {r[0] for r in filled("SELECT DISTINCT kind FROM interaction")} == set(
        INTERACTION_KINDS
    ) - {"intro"}
    assert {r[0] for r in filled("SELECT DISTINCT kind FROM channel")} == {
        "email", "phone", "url",
    }  # fmt: skip
    assert one(filled, "SELECT count(*) FROM channel WHERE label IS NOT NULL") > 0
    for sql in (
        "SELECT count(*) FROM tag",
        "SELECT count(*) FROM important_date",
        "SELECT count(*) FROM nickname",
        "SELECT count(*) FROM contact WHERE archived = TRUE",
        "SELECT count(*) FROM contact WHERE snoozed_until > '2026-11-22'",
        "SELECT count(*) FROM contact WHERE every_days IS NULL",
        "SELECT count(*) FROM contact WHERE introduced_by_id IS NOT NULL",
        "SELECT count(*) FROM contact WHERE birthday_month IS NOT NULL AND birthday_year IS NULL",
        "SELECT count(*) FROM contact WHERE birthday_month = 2 AND birthday_day = 29",
        "SELECT count(*) FROM followup WHERE done_at IS NULL AND due_on IS NOT NULL",
        "SELECT count(*) FROM followup WHERE done_at IS NOT NULL",
        "SELECT count(*) FROM fact WHERE kind = 'family' AND text LIKE '% (son, %)'",
    ):
        assert one(filled, sql) > 0, sql
    assert any(not name.isascii() for (name,) in filled("SELECT name FROM contact"))
    rhythms = {r[0] for r in filled("SELECT DISTINCT every_days FROM contact")}
    assert {14, 30, 60, 90, 180, 365, None} <= rhythms


def test_first_names_repeat_but_full_names_do_not(filled: Rows) -> None:
    names = [r[0] for r in filled("SELECT name FROM contact")]
    assert len(set(names)) == len(names)
    firsts = [n.split()[0] for n in names]
    assert len(set(firsts)) < len(firsts)


@sqlite_only("SQLite's own checks of the file (PRAGMA integrity_check, foreign_key_check)")
def test_the_demo_file_passes_sqlites_checks(ok: Run, journal_file: Path) -> None:
    ok("demo", "--contacts", str(CONTACTS), "--interactions", str(INTERACTIONS), "--seed", "7")
    connection = sqlite3.connect(journal_file)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def test_history_is_consistent(filled: Rows) -> None:
    assert one(filled, f"SELECT count(*) FROM interaction WHERE happened_on > '{TODAY}'") == 0
    earliest = one(filled, "SELECT CAST(min(happened_on) AS TEXT) FROM interaction")
    assert earliest >= "2023-11-23"
    mismatched = one(
        filled,
        "SELECT count(*) FROM participant p JOIN interaction i ON i.id = p.interaction_id "
        "WHERE p.happened_on != i.happened_on",
    )
    assert mismatched == 0
    assert one(filled, "SELECT count(*) FROM interaction i WHERE NOT EXISTS "
               "(SELECT 1 FROM participant p WHERE p.interaction_id = i.id)") == 0  # fmt: skip
    groups = one(filled, "SELECT count(*) FROM (SELECT interaction_id FROM participant "
                 "GROUP BY interaction_id HAVING count(*) BETWEEN 2 AND 3) AS shared")  # fmt: skip
    assert 0.05 * INTERACTIONS < groups < 0.15 * INTERACTIONS  # type: ignore[operator]
    assert one(filled, "SELECT max(n) FROM (SELECT count(*) AS n FROM participant "
               "GROUP BY interaction_id) AS sizes") <= 3  # fmt: skip


def test_someone_is_overdue_so_today_has_content(ok: Run, filled: Rows) -> None:
    rhythms = filled(
        "SELECT c.every_days, CAST(coalesce((SELECT max(p.happened_on) FROM participant p "
        "WHERE p.contact_id = c.id), c.met_on) AS TEXT) FROM contact c "
        "WHERE c.every_days IS NOT NULL AND c.archived = FALSE "
        f"AND (c.snoozed_until IS NULL OR c.snoozed_until <= '{TODAY}')"
    )
    today = date.fromisoformat(TODAY)
    overdue = [1 for every, last in rhythms
               if last and (today - date.fromisoformat(last)).days > every]  # fmt: skip
    assert overdue
    daily = ok("today", "--json").json()
    assert daily["reconnect"] and daily["promises"]  # type: ignore[index]


def test_every_demo_person_can_be_prepped(ok: Run, filled: Rows) -> None:
    for (contact_id,) in filled("SELECT id FROM contact ORDER BY id LIMIT 15"):
        doc = ok("prep", f"#{contact_id}", "--json").json()
        assert doc["id"] == contact_id and 1 <= len(doc["questions"]) <= 5


def _dump_without_bookkeeping(path: Path) -> list[object]:
    connection = sqlite3.connect(path)
    try:
        columns = {
            t: [r[1] for r in connection.execute(f'PRAGMA table_info("{t}")')]
            for t, _ in journal_dump(path)
        }
    finally:
        connection.close()
    return [
        (table, [tuple(v for c, v in zip(columns[table], row, strict=True) if c not in BOOKKEEPING)
                 for row in rows])
        for table, rows in journal_dump(path)
    ]  # fmt: skip


def test_same_seed_same_journal_other_seed_other_journal(ok: Run, tmp_path: Path) -> None:
    paths = [tmp_path / f"{name}.db" for name in ("a", "b", "c")]
    for path, seed in zip(paths, ("3", "3", "4"), strict=True):
        ok("--db", str(path), "demo", "--contacts", "60", "--interactions", "400", "--seed", seed)
    a, b, c = (_dump_without_bookkeeping(p) for p in paths)
    assert a == b
    assert a != c


def test_refuses_a_journal_that_holds_people(run: Run, ok: Run, dump) -> None:  # type: ignore[no-untyped-def]
    ok("add", "Linda Holcman", "--note", "Coffee")
    before = dump()
    result = run("demo", "--contacts", "10", "--interactions", "10")
    assert result.exit_code == 1 and result.stdout == ""
    assert "empty" in result.stderr and "Traceback" not in result.stderr
    assert dump() == before


@pytest.mark.parametrize(
    "args", [["--contacts", "0"], ["--interactions", "-1"], ["--contacts", "100001"]]
)
def test_impossible_sizes_are_refused(run: Run, dump, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run("demo", *args)
    assert result.exit_code == 1 and "between" in result.stderr
    assert dump() == []  # refused before the journal was even created


def test_a_demo_interrupted_halfway_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, private_journal: Path | str, journal_rows: Rows
) -> None:
    monkeypatch.setattr(demo_core, "CHUNK", 100)

    def interrupt(done: int) -> None:
        if done >= 300:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        demo_core.fill_demo(
            locate_journal(str(private_journal)), contacts=50, interactions=1000, seed=1,
            today=date(2026, 11, 22), progress=interrupt,
        )  # fmt: skip
    assert one(journal_rows, "SELECT count(*) FROM contact") == 0
    assert one(journal_rows, "SELECT count(*) FROM interaction") == 0
    if isinstance(private_journal, Path):  # and the file SQLite rolled back is whole
        assert integrity(private_journal) == "ok"


def test_a_single_person_and_no_history_still_works(ok: Run, journal_rows: Rows) -> None:
    ok("demo", "--contacts", "1", "--interactions", "0")
    assert one(journal_rows, "SELECT count(*) FROM contact") == 1
    assert one(journal_rows, "SELECT count(*) FROM interaction") == 0


def test_killed_mid_demo_the_journal_reopens_empty_and_intact(tmp_path: Path) -> None:
    journal = tmp_path / "killed.db"
    env = {**os.environ, "CONNECT_DB": str(journal)}
    process = subprocess.Popen(
        [sys.executable, "-m", "connect_cli", "demo", "--contacts", "2000",
         "--interactions", "2000000"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        # Wait for the schema to exist, give the demo two seconds to be deep in its one
        # transaction (2M interactions take far longer), then kill it without warning.
        while time.monotonic() < deadline and not (journal.exists() and journal.stat().st_size):
            time.sleep(0.05)
        time.sleep(2)
        assert process.poll() is None, "the demo finished before it could be killed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert integrity(journal) == "ok"
    connection = sqlite3.connect(journal)
    try:
        assert connection.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
        assert connection.execute("SELECT count(*) FROM interaction").fetchone()[0] == 0
    finally:
        connection.close()


@pytest.mark.parametrize("command", ["demo", "prep"])
def test_help_never_imports_the_database_stack(command: str) -> None:
    from tests.cli.test_startup import imported_modules

    loaded = imported_modules(command, "--help")
    assert "connect_cli" in loaded
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic", "dateparser"}


def _content(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """What a journal holds and how it is made: every table's rows (FTS5's own storage aside:
    its segments depend on the order rows came in), the search rows by rowid, and the schema."""
    connection = sqlite3.connect(path)
    try:
        search = connection.execute("SELECT rowid, * FROM search_index ORDER BY rowid").fetchall()
        schema = connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
    finally:
        connection.close()
    rows = [(t, r) for t, r in journal_dump(path) if not t.startswith("search_index_")]
    return [*rows, ("search rows", search), ("schema", schema)]


def test_the_bulk_load_leaves_what_the_per_row_path_leaves(tmp_path: Path) -> None:
    """Indexes, search and last contact made once at the end (write/bulk_load.py) equal what the
    schema's per-row indexes and triggers make, row for row; and the schema is whole again."""
    journals = {}
    for bulk in (True, False):
        journals[bulk] = tmp_path / f"bulk-{bulk}.db"
        demo_core.fill_demo(
            locate_journal(str(journals[bulk])), contacts=120, interactions=2500, seed=3,
            today=date(2026, 11, 22), bulk=bulk,
        )  # fmt: skip
    bulk_content, per_row_content = _content(journals[True]), _content(journals[False])
    assert dict(bulk_content)["search rows"]  # names, facts, channels, tags and notes
    assert any(row[3] == "note" for row in dict(bulk_content)["search rows"])
    assert bulk_content == per_row_content


def test_a_demo_journal_passes_doctor_and_search_finds_its_notes(
    ok: Run, filled: Rows
) -> None:
    stored = filled(
        "SELECT id, last_contact_on FROM contact WHERE last_contact_on IS NOT NULL LIMIT 1"
    )
    assert stored
    assert ok("doctor").stdout  # exit 0: every check passed (the last contact one included)
    [(last_id, text)] = filled("SELECT id, text FROM interaction ORDER BY id DESC LIMIT 1")
    hits = json.loads(ok("search", text.split()[0], "--json").stdout)
    found = {m.get("interaction_id") for person in hits for m in person["matches"]}
    assert last_id in found  # the last note written is in the index built after the load
