"""The server's own tools on a PostgreSQL journal (issue #19): `backup`/`restore` through
pg_dump/pg_restore, what a user sees. Run with CONNECT_TEST_PG_URL (tests/pg/server.sh start)."""

from __future__ import annotations

import os
import re
import shlex
import stat
import uuid
from pathlib import Path

import pytest

from tests.cli.test_postgres import SERVER, SESSION, admin, needs_server, refused, with_database
from tests.conftest import Run

pytestmark = needs_server


DUMP_NAME = re.compile(r"connect-\d{8}-\d{6}(-before-restore)?\.dump")


def filled(ok: Run, db: str) -> str:
    """The journal after the shared session, as its lossless JSON export."""
    for line in SESSION:
        ok("--db", db, *shlex.split(line))
    return ok("--db", db, "export", "--format", "json").stdout


def backup_in(ok: Run, db: str, folder: Path) -> Path:
    written = Path(ok("--db", db, "backup", str(folder)).stdout.strip())
    assert written.parent == folder and DUMP_NAME.fullmatch(written.name), written
    return written


def test_backup_change_restore_gives_back_the_journal_as_it_was(
    ok: Run,
    server_journal: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = filled(ok, server_journal)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)  # a server journal's backups go to the current folder
    written = Path(ok("--db", server_journal, "backup").stdout.strip())
    assert written.parent == here and DUMP_NAME.fullmatch(written.name)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert [p.name for p in here.iterdir()] == [written.name]  # no temporary file left
    ok("--db", server_journal, "log", "linda", "After the backup")
    ok("--db", server_journal, "add", "Zoë Quinn")
    assert ok("--db", server_journal, "export", "--format", "json").stdout != before

    said = ok("--db", server_journal, "restore", str(written), "--yes").stdout
    assert f"Restored the journal from {written}." in said
    kept = re.search(r"kept at (\S+)\.\n", " ".join(said.split(" ")))
    assert kept and DUMP_NAME.fullmatch(Path(kept.group(1)).name)
    assert stat.S_IMODE(Path(kept.group(1)).stat().st_mode) == 0o600
    assert ok("--db", server_journal, "export", "--format", "json").stdout == before
    # the sequences came back with the rows: the next person gets the next free id
    assert "(#5)" in ok("--db", server_journal, "add", "Zoë Quinn").stdout


