"""The words of every person's name and nicknames, indexed: `name_word`, kept exact by triggers.

Resolving a WHO (`show linda`, `log lin h …`) used to fold every name in the journal, so at 100k
people `show` took ~8x its time at 10k (issue #10). The exact and prefix steps of the rule
(domain/matching.py) can only match a person one of whose words the query's longest word
prefixes, so resolution now reads those people by one range seek on this table and runs the
same rule over them; only a query that matches nobody that way goes on to the fuzzy step over
everyone, as before (read/resolve.py). Migration 0009 creates the table and these triggers.

One row per (word, person, source): source 0 is the name, else the nickname's id, so an edited or
removed nickname takes exactly its own words away. The words come from
`matching.name_words`, through the SQL function `connect_name_words(text)` (a JSON array) that
every connection registers (journal/sqlite.py), expanded by SQLite's json_each: the rule lives in
one place, in Python, and the triggers cannot drift from it. Deleting a person deletes their
rows (their nicknames' cascade fires the nickname trigger too); a merge moves nicknames by
UPDATE of contact_id, which the update trigger covers. Bulk writers leave these triggers in
place (they are not of the search triggers' shape: write/bulk_load.py runs them per row).
`doctor` compares the table with the words made afresh (MISMATCHES). SQLite only: a PostgreSQL
port would fill the same table from a PL/pgSQL trigger or resolve by a full scan as before.
"""

from __future__ import annotations

TABLE = (
    "CREATE TABLE name_word (word VARCHAR NOT NULL, contact_id INTEGER NOT NULL, "
    "source INTEGER NOT NULL, PRIMARY KEY (word, contact_id, source)) WITHOUT ROWID"
)
INDEX = "CREATE INDEX ix_name_word_contact ON name_word (contact_id, source)"

_NAME = "SELECT value, {who}, 0 FROM json_each(connect_name_words({text}))"
_ADD = "INSERT INTO name_word (word, contact_id, source) "

# name -> CREATE TRIGGER statement (SQLite)
TRIGGERS = {
    "name_word_contact_insert": (
        "CREATE TRIGGER name_word_contact_insert AFTER INSERT ON contact BEGIN "
        f"{_ADD}{_NAME.format(who='NEW.id', text='NEW.name')}; END"
    ),
    "name_word_contact_update": (
        "CREATE TRIGGER name_word_contact_update AFTER UPDATE OF name ON contact BEGIN "
        "DELETE FROM name_word WHERE contact_id = OLD.id AND source = 0; "
        f"{_ADD}{_NAME.format(who='NEW.id', text='NEW.name')}; END"
    ),
    "name_word_contact_delete": (
        "CREATE TRIGGER name_word_contact_delete AFTER DELETE ON contact BEGIN "
        "DELETE FROM name_word WHERE contact_id = OLD.id; END"
    ),
    "name_word_nickname_insert": (
        "CREATE TRIGGER name_word_nickname_insert AFTER INSERT ON nickname BEGIN "
        f"{_ADD}SELECT value, NEW.contact_id, NEW.id "
        "FROM json_each(connect_name_words(NEW.value)); END"
    ),
    "name_word_nickname_update": (
        "CREATE TRIGGER name_word_nickname_update AFTER UPDATE OF value, contact_id ON nickname "
        "BEGIN DELETE FROM name_word WHERE contact_id = OLD.contact_id AND source = OLD.id; "
        f"{_ADD}SELECT value, NEW.contact_id, NEW.id "
        "FROM json_each(connect_name_words(NEW.value)); END"
    ),
    "name_word_nickname_delete": (
        "CREATE TRIGGER name_word_nickname_delete AFTER DELETE ON nickname BEGIN "
        "DELETE FROM name_word WHERE contact_id = OLD.contact_id AND source = OLD.id; END"
    ),
}

# Every row from scratch (the migration's backfill).
BACKFILL = (
    "DELETE FROM name_word",
    f"{_ADD}SELECT j.value, c.id, 0 FROM contact c, json_each(connect_name_words(c.name)) j",
    f"{_ADD}SELECT j.value, n.contact_id, n.id "
    "FROM nickname n, json_each(connect_name_words(n.value)) j",
)

# What the table should hold, and what it holds (doctor compares the two).
EXPECTED = (
    "SELECT j.value, c.id, 0 FROM contact c, json_each(connect_name_words(c.name)) j "
    "UNION ALL SELECT j.value, n.contact_id, n.id "
    "FROM nickname n, json_each(connect_name_words(n.value)) j"
)
MISMATCHES = (
    f"SELECT COUNT(*) FROM (SELECT * FROM ({EXPECTED}) EXCEPT "
    "SELECT word, contact_id, source FROM name_word "
    "UNION ALL SELECT * FROM (SELECT word, contact_id, source FROM name_word "
    f"EXCEPT SELECT * FROM ({EXPECTED})))"
)


def prefix_bounds(word: str) -> tuple[str, str] | None:
    """(low, high) with `low <= w < high` exactly when w starts with `word`, in SQLite's binary
    order of text (UTF-8 bytes, which is code point order, as Python compares str); None when
    `word` cannot be sent to SQLite (an undecodable argument) or has no such bound."""
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return None
    last = ord(word[-1])
    if last >= 0x10FFFF or 0xD7FF <= last < 0xE000:
        return None
    return word, word[:-1] + chr(last + 1)
