"""What a SIGKILL leaves (it cannot be caught) is ours by name and place: `doctor` lists it and the
next command that uses the place removes it; a running command's file and anything not named
exactly like ours are never touched (issue 12, item 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import Run, sqlite_only

CONNECT = [sys.executable, "-m", "connect_cli"]


def ended_pid() -> int:
    """The id of a process that has ended (nothing of ours runs under it)."""
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                             capture_output=True, text=True, check=True)  # fmt: skip
    return int(process.stdout)


def test_a_killed_exports_part_file_is_removed_by_the_next_export(ok: Run, tmp_path: Path) -> None:
    ok("demo", "--contacts", "300", "--interactions", "6000")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "notes.json"
    for _ in range(3):  # the kill must land while the part file is being written
        process = subprocess.Popen([*CONNECT, "export", "-o", str(target)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        deadline = time.monotonic() + 120
        while process.poll() is None and not list(folder.glob(".*.part")):
            assert time.monotonic() < deadline
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        if list(folder.glob(".*.part")):
            break
        target.unlink(missing_ok=True)
    left = list(folder.glob(".*.part"))
    assert left and not target.exists()
    running = folder / f".notes.json.{os.getpid()}.abcdefgh.part"  # a live process's: kept
    other = folder / ".notes.json.12.not-ours.part"
    running.write_text("x")
    other.write_text("x")
    ok("export", "-o", str(target))
    assert target.exists()
    assert sorted(folder.glob(".*")) == sorted([running, other])


@sqlite_only("copies left beside a journal file; a server keeps its own files")
def test_doctor_lists_copies_left_beside_the_journal_and_the_next_command_removes_them(
    run: Run, ok: Run, journal_file: Path
) -> None:
    ok("add", "Linda Holcman")
    dead = ended_pid()
    folder = journal_file.parent
    left = [
        folder / f".connect.db.{dead}.abcdefgh.restoring",
        folder / f".connect.db.{dead}.ijklmnop.before-upgrade",
        folder / f".connect.db.{dead}.qrstuvwx.new",
        folder / f".connect.db.{dead}.qrstuvwx.new-wal",
    ]
    kept = [
        folder / f".connect.db.{os.getpid()}.abcdefgh.restoring",  # a running command's
        folder / f".other.db.{dead}.abcdefgh.restoring",  # not beside this journal
        folder / "connect-20261122-093000-restoring.db",  # not our temporary name
    ]
    for path in left + kept:
        path.write_text("private")
    (folder / f".connect.db.{dead}.zzzzzzzz.part").symlink_to(folder / "nowhere")  # a link
    result = run("doctor")
    assert result.exit_code == 1 and "leftovers" in result.stdout
    assert f".connect.db.{dead}.abcdefgh.restoring" in result.stdout
    assert all(path.exists() for path in left)  # doctor only looks
    ok("list")
    assert not any(path.exists() for path in left)
    assert all(path.exists() for path in kept)
    assert (folder / f".connect.db.{dead}.zzzzzzzz.part").is_symlink()


def test_a_profile_left_in_the_temporary_folder_is_removed_by_the_next_edit(
    ok: Run, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    monkeypatch.setattr("connect_cli.cli.context.Env.interactive", property(lambda _: True))
    monkeypatch.setenv("EDITOR", "true")  # saves the profile unchanged
    ok("add", "Linda Holcman")
    dead = ended_pid()
    left = temporary / f"connect-{dead}-abcdefgh.connect.txt"
    running = temporary / f"connect-{os.getpid()}-abcdefgh.connect.txt"
    other = temporary / "connect-notes.txt"
    for path in (left, running, other):
        path.write_text("Name: Linda Holcman")
    ok("edit", "linda")
    assert not left.exists() and running.exists() and other.exists()