def test_restore_asks_first_and_a_script_must_say_yes(
    run: Run,
    ok: Run,
    server_journal: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from connect_cli.cli.context import Env

    ok("--db", server_journal, "add", "Ann Lee")
    (tmp_path / "b").mkdir()
    written = backup_in(ok, server_journal, tmp_path / "b")
    ok("--db", server_journal, "add", "Bob Stone")
    error = refused(run("--db", server_journal, "restore", str(written)))
    assert "add --yes" in error and "kept in the current folder" in error
    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    said = run("--db", server_journal, "restore", str(written), input="n\n")
    assert said.exit_code == 1 and "Nothing was changed." in said.stderr
    assert f"Replace the journal at {server_journal.split(':')[0]}" in said.stdout
    people = ok("--db", server_journal, "list", "--json").json()
    assert isinstance(people, list) and len(people) == 2
    assert [p.name for p in written.parent.iterdir()] == [written.name]  # nothing kept or done


@pytest.mark.parametrize("kind", ["text", "truncated", "sqlite journal"])
def test_restore_refuses_what_is_not_a_connect_server_backup(
    run: Run,
    ok: Run,
    server_journal: str,
    tmp_path: Path,
    kind: str,
) -> None:
    before = filled(ok, server_journal)
    bad = tmp_path / "bad.dump"
    if kind == "text":
        bad.write_text("hello\n")
    elif kind == "truncated":
        whole = backup_in(ok, server_journal, tmp_path).read_bytes()
        bad.write_bytes(whole[: len(whole) * 2 // 3])
    else:
        ok("--db", str(tmp_path / "j.db"), "add", "Ann Lee")
        ok("--db", str(tmp_path / "j.db"), "backup", str(bad))
    error = refused(run("--db", server_journal, "restore", str(bad), "--yes"))
    if kind == "sqlite journal":
        assert "is a backup of a SQLite journal" in error and "export --format json" in error
    elif kind == "text":
        assert (
            error
            == f"Error: {bad} is not a backup of a connect server journal; nothing was restored."
        )
    else:
        assert "the journal was left as it was" in error or "nothing was restored" in error
    assert ok("--db", server_journal, "export", "--format", "json").stdout == before


def test_restore_refuses_a_database_of_another_program(
    run: Run,
    ok: Run,
    server_journal: str,
    tmp_path: Path,
) -> None:
    import psycopg

    ok("--db", server_journal, "add", "Ann Lee")
    written = backup_in(ok, server_journal, tmp_path)
    with psycopg.connect(server_journal, autocommit=True) as connection:
        connection.execute("DROP TABLE connect_journal")
    error = refused(run("--db", server_journal, "restore", str(written), "--yes"))
    assert "holds tables that are not a connect journal" in error


def test_backup_of_an_empty_database_has_nothing_to_back_up(
    run: Run,
    server_journal: str,
    tmp_path: Path,
) -> None:
    from urllib.parse import urlsplit

    before = sorted(tmp_path.iterdir())  # the suite's own journal folder on SQLite, else nothing
    error = refused(run("--db", server_journal, "backup", str(tmp_path)))

    assert (
        "yet; nothing to back up" in error and str(urlsplit(server_journal).password) not in error
    )
    assert sorted(tmp_path.iterdir()) == before  # no dump, not even an empty one


def test_backup_never_overwrites(run: Run, ok: Run, server_journal: str, tmp_path: Path) -> None:
    ok("--db", server_journal, "add", "Ann Lee")
    taken = tmp_path / "mine.dump"
    taken.write_text("keep me")
    error = refused(run("--db", server_journal, "backup", str(taken)))
    assert "already exists" in error and taken.read_text() == "keep me"


def test_a_missing_pg_dump_says_what_to_install(
    run: Run,
    ok: Run,
    server_journal: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ok("--db", server_journal, "add", "Ann Lee")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.dump").write_text("x")
    for args in (("backup", str(out)), ("restore", str(out / "x.dump"), "--yes")):
        error = refused(run("--db", server_journal, *args))
        assert "which is not installed" in error and "postgresql-client" in error
    assert [p.name for p in out.iterdir()] == ["x.dump"]


def test_the_password_reaches_pg_dump_by_environment_never_by_its_arguments(
    run: Run,
    ok: Run,
    server_journal: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from urllib.parse import urlsplit

    ok("--db", server_journal, "add", "Ann Lee")
    tools = tmp_path / "bin"
    tools.mkdir()
    seen = tmp_path / "seen"
    fake = tools / "pg_dump"  # records what `ps` would show, and what only its environment holds
    fake.write_text(
        f'#!/bin/sh\necho "$@" > {seen}\necho "password=$PGPASSWORD" >> {seen}\n'
        'echo "pg_dump: error: query failed: ERROR:  out of memory" >&2\nexit 1\n'
    )
    fake.chmod(0o700)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    out = tmp_path / "out"
    out.mkdir()
    error = refused(run("--db", server_journal, "backup", str(out)))
    assert "pg_dump could not back up (out of memory)" in error
    password = str(urlsplit(server_journal).password)
    arguments, environment = seen.read_text().splitlines()
    assert password not in arguments and "--format=custom --no-owner" in arguments
    assert environment == f"password={password}" and password not in error
    assert list(out.iterdir()) == []  # the temporary file is gone


# --- doctor -------------------------------------------------------------------------------------


def test_doctor_on_a_healthy_server_journal_says_which_file_checks_do_not_apply(
    ok: Run, server_journal: str
) -> None:
    filled(ok, server_journal)
    said = ok("--db", server_journal, "doctor")
    lines = said.stdout.splitlines()
    assert [line for line in lines if "do not apply" in line] == [
        "✓ files: the file checks (WAL, synced folder, file mode) do not apply: the server keeps "
        "its files"
    ]
    for check in ("schema: schema", "references:", "ids:", "last contact:"):
        assert any(line.startswith(f"✓ {check}") for line in lines), check
    assert lines[-1] == "Everything is fine." and "✗" not in said.stdout and said.stderr == ""


def test_doctor_on_a_server_finds_what_drifted_and_exits_1(
    run: Run, ok: Run, server_journal: str
) -> None:
    import psycopg

    ok("--db", server_journal, "add", "Ann Lee")
    ok("--db", server_journal, "log", "ann", "Coffee", "--on", "2026-11-01")
    with psycopg.connect(server_journal, autocommit=True) as connection:
        connection.execute("SELECT setval('contact_id_seq', 1, false)")
        connection.execute("UPDATE contact SET last_contact_on = '2020-01-01'")
        connection.execute("ALTER TABLE participant DISABLE TRIGGER ALL")  # FKs unchecked
        connection.execute("INSERT INTO participant VALUES (1, 99, '2026-11-01')")
    result = run("--db", server_journal, "doctor", "--json")
    assert result.exit_code == 1 and result.stderr == ""
    document = result.json()
    assert isinstance(document, dict)
    failed = {check["name"]: check["detail"] for check in document["checks"] if not check["ok"]}
    assert failed == {
        "references": "1 row in participant point at rows that do not exist",
        "ids": "the id sequence of contact is behind the ids in use (the next new row would "
        "collide)",
        "last contact": "1 person(s) have a stored last contact that differs from their history",
    }


def test_doctor_on_an_older_server_journal_says_the_next_command_upgrades_it(
    run: Run, ok: Run, server_journal: str
) -> None:
    from connect_cli.journal.sqlite import SCHEMA_VERSION

    ok("--db", server_journal, "add", "Ann Lee")
    downgrade_one_step(server_journal)
    result = run("--db", server_journal, "doctor", "--json")
    assert result.exit_code == 0 and result.stderr == ""
    document = result.json()
    assert isinstance(document, dict)
    schema = next(check for check in document["checks"] if check["name"] == "schema")
    assert schema["ok"] is True
    assert schema["detail"] == (
        f"schema {SCHEMA_VERSION - 1}; the next command upgrades it to {SCHEMA_VERSION} "
        "(in one transaction: all of it or nothing)"
    )


def downgrade_one_step(url: str) -> None:
    """Take a server journal back to the schema before this connect's, as an older connect
    left it: the last migration's downgrade, then the older version in `connect_journal`."""
    from alembic import command
    from sqlalchemy import create_engine

    from connect_cli.journal.sqlite import SCHEMA_VERSION
    from connect_cli.write.migrate import alembic_config

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "-1")
            connection.exec_driver_sql(
                f"UPDATE connect_journal SET schema_version = {SCHEMA_VERSION - 1}"
            )
    finally:
        engine.dispose()


def test_doctor_on_an_empty_database_checks_nothing_and_creates_nothing(
    ok: Run, server_journal: str
) -> None:
    import psycopg

    said = ok("--db", server_journal, "doctor").stdout
    assert "✓ journal: no journal at postgresql://" in said and "yet; nothing to check" in said
    with psycopg.connect(server_journal) as connection:
        assert connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)


# --- demo ---------------------------------------------------------------------------------------

DEMO_READS = (  # export first: `today` on SQLite remembers the day's Help pair, on a server not
    "export --format json",
    "today",
    "list",
    "list --sort overdue --json",
    "show #3 --all",
    "followups --all",
    "history --with #2",
    "stats",
)


def test_demo_fills_an_empty_server_journal_as_it_fills_a_file(
    ok: Run, server_journal: str, tmp_path: Path
) -> None:
    demo = ("demo", "--contacts", "40", "--interactions", "600", "--seed", "7")
    sqlite_journal = str(tmp_path / "demo.db")
    assert ok("--db", server_journal, *demo).stdout == ok("--db", sqlite_journal, *demo).stdout
    for line in DEMO_READS:
        on_server = ok("--db", server_journal, *shlex.split(line)).stdout
        assert on_server == ok("--db", sqlite_journal, *shlex.split(line)).stdout, line
    # the ids came from (or moved) the sequences: the next rows get the next free ids
    for line in ("add 'Zoë Quinn'", "log zoe 'Met at the café' --follow-up 'Send the deck'"):
        on_server = ok("--db", server_journal, *shlex.split(line)).stdout
        assert on_server == ok("--db", sqlite_journal, *shlex.split(line)).stdout, line
    assert "Everything is fine." in ok("--db", server_journal, "doctor").stdout


def test_demo_refuses_a_server_journal_that_holds_people(
    run: Run, ok: Run, server_journal: str
) -> None:
    ok("--db", server_journal, "add", "Ann Lee")
    error = refused(run("--db", server_journal, "demo", "--contacts", "3"))
    assert "This journal already holds people, and demo only fills an empty one" in error
    people = ok("--db", server_journal, "list", "--json").json()
    assert isinstance(people, list) and [p["name"] for p in people] == ["Ann Lee"]


def test_restore_refuses_a_backup_of_a_journal_in_another_schema(
    run: Run, ok: Run, server_journal: str, tmp_path: Path
) -> None:
    import psycopg

    other = f"connect_test_{uuid.uuid4().hex[:12]}"  # a journal in schema `ann` of its database
    admin(f"CREATE DATABASE {other}")
    try:
        elsewhere = with_database(SERVER, other)
        with psycopg.connect(elsewhere, autocommit=True) as connection:
            connection.execute("CREATE SCHEMA ann")
            connection.execute(f"ALTER DATABASE {other} SET search_path = ann")
        ok("--db", elsewhere, "add", "Ann Lee")
        written = backup_in(ok, elsewhere, tmp_path)
    finally:
        admin(f"DROP DATABASE IF EXISTS {other} WITH (FORCE)")
    ok("--db", server_journal, "add", "Bob Stone")
    error = refused(run("--db", server_journal, "restore", str(written), "--yes"))
    assert "is a backup of a journal in schema ann, and this journal is in schema public" in error
    people = ok("--db", server_journal, "list", "--json").json()
    assert isinstance(people, list) and [p["name"] for p in people] == ["Bob Stone"]
