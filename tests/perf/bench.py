"""The benchmark behind shared/BUDGETS.md: one table of what | budget | measured | verdict.

    python tests/perf/bench.py                      # 10k contacts / 1M interactions
    python tests/perf/bench.py --quick              # 1k / 100k, fewer runs (CI; < 2 minutes)
    python tests/perf/bench.py --sizes 1k/100k,10k/1M --runs 15
    python tests/perf/bench.py --sizes 10k/1M,100k/10M --journals /tmp/connect-journals
    python tests/perf/bench.py --sizes 10k/1M,100k/10M --journals DIR --reads-only --runs 5
    python tests/perf/bench.py --sizes 10k/1M --server postgresql://…   # + PostgreSQL rows

With more than one size it also prints how each read command's time grows from the first size
to the others: a page (`list --limit 50`, `followups --limit 50`, `today`, `show`, `search`)
should cost about the same at any size (≤ 2× is the mark); `list --json` is complete, so it grows
with the journal. `--journals DIR` keeps the demo journals there and reuses them (a 100k/10M
journal takes many minutes to make).

Peers (khard, jrnl) run side by side in the same run; a ratio row runs the command and khard in
turn and takes the median of the pairs' ratios, so it holds on a noisy machine. Other medians
come from hyperfine when it is on PATH, else from our own loop. It never fails on timing: a MISS
is reported, and the exit code is 0 unless the benchmark itself breaks.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]  # the helpers next to us; the app itself

import bench_journal as journals  # noqa: E402
import bench_peers as peers  # noqa: E402
import bench_server as server  # noqa: E402
from bench_timing import (  # noqa: E402
    CommandFailed,
    clean_env,
    in_process_median_ms,
    median_time,
    paired_time,
    run_once,
)

FULL_SIZES = "10k/1M"
QUICK_SIZES = "1k/100k"
IMPORT_CONTACTS = 100_000
MAIL_MESSAGES = 100_000  # ~1 GB of Takeout mbox (issue #17)


@dataclass
class Row:
    what: str
    budget: str
    measured: str
    verdict: str  # ok, MISS, n/a, peer


@dataclass
class Bench:
    connect: list[str]
    env: dict[str, str]
    runs: int
    rows: list[Row]
    khard_version_ms: float
    khard_list_ms: float
    peer_note: str
    load: float = 1.0  # khard list now ÷ khard list in BUDGETS.md: how busy the machine is
    khard: Path | None = None  # set when the peer runs: ratios re-time it next to each command
    growth: dict[str, dict[str, float]] = field(default_factory=dict)  # command -> size -> ms

    def note(self, command: str, size: str, ms: float | None) -> None:
        if ms is not None:
            self.growth.setdefault(command, {})[size] = ms

    def within(self, measured: float, budget: float, *, at_least: bool = False) -> str:
        """Verdict on an absolute budget; on a busy machine, also against the budget scaled by
        the load that the peer shows in this same run (labelled, never silent)."""
        if (measured >= budget) if at_least else (measured <= budget):
            return "ok"
        scaled = measured * self.load >= budget if at_least else measured <= budget * self.load
        return f"ok at load ×{self.load:.1f}" if self.load > 1.2 and scaled else "MISS"

    def add(self, what: str, budget: str, measured: str, verdict: str) -> None:
        self.rows.append(Row(what, budget, measured, verdict))
        print(f"  {what}: {measured} [{verdict}]", file=sys.stderr, flush=True)

    def timed(
        self, what: str, command: list[str], env: dict[str, str] | None = None
    ) -> float | None:
        try:
            return median_time(command, env or self.env, runs=self.runs).median_ms
        except CommandFailed as error:
            self.add(what, "", f"failed: {error}"[:120], "n/a")
            return None

    def against(
        self, what: str, command: list[str], factor: float, peer: str, env=None
    ) -> float | None:  # type: ignore[no-untyped-def]
        if self.khard:  # the peer runs in turn with the command: a busy second hits both alike
            args = ["--version"] if peer == "khard --version" else ["list"]
            try:
                pair = paired_time(
                    command, [str(self.khard), *args], env or self.env, self.env, runs=self.runs
                )
            except CommandFailed as error:
                self.add(what, "", f"failed: {error}"[:120], "n/a")
                return None
            ms, peer_ms, ratio, how = pair.median_ms, pair.peer_ms, pair.ratio, ", in turn"
        else:  # no peer installed: the reference figure of BUDGETS.md
            measured = self.timed(what, command, env)
            if measured is None:
                return None
            ms = measured
            peer_ms = self.khard_version_ms if peer == "khard --version" else self.khard_list_ms
            ratio, how = ms / peer_ms, ""
        self.add(
            what,
            f"≤ {factor:g} × {peer}{self.peer_note}",
            f"{ms:.0f} ms = {ratio:.2f} × {peer_ms:.0f} ms{how}",
            "ok" if ratio <= factor else "MISS",
        )
        return ms

    def has(self, command: str) -> bool:
        import subprocess

        result = subprocess.run(
            [*self.connect, command, "--help"], env=self.env, capture_output=True
        )
        return result.returncode == 0


def connect_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m connect_cli`."""
    script = Path(sys.executable).parent / "connect"
    return [str(script)] if script.exists() else [sys.executable, "-m", "connect_cli"]


