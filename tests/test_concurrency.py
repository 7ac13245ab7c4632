"""Two processes writing at once: every write lands, or the loser is told plainly the journal is busy."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run

LOOP = """
import sys
from datetime import date
from connect_cli.db import locate_journal
from connect_cli.core.capture import LogEntry, log_entry
from connect_cli.errors import JournalBusy
location, tag, count = locate_journal(sys.argv[1]), sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # start together
busy = 0
for n in range(count):
    try:
        log_entry(location, LogEntry(whos=["linda"], text=f"{tag}-{n}"), today=date(2026, 11, 22))
    except JournalBusy:
        busy += 1
print(busy)
"""


def texts(journal: Path) -> set[str]:
    connection = sqlite3.connect(journal)
    try:
        return {r[0] for r in connection.execute("SELECT text FROM interaction")}
    finally:
        connection.close()


def _check_intact(journal: Path) -> None:
    connection = sqlite3.connect(journal)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


@pytest.mark.slow
def test_two_processes_logging_at_once_lose_nothing(ok: Run, private_journal: Path) -> None:
    ok("add", "Linda Holcman")
    per_process = int(os.environ.get("CONNECT_STRESS", "100"))
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, str(private_journal), tag, str(per_process)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outcomes = [writer.communicate(timeout=300) for writer in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outcomes]
    busy = sum(int(out.strip()) for out, _ in outcomes)
    landed = texts(private_journal)
    expected = {f"{tag}-{n}" for tag in ("a", "b") for n in range(per_process)}
    print(
        f"\nconcurrency in-process: {len(landed & expected)} of {len(expected)} writes present, {busy} busy refusals"
    )
    assert len(landed & expected) + busy == len(expected)  # every write landed or was refused
    _check_intact(private_journal)


@pytest.mark.slow
def test_two_cli_loops_at_once(ok: Run, private_journal: Path) -> None:
    ok("add", "Linda Holcman")
    per_process = int(os.environ.get("CONNECT_STRESS_CLI", "6"))  # 20 for the full run
    script = (
        'for n in $(seq 1 {count}); do {exe} -m connect_cli log linda "{tag}-$n" '
        '>/dev/null 2>>"{errors}" || echo fail >>"{errors}.codes"; done'
    )
    env = {**os.environ, "CONNECT_DB": str(private_journal)}
    loops = [
        subprocess.Popen(
            [
                "sh",
                "-c",
                script.format(
                    count=per_process,
                    exe=sys.executable,
                    tag=tag,
                    errors=private_journal.parent / f"err-{tag}",
                ),
            ],
            env=env,
        )
        for tag in ("cli-a", "cli-b")
    ]
    for loop in loops:
        assert loop.wait(timeout=600) == 0
    errors = "".join(
        p.read_text() for p in private_journal.parent.glob("err-*") if not p.name.endswith(".codes")
    )
    failures = sum(p.read_text().count("fail") for p in private_journal.parent.glob("err-*.codes"))
    assert "Traceback" not in errors
    refusals = errors.count("journal is busy")
    assert failures == refusals  # the only failure allowed is a plain "busy"
    landed = {t for t in texts(private_journal) if t.startswith("cli-")}
    print(
        f"\nconcurrency CLI: {len(landed)} of {2 * per_process} writes present, {refusals} busy refusals"
    )
    assert len(landed) + refusals == 2 * per_process
    _check_intact(private_journal)


def test_a_held_write_lock_gives_a_plain_busy_message(
    run: Run, ok: Run, private_journal: Path, dump, monkeypatch
) -> None:
    """Past the busy timeout the second writer says so in a sentence: exit 1, no traceback."""
    ok("add", "Linda Holcman")
    monkeypatch.setattr("connect_cli.db.BUSY_TIMEOUT_MS", 100)
    from connect_cli import db

    monkeypatch.setattr(
        db, "SQLITE_PRAGMAS", tuple(p.replace("5000", "100") for p in db.SQLITE_PRAGMAS)
    )
    monkeypatch.setattr("connect_cli.store.BUSY_TIMEOUT_MS", 100, raising=False)
    holder = sqlite3.connect(private_journal, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO setting (key, value) VALUES ('limit', '3')")
    try:
        result = run("log", "linda", "while locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1 and result.stdout == ""
    assert "busy" in result.stderr and "Traceback" not in result.stderr
    assert "while locked" not in {t for t in texts(private_journal)}
