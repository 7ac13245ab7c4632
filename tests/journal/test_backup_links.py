"""A backup never writes through, nor removes, a link it did not make (issue 12, item 8)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import Run, sqlite_only


@sqlite_only(
    "a file journal's backup is a SQLite database, which SQLite writes with a -journal file "
    "beside it; a server journal's is one pg_dump file (the test below holds for both)"
)
def test_a_backup_beside_a_dangling_link_refuses_and_keeps_the_link(
    run: Run, ok: Run, tmp_path: Path
) -> None:
    ok("add", "Linda Holcman")
    link = tmp_path / "b.db-journal"
    link.symlink_to(tmp_path / "nowhere" / "x")
    result = run("backup", str(tmp_path / "b.db"))
    assert result.exit_code == 1 and "b.db-journal already exists" in result.stderr
    assert link.is_symlink() and os.readlink(link) == str(tmp_path / "nowhere" / "x")
    assert not (tmp_path / "b.db").exists()


def test_a_backup_to_a_dangling_link_refuses_and_keeps_the_link(
    run: Run, ok: Run, tmp_path: Path
) -> None:
    ok("add", "Linda Holcman")
    link = tmp_path / "b.db"
    link.symlink_to(tmp_path / "nowhere.db")
    result = run("backup", str(link))
    assert result.exit_code == 1 and "already exists" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere.db").exists()
