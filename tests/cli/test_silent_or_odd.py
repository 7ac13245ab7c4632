"""Issue #14 item 15: commands that were silent or said something untrue now say what happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_profile_editor import fake_editor, on_a_terminal  # noqa: F401 (fixture)
from tests.conftest import Run


@pytest.fixture
def tagged(ok: Run) -> None:
    ok("add", "Linda Holcman", "-t", "client", "--every", "1w")
    ok("add", "Bob Stone", "--every", "1w")


@pytest.mark.parametrize("fmt", ["csv", "vcard", "markdown", "ics"])
def test_export_of_a_tag_nobody_has_says_so(run: Run, tagged: None, fmt: str) -> None:
    result = run("export", "--format", fmt, "--tag", "typo")
    assert result.exit_code == 1 and result.stdout == ""
    assert "No one has the tag 'typo'" in result.stderr


def test_export_of_a_tag_nobody_has_writes_no_file(
    run: Run, ok: Run, tagged: None, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    result = run("export", "--tag", "typo", "-o", str(target))
    assert result.exit_code == 1 and "No one has the tag 'typo'" in result.stderr
    assert not target.exists() and not list(tmp_path.glob(".out.csv*"))
    assert "Linda Holcman" in ok("export", "--what", "contacts", "--tag", "CLIENT").stdout


@pytest.mark.usefixtures("on_a_terminal")
def test_an_editor_session_that_changes_nothing_says_so(
    ok: Run, dump, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("add", "Linda Holcman", "-c", "Acme")
    before = dump()
    fake_editor(tmp_path, monkeypatch, "pass")
    result = ok("edit", "linda")
    assert result.stdout.strip() == "No changes to Linda Holcman (#1)."
    assert "Updated" not in result.stdout and dump() == before


def test_archiving_twice_says_they_already_are(ok: Run, dump, tagged: None) -> None:
    assert ok("archive", "linda").stdout.startswith("Archived Linda Holcman (#1).")
    before = dump()
    again = ok("archive", "#1")
    assert again.stdout.strip() == "Linda Holcman (#1) is already archived; nothing changed."
    assert dump() == before
    ok("archive", "--undo", "#1")
    twice = ok("archive", "--undo", "#1")
    assert twice.stdout.strip() == "Linda Holcman (#1) is not archived; nothing changed."


def test_list_archived_promises_no_next_touch(ok: Run, tagged: None, terminal: None) -> None:
    ok("archive", "linda")
    listing = ok("list", "--archived").stdout
    assert "Linda Holcman" in listing and "archived" in listing
    assert "next touch" not in listing and "overdue" not in listing
    assert "next touch" in ok("list").stdout  # the active keep their status
