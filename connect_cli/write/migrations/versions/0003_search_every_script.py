"""search in every script

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The search index of 0002, rebuilt so that search finds what unicode61 alone cannot, and covers
location, tags, emails, phones and URLs too (issue #15).

- Two indexed columns. `text` is the source text as before, tokenized by unicode61 (case and Latin
  accents folded): snippets are cut from it, and plain words are found in it. `terms` holds what
  `connect_terms(text, kind)` adds (connect_cli/folding.py, index_terms): the folded form of any
  word whose fold differs from unicode61's (Łukasz -> lukasz, O'Brien -> obrien, Иван -> ivan), CJK
  runs as overlapping bigrams, a phone's digits run together. Plain ASCII prose adds nothing, so
  the index grows by little more than its new rows.
- `connect_terms` is a Python function that connect registers on every connection it opens
  (db.register_functions). The triggers call it, so a write from a tool that has not registered
  it (the sqlite3 shell) fails whole instead of leaving the index behind.
- rowid = source id * 16 + code (SOURCE_CODES): 0002's * 8 had one code left, three are new.
- Stems are not indexed: search expands a word into its regular inflections at query time and
  only against prose (core/search.py), so a name is never stemmed into another name.

SQLite only, like 0002. The table and triggers are rebuilt from every source row, so an upgraded
journal keeps every row and is searchable at once. Downgrade gives back 0002's index.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STRIDE = 16
# rowid = source row id * STRIDE + code. Keep in step with connect_cli/queries_search.py.
SOURCE_CODES = {
    "note": 0,
    "fact": 1,
    "name": 2,
    "nickname": 3,
    "company": 4,
    "title": 5,
    "met_at": 6,
    "location": 7,
    "tag": 8,
    "channel": 9,
}
CONTACT_FIELDS = ("name", "company", "title", "met_at", "location")

CREATE_INDEX = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "text, terms, source UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)


def _insert(source: str, row: str, text: str, where: str = "", table: str = "") -> str:
    """INSERT of one index row from the trigger pseudo-row NEW, or from every row of `table`
    (aliased `row`) for the backfill. A channel's source is its kind (email, phone, url)."""
    code = SOURCE_CODES[source]
    from_ = f" FROM {table} {row}" if table else ""
    kind = f"{row}.kind" if source == "channel" else f"'{source}'"
    return (
        "INSERT INTO search_index(rowid, text, terms, source) "
        f"SELECT {row}.id * {STRIDE} + {code}, {row}.{text}, connect_terms({row}.{text}, {kind}), "
        f"{kind}{from_}{where}"
    )


def _delete(source: str) -> str:
    return f"DELETE FROM search_index WHERE rowid = OLD.id * {STRIDE} + {SOURCE_CODES[source]}"


# source -> (table, text column, WHERE of rows worth indexing)
ROW_SOURCES = {
    "note": ("interaction", "text", " WHERE {row}.text != ''"),
    "fact": ("fact", "text", ""),
    "nickname": ("nickname", "value", ""),
    "tag": ("tag", "name", ""),
    "channel": ("channel", "value", " WHERE {row}.value != ''"),
}


def _row_insert(source: str, row: str, table: str = "") -> str:
    _, column, where = ROW_SOURCES[source]
    return _insert(source, row, column, where.format(row=row), table)


def _contact_field(field: str, row: str, table: str = "") -> str:
    where = f" WHERE {row}.{field} IS NOT NULL AND {row}.{field} != ''"
    return _insert(field, row, field, where, table)


def _triggers() -> list[str]:
    """The triggers that keep search_index in step with its sources."""
    statements = []
    for source, (table, column, _) in ROW_SOURCES.items():
        watched = f" OF {column}, kind" if source == "channel" else f" OF {column}"
        statements += [
            f"CREATE TRIGGER search_{source}_insert AFTER INSERT ON {table} BEGIN "
            f"{_row_insert(source, 'NEW')}; END",
            f"CREATE TRIGGER search_{source}_update AFTER UPDATE{watched} ON {table} BEGIN "
            f"{_delete(source)}; {_row_insert(source, 'NEW')}; END",
            f"CREATE TRIGGER search_{source}_delete AFTER DELETE ON {table} BEGIN "
            f"{_delete(source)}; END",
        ]
    statements += [
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
    [f"search_{source}_{event}" for source in ROW_SOURCES for event in ("insert", "update", "delete")]
    + ["search_contact_insert", "search_contact_delete"]
    + [f"search_contact_{field}_update" for field in CONTACT_FIELDS]
)


def _backfill() -> list[str]:
    """Index what the journal already holds, so it is searchable right after the upgrade."""
    return [
        *(_row_insert(source, "r", table) for source, (table, _, _) in ROW_SOURCES.items()),
        *(_contact_field(field, "c", "contact") for field in CONTACT_FIELDS),
    ]


def _drop_search() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")


def _revision_0002():  # type: ignore[no-untyped-def]
    """0002's module, for its own DDL on downgrade (the versions folder is not a package)."""
    path = Path(__file__).with_name("0002_full_text_search.py")
    spec = importlib.util.spec_from_file_location("connect_migration_0002", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_search()
    op.execute(CREATE_INDEX)
    for statement in _triggers():
        op.execute(statement)
    for statement in _backfill():
        op.execute(statement)
    op.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    op.execute("PRAGMA user_version = 3")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_search()
    old = _revision_0002()
    op.execute(old.CREATE_INDEX)
    for statement in old._triggers():
        op.execute(statement)
    for statement in old._backfill():
        op.execute(statement)
    op.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
    op.execute("PRAGMA user_version = 2")
