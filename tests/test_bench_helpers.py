"""The benchmark's own journal generator stays in step with the schema (tests/perf/bench.py)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import Run

sys.path.insert(0, str(Path(__file__).parent / "perf"))
import bench_journal


@pytest.mark.parametrize(
    ("text", "count"), [("1k", 1000), ("100k", 100_000), ("1M", 10**6), ("250", 250)]
)
def test_sizes_read_and_print_back(text: str, count: int) -> None:
    assert bench_journal.parse_size(text) == count
    assert bench_journal.label(count) == text


def test_fallback_journal_is_searchable_and_has_a_unique_person(
    ok: Run, private_journal: Path
) -> None:
    bench_journal.build_fallback(private_journal, contacts=30, interactions=300)
    connection = sqlite3.connect(private_journal)
    counts = [
        connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("contact", "interaction", "participant", "fact")
    ]
    connection.close()
    assert counts[:2] == [30, 300] and counts[2] >= 300 and counts[3] == 90
    who = bench_journal.unique_person(private_journal)
    assert ok("show", who, "--json").json()["name"] == who
    queries = bench_journal.search_queries(private_journal)
    assert [label for label, _, _ in queries] == ["rare word", "common word", "prefix"]
    for _, query, hits in queries:
        assert hits > 0
        assert ok("search", query, "--json").json() != []
    rare, common = queries[0][2], queries[1][2]
    assert rare <= common <= queries[2][2]  # a prefix hits at least what its word does
