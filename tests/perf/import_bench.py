"""Benchmark (not a test): `connect import` of a large Google-style CSV — time and peak memory.

Budget (shared/BUDGETS.md): 100k contacts in <= 15 s and <= 200 MB peak. Generates the file in a
temporary folder, imports it into a fresh journal in a subprocess, and reports the child's wall
time and peak RSS (resource.getrusage(RUSAGE_CHILDREN)), then re-imports it once (matching every row).

    python tests/perf/import_bench.py            # 100,000 rows
    python tests/perf/import_bench.py --quick    # 5,000 rows, for CI
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = [
    "First Name", "Middle Name", "Last Name", "Nickname", "Organization Name", "Organization Title",
    "Birthday", "Notes", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
    "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Address 1 - City",
    "Address 1 - Region", "Address 1 - Country", "Website 1 - Label", "Website 1 - Value",
]  # fmt: skip
FIRST = [
    "Ana",
    "Ben",
    "Chloé",
    "Dmitri",
    "Eve",
    "Farah",
    "Gus",
    "Hana",
    "Ivo",
    "Júlia",
    "Kenji",
    "Lea",
]
LAST = ["Silva", "Ng", "Müller", "Okafor", "Rossi", "Kim", "Dubois", "Novak", "Haddad", "Berg"]
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne"]


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for k in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            out.writerow([
                first, "", f"{last}{k}", "", rng.choice(COMPANIES), "Manager",
                f"19{rng.randint(50, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"Met at event {k % 97}.\nLikes {rng.choice(['tea', 'coffee', 'jazz'])}.",
                "* myContacts ::: Clients", "Work", f"{first.lower()}.{k}@example.com",
                "Home", f"p{k}@mail.example", "Mobile", f"+1 415 555 {k % 10000:04d}",
                "Boston", "MA", "US", "Profile", f"https://example.com/in/{k}",
            ])  # fmt: skip


def run_import(csv_path: Path, journal: Path) -> tuple[float, float, int, str]:
    env = dict(os.environ, CONNECT_DB=str(journal), COLUMNS="300")
    env.pop("CONNECT_TODAY", None)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "connect_cli", "import", str(csv_path)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime - cpu_before
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr.strip()}")
    # ru_maxrss of children is the largest child so far: the first run is the one to trust
    return elapsed, cpu, max(peak_kib, before), done.stdout.strip().splitlines()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 rows instead of 100,000")
    parser.add_argument("--rows", type=int, default=None)
    args = parser.parse_args()
    rows = args.rows or (5_000 if args.quick else 100_000)
    with tempfile.TemporaryDirectory(prefix="connect-import-bench-") as folder:
        csv_path, journal = Path(folder) / "contacts.csv", Path(folder) / "connect.db"
        write_csv(csv_path, rows)
        size_mb = csv_path.stat().st_size / 1e6
        seconds, cpu, peak_kib, summary = run_import(csv_path, journal)
        print(f"import of {rows:,} contacts ({size_mb:.1f} MB CSV): {seconds:.2f} s wall, "
              f"{cpu:.2f} s CPU, peak RSS {peak_kib / 1024:.0f} MB  "
              f"[budget at 100k: 15 s, 200 MB; load average {os.getloadavg()[0]:.1f}]")  # fmt: skip
        print(f"  {summary}")
        again, cpu2, peak2, summary2 = run_import(csv_path, journal)
        print(f"re-import of the same file (every row matched): {again:.2f} s wall, "
              f"{cpu2:.2f} s CPU, peak RSS so far {peak2 / 1024:.0f} MB")  # fmt: skip
        print(f"  {summary2}")


if __name__ == "__main__":
    main()
