"""Import is all or nothing: a bad file is refused with its position and the journal is untouched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import TESTS, Run, sqlite_only

FIXTURES = TESTS / "fixtures" / "import"


@pytest.fixture
def someone(ok: Run) -> None:
    ok("add", "Existing Person", "-e", "existing@example.com")


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("truncated.csv", r"truncated\.csv, line 3: the file ends inside a quoted field"),
        (
            "duplicate-columns.csv",
            r"duplicate-columns\.csv, line 1: the column 'Last Name' appears twice",
        ),
        (
            "nobody.csv",
            r"No people found in nobody\.csv: its columns \(\"Date\", \"Amount\", \"Description\"\)",
        ),
        ("broken.vcf", r"broken\.vcf, card 2 \(line 5\): the card has no END:VCARD"),
    ],
)
def test_a_bad_file_is_refused_with_its_position_and_adds_nothing(
    run: Run,
    dump,
    someone: None,
    name: str,
    says: str,  # type: ignore[no-untyped-def]
) -> None:
    before = dump()
    result = run("import", str(FIXTURES / name))
    assert result.exit_code == 1 and result.stdout == ""
    assert re.search(says, result.stderr), result.stderr
    assert "Traceback" not in result.stderr and "@" not in result.stderr
    assert dump() == before


def test_an_error_on_the_last_row_undoes_every_row_before_it(
    run: Run,
    dump,
    someone: None,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    rows = "".join(f"Person{k},Number{k},,p{k}@example.com\n" for k in range(50))
    bad = tmp_path / "late-error.csv"
    bad.write_text(
        "First Name,Last Name,Labels,E-mail 1 - Value\n" + rows + "Late,Error,,x,extra\n"
    )
    before = dump()
    result = run("import", str(bad))
    assert result.exit_code == 1 and "late-error.csv, line 52: 5 fields" in result.stderr
    assert dump() == before


def test_a_future_met_on_names_the_line(run: Run, ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Past,,,,,05 Oct 2020\nBea,Future,,,,,05 Oct 2030\n"
    )
    result = run("import", str(path))
    assert result.exit_code == 1 and "Connections.csv, line 3" in result.stderr
    assert ok("list", "--json").json() == []


def test_dry_run_counts_but_writes_nothing(ok: Run, dump, someone: None) -> None:  # type: ignore[no-untyped-def]
    before = dump()
    out = ok("import", str(FIXTURES / "google-bom.csv"), "--dry-run").stdout
    assert "Dry run: nothing was written" in out and "3 people would be added" in out
    assert "Priya Raman" in out
    assert dump() == before
    ok("import", str(FIXTURES / "google-bom.csv"))
    out = ok("import", str(FIXTURES / "apple-30.vcf"), "--dry-run").stdout
    assert "1 person would be added: Hugo Brandt" in out
    assert "1 person would be merged into people you have: Priya Raman" in out


def test_dry_run_on_a_journal_that_does_not_exist_creates_nothing(
    ok: Run, private_journal: Path | str, dump
) -> None:  # type: ignore[no-untyped-def]
    """No file on SQLite; on a server, the empty database gets no table (no schema made)."""
    ok("import", str(FIXTURES / "linkedin.csv"), "--dry-run")
    if isinstance(private_journal, Path):
        assert not private_journal.exists()
    assert dump() == []


def test_an_unreadable_encoding_is_refused_with_a_hint(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes("First Name,Last Name\nA,B\n".encode("utf-16-le"))  # no BOM: NULs everywhere
    result = run("import", str(path))
    assert result.exit_code == 1 and "--encoding" in result.stderr


def test_encoding_can_be_given(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    shutil.copy(FIXTURES / "outlook-cp1252.csv", path)
    out = ok("import", str(path), "--encoding", "cp1252").stdout
    assert "Windows-1252" not in out  # said only when guessed
    assert ok("show", "amelie", "--json").json()["name"] == "Amélie Durand"  # type: ignore[index]


def test_a_wrong_format_or_missing_file_is_one_sentence(run: Run, tmp_path: Path) -> None:
    result = run("import", str(FIXTURES / "linkedin.csv"), "--format", "google")
    assert result.exit_code == 1 and "is a LinkedIn CSV, not Google" in result.stderr
    result = run("import", str(FIXTURES / "apple-30.vcf"), "--format", "csv")
    assert result.exit_code == 1 and "does not look like csv" in result.stderr
    result = run("import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1 and "There is no file" in result.stderr
    other = tmp_path / "data.json"
    other.write_text('{"people": []}')
    result = run("import", str(other))
    assert result.exit_code == 1 and "not a connect export" in result.stderr


def test_hostile_names_print_literally(ok: Run, tmp_path: Path) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text('First Name,Last Name,Labels\n"[bold red]Eve","\x1b[31mX",\n')
    out = ok("import", str(path)).stdout
    assert "[bold red]Eve" in out and "\x1b" not in out


@sqlite_only(
    "SQLite stores a value in whatever type it comes (typeof, text timestamps); a server's "
    "typed columns store import's and add's alike"
)
def test_imported_rows_are_stored_like_rows_written_by_add(ok: Run, journal_file: Path) -> None:
    import sqlite3

    ok("add", "By Hand", "--met-on", "2026-01-05", "--fact", "typed")
    path = FIXTURES / "linkedin.csv"
    ok("import", str(path))
    with sqlite3.connect(journal_file) as db:
        rows = db.execute(
            "SELECT c.name, c.created_at, c.met_on, c.archived, typeof(c.archived) FROM contact c "
            "WHERE c.name IN ('By Hand', 'Oskar Lind') ORDER BY c.id"
        ).fetchall()
    (_, hand_at, hand_on, hand_arch, hand_type), (_, imp_at, imp_on, imp_arch, imp_type) = rows
    shape = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
    assert shape.fullmatch(hand_at) and shape.fullmatch(imp_at)
    assert (hand_on, imp_on) == ("2026-01-05", "2021-06-07")
    assert (hand_arch, hand_type) == (imp_arch, imp_type) == (0, "integer")
