"""`--db sqlite:///PATH?OPTIONS` is refused in one sentence: SQLite would read a new file named
`PATH?OPTIONS` while the user expects PATH (and `?mode=ro` expects nothing written) (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run


@pytest.mark.parametrize("command", [["list"], ["add", "Zed Quill"], ["doctor"]])
def test_options_in_a_sqlite_address_are_refused_and_nothing_is_written(
    run: Run, ok: Run, tmp_path: Path, command: list[str]
) -> None:
    journal = tmp_path / "q.db"
    ok("--db", str(journal), "add", "Linda Holcman")
    before = journal.read_bytes()
    result = run("--db", f"sqlite:///{journal}?mode=ro", *command)
    assert result.exit_code != 0 and result.stdout == ""
    assert "no options in a sqlite:/// address" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert journal.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("q.db")) == ["q.db"]
