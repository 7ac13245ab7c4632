"""`connect export --format csv`: notes and contacts, safe in a spreadsheet, exact for our import."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.formats.csv_safety import DANGEROUS, restore_cell, split_labelled, split_values
from connect_cli.read.export import NotePromise
from tests.conftest import Run
from tests.export_journal import fill

HEADER = "date,time,person,person_id,kind,note,with,tags,follow_up,follow_up_due,follow_up_done"


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def journal(ok: Run) -> None:
    fill(ok)


def test_notes_csv_has_one_row_per_interaction_and_person(ok: Run, journal: None) -> None:
    out = ok("export").stdout
    assert out.splitlines()[0] == HEADER
    rows = rows_of(out)
    assert [(r["date"], r["person"], r["kind"]) for r in rows] == [
        ("2026-11-01", "Linda Holcman", "meeting"),
        ("2026-11-10", "Linda Holcman", "meal"),
        ("2026-11-10", "Bob Stone", "meal"),
        ("2026-11-20", "Bob Stone", "call"),
    ]
    meal_linda, meal_bob = rows[1], rows[2]
    assert meal_linda["time"] == meal_bob["time"] == "19:30"
    assert (meal_linda["with"], meal_bob["with"]) == ("Bob Stone", "Linda Holcman")
    assert (meal_linda["person_id"], meal_bob["person_id"]) == ("1", "2")
    assert meal_linda["tags"] == "client; fintech" and meal_bob["tags"] == "investor"
    # the promise is owed to the first person named, so it sits on her row only
    assert (meal_linda["follow_up"], meal_bob["follow_up"]) == ("Intro Linda to Bob", "")
    assert rows[0]["follow_up"] == "Send the deck"
    # "--due friday": its day; the dinner's promise has none; neither is kept yet
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", rows[0]["follow_up_due"])
    assert (
        meal_linda["follow_up_due"]
        == meal_linda["follow_up_done"]
        == rows[0]["follow_up_done"]
        == ""
    )
    assert restore_cell(meal_bob["note"]) == 'Dinner, "Chez Marcel"\n=SUM(A1)'
    assert rows[3]["note"] == "Call about the fund 🚀" and rows[3]["time"] == ""


def test_notes_csv_says_which_promises_it_leaves_out(run: Run, ok: Run, tmp_path: Path) -> None:
    ok("add", "Ann Lee", "--follow-up", "Call back", "--due", "2026-12-01")
    ok("add", "Bo Kim", "--follow-up", "Send the book")
    ok("log", "ann", "Lunch", "--follow-up", "Book the table")
    said = (
        "2 promises not made at a note are not in the notes CSV (--format json keeps everything)."
    )
    to_stdout = run("export")
    assert to_stdout.exit_code == 0 and to_stdout.stderr.strip() == said
    assert [r["follow_up"] for r in rows_of(to_stdout.stdout)] == ["Book the table"]
    to_file = run("export", "-o", str(tmp_path / "notes.csv"))
    assert to_file.exit_code == 0 and to_file.stderr.strip() == said
    assert to_file.stdout.strip() == f"Exported 1 note to {tmp_path / 'notes.csv'}."
    ok("add", "Cy Park", "-t", "quiet")  # a tag no note is made with (an unknown tag is an error)
    only_ann = run("export", "--tag", "quiet")
    assert only_ann.stderr == "" and only_ann.stdout.strip() == HEADER
    assert run("export", "-f", "json").stderr == ""


def test_formulas_are_neutralised_unless_raw(ok: Run, journal: None) -> None:
    contacts = rows_of(ok("export", "--what", "contacts").stdout)
    bob = next(r for r in contacts if r["name"] == "Bob Stone")
    assert bob["phones"] == "'-5 trick"
    for row in contacts:
        for value in row.values():
            assert not value or value[0] not in DANGEROUS
    raw = rows_of(ok("export", "--what", "contacts", "--raw").stdout)
    assert next(r for r in raw if r["name"] == "Bob Stone")["phones"] == "-5 trick"


def test_contacts_csv_carries_every_field_and_splits_back_exactly(ok: Run, journal: None) -> None:
    rows = {r["name"]: r for r in rows_of(ok("export", "--what", "contacts").stdout)}
    assert list(rows) == ["Bob Stone", "Carol Ng", "Linda Holcman"]
    linda = {k: restore_cell(v) for k, v in rows["Linda Holcman"].items()}
    assert (linda["id"], linda["company"], linda["title"], linda["location"]) == (
        "1",
        "Acme",
        "VP Sales",
        "Boston",
    )
    assert (linda["met_at"], linda["met_on"], linda["birthday"]) == (
        "SaaStr 2026",
        "2026-11-01",
        "1985-04-15",
    )
    assert (linda["every_days"], linda["archived"], linda["snoozed_until"]) == ("14", "false", "")
    assert split_values(linda["nicknames"]) == ["Lin"]
    assert split_labelled(linda["emails"]) == [
        ("work", "linda@acme.com"),
        (None, "linda@home.example"),
    ]
    assert split_labelled(linda["phones"]) == [("mobile", "+1 415 555 0100")]
    assert split_labelled(linda["urls"]) == [("linkedin", "https://linkedin.com/in/linda?a=1")]
    assert split_values(linda["tags"]) == ["client", "fintech"]
    assert split_values(linda["facts"]) == ['=HYPERLINK("x")']
    assert split_values(linda["family"]) == ["Sam (son, 7)"]
    assert split_labelled(linda["dates"]) == [("work anniversary", "--03-01")]
    assert linda["created_at"].startswith("2026-") and linda["updated_at"]
    bob = rows["Bob Stone"]
    assert (bob["introduced_by"], bob["introduced_by_id"]) == ("Linda Holcman", "1")
    carol = {k: restore_cell(v) for k, v in rows["Carol Ng"].items()}
    assert (carol["birthday"], carol["archived"]) == ("--02-29", "true")


def test_since_keeps_notes_on_or_after_the_day(ok: Run, journal: None) -> None:
    rows = rows_of(ok("export", "--since", "2026-11-10").stdout)
    assert {r["date"] for r in rows} == {"2026-11-10", "2026-11-20"} and len(rows) == 3
    assert rows_of(ok("export", "--since", "yesterday").stdout) == []


def test_tag_keeps_only_people_with_it(ok: Run, journal: None) -> None:
    rows = rows_of(ok("export", "--tag", "INVESTOR").stdout)
    assert {r["person"] for r in rows} == {"Bob Stone"} and len(rows) == 2
    # the other people present are still named
    assert rows[0]["with"] == "Linda Holcman"
    contacts = rows_of(ok("export", "--what", "contacts", "--tag", "client").stdout)
    assert [r["name"] for r in contacts] == ["Carol Ng", "Linda Holcman"]


def test_an_empty_journal_exports_just_the_header(
    ok: Run, request: pytest.FixtureRequest, private_journal: Path | str
) -> None:
    """On SQLite the default journal (no --db), not made yet; on a server an empty database."""
    if isinstance(private_journal, Path):
        request.getfixturevalue("default_journal")
    assert ok("export").stdout.strip() == HEADER


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "json", "--tag", "x"], "whole journal"),
        (["--format", "vcard", "--since", "2026-01-01"], "--since"),
        (["--what", "contacts", "--since", "2026-01-01"], "--since"),
        (["--format", "vcard", "--what", "notes"], "--what"),
        (["--format", "csv", "--vcard-version", "4.0"], "--vcard-version"),
        (["--format", "vcard", "--vcard-version", "2.1"], "3.0 or 4.0"),
        (["--since", "someday"], "date"),
    ],
)
def test_options_that_do_not_fit_are_refused_in_one_sentence(
    run: Run, args: list[str], fragment: str
) -> None:
    result = run("export", *args)
    assert result.exit_code == 1 and result.stdout == ""
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_format_is_a_usage_error(run: Run) -> None:
    assert run("export", "--format", "xls").exit_code == 2


@given(st.lists(st.text(max_size=30), min_size=1, max_size=3), st.booleans())
def test_hand_made_note_lines_read_back_with_the_csv_module(notes: list[str], raw: bool) -> None:
    """write_notes builds lines itself for speed; any CSV reader must read them exactly."""
    from connect_cli.formats.csv_export import write_notes

    people = {1: ('Ann, "A"', ("x,y",)), 2: ("=Bob", ())}
    rows = [("2026-11-01", None, 1, "note", text, n) for n, text in enumerate(notes)]
    rows += [("2026-11-02", "09:05:00.000000", cid, "call", notes[0], 99) for cid in (1, 2)]
    promises = {(1, 0): [NotePromise("a | b", "2026-12-01"), NotePromise("=c", None, "2026-11-02")]}
    out = io.StringIO(newline="")
    assert write_notes(out, rows, people, promises, raw=raw) == len(notes) + 2
    read = rows_of(out.getvalue())
    back = (lambda s: s) if raw else restore_cell
    assert [back(r["note"]) for r in read] == [*notes, notes[0], notes[0]]
    assert back(read[0]["person"]) == 'Ann, "A"' and read[0]["tags"] == "x,y"
    assert split_values(back(read[0]["follow_up"])) == ["a | b", "=c"]
    assert split_values(read[0]["follow_up_due"]) == ["2026-12-01", ""]
    assert split_values(read[0]["follow_up_done"]) == ["", "2026-11-02"]
    assert [back(r["with"]) for r in read[-2:]] == ["=Bob", 'Ann, "A"']
    assert read[-1]["time"] == "09:05" and back(read[-1]["person"]) == "=Bob"
