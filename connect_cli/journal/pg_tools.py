"""`backup` and `restore` of a PostgreSQL journal through the server's own tools (issue #19).

A backup is `pg_dump --format=custom --no-owner` of the journal's schema: the server's own
consistent snapshot, restorable by anyone's user. A restore checks the file with `pg_restore
--list` (a custom archive holding a `connect_journal` table of ours at this schema), takes the
one-writer lock in a session of its own, dumps the journal it replaces, then runs in ONE psql
transaction: the journal's objects dropped, and the archive's SQL (`pg_restore -f -`), and COMMIT
only once pg_restore has read the whole archive. Any error (a truncated file too) rolls all of it
back: the journal is as it was.

The connection goes to the tools in their environment (PGHOST, PGUSER, PGPASSWORD…, libpq's own
names for each keyword of the URL), never on their command line, where `ps` would show it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from connect_cli.domain.errors import ConnectError, InputError, JournalBusy
from connect_cli.domain.leftovers import temp_prefix
from connect_cli.journal.backup import Restored, default_backup_path
from connect_cli.journal.dialect import libpq_url
from connect_cli.journal.postgres import (
    _psycopg,
    connect_postgres,
    pg_schema_version,
    translate_pg_error,
    write_postgres,
)
from connect_cli.journal.sqlite import (
    SCHEMA_VERSION,
    JournalLocation,
    inspect_path,
    place_new_file,
)

BACKUP_SUFFIX = ".dump"
CLIENT_HINT = (
    "install PostgreSQL's client programs (apt install postgresql-client, or your server's)"
)
_SCHEMA_ENTRY = re.compile(r"^\d+; \d+ \d+ (SCHEMA|COMMENT - SCHEMA) ")
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) connect_journal ", re.MULTILINE)


def tool(name: str) -> str:
    """The path of a PostgreSQL client program; ConnectError saying what to install if missing."""
    found = shutil.which(name)
    if found is None:
        raise ConnectError(
            f"This needs PostgreSQL's {name}, which is not installed; {CLIENT_HINT}."
        )
    return found


def tool_environment(location: JournalLocation) -> dict[str, str]:
    """This process's environment plus the URL's connection keywords as libpq's variables
    (the password as PGPASSWORD), so that no secret is ever an argument of a process."""
    psycopg = _psycopg()
    from psycopg.conninfo import conninfo_to_dict

    names = {
        option.keyword.decode(): option.envvar.decode()
        for option in psycopg.pq.Conninfo.get_defaults()
        if option.envvar
    }
    environment = dict(os.environ)
    for keyword, value in conninfo_to_dict(libpq_url(location.url)).items():
        if keyword in names and value is not None:
            environment[names[keyword]] = str(value)
    return environment


def _run(
    location: JournalLocation, args: Sequence[str], **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [tool(args[0]), *args[1:]],
        env=tool_environment(location),
        stdin=kwargs.pop("stdin", subprocess.DEVNULL),
        stderr=subprocess.PIPE,
        check=False,
        **kwargs,
    )


def _failure(location: JournalLocation, program: str, stderr: bytes, what: str) -> ConnectError:
    """One sentence for a client program that failed (the server's words when it has them)."""
    text = stderr.decode(errors="replace")
    if "server version mismatch" in text:
        return ConnectError(
            f"{program} is older than the PostgreSQL server; {CLIENT_HINT} at the server's "
            "version or newer."
        )
    if "lock timeout" in text or "could not obtain lock" in text:
        return JournalBusy()
    error = translate_pg_error(RuntimeError(text), location)
    if "could not be used" not in str(error):  # a connection error it recognised
        return error
    first = next((line for line in text.splitlines() if "ERROR" in line or "error" in line), "")
    reason = first.split("ERROR:", 1)[-1].strip(" :") or f"{program} failed"
    return ConnectError(f"{what} ({reason[:200]}); the journal was left as it was.")


def _journal_schema(location: JournalLocation) -> tuple[int, str, bool]:
    """(schema version, current schema, whether it holds tables) of the server journal."""
    psycopg = _psycopg()
    connection = connect_postgres(location)
    try:
        version = pg_schema_version(connection)
        schema, tables = connection.execute(
            "SELECT current_schema(), EXISTS (SELECT 1 FROM pg_tables "
            "WHERE schemaname = current_schema())"
        ).fetchone()
        return version, str(schema), bool(tables)
    except psycopg.Error as error:
        raise translate_pg_error(error, location) from None
    finally:
        connection.close()


def backup_server(location: JournalLocation, target: Path | None, now: datetime) -> Path:
    """pg_dump the journal to `target` (a file, or a folder for `connect-YYYYMMDD-HHMMSS.dump`;
    default: the current folder), written under a temporary name, owner-only, then given its
    name, never over another file. Errors: InputError, ConnectError (one sentence each)."""
    version, schema, _ = _journal_schema(location)
    if not version:
        raise InputError(f"There is no journal at {location.describe()} yet; nothing to back up.")
    return _dump(location, schema, _target(target, now))


def _target(target: Path | None, now: datetime, tag: str = "") -> Path:
    if target is None:
        target = Path.cwd()
    target = target.expanduser()
    if target.is_dir():
        return default_backup_path(target / "connect.dump", now, tag, suffix=BACKUP_SUFFIX)
    if os.path.lexists(target):
        raise InputError(f"{target} already exists; choose another name (backups never overwrite).")
    if not target.parent.is_dir():
        raise InputError(f"The folder {target.parent} does not exist; create it or choose another.")
    return target


def _dump(location: JournalLocation, schema: str, target: Path) -> Path:
    tool("pg_dump")  # before any file is made
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=temp_prefix(target.name), suffix=".part")
    staged = Path(name)  # mkstemp makes it 0600
    try:
        with os.fdopen(fd, "wb") as out:
            done = _run(
                location,
                ["pg_dump", "--format=custom", "--no-owner", f"--schema={schema}"],
                stdout=out,
            )
            out.flush()
            os.fsync(out.fileno())
        if done.returncode != 0:
            raise _failure(location, "pg_dump", done.stderr, "pg_dump could not back up")
        if not place_new_file(staged, target):
            raise InputError(
                f"{target} already exists; choose another name (backups never overwrite)."
            )
    except OSError as error:
        raise ConnectError(
            f"Could not write {target} ({error.strerror or type(error).__name__}); "
            "check the folder and free space."
        ) from None
    finally:
        staged.unlink(missing_ok=True)
    return target


