"""connect's own CSV exports read back: contacts (with neutralised cells restored) and notes.

Written by hand to the export's documented columns; the round trip through `connect export` is
in test_import_roundtrip.py once both sides are on the same branch.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import Rows, Run


def utc(stored: object) -> datetime | None:
    """A stored moment: SQLite's text in UTC without a zone, or a server's timestamptz."""
    if stored is None:
        return None
    moment = datetime.fromisoformat(str(stored))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


NOTES_HEADER = "date,time,person,person_id,kind,note,with,tags,follow_up\n"


def test_notes_csv_makes_one_interaction_per_meeting_and_finds_people(
    ok: Run, tmp_path: Path
) -> None:
    ok("add", "Linda Holcman", "-c", "Acme")
    path = tmp_path / "notes.csv"
    path.write_text(
        NOTES_HEADER
        + '2026-11-20,14:30,Linda Holcman,1,call,"Talked about the VP search\nand sailing",Bob Stone,client,Intro Linda to Bob\n'
        + '2026-11-20,14:30,Bob Stone,2,call,"Talked about the VP search\nand sailing",Linda Holcman,,\n'
        + "2026-11-21,,Bob Stone,2,meal,'=1+1 is two,,,\n"
    )
    out = ok("import", str(path)).stdout
    assert "connect notes" in out and "1 person was added: Bob Stone" in out
    assert "2 interactions were added" in out
    linda = ok("show", "linda", "--json").json()
    assert isinstance(linda, dict)
    call = linda["interactions"][0]
    assert (call["on"], call["kind"], call["with"]) == ("2026-11-20", "call", ["Bob Stone"])
    assert call["text"] == "Talked about the VP search\nand sailing"
    assert linda["tags"] == ["client"] and linda["followups"][0]["text"] == "Intro Linda to Bob"
    bob = ok("show", "bob", "--json").json()
    assert bob["interactions"][0]["text"] == "=1+1 is two"  # type: ignore[index]
    assert bob["every_days"] is None  # type: ignore[index]
    again = ok("import", str(path)).stdout
    assert "No new interactions; 2 already there." in again
    assert len(ok("show", "linda", "--json").json()["interactions"]) == 1  # type: ignore[index]


def test_notes_in_the_future_or_of_an_unknown_kind_are_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(NOTES_HEADER + "2026-11-20,,Ann,,chat,hello,,,\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "notes.csv, line 2: unknown kind 'chat'" in result.stderr
    path.write_text(NOTES_HEADER + "2030-01-01,,Ann,,call,hello,,,\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "is in the future" in result.stderr


def test_contacts_csv_keeps_everything_and_restores_neutralised_cells(
    ok: Run, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "id,name,nicknames,company,title,location,met_at,met_on,introduced_by,introduced_by_id,"
        "birthday,every_days,snoozed_until,archived,emails,phones,urls,tags,likes,dislikes,"
        "passions,family,needs,offers,facts,dates,created_at,updated_at\n"
        "3,Ann Lee,,,,,,,,,,,,false,,,,,,,,,,,,,2026-01-01 10:00:00.000000,2026-01-01 10:00:00.000000\n"
        "4,Mara Quinn,Mo,Quinn & Co,COO,Dublin,Web Summit,2025-11-12,Ann Lee,3,--06-01,30,"
        "2026-12-01,true,work=mara@quinn.example | mara@home.example,'+353 1 555 0100,,"
        'client | board,espresso | a\\|b,,sailing,"Ellie (daughter, 4)",a CFO,intros to Dublin VCs,'
        '"\'=SUM(A1) | x\\=y",work anniversary=2019-03-01,2026-01-01 10:00:00.000000,'
        "2026-01-01 10:00:00.000000\n"
    )
    assert "connect contacts" in ok("import", str(path)).stdout
    mara = ok("show", "mara", "--json").json()
    assert isinstance(mara, dict)
    assert (mara["nicknames"], mara["company"], mara["title"]) == (["Mo"], "Quinn & Co", "COO")
    assert (mara["met_at"], mara["met_on"], mara["birthday"]) == (
        "Web Summit",
        "2025-11-12",
        "--06-01",
    )
    assert mara["every_days"] == 30  # our own export carries the rhythm
    assert mara["emails"] == [
        {"value": "mara@quinn.example", "label": "work"},
        {"value": "mara@home.example", "label": None},
    ]
    assert mara["phones"] == [{"value": "+353 1 555 0100", "label": None}]
    assert mara["tags"] == ["board", "client"]
    assert mara["facts"]["facts"] == ["=SUM(A1)", "x=y"]
    assert mara["facts"]["likes"] == ["espresso", "a|b"]
    assert mara["facts"]["family"] == ["Ellie (daughter, 4)"]
    assert mara["introduced_by"] == {"id": 1, "name": "Ann Lee"}
    assert (mara["archived"], mara["snoozed_until"]) == (True, "2026-12-01")
    assert mara["dates"] == [{"label": "work anniversary", "date": "2019-03-01"}]


def test_an_introducer_nobody_fits_is_kept_as_a_fact(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "id,name,company,introduced_by,archived\n1,Ivo Petrov,,Somebody Unknown,false\n"
    )
    ok("import", str(path))
    ivo = ok("show", "ivo", "--json").json()
    assert isinstance(ivo, dict)
    assert ivo["introduced_by"] is None and ivo["facts"]["facts"] == [
        "introduced by: Somebody Unknown"
    ]
    assert ivo["archived"] is False


def test_notes_csv_with_several_promises_in_one_cell(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        NOTES_HEADER
        + "2026-11-02,09:05,Ann Lee,7,video,Kickoff,,,Send notes | Book a room \\| hall\n"
    )
    ok("import", str(path))
    promises = ok("show", "ann", "--json").json()["followups"]  # type: ignore[index]
    assert [p["text"] for p in promises] == ["Send notes", "Book a room | hall"]


NEW_HEADER = (
    "date,time,person,person_id,kind,note,with,tags,follow_up,follow_up_due,follow_up_done\n"
)


def test_notes_csv_promises_keep_due_day_and_kept_state_and_names_stay_whole(
    ok: Run, tmp_path: Path, journal_rows: Rows
) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(
        NEW_HEADER
        + "2026-11-20,,Ann,1,meal,Dinner,Smith\\; John; C:\\\\temp\\\\,a\\;b,"
        + "Send the deck | Call back | Send the deck, | 2026-12-01 | ,2026-11-21 |  | \n"
        + "2026-11-20,,Smith; John,2,meal,Dinner,Ann; C:\\\\temp\\\\,,,,\n"
        + "2026-11-21,,Old\\Style,3,note,hello,,,,,\n"
    )
    out = ok("import", str(path)).stdout
    assert "4 people were added" in out and "2 interactions were added" in out
    names = sorted(p["name"] for p in ok("list", "--json").json())  # type: ignore[union-attr]
    assert names == ["Ann", "C:\\temp\\", "Old\\Style", "Smith; John"]
    ann = ok("show", "ann", "--json").json()
    assert isinstance(ann, dict) and ann["tags"] == ["a;b"]
    assert sorted(ann["interactions"][0]["with"]) == ["C:\\temp\\", "Smith; John"]
    promises = [(text, due, utc(done)) for text, due, done in journal_rows(
        "SELECT text, CAST(due_on AS TEXT), done_at FROM followup ORDER BY id"
    )]  # fmt: skip
    assert promises == [
        ("Send the deck", None, datetime(2026, 11, 21, tzinfo=UTC)),
        ("Call back", "2026-12-01", None),
        ("Send the deck", None, None),
    ]


def test_notes_csv_with_a_due_day_per_promise_missing_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text(NEW_HEADER + "2026-11-20,,Ann,1,call,hi,,,a | b,2026-12-01,\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().endswith(
        "line 2: follow_up_due has 1 days for 2 follow-ups; "
        "give one per follow-up (empty for none), separated by ' | '."
    )
