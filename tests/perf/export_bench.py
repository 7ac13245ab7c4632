"""Benchmark (not a test): `connect export` of notes to CSV — rows/s and peak memory.

Budget (shared/BUDGETS.md): ≥ 300k rows/s and ≤ 150 MB peak at 10k contacts / 1M interactions.

    python tests/perf/export_bench.py            # 10k contacts, 1M interactions, 3 runs
    python tests/perf/export_bench.py --quick    # 1k contacts, 50k interactions, 1 run

The journal is built once with plain sqlite3 executemany (about 10% of interactions have two
people, 5% carry a follow-up, every person has two tags) and kept in the temp folder for the
next run. Each run is a fresh `connect export -o FILE` process; rows/s counts the CSV rows over
the whole command (start-up included), peak memory is the child's max RSS.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("meeting", "call", "video", "email", "message", "meal", "event", "note")
WORDS = "coffee lunch deck intro fund hiring roadmap sailing jazz pricing renewal board".split()


def build(path: Path, contacts: int, interactions: int) -> None:
    from connect_cli.core.journal import ensure_current
    from connect_cli.journal.sqlite import locate_journal

    ensure_current(locate_journal(str(path)), create=True)
    rng = random.Random(7)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous = OFF")
    stamp = "2026-01-01 00:00:00.000000"
    db.executemany(
        "INSERT INTO contact (id, name, every_days, archived, created_at, updated_at) "
        "VALUES (?, ?, 30, 0, ?, ?)",
        ((i, f"Person {i}", stamp, stamp) for i in range(1, contacts + 1)),
    )
    db.executemany(
        "INSERT INTO tag (contact_id, name) VALUES (?, ?)",
        ((i, t) for i in range(1, contacts + 1) for t in ("client", f"group-{i % 20}")),
    )
    days = [
        f"20{y:02d}-{m:02d}-{d:02d}"
        for y in range(16, 27)
        for m in range(1, 13)
        for d in range(1, 29)
    ]
    rows = []
    for i in range(1, interactions + 1):
        text = " ".join(rng.choices(WORDS, k=12))
        rows.append((i, rng.choice(days), None, rng.choice(KINDS), text, stamp))
    db.executemany("INSERT INTO interaction VALUES (?, ?, ?, ?, ?, ?)", rows)
    participants, followups = [], []
    for i, day, *_ in rows:
        first = rng.randint(1, contacts)
        participants.append((i, first, day))
        if rng.random() < 0.1:
            second = first % contacts + 1
            participants.append((i, second, day))
        if rng.random() < 0.05:
            followups.append((first, i, "send the deck", None, None, stamp))
    db.executemany("INSERT INTO participant VALUES (?, ?, ?)", participants)
    db.executemany(
        "INSERT INTO followup (contact_id, interaction_id, text, due_on, done_at, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        followups,
    )
    db.commit()
    db.close()


def one_run(journal: Path, out: Path) -> tuple[float, int, float, float]:
    """(seconds, CSV rows, peak RSS in MB, CPU seconds) of one fresh `connect export` process."""
    out.unlink(missing_ok=True)
    env = {**os.environ, "CONNECT_DB": str(journal)}
    code = (
        "import resource, sys;"
        "from connect_cli.cli.entry import main;"
        "sys.argv=['connect','export','-o',sys.argv[1]];"
        "\ntry:\n main()\nexcept SystemExit: pass\n"
        "u = resource.getrusage(resource.RUSAGE_SELF);"
        "print(u.ru_utime + u.ru_stime, u.ru_maxrss, file=sys.stderr)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)], env=env, capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - start
    cpu, peak_kb = done.stderr.strip().splitlines()[-1].split()
    with out.open("rb") as f:
        rows = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1
    return seconds, rows, int(peak_kb) / 1024, float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k contacts / 50k interactions")
    parser.add_argument("--runs", type=int, default=None)
    args = parser.parse_args()
    contacts, interactions = (1_000, 50_000) if args.quick else (10_000, 1_000_000)
    runs = args.runs or (1 if args.quick else 3)
    folder = Path(tempfile.gettempdir()) / "connect-export-bench"
    folder.mkdir(exist_ok=True)
    journal = folder / f"journal-{contacts}-{interactions}.db"
    if not journal.exists():
        started = time.perf_counter()
        build(journal, contacts, interactions)
        print(f"built {journal} in {time.perf_counter() - started:.1f} s")
    results = [one_run(journal, folder / "notes.csv") for _ in range(runs)]
    (folder / "notes.csv").unlink(missing_ok=True)
    seconds = statistics.median(r[0] for r in results)
    rows = results[0][1]
    peak = max(r[2] for r in results)
    cpu = statistics.median(r[3] for r in results)
    rate = rows / seconds
    print(f"export {rows:,} notes to CSV: median {seconds:.2f} s over {runs} run(s)")
    print(f"  {rate:,.0f} rows/s (budget >= 300,000)  {'OK' if rate >= 300_000 else 'UNDER'}")
    # On a shared machine wall time depends on the neighbours; CPU time much less so.
    print(
        f"  {rows / cpu:,.0f} rows per CPU second (median CPU {cpu:.2f} s); load {os.getloadavg()[0]:.1f}"
    )
    print(f"  peak memory {peak:.0f} MB (budget <= 150)  {'OK' if peak <= 150 else 'OVER'}")


if __name__ == "__main__":
    main()
