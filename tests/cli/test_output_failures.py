"""A command says only what is true when its output cannot be printed (issue #12, item 3).

Through the real entry point: a narrow encoding prints with replacement characters, and stdout on
a full disk or closed reports that the change was saved, never "nothing was changed".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run


def console(journal: Path | str, *args: str, **popen: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "CONNECT_DB": str(journal), "CONNECT_TODAY": "2026-11-22"}
    env.update(popen.pop("env", {}))  # type: ignore[arg-type]
    popen.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "connect_cli", *args],
        env=env,
        stderr=subprocess.PIPE,
        check=False,
        **popen,  # type: ignore[arg-type]
    )


def _stdout_unwritable() -> None:
    """fd 1 open for reading only: every write to stdout fails (EBADF), as on a closed stdout.
    Closing fd 1 outright is not enough under libfaketime (CI's faked clock): the library's own
    first open() takes the freed descriptor, and stdout then writes into its file."""
    os.dup2(os.open(os.devnull, os.O_RDONLY), 1)


def notes(ok: Run) -> list[str]:
    return [i["text"] for i in ok("show", "jose", "--json").json()["interactions"]]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_any_encoding_prints_with_replacement(
    ok: Run, private_journal: Path | str, encoding: str
) -> None:
    ok("add", "José 李")
    result = console(private_journal, "log", "jose", "x", env={"PYTHONIOENCODING": encoding})
    assert result.returncode == 0 and result.stderr == b""
    assert b"Logged note with Jos" in result.stdout and b"?" in result.stdout
    assert notes(ok) == ["x"]


def test_a_full_disk_after_the_commit_says_the_change_was_saved(
    ok: Run, private_journal: Path | str
) -> None:
    ok("add", "José 李")
    with open("/dev/full", "wb") as full:
        result = console(private_journal, "log", "jose", "x", stdout=full)
    error = result.stderr.decode()
    assert result.returncode == 1 and "internal error" not in error
    assert "saved, but it could not be printed" in error and "nothing was changed" not in error
    assert error.count("\n") == 1 and "Traceback" not in error
    assert notes(ok) == ["x"]


def test_a_closed_stdout_after_the_commit_says_the_change_was_saved(
    ok: Run, private_journal: Path | str
) -> None:
    ok("add", "José 李")
    result = console(
        private_journal, "log", "jose", "x", stdout=None, preexec_fn=_stdout_unwritable
    )
    error = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in error and "internal error" not in error
    assert "saved, but it could not be printed" in error
    assert notes(ok) == ["x"]


def test_a_read_command_on_a_full_disk_says_only_that_it_could_not_print(
    ok: Run, private_journal: Path | str
) -> None:
    ok("add", "José 李")
    for args in (("list",), ("export",), ("--help",)):
        with open("/dev/full", "wb") as full:
            result = console(private_journal, *args, stdout=full)
        error = result.stderr.decode()
        assert result.returncode == 1, args
        assert error.startswith("The output could not be printed") and error.count("\n") == 1
        assert "saved" not in error and "internal error" not in error
