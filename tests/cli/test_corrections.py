"""Issue #14 item 3: every mistake can be fixed: an interaction's text, day, kind and people, its
deletion, a promise's text and due day, and a promise dropped without being kept."""

from __future__ import annotations

import pytest

from tests.conftest import Run


@pytest.fixture
def logged(ok: Run) -> None:
    ok("add", "Tom Baker", "--met-on", "2026-10-01")
    ok("add", "Tom Hardy", "--met-on", "2026-10-01")
    ok("add", "Linda Holcman", "--met-on", "2026-10-01")
    # #1: a fuzzy pick of the wrong Tom, the wrong day and kind, a typo
    ok("log", "#2", "Talked abot the budget", "--on", "2026-11-20", "--follow-up", "Send deck")


def test_fix_changes_text_day_kind_and_people(ok: Run, logged: None) -> None:
    result = ok(
        "fix", "1", "Talked about the budget", "--on", "2026-11-19", "-k", "call",
        "--without", "#2", "--with", "tom baker", "--with", "linda",
    )  # fmt: skip
    assert result.stdout.strip() == "Fixed interaction #1."
    (entry,) = ok("show", "tom baker", "--json").json()["interactions"]
    assert (entry["id"], entry["on"], entry["kind"], entry["text"]) == (
        1, "2026-11-19", "call", "Talked about the budget",
    )  # fmt: skip
    assert entry["with"] == ["Linda Holcman"]
    assert ok("show", "#2", "--json").json()["interactions"] == []
    baker = [r for r in ok("list", "--json").json() if r["name"] == "Tom Baker"]
    assert baker[0]["last_contact"] == "2026-11-19"  # the clock follows the day


def test_search_follows_a_fixed_and_a_deleted_note(ok: Run, logged: None) -> None:
    def found(word: str) -> list[object]:
        return [
            m.get("interaction_id")
            for r in ok("search", word, "--json").json()
            for m in r["matches"]
        ]

    assert found("abot") == [1]
    ok("fix", "#1", "Talked about the quarterly forecast")
    assert found("forecast") == [1] and found("abot") == []
    ok("unlog", "1", "--yes")
    assert found("forecast") == []


def test_fix_without_changes_and_fix_of_nothing(run: Run, ok: Run, logged: None, dump) -> None:
    before = dump()
    same = ok("fix", "1", "Talked abot the budget")
    assert same.stdout.strip() == "Nothing changed in interaction #1."
    for args, says in [
        (["fix", "1"], "Say what to change"),
        (["fix", "99", "x"], "There is no interaction #99"),
        (["fix", "x1", "x"], "Give the interaction's number"),
        (["fix", "1", "--on", "tomorrow"], ""),
        (["fix", "1", "--kind", "lunchish"], "Unknown kind"),
        (["fix", "1", "--without", "#2"], "needs someone; to remove it use `connect unlog 1`"),
        (["fix", "1", "--with", "nobody-here"], "Nobody in your journal matches"),
    ]:
        result = run(*args)
        assert result.exit_code == 1 and says in result.stderr and result.stdout == "", args
    assert dump() == before


def test_unlog_deletes_the_interaction_and_keeps_its_promise(
    run: Run, ok: Run, logged: None
) -> None:
    refused = run("unlog", "1")  # not a terminal: it must be said with --yes
    assert refused.exit_code == 1 and "--yes" in refused.stderr
    assert ok("unlog", "#1", "--yes").stdout.strip() == "Deleted interaction #1."
    assert ok("show", "#2", "--json").json()["interactions"] == []
    assert [p["text"] for p in ok("followups", "--json").json()] == ["Send deck"]
    gone = run("unlog", "1", "--yes")
    assert gone.exit_code == 1 and "There is no interaction #1" in gone.stderr


def test_promise_changes_text_and_due_day(run: Run, ok: Run, logged: None) -> None:
    ok("promise", "1", "--text", "Send the Q4 deck", "--due", "2026-12-01")
    (p,) = ok("followups", "--json").json()
    assert (p["id"], p["text"], p["due"]) == (1, "Send the Q4 deck", "2026-12-01")
    assert ok("promise", "#1", "--no-due").stdout.strip() == "Changed promise #1."
    assert ok("followups", "--json").json()[0]["due"] is None
    assert ok("promise", "1", "--no-due").stdout.strip() == "Nothing changed in promise #1."
    for args, says in [
        (["promise", "1"], "Say what to change"),
        (["promise", "1", "--due", "friday", "--no-due"], "not both"),
        (["promise", "9", "--text", "x"], "There is no promise #9"),
        (["promise", "1", "--due", "someday soon"], ""),
    ]:
        result = run(*args)
        assert result.exit_code == 1 and says in result.stderr, args


def test_cancel_drops_a_promise_without_keeping_it(run: Run, ok: Run, logged: None) -> None:
    result = ok("cancel", "1")
    assert result.stdout.strip() == "Cancelled promise #1 to Tom Hardy: Send deck"
    assert ok("followups", "--json").json() == []
    assert ok("followups", "--all", "--json").json() == []  # not kept either
    assert ok("show", "#2", "--json").json()["interactions"][0]["text"] == "Talked abot the budget"
    again = run("cancel", "1")
    assert again.exit_code == 1 and "There is no promise #1" in again.stderr


def test_a_kept_promise_cannot_be_cancelled(run: Run, ok: Run, logged: None) -> None:
    ok("done", "1")
    result = run("cancel", "1")
    assert result.exit_code == 1 and "already kept" in result.stderr


def test_the_show_timeline_gives_each_interaction_its_id(ok: Run, logged: None) -> None:
    card = ok("show", "#2").stdout
    assert "#1" in card and "Talked abot the budget" in card
    line = next(line for line in card.splitlines() if "Talked abot" in line)
    assert line.strip("│ ").split()[0] == "#1"


@pytest.mark.parametrize(
    ("saved", "code", "says", "note"),
    [
        ("Talked about the budget\n", 0, "Fixed interaction #1.", "Talked about the budget"),
        (None, 0, "Nothing changed in interaction #1.", "Talked abot the budget"),
        ("\n", 1, "The note was emptied, so nothing was changed", "Talked abot the budget"),
    ],
)
def test_fix_with_only_the_id_on_a_terminal_opens_the_note_in_the_editor(
    ok: Run, logged: None, tmp_path, saved: str | None, code: int, says: str, note: str
) -> None:
    from tests.cli.pty_session import PtySession, fake_editor

    editor = fake_editor(tmp_path, saved)
    status, screen, err = PtySession("fix", "1", env={"EDITOR": editor}).finish()
    assert status == code and says in screen + err, (screen, err)
    assert (tmp_path / "shown.txt").read_text() == "Talked abot the budget\n"
    assert ok("show", "#2", "--json").json()["interactions"][0]["text"] == note
