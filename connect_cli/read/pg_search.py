"""Search on a PostgreSQL journal: the same words, phrases, prefixes and snippets as FTS5.

A SQLite journal's `search_index` (migration 0003) tokenizes two columns with FTS5's
`unicode61 remove_diacritics 2`: the text, and `connect_terms(text, kind)` (folding.index_terms:
Łukasz -> lukasz, CJK bigrams, a phone's digits). A server journal keeps one `tsvector` per index
row instead (write/pg_search_index.py), with a GIN index. Its lexemes are not made by
PostgreSQL's own parser (which keeps `bob@example.com` whole, splits at other places and folds
other accents than unicode61): they are the very tokens FTS5 makes, read from an in-memory FTS5
table through `fts5vocab` (stdlib sqlite3, loaded anyway), so one rule makes the terms on both.

- Positions: the text's tokens are 1…n, the terms' tokens follow after a gap of one, so a phrase
  (`<->`, distance exactly 1) never joins the last word of the text to the first of the terms, as
  an FTS5 phrase never spans two columns. PostgreSQL keeps positions up to 16383 and 256 positions
  per lexeme: a phrase beyond the 16383rd word of a note is not found on a server (any word is).
- The query: match_expression's FTS5 text (quoted phrases, `*` prefixes, AND, OR, parentheses;
  core/search.py) becomes a tsquery text (`'a' <-> 'b':*`, `&`, `|`), each phrase's words
  tokenized by the same FTS5 tokenizer. It is cast, never parsed by `to_tsquery`, so no typed
  text can be a tsquery syntax error.
- Snippets: FTS5's snippet() reads only the row it cuts (never the index's statistics), so the
  shown rows are put into the same in-memory FTS5 table and cut there: the same words marked,
  byte for byte. Ranking (`--rank`) is ts_rank against bm25: same matches, the order may differ.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from connect_cli.journal.sql_functions import search_terms
from connect_cli.read.search import MARK_END, MARK_START
from connect_cli.read.snippets import SNIPPET, SNIPPET_TOKENS, TOKENIZER, Targets, marked

# PostgreSQL's limits for a tsvector (tsearch's MAXSTRLEN, MAXENTRYPOS, and MAXSTRPOS with room).
MAX_LEXEME_BYTES = 2046
MAX_POSITION = 16383
MAX_VECTOR_BYTES = 1_000_000


@lru_cache(maxsize=1)
def _memory() -> sqlite3.Connection:
    """An in-memory FTS5 table with the journal index's columns and tokenizer (one per process)."""
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    connection.execute(
        f"CREATE VIRTUAL TABLE search_index USING fts5(text, terms, tokenize = '{TOKENIZER}')"
    )
    connection.execute("CREATE VIRTUAL TABLE tokens USING fts5vocab(search_index, 'instance')")
    return connection


def tokens(text: str) -> list[str]:
    """`text` as FTS5's unicode61 tokenizer cuts and folds it, in order."""
    return [term for term, _ in _tokenized([(text, "")])[0]]


def _tokenized(rows: Sequence[tuple[str, str]]) -> list[list[tuple[str, int]]]:
    """Each (text, terms) as its (token, column) list in order: column 0 text, 1 terms."""
    connection = _memory()
    connection.execute("BEGIN")
    try:
        connection.executemany(
            "INSERT INTO search_index (rowid, text, terms) VALUES (?, ?, ?)",
            [(k, text, terms) for k, (text, terms) in enumerate(rows)],
        )
        found: list[list[tuple[int, int, str]]] = [[] for _ in rows]
        for term, doc, column, offset in connection.execute("SELECT * FROM tokens"):
            found[doc].append((column == "terms", offset, term))
    finally:
        connection.execute("ROLLBACK")
    return [[(term, int(column)) for column, _, term in sorted(row)] for row in found]


# unicode61 on ASCII: letters and digits are a token's, everything else separates (the FTS5
# tokenizer's rule for the first 128 code points; tests compare both ways).
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")


