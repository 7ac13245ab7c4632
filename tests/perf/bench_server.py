"""The benchmark's PostgreSQL rows (issue #19): the same demo journal on a server, beside SQLite's.

`bench.py --server URL` (a server account that may create databases, as tests/pg/server.sh
prints) makes, at each size, a database `connect_bench_<size>` filled by `connect demo` with the
same seed as the SQLite journal, so the person and the search words chosen on the file mean the
same on the server. Each row is the server's median beside SQLite's from the same run. With
`--journals` the database is kept and reused, as the files are.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def database_url(admin_url: str, name: str) -> str:
    """`admin_url` pointed at the database `name` (same server, account and options)."""
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _admin(admin_url: str, sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []


def _exists(admin_url: str, name: str) -> bool:
    return bool(_admin(admin_url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def _name(size: str) -> str:
    return "connect_bench_" + size.lower().replace("/", "_")


def _same_people(url: str, contacts: int, who: str) -> bool:
    """Whether the kept server journal at `url` holds `contacts` people, `who` among them: a
    database kept from an older demo (other names) would time `show` of nobody."""
    import psycopg

    with psycopg.connect(url) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM contact").fetchone() or (0,)
        found = connection.execute("SELECT 1 FROM contact WHERE name = %s", (who,)).fetchone()
    return count == contacts and found is not None


def prepare(
    bench: Any, admin_url: str, size: str, contacts: int, interactions: int, who: str,
    reuse: bool,
) -> str:  # fmt: skip
    """The URL of the size's server journal: reused when kept (`reuse`) and it holds the same
    people as SQLite's, else made afresh."""
    name = _name(size)
    url = database_url(admin_url, name)
    if reuse and _exists(admin_url, name) and _same_people(url, contacts, who):
        bench.add(f"connect demo {size} (PostgreSQL)", "", f"reused {name}", "n/a")
        return url
    _admin(admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _admin(admin_url, f"CREATE DATABASE {name}")
    start = time.perf_counter()
    subprocess.run(
        [*bench.connect, "demo", "--contacts", str(contacts), "--interactions",
         str(interactions), "--seed", "1"],
        env={**bench.env, "CONNECT_DB": url}, check=True, capture_output=True,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    bench.add(f"connect demo {size} (PostgreSQL)", "", f"{seconds:.1f} s", "info")
    return url


@contextmanager
def copy_of(admin_url: str, url: str) -> Iterator[str]:
    """A copy of the server journal at `url` (CREATE DATABASE … TEMPLATE), dropped afterwards:
    the server's side of `log`'s "on a copy"."""
    name = urlsplit(url).path.lstrip("/")
    copy = f"{name}_copy"
    _admin(admin_url, f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")
    _admin(admin_url, f"CREATE DATABASE {copy} TEMPLATE {name}")
    try:
        yield database_url(admin_url, copy)
    finally:
        _admin(admin_url, f"DROP DATABASE IF EXISTS {copy} WITH (FORCE)")


def reads(who: str, queries: list[tuple[str, str, int]]) -> list[tuple[str, list[str]]]:
    """(growth key, arguments): the reads the issue names, keyed as bench.py notes SQLite's."""
    return [
        ("today", ["today"]),
        ("show WHO", ["show", who]),
        *((f"search ({label})", ["search", query]) for label, query, _ in queries),
    ]


def measure(
    bench: Any, admin_url: str, size: str, contacts: int, interactions: int,
    who: str, queries: list[tuple[str, str, int]], *, reuse: bool, reads_only: bool,
) -> None:  # fmt: skip
    """Time `today`, `show`, `search` (and `log`, unless reads_only) on the server journal."""
    url = prepare(bench, admin_url, size, contacts, interactions, who, reuse)
    env = {**bench.env, "CONNECT_DB": url}
    for key, args in reads(who, queries):
        _row(bench, key, size, bench.timed(f"{key} (PostgreSQL)", [*bench.connect, *args], env))
    if reads_only:
        return
    with copy_of(admin_url, url) as copy:
        command = [*bench.connect, "log", who, "Benchmark note: talked about the roadmap"]
        ms = bench.timed("log (PostgreSQL)", command, {**bench.env, "CONNECT_DB": copy})
    _row(bench, "log", size, ms)


def _row(bench: Any, key: str, size: str, ms: float | None) -> None:
    if ms is None:
        return  # bench.timed has added the failure's row
    sqlite_ms = bench.growth.get(key, {}).get(size)
    beside = f" = {ms / sqlite_ms:.2f} × SQLite's {sqlite_ms:.0f} ms" if sqlite_ms else ""
    bench.add(f"connect {key} ({size}, PostgreSQL)", "", f"{ms:.0f} ms{beside}", "info")
