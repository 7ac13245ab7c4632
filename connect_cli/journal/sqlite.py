"""Where the journal lives, how a connection to it is opened, and whether its schema is current.

Only the standard library is imported here: read commands (`today`, `list`, `show`…) open the
journal through `open_reader` and never pay for SQLAlchemy. Writes go through `store.py`, schema
changes through `migrate.py`; both are imported lazily, only when needed.

A journal path is looked at (`find_journal`: its type and first 100 bytes) before anything is done
to it: only a file marked as a connect journal is ever opened, chmod'ed or upgraded. Anything else
(a folder, a text file, another program's database) is refused and left exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from connect_cli.domain.errors import (
    ConnectError,
    InputError,
    JournalBusy,
    JournalTooNew,
    NotAJournal,
)
from connect_cli.domain.leftovers import beside, sweep
from connect_cli.journal.dialect import SQLITE, is_server_url
from connect_cli.journal.sql_functions import register_functions

# 'conn' in ASCII: marks the file as a connect journal (PRAGMA application_id). Every schema
# since the first sets it (migration 0001), so the file's first 100 bytes say whether it is ours.
APPLICATION_ID = 0x636F6E6E
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
APPLICATION_ID_AT = 68  # where SQLite keeps application_id in the header (4 bytes, big-endian)
# Bumped by every migration (PRAGMA user_version), so a cheap pragma read tells whether Alembic is
# needed at all. tests/write/test_migrations.py checks it against the newest Alembic revision.
SCHEMA_VERSION = 11
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
    # The user named it (--db, CONNECT_DB). Then a read never creates it, nor a write its folder;
    # the default location (and a scratch journal of ours) is connect's to create.
    chosen: bool = False

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
    elif is_server_url(given):  # a PostgreSQL journal (journal/dialect.py)
        return JournalLocation(url=given, path=None, chosen=True)
    elif "://" in given:
        if given.startswith("sqlite:///") and "?" in given:
            # SQLite would take ?mode=ro as part of the name: a new file, written
            raise InputError(
                f"connect takes no options in a sqlite:/// address ({given.partition('?')[2]}); "
                "give the journal's path with --db."
            )
        path = Path(_sqlite_url_path(given))
    else:
        path = Path(given)
    path = path.expanduser()
    return JournalLocation(url=f"sqlite:///{path}", path=path, chosen=given is not None)


def _sqlite_url_path(url: str) -> str:
    """The file a `sqlite:///PATH` URL names; any other URL is refused in one sentence.

    A journal is a SQLite file or a PostgreSQL database (`is_server_url`, handled before this):
    another server (mysql://) or an in-memory database (gone when the command ends) cannot hold one.
    """
    if url.startswith("sqlite:///") and url not in ("sqlite:///:memory:", "sqlite:///"):
        return url.removeprefix("sqlite:///")
    scheme = url.partition("://")[0][:20]
    what = "an in-memory database" if "memory" in url or url == "sqlite:///" else f"{scheme}://"
    raise NotAJournal(
        f"connect keeps its journal in a SQLite file or on a PostgreSQL server, not {what}; "
        "give --db a file path (or sqlite:///PATH, or postgresql://HOST/DATABASE)."
    )


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest and ":" in rest.split("@", 1)[0]:
        user = rest.split("@", 1)[0].split(":", 1)[0]
        return f"{scheme}{sep}{user}:***@{rest.split('@', 1)[1]}"
    return url


def classify_header(header: bytes) -> str:
    """What a file's first bytes say it is: "journal", "sqlite" (not ours), "empty" or "other".

    Nothing but the header is read: opening a file with SQLite to ask would already create -wal
    and -shm files beside someone else's database, or change its journal mode.
    """
    if not header:
        return "empty"
    if not header.startswith(SQLITE_MAGIC):
        return "other"
    marker = header[APPLICATION_ID_AT : APPLICATION_ID_AT + 4]
    ours = len(marker) == 4 and int.from_bytes(marker, "big") == APPLICATION_ID
    return "journal" if ours else "sqlite"


def inspect_path(path: Path) -> str:
    """What is at PATH, links followed: "missing", "broken link", "folder", "special", "unreadable",
    or the kind of file (`classify_header`). Only looks: never creates, writes or chmods."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return "broken link" if path.is_symlink() else "missing"
    except OSError:
        return "unreadable"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    if not stat.S_ISREG(info.st_mode):
        return "special"
    try:  # O_NONBLOCK: should it have become a FIFO meanwhile, do not wait for a writer
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return "unreadable"
    try:
        return classify_header(os.read(fd, HEADER_SIZE))
    except OSError:
        return "unreadable"
    finally:
        os.close(fd)


def find_journal(location: JournalLocation, *, create: bool = False) -> bool:
    """True when our journal is there; False when nothing is, and it may be created now.

    A command that adds to the journal (`create`) may start one at a path the user chose, in a
    folder that exists; any command may start the default one. Anything else at the path (a
    folder, another file, another program's database) is refused before anything is done to it.
    """
    assert location.path is not None
    path = location.path
    kind = inspect_path(path)
    if kind == "journal":
        return True
    if kind != "missing":
        raise refusal(path, kind)
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise NotAJournal(f"{folder} is not a folder; point --db or CONNECT_DB elsewhere.")
    if location.chosen and not folder.exists():  # a typo, most likely: make no folder of it
        raise NotAJournal(
            f"There is no folder {folder} for the journal {path}; create it first, or fix "
            "--db or CONNECT_DB (`connect where` shows the path in use)."
        )
    if location.chosen and not create:
        raise NotAJournal(
            f"There is no journal at {path}; check --db or CONNECT_DB (`connect where` shows "
            "the path in use), or start one there with `connect add NAME`."
        )
    return False


def refusal(path: Path, kind: str) -> NotAJournal:
    """One sentence for a journal path that holds something that is not a connect journal."""
    left = "connect left it as it is"
    where = "point --db or CONNECT_DB at your journal (`connect where` shows the path in use)"
    sentences = {
        "folder": f"{path} is a folder, not a journal; {where}, e.g. at a file inside it.",
        "special": f"{path} is not a regular file, so it cannot be a journal; {where}.",
        "broken link": f"{path} is a link to nothing, and {left}; {where}, or remove the link.",
        "unreadable": f"Could not read {path} to check it is a journal; check its permissions.",
        "empty": f"{path} is an empty file, not a connect journal, and {left}; {where}, or "
        "delete it to start a journal there.",
        "sqlite": f"{path} is another program's SQLite database, not a connect journal, and "
        f"{left}; {where}.",
    }
    return NotAJournal(
        sentences.get(
            kind,
            f"{path} is damaged or not a connect journal, and {left}; {where}, or move it aside "
            "and `connect restore` a backup there.",
        )
    )


def make_journal_folder(location: JournalLocation) -> None:
    """Create the default journal's folder, owner-only; a folder the user chose must exist."""
    assert location.path is not None
    folder = location.path.parent
    if folder.exists() or location.chosen:
        return
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:  # another command made it first: theirs, with its own mode
        return
    folder.chmod(0o700)  # mkdir's mode is filtered by the umask; this one is ours to set


def create_private_file(path: Path) -> None:
    """A new empty file, owner-only from the start; fails if anything (even a link) is there.

    SQLite creates new files 0644 under the usual umask; its -wal and -shm files copy the mode of
    the main file, so making the main file private first keeps all three private.
    """
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    os.close(fd)


def place_new_file(source: Path, target: Path) -> bool:
    """Give SOURCE the name TARGET, unless something has that name (then False, nothing moved).

    A hard link never replaces an existing name, even one that appeared a moment ago.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: a last look, then a rename
        if os.path.lexists(target):
            return False
        os.replace(source, target)
        return True
    source.unlink()
    return True


def keep_private(path: Path) -> None:
    """Our own journal, made readable by others (a copy, a restore by hand): owner-only again."""
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
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


def apply_pragmas(connection: sqlite3.Connection) -> None:
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":  # e.g. a network file system: fall back to a rollback journal
        connection.execute("PRAGMA journal_mode = DELETE")


class Reader(Protocol):
    """What the read-side queries need: run SQL with :named parameters, get mapping rows."""

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> Sequence[Any]: ...

    def each(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        """The same rows one at a time, for listings too long to hold (read them in the
        reader's own `with` block)."""
        ...

    def chunks(
        self, sql: str, params: Mapping[str, Any] | None, size: int
    ) -> Iterator[list[tuple]]:
        """Rows as plain tuples of stored values (as SQLite holds them), `size` at a time."""
        ...

    def columns(self, table: str) -> list[str]:
        """The column names of `table`, in table order."""
        ...


class SqliteReader:
    dialect = SQLITE

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[sqlite3.Row]:
        return self.connection.execute(sql, params or {}).fetchall()

    def each(self, sql: str, params: Mapping[str, Any] | None = None) -> Iterator[sqlite3.Row]:
        return iter(self.connection.execute(sql, params or {}))

    def chunks(
        self, sql: str, params: Mapping[str, Any] | None, size: int
    ) -> Iterator[list[tuple]]:
        cursor = self.connection.cursor()
        cursor.row_factory = None  # tuples: the fastest rows sqlite3 makes
        cursor.execute(sql, dict(params or {}))
        while chunk := cursor.fetchmany(size):
            yield chunk

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.connection.execute(f'PRAGMA table_info("{table}")')]


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


class SchemaWork(NamedTuple):
    """Creating and upgrading a schema is Alembic's work (write/migrate.py), which this package
    must not import: whoever opens a journal hands it down (core/journal.py, write/session.py)."""

    create: Callable[[JournalLocation], None]  # a new journal, whole, at a path found free
    upgrade: Callable[[JournalLocation], None]  # an older schema brought up to date (or a server's)


def ensure_current(location: JournalLocation, schema: SchemaWork, *, create: bool = False) -> None:
    """Create or upgrade the journal if needed; cheap (two pragmas) when it is already current."""
    if location.path is None:
        schema.upgrade(location)
        return
    open_current(location, schema, create=create).close()


def open_current(
    location: JournalLocation, schema: SchemaWork, *, create: bool = False
) -> sqlite3.Connection:
    """A connection to a SQLite journal whose schema is current (created or upgraded first).

    The path is checked before anything is done to it (`find_journal`); `create` as there.
    """
    assert location.path is not None
    if not find_journal(location, create=create):
        schema.create(location)
        find_journal(location)  # another command may have taken the name first: check theirs too
    sweep(location.path.parent, beside(location.path.name))  # what a killed command left
    keep_private(location.path)
    connection = _open_checked(location.path)
    try:
        current = check_schema(connection, location.path)
    except BaseException:
        connection.close()
        raise
    if current:
        return connection
    connection.close()
    schema.upgrade(location)
    return _open_checked(location.path)


def _open_checked(path: Path) -> sqlite3.Connection:
    try:
        return connect_sqlite(path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise translate_sqlite_error(error, path) from None


def translate_sqlite_error(error: Exception, path: Path | None) -> ConnectError:
    """Turn what SQLite says into a sentence a user can act on (never echoing row data)."""
    text = str(error).lower()
    where = str(path) if path else "the journal"
    if "locked" in text or "busy" in text:
        return JournalBusy()
    damaged = ("not a database", "malformed", "file is encrypted", "decode")
    if isinstance(error, UnicodeDecodeError) or any(words in text for words in damaged):
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
def read_sqlite(location: JournalLocation, schema: SchemaWork) -> Iterator[SqliteReader]:
    """A consistent read-only view of a SQLite journal for one command (one snapshot)."""
    assert location.path is not None
    connection = open_current(location, schema)  # a read creates only the default journal
    try:
        connection.execute("BEGIN")
        yield SqliteReader(connection)
        connection.execute("COMMIT")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        # UnicodeDecodeError: sqlite3 decodes every text value as UTF-8; a damaged page gives
        # bytes that are not, which only a damaged journal holds (every write stores UTF-8).
        raise translate_sqlite_error(error, location.path) from None
    finally:
        connection.close()