def check_server_backup(location: JournalLocation, path: Path) -> tuple[int, str]:
    """(schema version, schema name) of a connect server backup; refuses anything else.

    Errors: InputError (no such file, a folder), ConnectError (not a connect server backup, a
    SQLite journal's backup, another schema version than this connect's).
    """
    kind = inspect_path(path)
    if kind in ("missing", "broken link"):
        raise InputError(f"There is no file at {path}; give the path of a backup.")
    if kind == "folder":
        raise InputError(f"{path} is a folder; give the path of a backup file in it.")
    if kind == "journal":
        raise ConnectError(
            f"{path} is a backup of a SQLite journal; move it to the server with "
            "`connect export --format json` on it and `connect import` here."
        )
    foreign = f"{path} is not a backup of a connect server journal; nothing was restored."
    listed = _run(location, ["pg_restore", "--list", str(path)], stdout=subprocess.PIPE)
    table = _TOC_TABLE.search(listed.stdout.decode(errors="replace"))
    if listed.returncode != 0 or table is None:
        raise ConnectError(foreign)
    schema = table.group(1)
    data = _run(
        location,
        [
            "pg_restore",
            "--data-only",
            f"--schema={schema}",
            "--table=connect_journal",
            "-f",
            "-",
            str(path),
        ],
        stdout=subprocess.PIPE,
    )
    row = re.search(r"^connect\t(\d+)$", data.stdout.decode(errors="replace"), re.MULTILINE)
    if data.returncode != 0 or row is None:
        raise ConnectError(foreign)
    version = int(row.group(1))
    if version != SCHEMA_VERSION:
        newer = "a newer" if version > SCHEMA_VERSION else "an older"
        raise ConnectError(
            f"{path} was written by {newer} version of connect (schema {version}); restore it "
            "with that version, then move it with `connect export --format json` and `import`."
        )
    return version, schema


