"""Errors never show note text, emails, SQL parameters or local variables, and never a traceback."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import Run

SECRET_NOTE = "confidential: divorce lawyer meeting"
SECRET_EMAIL = "private.person@hidden.test"


def assert_private(result, *secrets: str) -> None:  # type: ignore[no-untyped-def]
    everything = result.stdout + result.stderr
    for secret in secrets:
        assert secret not in everything
    assert "Traceback" not in everything and 'File "' not in everything
    assert result.exit_code == 1


def test_an_internal_error_says_so_and_nothing_else(run: Run, ok: Run, dump, monkeypatch) -> None:
    ok("add", "Linda Holcman", "-e", SECRET_EMAIL)
    before = dump()

    def broken(*_args: object, **_kwargs: object) -> None:
        secret_local = SECRET_NOTE  # noqa: F841  (a local that must never be shown)
        raise RuntimeError()

    monkeypatch.setattr("connect_cli.write.interactions.log_interaction", broken)
    result = run("log", "linda", SECRET_NOTE)
    assert_private(result, SECRET_NOTE, SECRET_EMAIL, "secret_local")
    assert "internal error" in result.stderr and result.stdout == ""
    assert dump() == before


def test_an_internal_error_message_is_not_echoed(run: Run, ok: Run, monkeypatch) -> None:
    ok("add", "Linda Holcman")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"failed while handling {SECRET_NOTE} for {SECRET_EMAIL}")

    monkeypatch.setattr("connect_cli.write.interactions.log_interaction", broken)
    result = run("log", "linda", SECRET_NOTE)
    assert_private(result, SECRET_NOTE, SECRET_EMAIL)
    assert "internal error" in result.stderr


@pytest.mark.parametrize(
    "orig",
    [
        sqlite3.IntegrityError("UNIQUE constraint failed: channel.value"),
        sqlite3.OperationalError("no such column: secret"),
        sqlite3.ProgrammingError("Incorrect number of bindings supplied"),
    ],
    ids=["integrity", "operational", "programming"],
)
def test_a_sql_error_with_secret_parameters_shows_none_of_them(
    run: Run, ok: Run, dump, monkeypatch, orig: Exception
) -> None:
    from sqlalchemy import exc

    ok("add", "Linda Holcman")
    before = dump()

    def broken(*_args: object, **_kwargs: object) -> None:
        raise exc.DBAPIError.instance(
            "INSERT INTO interaction (text, email) VALUES (?, ?)",
            (SECRET_NOTE, SECRET_EMAIL),
            orig,
            sqlite3.Error,
            hide_parameters=True,
        )

    monkeypatch.setattr("connect_cli.write.interactions.log_interaction", broken)
    result = run("log", "linda", SECRET_NOTE)
    assert_private(result, SECRET_NOTE, SECRET_EMAIL)
    assert result.stderr.startswith("Error: ") and dump() == before


def test_a_real_constraint_error_hides_its_parameters(ok: Run, private_journal) -> None:
    """The engine itself is made with hide_parameters: its own error text carries no values."""
    from sqlalchemy import exc, text

    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write.engine import make_engine

    ok("add", "Linda Holcman")
    engine = make_engine(locate_journal(str(private_journal)))
    with pytest.raises(exc.IntegrityError) as raised, engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO fact (contact_id, kind, text, created_at) "
                "VALUES (999, 'like', :t, '2026-01-01 00:00:00')"
            ),
            {"t": SECRET_NOTE},
        )
    engine.dispose()
    assert SECRET_NOTE not in str(raised.value)


def test_debug_mode_is_opt_in(run: Run, ok: Run, monkeypatch) -> None:
    """Only CONNECT_DEBUG=1 lets the real exception through (for a bug report)."""
    ok("add", "Linda Holcman")
    monkeypatch.setattr(
        "connect_cli.write.interactions.log_interaction",
        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")),
    )
    monkeypatch.setenv("CONNECT_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run("log", "linda", "x")


BROKEN_PROCESS = """
import sys
import connect_cli.write.interactions as interactions
def broken(*args, **kwargs):
    local_secret = sys.argv[-1]
    raise RuntimeError("while saving " + local_secret)
interactions.log_interaction = broken
from connect_cli.cli.entry import main
main()
"""


def test_a_real_process_shows_no_traceback_or_secret(ok: Run, private_journal) -> None:
    """Through the console entry point, as a user runs it (no test runner catching anything)."""
    import os
    import subprocess
    import sys

    ok("add", "Linda Holcman")
    env = {**os.environ, "CONNECT_DB": str(private_journal)}
    result = subprocess.run(
        [sys.executable, "-c", BROKEN_PROCESS, "log", "linda", SECRET_NOTE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert "internal error" in result.stderr
    assert SECRET_NOTE not in result.stderr and "Traceback" not in result.stderr
