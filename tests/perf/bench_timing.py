"""Timing commands: medians through hyperfine when it is on PATH, else our own loop; peak memory."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    median_ms: float
    runs: int
    tool: str  # "hyperfine" or "loop"


class CommandFailed(Exception):
    """The command under test did not exit 0: its time would mean nothing."""


def check_runs(command: Sequence[str], env: Mapping[str, str]) -> None:
    result = subprocess.run(
        list(command), env=dict(env), capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        raise CommandFailed(
            f"{shlex.join(command)} exited {result.returncode}: {result.stderr[-300:]}"
        )


def median_time(
    command: Sequence[str], env: Mapping[str, str], *, runs: int, warmup: int = 1
) -> Timing:
    """Median wall time of a fresh process running `command` (checked to succeed first)."""
    check_runs(command, env)
    if shutil.which("hyperfine"):
        return _hyperfine(command, env, runs=runs, warmup=warmup)
    return _loop(command, env, runs=runs, warmup=warmup)


def _hyperfine(command: Sequence[str], env: Mapping[str, str], *, runs: int, warmup: int) -> Timing:
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        subprocess.run(
            [
                "hyperfine", "--shell=none", "--style", "none", "--warmup", str(warmup),
                "--runs", str(runs), "--export-json", export.name,
                "--", shlex.join(command),
            ],
            env=dict(env), check=True, capture_output=True,
        )  # fmt: skip
        result = json.load(open(export.name))["results"][0]
    return Timing(result["median"] * 1000, runs, "hyperfine")


def _loop(command: Sequence[str], env: Mapping[str, str], *, runs: int, warmup: int) -> Timing:
    times = []
    for k in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run(
            list(command), env=dict(env), check=True, capture_output=True,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if k >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return Timing(statistics.median(times), runs, "loop")


@dataclass(frozen=True)
class Paired:
    median_ms: float  # the command's median
    peer_ms: float  # the peer's median
    ratio: float  # the median of the per-pair ratios: what a ratio budget is judged on
    runs: int


def paired_time(
    command: Sequence[str],
    peer: Sequence[str],
    env: Mapping[str, str],
    peer_env: Mapping[str, str],
    *,
    runs: int,
    warmup: int = 2,
) -> Paired:
    """Run `command` and `peer` one after the other, `runs` times, and compare each pair.

    On this shared machine a busy few seconds can make one median 50% slower than the other's
    (khard list measured 125-215 ms in one run). Alternating puts every burst on both sides of a
    pair, and the median of the pairs' ratios ignores the bursts that fall between them.
    """
    check_runs(command, env)
    check_runs(peer, peer_env)
    ours: list[float] = []
    theirs: list[float] = []
    for k in range(warmup + runs):
        mine, other = _wall_ms(command, env), _wall_ms(peer, peer_env)
        if k >= warmup:
            ours.append(mine)
            theirs.append(other)
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    return Paired(
        statistics.median(ours), statistics.median(theirs), statistics.median(ratios), runs
    )


def _wall_ms(command: Sequence[str], env: Mapping[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        list(command), env=dict(env), check=True, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return (time.perf_counter() - start) * 1000


# Runs one command and reports its wall time and peak RSS: a separate interpreter, so
# RUSAGE_CHILDREN holds that one command and nothing the benchmark ran before.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
elapsed = time.perf_counter() - start
print(json.dumps({"code": code, "seconds": elapsed,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_once(command: Sequence[str], env: Mapping[str, str]) -> Run:
    """One run with wall time and peak memory (ru_maxrss is in KiB on Linux)."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], env=dict(env), capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    report = json.loads(result.stdout)
    if report["code"] != 0:
        raise CommandFailed(f"{shlex.join(command)} exited {report['code']}")
    return Run(report["seconds"], report["peak_kb"] / 1024)


def in_process_median_ms(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    """Median of `action()` timed in this process (for the SQL of a query, no start-up)."""
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without anything that would pin or colour connect's output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONNECT_")}
    # Users run with cached bytecode; without it every run re-compiles ~30 modules (~50 ms).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env
