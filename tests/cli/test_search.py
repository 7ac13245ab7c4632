"""`connect search`: any text is a valid query; results grouped by person; the index stays in step."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.core.search import match_expression
from connect_cli.domain.errors import InputError
from connect_cli.render.search import highlighted, matched_words, plain
from tests.conftest import TESTS, Rows, Run, sqlite_only


@pytest.fixture(params=["attribute every hit", "walk notes newest first", "look notes up"])
def strategy(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every way search finds the first people (read.search.SCAN_ABOVE and LOOKUP_ABOVE pick one
    by size)."""
    if request.param.startswith("walk"):
        monkeypatch.setattr("connect_cli.read.search.SCAN_ABOVE", -1)
    if request.param.startswith("look"):
        look_notes_up(monkeypatch)
    return request.param


def look_notes_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search by looking notes up in the index whatever the journal, never by copying its hits."""

    def never(*_: object) -> str:
        raise AssertionError("the hits were copied instead of looked up")

    monkeypatch.setattr("connect_cli.read.search.LOOKUP_ABOVE", -1)
    monkeypatch.setattr("connect_cli.read.search.WALK_SPREAD", 10**9)  # any ids, however spread
    monkeypatch.setattr("connect_cli.read.search.WALK_BATCH", 7)  # many batches, even here
    monkeypatch.setattr("connect_cli.read.search._narrow_by_scan", never)


@pytest.fixture
def people(ok: Run) -> None:
    ok(
        "add",
        "Zoë Ångström",
        "-c",
        "AT&T",
        "--title",
        "CTO",
        "--met-at",
        "Web Summit München",
        "--nickname",
        "Zo",
        "--like",
        "fintech podcasts",
        "--passion",
        "sailing",
        "-t",
        "client",
        "--note",
        "Coffee with O'Brien about the fintech round",
        "--met-on",
        "2026-10-01",
    )
    ok("add", "Bob Stone", "-c", "Fintech Ventures", "--family", "Sam (son, 7)")
    ok("log", "bob", "Sailing trip planning; he wants an intro", "--on", "2026-11-20", "-k", "call")
    ok(
        "log",
        "zoe",
        "Dinner, talked about sailing",
        "--with",
        "bob",
        "--on",
        "2026-11-10",
        "-k",
        "meal",
    )
    ok("add", "Carol King", "--need", "a new CFO")


def names(result) -> list[str]:
    return [person["name"] for person in result.json()]


# ---- the query language: whatever a person types -------------------------------------------

HOSTILE = [
    "O'Brien",
    "AT&T",
    'john"',
    '"',
    '""',
    "NOT",
    "AND",
    "OR",
    "NEAR",
    "NEAR(a b)",
    "email:x",
    "text:fintech",
    "-fintech",
    "^fintech",
    "fint*",
    "*",
    "**",
    "*fint",
    "a*b*",
    "(",
    ")",
    "(sailing",
    "sailing)",
    "{text}: x",
    "'",
    "\\",
    "%",
    "_",
    "sailing OR",
    "OR sailing",
    "NOT sailing",
    "sailing NOT",
    "a AND",
    "+",
    "[bold]",
    "[/]",
    ":smile:",
    "\x1b[31m",
    "\x00",
    "Zoë",
    "ZOË",
    "зоя",
    "東京",
    "🎉",
    "‮",
    "sail\u0301ing",
    "x" * 2000,
    "word " * 500,
    "rowid:1",
    "search_index",
    "'; DROP TABLE contact; --",
    "1=1",
    "0",
    "-1",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_text_is_a_query_with_results_or_a_plain_nothing_found(
    run: Run, people: None, query: str
) -> None:
    # `--` ends the options, as for any command, so "-fintech" is a query, not a flag
    result = run("search", "--", query)
    if result.exit_code == 1:  # only when there is not a single word in it
        assert "Give some words" in result.stderr and result.stdout == ""
        with pytest.raises(InputError):
            match_expression(query)
        return
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Nothing found for") or "#" in result.stdout
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout
    assert isinstance(run("search", "--json", "--", query).json(), list)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_every_match_expression_is_valid_fts5(text: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'unicode61 remove_diacritics 2')"
    )
    connection.execute("INSERT INTO t VALUES ('some text')")
    try:
        expression = match_expression(text)
    except InputError:
        return
    connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()


@pytest.mark.parametrize("query", ["", " ", "*", "&&&", "'\"", "-- ;"])
def test_no_words_is_exit_1_with_a_hint(run: Run, people: None, query: str) -> None:
    result = run("search", "--", query)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Give some words") and result.stdout == ""


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("O'Brien", '"obrien"'),  # folded as every command folds (folding.py)
        ("AT&T", '"at t"'),
        ("fint*", '"fint"*'),
        ('john" NOT', '"john" AND "not"'),
        ("email:x", '"email x"'),
        ("東京 咖啡店", '"東京" AND "咖啡 啡店"'),  # CJK: the phrase of its bigrams
    ],
)
def test_query_text_becomes_quoted_phrases(text: str, expression: str) -> None:
    assert match_expression(text) == expression


def test_nothing_found_is_a_plain_sentence_on_stdout_and_empty_json(ok: Run, people: None) -> None:
    result = ok("search", "kangaroo")
    assert result.stdout == "Nothing found for 'kangaroo'.\n"
    assert ok("search", "kangaroo", "--json").json() == []


# ---- what is searched, and how words match --------------------------------------------------


@pytest.mark.parametrize(
    ("query", "source", "kind"),
    [
        ("zoe", "name", None),
        ("angstrom", "name", None),
        ("ZO", "nickname", None),
        ("at&t", "company", None),
        ("cto", "title", None),
        ("MÜNCHEN", "met_at", None),
        ("munchen", "met_at", None),
        ("podcasts", "fact", "like"),
        ("o'brien", "note", "meeting"),
    ],
)
def test_accents_and_case_never_matter(
    ok: Run, people: None, query: str, source: str, kind
) -> None:
    [zoe] = ok("search", query, "--json").json()
    assert zoe["name"] == "Zoë Ångström"
    assert (zoe["matches"][0]["source"], zoe["matches"][0]["kind"]) == (source, kind)


def test_a_trailing_star_is_a_prefix(ok: Run, people: None, strategy: str) -> None:
    assert ok("search", "fintech", "--json").json() != []
    assert ok("search", "fint", "--json").json() == []
    found = ok("search", "fint*", "--json").json()
    assert sorted(names(ok("search", "fint*", "--json"))) == ["Bob Stone", "Zoë Ångström"]
    sources = {m["source"] for person in found for m in person["matches"]}
    assert sources == {"company", "fact", "note"}


def test_results_are_grouped_by_person_newest_first(ok: Run, people: None, strategy: str) -> None:
    found = ok("search", "sailing", "--json").json()
    # Bob's newest sailing note is 2026-11-20; Zoë's passion counts as of her last touch (11-10).
    assert names(ok("search", "sailing", "--json")) == ["Bob Stone", "Zoë Ångström"]
    bob, zoe = found
    assert [(m["source"], m["on"]) for m in bob["matches"]] == [
        ("note", "2026-11-20"),
        ("note", "2026-11-10"),
    ]
    assert [m["source"] for m in zoe["matches"]] == ["fact", "note"]
    assert zoe["matches"][1]["interaction_id"] == bob["matches"][1]["interaction_id"]
    assert (bob["match_count"], zoe["match_count"]) == (2, 2)


def test_shared_note_is_found_under_each_person(ok: Run, people: None, strategy: str) -> None:
    found = ok("search", "dinner", "--json").json()
    assert sorted(p["name"] for p in found) == ["Bob Stone", "Zoë Ångström"]


def test_the_last_written_profile_rows_are_found_beside_many_notes(ok: Run, strategy: str) -> None:
    """Looking notes up reads profile hits only up to the largest rowid a profile row can have:
    the rows written last to each profile table (the highest ids) are still found."""
    ok("add", "Nia Notes")
    for day in range(1, 10):
        ok("log", "nia", f"regatta debrief {day}", "--on", f"2026-10-0{day}")
    ok("add", "Ola Last", "-c", "Regatta Works", "--nickname", "regattaqueen", "-t", "regatta",
       "-e", "skipper@regatta.example", "--fact", "crewed a regatta")  # fmt: skip
    found = ok("search", "regatta", "--json").json()
    assert [p["name"] for p in found] == ["Nia Notes", "Ola Last"]
    ola = found[1]
    assert {m["source"] for m in ola["matches"]} >= {"company", "tag", "fact"}


def test_rank_orders_by_relevance(ok: Run) -> None:
    ok("add", "Ann Once", "--note", "a long meeting about many things, budgets, sailing once")
    ok("add", "Ben Thrice", "--note", "sailing sailing sailing")
    ok("log", "ann", "Quick call", "--on", "2026-11-21")
    assert names(ok("search", "sailing", "--json")) == ["Ann Once", "Ben Thrice"]
    assert names(ok("search", "sailing", "--rank", "--json")) == ["Ben Thrice", "Ann Once"]


def test_limit_counts_people_and_each_shows_a_few_matches(ok: Run, strategy: str) -> None:
    ok("add", "Dana Many")
    ok("add", "Eve Few")
    for day in range(1, 9):
        ok("log", "dana", f"golf number {day}", "--on", f"2026-11-{day:02d}")
    ok("log", "eve", "golf once", "--on", "2026-10-01")
    found = ok("search", "golf", "--json").json()
    assert [p["name"] for p in found] == ["Dana Many", "Eve Few"]
    assert found[0]["match_count"] == 8 and len(found[0]["matches"]) == 5
    assert found[0]["matches"][0]["on"] == "2026-11-08"
    assert names(ok("search", "golf", "--limit", "1", "--json")) == ["Dana Many"]
    assert "… and 3 more" in ok("search", "golf").stdout


def test_limit_must_be_positive(run: Run, people: None) -> None:
    result = run("search", "sailing", "--limit", "0")
    assert result.exit_code == 1 and "--limit" in result.stderr


def test_filters_kind_since_and_tag(ok: Run, run: Run, people: None, strategy: str) -> None:
    def sources(*args: str) -> set[tuple[str, str, str | None]]:
        return {
            (p["name"], m["source"], m["kind"])
            for p in ok("search", *args, "--json").json()
            for m in p["matches"]
        }

    assert sources("sailing", "--kind", "call") == {("Bob Stone", "note", "call")}
    assert sources("sailing", "--kind", "PASSION") == {("Zoë Ångström", "fact", "passion")}
    assert sources("sailing", "--since", "2026-11-15") == {("Bob Stone", "note", "call")}
    assert sources("sailing", "--tag", "CLIENT") == {
        ("Zoë Ångström", "fact", "passion"),
        ("Zoë Ångström", "note", "meal"),
    }
    bad = run("search", "sailing", "--kind", "golf")
    assert bad.exit_code == 1 and "--kind takes" in bad.stderr
    bad = run("search", "sailing", "--since", "someday")
    assert bad.exit_code == 1 and bad.stdout == ""


def test_archived_people_are_found_and_marked(ok: Run, people: None, strategy: str) -> None:
    ok("archive", "bob")
    assert "Bob Stone #2 (archived)" in ok("search", "sailing").stdout
    assert [p["archived"] for p in ok("search", "sailing", "--json").json()] == [True, False]


# ---- hostile text stays text -----------------------------------------------------------------


def test_snippet_highlighting_is_inert(ok: Run) -> None:
    ok("add", "Mal Formed", "--note", "[bold red]sailing[/] :smile: \x1b[2J \u202e wild")
    out = ok("search", "sailing").stdout
    assert "[bold red]sailing[/] :smile: \\x1b[2J \\u202e wild" in out
    assert "\x1b" not in out and "\u202e" not in out
    [mal] = ok("search", "sailing", "--json").json()
    assert mal["matches"][0]["matched"] == ["sailing"]
    assert "\x02" not in mal["matches"][0]["snippet"]


def test_highlight_is_a_style_span_not_markup() -> None:
    text = highlighted("say \x02[b]sail\x03 \x1b[31m and \x02x\x03")
    assert text.plain == "say [b]sail \\x1b[31m and x"
    styled = [text.plain[span.start : span.end] for span in text.spans]
    assert styled == ["[b]sail", "x"]
    assert plain("a \x02b\x03 c") == "a b c" and matched_words("a \x02b\x03 c \x02d\x03") == [
        "b",
        "d",
    ]
    assert highlighted("stray \x03 end \x02open").plain == "stray  end open"


# ---- the index follows every change -----------------------------------------------------------


def test_index_follows_log_edit_and_drop(ok: Run, people: None) -> None:
    assert ok("search", "kayak", "--json").json() == []
    ok("log", "carol", "Kayak weekend in Maine")
    assert names(ok("search", "kayak", "--json")) == ["Carol King"]

    ok("edit", "carol", "--name", "Caroline Kingsley")
    assert names(ok("search", "kingsley", "--json")) == ["Caroline Kingsley"]
    assert ok("search", "carol", "--json").json() == []

    ok("edit", "caroline", "--like", "opera", "--company", "Globex")
    assert [m["source"] for m in ok("search", "opera", "--json").json()[0]["matches"]] == ["fact"]
    ok("edit", "caroline", "--drop", "like:opera", "--clear", "company")
    assert ok("search", "opera", "--json").json() == []
    assert ok("search", "globex", "--json").json() == []
    ok("edit", "zoe", "--drop", "nickname:Zo")
    assert ok("search", "zo", "--json").json() == []


def test_a_forgotten_person_is_gone_from_the_index(
    ok: Run, people: None, journal_rows: Rows
) -> None:
    # `forget` (another command) deletes the contact; the triggers take their rows with them.
    journal_rows("DELETE FROM contact WHERE name = 'Zoë Ångström'")
    assert ok("search", "zoe", "--json").json() == []
    assert ok("search", "podcasts", "--json").json() == []
    # the shared dinner note stays findable under Bob, who was there too
    assert names(ok("search", "dinner", "--json")) == ["Bob Stone"]


def test_search_reads_without_sqlalchemy(ok: Run, people: None) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "connect_cli", "search", "sailing"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Bob Stone" in result.stdout
    loaded = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert not loaded & {"sqlalchemy", "sqlmodel", "alembic"}


def test_a_new_journal_finds_nothing_kindly(
    ok: Run, request: pytest.FixtureRequest, private_journal: Path | str
) -> None:
    """On SQLite the default journal (no --db), not made yet; on a server an empty database."""
    if isinstance(private_journal, Path):
        request.getfixturevalue("default_journal")
    assert ok("search", "anything").stdout == "Nothing found for 'anything'.\n"


# SQLite's search narrows FTS5 hits two ways (read/search.py); a server searches with tsquery.
STRATEGIES = "SQLite's two ways of narrowing FTS5 hits, on a SQLite bench journal"


@sqlite_only(STRATEGIES)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_both_strategies_give_the_same_results(
    journal_file: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    import sys

    sys.path.insert(0, str(TESTS / "perf"))
    import bench_journal

    from connect_cli.core.search import search
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.read.search import Filters

    bench_journal.build_fallback(journal_file, contacts=25, interactions=400, seed=seed)
    location = locate_journal(str(journal_file))
    cases = [
        (word, limit, filters)
        for word in ("pricing", "golf", "acme", "linda", "tal*", "cto")
        for limit in (1, 3, 20)
        for filters in (
            Filters(),
            Filters(kind="call"),
            Filters(tag="client"),
            Filters(since=date(2026, 1, 1)),
            Filters(kind="like"),
        )
    ]

    def everything() -> list[object]:
        return [search(location, w, limit=n, filters=f) for w, n, f in cases]

    joined = everything()
    monkeypatch.setattr("connect_cli.read.search.SCAN_ABOVE", -1)
    assert everything() == joined
    look_notes_up(monkeypatch)
    assert everything() == joined
    assert any(len(people) > 1 for people in joined)


@sqlite_only(STRATEGIES)
def test_notes_logged_out_of_order_are_searched_by_copying_their_hits(
    journal_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looking notes up pays only when a note's id follows its day (notes logged as they
    happen); a journal whose newest notes were logged in no order is searched the other way,
    with the same results."""
    import sys

    sys.path.insert(0, str(TESTS / "perf"))
    import bench_journal

    from connect_cli.core.search import search
    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.read import search as queries

    bench_journal.build_fallback(journal_file, contacts=25, interactions=400, seed=4)
    location = locate_journal(str(journal_file))
    copied = search(location, "pricing", limit=3)
    monkeypatch.setattr(queries, "LOOKUP_ABOVE", -1)
    monkeypatch.setattr(queries, "SCAN_ABOVE", -1)
    monkeypatch.setattr(queries, "WALK_BATCH", 5)  # 5 notes of random days span many ids
    scans: list[int] = []
    narrow_by_scan = queries._narrow_by_scan

    def counted(*args: object) -> str:
        scans.append(1)
        return narrow_by_scan(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(queries, "_narrow_by_scan", counted)
    assert search(location, "pricing", limit=3) == copied
    assert scans == [1]
    assert len(copied) == 3
