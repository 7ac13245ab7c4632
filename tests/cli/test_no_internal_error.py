"""Things a user or their files can cause get a sentence, never "internal error" (issue #12, item 7).

Each case asserts that "internal error" is absent from what the user sees, that stderr is one
sentence (no traceback), and that the exit code says it failed.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from connect_cli.journal.sqlite import connect_sqlite
from tests.conftest import Result, Run, damage, sqlite_only


def refused(result: Result | subprocess.CompletedProcess, status: int = 1) -> str:
    """The one sentence a failed command printed, checked for the shape every error has."""
    code = result.returncode if hasattr(result, "returncode") else result.exit_code
    error = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    assert code == status, error
    assert "internal error" not in error and "internal error" not in str(result.stdout)
    assert "Traceback" not in error and error.strip() and len(error.strip().splitlines()) <= 2
    return error


def console(journal: Path | str, args: list[bytes], stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "CONNECT_DB": str(journal), "CONNECT_TODAY": "2026-11-22"}
    command = [os.fsencode(sys.executable), b"-m", b"connect_cli", *args]
    return subprocess.run(command, env=env, input=stdin, capture_output=True, check=False)


def test_an_argument_that_is_not_utf8(ok: Run, private_journal: Path | str) -> None:
    ok("add", "Jos Lee")
    error = refused(console(private_journal, [b"log", b"jos\xff", b"x"]), status=2)
    assert "not UTF-8" in error


def test_a_note_piped_in_that_is_not_utf8(ok: Run, private_journal: Path | str, dump) -> None:
    ok("add", "Jos Lee")
    before = dump()
    error = refused(console(private_journal, [b"log", b"jos"], stdin=b"caf\xe9 \xff\n"))
    assert "not UTF-8" in error and dump() == before


def test_a_deeply_nested_json_file(run: Run, tmp_path: Path) -> None:
    head = '{"format": "connect-journal", "version": 1, "schema": 3, "contacts": '
    for nested in ("[" * 100_000 + "]" * 100_000, '[{"a": ' * 50_000 + "1" + "}]" * 50_000):
        deep = tmp_path / "deep.json"
        deep.write_text(head + nested + "}")
        assert "too deeply" in refused(run("import", str(deep)))


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "undefined", "hex"])
def test_an_import_encoding_that_is_not_a_text_encoding(
    run: Run, tmp_path: Path, encoding: str
) -> None:
    contacts = tmp_path / "people.csv"
    contacts.write_text("name,email\nAnn Lee,ann@example.com\n")
    error = refused(run("import", "--encoding", encoding, str(contacts)))
    assert "not an encoding" in error


@pytest.mark.parametrize(
    "url", ["mysql://u:p@host/db", "http://example.com/j", "sqlite:///:memory:"]
)
def test_a_db_url_that_cannot_hold_a_journal(run: Run, url: str) -> None:
    for args in (("list",), ("add", "Ann Lee")):
        error = refused(run("--db", url, *args))
        assert "SQLite file" in error and "p@" not in error


def test_a_folder_the_system_refuses_for_an_export(
    ok: Run, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("add", "Ann Lee")
    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(*args: object, **kwargs: object) -> object:  # what a 0500 folder does (not to root)
        raise PermissionError(errno.EACCES, "Permission denied", str(locked))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    error = refused(run("export", "-o", str(locked / "out.csv")))
    assert str(locked) in error and "permissions" in error


@sqlite_only("a journal file's permissions on a read-only file system")
def test_a_journal_the_system_refuses(
    ok: Run, run: Run, journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("add", "Ann Lee")
    journal_file.chmod(0o644)  # so that connect makes it owner-only again, and is refused

    def refuse(self: Path, mode: int) -> None:  # a journal on a read-only file system
        raise PermissionError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "chmod", refuse)
    error = refused(run("list"))
    assert str(journal_file) in error


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--on", "9999-12-25"),
        ("log", "ann", "x", "--follow-up", "call", "--due", "9999-12-31"),
        ("add", "Bo", "--met-on", "0001-01-01"),
        ("snooze", "ann", "9999-12-30"),
        ("snooze", "ann", "99999w"),
    ],
)
def test_dates_beyond_a_sane_range(ok: Run, run: Run, args: tuple[str, ...], dump) -> None:
    ok("add", "Ann Lee")
    before = dump()
    error = refused(run(*args))
    assert "between 1900 and 2199" in error or args[0] == "snooze"
    assert dump() == before


def test_a_pinned_today_beyond_a_sane_range(ok: Run, run: Run) -> None:
    ok("add", "Ann Lee")
    for command in ("today", "list"):
        error = refused(run(command, env={"CONNECT_TODAY": "9999-12-31"}))
        assert "CONNECT_TODAY" in error


def test_a_due_date_that_is_accepted_still_exports_to_ics(ok: Run) -> None:
    ok("add", "Ann Lee")
    ok("log", "ann", "x", "--follow-up", "call", "--due", "2199-12-31")
    assert "BEGIN:VCALENDAR" in ok("export", "-f", "ics").stdout


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from connect_cli.cli.context import Env

    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    monkeypatch.setattr("connect_cli.cli.context.stdin_is_terminal", lambda: True)


@pytest.mark.parametrize(
    ("editor_script", "expected"),
    [
        ("path.write_bytes('name: Ann Lée\\n'.encode('latin-1'))", "UTF-8"),
        ("path.unlink()", "removed the file"),
    ],
)
def test_an_editor_that_misbehaves(
    ok: Run,
    run: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    on_a_terminal: None,
    dump,
    editor_script: str,
    expected: str,
) -> None:
    ok("add", "Ann Lee")
    before = dump()
    program = tmp_path / "editor.py"
    program.write_text(f"import sys, pathlib\npath = pathlib.Path(sys.argv[1])\n{editor_script}\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {program}")
    assert expected in refused(run("edit", "ann"))
    assert dump() == before


def test_an_editor_with_an_unbalanced_quote(
    ok: Run, run: Run, monkeypatch: pytest.MonkeyPatch, on_a_terminal: None
) -> None:
    ok("add", "Ann Lee")
    monkeypatch.setenv("EDITOR", "vi 'unclosed")
    assert "unbalanced quote" in refused(run("edit", "ann"))
    assert "unbalanced quote" in refused(run("log", "ann"))


def _text_that_is_not_utf8(journal: Path) -> None:
    """A damaged page that still parses: a name whose bytes are not UTF-8 (one byte flipped)."""
    connection = connect_sqlite(journal)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    data = journal.read_bytes()
    assert b"Ann Lee" in data
    journal.write_bytes(data.replace(b"Ann Lee", b"Ann\xffLee"))


@sqlite_only("the journal file's bytes, damaged on disk")
@pytest.mark.parametrize("how", [damage, _text_that_is_not_utf8])
@pytest.mark.parametrize(
    "args",
    [
        ("search", "coffee"),
        ("show", "#1"),
        ("export",),
        ("export", "-f", "json"),
        ("forget", "#1", "--yes"),
        ("list",),
    ],
)
def test_a_damaged_journal(
    ok: Run, run: Run, journal_file: Path, how, args: tuple[str, ...]
) -> None:
    ok("add", "Ann Lee")
    ok("log", "ann", "coffee and a chat")
    how(journal_file)
    assert "damaged" in refused(run(*args))


def _random_pages(journal: Path) -> None:
    """Pages overwritten with random bytes (a failing disk), past the header."""
    import random

    data = bytearray(journal.read_bytes())
    noise = random.Random(12)
    for offset in range(4096 + 100, len(data) - 600, 4096):
        data[offset : offset + 500] = noise.randbytes(500)
    journal.write_bytes(bytes(data))


@sqlite_only("the journal file's bytes, damaged on disk")
@pytest.mark.parametrize("how", [damage, _text_that_is_not_utf8, _random_pages])
def test_doctor_on_a_damaged_journal(ok: Run, run: Run, journal_file: Path, how) -> None:
    ok("add", "Ann Lee")
    ok("log", "ann", "coffee and a chat")
    how(journal_file)
    result = run("doctor")
    assert result.exit_code == 1 and "internal error" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr and "connect restore" in result.stdout
