"""Prefix searches made cheap, and the snippets of `connect search`.

For a prefix (`fint*`) FTS5 merges the doclists of every term with that prefix, and it does so
again in every query: for the hits, for their count, and for each snippet (one rowid lookup per
row shown): ~0.6 ms a snippet for `fint*`, ~80 ms for `a*`. So a search runs with each prefix
replaced by the terms it stands for in the index (`fint*` becomes `fintech`): by definition the
same rows match, and the same words are marked (tests/test_search_snippets.py compares both over
many queries). `--rank` keeps the query as typed, because bm25 weighs each term of an OR on its
own. A prefix that stands for too many terms keeps the query as typed too, and so does a snippet
the rewritten query somehow misses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from connect_cli.journal.sqlite import SqliteReader
from connect_cli.read.search import MARK_END, MARK_START

SNIPPET_TOKENS = 12
SNIPPET = (
    "SELECT snippet(search_index, 0, :start, :end, '…', :tokens) AS snip "
    "FROM search_index WHERE search_index MATCH :query AND rowid = :rowid"
)
# The tokenizer migration 0002 gave search_index; prefixes are folded by the same one, so that
# `Chlö*` is looked up as the index stores it (`chlo`). tests check it against the schema.
TOKENIZER = "unicode61 remove_diacritics 2"
# Beyond this many terms a prefix is left as typed: each term is a doclist to load per row.
MAX_TERMS = 32
# A phrase of match_expression (core/search.py): words inside quotes, `*` after a prefix.
_PHRASE = re.compile(r'"([^"]*)"(\*?)')


def quicker_match(reader: SqliteReader, match: str) -> str | None:
    """The same search without prefixes (see above), or None when there is nothing to gain."""
    return without_prefixes(reader.connection, match) if "*" in match else None


def snippets(
    reader: SqliteReader, match: str, rowids: Sequence[int], fast: str | None = None
) -> dict[int, str]:
    """snippet() of each row, matched words between MARK_START and MARK_END; `fast` is
    quicker_match(match), tried first."""
    found: dict[int, str] = {}
    for rowid in dict.fromkeys(rowids):
        rows = _snippet(reader, fast, rowid) if fast else []
        if not rows:
            rows = _snippet(reader, match, rowid)
        if rows:
            found[rowid] = rows[0]["snip"]
    return found


def _snippet(reader: SqliteReader, match: str, rowid: int) -> Any:
    params = {
        "start": MARK_START,
        "end": MARK_END,
        "tokens": SNIPPET_TOKENS,
        "query": match,
        "rowid": rowid,
    }
    return reader.rows(SNIPPET, params)


def without_prefixes(connection: Any, match: str) -> str | None:
    """MATCH with every `"… pre"*` phrase replaced by `("… term1" OR "… term2")`, the terms of the
    index that start with `pre`; None when a prefix can't be replaced (no terms, too many)."""
    parts = []
    for words, star in _PHRASE.findall(match):
        if not star:
            parts.append(f'"{words}"')
            continue
        *head, last = words.split(" ")
        terms = _terms_starting(connection, last)
        if not terms:
            return None
        parts.append("(" + " OR ".join('"' + " ".join([*head, t]) + '"' for t in terms) + ")")
    # Explicit AND: FTS5 reads `"a" "b"` as AND, but not a phrase next to a parenthesised group.
    return " AND ".join(parts)


def _terms_starting(connection: Any, word: str) -> list[str] | None:
    """The index's terms that start with `word` as the tokenizer folds it; None if too many."""
    _make_helpers(connection)
    connection.execute("DELETE FROM temp.search_fold")
    connection.execute("INSERT INTO temp.search_fold (word) VALUES (?)", (word,))
    folded = [row[0] for row in connection.execute("SELECT term FROM temp.search_fold_terms")]
    if len(folded) != 1:  # not one token (cannot happen for match_expression's words)
        return None
    prefix = folded[0]
    terms = [
        row[0]
        for row in connection.execute(
            "SELECT term FROM temp.search_terms WHERE term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", MAX_TERMS + 1),
        )
    ]
    return terms if len(terms) <= MAX_TERMS else None


def _make_helpers(connection: Any) -> None:
    """Temp tables (on a read-only journal too): the index's terms, and a scratch table that
    folds a word with the index's own tokenizer."""
    for ddl in (
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
        "USING fts5vocab(main, 'search_index', 'row')",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fold USING fts5(word, tokenize = '{TOKENIZER}')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fold_terms "
        "USING fts5vocab(temp, 'search_fold', 'row')",
    ):
        connection.execute(ddl)
