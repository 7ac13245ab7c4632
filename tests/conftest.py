"""Shared fixtures: every test gets its own journal; no test can touch a real one."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

TODAY = "2026-11-22"  # a Sunday


@pytest.fixture(autouse=True)
def private_journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point CONNECT_DB at a temporary file and pin today; unset anything that could leak in."""
    journal = tmp_path / "data" / "connect.db"
    monkeypatch.setenv("CONNECT_DB", str(journal))
    monkeypatch.setenv("CONNECT_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    for name in ("CONNECT_DEBUG", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)
    return journal


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Invoke `connect ARGS…` in-process; stdout and stderr kept apart."""
    from connect_cli.cli.app import app

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout counts as a terminal: long listings show their first page as a table."""
    monkeypatch.setattr("connect_cli.cli.context.stdout_is_terminal", lambda: True)


@pytest.fixture
def ok(run: Run) -> Run:
    """Like `run`, but the command must succeed with nothing on stderr."""

    def invoke(*args: str, **kwargs: object) -> Result:
        result = run(*args, **kwargs)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    return invoke


def journal_dump(path: Path) -> list[tuple[str, list[tuple[object, ...]]]]:
    """Every row of every table: compare before/after to prove a command changed nothing."""
    if not path.exists():
        return []
    connection = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return [
            (t, sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr))
            for t in tables
        ]
    finally:
        connection.close()


@pytest.fixture
def dump(private_journal: Path) -> Callable[[], list[tuple[str, list[tuple[object, ...]]]]]:
    return lambda: journal_dump(private_journal)


def env_without_journal_overrides() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("CONNECT_DB",)}
