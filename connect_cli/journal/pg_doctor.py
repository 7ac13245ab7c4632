"""`connect doctor` on a PostgreSQL journal: the checks that mean something on a server.

Like doctor.py it only reads (one READ ONLY snapshot; it never creates or upgrades the journal).
The server keeps its own files, so the file checks (integrity pages, WAL and leftovers, synced
folder, file mode) do not apply and are named as such in one line, not reported as problems.
What can still drift is what connect derives or allocates: the schema version, foreign keys
(a constraint dropped or NOT VALID, or rows loaded with triggers off), the stored last contact
(journal/last_contact.py), the name index (journal/name_words.py), the search index's rows
(journal/search_sources.py: the same rule as SQLite's), and the id sequences, which a hand-made
load leaves behind the ids it wrote (the next `add` would then collide); and, as on SQLite,
values stored by hand that the commands would refuse (journal/doctor_values.py).
"""

from __future__ import annotations

from typing import Any

from connect_cli.domain.wording import counted
from connect_cli.journal.doctor import (
    Check,
    last_contact_check,
    schema_check,
    search_index_check,
    values_check,
)
from connect_cli.journal.doctor_values import value_problems
from connect_cli.journal.last_contact import MISMATCHES
from connect_cli.journal.postgres import (
    PgReader,
    _psycopg,
    connect_postgres,
    pg_schema_version,
    translate_pg_error,
)
from connect_cli.journal.sqlite import SCHEMA_VERSION, JournalLocation

NOT_HERE = Check(
    "files",
    True,
    "the file checks (WAL, synced folder, file mode) do not apply: the server keeps its files",
)
RESTORE = "restore a backup with `connect restore`, or report it"

# Every single-column foreign key of the journal's schema: (table, column, parent, its column).
_FOREIGN_KEYS = """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text,
    p.attname FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
    AND c.connamespace = current_schema()::regnamespace ORDER BY 1, 2"""

# Every id column with a sequence: (table, sequence).
_SEQUENCES = """SELECT t.relname, s.oid::regclass::text FROM pg_class s
    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
        AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid AND a.attname = 'id'
    WHERE s.relkind = 'S' AND t.relnamespace = current_schema()::regnamespace ORDER BY 1"""

# journal/last_contact.py's MISMATCHES, with PostgreSQL's word for SQLite's `IS NOT`.
_MISMATCHES = MISMATCHES.replace(" IS NOT ", " IS DISTINCT FROM ")


def diagnose_server(location: JournalLocation) -> list[Check]:
    """The server journal's checks, NOT_HERE first; ConnectError (one sentence) when the server
    cannot be reached or used."""
    psycopg = _psycopg()
    connection = connect_postgres(location)
    try:
        version = pg_schema_version(connection)
        connection.rollback()
        if not version:
            return [
                Check(
                    "journal", True, f"no journal at {location.describe()} yet; nothing to check"
                ),
                NOT_HERE,
            ]
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        reader = PgReader(connection)
        checks = [NOT_HERE, _schema(version)]
        if version == SCHEMA_VERSION:  # the other checks read this schema's tables
            checks += [
                _references(reader),
                _sequences(reader),
                _last_contact(reader),
                _search_index(reader),
            ]
            checks.append(values_check(list(value_problems(connection))))
            if reader.rows("SELECT to_regclass('name_word') IS NOT NULL")[0][0]:
                checks.append(_name_words(reader))
        connection.execute("COMMIT")
        return checks
    except psycopg.Error as error:
        raise translate_pg_error(error, location) from None
    finally:
        connection.close()


def _schema(version: int) -> Check:
    older = Check(  # as every command does (write/pg_schema.upgrade_schema)
        "schema",
        True,
        f"schema {version}; the next command upgrades it to {SCHEMA_VERSION} "
        "(in one transaction: all of it or nothing)",
    )
    return schema_check(version, older)


def _references(reader: PgReader) -> Check:
    broken: dict[str, int] = {}
    for table, column, parent, key in reader.rows(_FOREIGN_KEYS):
        found = reader.rows(
            f'SELECT count(*) FROM {table} c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
            f'(SELECT 1 FROM {parent} p WHERE p."{key}" = c."{column}")'
        )[0][0]
        if found:
            broken[table] = broken.get(table, 0) + int(found)
    if not broken:
        return Check("references", True, "every row points at rows that exist")
    return Check(
        "references",
        False,
        f"{counted(sum(broken.values()), 'row')} in {', '.join(sorted(broken))} point at rows "
        "that do not exist",
        RESTORE,
    )


def _sequences(reader: PgReader) -> Check:
    behind = []
    for table, sequence in reader.rows(_SEQUENCES):
        top = reader.rows(f'SELECT MAX(id) FROM "{table}"')[0][0]
        last, called = reader.rows(f"SELECT last_value, is_called FROM {sequence}")[0]
        following = last + 1 if called else last
        if top is not None and following <= top:
            behind.append(table)
    if not behind:
        return Check("ids", True, "every id sequence is ahead of the ids in use")
    return Check(
        "ids",
        False,
        f"the id sequence of {', '.join(behind)} is behind the ids in use (the next new row "
        "would collide)",
        "ask the server's administrator to move it past MAX(id) with setval(), or report it",
    )


def _last_contact(reader: PgReader) -> Check:
    return last_contact_check(len(reader.rows(_MISMATCHES)), RESTORE)


def _search_index(reader: PgReader) -> Check:
    """The index rows (write/pg_search_index.py) against the rows they are made from. A row whose
    vector is not yet made (written by another tool) is found after the next connect write."""
    from connect_cli.journal.search_sources import SERVER_ACTUAL, difference_queries

    missing, stray = (reader.rows(sql)[0][0] for sql in difference_queries(SERVER_ACTUAL))
    return search_index_check("search_index", int(missing), int(stray))


def _name_words(reader: PgReader) -> Check:
    from connect_cli.domain.matching import name_words

    rows: list[Any] = reader.rows(
        "SELECT name, id, 0 FROM contact UNION ALL SELECT value, contact_id, id FROM nickname"
    )
    expected = {
        (word, who, source) for text, who, source in rows for word in name_words(text or "")
    }
    stored = {tuple(row) for row in reader.rows("SELECT word, contact_id, source FROM name_word")}
    if stored == expected:
        return Check("name words", True, "every name and nickname is indexed for finding people")
    people = {row[1] for row in stored ^ expected}
    return Check(
        "name words",
        False,
        f"the name index is wrong for {counted(len(people), 'person')}",
        RESTORE,
    )
