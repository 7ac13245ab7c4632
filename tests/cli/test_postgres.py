"""A journal on a PostgreSQL server (issue #19): what a user sees, side by side with SQLite.

The tests that need a server run when CONNECT_TEST_PG_URL names one whose user may create
databases and roles (`export CONNECT_TEST_PG_URL="$(tests/pg/server.sh start)"`); each test gets
a database of its own, dropped afterwards. The others need no server.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import Result, Run, modules_loaded

SERVER = os.environ.get("CONNECT_TEST_PG_URL", "")
needs_server = pytest.mark.skipif(
    not SERVER,
    reason="CONNECT_TEST_PG_URL is not set (tests/pg/server.sh start prints one)",
)


def with_database(url: str, database: str, *, user: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc if user is None else f"{user}@{parts.hostname}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, ""))


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(sql)


def refused(result: Result) -> str:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.count("\n") <= 3  # one sentence (Rich may wrap it)
    return " ".join(result.stderr.split())


# --- without a server -------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("list",), ("today",), ("add", "Ann Lee"), ("log", "ann", "x")])
def test_an_unreachable_server_is_one_sentence_without_the_password(
    run: Run, args: tuple[str, ...]
) -> None:
    error = refused(run("--db", "postgresql://ann:s3cret@127.0.0.1:1/journal", *args))
    assert "Could not reach the PostgreSQL server at 127.0.0.1:1" in error
    assert "s3cret" not in error


def test_where_shows_a_server_journal_without_its_password(run: Run) -> None:
    result = run("--db", "postgresql://ann:s3cret@db.example/journal", "where")
    assert result.exit_code == 0 and result.stdout == "postgresql://ann:***@db.example/journal\n"


def test_without_psycopg_it_says_how_to_install_it(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hidden only while connect runs: on a server the suite drops the test's database afterwards.
    with monkeypatch.context() as patched:
        patched.setitem(sys.modules, "psycopg", None)  # what `import psycopg` meets uninstalled
        for args in (("list",), ("add", "Ann Lee")):
            error = refused(run("--db", "postgresql://ann:s3cret@127.0.0.1:1/journal", *args))
            assert "pip install 'connect-journal[postgres]'" in error and "s3cret" not in error


# --- server errors ----------------------------------------------------------------------------


@needs_server
def test_a_wrong_password_is_one_sentence_without_it(run: Run) -> None:
    parts = urlsplit(SERVER)
    wrong = SERVER.replace(f":{parts.password}@", ":not-the-password@")
    error = refused(run("--db", wrong, "list"))
    assert "refused postgres's credentials" in error and "PGPASSWORD" in error
    assert "not-the-password" not in error and str(parts.password) not in error


@needs_server
def test_a_missing_database_says_how_to_create_it(run: Run) -> None:
    error = refused(run("--db", with_database(SERVER, "no_such_journal"), "add", "Ann Lee"))
    assert "There is no database no_such_journal" in error and "createdb no_such_journal" in error
    assert str(urlsplit(SERVER).password) not in error


@needs_server
def test_a_database_the_user_may_not_use_is_one_sentence(
    run: Run, server_journal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    role = f"connect_test_{uuid.uuid4().hex[:8]}"
    database = urlsplit(server_journal).path.lstrip("/")
    admin(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
    admin(f"REVOKE CONNECT ON DATABASE {database} FROM PUBLIC")
    try:
        monkeypatch.setenv("PGPASSWORD", "pw")  # the password kept off the command line
        error = refused(run("--db", with_database(SERVER, database, user=role), "list"))
        assert f"The PostgreSQL user {role} may not use the journal in database {database}" in error
    finally:
        admin(f"DROP ROLE {role}")


@needs_server
def test_a_database_of_another_program_is_left_as_it_is(run: Run, server_journal: str) -> None:
    import psycopg

    with psycopg.connect(server_journal, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id integer)")
    error = refused(run("--db", server_journal, "add", "Ann Lee"))
    assert "holds tables that are not a connect journal" in error
    with psycopg.connect(server_journal) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("invoices",)]


def public_tables(url: str) -> list[str]:
    import psycopg

    with psycopg.connect(url) as connection:
        found = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " ORDER BY table_name"
        ).fetchall()
    return [name for (name,) in found]


@needs_server
def test_a_dry_run_import_into_an_empty_database_makes_no_journal_there(
    ok: Run, server_journal: str, tmp_path: Path
) -> None:
    card = tmp_path / "ann.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n")
    result = ok("--db", server_journal, "import", "--dry-run", str(card))
    assert "Dry run: nothing was written" in result.stdout
    assert "1 person would be added: Ann Lee" in result.stdout
    assert public_tables(server_journal) == []  # no schema made, not even for the feed
    ok("--db", server_journal, "import", str(card))  # the real one makes the journal
    assert "contact" in public_tables(server_journal)


@needs_server
def test_a_dry_run_import_into_another_programs_database_is_refused_as_the_import_is(
    run: Run, server_journal: str, tmp_path: Path
) -> None:
    import psycopg

    with psycopg.connect(server_journal, autocommit=True) as connection:
        connection.execute("CREATE TABLE invoices (id integer)")
    card = tmp_path / "ann.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n")
    error = refused(run("--db", server_journal, "import", "--dry-run", str(card)))
    assert "holds tables that are not a connect journal" in error
    assert public_tables(server_journal) == ["invoices"]


@needs_server
def test_a_journal_from_a_newer_connect_is_refused(run: Run, ok: Run, server_journal: str) -> None:
    import psycopg

    ok("--db", server_journal, "add", "Ann Lee")
    with psycopg.connect(server_journal, autocommit=True) as connection:
        connection.execute("UPDATE connect_journal SET schema_version = 99")
    for args in (("list",), ("add", "Bob Stone")):
        assert "newer version of connect (schema 99)" in refused(run("--db", server_journal, *args))


@needs_server
@pytest.mark.parametrize("command", [("list",), ("log", "ann", "Coffee")])
def test_a_journal_from_the_previous_connect_is_upgraded_by_the_next_command(
    ok: Run, server_journal: str, command: tuple[str, ...]
) -> None:
    """Reads and writes alike bring an older server journal to this schema, in one transaction,
    and every row is still there."""
    import psycopg

    from connect_cli.journal.sqlite import SCHEMA_VERSION
    from connect_cli.write.pg_schema import _head
    from tests.cli.test_pg_tools import downgrade_one_step

    ok("--db", server_journal, "add", "Ann Lee", "--note", "Met at the fair")
    downgrade_one_step(server_journal)
    ok("--db", server_journal, *command)
    with psycopg.connect(server_journal) as connection:
        assert connection.execute("SELECT schema_version FROM connect_journal").fetchall() == [
            (SCHEMA_VERSION,)
        ]
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (_head(),)
        ]
    assert "Met at the fair" in ok("--db", server_journal, "show", "ann").stdout


@needs_server
def test_a_server_journal_without_a_migration_stamp_is_refused_untouched(
    run: Run, ok: Run, server_journal: str
) -> None:
    import psycopg

    from connect_cli.journal.sqlite import SCHEMA_VERSION

    ok("--db", server_journal, "add", "Ann Lee")
    with psycopg.connect(server_journal, autocommit=True) as connection:
        connection.execute("DROP TABLE alembic_version")
        connection.execute(f"UPDATE connect_journal SET schema_version = {SCHEMA_VERSION - 1}")
    said = refused(run("--db", server_journal, "list"))
    assert f"is at schema {SCHEMA_VERSION - 1} but has no migration stamp" in said
    with psycopg.connect(server_journal) as connection:
        assert connection.execute("SELECT schema_version FROM connect_journal").fetchall() == [
            (SCHEMA_VERSION - 1,)
        ]


@needs_server
def test_a_second_writer_waits_then_says_the_journal_is_busy(
    run: Run, ok: Run, server_journal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    from connect_cli.journal.dialect import WRITER_LOCK

    ok("--db", server_journal, "add", "Ann Lee")
    monkeypatch.setattr("connect_cli.journal.postgres.BUSY_TIMEOUT_MS", 300)
    with psycopg.connect(server_journal) as writer:  # another command's open write transaction
        writer.execute(f"SELECT pg_advisory_xact_lock({WRITER_LOCK})")
        error = refused(run("--db", server_journal, "log", "ann", "Coffee"))
        assert "busy" in error
    assert ok("--db", server_journal, "history", "--json").json() == []


# --- the same output on both ------------------------------------------------------------------

# One line per command, split as a shell would (shlex).
SESSION = (
    "add 'Linda Holcman' -c Acme -t client --met-at 'SaaStr 2026' --passion sailing "
    "--family 'Sam (son, 7)' --need 'hiring a VP Sales' --note 'Coffee at the booth' --every 2w "
    "--birthday 1984-11-25",
    "add 'Bob Stone' -c 'Fintech Ventures' --via linda --every 1w "
    "--offer 'introductions to VP Sales candidates' --email work=bob@example.com",
    "add 'Émile Zola' -t client --every 1m --met-on 2026-01-10",
    "add 'ada Lovelace' --every 3m --date 'launch=2026-11-28 once'",
    "log linda 'Talked about the VP search' --with bob --kind call "
    "--follow-up 'Intro Linda to Bob' --due friday --on 2026-10-01",
    "log emile 'Dinner; he is moving to Austin' --kind meal --on 2026-09-02",
    "archive ada",
    "edit linda --like espresso --drop passion:sailing",
    "snooze bob 2w",
    "log bob 'Sent the shortlist' --kind email --follow-up 'Ask how the interviews went'",
    "done 1 --note 'Sent Linda the intro to Bob' --kind email",
    "intro linda bob --for 'VP Sales'",
)
READS = (
    "show linda",
    "show bob --json",
    "show emile --all",
    "list",
    "list --sort overdue",
    "list --sort recent --json",
    "list --archived",
    "list --tag client",
    "today",
    "today --json",
    "today --on 2026-12-20 --horizon 30",
    "followups --all",
    "history",
    "history --with linda --json",
    "prep linda",
    "intros",
    "intros --made",
    "export",
    "export --format json",
    "export --format vcard",
    "export --format ics",
    "export --format markdown",
    "stats",
    "stats --json",
    "stats linda --year 2026",
    "review",
    "review --month --json",
    "review --markdown",
)


# Bookkeeping instants (created_at, done_at…) come from the clock of each run, not from the journal.
MOMENT = re.compile(
    r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:?\d\d|Z)?|DTSTAMP:\d{8}T\d{6}Z"
)


def outputs(run: Run, db: str) -> list[tuple[str, int, str, str]]:
    seen = []
    for line in (*SESSION, *READS):
        result = run("--db", db, *shlex.split(line))
        stdout = MOMENT.sub("<moment>", result.stdout)
        seen.append((line, result.exit_code, stdout, result.stderr))
    return seen


@needs_server
def test_add_log_show_list_and_today_say_the_same_on_both(
    run: Run, server_journal: str, tmp_path: Path
) -> None:
    on_sqlite = outputs(run, str(tmp_path / "journal.db"))
    on_server = outputs(run, server_journal)
    assert [seen[1] for seen in on_sqlite] == [0] * len(on_sqlite)
    for sqlite_seen, server_seen in zip(on_sqlite, on_server, strict=True):
        assert server_seen == sqlite_seen


@needs_server
def test_a_read_on_a_server_loads_psycopg_but_never_the_orm(ok: Run, server_journal: str) -> None:
    ok("--db", server_journal, "add", "Ann Lee", "--every", "1w")
    env = {**os.environ, "CONNECT_DB": server_journal, "CONNECT_TODAY": "2026-11-22"}
    for args in (["today"], ["list"], ["show", "ann"]):
        loaded = {name.split(".")[0] for name in modules_loaded(args, env)}
        assert "psycopg" in loaded
        assert not loaded & {"sqlalchemy", "sqlmodel", "alembic"}, args


@needs_server
def test_two_processes_logging_at_once_lose_nothing(ok: Run, server_journal: str) -> None:
    ok("--db", server_journal, "add", "Ann Lee")
    env = {**os.environ, "CONNECT_DB": server_journal, "CONNECT_TODAY": "2026-11-22"}

    def logs(name: str) -> str:  # four `connect log` in a row, as one shell script
        command = f"{sys.executable} -m connect_cli log ann"
        return "; ".join(f"{command} 'note {name}-{n}' >/dev/null" for n in range(4))

    writers = [subprocess.Popen(["sh", "-ec", logs(name)], env=env) for name in ("a", "b")]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    logged = ok("--db", server_journal, "history", "--json").json()
    assert isinstance(logged, list)
    assert sorted(entry["text"] for entry in logged) == sorted(
        f"note {name}-{n}" for name in ("a", "b") for n in range(4)
    )


@needs_server
def test_a_killed_import_leaves_the_server_journal_unchanged(
    ok: Run, server_journal: str, tmp_path: Path
) -> None:
    """kill -9 while the import's transaction is open (it holds the writer lock): the server
    rolls the transaction back when the client's connection drops, and the journal takes the
    next write at once."""
    import signal
    import time

    from connect_cli.journal.dialect import WRITER_LOCK
    from tests.conftest import journal_dump

    ok("--db", server_journal, "add", "Ann Lee", "--note", "before the import")
    before = journal_dump(server_journal)
    big = tmp_path / "big.csv"
    big.write_text(
        "First Name,Last Name,E-mail Address,Notes\n"
        + "".join(f"Person,{n:05d},p{n}@x.test,note {n}\n" for n in range(40_000)),
        encoding="utf-8",
    )
    env = {**os.environ, "CONNECT_DB": server_journal, "CONNECT_TODAY": "2026-11-22"}
    importer = subprocess.Popen(
        [sys.executable, "-m", "connect_cli", "import", str(big)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert _wait_for_writer_lock(server_journal, WRITER_LOCK, importer), "never wrote"
        time.sleep(0.5)  # well inside the transaction: rows are being written
    finally:
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
    assert importer.returncode == -signal.SIGKILL
    ok("--db", server_journal, "log", "ann", "after the kill")  # the lock is free again
    after = journal_dump(server_journal)
    assert [t for t, _ in after] == [t for t, _ in before]
    changed = {t for (t, rows), (_, old) in zip(after, before, strict=True) if rows != old}
    assert "contact" not in changed and changed <= {
        "interaction", "participant", "search_index", "interaction_day_count", "name_word",
    }  # fmt: skip  (only the one logged note)
    assert "Person 00001" not in ok("--db", server_journal, "list").stdout


def _wait_for_writer_lock(url: str, lock: int, process: subprocess.Popen[bytes]) -> bool:
    """True once another session holds the writer lock; False if `process` ended first."""
    import time

    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        for _ in range(1200):
            held = connection.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
                "AND granted AND pid <> pg_backend_pid()",
                (lock & 0xFFFFFFFF,),
            ).fetchone()
            if held and held[0]:
                return True
            if process.poll() is not None:
                return False
            time.sleep(0.05)
    return False


@needs_server
def test_a_sqlite_journal_moves_to_a_server_losslessly_and_keeps_growing(
    run: Run, ok: Run, server_journal: str, tmp_path: Path
) -> None:
    sqlite_journal = str(tmp_path / "journal.db")
    for line in SESSION:
        ok("--db", sqlite_journal, *shlex.split(line))
    copy = tmp_path / "journal.json"
    ok("--db", sqlite_journal, "export", "--format", "json", "-o", str(copy))
    ok("--db", server_journal, "import", str(copy))
    assert (
        ok("--db", server_journal, "export", "--format", "json").stdout
        == ok("--db", sqlite_journal, "export", "--format", "json").stdout
    )
    # the ids the import wrote moved the sequences on: new rows get the ids SQLite gives them
    for line in ("add 'Zoë Quinn'", "log zoe 'Met at the café' --follow-up 'Send the deck'"):
        on_server = ok("--db", server_journal, *shlex.split(line)).stdout
        assert on_server == ok("--db", sqlite_journal, *shlex.split(line)).stdout
    assert "promise #5 noted" in on_server  # four came with the import


@needs_server
def test_two_processes_adding_the_same_name_at_once_add_one_person(
    ok: Run, server_journal: str
) -> None:
    ok("--db", server_journal, "add", "Ann Lee")  # the journal exists: the race is the add
    env = {**os.environ, "CONNECT_DB": server_journal, "CONNECT_TODAY": "2026-11-22"}
    adds = [
        subprocess.Popen(
            [sys.executable, "-m", "connect_cli", "add", "Bob Stone"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    finished = sorted((add.wait(timeout=120), add.stderr.read()) for add in adds if add.stderr)
    assert [code for code, _ in finished] == [0, 1]
    assert "You already have 'Bob Stone'" in " ".join(finished[1][1].split())
    people = ok("--db", server_journal, "list", "--json").json()
    assert isinstance(people, list) and [p["name"] for p in people] == ["Ann Lee", "Bob Stone"]


def database_bytes(url: str) -> bytes:
    """Every file of the database on a server whose files this test can read (the local test
    server, as root), after a checkpoint has written its pages out."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("CHECKPOINT")
        found = connection.execute(
            "SELECT current_setting('data_directory'), oid FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()
    assert found is not None
    folder = Path(found[0]) / "base" / str(found[1])
    if not os.access(folder, os.R_OK):
        pytest.skip(f"the server's files ({folder}) are not readable from this test")
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


@needs_server
def test_forget_leaves_none_of_the_persons_text_in_the_servers_files(
    ok: Run, server_journal: str, tmp_path: Path
) -> None:
    secret = "Zanzibar-umbrella-7731"
    sqlite_journal = str(tmp_path / "journal.db")
    said = []
    for db in (sqlite_journal, server_journal):
        ok("--db", db, "add", "Ann Lee", "--need", f"a {secret} supplier")
        ok("--db", db, "log", "ann", f"Talked about the {secret}")
        ok("--db", db, "add", "Bob Stone")
        if db == server_journal:
            assert secret.encode() in database_bytes(server_journal)  # the check can see it
        said.append(ok("--db", db, "forget", "ann", "--yes").stdout)
    assert said[0] == said[1] and "could not be compacted" not in said[1]
    left = database_bytes(server_journal)
    assert secret.encode() not in left and b"Ann Lee" not in left


POOLED = (
    "add 'Priya Shah' --need 'intros to fintech angels'",
    "add 'Tom Becker' --offer 'angel investing in fintech' -t fintech",
    "add 'Linda Holcman' -c Acme --need 'hiring a VP Sales'",
    "add 'Sam Ortiz' --title 'VP Sales' -c Globex --offer 'fintech sales'",
    "add 'Erin Old' --offer 'fintech angel syndicate'",
    "log priya 'Coffee' --on 2026-11-20",
    "log tom 'Call' --on 2026-11-20",
    "log sam 'Lunch' --on 2026-11-21",
    "log linda 'Mail' --on 2026-10-01",
    # 12 interactions: the pool is found from the day of the (4 x 3)-th latest (_pool_rows)
    *(f"log {who} 'Call' --on 2026-11-1{n}" for n, who in enumerate(["priya", "tom"] * 4)),
)


@needs_server
def test_the_pooled_matching_says_the_same_on_both(
    run: Run, server_journal: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("connect_cli.read.intros.POOL", 3)  # 5 active: the pool's own path
    seen = {}
    for db in (str(tmp_path / "journal.db"), server_journal):
        for line in POOLED:
            assert run("--db", db, *shlex.split(line)).exit_code == 0
        seen[db] = [
            (r.exit_code, r.stdout, r.stderr)
            for r in (run("--db", db, "intros", "--limit", "9"), run("--db", db, "today"))
        ]
    on_sqlite, on_server = seen.values()
    assert "Introduce Priya Shah to Tom Becker" in on_sqlite[0][1]
    # Linda (in touch longest ago) and Erin (never) are outside the pool of 3
    assert "Linda" not in on_sqlite[0][1] and "Erin" not in on_sqlite[0][1]
    assert on_server == on_sqlite
