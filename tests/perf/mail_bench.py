"""Benchmark (not a test): `connect import` of a large Takeout-style mbox — time and peak memory.

Budget (issue #17): a 1 GB mbox of about 100k messages imports in <= 60 s with <= 200 MB peak.
Generates the file in a temporary folder (1,000 people in the journal; of the messages, 60% to or
from them, 20% list mail, 20% strangers; ~10 KB bodies with a base64 attachment's shape), imports
it into that journal in a subprocess, and reports wall time and peak RSS, then re-imports it once
(every message already there).

    python tests/perf/mail_bench.py            # 100,000 messages, ~1 GB
    python tests/perf/mail_bench.py --quick    # 5,000 messages, for CI
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from email.header import Header
from pathlib import Path

PEOPLE = 1_000
ME = "me@example.com"
BODY_LINE = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\n"


def person_email(k: int) -> str:
    return f"person{k}@example.com"


def write_people(path: Path) -> None:
    lines = ["First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value"] + [
        f"Person,No{k},Work,{person_email(k)}" for k in range(PEOPLE)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_mbox(path: Path, messages: int, body_bytes: int = 10_000, seed: int = 17) -> int:
    """Writes `messages` messages; returns the file's size in bytes."""
    rng = random.Random(seed)
    body = BODY_LINE * (body_bytes // len(BODY_LINE))
    subject = Header("Réunion über 会議", "utf-8").encode()
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for k in range(messages):
            roll = rng.random()
            other = person_email(rng.randrange(PEOPLE)) if roll < 0.8 else f"x{k}@nowhere.example"
            sent = rng.random() < 0.4
            frm, to = (ME, other) if sent else (other, ME)
            extra = "List-Id: <news.lists.example.org>\n" if 0.6 <= roll < 0.8 else ""
            day = 1 + k % 28
            out.write(
                f"From {k}@xxx Mon Oct 05 09:12:00 +0000 2026\n"
                f"X-GM-THRID: {k}\nX-Gmail-Labels: Inbox\nMessage-ID: <m{k}@bench.example>\n"
                f"Date: Mon, {day} Oct 2026 {k % 24:02d}:12:00 +0200\nFrom: {frm}\nTo: {to}\n"
                f"{extra}Subject: {subject} {k}\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n"
                f"{body}\n"
            )
    return path.stat().st_size


def connect(journal: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CONNECT_DB=str(journal), COLUMNS="300", CONNECT_TODAY="2026-11-22")
    return subprocess.run(
        [sys.executable, "-m", "connect_cli", *args], env=env, capture_output=True, text=True,
        check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def timed_import(mbox: Path, journal: Path) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, the summary's second line) of one import in a child."""
    started = time.perf_counter()
    done = subprocess.Popen(
        [sys.executable, "-m", "connect_cli", "import", str(mbox)],
        env=dict(os.environ, CONNECT_DB=str(journal), COLUMNS="300", CONNECT_TODAY="2026-11-22"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    _pid, status, usage = os.wait4(done.pid, 0)
    elapsed = time.perf_counter() - started
    out, err = done.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"import failed: {err.strip()}")
    lines = out.strip().splitlines()
    return elapsed, usage.ru_maxrss / 1024, lines[1] if len(lines) > 1 else ""


def prepare(folder: Path, messages: int) -> tuple[Path, Path, int]:
    mbox, journal, people = folder / "takeout.mbox", folder / "connect.db", folder / "people.csv"
    size = write_mbox(mbox, messages)
    write_people(people)
    for args in (("import", str(people)), ("config", "me", ME)):
        done = connect(journal, *args)
        if done.returncode != 0:
            raise SystemExit(f"setup failed: {done.stderr.strip()}")
    return mbox, journal, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 messages instead of 100,000")
    parser.add_argument("--messages", type=int, default=None)
    args = parser.parse_args()
    messages = args.messages or (5_000 if args.quick else 100_000)
    with tempfile.TemporaryDirectory(prefix="connect-mail-bench-") as name:
        mbox, journal, size = prepare(Path(name), messages)
        seconds, peak, summary = timed_import(mbox, journal)
        print(f"import of {messages:,} messages ({size / 1e9:.2f} GB mbox): {seconds:.1f} s wall, "
              f"peak RSS {peak:.0f} MB  [budget at 100k/1 GB: 60 s, 200 MB; "
              f"load average {os.getloadavg()[0]:.1f}]")  # fmt: skip
        print(f"  {summary}")
        again, peak2, summary2 = timed_import(mbox, journal)
        print(f"re-import (every message already there): {again:.1f} s wall, peak RSS {peak2:.0f} MB")
        print(f"  {summary2}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
