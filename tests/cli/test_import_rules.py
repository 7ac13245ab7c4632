"""Every import path keeps the rules of the commands, and doctor checks values (issue #12, item 6).

A JSON export edited by hand used to put a Feb 31 birthday, a `limit` of "abc" or an empty name in
the journal, after which `show`, `today` and the exports failed while doctor saw nothing wrong.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Rows, Run

SECRET = "HIV positive secret"

Edit = Callable[[dict[str, Any]], None]


def _contact(document: dict[str, Any]) -> dict[str, Any]:
    return document["contacts"][0]


def _setting(key: str, value: str) -> Edit:
    return lambda d: d["settings"].append({"key": key, "value": value})


BROKEN: dict[str, Edit] = {
    "feb 31 birthday": lambda d: _contact(d).update(birthday_month=2, birthday_day=31),
    "empty name": lambda d: _contact(d).update(name="   "),
    "limit abc": _setting("limit", "abc"),
    "horizon 99999999": _setting("horizon", "99999999"),
    "unknown setting": _setting("colour", "blue"),
    "met on in year 9999": lambda d: _contact(d).update(met_on="9999-12-31"),
    "note in year 9999": lambda d: d["interactions"][0].update(happened_on="9999-12-31"),
    "a date on feb 30": lambda d: d["important_dates"].append(
        {"id": 1, "contact_id": 1, "label": SECRET, "month": 2, "day": 30, "year": None}
    ),
    "a date that is private text": lambda d: _contact(d).update(met_on=SECRET),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_json_import_refuses_what_the_commands_refuse(
    ok: Run, run: Run, tmp_path: Path, case: str
) -> None:
    ok("add", "Ann Lee", "--birthday", "Apr 3", "--met-on", "2024-05-01")
    ok("log", "ann", "coffee")
    document = json.loads(ok("export", "-f", "json").stdout)
    BROKEN[case](document)
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(document))
    fresh = str(tmp_path / "fresh.db")
    result = run("--db", fresh, "import", str(edited))
    assert result.exit_code == 1, result.stdout
    assert "row 1" in result.stderr and "internal error" not in result.stderr
    assert SECRET not in result.stderr  # a cell is named by row and column, never quoted
    assert not Path(fresh).exists() or ok("--db", fresh, "list").stdout == ""


def test_an_export_imports_as_it_is(ok: Run, tmp_path: Path) -> None:
    ok("add", "Ann Lee", "--birthday", "Feb 29", "--every", "never", "--date", "anniversary=06-01")
    ok("config", "limit", "12")
    exported = tmp_path / "all.json"
    ok("export", "-f", "json", "-o", str(exported))
    ok("--db", str(tmp_path / "fresh.db"), "import", str(exported))


@pytest.mark.parametrize(
    ("statement", "advice"),
    [
        ("UPDATE contact SET birthday_month = 2, birthday_day = 31", "--birthday"),
        ("UPDATE contact SET name = ''", "--name"),
        ("INSERT INTO setting (key, value) VALUES ('limit', 'abc')", "connect config"),
        ("UPDATE interaction SET happened_on = '9999-12-31'", "export"),
    ],
)
def test_doctor_checks_values(
    ok: Run, run: Run, journal_rows: Rows, statement: str, advice: str
) -> None:
    ok("add", "Ann Lee")
    ok("log", "ann", "coffee")
    assert "✓ values" in ok("doctor").stdout
    assert journal_rows("SELECT value FROM setting WHERE key = 'limit'") == []
    journal_rows(statement)  # a value no command would store
    result = run("doctor")
    assert result.exit_code == 1 and "✗ values" in result.stdout
    assert advice in result.stdout.split("✗ values")[1]


@pytest.mark.parametrize(
    ("column", "cell", "problem"),
    [
        ("every_days", "0", "every_days cell is not a rhythm"),
        ("met_on", SECRET, "met_on cell is not a date"),
        ("met_on", "9999-12-31", "met_on cell is not a date between 1900 and 2199"),
    ],
)
def test_csv_import_names_the_line_and_column_never_the_cell(
    ok: Run, run: Run, tmp_path: Path, column: str, cell: str, problem: str
) -> None:
    ok("add", "Ann Lee", "--met-on", "2024-05-01")
    exported = ok("export", "--what", "contacts").stdout
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(exported)))
    rows[0][column] = cell
    edited = tmp_path / "contacts.csv"
    with edited.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run("--db", str(tmp_path / "fresh.db"), "import", str(edited))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "line 2" in result.stderr.lower() and problem in result.stderr
    assert SECRET not in result.stderr and "journal" not in result.stderr.lower()
