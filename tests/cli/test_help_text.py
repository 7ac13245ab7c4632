"""Help that reads as a manual (issue 14, item 17): plain value names, examples set apart,
commands grouped by what they are for, and option help that is true."""

from __future__ import annotations

import re

import pytest

from connect_cli.cli.commands import COMMAND_MODULES
from connect_cli.cli.help_panels import HELP_PANELS
from tests.conftest import TODAY, Run


def test_connect_help_groups_the_commands(ok: Run) -> None:
    out = ok("--help").stdout
    headings = [line[:-1] for line in out.splitlines() if re.fullmatch(r"[A-Z][a-z]+:", line)]
    assert headings == ["Options", *HELP_PANELS]  # Capture, Daily, People, Helping, …, Journal
    assert "Other" not in headings
    grouped = [name for names in HELP_PANELS.values() for name in names]
    assert sorted(grouped) == sorted(COMMAND_MODULES)  # every command, once
    assert out.index("\n  add ") < out.index("\n  today ") < out.index("\n  show ")
    assert "--db PATH" in out and "--width N" in out


@pytest.mark.parametrize("command", sorted(COMMAND_MODULES))
def test_each_commands_help_names_values_plainly(ok: Run, command: str) -> None:
    out = ok(command, "--help").stdout
    assert "<" not in out.replace("<->", "") and "{" not in out, out
    usage = out.splitlines()[0]
    words = [w.strip("[].") for w in usage.split()[3:] if w != "[OPTIONS]"]
    assert all(w.isupper() for w in words), usage
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if "Example:" in line:
            assert line.lstrip().startswith("Example:") and not lines[i - 1].strip(), out


def test_met_on_is_today_when_add_logs_a_note(ok: Run) -> None:
    assert "default: today with --note" in ok("add", "--help").stdout
    ok("add", "Ann Bee", "--note", "Coffee at the booth")
    ok("add", "Cy Dee")
    ok("add", "Eve Fox", "--note", "Lunch", "--met-on", "2026-11-01")
    assert ok("show", "ann", "--json").json()["met_on"] == TODAY  # type: ignore[index]
    assert ok("show", "cy", "--json").json()["met_on"] is None  # type: ignore[index]
    assert ok("show", "eve", "--json").json()["met_on"] == "2026-11-01"  # type: ignore[index]
