"""Capturing and correcting people through the CLI, as a user would from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run

FULL_ADD = [
    "add",
    "Linda Holcman",
    "-c",
    "Acme",
    "--title",
    "VP Sales",
    "-e",
    "work=linda@acme.com",
    "-e",
    "linda@home.example",
    "-p",
    "mobile=+1 415 555 0100",
    "--url",
    "linkedin=https://linkedin.com/in/linda",
    "--location",
    "Boston",
    "--nickname",
    "Lin",
    "--met-at",
    "SaaStr 2026",
    "--met-on",
    "2026-11-01",
    "-t",
    "client",
    "-t",
    "fintech",
    "--every",
    "2w",
    "--birthday",
    "1985-04-15",
    "--date",
    "work anniversary=03-01",
    "--like",
    "espresso",
    "--dislike",
    "golf",
    "--passion",
    "sailing",
    "--family",
    "Sam (son, 7)",
    "--need",
    "hiring a VP Sales",
    "--offer",
    "intros to Boston VCs",
    "--fact",
    "ran a marathon",
    "--note",
    "Coffee at the booth",
    "--follow-up",
    "Send the deck",
    "--due",
    "friday",
]


@pytest.fixture
def linda_and_bob(ok: Run) -> None:
    ok(*FULL_ADD)
    ok("add", "Bob Stone", "-c", "Fintech Ventures", "--via", "linda", "--nickname", "Bobby")


def test_add_with_every_field_shows_all_of_it(ok: Run, linda_and_bob: None) -> None:
    card = ok("show", "linda", "--json").json()
    assert card["name"] == "Linda Holcman" and card["nicknames"] == ["Lin"]
    assert (card["company"], card["title"], card["location"]) == ("Acme", "VP Sales", "Boston")
    assert (card["met_at"], card["met_on"]) == ("SaaStr 2026", "2026-11-01")
    assert card["birthday"] == "1985-04-15" and card["every_days"] == 14
    assert card["emails"] == [
        {"value": "linda@acme.com", "label": "work"},
        {"value": "linda@home.example", "label": None},
    ]
    assert card["phones"] == [{"value": "+1 415 555 0100", "label": "mobile"}]
    assert card["urls"] == [{"value": "https://linkedin.com/in/linda", "label": "linkedin"}]
    assert card["tags"] == ["client", "fintech"]
    assert card["dates"] == [{"label": "work anniversary", "date": "--03-01"}]
    assert card["facts"] == {
        "likes": ["espresso"],
        "dislikes": ["golf"],
        "passions": ["sailing"],
        "family": ["Sam (son, 7)"],
        "needs": ["hiring a VP Sales"],
        "offers": ["intros to Boston VCs"],
        "facts": ["ran a marathon"],
    }
    # --note logs the first meeting on the day they met; the promise is due next Friday.
    assert [(i["on"], i["kind"], i["text"]) for i in card["interactions"]] == [
        ("2026-11-01", "meeting", "Coffee at the booth")
    ]
    assert card["followups"] == [{"id": 1, "text": "Send the deck", "due": "2026-11-27"}]
    assert card["last_contact"] == "2026-11-01"
    bob = ok("show", "bobby", "--json").json()
    assert bob["introduced_by"] == {"id": 1, "name": "Linda Holcman"}
    assert bob["every_days"] == 90  # the default rhythm


def test_log_a_call_with_two_people_appears_in_both_timelines(ok: Run, linda_and_bob: None) -> None:
    out = ok("log", "linda", "Talked about the VP search", "--with", "bob", "-k", "call").stdout
    assert "Linda Holcman, Bob Stone" in out
    for who, other in (("linda", "Bob Stone"), ("bob", "Linda Holcman")):
        timeline = ok("show", who, "--json").json()["interactions"]
        assert timeline[0]["text"] == "Talked about the VP search"
        assert timeline[0]["kind"] == "call" and timeline[0]["with"] == [other]
        assert timeline[0]["on"] == "2026-11-22"
    card = ok("show", "bob").stdout
    assert "Talked about the VP search" in card and "with Linda Holcman" in card


def test_log_reads_the_note_from_stdin(ok: Run, linda_and_bob: None) -> None:
    ok(
        "log",
        "bob",
        "--on",
        "yesterday",
        "-k",
        "meal",
        input="Dinner downtown\nhe is moving to Austin\n",
    )
    first = ok("show", "bob", "--json").json()["interactions"][0]
    assert first["text"] == "Dinner downtown\nhe is moving to Austin"
    assert (first["on"], first["kind"]) == ("2026-11-21", "meal")


def test_show_groups_facts_on_the_card(ok: Run, linda_and_bob: None) -> None:
    card = ok("show", "linda").stdout
    for heading, fact in (
        ("Needs", "hiring a VP Sales"),
        ("Passions", "sailing"),
        ("Family", "Sam (son, 7)"),
        ("Likes", "espresso"),
        ("Can offer", "intros"),
    ):
        line = next(line for line in card.splitlines() if fact in line)
        assert heading in line
    assert "Send the deck" in card and "Coffee at the booth" in card


def test_edit_removes_one_tag_and_one_fact(ok: Run, linda_and_bob: None) -> None:
    ok("edit", "linda", "--drop", "tag:fintech", "--drop", "passion:Sailing", "--title", "CRO")
    card = ok("show", "linda", "--json").json()
    assert card["tags"] == ["client"] and card["facts"]["passions"] == []
    assert card["title"] == "CRO" and card["facts"]["likes"] == ["espresso"]


def test_edit_adds_clears_and_renames(ok: Run, linda_and_bob: None) -> None:
    ok(
        "edit",
        "bob",
        "--like",
        "jazz",
        "--clear",
        "company",
        "--name",
        "Robert Stone",
        "--every",
        "never",
    )
    card = ok("show", "robert", "--json").json()
    assert card["name"] == "Robert Stone" and card["company"] is None
    assert card["facts"]["likes"] == ["jazz"] and card["every_days"] is None
    ok("edit", "robert", "--like", "jazz")  # adding what is there already keeps one
    assert ok("show", "robert", "--json").json()["facts"]["likes"] == ["jazz"]


def test_edit_drop_of_something_absent_is_an_error(
    run: Run, ok: Run, linda_and_bob: None, dump
) -> None:
    before = dump()
    result = run("edit", "linda", "--drop", "tag:nope")
    assert result.exit_code == 1 and "no tag" in result.stderr and "Traceback" not in result.stderr
    assert dump() == before


def test_archive_hides_from_list_and_undo_brings_back(ok: Run, linda_and_bob: None) -> None:
    ok("archive", "bob")
    assert [r["name"] for r in ok("list", "--json").json()] == ["Linda Holcman"]
    assert [r["name"] for r in ok("list", "--archived", "--json").json()] == ["Bob Stone"]
    assert ok("show", "bob", "--json").json()["archived"] is True
    ok("archive", "bob", "--undo")
    assert len(ok("list", "--json").json()) == 2


def test_list_json_keys_and_filters(ok: Run, linda_and_bob: None) -> None:
    rows = ok("list", "--json").json()
    assert rows[1] == {
        "id": 1,
        "name": "Linda Holcman",
        "company": "Acme",
        "tags": ["client", "fintech"],
        "last_contact": "2026-11-01",
        "every_days": 14,
    }
    assert [r["id"] for r in ok("list", "--tag", "client", "--json").json()] == [1]
    assert [r["id"] for r in ok("list", "fintech v", "--json").json()] == [2]
    assert [r["id"] for r in ok("list", "--sort", "overdue", "--json").json()] == [1, 2]
    table = ok("list").stdout
    assert "Linda Holcman" in table and "Bob Stone" in table


def test_same_name_twice_needs_a_flag(run: Run, ok: Run, linda_and_bob: None) -> None:
    result = run("add", "linda holcman")
    assert result.exit_code == 1 and "connect log #1" in result.stderr
    ok("add", "Linda Holcman", "--duplicate", "-c", "Other")
    assert len(ok("list", "--json").json()) == 3


def test_two_jos_are_never_guessed_between(run: Run, ok: Run, dump) -> None:
    ok("add", "Jo Smith", "-c", "Acme")
    ok("add", "Jo Brown")
    before = dump()
    result = run("log", "jo", "x")
    assert result.exit_code == 1
    assert "Jo Smith" in result.stderr and "Jo Brown" in result.stderr and "#1" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert dump() == before


def test_unknown_name_suggests_the_nearest(run: Run, ok: Run, dump) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    result = run("log", "Lynda Holkman-Smith", "x")
    assert result.exit_code == 1 and "Linda Holcman" in result.stderr
    assert dump() == before


@pytest.mark.parametrize("on", ["next week", "Feb 30", "banana", "2026-02-29", "tomorrow"])
def test_bad_or_future_dates_are_refused_without_change(run: Run, ok: Run, dump, on: str) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    result = run("log", "linda", "x", "--on", on)
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert dump() == before


@pytest.mark.parametrize(
    "args",
    [
        ["add", "X", "--every", "sometimes"],
        ["add", "X", "--birthday", "1985-02-29"],
        ["add", "X", "--email", "not-an-email"],
        ["add", "X", "--date", "no equals sign"],
        ["add", "X", "--met-on", "in 2 weeks"],
        ["add", "X", "--due", "friday"],
        ["add", "   "],
        ["log", "linda", "x", "--kind", "telepathy"],
        ["log", "linda", "   "],
        ["edit", "linda", "--clear", "shoe size"],
        ["edit", "linda", "--drop", "colour:red"],
        ["edit", "linda", "--via", "linda"],
        ["show", "#99"],
        ["config", "limit", "0"],
        ["config", "colour", "red"],
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(
    run: Run, ok: Run, dump, args: list[str]
) -> None:
    ok("add", "Linda Holcman")
    before = dump()
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    assert dump() == before


def test_usage_errors_exit_2(run: Run) -> None:
    result = run("log")
    assert result.exit_code == 2 and "Missing argument" in result.stderr
    assert run("list", "--sort", "sideways").exit_code == 2


def test_a_huge_note_is_refused(run: Run, ok: Run) -> None:
    ok("add", "Linda Holcman")
    result = run("log", "linda", "x" * 100_001)
    assert result.exit_code == 1 and "100,000" in result.stderr


def test_config_reads_and_changes_settings_kept_in_the_journal(
    ok: Run, request: pytest.FixtureRequest, private_journal: Path | str
) -> None:
    """On SQLite the default journal (no --db), not made yet; on a server an empty database."""
    if isinstance(private_journal, Path):
        request.getfixturevalue("default_journal")
    assert "every = every 3 months" in ok("config").stdout
    assert ok("config", "every", "30d").stdout.strip() == "every = every month"
    ok("add", "New Person")
    assert ok("show", "new", "--json").json()["every_days"] == 30
    assert ok("config", "limit", "3").stdout.strip() == "limit = 3"
    assert ok("config", "limit").stdout.strip() == "limit = 3"


def test_log_without_text_and_without_a_terminal_reads_empty_stdin(run: Run, ok: Run) -> None:
    ok("add", "Linda Holcman")
    result = run("log", "linda", input="")
    assert result.exit_code == 1 and "note is empty" in result.stderr
