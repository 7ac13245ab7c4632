"""Snippets of prefix searches run with each prefix replaced by its terms (queries_snippets.py);
what the user sees must be exactly what the query as typed gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from connect_cli.core.search import match_expression
from connect_cli.read.search import MARK_END, MARK_START
from connect_cli.read.snippets import SNIPPET, TOKENIZER, without_prefixes
from tests.conftest import Run, sqlite_only

NOTES = [
    "Coffee with O'Brien about the fintech round; Fintech Ventures is hiring",
    "Zoë's daughter Chloé started sailing; Chloe is 7 and loves sail boats",
    "Dinner at Ångström's: fintechs, finance, fines and a final toast",
    "Call about the 2026 roadmap, the 20-minute demo and ROADMAPS in general",
    "Met 王小明 at the fintech summit; 小明 likes sailing too",
    "Ábaco, abacus, abandon, abate, abbey: a word list for the ab* prefix",
]

# A server searches with tsquery (read/pg_search.py): the prefix rewrite tested here is of the
# SQLite journal's FTS5 index, whose tokenizer and snippet() only a file journal has.
pytestmark = sqlite_only("the FTS5 prefix rewrite and snippet(): a server searches with tsquery")


@pytest.fixture
def journal(ok: Run, journal_file: Path) -> sqlite3.Connection:
    ok("add", "Ann Lee", "--passion", "sailing in fintech waters", "-c", "Fintech Ventures")
    for k, note in enumerate(NOTES):
        ok("log", "ann", note, "--on", f"2026-11-{k + 1:02d}")
    connection = sqlite3.connect(journal_file)
    yield connection
    connection.close()


def words_of(notes: list[str]) -> set[str]:
    return {w.strip("'.,:;*") for note in notes for w in note.split()} - {""}


def snippet(connection: sqlite3.Connection, match: str, rowid: int) -> str | None:
    params = {"start": MARK_START, "end": MARK_END, "tokens": 12, "query": match, "rowid": rowid}
    row = connection.execute(SNIPPET, params).fetchone()
    return row[0] if row else None


def prefixes_of(word: str) -> list[str]:
    return [word[:n] + "*" for n in range(1, len(word) + 1)]


def test_the_tokenizer_is_the_one_the_index_was_made_with(journal: sqlite3.Connection) -> None:
    schema = journal.execute("SELECT sql FROM sqlite_master WHERE name = 'search_index'").fetchone()
    assert f"tokenize = '{TOKENIZER}'" in schema[0]


def test_every_prefix_marks_the_same_words_in_the_same_rows(journal: sqlite3.Connection) -> None:
    queries = sorted({p for w in words_of(NOTES) for p in prefixes_of(w)})
    queries += ["FINT*", "chlö*", "CHLO*", "fintech ro*", "o'bri*", "sail* fint*", "road* demo"]
    checked = 0
    for text in queries:
        match = match_expression(text)
        fast = without_prefixes(journal, match)
        rowids = [
            r[0]
            for r in journal.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ?", (match,)
            )
        ]
        if fast is None:
            continue
        for rowid in rowids:
            assert snippet(journal, fast, rowid) == snippet(journal, match, rowid), (text, fast)
            checked += 1
        # And the rewritten query finds no row the typed one does not.
        assert journal.execute(
            "SELECT COUNT(*) FROM search_index WHERE search_index MATCH ?", (fast,)
        ).fetchone()[0] == len(rowids)
    assert checked > 300  # the sweep really compared snippets


def test_a_prefix_is_looked_up_as_the_index_folds_it(journal: sqlite3.Connection) -> None:
    assert without_prefixes(journal, match_expression("CHLÖ*")) == '("chloe")'
    assert without_prefixes(journal, match_expression("fintech ro*")) == (
        '"fintech" AND ("roadmap" OR "roadmaps" OR "round")'
    )
    assert without_prefixes(journal, match_expression("O'Bri*")) == '("obrien")'
    assert without_prefixes(journal, match_expression("ann fint*")) == (
        '"ann" AND ("fintech" OR "fintechs")'
    )


def test_a_prefix_without_terms_or_with_too_many_is_left_as_typed(
    journal: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert without_prefixes(journal, match_expression("qqq*")) is None
    monkeypatch.setattr("connect_cli.read.snippets.MAX_TERMS", 2)
    assert without_prefixes(journal, match_expression("ab*")) is None
    assert without_prefixes(journal, match_expression("chlo*")) == '("chloe")'


@pytest.mark.parametrize("lookup_above", [50_000, -1])  # notes looked up, not hits copied
@pytest.mark.parametrize("scan_above", [4000, -1])  # both ways search_hits finds the people
@pytest.mark.parametrize("query", ["fin*", "sail* fint*", "chlö*", "O'Bri*", "a*", "road* demo"])
def test_search_output_of_a_prefix_is_unchanged(
    ok: Run,
    journal: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    scan_above: int,
    lookup_above: int,
) -> None:
    monkeypatch.setattr("connect_cli.read.search.SCAN_ABOVE", scan_above)
    monkeypatch.setattr("connect_cli.read.search.LOOKUP_ABOVE", lookup_above)
    monkeypatch.setattr("connect_cli.read.search.WALK_SPREAD", 10**9)  # whatever the fixture's ids
    fast = [ok("search", query, *args).stdout for args in ([], ["--json"], ["--rank", "--json"])]
    monkeypatch.setattr("connect_cli.core.search.quicker_match", lambda *_: None)
    typed = [ok("search", query, *args).stdout for args in ([], ["--json"], ["--rank", "--json"])]
    assert fast == typed
    assert "[]" not in typed[1]  # the query finds something, so the comparison means something
