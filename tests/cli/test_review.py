"""`connect review`: a pinned week of a small hand-made journal, exactly as a user sees it."""

from __future__ import annotations

import re

import pytest

from tests.conftest import TODAY, Run

# The week under review is 2026-11-16 .. 2026-11-22 (TODAY, a Sunday).
GOLDEN = """\
Review of the week: 2026-11-16 to 2026-11-22

Talked to (3)
  Bob Stone: call 1
  Carol Ng: meeting 1
  Linda Holcman: call 1, meal 1

Promises kept (2)
  #1 Send the deck (Linda Holcman), kept 2026-11-16, due 2026-11-17
  #4 Book dinner (Linda Holcman), kept 2026-11-21, due 2026-11-18

Promises missed (2)
  #4 Book dinner (Linda Holcman), due 2026-11-18, kept late 2026-11-21
  #2 Intro Bob to Carol (Bob Stone), due 2026-11-19

New people met (1)
  Carol Ng

Introductions made
  0.

Drifted past their rhythm (1)
  Dan Drift: every month, overdue by 3 days

Birthdays and dates until 2026-11-29 (2)
  Wed 2026-11-25: Linda Holcman's birthday (turns 46)
  Sat 2026-11-28: Gus Date: work anniversary (7 years)

Suggestions for the days ahead (3)
  1. Reconnect with Eve Old (overdue by 2 months); talk about passion: sailing
  2. Reconnect with Dan Drift (overdue by 3 days); talk about last note: Caught up about his move.
  3. Introduce Carol Ng to Fay Offer: needs hiring a designer; offers designer recruiting
"""


@pytest.fixture
def week(ok: Run) -> None:
    """People and a week of touches, promises and dates around 2026-11-22."""
    ok("add", "Linda Holcman", "--met-on", "2026-09-01", "--every", "monthly",
       "--birthday", "1980-11-25")  # fmt: skip
    ok("add", "Bob Stone", "--via", "linda", "--met-on", "2026-09-02", "--every", "2w")
    ok("add", "Carol Ng", "--met-on", "2026-11-19", "--need", "hiring a designer")
    ok("add", "Dan Drift", "--met-on", "2026-10-01", "--every", "30d")
    ok("add", "Eve Old", "--met-on", "2026-07-01", "--every", "30d", "--passion", "sailing")
    ok("add", "Fay Offer", "--met-on", "2026-01-05", "--every", "never",
       "--offer", "designer recruiting")  # fmt: skip
    ok("add", "Gus Date", "--met-on", "2026-01-06", "--every", "never",
       "--date", "work anniversary=2019-11-28")  # fmt: skip

    ok("log", "eve", "Sailing talk", "-k", "call", "--on", "2026-08-01")
    ok("log", "dan", "Caught up about his move. Boxes everywhere.", "-k", "note",
       "--on", "2026-10-20")  # fmt: skip
    ok("log", "fay", "Portfolio review", "-k", "video", "--on", "2026-11-10")  # before the week
    ok("log", "linda", "VP search", "--with", "bob", "-k", "call", "--on", "2026-11-18",
       "--follow-up", "Send the deck", "--due", "2026-11-17")  # fmt: skip
    ok("log", "carol", "Coffee", "-k", "meeting", "--on", "2026-11-19")
    ok("log", "linda", "Dinner", "-k", "meal", "--on", "2026-11-20")
    ok("log", "bob", "Intro", "-k", "email", "--on", "2026-11-12",
       "--follow-up", "Intro Bob to Carol", "--due", "2026-11-19")  # fmt: skip
    ok("log", "dan", "Call", "-k", "email", "--on", "2026-10-15",
       "--follow-up", "Call back", "--due", "2026-11-25")  # fmt: skip
    ok("log", "linda", "Plan", "-k", "message", "--on", "2026-11-12",
       "--follow-up", "Book dinner", "--due", "2026-11-18")  # fmt: skip
    ok("done", "1", env={"CONNECT_TODAY": "2026-11-16"})
    ok("done", "4", env={"CONNECT_TODAY": "2026-11-21"})


def test_the_week_shows_exactly_the_expected_people_and_promises(ok: Run, week: None) -> None:
    assert ok("review").stdout == GOLDEN
    assert ok("review", "--week").stdout == GOLDEN


