"""`connect merge WHO INTO`: a duplicate folds into the person kept, and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Rows, Run
from tests.export_journal import fill

CHILD_TABLES = {"nickname": "value", "channel": "value", "tag": "name", "fact": "text",
                "important_date": "label", "followup": "text"}  # fmt: skip


def owned(rows: Rows, contact_id: int) -> dict[str, list[str]]:
    """Every child row of one contact, by table (the text column of each)."""
    found = {
        table: sorted(
            r[0] for r in rows(f"SELECT {column} FROM {table} WHERE contact_id = ?", (contact_id,))
        )
        for table, column in CHILD_TABLES.items()
    }
    found["participant"] = sorted(
        str(r[0])
        for r in rows("SELECT interaction_id FROM participant WHERE contact_id = ?", (contact_id,))
    )
    return found


def scalar(rows: Rows, sql: str) -> object:
    return rows(sql)[0][0]


@pytest.fixture
def duplicate(ok: Run) -> None:
    """Linda, Bob, Carol, and "L. Holcman" (#4): a duplicate of Linda with her own history."""
    fill(ok)
    ok("add", "L. Holcman", "-c", "Initech", "--location", "Boston", "--nickname", "Lin",
       "--nickname", "Lindy", "-e", "LINDA@acme.com", "-e", "lh@initech.example", "-t", "Client",
       "-t", "golf-buddy", "--like", "Espresso", "--like", "jazz", "--date", "first deal=2025-06-01",
       "--birthday", "04-15", "--every", "monthly", "--met-on", "2024-01-01",
       "--follow-up", "Send the report", "--due", "2026-12-01")  # fmt: skip
    ok("log", "L. Holcman", "Lunch at Initech", "--with", "bob", "-k", "meal", "--on", "2026-10-01")
    ok("log", "#4", "Same dinner, logged twice", "--with", "linda", "--on", "2026-11-12")
    ok("add", "Dave", "--via", "#4")


def test_merge_moves_everything_to_the_person_kept(
    ok: Run, duplicate: None, journal_rows: Rows, dump: Callable[[], object]
) -> None:
    before_source, before_target = owned(journal_rows, 4), owned(journal_rows, 1)
    interactions = scalar(journal_rows, "SELECT count(*) FROM interaction")
    out = ok("merge", "L. Holcman", "Linda", "--yes").stdout
    assert "Merged L. Holcman (#4) into Linda Holcman (#1)." in out
    after = owned(journal_rows, 1)
    assert owned(journal_rows, 4) == {table: [] for table in after}
    assert scalar(journal_rows, "SELECT count(*) FROM contact WHERE id = 4") == 0
    # every item of the duplicate is now Linda's, except the ones she already had
    assert after["nickname"] == ["L. Holcman", "Lin", "Lindy"]
    assert after["channel"] == sorted(["+1 415 555 0100", "https://linkedin.com/in/linda?a=1",
                                       "linda@acme.com", "linda@home.example", "lh@initech.example"])  # fmt: skip
    assert after["tag"] == ["client", "fintech", "golf-buddy"]
    assert "jazz" in after["fact"] and "company (merged): Initech" in after["fact"]
    assert "espresso" in after["fact"] and not any("every" in f for f in after["fact"])
    assert "Espresso" not in after["fact"]
    assert after["important_date"] == ["first deal", "work anniversary"]
    assert after["followup"] == sorted(before_target["followup"] + before_source["followup"])
    # interactions: the lunch moved; the dinner both attended keeps one participant row
    assert scalar(journal_rows, "SELECT count(*) FROM interaction") == interactions
    assert set(after["participant"]) == set(before_target["participant"]) | set(
        before_source["participant"]
    )
    assert scalar(journal_rows, "SELECT introduced_by_id FROM contact WHERE name = 'Dave'") == 1
    card = ok("show", "linda", "--json").json()
    assert card["company"] == "Acme" and card["every_days"] == 14  # Linda's values win
    assert card["met_on"] == "2026-11-01"
    assert "met on (merged): 2024-01-01" in card["facts"]["facts"]
    lunch = next(i for i in card["interactions"] if i["text"] == "Lunch at Initech")
    assert lunch["with"] == ["Bob Stone"]
    dinner = next(i for i in card["interactions"] if i["text"] == "Same dinner, logged twice")
    assert dinner["with"] == []


def test_merge_fills_the_gaps_of_the_person_kept(ok: Run) -> None:
    ok("add", "Sam Lee")
    ok("add", "Samuel Lee", "-c", "Globex", "--title", "CFO", "--birthday", "1970-01-02",
       "--met-at", "a wedding", "--via", "sam lee")  # fmt: skip
    ok("merge", "samuel", "sam lee", "--yes")
    card = ok("show", "sam", "--json").json()
    assert (card["company"], card["title"], card["birthday"], card["met_at"]) == (
        "Globex", "CFO", "1970-01-02", "a wedding",
    )  # fmt: skip
    assert card["introduced_by"] is None  # he cannot have introduced himself
    assert card["nicknames"] == ["Samuel Lee"] and card["facts"]["facts"] == []


def test_merge_refuses_one_person_twice_and_unknown_people(
    run: Run, duplicate: None, dump: Callable[[], object]
) -> None:
    before = dump()
    for args, fragment in (
        (["linda", "#1"], "two different people"),
        (["nobody-at-all", "linda"], "Nobody"),
        (["linda", "#99"], "Nobody"),
    ):
        result = run("merge", *args, "--yes")
        assert result.exit_code == 1 and fragment in result.stderr and result.stdout == ""
    assert dump() == before


def test_merge_core_refuses_self_and_missing_ids(
    duplicate: None, private_journal: Path | str
) -> None:
    from connect_cli.domain.errors import InputError, NotFound
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write.merge import merge_contacts
    from connect_cli.write.session import write_session

    location = locate_journal(str(private_journal))
    with pytest.raises(InputError), write_session(location) as session:
        merge_contacts(session=session, source_id=1, target_id=1)
    with pytest.raises(NotFound), write_session(location) as session:
        merge_contacts(session=session, source_id=99, target_id=1)


def test_declining_the_prompt_changes_nothing(
    run: Run, duplicate: None, dump: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    from connect_cli.cli.context import Env

    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    before = dump()
    result = run("merge", "#4", "#1", input="n\n")
    assert (
        result.exit_code == 1 and "Merge L. Holcman (#4) into Linda Holcman (#1)?" in result.stdout
    )
    assert "Nothing was changed" in result.stderr and dump() == before
    assert run("merge", "#4", "#1", input="y\n").exit_code == 0


def test_without_a_terminal_merge_needs_yes(
    run: Run, duplicate: None, dump: Callable[[], object]
) -> None:
    before = dump()
    result = run("merge", "#4", "#1")
    assert result.exit_code == 1 and result.stdout == ""
    assert "add --yes to confirm when not on a terminal" in result.stderr and dump() == before
