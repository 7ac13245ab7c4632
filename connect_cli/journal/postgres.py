"""A journal on a PostgreSQL server, read with psycopg directly (journal/dialect.py: the design).

psycopg is imported only here, and only when a command names a server URL; the SQLite path never
loads it. Every server error a user can cause becomes one sentence that says what to do, with the
password of the URL hidden (`JournalLocation.describe`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from connect_cli.domain.errors import ConnectError, JournalBusy, JournalTooNew
from connect_cli.journal.dialect import POSTGRESQL, libpq_url, postgres_sql, stored_form
from connect_cli.journal.sqlite import BUSY_TIMEOUT_MS, SCHEMA_VERSION, JournalLocation, SchemaWork

CONNECT_TIMEOUT_S = 10
INSTALL_HINT = "pip install 'connect-journal[postgres]'"


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ConnectError(
            f"A PostgreSQL journal needs the psycopg driver; install it with {INSTALL_HINT}."
        ) from None
    return psycopg


def connect_postgres(location: JournalLocation) -> Any:
    """A psycopg connection to the server journal, in UTC (as SQLite stores moments).

    Errors: ConnectError with one sentence (unreachable, authentication, missing database,
    permission, psycopg missing), never the URL's password.
    """
    psycopg = _psycopg()
    try:
        connection = psycopg.connect(
            libpq_url(location.url),
            connect_timeout=CONNECT_TIMEOUT_S,
            options="-c TimeZone=UTC -c DateStyle=ISO",
            application_name="connect",
        )
    except psycopg.Error as error:
        raise translate_pg_error(error, location) from None
    return connection


def _server(location: JournalLocation) -> tuple[str, str, str]:
    """(host:port, database, user) as the URL names them (libpq's defaults when it does not)."""
    parts = urlsplit(libpq_url(location.url))
    host = parts.hostname or "localhost"
    where = f"{host}:{parts.port or 5432}"
    database = parts.path.lstrip("/") or (parts.username or "your user name")
    return where, database, parts.username or "your user"


# What the server says when it cannot take a write (SQLSTATE -> sentence), as SQLite's "disk is
# full", "I/O error" and "readonly database" are told (journal/sqlite.translate_sqlite_error).
_WRITE_FAULTS = {
    "53100": (  # disk_full
        "The PostgreSQL server at {where} could not write the journal: its disk is full; ask its "
        "administrator to free space, then try again."
    ),
    "58030": (  # io_error
        "The PostgreSQL server at {where} could not read or write its files: its disk is full or "
        "failing; ask its administrator to check the server's log, then try again."
    ),
    "25006": (  # read_only_sql_transaction: a standby, or default_transaction_read_only
        "The journal in database {database} at {where} is read-only (a standby server, or made "
        "read-only by the server's settings); point --db at the primary server, or ask its "
        "administrator."
    ),
}


def translate_pg_error(error: BaseException, location: JournalLocation) -> ConnectError:
    """One sentence a user can act on for what the server (or libpq) said; never row data.

    The connection errors carry no SQLSTATE (libpq reports them as text), so they are told apart
    by libpq's and the server's English wording; errors inside a session by SQLSTATE.
    """
    text = str(error).lower()
    state = getattr(error, "sqlstate", None) or ""
    where, database, user = _server(location)
    if state == "55P03" or "lock timeout" in text:  # lock_not_available: another writer
        return JournalBusy()
    if (
        "password authentication failed" in text
        or "no password supplied" in text
        or state.startswith("28")
    ):
        return ConnectError(
            f"The PostgreSQL server at {where} refused {user}'s credentials; check the user "
            "name and the password (in ~/.pgpass or PGPASSWORD rather than in --db)."
        )
    if "does not exist" in text and "database" in text or state == "3D000":
        return ConnectError(
            f"There is no database {database} on the PostgreSQL server at {where}; create it "
            f"first (createdb {database}) or fix --db."
        )
    if "permission denied" in text or state == "42501":
        return ConnectError(
            f"The PostgreSQL user {user} may not use the journal in database {database} at "
            f"{where}; ask the server's administrator to grant it (CONNECT, and CREATE on its "
            "schema for a new journal)."
        )
    if state in _WRITE_FAULTS:
        return ConnectError(_WRITE_FAULTS[state].format(where=where, database=database))
    unreachable = (
        "connection refused",
        "could not connect",
        "failed to resolve host",
        "timeout expired",
        "could not translate host",
        "no route to host",
        "server closed the connection",
        "connection timed out",
    )
    if any(words in text for words in unreachable):
        return ConnectError(
            f"Could not reach the PostgreSQL server at {where}; check that it is running and "
            "that --db or CONNECT_DB names the right host and port."
        )
    return ConnectError(
        f"The journal at {location.describe()} could not be used "
        f"({type(error).__name__}); check the server's log, or run `connect doctor`."
    )


class PgRow:
    """Like sqlite3.Row: a column by name or by position, holding values as SQLite gives them
    (days and moments as ISO text, booleans as 0/1: `stored_form`), so read/ reads one shape."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: Mapping[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: str | int) -> Any:
        return self._values[self._index[key] if isinstance(key, str) else key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], PgRow]:
    names = [column.name for column in cursor.description or ()]
    index = {name: position for position, name in reversed(list(enumerate(names)))}
    return lambda values: PgRow(index, [stored_form(value) for value in values])


class PgReader:
    """The read-side `Reader` (journal/sqlite.py) over a psycopg connection.

    SQL is read/'s SQLite-worded text, adapted by dialect.postgres_sql; parameters are bound
    client-side so untyped `:x IS NULL` works as on SQLite.
    """

    dialect = POSTGRESQL

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def _cursor(self, *, rows: bool = True) -> Any:
        import psycopg

        cursor = psycopg.ClientCursor(self.connection)
        if rows:
            cursor.row_factory = _row_factory
        return cursor

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        cursor = self._cursor()
        cursor.execute(postgres_sql(sql), dict(params or {}))
        return cursor.fetchall()

    def each(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        cursor = self._cursor()
        cursor.execute(postgres_sql(sql), dict(params or {}))
        return iter(cursor)

    def chunks(
        self, sql: str, params: Mapping[str, Any] | None, size: int
    ) -> Iterator[list[tuple]]:
        cursor = self._cursor(rows=False)
        cursor.execute(postgres_sql(sql), dict(params or {}))
        while chunk := cursor.fetchmany(size):  # as SQLite holds them (the Reader's promise)
            yield [tuple(stored_form(value) for value in row) for row in chunk]

    def columns(self, table: str) -> list[str]:
        found = self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = :table "
            "AND table_schema = current_schema() ORDER BY ordinal_position",
            {"table": table},
        )
        return [row[0] for row in found]


def pg_schema_version(connection: Any) -> int:
    """The journal's schema version, 0 when it has none yet: one small read (no Alembic)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('connect_journal') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT schema_version FROM connect_journal")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def server_database_is_empty(location: JournalLocation) -> bool:
    """True when the server database holds no tables at all (no journal yet, nobody else's).

    One small read, no Alembic: `import --dry-run` then works on a throwaway journal instead of
    creating the schema in a database the user only asked to try. Errors: one sentence
    (translate_pg_error) when the server cannot be reached or used.
    """
    connection = connect_postgres(location)
    try:
        return not _checked(
            lambda: connection.execute(
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables"
                " WHERE table_schema = current_schema())"
            ).fetchone()[0],
            location,
        )
    finally:
        connection.close()


def check_pg_schema(connection: Any, location: JournalLocation) -> bool:
    """True when the server journal is current; False when it must be created or upgraded."""
    version = pg_schema_version(connection)
    connection.rollback()  # end the check's transaction: the command starts its own
    if version > SCHEMA_VERSION:
        raise JournalTooNew(
            f"The journal at {location.describe()} was written by a newer version of connect "
            f"(schema {version}); upgrade connect with `pip install -U connect-journal` first."
        )
    return version == SCHEMA_VERSION


def ensure_current_pg(location: JournalLocation, schema: SchemaWork) -> None:
    """Create or upgrade the server journal if needed; one small read when it is current."""
    connection = connect_postgres(location)
    try:
        current = _checked(lambda: check_pg_schema(connection, location), location)
    finally:
        connection.close()
    if not current:
        schema.upgrade(location)


def _checked(work: Callable[[], Any], location: JournalLocation) -> Any:
    psycopg = _psycopg()
    try:
        return work()
    except psycopg.Error as error:
        raise translate_pg_error(error, location) from None


@contextmanager
def read_postgres(location: JournalLocation, schema: SchemaWork) -> Iterator[PgReader]:
    """One snapshot of the server journal for one read command (REPEATABLE READ, READ ONLY)."""
    psycopg = _psycopg()
    connection = connect_postgres(location)
    try:
        if not _checked(lambda: check_pg_schema(connection, location), location):
            schema.upgrade(location)
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield PgReader(connection)
        connection.execute("COMMIT")
    except psycopg.Error as error:
        raise translate_pg_error(error, location) from None
    finally:
        connection.close()


@contextmanager
def write_postgres(location: JournalLocation) -> Iterator[Any]:
    """One small write transaction on a current server journal with psycopg alone (as `today`
    remembers its suggestion, loading no SQLAlchemy): the one-writer lock first, committed when
    the block ends. Errors: one sentence (translate_pg_error; JournalBusy after the timeout)."""
    psycopg = _psycopg()
    connection = connect_postgres(location)
    try:
        for statement in writer_lock_sql():
            connection.execute(statement)
        yield connection
        connection.commit()
    except psycopg.Error as error:
        raise translate_pg_error(error, location) from None
    finally:
        connection.close()  # uncommitted work is rolled back


def writer_lock_sql() -> list[str]:
    """What a write transaction runs first: wait for the one-writer lock, as long as SQLite's
    busy timeout; a timeout raises lock_not_available, "the journal is busy"."""
    from connect_cli.journal.dialect import WRITER_LOCK

    return [
        f"SET LOCAL lock_timeout = {BUSY_TIMEOUT_MS}",
        f"SELECT pg_advisory_xact_lock({WRITER_LOCK})",
    ]


def _no_older_snapshots(connection: Any) -> bool:
    """Wait (up to BUSY_TIMEOUT_MS) until no other session on the server holds a snapshot older
    than this moment (pg_stat_activity.backend_xmin, in any database: none of the journal's own
    was seen holding back VACUUM FULL here, other databases' were); True when none does. Only
    the sessions the role may see are seen, so on a shared server this is best effort."""
    import time

    now = connection.execute("SELECT txid_current() % 4294967296").fetchone()[0]
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        older = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
            "AND backend_xmin IS NOT NULL AND age(backend_xmin) > age(%s::text::xid)",
            (now,),
        ).fetchone()[0]
        if not older:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def scrub_server(location: JournalLocation) -> bool:
    """After `forget`: rewrite every table of the journal's database (VACUUM FULL), so the rows
    deleted are gone from its files and indexes, not only marked dead. False when another
    command held a table longer than the busy timeout (forget then says so).

    The server's write-ahead log keeps them until it recycles its segments, as its own backups
    do: those are the server's, as a SQLite journal's earlier backups are the user's.

    VACUUM FULL copies a deleted row into the new files while any snapshot taken before the
    delete could still see it ("recently dead"): seen here as 1 run in 2 of the forget test
    leaving the text in `fact` while another suite used the same server. So it first waits, up
    to the busy timeout, until no session holds a snapshot older than the forget; False when
    one still does (forget then says it could not compact).
    """
    psycopg = _psycopg()
    connection = connect_postgres(location)
    try:
        connection.autocommit = True  # VACUUM runs outside a transaction
        if not _no_older_snapshots(connection):
            return False
        connection.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("VACUUM FULL")
        return True
    except psycopg.errors.LockNotAvailable:
        return False
    finally:
        connection.close()
