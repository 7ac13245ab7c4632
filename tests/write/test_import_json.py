"""Our lossless JSON read back: every row, with its ids and timestamps, only into an empty journal.

Until `connect export --format json` exists on this branch, the documents here are written by hand
to the agreed shape: {"format": "connect-journal", "version": 1, "schema": N, <table>: [rows]}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ON_SERVER, Rows, Run

STAMP = "2026-01-02 03:04:05.123456"  # instants as SQLite stores them (json_export.py)


def journal_document() -> dict[str, Any]:
    contact = {
        "id": 7, "name": "Lena Vogt", "company": "Vogt GmbH", "title": "CFO", "location": "Köln",
        "met_at": "Hannover fair", "met_on": "2025-04-01", "introduced_by_id": 9,
        "birthday_month": 2, "birthday_day": 29, "birthday_year": None, "every_days": 30,
        "snoozed_until": "2026-12-01", "archived": 0, "created_at": STAMP, "updated_at": STAMP,
    }  # fmt: skip
    introducer = {**contact, "id": 9, "name": "Max Roth", "introduced_by_id": None,
                  "archived": 1, "snoozed_until": None}  # fmt: skip
    return {
        "format": "connect-journal", "version": 1, "schema": 1,
        "contacts": [contact, introducer],
        "nicknames": [{"id": 3, "contact_id": 7, "value": "Leni"}],
        "channels": [{"id": 4, "contact_id": 7, "kind": "phone", "value": "+49 221 555 0100", "label": "work"}],
        "tags": [{"id": 5, "contact_id": 7, "name": "client"}],
        "facts": [{"id": 6, "contact_id": 7, "kind": "passion", "text": "=cycling", "created_at": STAMP}],
        "important_dates": [{"id": 2, "contact_id": 7, "label": "founded", "month": 6, "day": 1, "year": 1999}],
        "interactions": [{"id": 11, "happened_on": "2026-11-20", "happened_time": "14:30:00.000000",
                          "kind": "meal", "text": "Lunch\nwith both", "created_at": STAMP}],
        "participants": [{"interaction_id": 11, "contact_id": 7, "happened_on": "2026-11-20"},
                         {"interaction_id": 11, "contact_id": 9, "happened_on": "2026-11-20"}],
        "followups": [{"id": 8, "contact_id": 7, "interaction_id": 11, "text": "Send the offer",
                       "due_on": "2026-11-27", "done_at": None, "created_at": STAMP}],
        "settings": [{"key": "every", "value": "60"}],
    }  # fmt: skip


def write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(document, ensure_ascii=False))
    return path


def test_json_restores_every_row_with_its_ids(ok: Run, tmp_path: Path, journal_rows: Rows) -> None:
    document = journal_document()
    out = ok("import", str(write(tmp_path, document))).stdout
    assert "connect JSON" in out and "2 people" in out and "1 interaction," in out
    lena = ok("show", "#7", "--json").json()
    assert isinstance(lena, dict)
    assert lena["introduced_by"] == {"id": 9, "name": "Max Roth"}
    assert lena["birthday"] == "--02-29" and lena["every_days"] == 30
    assert lena["facts"]["passions"] == ["=cycling"]  # JSON is never neutralised
    assert lena["followups"][0]["text"] == "Send the offer"
    assert lena["interactions"][0]["with"] == ["Max Roth"]
    assert journal_rows("SELECT id FROM contact ORDER BY id") == [(7,), (9,)]
    assert journal_rows("SELECT * FROM setting") == [("every", "60")]
    assert journal_rows(
        "SELECT interaction_id, contact_id, CAST(happened_on AS TEXT) FROM participant ORDER BY 1, 2"
    ) == [(11, 7, "2026-11-20"), (11, 9, "2026-11-20")]
    assert journal_rows("SELECT CAST(last_contact_on AS TEXT) FROM contact WHERE id = 7") == [
        ("2026-11-20",)
    ]
    # stored exactly as given: exporting again gives the same document (every row, every value
    # it gave: instants to the microsecond, the time of day, the ids)
    again = ok("export", "--format", "json").json()
    assert isinstance(again, dict)
    for table, given in document.items():
        if isinstance(given, list):
            kept = [{column: row.get(column) for column in given[0]} for row in again[table]]
            assert sorted(kept, key=repr) == sorted(given, key=repr), table


def test_json_into_a_journal_with_people_is_refused(
    run: Run, ok: Run, dump, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ok("add", "Already Here")
    before = dump()
    result = run("import", str(write(tmp_path, journal_document())))
    assert result.exit_code == 1 and "only be imported into an empty one" in result.stderr
    assert dump() == before


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"schema": 99}, "comes from a newer connect"),
        ({"version": 2}, "cannot read; upgrade connect"),
        ({"contacts": [{"id": 1, "name": "X", "shoe_size": 44}]}, "contacts row 1 has a column"),
        ({"facts": [{"id": 1, "contact_id": 7, "kind": "fact", "text": 5}]}, "facts row 1: text"),
        (
            {
                "interactions": [
                    {
                        "id": 1,
                        "happened_on": "2026-02-30",
                        "kind": "call",
                        "text": "",
                        "created_at": STAMP,
                    }
                ]
            },
            "interactions row 1: happened_on",
        ),
        (
            {
                "contacts": [
                    {"id": 1, "name": "X", "archived": 2, "created_at": STAMP, "updated_at": STAMP}
                ]
            },
            "contacts row 1: archived",
        ),
        (
            {
                "participants": [
                    {"interaction_id": 99, "contact_id": 7, "happened_on": "2026-01-01"}
                ]
            },
            "point at rows the file does not have",
        ),
    ],
)
def test_a_bad_document_adds_nothing(
    run: Run, ok: Run, tmp_path: Path, change: dict[str, Any], says: str
) -> None:
    result = run("import", str(write(tmp_path, journal_document() | change)))
    assert result.exit_code == 1 and says in result.stderr
    assert "Traceback" not in result.stderr
    assert ok("list", "--json", "--archived").json() == []


def test_cut_short_json_names_the_line(run: Run, tmp_path: Path) -> None:
    text = json.dumps(journal_document(), indent=1)
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2])
    result = run("import", str(path))
    assert result.exit_code == 1 and "cut.json, line " in result.stderr


def test_json_restores_exactly_so_tag_and_every_are_refused(run: Run, tmp_path: Path) -> None:
    result = run("import", str(write(tmp_path, journal_document())), "--tag", "x")
    assert result.exit_code == 1 and "leave out --tag and --every" in result.stderr


def test_json_dry_run_writes_nothing(
    ok: Run, tmp_path: Path, private_journal: Path | str, dump
) -> None:  # type: ignore[no-untyped-def]
    out = ok("import", str(write(tmp_path, journal_document())), "--dry-run").stdout
    assert "Dry run: nothing was written" in out and "Would restore 2 people" in out
    assert dump() == []  # not even a table made
    if not ON_SERVER:
        assert isinstance(private_journal, Path) and not private_journal.exists()
