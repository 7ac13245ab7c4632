"""Prefix searches made cheap, and the snippets of `connect search`.

For a prefix (`fint*`) FTS5 merges the doclists of every term with that prefix, and it does so
again in every query: for the hits, for their count, and for each snippet (one rowid lookup per
row shown): ~0.6 ms a snippet for `fint*`, ~80 ms for `a*`. So a search runs with each prefix
replaced by the terms it stands for in the index (`fint*` becomes `fintech`): by definition the
same rows match, and the same words are marked (tests/read/test_search_snippets.py compares both over
many queries). `--rank` keeps the query as typed, because bm25 weighs each term of an OR on its
own. A prefix that stands for too many terms keeps the query as typed too, and so does a snippet
the rewritten query somehow misses.

snippet() marks only what matched in the text column. A row found through the folded terms
beside it (migration 0003: Łukasz for `lukasz`, 東京 inside a Japanese sentence, an inflection) gets
its snippet cut here instead, marking the words whose fold is one of the query's (`marked`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from connect_cli.domain.folding import WORD, fold
from connect_cli.journal.sqlite import SqliteReader
from connect_cli.read.search import MARK_END, MARK_START

SNIPPET_TOKENS = 12
SNIPPET = (
    "SELECT snippet(search_index, 0, :start, :end, '…', :tokens) AS snip, text "
    "FROM search_index WHERE search_index MATCH :query AND rowid = :rowid"
)
# A snippet cut in Python shows about this many characters before and after its first mark.
BEFORE, AFTER = 30, 70


class Targets(NamedTuple):
    """What a Python-cut snippet marks: folded words, folded prefixes, CJK runs."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    runs: tuple[str, ...] = ()


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
    reader: SqliteReader,
    match: str,
    rowids: Sequence[int],
    fast: str | None = None,
    targets: Targets | None = None,
) -> dict[int, str]:
    """snippet() of each row, matched words between MARK_START and MARK_END; `fast` is
    quicker_match(match), tried first. A snippet without a mark is cut by `marked` when it can."""
    found: dict[int, str] = {}
    for rowid in dict.fromkeys(rowids):
        rows = _snippet(reader, fast, rowid) if fast else []
        if not rows:
            rows = _snippet(reader, match, rowid)
        if rows:
            snip = rows[0]["snip"]
            if MARK_START not in snip and targets is not None:
                snip = marked(rows[0]["text"], targets) or snip
            found[rowid] = snip
    return found


def marked(text: str, targets: Targets) -> str | None:
    """`text` around its first match, every match in view between marks; None if none."""
    spans = sorted(_spans(text, targets))
    if not spans:
        return None
    first = spans[0][0]
    start = 0 if first <= BEFORE else text.find(" ", first - BEFORE, first) + 1 or first - BEFORE
    end = len(text) if spans[0][1] + AFTER >= len(text) else spans[0][1] + AFTER
    out, at = ["…" if start else ""], start
    for a, b in spans:
        if a < at or b > end:
            continue
        out += [text[at:a], MARK_START, text[a:b], MARK_END]
        at = b
    out.append(text[at:end] + ("…" if end < len(text) else ""))
    return "".join(out)


def _spans(text: str, targets: Targets) -> list[tuple[int, int]]:
    def wanted(folded: str) -> bool:
        return any(
            w in targets.words or (targets.prefixes and w.startswith(targets.prefixes))
            for w in WORD.findall(folded)
        )

    spans = [word.span() for word in WORD.finditer(text) if wanted(fold(word.group()))]
    for chunk in re.finditer(r"[^\W_](?:\S*[^\W_])?", text):  # O'Brien: words the fold joins
        if not chunk.group().isalnum() and wanted(fold(chunk.group())):
            spans.append(chunk.span())
    for run in targets.runs:
        at = text.find(run)
        while at >= 0:
            spans.append((at, at + len(run)))
            at = text.find(run, at + len(run))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(spans)):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


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
    missing = False

    def replace(phrase: re.Match[str]) -> str:
        nonlocal missing
        words, star = phrase.groups()
        if not star:
            return phrase.group()
        *head, last = words.split(" ")
        terms = _terms_starting(connection, last)
        if not terms:
            missing = True
            return phrase.group()
        return "(" + " OR ".join('"' + " ".join([*head, t]) + '"' for t in terms) + ")"

    # match_expression joins phrases with an explicit AND: FTS5 reads `"a" "b"` as AND, but not
    # a phrase next to a parenthesised group.
    rewritten = _PHRASE.sub(replace, match)
    return None if missing else rewritten


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
