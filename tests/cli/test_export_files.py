"""`connect export -o FILE`: private, never clobbered by accident, and never half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_cli.formats import csv_export
from tests.conftest import Run, mode
from tests.export_journal import fill


@pytest.fixture
def journal(ok: Run) -> None:
    fill(ok)


@pytest.mark.parametrize("fmt", ["csv", "json", "vcard", "markdown", "ics"])
def test_the_file_is_private_and_holds_what_stdout_would(
    ok: Run, journal: None, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    result = ok("export", "--format", fmt, "-o", str(target))
    assert mode(target) == 0o600
    assert result.stdout.startswith("Exported ") and str(target) in result.stdout
    written = target.read_text(encoding="utf-8")
    if fmt != "ics":  # the calendar stamps the moment of export
        assert written.replace("\r\n", "\n") == ok("export", "--format", fmt).stdout.replace(
            "\r\n", "\n"
        )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]  # no temp file left


def test_an_existing_file_is_not_replaced_without_force(
    run: Run, ok: Run, journal: None, tmp_path: Path
) -> None:
    target = tmp_path / "notes.csv"
    target.write_text("precious")
    target.chmod(0o644)
    result = run("export", "-o", str(target))
    assert result.exit_code == 1 and "--force" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_text() == "precious"
    ok("export", "-o", str(target), "--force")
    assert target.read_text().startswith("date,time,person") and mode(target) == 0o600


def test_a_failure_midway_leaves_no_file(
    run: Run, journal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = csv_export.write_notes

    def fails_after_some_rows(out, rows, people, promises, **kwargs):  # type: ignore[no-untyped-def]
        def some_then_boom():  # type: ignore[no-untyped-def]
            for n, row in enumerate(rows):
                if n == 2:
                    raise OSError("disk full")
                yield row

        return real(out, some_then_boom(), people, promises, **kwargs)

    monkeypatch.setattr(csv_export, "write_notes", fails_after_some_rows)
    target = tmp_path / "notes.csv"
    before = sorted(tmp_path.iterdir())  # the journal's folder on SQLite, nothing on a server
    result = run("export", "-o", str(target))
    assert result.exit_code == 1 and "nothing was written" in result.stderr
    assert sorted(tmp_path.iterdir()) == before  # neither the file nor a temp file


def test_a_failure_midway_keeps_the_previous_file_with_force(
    run: Run, journal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(csv_export, "write_notes", boom)
    target = tmp_path / "notes.csv"
    target.write_text("yesterday's export")
    assert run("export", "-o", str(target), "--force").exit_code == 1
    assert target.read_text() == "yesterday's export"


def test_a_missing_folder_or_a_folder_target_is_one_sentence(
    run: Run, journal: None, tmp_path: Path
) -> None:
    for target, fragment in ((tmp_path / "nope" / "x.csv", "does not exist"), (tmp_path, "folder")):
        result = run("export", "-o", str(target))
        assert result.exit_code == 1 and fragment in result.stderr and result.stdout == ""


def test_stdout_export_says_nothing_else(ok: Run, journal: None) -> None:
    result = ok("export")
    assert result.stderr == "" and "Exported" not in result.stdout


def test_exports_load_only_the_libraries_they_need(ok: Run) -> None:
    from tests.cli.test_startup import imported_modules

    ok("add", "Ann")
    for args, needed in ((["export"], set()), (["export", "--format", "json"], set()),
                         (["export", "--format", "vcard"], {"vobject"}),
                         (["export", "--format", "ics"], {"icalendar"})):  # fmt: skip
        loaded = imported_modules(*args)
        assert needed <= loaded
        assert not loaded & ({"sqlalchemy", "sqlmodel", "alembic", "vobject", "icalendar"} - needed)


def test_the_progress_counter_shows_only_for_large_exports(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from connect_cli.cli.export_merge import Counter

    counter = Counter()
    counter.last -= 1  # as if a second had passed
    counter(5000)
    counter.finish()
    assert capsys.readouterr().err == ""
    counter(60_000)
    counter.finish()
    assert capsys.readouterr().err == "\rExported 60,000 rows…\n"


def test_a_big_export_is_sent_to_disk_as_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every WRITE_BEHIND bytes the kernel is asked to start writing (the final fsync waits less)."""
    import os

    from connect_cli.formats import atomic

    asked: list[int] = []
    monkeypatch.setattr(atomic, "WRITE_BEHIND", 1000)
    monkeypatch.setattr(os, "posix_fadvise", lambda fd, *args: asked.append(fd), raising=False)
    target = tmp_path / "big.csv"
    text = "".join(f"line {n}, é\r\n" for n in range(2000))
    with atomic.atomic_output(target, force=False, newline="") as out:
        for start in range(0, len(text), 3000):
            out.write(text[start : start + 3000])
    assert target.read_bytes().decode() == text and mode(target) == 0o600
    assert len(asked) >= 2  # ~28 kB in 8 kB buffer flushes, each past the 1000 bytes
