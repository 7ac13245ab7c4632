"""Messages that say what is true (issue 14, items 8, 10-12 and 14): counts in good English,
merges that keep only real differences, a daily list that says how many more are due, and
errors that point at what the user actually typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_cli.domain.wording import counted, plural
from tests.conftest import Run


@pytest.mark.parametrize(
    ("count", "noun", "words"),
    [(0, "person", "0 people"), (1, "person", "1 person"), (2, "year", "2 years"),
     (1, "year", "1 year"), (3, "entry", "3 entries"), (2, "day", "2 days"),
     (2, "match", "2 matches"), (1_234, "interaction", "1,234 interactions")],
)  # fmt: skip
def test_counted(count: int, noun: str, words: str) -> None:
    assert counted(count, noun) == words
    assert plural(noun) == words.split(" ", 1)[1] or count == 1


def test_export_says_one_person_and_one_note(ok: Run, tmp_path: Path) -> None:
    ok("add", "Zoë Ames", "--note", "Coffee")
    out = ok("export", "--what", "contacts", "-o", str(tmp_path / "c.csv")).stdout
    assert "Exported 1 person to" in out
    assert "Exported 1 note to" in ok("export", "-o", str(tmp_path / "n.csv")).stdout


def test_merge_counts_in_the_singular_and_keeps_no_default_rhythm(ok: Run) -> None:
    ok("add", "Tom Ames", "--every", "30d")
    ok("add", "Tommy Ames")  # only the default rhythm
    out = ok("merge", "tommy", "#1", "--yes").stdout
    assert "Moved: 1 nickname." in out and "nicknames" not in out
    assert "merged" not in ok("show", "tom").stdout.replace("Merged", "")
    facts = ok("show", "tom", "--json").json()["facts"]  # type: ignore[index]
    assert not any(facts.values()), facts


def test_forget_counts_in_the_singular(ok: Run) -> None:
    ok("add", "Ann Bee", "--note", "Coffee")
    out = ok("forget", "ann", "--yes").stdout
    assert "1 interaction erased" in out and "(s)" not in out


def test_a_dated_anniversary_says_1_year_and_never_0_years(ok: Run) -> None:
    ok("add", "Ann Bee", "--date", "fund II close=2025-11-25", "--date", "launch=2026-11-24")
    coming = ok("today").stdout
    assert "fund II close, 1 year\n" in coming.replace(" " * 4, "").replace("   ", "\n") or (
        "fund II close, 1 year " in coming
    )
    assert "1 years" not in coming and "0 years" not in coming and "launch" in coming


def test_a_person_without_a_rhythm_says_so_once(ok: Run, tmp_path: Path) -> None:
    ok("add", "Ann Bee", "--every", "never")
    (tmp_path / "in.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Dee\r\nEND:VCARD\r\n", encoding="utf-8"
    )
    ok("import", str(tmp_path / "in.vcf"), "--every", "never", "--yes")
    for who in ("ann", "cy"):
        assert ok("show", who).stdout.count("no rhythm") == 1
    assert ok("list").stdout.count("no rhythm") == 2
    assert "no rhythm · no rhythm" not in ok("list").stdout


def test_today_says_how_many_more_are_due(ok: Run) -> None:
    for n in range(8):
        ok("add", f"Pat Number{n}", "--every", "1w", "--met-on", "2026-10-01")
    out = ok("today", "--limit", "3").stdout
    assert "… and 5 more: `connect list --sort overdue`" in out
    assert "more: `connect list" not in ok("today", "--limit", "8").stdout


def test_a_bad_important_date_is_called_a_date(run: Run) -> None:
    result = run("add", "Ann Bee", "--date", "x=12/23")
    assert result.exit_code == 1 and result.stdout == ""
    assert "isn't a date I can read" in result.stderr and "birthday" not in result.stderr
    birthday = run("add", "Ann Bee", "--birthday", "12/23")
    assert "isn't a birthday I can read" in birthday.stderr


def test_an_empty_note_asks_for_words_not_for_leaving_out_an_option(ok: Run, run: Run) -> None:
    ok("add", "Ann Bee")
    for args, stdin in ((("log", "ann", ""), None), (("log", "ann"), "\n")):
        result = run(*args, input=stdin)
        assert result.exit_code == 1, result
        assert "The note is empty; write what happened." in result.stderr
        assert "option" not in result.stderr
    assert "leave the option out" in run("add", "Cy", "--company", " ").stderr


def test_restore_does_not_claim_it_cannot_be_undone(ok: Run, run: Run, tmp_path: Path) -> None:
    ok("add", "Ann Bee")
    copy = tmp_path / "copy.db"
    ok("backup", str(copy))
    result = run("restore", str(copy))
    assert result.exit_code == 1
    assert "cannot be undone" not in result.stderr and "a copy of it is kept" in result.stderr
    assert "cannot be undone" in run("forget", "ann").stderr


def test_the_archive_hint_names_the_person(ok: Run) -> None:
    ok("add", "Ann Bee")
    out = ok("archive", "ann").stdout
    assert "`connect archive #1 --undo`" in out
    assert "Brought back" in ok("archive", "#1", "--undo").stdout


def test_an_unknown_sort_is_a_plain_usage_error(run: Run) -> None:
    result = run("list", "--sort", "age")
    assert result.exit_code == 2
    assert "Value error" not in result.stderr
    assert "'age' is not one of 'name', 'recent', 'overdue', 'added'" in result.stderr
