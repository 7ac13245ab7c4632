"""Issue #14: nothing typed is lost. `log` checks its arguments before $EDITOR opens, the editor
file says what to write and how to cancel, a failure after typing keeps the text, and Ctrl-C at a
prompt is a quiet exit 130. Run on a real pseudo-terminal (tests/cli/pty_session.py)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.cli.pty_session import PtySession, fake_editor
from tests.conftest import Run


@pytest.fixture
def people(ok: Run) -> None:
    ok("add", "Tom Baker", "--met-on", "2026-11-01")
    ok("add", "Tom Hardy", "--met-on", "2026-11-01")
    ok("add", "Linda Holcman", "--met-on", "2026-11-01")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["tom", "-k", "call"], "2 people match 'tom'"),
        (["nobody-here"], "Nobody in your journal matches"),
        (["linda", "-k", "lunchish"], "Unknown kind"),
        (["linda", "--on", "31/13/2026"], ""),
        (["linda", "--on", "tomorrow"], ""),
        (["linda", "--with", "nobody-here"], "Nobody in your journal matches"),
        (["linda", "--due", "friday"], "--due needs --follow-up"),
    ],
)
def test_log_checks_every_argument_before_the_editor_opens(
    people: None, tmp_path: Path, dump, args: list[str], says: str
) -> None:
    before = dump()
    editor = fake_editor(tmp_path, "A long note the user wrote")
    code, _, err = PtySession("log", *args, env={"EDITOR": editor}).finish()
    assert code == 1 and says in err and "Traceback" not in err
    assert not (tmp_path / "shown.txt").exists()  # the editor never opened
    assert dump() == before


def test_the_log_editor_file_says_what_to_write_and_the_comments_are_left_out(
    people: None, ok: Run, tmp_path: Path
) -> None:
    editor = fake_editor(tmp_path, "Talked budgets.\n#12 came too\n# a comment line\n")
    code, screen, err = PtySession("log", "linda", "-k", "call", env={"EDITOR": editor}).finish()
    assert code == 0, (screen, err)
    assert "Logged call with Linda Holcman" in screen
    shown = (tmp_path / "shown.txt").read_text()
    assert "call with Linda Holcman on 2026-11-22" in shown
    assert "save an empty note" in shown and shown.lstrip("\n").startswith("# ")
    note = ok("show", "linda", "--json").json()["interactions"][0]["text"]
    assert note.strip() == "Talked budgets.\n#12 came too"


@pytest.mark.parametrize("saved", [None, "\n\n", "# only a comment\n"])
def test_an_emptied_log_editor_file_cancels(
    people: None, tmp_path: Path, dump, saved: str | None
) -> None:
    before = dump()
    editor = fake_editor(tmp_path, saved)  # None: the template saved as shown
    code, _, err = PtySession("log", "linda", env={"EDITOR": editor}).finish()
    assert code == 1 and err.strip() == "Error: The note was empty, so nothing was logged."
    assert dump() == before


def test_a_note_that_cannot_be_logged_is_kept_in_a_private_recovery_file(
    people: None, tmp_path: Path, private_journal: Path, dump
) -> None:
    before = dump()
    note = "x" * 200_000 + " the end of a very long note"  # over the note cap: refused after typing
    editor = fake_editor(tmp_path, note)
    code, _, err = PtySession("log", "linda", env={"EDITOR": editor}).finish()
    assert code == 1 and "What you typed is kept in" in err and "Traceback" not in err
    (kept,) = private_journal.parent.glob("unsaved-log-*.txt")
    assert str(kept) in err.replace("\n", "")
    assert kept.read_text().rstrip("\n") == note
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert dump() == before


def test_ctrl_c_at_a_prompt_is_a_quiet_exit_130(ok: Run, dump) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    session = PtySession("add")
    session.expect("Name")
    session.send("\x03")
    code, screen, err = session.finish()
    assert code == 130, (screen, err)
    assert "Aborted" not in screen + err and err.strip() == ""
    assert dump() == before