def restore_server(location: JournalLocation, source: Path, now: datetime) -> Restored:
    """Replace the server journal with a checked backup in one transaction, after backing up
    the journal it replaces (in the current folder) when there is one, whatever connect made it.

    The one-writer lock is held from before that copy until the swap is committed: a write that
    reported success is then in the kept copy or in neither journal's past (it waited, and lands
    in the restored one), never lost between the two, as on SQLite (journal/swap.py).
    """
    source = source.expanduser()
    version, schema = check_server_backup(location, source)
    tool("psql")
    with write_postgres(location):  # the writer lock, held by this session until the end
        current, here, tables = _journal_schema(location)
        if not current and tables:
            raise ConnectError(
                f"The database at {location.describe()} holds tables that are not a connect "
                "journal, and connect left them as they are; restore into an empty database."
            )
        if schema != here:  # its objects would be dropped and made in a schema not this one's
            raise ConnectError(
                f"{source} is a backup of a journal in schema {schema}, and this journal is in "
                f"schema {here}; restore it where its schema is the user's current one."
            )
        # A journal from a newer connect is replaced too, as a SQLite file's is: it is dumped
        # first (kept), and the backup being restored is one this connect can read.
        kept = _dump(location, here, _target(None, now, "-before-restore")) if current else None
        _replay(location, source, schema)
    return Restored(source=source, kept=kept, schema=version)


def _drop_journal(schema: str) -> str:
    """SQL that drops every object connect made in SCHEMA (an extension's stay). The names are
    read before the first drop: a CASCADE drops some of them on the way."""
    literal = "'" + schema.replace("'", "''") + "'"
    mine = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.deptype = 'e')"
    return f"""DO $connect$ DECLARE statement text; BEGIN
    FOR statement IN SELECT unnest(ARRAY(
        SELECT format('DROP %s IF EXISTS %s CASCADE', CASE c.relkind WHEN 'r' THEN 'TABLE'
            WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'SEQUENCE' END,
            c.oid::regclass::text) FROM pg_class c
        WHERE c.relnamespace = {literal}::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S')
        AND {mine.format(oid="c.oid")}
        UNION ALL
        SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure::text)
        FROM pg_proc p WHERE p.pronamespace = {literal}::regnamespace
        AND {mine.format(oid="p.oid")})) LOOP
        EXECUTE statement;
    END LOOP;
END $connect$;
"""


def _replay(location: JournalLocation, source: Path, schema: str) -> None:
    """One psql transaction: the journal dropped, the archive's SQL. The caller holds the writer
    lock in a session of its own (restore_server), so no write can come between."""
    environment = tool_environment(location)
    listed = _run(location, ["pg_restore", "--list", str(source)], stdout=subprocess.PIPE)
    entries = [  # the schema itself stays, as its owner and grants are the server's
        line
        for line in listed.stdout.decode(errors="replace").splitlines()
        if not _SCHEMA_ENTRY.match(line)
    ]
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("w") as use_list:
        use_list.write("\n".join(entries) + "\n")
        use_list.flush()
        script = subprocess.Popen(
            [
                tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                f"--use-list={use_list.name}",
                "-f",
                "-",
                str(source),
            ],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        psql = subprocess.Popen(
            [tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1"],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        assert script.stdout is not None and psql.stdin is not None
        try:
            psql.stdin.write(("BEGIN;\n" + _drop_journal(schema)).encode())
            shutil.copyfileobj(script.stdout, psql.stdin, 1 << 20)
            script.stdout.close()
            if script.wait() == 0:  # COMMIT only after the whole archive was read: a truncated
                psql.stdin.write(b"COMMIT;\n")  # one ends without it, so psql rolls back
            psql.stdin.close()
        except BrokenPipeError:  # psql stopped at an error: its message says which
            pass
        failed = (script.wait(), psql.wait()) != (0, 0)
        if failed:
            errors.seek(0)
            raise _failure(location, "psql", errors.read(), "The backup could not be restored")
