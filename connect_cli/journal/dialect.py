"""The dialect seam: one journal, on a SQLite file (the default) or on a PostgreSQL server.

Design (issue #19; this module and journal/postgres.py are its read half, write/pg_schema.py its
schema half):

- **Which journal.** `--db`/`CONNECT_DB` is a path, `sqlite:///PATH`, or a PostgreSQL URL
  (`postgresql://`, `postgres://`, `postgresql+psycopg://`; `is_server_url`). A password in it is
  hidden from every message (`JournalLocation.describe`); `.pgpass`, service files and
  `PGPASSWORD` work as libpq reads them, so none need be on the command line.
- **A read command's connection.** journal/ hands read/ a `Reader` (journal/sqlite.py) over a
  plain DB-API connection: stdlib sqlite3 for a file, psycopg directly for a server
  (journal/postgres.py: `read_postgres`), one REPEATABLE READ READ ONLY transaction per command
  (one snapshot). Neither loads SQLAlchemy, SQLModel or Alembic; psycopg is imported only for a
  server URL, so a SQLite read pays nothing for it.
- **Where per-dialect SQL lives.** read/ keeps one SQL text, written in SQLite's words. A
  PostgreSQL journal is given SQLite's vocabulary with SQLite's meaning, as functions in its own
  schema (`PG_COMPAT`: `julianday`, `date(day, '+N days')`, two-argument `max`/`min`,
  `group_concat`, and `boolean = integer` for `archived = 0`); the one thing a function cannot
  express, `x COLLATE NOCASE` (SQLite folds ASCII letters only, then compares bytes), is rewritten
  to `connect_nocase(x) COLLATE "C"` by `postgres_sql`, which also turns `:name` parameters into
  psycopg's. Parameters are bound client-side (psycopg's ClientCursor), so an untyped
  `:since IS NULL` is valid as it is on SQLite. The alternative, a second text of each query in
  read/, doubles every query that ten people edit; this keeps them one, and the suite-wide
  PostgreSQL run proves each. SQL that cannot be shared (FTS5 `MATCH`, PRAGMAs, `sqlite_master`)
  stays in the module that owns it, behind `reader.dialect`.
- **Schema on PostgreSQL.** The eight SQLite migrations rebuild tables, write `sqlite_master` and
  set PRAGMAs; replaying them on a server buys nothing. A new server journal is made in one
  transaction from the models (`SQLModel.metadata.create_all`), plus the triggers (the last-contact
  rule of journal/last_contact.py and the participants' copy of the day, in PL/pgSQL), `PG_COMPAT`,
  a `connect_journal` row (application, schema version) and Alembic's `alembic_version` stamped at
  head, so migrations from 0009 on run on both (written portably, or with a branch per dialect).
- **The cheap schema-version check.** One `SELECT schema_version FROM connect_journal` on the
  connection the command opened anyway (`pg_schema_version`): current → go; missing → create;
  older → Alembic upgrade; newer → the "journal from a newer connect" refusal. Alembic loads only
  when the schema must change, as on SQLite.
- **One writer at a time.** Every write transaction takes `pg_advisory_xact_lock(WRITER_LOCK)`
  first, under `lock_timeout` = the SQLite busy timeout; a timeout is "the journal is busy", as on
  SQLite. Readers never wait (MVCC snapshots).
- **Search.** `search_index` is a table (rid = source id * 16 + code as on SQLite, text, source,
  a `tsvector`) under a GIN index, its rows kept by PL/pgSQL triggers on the same tables as the
  FTS5 triggers (write/pg_search_index.py). PostgreSQL cannot call Python, so a trigger leaves
  the vector NULL and the writing command fills it before commit: the lexemes are the tokens of
  FTS5's own unicode61 tokenizer and of `connect_terms` (read/pg_search.py), not PostgreSQL's
  parser or `unaccent`, which fold and split differently (one rule on both). The query language
  is compiled to a tsquery text (phrases `<->`, prefixes `:*`); snippets are cut by FTS5's
  snippet() over the shown rows in memory (byte-identical); `--rank` is ts_rank (same matches,
  an order that may differ from bm25). `forget` deletes the index rows in its transaction; its
  `VACUUM FULL` afterwards (journal/postgres.py `scrub_server`) rewrites them away.
- **Bulk writes.** write/pg_bulk.py: psycopg's executemany, stored forms read by column type,
  0/1 flags as booleans, and the id sequences moved past ids written by hand (import, restore).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

# The key of the advisory lock one writer holds per journal (a database is one journal).
WRITER_LOCK = 0x636F6E6E  # 'conn', as the SQLite application_id


def is_server_url(url: str) -> bool:
    """True for a PostgreSQL URL (`postgresql://…`, `postgres://…`, `postgresql+psycopg://…`)."""
    return url.partition("://")[0].lower() in SERVER_SCHEMES and "://" in url


def libpq_url(url: str) -> str:
    """The URL as libpq takes it (SQLAlchemy's `+psycopg` driver mark removed)."""
    scheme, sep, rest = url.partition("://")
    return f"postgresql{sep}{rest}" if scheme.lower() in SERVER_SCHEMES else url


def sqlalchemy_url(url: str) -> str:
    """The URL as SQLAlchemy takes it, naming the psycopg (3) driver."""
    return "postgresql+psycopg://" + libpq_url(url).partition("://")[2]


def stored_form(value: Any) -> Any:
    """A value as SQLite holds it, whatever database it came from (for other dialects)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="microseconds")
    return value


_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_NOCASE = re.compile(r"([A-Za-z_][\w.]*)\s+COLLATE\s+NOCASE\b", re.IGNORECASE)


@lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """SQLite-worded SQL (`:name` parameters) as psycopg runs it on a journal with `PG_COMPAT`.

    `%` doubles (psycopg's own marker), `:name` becomes `%(name)s` (a `::type` cast is left
    alone), and `x COLLATE NOCASE` becomes `connect_nocase(x) COLLATE "C"`. Every use in read/ is
    an ORDER BY on a column, which is what the rewrite handles; quoted text holds no `:word`.
    """
    sql = sql.replace("%", "%%")
    sql = _NOCASE.sub(r'connect_nocase(\1) COLLATE "C"', sql)
    return _PARAM.sub(r"%(\1)s", sql)


# SQLite's vocabulary, with SQLite's meaning, in a PostgreSQL journal's schema (see above).
# Dates are `date` values on the server; julianday counts days as SQLite does (noon-based float).
PG_COMPAT = (
    """CREATE FUNCTION julianday(day date) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (day - DATE '1970-01-01') + 2440587.5""",
    """CREATE FUNCTION julianday(moment text) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN extract(epoch FROM moment::timestamp) / 86400.0 + 2440587.5""",
    # date(day, '+N days') / '-N days': SQLite's one modifier that read/ uses
    """CREATE FUNCTION date(day date, modifier text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN day + (regexp_replace(modifier, '\\s*days?\\s*$', ''))::integer""",
    # SQLite's scalar max(a, b)/min(a, b): NULL when either is NULL
    """CREATE FUNCTION max(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a >= b THEN a ELSE b END'""",
    """CREATE FUNCTION min(a anycompatible, b anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a <= b THEN a ELSE b END'""",
    """CREATE FUNCTION connect_concat_step(joined text, value text, separator text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN value IS NULL THEN joined WHEN joined IS NULL THEN value
        ELSE joined || separator || value END""",
    """CREATE AGGREGATE group_concat(text, text) (SFUNC = connect_concat_step, STYPE = text)""",
    # SQLite joins numbers as their text (group_concat(p.contact_id, ','))
    """CREATE FUNCTION connect_concat_number(joined text, value bigint, separator text)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN connect_concat_step(joined, value::text, separator)""",
    """CREATE AGGREGATE group_concat(bigint, text) (SFUNC = connect_concat_number, STYPE = text)""",
    """CREATE FUNCTION connect_concat_comma(joined text, value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN connect_concat_step(joined, value, ',')""",
    """CREATE AGGREGATE group_concat(text) (SFUNC = connect_concat_comma, STYPE = text)""",
    # …and group_concat(f.contact_id) with the default comma (read/intros.py)
    """CREATE FUNCTION connect_concat_number_comma(joined text, value bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN connect_concat_step(joined, value::text, ',')""",
    """CREATE AGGREGATE group_concat(bigint) (SFUNC = connect_concat_number_comma, STYPE = text)""",
    # SQLite keeps days and moments as ISO text: substr(happened_on, 1, 7) is the month
    """CREATE FUNCTION substr(day date, start integer, count integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN substr(to_char(day, 'YYYY-MM-DD'), start, count)""",
    """CREATE FUNCTION substr(moment timestamptz, start integer, count integer) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN substr(to_char(moment AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), start, count)""",
    # SQLite sums a comparison as 0/1: SUM(state = 'none') counts the rows where it holds
    """CREATE FUNCTION connect_sum_step(total bigint, flag boolean) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN flag IS NULL THEN total ELSE COALESCE(total, 0) + flag::integer END""",
    """CREATE AGGREGATE sum(boolean) (SFUNC = connect_sum_step, STYPE = bigint)""",
    # SQLite's NOCASE: ASCII letters folded, then compared byte by byte (with COLLATE "C")
    """CREATE FUNCTION connect_nocase(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')""",
    # SQLite keeps booleans as 0/1: `archived = 0` compares a boolean with an integer
    """CREATE FUNCTION connect_bool_is(flag boolean, number integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN flag = (number <> 0)""",
    """CREATE OPERATOR = (LEFTARG = boolean, RIGHTARG = integer, FUNCTION = connect_bool_is)""",
)