def installed_as_users_do(workdir: Path, extras: str = "") -> list[str]:
    """`pip install .` into a throwaway venv, as the README tells users to (`.[postgres]` with
    extras="postgres", as the README's server section says).

    A development (editable) install adds an import hook that costs ~20 ms on every start-up,
    which users never pay; measuring through it would blame connect for the developer's setup.
    Falls back to this interpreter's connect if the install fails (e.g. no package index).
    """
    venv = workdir / "app-venv"
    log = workdir / "app-install.log"
    try:
        with log.open("w") as out:
            subprocess.run(
                [sys.executable, "-m", "venv", str(venv)], check=True, stdout=out, stderr=out
            )
            subprocess.run(
                [str(venv / "bin" / "pip"), "install", "--quiet",
                 str(HERE.parent.parent) + (f"[{extras}]" if extras else "")],  # fmt: skip
                check=True,
                stdout=out,
                stderr=out,
                timeout=600,
            )
    except (OSError, subprocess.SubprocessError):
        print(f"(could not install connect into a venv, see {log}; timing this checkout)")
        return connect_command()
    return [str(venv / "bin" / "connect")]


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for pair in text.split(","):
        contacts, _, interactions = pair.partition("/")
        sizes.append((journals.parse_size(contacts), journals.parse_size(interactions)))
    return sizes


def measure_peers(bench: Bench, workdir: Path, quick: bool) -> None:
    problem = peers.install_peers(workdir / "peer-install.log")
    if problem is None:
        try:
            found = peers.prepare_peers(workdir / "peers", bench.env)
            bench.env, bench.khard = found.env, found.khard
            versions = median_time([str(found.khard), "--version"], found.env, runs=bench.runs)
            listing = median_time([str(found.khard), "list"], found.env, runs=bench.runs)
            bench.khard_version_ms, bench.khard_list_ms = versions.median_ms, listing.median_ms
            bench.load = max(1.0, listing.median_ms / peers.REFERENCE_MS["khard list"])
            bench.add("khard --version (peer)", "", f"{versions.median_ms:.0f} ms", "peer")
            bench.add("khard list, 5 cards (peer)", "", f"{listing.median_ms:.0f} ms", "peer")
            if found.jrnl:
                for args in (["--version"], ["-n", "1"]):
                    timing = median_time([str(found.jrnl), *args], found.env, runs=bench.runs)
                    bench.add(
                        f"jrnl {' '.join(args)} (peer)", "", f"{timing.median_ms:.0f} ms", "peer"
                    )
            return
        except (CommandFailed, OSError) as error:
            problem = f"peers failed to run ({error})"
    bench.khard_version_ms = peers.REFERENCE_MS["khard --version"]
    bench.khard_list_ms = peers.REFERENCE_MS["khard list"]
    bench.peer_note = " (reference)"
    bench.add("peers khard/jrnl", "", f"unavailable: {problem}; using BUDGETS.md figures", "n/a")


