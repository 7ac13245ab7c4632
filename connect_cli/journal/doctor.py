"""`connect doctor`: checks the journal file and says what to do about anything wrong.

It only reads: it never creates, upgrades or repairs the journal (a damaged file must stay as it
is until the user decides, e.g. to `connect restore` a backup). A path that holds something else
(a folder, another program's file) is refused like everywhere else: SQLite never opens it.
"""

from __future__ import annotations

import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from connect_cli.domain.leftovers import beside, stale
from connect_cli.domain.wording import counted
from connect_cli.journal import day_counts
from connect_cli.journal.backup import journal_file, side_file
from connect_cli.journal.last_contact import MISMATCHES
from connect_cli.journal.search_sources import INDEX_SCHEMA, index_differences
from connect_cli.journal.sqlite import APPLICATION_ID, SCHEMA_VERSION, JournalLocation, find_journal

# Folders that sync files by copying them: a live SQLite journal copied mid-write (or while its
# -wal holds recent commits) arrives incomplete or corrupt on the other side.
SYNCED_FOLDERS = (
    "dropbox",
    "mobile documents",
    "icloud",
    "onedrive",
    "google drive",
    "googledrive",
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str  # what was found
    advice: str = ""  # what to do about it, when not ok


def diagnose(location: JournalLocation) -> list[Check]:
    journal = journal_file(location)
    checks = [_synced_folder(journal)]
    if not find_journal(location):  # only the default journal may be missing: made on first use
        checks.insert(0, Check("journal", True, f"no journal at {journal} yet; nothing to check"))
        return checks
    checks += _permissions(journal)
    checks.append(_leftovers(journal))
    try:
        connection = sqlite3.connect(journal, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 5000")
        checks += _database_checks(connection)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # text of a damaged page
        checks.insert(0, _unreadable(journal, error))
    return checks


def _unreadable(journal: Path, error: Exception) -> Check:
    if "locked" in str(error) or "busy" in str(error):
        return Check("integrity", False, "the journal is busy", "run `connect doctor` again")
    return Check(
        "integrity",
        False,
        "the journal is damaged or not a connect journal",
        "restore your latest backup with `connect restore PATH` (your current file is kept)",
    )


def _database_checks(connection: sqlite3.Connection) -> list[Check]:
    try:
        return [
            _integrity(connection),
            _foreign_keys(connection),
            _schema(connection),
            *_full_text(connection),
            _values(connection),
            _last_contact(connection),
            _name_words(connection),
            _day_counts(connection),
        ]
    finally:
        connection.close()


def _integrity(connection: sqlite3.Connection) -> Check:
    problems = [r[0] for r in connection.execute("PRAGMA integrity_check(20)")]
    if problems == ["ok"]:
        return Check("integrity", True, "integrity check passed")
    return Check(
        "integrity",
        False,
        f"integrity check found {counted(len(problems), 'problem')}",
        "back up what is left with `connect backup`, then `connect restore` your latest good backup",
    )


def _foreign_keys(connection: sqlite3.Connection) -> Check:
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not broken:
        return Check("references", True, "every row points at rows that exist")
    tables = sorted({str(r[0]) for r in broken})
    return Check(
        "references",
        False,
        f"{counted(len(broken), 'row')} in {', '.join(tables)} point at rows that do not exist",
        "restore a backup with `connect restore`, or report it if it happens again",
    )


def _values(connection: sqlite3.Connection) -> Check:
    """Values the commands would refuse (journal/doctor_values.py): the first, and how many."""
    from connect_cli.journal.doctor_values import value_problems

    try:
        problems = list(value_problems(connection))
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        if "no such" in str(error):  # an older schema: its next upgrade brings the columns
            return Check("values", True, "checked once the journal is upgraded")
        # sqlite3 reports text that is not UTF-8 (a damaged page) as OperationalError too
        return Check(
            "values",
            False,
            "some values cannot be read",
            "restore your latest backup with `connect restore PATH` (your current file is kept)",
        )
    return values_check(problems)


def values_check(problems: list[tuple[str, str]]) -> Check:
    """The values check of a journal of either dialect, from its value_problems: the first
    problem with its fix, and how many more."""
    if not problems:
        return Check("values", True, "every name, date, rhythm and setting is one connect accepts")
    (first, fix), more = problems[0], len(problems) - 1
    others = f" (and {more} more; run `connect doctor` again after fixing it)" if more else ""
    return Check("values", False, f"{first}{others}", fix)


def _schema(connection: sqlite3.Connection) -> Check:
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        return Check(
            "schema", False, "this file is not a connect journal", "point --db at a journal file"
        )
    older = Check(
        "schema",
        True,
        f"schema {version}; the next command upgrades it to {SCHEMA_VERSION} "
        "(a backup is taken first)",
    )
    return schema_check(version, older)


def schema_check(version: int, older: Check) -> Check:
    """The schema check of either dialect: `older` is what a journal at an older schema gets."""
    if version > SCHEMA_VERSION:
        return Check(
            "schema",
            False,
            f"schema {version} is newer than this connect (schema {SCHEMA_VERSION})",
            "upgrade connect with `pip install -U connect-journal`",
        )
    if version < SCHEMA_VERSION:
        return older
    return Check("schema", True, f"schema {version} is current")


def _last_contact(connection: sqlite3.Connection) -> Check:
    """The stored last contact per person (schema 4) against the interactions it summarises."""
    columns = {r[1] for r in connection.execute("PRAGMA table_info(contact)")}
    if "last_contact_on" not in columns:
        return Check("last contact", True, "not stored in this schema; the upgrade computes it")
    wrong = connection.execute(MISMATCHES).fetchall()
    return last_contact_check(len(wrong), "restore a backup with `connect restore`, or report it")


def last_contact_check(wrong: int, advice: str) -> Check:
    """The last-contact check of either dialect, from how many people's stored day is wrong."""
    if not wrong:
        return Check("last contact", True, "every person's last contact matches their history")
    return Check(
        "last contact",
        False,
        f"{wrong} person(s) have a stored last contact that differs from their history",
        advice,
    )


def _name_words(connection: sqlite3.Connection) -> Check:
    """The indexed words of names and nicknames (schema 9) against the words made afresh from
    them by the one rule (journal/name_words.py): WHO resolution trusts the table."""
    from connect_cli.domain.matching import name_words

    if not connection.execute("PRAGMA table_info(name_word)").fetchall():
        return Check("name words", True, "not stored in this schema; the upgrade computes them")
    expected = {
        (word, who, source)
        for text, who, source in connection.execute(
            "SELECT name, id, 0 FROM contact UNION ALL SELECT value, contact_id, id FROM nickname"
        )
        for word in name_words(text or "")
    }
    stored = set(connection.execute("SELECT word, contact_id, source FROM name_word"))
    if stored == expected:
        return Check("name words", True, "every name and nickname is indexed for finding people")
    people = {who for _, who, _ in stored ^ expected}
    return Check(
        "name words",
        False,
        f"the name index is wrong for {counted(len(people), 'person')}",
        "restore a backup with `connect restore`, or report it",
    )


def _day_counts(connection: sqlite3.Connection) -> Check:
    """The stored interactions per day and kind (schema 10) against the interactions they
    count (journal/day_counts.py): `stats` and `history` trust the table."""
    if not connection.execute("PRAGMA table_info(interaction_day_count)").fetchall():
        return Check("day counts", True, "not stored in this schema; the upgrade computes them")
    wrong = connection.execute(day_counts.MISMATCHES).fetchall()
    if not wrong:
        return Check("day counts", True, "the counts per day match the interactions")
    return Check(
        "day counts",
        False,
        f"the stored counts are wrong for {counted(len({row[0] for row in wrong}), 'day')}",
        "restore a backup with `connect restore`, or report it",
    )


def full_text_tables(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(name, sql) of every FTS5 table (their shadow tables do not mention fts5)."""
    return [
        (r[0], r[1])
        for r in connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND lower(sql) LIKE '%fts5%'"
        )
    ]


def _full_text(connection: sqlite3.Connection) -> list[Check]:
    tables = full_text_tables(connection)
    if not tables:
        return [Check("search index", True, "not present in this journal")]
    checks = []
    for name, _sql in tables:
        # FTS5's integrity-check is an INSERT: run it in a transaction that is rolled back.
        connection.execute("BEGIN")
        try:
            connection.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'integrity-check\')')
            checks.append(_compared(connection, name))
        except sqlite3.DatabaseError:
            checks.append(
                Check(
                    "search index",
                    False,
                    f"{name} does not match the journal",
                    "restore a backup with `connect restore`, or report it",
                )
            )
        finally:
            connection.execute("ROLLBACK")
    return checks


def _compared(connection: sqlite3.Connection, name: str) -> Check:
    """The search index against the rows it is made from (search_sources.py says why)."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if name != "search_index" or version < INDEX_SCHEMA:
        return Check("search index", True, f"{name} matches the journal")
    return search_index_check(name, *index_differences(connection))


def search_index_check(name: str, missing: int, stray: int) -> Check:
    """The search-index check of either dialect, from how many rows it lacks and has astray."""
    if not missing and not stray:
        return Check("search index", True, f"{name} matches the journal")
    return Check(
        "search index",
        False,
        f"{name} lacks {counted(missing, 'row')} and has {counted(stray, 'stray row')}: "
        "search would miss or misreport them",
        "restore a backup with `connect restore`, or report it",
    )


def _leftovers(journal: Path) -> Check:
    """Temporary copies a killed command left beside the journal (domain/leftovers.py)."""
    found = stale(journal.parent, beside(journal.name))
    if not found:
        return Check("leftovers", True, "no temporary copies left beside the journal")
    return Check(
        "leftovers",
        False,
        f"{len(found)} temporary copie(s) of the journal left by an interrupted command: "
        + ", ".join(p.name for p in found),
        "the next command removes them, or delete them yourself",
    )


def _permissions(journal: Path) -> list[Check]:
    loose = [
        str(p)
        for p in (journal, *(side_file(journal, s) for s in ("-wal", "-shm")))
        if p.exists() and stat.S_IMODE(p.stat().st_mode) & 0o077
    ]
    folder_loose = stat.S_IMODE(journal.parent.stat().st_mode) & 0o077
    checks = [
        Check("file permissions", True, "only you can read the journal")
        if not loose
        else Check(
            "file permissions",
            False,
            f"others can read {', '.join(loose)}",
            f"run `chmod 600 {' '.join(loose)}`",
        ),
        Check("folder permissions", True, "only you can open the journal's folder")
        if not folder_loose
        else Check(
            "folder permissions",
            False,
            f"others can open {journal.parent}",
            f"run `chmod 700 {journal.parent}`",
        ),
    ]
    return checks


def _synced_folder(journal: Path) -> Check:
    lowered = str(journal.expanduser().absolute()).lower()
    hit = next((name for name in SYNCED_FOLDERS if name in lowered), None)
    if hit is None:
        return Check("location", True, "the journal is not in a synced folder")
    return Check(
        "location",
        False,
        "the journal is in a synced folder: syncing copies a live journal and can lose data",
        "move it out (set --db or CONNECT_DB) and put copies there with `connect backup PATH`",
    )
