"""The console script leaves without an interpreter teardown (cli/entry.py: console), and a user
can't tell: the same output, the same exit codes, nothing lost when piped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from connect_cli.cli.entry import exit_status
from connect_cli.domain.errors import SIGPIPE_STATUS
from tests.conftest import Run


def console(*args: str, journal: Path | str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python -m connect_cli ARGS`: the same entry point as the installed `connect`."""
    env = {**os.environ, "CONNECT_DB": str(journal), "CONNECT_TODAY": "2026-11-22"}
    return subprocess.run(
        [sys.executable, "-m", "connect_cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), (256 + 3, 3), (True, 1)]
)
def test_exit_status_is_what_python_would_return(code: object, status: int) -> None:
    assert exit_status(code) == status


def test_an_exit_with_a_message_prints_it_and_returns_1(capsys: pytest.CaptureFixture) -> None:
    assert exit_status("journal is gone") == 1
    assert capsys.readouterr().err == "journal is gone\n"


def test_every_line_of_a_long_listing_arrives_through_a_pipe(
    ok: Run, private_journal: Path | str
) -> None:
    ok("demo", "--contacts", "400", "--interactions", "800", "--seed", "3")
    expected = ok("list").stdout
    result = console("list", journal=private_journal)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == expected  # flushed in full before the process left
    assert len(result.stdout.splitlines()) > 300  # (archived people are not listed)


def test_exit_codes_and_error_sentences_are_kept(ok: Run, private_journal: Path | str) -> None:
    ok("add", "Ann Lee")
    unknown = console("show", "Zebediah", journal=private_journal)
    assert unknown.returncode == 1
    assert unknown.stdout == ""
    assert unknown.stderr.count("\n") == 1 and "Traceback" not in unknown.stderr
    usage = console("show", journal=private_journal)
    assert usage.returncode == 2 and "Missing argument 'WHO'" in usage.stderr
    assert console("--version", journal=private_journal).stdout.startswith("connect ")


def test_a_write_is_committed_before_the_process_leaves(
    ok: Run, private_journal: Path | str
) -> None:
    ok("add", "Ann Lee")
    logged = console("log", "ann", journal=private_journal, stdin="Coffee; she is hiring.\n")
    assert logged.returncode == 0, logged.stderr
    shown = ok("show", "ann", "--json").json()
    assert [i["text"] for i in shown["interactions"]] == ["Coffee; she is hiring."]


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A journal whose every export is larger than a pipe holds (64 KiB on Linux)."""
    journal = tmp_path_factory.mktemp("thousand") / "connect.db"
    made = console("demo", "--contacts", "1000", "--interactions", "3000", journal=journal)
    assert made.returncode == 0, made.stderr
    return journal


@pytest.mark.parametrize(
    "args", [("export", "--format", "json"), ("export",), ("list",), ("list", "--json")]
)
def test_a_reader_that_goes_away_is_no_error(thousand: Path, args: tuple) -> None:
    journal_file = thousand
    env = {**os.environ, "CONNECT_DB": str(journal_file), "CONNECT_TODAY": "2026-11-22"}
    connect = subprocess.Popen(
        [sys.executable, "-m", "connect_cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert connect.stdout is not None and connect.stderr is not None
    assert connect.stdout.read(10)
    connect.stdout.close()  # what `| head -c 10` does
    error = connect.stderr.read().decode()
    assert error == ""
    # Python reports the broken pipe only when it meets it before a write returns (a write that
    # got part of its bytes out returns quietly), so the run ends quietly with 0, or with the
    # status a shell reports for a program ended by SIGPIPE; never with a failure of ours.
    assert connect.wait(timeout=60) in {0, SIGPIPE_STATUS}
