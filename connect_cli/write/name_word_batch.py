"""Keeping `name_word` in step with a bulk import: a batch's words folded together, not per row.

Migration 0009's insert triggers (journal/name_words.py) call `connect_name_words` once per new
person and nickname: one Python call, one fold of one name and one JSON array each, about a
quarter of a 100k-contact import's CPU. For a big batch the writer pauses the two INSERT
triggers, writes the rows, then adds the words of the batch's people in one executemany, folded
together by `matching.name_words_many` (the same rule, ~4x cheaper per name), and the words of
the batch's nicknames by the trigger's own statement over the new rows (their ids come from
SQLite, and real exports have few). The triggers are put back afterwards, so `name_word` holds
exactly the rows the triggers would have written (tests/write/test_import_bulk_words.py).

Safe for the reasons write/search_index.py gives: DDL is transactional in SQLite and all of this
runs inside the import's one BEGIN IMMEDIATE transaction; a trigger whose text is not the one
journal/name_words.py defines means the per-row path is kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from connect_cli.domain.matching import name_words_many
from connect_cli.journal.name_words import TRIGGERS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

PAUSED = ("name_word_contact_insert", "name_word_nickname_insert")
_ADD_WORDS = "INSERT INTO name_word (word, contact_id, source) VALUES (?, ?, 0)"
_NICKNAME_WORDS = (
    "INSERT INTO name_word (word, contact_id, source) SELECT j.value, n.contact_id, n.id "
    "FROM nickname n, json_each(connect_name_words(n.value)) j WHERE n.id > ?"
)


class NameWordBatch:
    """Pauses the per-row name-word triggers around a bulk write (SQLite journals that have them)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.usable = False
        if connection.dialect.name != "sqlite":
            return
        marks = ", ".join(f"'{name}'" for name in PAUSED)
        found = dict(
            connection.exec_driver_sql(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})"
            ).all()
        )
        self.usable = all(found.get(name) == TRIGGERS[name] for name in PAUSED)

    @contextmanager
    def paused(self, people: Sequence[tuple[int, str]]) -> Iterator[None]:
        """Inside: contacts and nicknames inserted are not given their words; on leaving, the
        `people` ((contact id, name), every contact inserted meanwhile) and every nickname added
        meanwhile are, and the triggers are back (also when the write failed: the caller's
        transaction is rolled back then, and the schema must not depend on that)."""
        run = self.connection.exec_driver_sql
        after = run("SELECT COALESCE(MAX(id), 0) FROM nickname").scalar()
        for name in PAUSED:
            run(f'DROP TRIGGER "{name}"')
        try:
            yield
            words = name_words_many([name for _, name in people])
            rows = [
                (word, contact_id)
                for (contact_id, _), each in zip(people, words, strict=True)
                for word in each
            ]
            if rows:
                run(_ADD_WORDS, rows)
            run(_NICKNAME_WORDS, (after,))
        finally:
            for name in PAUSED:
                run(TRIGGERS[name])
