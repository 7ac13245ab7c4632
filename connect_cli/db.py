"""Where the journal lives, how a connection to it is opened, and whether its schema is current.

Only the standard library is imported here: read commands (`today`, `list`, `show`…) open the
journal through `open_reader` and never pay for SQLAlchemy. Writes go through `store.py`, schema
changes through `migrate.py`; both are imported lazily, only when needed.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from connect_cli.errors import ConnectError, JournalBusy, JournalTooNew

# 'conn' in ASCII: marks the file as a connect journal (PRAGMA application_id).
APPLICATION_ID = 0x636F6E6E
# Bumped by every migration (PRAGMA user_version), so a cheap pragma read tells whether Alembic is
# needed at all. tests/test_migrations.py checks it against the newest Alembic revision.
SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 5000

SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)


class JournalLocation(NamedTuple):
    """The journal a command works on: a SQLite file, or any SQLAlchemy URL."""

    url: str
    path: Path | None  # set for SQLite files; None for servers and in-memory databases

    @property
    def is_sqlite_file(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        return str(self.path) if self.path else _hide_password(self.url)


def default_journal_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("connect", appauthor=False) / "connect.db"


def locate_journal(
    db_option: str | None, environ: Mapping[str, str] = os.environ
) -> JournalLocation:
    """`--db` wins over `CONNECT_DB`, which wins over the platform's user data directory."""
    given = db_option or environ.get("CONNECT_DB") or None
    if given is None:
        path = default_journal_path()
    elif "://" in given:
        if not given.startswith("sqlite:///") or given == "sqlite:///:memory:":
            return JournalLocation(url=given, path=None)
        path = Path(given.removeprefix("sqlite:///"))
    else:
        path = Path(given)
    path = path.expanduser()
    return JournalLocation(url=f"sqlite:///{path}", path=path)


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{rest.split('@', 1)[1]}"
    return url


def prepare_private_file(path: Path) -> None:
    """Create the journal's directory (0700) and an empty file (0600) before SQLite opens it.

    SQLite creates new files 0644 under the usual umask; its -wal and -shm files copy the mode of
    the main file, so making the main file private first keeps all three private.
    """
    directory = path.parent
    if not directory.exists():
        directory.mkdir(parents=True, mode=0o700)
        directory.chmod(0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)
    elif stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)


def connect_sqlite(path: Path) -> sqlite3.Connection:
    """A stdlib connection with the settings RELIABILITY.md requires on every connection.

    isolation_level=None: we issue BEGIN ourselves (BEGIN IMMEDIATE for writes), because a
    deferred transaction that later writes fails at once with "database is locked".
    """
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.row_factory = sqlite3.Row
    apply_pragmas(connection)
    register_functions(connection)
    return connection


def register_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the journal's search triggers call (migration 0004): every connection
    connect opens has them, so any insert or edit keeps the index in step."""
    connection.create_function("connect_terms", 2, _search_terms, deterministic=True)


def _search_terms(text: str | None, kind: str | None) -> str:
    """connect_terms(text, kind): what search stores beside a text (folding.index_terms)."""
    if not text:
        return ""
    if text.isascii() and "'" not in text and "`" not in text and kind != "phone":
        return ""  # most rows: decided without importing the folding rules
    from connect_cli.folding import index_terms

    return index_terms(text, digits=kind == "phone")


def apply_pragmas(connection: sqlite3.Connection) -> None:
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":  # e.g. a network file system: fall back to a rollback journal
        connection.execute("PRAGMA journal_mode = DELETE")


class Reader(Protocol):
    """What the read-side queries need: run SQL with :named parameters, get mapping rows."""

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> Sequence[Any]: ...


class SqliteReader:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[sqlite3.Row]:
        return self.connection.execute(sql, params or {}).fetchall()


def schema_state(connection: sqlite3.Connection) -> tuple[int, int]:
    """(application_id, user_version): two pragma reads, no table access."""
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return app_id, version


def check_schema(connection: sqlite3.Connection, path: Path) -> bool:
    """True when the journal is current; False when it needs creating or upgrading."""
    app_id, version = schema_state(connection)
    if app_id not in (0, APPLICATION_ID):
        raise ConnectError(f"{path} is not a connect journal; point --db at a journal file.")
    if version > SCHEMA_VERSION:
        raise JournalTooNew(
            f"This journal was written by a newer version of connect (schema {version}); "
            "upgrade connect with `pip install -U connect-journal` before using it."
        )
    return app_id == APPLICATION_ID and version == SCHEMA_VERSION


def ensure_current(location: JournalLocation) -> None:
    """Create or upgrade the journal if needed; cheap (two pragmas) when it is already current."""
    if location.path is None:
        from connect_cli.migrate import upgrade

        upgrade(location)
        return
    open_current(location).close()


def open_current(location: JournalLocation) -> sqlite3.Connection:
    """A connection to a SQLite journal whose schema is current (created or upgraded first)."""
    assert location.path is not None
    prepare_private_file(location.path)
    connection = _open_checked(location.path)
    try:
        current = check_schema(connection, location.path)
    except BaseException:
        connection.close()
        raise
    if current:
        return connection
    connection.close()
    from connect_cli.migrate import upgrade

    upgrade(location)
    return _open_checked(location.path)


def _open_checked(path: Path) -> sqlite3.Connection:
    try:
        return connect_sqlite(path)
    except sqlite3.DatabaseError as error:
        raise translate_sqlite_error(error, path) from None


def translate_sqlite_error(error: Exception, path: Path | None) -> ConnectError:
    """Turn what SQLite says into a sentence a user can act on (never echoing row data)."""
    text = str(error).lower()
    where = str(path) if path else "the journal"
    if "locked" in text or "busy" in text:
        return JournalBusy()
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return ConnectError(
            f"{where} is damaged or not a connect journal; run `connect doctor` "
            "or restore a backup with `connect restore`."
        )
    if "readonly" in text or "read-only" in text:
        return ConnectError(f"{where} is read-only; check its permissions and try again.")
    if "disk" in text and ("full" in text or "i/o" in text):
        return ConnectError(
            f"Could not write to {where}: the disk is full or failing; free space and try again."
        )
    if "unable to open" in text:
        return ConnectError(
            f"Could not open {where}; check that its folder exists and is writable."
        )
    return ConnectError(
        f"The journal at {where} could not be used ({type(error).__name__}); run `connect doctor`."
    )


@contextmanager
def read_journal(location: JournalLocation) -> Iterator[Reader]:
    """A consistent read-only view for one command (one snapshot, no SQLAlchemy on SQLite)."""
    if location.path is None:
        ensure_current(location)
        from connect_cli.store import sqlalchemy_reader

        with sqlalchemy_reader(location) as reader:
            yield reader
        return
    connection = open_current(location)
    try:
        connection.execute("BEGIN")
        yield SqliteReader(connection)
        connection.execute("COMMIT")
    except sqlite3.OperationalError as error:
        raise translate_sqlite_error(error, location.path) from None
    finally:
        connection.close()
