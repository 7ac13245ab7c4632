"""An import reads its file on a helper thread while the journal writes (core/read_ahead.py): the
records arrive whole and in order, a reading error is raised where the file has it, and the
thread is always ended before the command returns."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from connect_cli.core.read_ahead import read_ahead
from tests.conftest import Run


def readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "connect-import-reader"]


def test_every_item_arrives_in_order_in_lists_of_the_size_asked() -> None:
    chunks = list(read_ahead(iter(range(2_503)), 100, depth=2))
    assert [len(c) for c in chunks] == [100] * 25 + [3]
    assert [n for c in chunks for n in c] == list(range(2_503))
    assert list(read_ahead(iter([]), 100)) == []
    assert readers() == []


def test_an_error_in_the_file_comes_after_everything_read_before_it() -> None:
    def items() -> Iterator[int]:
        yield from range(250)
        raise ValueError("line 252: cut short")

    got: list[int] = []
    with pytest.raises(ValueError, match="line 252"):
        for chunk in read_ahead(items(), 100):
            got += chunk
    assert got == list(range(200))  # the last, partial list is not handed over: the import fails
    assert readers() == []


def test_a_caller_that_stops_early_ends_the_reader() -> None:
    read = []

    def items() -> Iterator[int]:
        for n in range(10**9):
            read.append(n)
            yield n

    for chunk in read_ahead(items(), 10, depth=2):
        assert chunk == list(range(10))
        break
    assert readers() == []
    assert len(read) < 100  # it stopped reading too, a few lists ahead at most


HEADER = "First Name,Last Name,E-mail 1 - Value\n"


def test_a_big_file_imports_every_row_and_a_broken_one_imports_nothing(
    ok: Run, run: Run, tmp_path: Path, dump
) -> None:
    rows = "".join(f"Ann{n},Reader{n},ann{n}@example.com\n" for n in range(2_345))
    good = tmp_path / "good.csv"
    good.write_text(HEADER + rows, encoding="utf-8")
    assert "2,345 people were added" in ok("import", str(good)).stdout
    assert [p["name"] for p in ok("search", "Reader2344", "--json").json()] == [
        "Ann2344 Reader2344"
    ]  # type: ignore[union-attr]
    before = dump()
    broken = tmp_path / "broken.csv"
    broken.write_text(
        HEADER + rows.replace("@example", "@other") + '"Cut,short\n', encoding="utf-8"
    )
    result = run("import", str(broken))
    assert (
        result.exit_code == 1 and "line 2347" in result.stderr and "Traceback" not in result.stderr
    )
    assert dump() == before
    assert readers() == []