def test_json_carries_the_same_review(ok: Run, week: None) -> None:
    doc = ok("review", "--json").json()
    assert (doc["start"], doc["end"], doc["ahead_until"]) == ("2026-11-16", TODAY, "2026-11-29")
    assert [t["name"] for t in doc["talked_to"]] == ["Bob Stone", "Carol Ng", "Linda Holcman"]
    assert doc["talked_to"][2]["kinds"] == {"call": 1, "meal": 1}
    assert [p["id"] for p in doc["promises_kept"]] == [1, 4]
    assert [p["id"] for p in doc["promises_missed"]] == [4, 2]
    assert [p["name"] for p in doc["people_met"]] == ["Carol Ng"]
    assert [d["name"] for d in doc["drifted"]] == ["Dan Drift"]
    assert doc["drifted"][0]["due_on"] == "2026-11-19"
    assert [s["kind"] for s in doc["suggestions"]] == ["reconnect", "reconnect", "introduce"]
    assert doc["suggestions"][2]["introduce_to"]["name"] == "Fay Offer"
    assert doc["introductions_made"] == 0


def test_a_month_looks_further_back(ok: Run, week: None) -> None:
    doc = ok("review", "--month", "--json").json()
    assert doc["start"] == "2026-10-24"
    assert "Fay Offer" in [t["name"] for t in doc["talked_to"]]


# Blocks of a Markdown note: a heading, a list (bullets or numbers), or an emphasised line.
BLOCK = re.compile(r"(#{1,2} \S.*|_[^_\n]+_|((- |\d+\. )\S.*\n?)+)")


def test_markdown_is_a_valid_weekly_note(ok: Run, week: None) -> None:
    note = ok("review", "--markdown").stdout
    assert note.endswith("\n") and "\n\n\n" not in note
    blocks = note.rstrip("\n").split("\n\n")
    assert blocks[0] == "# Review of the week: 2026-11-16 to 2026-11-22"
    assert all(BLOCK.fullmatch(block) for block in blocks), blocks
    headings = [b for b in blocks if b.startswith("## ")]
    assert len(headings) == 8
    for i, block in enumerate(blocks[1:-1], 1):  # every heading is followed by its content
        if block.startswith("## "):
            assert not blocks[i + 1].startswith("#")
    assert "- Carol Ng: meeting 1" in note
    assert "3. Introduce Carol Ng to Fay Offer" in note


def test_markdown_escapes_user_text(ok: Run) -> None:
    ok("add", "*Star* [link](x) #1", "--met-on", "2026-11-20")
    note = ok("review", "--markdown").stdout
    assert r"- \*Star\* \[link\](x) \#1" in note


def test_a_quiet_week_says_so(ok: Run) -> None:
    ok("add", "Ann Lee", "--met-on", "2025-01-01", "--every", "never")
    out = ok("review").stdout
    assert "Talked to\n  Nobody." in out and "Promises kept\n  None." in out


def test_week_and_month_together_is_a_mistake(run: Run, ok: Run) -> None:
    ok("add", "Ann Lee")
    result = run("review", "--week", "--month")
    assert result.exit_code == 1 and "not both" in result.stderr and result.stdout == ""


def test_a_busy_week_is_summarised_most_talked_to_first(ok: Run) -> None:
    """Twelve people talked to: ten lines (the most talked to first) and "… and 2 more"; the
    Markdown note says the same and --json keeps every one."""
    names = [f"Person {letter}" for letter in "ABCDEFGHIJKL"]
    for name in names:
        ok("add", name, "--met-on", "2026-01-01")
        ok("log", name, "Hello", "-k", "call", "--on", "2026-11-20")
    ok("log", "person l", "Lunch", "-k", "meal", "--on", "2026-11-21")
    ok("log", "person l", "Call", "-k", "call", "--on", "2026-11-22")

    out = ok("review").stdout
    section = out.split("Talked to (12)\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert section[0] == "  Person L: call 2, meal 1"  # the most talked to, though last by name
    assert [line.split(":")[0].strip() for line in section[1:10]] == names[:9]
    assert section[10] == "  … and 2 more (connect review --json lists every one)"
    assert len(section) == 11

    note = ok("review", "--markdown").stdout
    assert "- Person L: call 2, meal 1\n- Person A: call 1" in note
    assert "_… and 2 more (connect review --json lists every one)_" in note
    assert "Person K" not in note

    doc = ok("review", "--json").json()
    assert sorted(t["name"] for t in doc["talked_to"]) == names  # type: ignore[index]
