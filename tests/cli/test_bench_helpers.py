"""The benchmark's own journal generator stays in step with the schema (tests/perf/bench.py)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.conftest import TESTS, Run, sqlite_only

sys.path.insert(0, str(TESTS / "perf"))
import bench_journal


@pytest.mark.parametrize(
    ("text", "count"), [("1k", 1000), ("100k", 100_000), ("1M", 10**6), ("250", 250)]
)
def test_sizes_read_and_print_back(text: str, count: int) -> None:
    assert bench_journal.parse_size(text) == count
    assert bench_journal.label(count) == text


@sqlite_only(
    "the benchmark's fallback journal is a SQLite file it builds itself with sqlite3 "
    "(tests/perf/bench_journal.py)"
)
def test_fallback_journal_is_searchable_and_has_a_unique_person(
    ok: Run, journal_file: Path
) -> None:
    bench_journal.build_fallback(journal_file, contacts=30, interactions=300)
    connection = sqlite3.connect(journal_file)
    counts = [
        connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("contact", "interaction", "participant", "fact")
    ]
    connection.close()
    assert counts[:2] == [30, 300] and counts[2] >= 300 and counts[3] == 90
    who = bench_journal.unique_person(journal_file)
    assert ok("show", who, "--json").json()["name"] == who
    queries = bench_journal.search_queries(journal_file)
    assert [label for label, _, _ in queries] == ["rare word", "common word", "prefix"]
    for _, query, hits in queries:
        assert hits > 0
        assert ok("search", query, "--json").json() != []
    rare, common = queries[0][2], queries[1][2]
    assert rare <= common <= queries[2][2]  # a prefix hits at least what its word does


def test_paired_timing_runs_the_command_and_the_peer_in_turn(tmp_path: Path) -> None:
    import bench_timing

    trace = tmp_path / "trace"
    step = "import sys; open(sys.argv[1], 'a').write(sys.argv[2])"
    ours = [sys.executable, "-c", step, str(trace), "c"]
    peer = [sys.executable, "-c", step, str(trace), "p"]
    pair = bench_timing.paired_time(ours, peer, {}, {}, runs=3, warmup=1)
    # One check run of each, then warm-up and measured pairs, always the command first.
    assert trace.read_text() == "cp" + "cp" * 4
    assert pair.runs == 3 and pair.median_ms > 0 and pair.peer_ms > 0 and pair.ratio > 0


def test_paired_timing_refuses_a_failing_command() -> None:
    import bench_timing

    failing = [sys.executable, "-c", "raise SystemExit(3)"]
    with pytest.raises(bench_timing.CommandFailed):
        bench_timing.paired_time(failing, [sys.executable, "-c", "pass"], {}, {}, runs=1)


def test_growth_table_compares_each_command_across_sizes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import bench

    b = bench.Bench(["connect"], {}, 1, [], 0.0, 0.0, "")
    b.note("today", "10k/1M", 100.0)
    b.note("today", "100k/10M", 150.0)
    b.note("list (page)", "10k/1M", 100.0)
    b.note("list (page)", "100k/10M", 250.0)
    b.note("list --json (everyone)", "10k/1M", 300.0)
    b.note("list --json (everyone)", "100k/10M", 3000.0)
    b.note("show WHO", "10k/1M", None)
    bench.print_growth(b, ["10k/1M", "100k/10M"])
    lines = {line.split("|")[1].strip(): line for line in capsys.readouterr().out.splitlines()[1:]}
    assert "1.50×" in lines["today"] and lines["today"].rstrip(" |").endswith("ok")
    assert "2.50×" in lines["list (page)"] and "MISS" in lines["list (page)"]
    assert "grows with size" in lines["list --json (everyone)"]
    assert "show WHO" not in lines


def test_sizes_parse_into_pairs() -> None:
    import bench

    assert bench.parse_sizes("10k/1M,100k/10M") == [(10_000, 1_000_000), (100_000, 10_000_000)]