def build_journal(bench: Bench, path: Path, contacts: int, interactions: int, quick: bool) -> None:
    size = f"{journals.label(contacts)}/{journals.label(interactions)}"
    env = {**bench.env, "CONNECT_DB": str(path)}
    scale = interactions / 1_000_000
    start = time.perf_counter()
    if bench.has("demo"):
        journals.build_with_demo(bench.connect, env, contacts, interactions)
        seconds = time.perf_counter() - start
        budget = 90 * scale
        bench.add(
            f"connect demo {size}",
            f"≤ {budget:.0f} s" + (" (90 s scaled to size)" if scale != 1 else ""),
            f"{seconds:.1f} s",
            bench.within(seconds, budget),
        )
    else:
        journals.build_fallback(path, contacts, interactions)
        seconds = time.perf_counter() - start
        bench.add(
            f"connect demo {size}",
            "≤ 90 s at 10k/1M",
            f"not on main (fallback generator: {seconds:.1f} s)",
            "n/a",
        )


def measure_size(
    bench: Bench, workdir: Path, contacts: int, interactions: int, quick: bool,
    journals_dir: Path | None = None, reads_only: bool = False, server_url: str | None = None,
) -> None:  # fmt: skip
    size = f"{journals.label(contacts)}/{journals.label(interactions)}"
    path = (journals_dir or workdir) / f"journal-{size.replace('/', '-')}.db"
    if journals_dir is not None and path.exists():
        bench.add(f"connect demo {size}", "", f"reused {path}", "n/a")
    else:
        build_journal(bench, path, contacts, interactions, quick)
    env = {**bench.env, "CONNECT_DB": str(path)}
    who = journals.unique_person(path)
    c = bench.connect
    if bench.has("today"):
        # After the first run of a day, today's Help weighs only the day's remembered pair: the
        # runs measured here are those (the first one records the pair).
        ms = bench.against(f"connect today ({size})", [*c, "today"], 1.5, "khard list", env)
        bench.note("today", size, ms)
        # The first run of a day ranks every need (the whole journal's intros): `--on tomorrow`
        # ranks afresh on each run and remembers nothing, so each run is a first run.
        ms = bench.against(
            f"connect today, a day's first run ({size})",
            [*c, "today", "--on", "tomorrow"], 1.5, "khard list", env,
        )  # fmt: skip
        bench.note("today (first run)", size, ms)
    else:
        bench.add(f"connect today ({size})", "≤ 1.5 × khard list", "not on main", "n/a")
    ms = bench.against(f"connect show WHO ({size})", [*c, "show", who], 1.5, "khard list", env)
    bench.note("show WHO", size, ms)
    if bench.has("prep"):  # the card before a meeting: one person, whatever the journal's size
        ms = bench.timed(f"connect prep WHO ({size})", [*c, "prep", who], env)
        if ms is not None:
            bench.add(f"connect prep WHO ({size})", "", f"{ms:.0f} ms", "info")
        bench.note("prep WHO", size, ms)
    if bench.has("stats"):
        ms = bench.against(f"connect stats ({size})", [*c, "stats"], 2.0, "khard list", env)
        bench.note("stats", size, ms)
    else:
        bench.add(f"connect stats ({size})", "≤ 2 × khard list", "not on main", "n/a")
    if bench.has("intros"):  # issue #16: the whole journal's needs against everyone's offers
        ms = bench.against(f"connect intros ({size})", [*c, "intros"], 2, "khard list", env)
        bench.note("intros", size, ms)
    queries = journals.search_queries(path)
    for label, query, hits in queries:
        ms = bench.against(
            f"connect search {query} ({size}; {label}, {hits} rows hit)",
            [*c, "search", query],
            1.5,
            "khard list",
            env,
        )
        bench.note(f"search ({label})", size, ms)
    measure_listings(bench, size, env)
    if not reads_only:
        copy = workdir / f"copy-{path.name}"
        _copy(path, copy)
        ms = bench.against(
            f"connect log WHO text ({size}, on a copy)",
            [*c, "log", who, "Benchmark note: talked about the roadmap"],
            4, "khard list", {**bench.env, "CONNECT_DB": str(copy)},
        )  # fmt: skip
        bench.note("log", size, ms)
        copy.unlink()
    if server_url:  # the same journal on PostgreSQL, beside these SQLite figures (issue #19)
        server.measure(
            bench, server_url, size, contacts, interactions, who, queries,
            reuse=journals_dir is not None, reads_only=reads_only,
        )  # fmt: skip
    if reads_only:
        return
    measure_export(bench, workdir, path, size)
    measure_reconnect(bench, path, size)


