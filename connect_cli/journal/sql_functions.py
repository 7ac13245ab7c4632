"""The SQL functions a SQLite journal's triggers call, registered on every connection connect opens.

`connect_terms(text, kind)` gives what search stores beside a text (migration 0003: folded
spellings of every script, a phone's digits); `connect_name_words(text)` the words WHO
resolution knows a name by (migration 0009). Both are Python, so the bulk writers ask
MAY_HAVE_TERMS in SQL first and call into Python only for the rows that need it.
"""

from __future__ import annotations

import sqlite3

from connect_cli.domain.controls import has_controls


def register_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions the journal's search triggers call (migration 0003): every connection
    connect opens has them, so any insert or edit keeps the index in step."""
    connection.create_function("connect_terms", 2, search_terms, deterministic=True)
    connection.create_function("connect_name_words", 1, _name_words, deterministic=True)


# The texts whose connect_terms() may be non-empty, as an SQL GLOB: any character that is not
# printable ASCII, tab or newline, or an apostrophe or backtick (tab, newline, space..&, (.._,
# a..~ are the rest: a note of several lines has no terms of its own either). A phone
# always has terms (its digits). The bulk indexer (write/search_index.py) asks this in SQL first
# and calls the Python function only when it says yes: a million calls into Python cost a 100k-row
# import ~3 s, and most index rows (ASCII names, emails, tags) have no terms at all. GLOB stops
# at a NUL (SQLite compares C strings: 'a' || char(0) || 'é' does not match), so a NUL anywhere
# asks too (instr compares the whole value).
MAY_HAVE_TERMS = (
    "{kind} = 'phone' OR instr({text}, char(0)) > 0 OR {text} GLOB '*[^\t\n -&(-_a-~]*'"
)


def search_terms(text: str | None, kind: str | None) -> str:
    """connect_terms(text, kind): what search stores beside a text (folding.index_terms).
    Empty whenever MAY_HAVE_TERMS is false (tests/write/test_import_bulk_terms.py holds it)."""
    if not text:
        return ""
    if text.isascii() and "'" not in text and "`" not in text and kind != "phone" and (
        text.isprintable() or not has_controls(text)
    ):
        return ""  # most rows: decided without importing the folding rules
    from connect_cli.domain.folding import index_terms

    return index_terms(text, digits=kind == "phone")


def _name_words(text: str | None) -> str:
    """connect_name_words(text): the words WHO resolution knows a name or nickname by, as a JSON
    array for json_each (matching.name_words; journal/name_words.py keeps the table of them)."""
    if not text:
        return "[]"
    import json

    from connect_cli.domain.matching import name_words

    return json.dumps(name_words(text), ensure_ascii=False)
