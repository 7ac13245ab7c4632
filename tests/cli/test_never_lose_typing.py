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


@pytest.fixture
def recovery_folder(
    private_journal: Path | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Where a recovery file goes (journal/recovery.py): beside a journal file; for a server
    journal the temporary folder, here a new one of the test's own (TMPDIR)."""
    if isinstance(private_journal, Path):
        return private_journal.parent
    folder = tmp_path / "tmp"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


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
    people: None, tmp_path: Path, recovery_folder: Path, dump
) -> None:
    before = dump()
    note = "x" * 200_000 + " the end of a very long note"  # over the note cap: refused after typing
    editor = fake_editor(tmp_path, note)
    code, _, err = PtySession("log", "linda", env={"EDITOR": editor}).finish()
    assert code == 1 and "What you typed is kept in" in err and "Traceback" not in err
    (kept,) = recovery_folder.glob("unsaved-log-*.txt")
    assert str(kept) in err.replace("\n", "")
    assert kept.read_text().rstrip("\n") == note
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert dump() == before


def test_ctrl_c_at_a_prompt_is_a_quiet_exit_130(ok: Run, dump) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    session = PtySession("add")
    session.expect("Name")
    session.interrupt()
    code, screen, err = session.finish()
    assert code == 130, (screen, err)
    assert "Aborted" not in screen + err and err.strip() == ""
    assert dump() == before


def test_interactive_add_catches_an_existing_name_at_once_and_logs_the_meeting(
    ok: Run, dump
) -> None:
    ok("add", "Priya Raman", "--met-on", "2026-11-01")
    session = PtySession("add")
    session.answer("Name", "priya raman")
    session.answer("Log a meeting with them instead?", "y")
    session.answer("What happened", "Coffee at the conference")
    code, screen, err = session.finish()
    assert code == 0, (screen, err)
    assert "Company" not in screen and "Where did you meet" not in screen
    assert "Logged meeting with Priya Raman" in screen
    assert len(ok("list", "--json").json()) == 1
    (meeting,) = ok("show", "priya", "--json").json()["interactions"]
    assert (meeting["kind"], meeting["text"]) == ("meeting", "Coffee at the conference")


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (["--birthday", "Feb 30"], "isn't a real calendar date"),
        (["--via", "nobody-here"], "Nobody in your journal matches"),
        (["--due", "friday"], "--due needs --follow-up"),
    ],
)
def test_interactive_add_checks_its_flags_before_the_first_question(
    ok: Run, dump, flags: list[str], says: str
) -> None:
    ok("add", "Bob Stone")
    before = dump()
    code, screen, err = PtySession("add", *flags).finish()
    assert code == 1 and "Name" not in screen and says in err
    assert dump() == before


def test_interactive_add_asks_for_the_company(ok: Run) -> None:
    session = PtySession("add")
    session.answer("Name", "Linda Holcman")
    session.answer("Company", "Acme")
    session.answer("Where did you meet", "SaaStr")
    session.answer("A note about it", "Coffee at the booth")
    code, screen, err = session.finish()
    assert code == 0 and "Added Linda Holcman (#1) and logged your first meeting" in screen, err
    card = ok("show", "linda", "--json").json()
    assert (card["company"], card["met_at"]) == ("Acme", "SaaStr")


def test_answers_of_an_add_that_fails_are_kept(recovery_folder: Path, ok: Run) -> None:
    ok("add", "Bob Stone")
    session = PtySession("add")
    session.answer("Name", "Linda Holcman")
    session.answer("Company", "A" * 2500)  # over the field cap: refused after the questions
    session.answer("Where did you meet", "SaaStr")
    session.answer("A note about it", "Coffee at the booth")
    code, _, err = session.finish()
    assert code == 1 and "What you typed is kept in" in err
    (kept,) = recovery_folder.glob("unsaved-add-*.txt")
    assert kept.read_text().splitlines() == [
        "Name: Linda Holcman",
        f"Company: {'A' * 2500}",
        "Where you met: SaaStr",
        "Note: Coffee at the booth",
    ]
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_name_close_to_someone_is_added_with_a_warning(ok: Run, run: Run) -> None:
    ok("add", "Priya Raman")
    result = run("add", "Priya R.")
    assert result.exit_code == 0 and "Added Priya R. (#2)" in result.stdout
    assert "Priya R. looks like Priya Raman (#1)" in result.stderr
    assert "connect merge #2 #1" in result.stderr
    quiet = run("add", "Bob Stone")
    assert quiet.exit_code == 0 and quiet.stderr == ""