def tsvector_texts(rows: Iterable[tuple[str, str | None]]) -> list[str]:
    """The tsvector literal of each (text, kind) index row: FTS5's tokens of the text and of
    connect_terms(text, kind), with positions as described above.

    ASCII rows (most of a journal) are cut in Python by FTS5's rule for ASCII (~10x quicker than
    a round trip through the in-memory table); the others go through the table."""
    pairs = [(text or "", search_terms(text, kind)) for text, kind in rows]
    others = [pair for pair in pairs if not (pair[0].isascii() and pair[1].isascii())]
    tokenized = iter(_tokenized(others) if others else [])
    return [
        _literal(
            _ascii_tokens(text, terms) if text.isascii() and terms.isascii() else next(tokenized)
        )
        for text, terms in pairs
    ]


def _ascii_tokens(text: str, terms: str) -> list[tuple[str, int]]:
    return [(t, 0) for t in _ASCII_TOKEN.findall(text.lower())] + [
        (t, 1) for t in _ASCII_TOKEN.findall(terms.lower())
    ]


def _literal(found: list[tuple[str, int]]) -> str:
    positions: dict[str, list[int]] = {}
    in_text = sum(1 for _, column in found if column == 0)
    at = {0: 0, 1: in_text + 1}  # the terms start after a gap of one position
    size = 0
    for term, column in found:
        at[column] += 1
        if len(term.encode()) > MAX_LEXEME_BYTES:
            continue  # longer than any tsvector lexeme may be: not searchable on a server
        if term not in positions:
            size += len(term.encode()) + 8
            if size > MAX_VECTOR_BYTES:
                continue
            positions[term] = []
        if len(positions[term]) < 256:
            positions[term].append(min(at[column], MAX_POSITION))
    return " ".join(
        f"{_quoted(term)}:{','.join(map(str, sorted(set(spots))))}"
        for term, spots in positions.items()
    )


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


# match_expression's pieces: a quoted phrase (its `*`), AND, OR, parentheses.
_PIECE = re.compile(r'"([^"]*)"(\*?)|(AND|OR)|([()])|\s+')


def tsquery_text(match: str) -> str:
    """The tsquery (text, to be cast) of a MATCH expression made by core/search.py.

    Errors: ValueError for text that expression never holds (a bug, not user input)."""
    out = []
    at = 0
    for piece in _PIECE.finditer(match):
        if piece.start() != at:
            raise ValueError(f"not a match expression: {match!r}")
        at = piece.end()
        phrase, star, word, paren = piece.groups()
        if phrase is not None:
            out.append(_phrase(phrase, bool(star)))
        elif word:
            out.append("&" if word == "AND" else "|")
        elif paren:
            out.append(paren)
    if at != len(match):
        raise ValueError(f"not a match expression: {match!r}")
    return " ".join(out)


def _phrase(text: str, prefix: bool) -> str:
    words = [_quoted(word) for word in tokens(text)]
    if not words:  # FTS5 matches nothing for an empty phrase; neither does a word never indexed
        return "'\x01'"  # pragma: no cover - match_expression never makes one
    if prefix:
        words[-1] += ":*"
    return "(" + " <-> ".join(words) + ")"


def pg_snippets(
    reader: Any, match: str, rowids: Sequence[int], targets: Targets | None = None
) -> dict[int, str]:
    """snippets() (read/snippets.py) for a server journal: each shown row cut by FTS5's own
    snippet() in the in-memory table, then by `marked` when it has no mark."""
    wanted = list(dict.fromkeys(rowids))
    if not wanted:
        return {}
    rows = reader.rows(
        "SELECT rid, text, source FROM search_index WHERE rid = ANY(:rids)", {"rids": wanted}
    )
    connection = _memory()
    found: dict[int, str] = {}
    connection.execute("BEGIN")
    try:
        connection.executemany(
            "INSERT INTO search_index (rowid, text, terms) VALUES (?, ?, ?)",
            [(r["rid"], r["text"], search_terms(r["text"], r["source"])) for r in rows],
        )
        for rowid in wanted:
            cut = connection.execute(
                SNIPPET,
                {
                    "start": MARK_START,
                    "end": MARK_END,
                    "tokens": SNIPPET_TOKENS,
                    "query": match,
                    "rowid": rowid,
                },
            ).fetchone()
            if cut is None:
                continue
            snip = cut[0]
            if MARK_START not in snip and targets is not None:
                snip = marked(cut[1], targets) or snip
            found[rowid] = snip
    finally:
        connection.execute("ROLLBACK")
    return found
