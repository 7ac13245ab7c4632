"""Issue #14 item 4: the whole timeline (`show --all`) and a history across everyone
(`connect history --since --kind --with`), paged on a terminal, tab-separated when piped, JSON."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Run


@pytest.fixture
def twelve(ok: Run) -> None:
    ok("add", "Linda Holcman", "--met-on", "2026-10-01")
    ok("add", "Bob Stone", "--met-on", "2026-10-01")
    for day in range(1, 13):  # #1..#12, one a day; #12 (Nov 12) with Bob too, as a call
        extra = ["--with", "bob", "-k", "call"] if day == 12 else []
        ok("log", "linda", f"Note number {day}", "--on", f"2026-11-{day:02d}", *extra)
    ok("log", "bob", "Lunch\twith\nBob", "--on", "2026-11-15 12:30", "-k", "meal")  # #13


def test_show_all_gives_the_whole_timeline(ok: Run, twelve: None) -> None:
    card = ok("show", "linda").stdout
    assert "Note number 12" in card and "Note number 2" not in card.replace("Note number 12", "")
    assert "2 earlier (`show --all` or --json)" in card
    whole = ok("show", "linda", "--all").stdout
    assert all(f"Note number {n}" in whole for n in range(1, 13)) and "earlier" not in whole


def test_history_lists_everyone_newest_first_as_json(ok: Run, twelve: None) -> None:
    doc = ok("history", "--json").json()
    assert [d["id"] for d in doc] == [13, *range(12, 0, -1)]
    assert doc[0] == {
        "id": 13, "on": "2026-11-15", "at": "12:30", "kind": "meal",
        "text": "Lunch\twith\nBob", "people": ["Bob Stone"],
    }  # fmt: skip
    assert doc[1]["people"] == ["Bob Stone", "Linda Holcman"]


def test_history_filters(ok: Run, run: Run, twelve: None) -> None:
    def ids(*args: str) -> list[int]:
        return [d["id"] for d in ok("history", "--json", *args).json()]

    assert ids("--since", "2026-11-10") == [13, 12, 11, 10]
    assert ids("--kind", "call") == [12]
    assert ids("--with", "bob") == [13, 12]
    assert ids("--with", "bob", "--with", "linda") == [12]
    assert ids("--kind", "event") == []
    for args, says in [
        (["--kind", "lunchish"], "Unknown kind"),
        (["--with", "nobody-here"], "Nobody in your journal matches"),
        (["--since", "someday soon"], ""),
        (["--limit", "0"], "--limit"),
    ]:
        result = run("history", *args)
        assert result.exit_code == 1 and says in result.stderr and result.stdout == "", args


def test_history_is_paged_on_a_terminal(ok: Run, twelve: None, terminal: None) -> None:
    page = ok("history", "--limit", "5")
    assert "Lunch with Bob" in page.stdout and "Note number 9" in page.stdout
    assert "Note number 8" not in page.stdout
    assert page.stderr.strip() == "… and 8 more; `connect history --all` shows everything."
    everything = ok("history", "--all")
    assert re.search(r"Note number 1\b", everything.stdout) and everything.stderr == ""


def test_history_piped_is_tab_separated(ok: Run, twelve: None) -> None:
    lines = ok("history").stdout.splitlines()
    assert lines[0] == "id\ton\tat\tkind\tpeople\ttext"
    assert lines[1] == "13\t2026-11-15\t12:30\tmeal\tBob Stone\tLunch with Bob"
    assert len(lines) == 14


def test_history_with_nothing_says_so(ok: Run, run: Run) -> None:
    ok("add", "Linda Holcman")
    empty = run("history")
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "Nothing logged yet" in empty.stderr
    none = run("history", "--kind", "call")
    assert none.exit_code == 0 and "Nothing logged matches" in none.stderr
