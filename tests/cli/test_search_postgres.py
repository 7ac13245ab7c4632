"""`connect search` on a PostgreSQL journal (issue #19): the same people, matches, order and marked
words as on SQLite, for every form of the SQLite search tests; forget leaves nothing indexed.

Run against a server with CONNECT_TEST_PG_URL set (tests/cli/test_postgres.py); the tests of the
query compiler and the vectors need none.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.core.search import match_expression
from connect_cli.domain.errors import InputError
from connect_cli.read.pg_search import tokens, tsquery_text, tsvector_texts
from tests.cli.test_postgres import needs_server
from tests.cli.test_search import HOSTILE
from tests.cli.test_search_scripts import FOUND_BY, PEOPLE
from tests.conftest import Run, modules_loaded

# --- without a server: the query compiler and the vectors --------------------------------------


@pytest.mark.parametrize(
    ("expression", "tsquery"),
    [
        ('"sailing"', "('sailing')"),
        ('"o brien" AND "at" AND "t"', "('o' <-> 'brien') & ('at') & ('t')"),
        ('"fint"*', "('fint':*)"),
        ('"web summit"*', "('web' <-> 'summit':*)"),
        ('("engineer" OR "engineers")', "( ('engineer') | ('engineers') )"),
        ('"東京"', "('東京')"),
    ],
)
def test_match_expressions_become_tsquery_text(expression: str, tsquery: str) -> None:
    assert tsquery_text(expression) == tsquery


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_every_match_expression_compiles_to_quoted_lexemes_only(text: str) -> None:
    try:
        expression = match_expression(text)
    except InputError:
        return
    compiled = tsquery_text(expression)
    outside = "".join(compiled.split("'")[0::2])  # what is not inside a quoted lexeme
    assert set(outside) <= set(" ()&|<->:*"), compiled


def test_a_vector_holds_fts5s_words_then_the_folded_terms_after_a_gap() -> None:
    [vector] = tsvector_texts([("Łukasz O'Brien, AT&T", "name")])
    assert vector.split() == ["'łukasz':1", "'o':2", "'brien':3", "'at':4", "'t':5",
                              "'lukasz':7", "'obrien':8"]  # fmt: skip
    [phone] = tsvector_texts([("+1 (555) 010-0199", "phone")])
    assert "'15550100199'" in phone and "'555':2" in phone
    assert tokens("Zoë ÅNGSTRÖM") == ["zoe", "angstrom"]


@given(
    st.text(alphabet=st.characters(max_codepoint=127), max_size=80),
    st.sampled_from(["note", "phone"]),
)
@settings(max_examples=300, deadline=None)
def test_ascii_rows_are_cut_as_fts5_cuts_them(text: str, kind: str) -> None:
    from connect_cli.journal.sql_functions import search_terms
    from connect_cli.read.pg_search import _ascii_tokens, _tokenized

    terms = search_terms(text, kind)
    assert _ascii_tokens(text, terms) == _tokenized([(text, terms)])[0]


def test_a_quote_or_backslash_cannot_leave_its_lexeme() -> None:
    assert tsquery_text('"a"') == "('a')"
    [vector] = tsvector_texts([("x" * 3000 + " ok", "note")])
    assert vector == "'ok':2"  # longer than a tsvector lexeme may be: left out, the rest kept


# --- against a server: the same output on both ------------------------------------------------

# One line per command, split as a shell would: the setup of tests/cli/test_search.py (people),
# of tests/cli/test_search_scripts.py (every script), then searches of each form.
SETUP = (
    "add 'Zoë Ångström' -c 'AT&T' --title CTO --met-at 'Web Summit München' --nickname Zo "
    "--like 'fintech podcasts' --passion sailing -t client "
    '--note "Coffee with O\'Brien about the fintech round" --met-on 2026-10-01',
    "add 'Bob Stone' -c 'Fintech Ventures' --family 'Sam (son, 7)'",
    "log bob 'Sailing trip planning; he wants an intro' --on 2026-11-20 -k call",
    "log zoe 'Dinner, talked about sailing' --with bob --on 2026-11-10 -k meal",
    "add 'Carol King' --need 'a new CFO'",
    "add 'Ann Once' --note 'a long meeting about many things, budgets, sailing once'",
    "add 'Ben Thrice' --note 'sailing sailing sailing'",
    "add 'William Hart' --note 'Lunch with the engineers'",
    "add 'Hans Berg'",
    "add 'Mei Han' --note 'Talked about the Williams sisters'",
    "add 'Ann Lee' --location Kraków --tag climbing --email ann.lee@example.org "
    "--phone '+1 (555) 010-0199'",
    *(shlex.join(["add", name, *extra]) for name, extra in PEOPLE),
)
SEARCHES = (
    "sailing",
    "sailing --json",
    "fintech --json",
    "fint --json",
    "fint* --json",
    "'web summit' --json",
    "'summit münch*' --json",
    "zoe",
    "ZOË --json",
    "angstrom --json",
    "'o brien' --json",
    "obrien --json",
    "dinner --json",
    "sailing --limit 1",
    "sailing --limit 2 --json",
    "sailing --kind call --json",
    "sailing --kind meal --since 2026-11-01 --json",
    "sailing --tag client --json",
    "sailing --since 'last week' --json",
    "podcast* --kind like --json",
    "williams --json",
    "hans --json",
    "william --json",
    "engineer --json",
    "engineers --json",
    "krakow",
    "ann.lee@example.org --json",
    "5550100199 --json",
    "010-0199 --json",
    "climbing --json",
    "郎 --json",
    "山 --json",
    "kangaroo",
    "kangaroo --json",
    "sailing --limit 0",
    "sailing --kind golf",
    *(shlex.join([query, "--json"]) for query, _, _ in FOUND_BY),
)
EDITS = (  # test_index_follows_log_edit_and_drop, and a forgotten person's rows
    "log carol 'Kayak weekend in Maine'",
    "search kayak --json",
    "edit carol --name 'Caroline Kingsley'",
    "search kingsley --json",
    "search carol --json",
    "edit caroline --like opera --company Globex",
    "search opera --json",
    "edit caroline --drop like:opera --clear company",
    "search opera --json",
    "search globex --json",
    "edit zoe --drop nickname:Zo",
    "search zo --json",
    "edit 'ann lee' --drop tag:climbing",
    "search climbing --json",
    "archive bob",
    "search sailing",
    "forget zoe --yes",
    "search zoe --json",
    "search podcasts --json",
    "search dinner --json",
)


def session(run: Run, db: str, lines: tuple[str, ...]) -> list[tuple[str, int, str, str]]:
    seen = []
    for line in lines:
        result = run("--db", db, *shlex.split(line))
        seen.append((line, result.exit_code, result.stdout, result.stderr))
    return seen


def same_on_both(run: Run, server: str, sqlite_journal: str, lines: tuple[str, ...]) -> list:
    on_sqlite = session(run, sqlite_journal, lines)
    on_server = session(run, server, lines)
    for sqlite_seen, server_seen in zip(on_sqlite, on_server, strict=True):
        assert server_seen == sqlite_seen
    return on_sqlite


@needs_server
def test_every_search_form_says_the_same_on_both(
    run: Run,
    server_journal: str,
    tmp_path: Path,
) -> None:
    journal = str(tmp_path / "journal.db")
    setup = same_on_both(run, server_journal, journal, SETUP)
    both = (journal, server_journal)
    assert {seen[1] for seen in setup} == {0}
    seen = same_on_both(run, server_journal, journal, tuple(f"search {s}" for s in SEARCHES))
    found = [line for line, code, stdout, _ in seen if code == 0 and '"matched"' in stdout]
    empty = {
        f"search {s}" for s in SEARCHES if "--json" not in s or s.startswith(("fint ", "kang"))
    }
    assert set(found) == {f"search {s}" for s in SEARCHES} - empty  # not only empty results
    ranked = [run("--db", db, "search", "sailing", "--rank", "--json").json() for db in both]
    # ts_rank is not bm25: the same people and matches, the note that says it most first on
    # both (test_search.py's case); the order of the rest may differ (see read/pg_search.py)
    assert [p["name"] for p in ranked[0]][0] == [p["name"] for p in ranked[1]][0] == "Ben Thrice"
    assert same_matches(ranked[0]) == same_matches(ranked[1])
    # any typed text: results, "nothing found" or one sentence, alike on both
    hostile = tuple(shlex.join(["search", "--json", "--", query]) for query in HOSTILE)
    for _, code, _, stderr in same_on_both(run, server_journal, journal, hostile):
        assert "Traceback" not in stderr and code in (0, 1)
    assert index_rows(server_journal) == sqlite_index_rows(journal)


@needs_server
def test_the_index_follows_edits_archive_and_forget_on_both(
    run: Run,
    server_journal: str,
    tmp_path: Path,
) -> None:
    journal = str(tmp_path / "journal.db")
    same_on_both(run, server_journal, journal, SETUP[:5])
    seen = same_on_both(run, server_journal, journal, EDITS)
    assert {line: code for line, code, _, _ in seen}["forget zoe --yes"] == 0
    assert '"Caroline Kingsley"' in seen[3][2] and "Bob Stone #2 (archived)" in seen[15][2]
    rows = index_rows(server_journal)
    assert rows == sqlite_index_rows(journal)
    assert not [text for _, text in rows if "Zo" in text or "podcasts" in text]
    assert rows and all(vectors_made(server_journal))


def same_matches(people: list[dict]) -> list[str]:  # type: ignore[type-arg]
    """Who was found with which matches, in no order."""
    return sorted(str({**p, "matches": sorted(map(str, p["matches"]))}) for p in people)


def index_rows(url: str) -> list[tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as connection:
        return [
            tuple(r) for r in connection.execute("SELECT rid, text FROM search_index ORDER BY 1")
        ]


def vectors_made(url: str) -> list[bool]:
    import psycopg

    with psycopg.connect(url) as connection:
        return [r[0] for r in connection.execute("SELECT vector IS NOT NULL FROM search_index")]


def sqlite_index_rows(path: str) -> list[tuple[int, str]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT rowid, text FROM search_index ORDER BY 1").fetchall()
    finally:
        connection.close()


@needs_server
def test_a_journal_imported_from_json_is_searchable_at_once(
    ok: Run,
    server_journal: str,
    tmp_path: Path,
) -> None:
    journal = str(tmp_path / "journal.db")
    for line in SETUP:
        ok("--db", journal, *shlex.split(line))
    copy = tmp_path / "journal.json"
    ok("--db", journal, "export", "--format", "json", "-o", str(copy))
    ok("--db", server_journal, "import", str(copy))  # the bulk writer (write/pg_bulk.py)
    assert index_rows(server_journal) == sqlite_index_rows(journal)
    assert all(vectors_made(server_journal))
    for query in ("sailing", "lukasz wojcik", "東京", "fint*", "5550100199"):
        on_server = ok("--db", server_journal, "search", query, "--json").stdout
        assert on_server == ok("--db", journal, "search", query, "--json").stdout
        assert '"matched"' in on_server


@needs_server
def test_search_on_a_server_loads_neither_the_orm_nor_alembic(
    ok: Run,
    server_journal: str,
) -> None:
    ok("--db", server_journal, "add", "Ann Lee", "--note", "sailing")
    env = {**os.environ, "CONNECT_DB": server_journal, "CONNECT_TODAY": "2026-11-22"}
    loaded = {name.split(".")[0] for name in modules_loaded(["search", "sail*"], env)}
    assert "psycopg" in loaded and not loaded & {"sqlalchemy", "sqlmodel", "alembic"}
