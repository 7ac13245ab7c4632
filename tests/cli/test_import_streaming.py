"""A JSON import is streamed: memory follows a batch of rows, not the file (issue #12, item 8).

A 346 MB export used to peak at 1.75 GB (json.load holds the document and every row). Here two
generated exports, of 8 and 24 MB, are each imported in a fresh process: streamed, both peak at
about the same (a batch of rows, SQLite's and the search index's buffers); json.load grew with
the file (~2.2 times its size more). The large figure is measured on demand: see
tests/perf/big_json.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.perf.big_json import write_export

PEAK = (
    "import resource, sys\n"
    "from connect_cli.cli.entry import main\n"
    "sys.argv = ['connect', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit as done:\n    assert not done.code, done.code\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def peak_kb(journal: Path, export: Path) -> int:
    env = {**os.environ, "CONNECT_TODAY": "2026-11-22"}
    done = subprocess.run(
        [sys.executable, "-c", PEAK, "--db", str(journal), "import", str(export)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stderr.strip().splitlines()[-1])


def test_a_large_json_import_keeps_memory_flat(tmp_path: Path) -> None:
    medium, large = tmp_path / "medium.json", tmp_path / "large.json"
    write_export(medium, 8)
    notes = write_export(large, 24)
    baseline = peak_kb(tmp_path / "a.db", medium)
    peak = peak_kb(tmp_path / "b.db", large)
    grown_kb = large.stat().st_size // 1024 - medium.stat().st_size // 1024
    assert peak - baseline < grown_kb // 3, (baseline, peak, grown_kb)
    check = subprocess.run(
        [sys.executable, "-m", "connect_cli", "--db", str(tmp_path / "b.db"), "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"Person 200"' in check.stdout and notes > 10_000