# What a person runs at a terminal (the benchmark's stdout is a pipe, so a page is asked for
# with --limit 50, the terminal's default), and the complete JSON listing.
LISTINGS = (
    ("list (page)", ["list", "--limit", "50"]),
    ("list --sort overdue (page)", ["list", "--sort", "overdue", "--limit", "50"]),
    ("list --sort recent (page)", ["list", "--sort", "recent", "--limit", "50"]),
    ("followups (page)", ["followups", "--limit", "50"]),
    ("history (page)", ["history", "--limit", "50"]),
    ("list --json (everyone)", ["list", "--json"]),
)


def measure_listings(bench: Bench, size: str, env: dict[str, str]) -> None:
    for label, args in LISTINGS:
        if not bench.has(args[0]):
            continue
        ms = bench.timed(f"connect {label} ({size})", [*bench.connect, *args], env)
        if ms is not None:
            bench.add(f"connect {' '.join(args)} ({size})", "", f"{ms:.0f} ms", "info")
        bench.note(label, size, ms)


def print_growth(bench: Bench, sizes: list[str]) -> None:
    """Each read command's median at every size, and the last size over the first."""
    if len(sizes) < 2 or not bench.growth:
        return
    headers = ("command", *sizes, f"{sizes[-1]} ÷ {sizes[0]}", "verdict (page ≤ 2×)")
    cells = [headers]
    for command, times in bench.growth.items():
        first, last = times.get(sizes[0]), times.get(sizes[-1])
        ratio = last / first if first and last else None
        complete = "everyone" in command
        verdict = "n/a" if ratio is None else ("grows with size" if complete else
                                               ("ok" if ratio <= 2 else "MISS"))  # fmt: skip
        cells.append((command, *(f"{times[s]:.0f} ms" if s in times else "-" for s in sizes),
                      f"{ratio:.2f}×" if ratio else "-", verdict))  # fmt: skip
    widths = [max(len(row[k]) for row in cells) for k in range(len(headers))]
    print("How read commands grow with the journal (medians):")
    for k, row in enumerate(cells):
        print("| " + " | ".join(t.ljust(w) for t, w in zip(row, widths, strict=True)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def measure_export(bench: Bench, workdir: Path, path: Path, size: str) -> None:
    what = f"connect export notes to CSV ({size})"
    if not bench.has("export"):
        bench.add(what, "≥ 300k rows/s, ≤ 150 MB", "not on main", "n/a")
        return
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT COUNT(*) FROM participant").fetchone()[0]
    connection.close()
    target = workdir / "notes.csv"
    try:
        run = run_once(
            [*bench.connect, "export", "--format", "csv", "-o", str(target)],
            {**bench.env, "CONNECT_DB": str(path)},
        )
    except (CommandFailed, OSError) as error:
        bench.add(what, "≥ 300k rows/s, ≤ 150 MB", f"failed: {error}"[:120], "n/a")
        return
    finally:
        target.unlink(missing_ok=True)
    rate = rows / run.seconds
    verdict = bench.within(rate, 300_000, at_least=True) if run.peak_mb <= 150 else "MISS"
    bench.add(
        what,
        "≥ 300k rows/s, ≤ 150 MB",
        f"{rate / 1000:.0f}k rows/s, {run.peak_mb:.0f} MB",
        verdict,
    )


def measure_import(bench: Bench, workdir: Path, count: int) -> None:
    what = f"connect import {journals.label(count)} contacts (CSV)"
    budget_s = 15 * count / IMPORT_CONTACTS
    budget = f"≤ {budget_s:.1f} s, ≤ 200 MB" + (
        "" if count == IMPORT_CONTACTS else " (15 s scaled)"
    )
    if not bench.has("import"):
        bench.add(what, budget, "not on main", "n/a")
        return
    source, target = workdir / "contacts.csv", workdir / "imported.db"
    try:  # the import helper's Google Contacts file, a format `import` detects
        from import_bench import write_csv
    except ImportError:
        write_csv = journals.contacts_csv
    write_csv(source, count)
    try:
        run = run_once(
            [*bench.connect, "import", str(source)], {**bench.env, "CONNECT_DB": str(target)}
        )
    except (CommandFailed, OSError) as error:
        bench.add(what, budget, f"failed: {error}"[:120], "n/a")
        return
    verdict = bench.within(run.seconds, budget_s) if run.peak_mb <= 200 else "MISS"
    bench.add(what, budget, f"{run.seconds:.1f} s, {run.peak_mb:.0f} MB", verdict)


def measure_mail_import(bench: Bench, workdir: Path, count: int) -> None:
    """Issue #17: a 1 GB Takeout mbox (~100k messages) in <= 60 s and <= 200 MB (mail_bench.py
    makes the file and the journal of 1,000 people it touches)."""
    from mail_bench import prepare

    budget_s = 60 * count / MAIL_MESSAGES
    what = f"connect import {journals.label(count)} messages (mbox)"
    budget = f"≤ {budget_s:.0f} s, ≤ 200 MB" + ("" if count == MAIL_MESSAGES else " (60 s scaled)")
    folder = workdir / "mail"
    folder.mkdir()
    try:
        mbox, journal, size = prepare(folder, count)
        run = run_once(
            [*bench.connect, "import", str(mbox)],
            {**bench.env, "CONNECT_DB": str(journal), "CONNECT_TODAY": "2026-11-22"},
        )
    except (CommandFailed, OSError, SystemExit) as error:
        bench.add(what, budget, f"failed: {error}"[:120], "n/a")
        return
    verdict = bench.within(run.seconds, budget_s) if run.peak_mb <= 200 else "MISS"
    bench.add(
        what, budget, f"{run.seconds:.1f} s, {run.peak_mb:.0f} MB ({size / 1e9:.2f} GB)", verdict
    )


# The reconnect ranking of DESIGN.md over the correlated MAX of queries.LAST_TOUCH, used when the
# daily list's own module is not on main yet.
FALLBACK_RECONNECT = """
SELECT id, name, every_days, since FROM (
  SELECT c.id, c.name, c.every_days,
         COALESCE({last_touch}, c.met_on, substr(c.created_at, 1, 10)) AS since
  FROM contact c
  WHERE c.archived = 0 AND c.every_days IS NOT NULL
    AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today)
)
WHERE julianday(:today) - julianday(since) >= every_days
ORDER BY (julianday(:today) - julianday(since)) / every_days DESC,
         julianday(:today) - julianday(since) - every_days DESC, name
LIMIT 5
"""


def reconnect_action(path: Path) -> tuple[str, Callable[[], object]]:
    from connect_cli.journal.sqlite import SqliteReader, connect_sqlite

    connection = connect_sqlite(path)
    today = date(2026, 11, 22)
    try:  # the daily helper's own query, when it has landed
        from connect_cli.read import daily as queries_daily

        for name in ("reconnect_list", "reconnect_rows", "reconnect"):
            fn = getattr(queries_daily, name, None)
            if callable(fn):
                reader = SqliteReader(connection)
                try:
                    fn(reader, today=today, limit=5)
                except TypeError:
                    continue
                return f"queries_daily.{name}", partial(fn, reader, today=today, limit=5)
    except ImportError:
        pass
    from connect_cli.read.people import LAST_TOUCH

    sql = FALLBACK_RECONNECT.format(last_touch=LAST_TOUCH)
    return "LAST_TOUCH SQL", lambda: connection.execute(
        sql, {"today": today.isoformat()}
    ).fetchall()


def measure_reconnect(bench: Bench, path: Path, size: str) -> None:
    source, action = reconnect_action(path)
    ms = in_process_median_ms(action, max(bench.runs, 5))
    bench.add(
        f"reconnect query ({size}; {source})",
        "≤ 50 ms",
        f"{ms:.1f} ms",
        bench.within(ms, 50),
    )


def _copy(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    target.chmod(0o600)


def print_table(rows: list[Row], title: str) -> None:
    headers = ("what", "budget", "measured", "verdict")
    cells = [headers, *((r.what, r.budget, r.measured, r.verdict) for r in rows)]
    widths = [max(len(row[k]) for row in cells) for k in range(4)]
    print(title)
    for k, row in enumerate(cells):
        print("| " + " | ".join(text.ljust(w) for text, w in zip(row, widths, strict=True)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SIZES}, 5 runs (CI)")
    parser.add_argument("--sizes", help=f"contacts/interactions pairs (default {FULL_SIZES})")
    parser.add_argument("--runs", type=int, help="runs per command (default 10, quick 5)")
    parser.add_argument(
        "--journals", type=Path, help="keep the demo journals in this folder and reuse them"
    )
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="only the read commands at each size (no log, export or imports): the growth table",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="also time today, show, search and log on PostgreSQL at each size: a server "
        "account that may create databases (tests/pg/server.sh start prints one)",
    )
    args = parser.parse_args(argv)
    sizes = parse_sizes(args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES))
    runs = args.runs or (5 if args.quick else 10)
    tool = "hyperfine" if shutil.which("hyperfine") else "own loop"
    with tempfile.TemporaryDirectory(prefix="connect-bench-") as tmp:
        workdir = Path(tmp)
        # Full runs time a normal install; the quick (CI) run only proves the benchmark works.
        extras = "postgres" if args.server else ""
        command = connect_command() if args.quick else installed_as_users_do(workdir, extras)
        bench = Bench(command, clean_env(), runs, [], 0.0, 0.0, "")
        bench.env["CONNECT_DB"] = str(workdir / "empty.db")
        measure_peers(bench, workdir, args.quick)
        c = bench.connect
        bench.against("connect --version", [*c, "--version"], 0.8, "khard --version")
        bench.against("connect --help", [*c, "--help"], 1.2, "khard --version")
        if args.journals:
            args.journals.mkdir(parents=True, exist_ok=True)
        for contacts, interactions in sizes:
            measure_size(
                bench, workdir, contacts, interactions, args.quick, args.journals,
                args.reads_only, args.server,
            )  # fmt: skip
        if not args.reads_only:
            measure_import(bench, workdir, 10_000 if args.quick else IMPORT_CONTACTS)
            measure_mail_import(bench, workdir, 5_000 if args.quick else MAIL_MESSAGES)
    mode = "quick" if args.quick else "full"
    print_table(
        bench.rows,
        f"connect benchmark ({mode}; medians of {runs} runs via {tool}; sizes "
        f"{', '.join(f'{journals.label(a)}/{journals.label(b)}' for a, b in sizes)}; "
        "shared machine: expect noise, compare ratios)",
    )
    print(
        f"Machine load: khard list took {bench.khard_list_ms:.0f} ms here vs "
        f"{peers.REFERENCE_MS['khard list']:.0f} ms in BUDGETS.md (×{bench.load:.1f}); ratio budgets "
        "run the command and khard in turn and judge the median of the pairs' ratios (', in turn'); absolute "
        "ones say 'ok at load ×N' when they "
        "hold only after scaling by that factor."
    )
    print_growth(bench, [f"{journals.label(a)}/{journals.label(b)}" for a, b in sizes])
    return 0


if __name__ == "__main__":
    sys.exit(main())
