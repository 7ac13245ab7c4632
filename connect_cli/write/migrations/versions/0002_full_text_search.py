"""full-text search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

One FTS5 table, `search_index`, over everything `connect search` looks at: interaction notes,
personal facts, names, nicknames, companies, titles and how-met. The database keeps it in step
with triggers, so every writer (SQLModel, raw sqlite3, a future import) stays searchable without
thinking about it, and deleting a source row (`forget`, `edit --drop`) deletes its index row.

Design, and why:
- A regular FTS5 table (it stores its own copy of the text). External content needs one content
  table and our text lives in six; contentless tables cannot delete rows before SQLite 3.43.
- Each index row's rowid encodes its source: `source_id * 8 + code` (SOURCE_CODES below), so the
  triggers update and delete by rowid, which FTS5 does by a direct lookup (deleting by an
  UNINDEXED column would scan the whole index: a million rows at the budget's size), and a query
  learns where a hit comes from without reading the row back (reading the stored columns of
  100k hits costs ~200 ms; rowids cost nothing). `source` is stored only to make rows readable.
- A note is indexed once (rowid = interaction id * 8); its people live in `participant` and are
  joined at query time, like its day and kind (a dinner with three people is one row, and
  `forget` of one of them needs no index change). A fact or nickname row finds its person
  through its own table; a name, company, title or met-at row's source id is the contact id.
- `unicode61 remove_diacritics 2`: case and accents never matter (`zoe` finds Zoë).
- FTS5 leaves a deleted row's tokens in its segments until they are merged; `forget` runs
  `INSERT INTO search_index(search_index) VALUES('optimize')` after erasing someone.

SQLite only: other databases get no index (search says it needs a SQLite journal).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# rowid = source row id * 8 + code. Keep in step with connect_cli/queries_search.py.
SOURCE_CODES = {
    "note": 0,
    "fact": 1,
    "name": 2,
    "nickname": 3,
    "company": 4,
    "title": 5,
    "met_at": 6,
}
CONTACT_FIELDS = ("name", "company", "title", "met_at")

CREATE_INDEX = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "text, source UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)


def _insert(source: str, row: str, text: str, where: str = "", table: str = "") -> str:
    """INSERT of one index row from the trigger pseudo-row NEW, or from every row of `table`
    (aliased `row`) for the backfill."""
    code = SOURCE_CODES[source]
    from_ = f" FROM {table} {row}" if table else ""
    return (
        "INSERT INTO search_index(rowid, text, source) "
        f"SELECT {row}.id * 8 + {code}, {row}.{text}, '{source}'{from_}{where}"
    )


def _delete(source: str) -> str:
    return f"DELETE FROM search_index WHERE rowid = OLD.id * 8 + {SOURCE_CODES[source]}"


def _note(row: str, table: str = "") -> str:
    return _insert("note", row, "text", f" WHERE {row}.text != ''", table)


def _fact(row: str, table: str = "") -> str:
    return _insert("fact", row, "text", "", table)


def _nickname(row: str, table: str = "") -> str:
    return _insert("nickname", row, "value", "", table)


def _contact_field(field: str, row: str, table: str = "") -> str:
    where = f" WHERE {row}.{field} IS NOT NULL AND {row}.{field} != ''"
    return _insert(field, row, field, where, table)


def _triggers() -> list[str]:
    """The triggers that keep search_index in step with its sources."""
    statements = [
        "CREATE TRIGGER search_note_insert AFTER INSERT ON interaction BEGIN "
        f"{_note('NEW')}; END",
        "CREATE TRIGGER search_note_update AFTER UPDATE OF text ON interaction BEGIN "
        f"{_delete('note')}; {_note('NEW')}; END",
        f"CREATE TRIGGER search_note_delete AFTER DELETE ON interaction BEGIN {_delete('note')}; END",
        f"CREATE TRIGGER search_fact_insert AFTER INSERT ON fact BEGIN {_fact('NEW')}; END",
        "CREATE TRIGGER search_fact_update AFTER UPDATE ON fact BEGIN "
        f"{_delete('fact')}; {_fact('NEW')}; END",
        f"CREATE TRIGGER search_fact_delete AFTER DELETE ON fact BEGIN {_delete('fact')}; END",
        f"CREATE TRIGGER search_nickname_insert AFTER INSERT ON nickname BEGIN {_nickname('NEW')}; END",
        "CREATE TRIGGER search_nickname_update AFTER UPDATE ON nickname BEGIN "
        f"{_delete('nickname')}; {_nickname('NEW')}; END",
        "CREATE TRIGGER search_nickname_delete AFTER DELETE ON nickname BEGIN "
        f"{_delete('nickname')}; END",
        "CREATE TRIGGER search_contact_insert AFTER INSERT ON contact BEGIN "
        + " ".join(f"{_contact_field(field, 'NEW')};" for field in CONTACT_FIELDS)
        + " END",
        "CREATE TRIGGER search_contact_delete AFTER DELETE ON contact BEGIN "
        + " ".join(f"{_delete(field)};" for field in CONTACT_FIELDS)
        + " END",
    ]
    # One trigger per field: touching updated_at (every edit does) must not re-index the name.
    statements += [
        f"CREATE TRIGGER search_contact_{field}_update AFTER UPDATE OF {field} ON contact BEGIN "
        f"{_delete(field)}; {_contact_field(field, 'NEW')}; END"
        for field in CONTACT_FIELDS
    ]
    return statements


TRIGGER_NAMES = (
    [f"search_{source}_{event}" for source in ("note", "fact", "nickname")
     for event in ("insert", "update", "delete")]
    + ["search_contact_insert", "search_contact_delete"]
    + [f"search_contact_{field}_update" for field in CONTACT_FIELDS]
)


def _backfill() -> list[str]:
    """Index what an older journal already holds, so it is searchable right after the upgrade."""
    return [
        _note("i", "interaction"),
        _fact("f", "fact"),
        _nickname("n", "nickname"),
        *(_contact_field(field, "c", "contact") for field in CONTACT_FIELDS),
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(CREATE_INDEX)
    for statement in _triggers():
        op.execute(statement)
    for statement in _backfill():
        op.execute(statement)
    op.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    op.execute("PRAGMA user_version = 2")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
    op.execute("PRAGMA user_version = 1")
