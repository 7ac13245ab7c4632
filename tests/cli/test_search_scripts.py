"""Every name, every script (issue #15): WHO, `list` and `search` find the same people, whatever the
script; CJK text is found by the words inside it; English words in their inflected forms."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connect_cli.domain.folding import fold
from tests.conftest import TESTS, Run, sqlite_only

# People added to a demo journal; each line of the "done when" is one query below.
PEOPLE = [
    ("山田太郎", ["--note", "昨日東京で田中さんと会って、新しいプロジェクトについて話した"]),
    ("王小明", ["--note", "在上海的咖啡店见面，聊了新项目"]),
    ("김민준", ["--note", "서울에서 점심을 먹었다"]),
    ("Łukasz Wójcik", []),
    ("Bjørn Ødegaard", []),
    ("Đorđe Petrović", []),
    ("Ingrid Sørensen", []),
    ("Hanna Vogel", ["--location", "Straße des 17. Juni, Berlin"]),
    ("Conor O'Brien", []),
    ("Priya Raman", ["--note", "She is the engineer who restores an old Porsche"]),
]
FOUND_BY = [
    ("東京", "山田太郎", "note"),
    ("田中", "山田太郎", "note"),
    ("プロジェクト", "山田太郎", "note"),
    ("咖啡店", "王小明", "note"),
    ("上海", "王小明", "note"),
    ("김민준", "김민준", "name"),
    ("서울", "김민준", "note"),
    ("太郎", "山田太郎", "name"),
    ("lukasz wojcik", "Łukasz Wójcik", "name"),
    ("bjorn", "Bjørn Ødegaard", "name"),
    ("odegaard", "Bjørn Ødegaard", "name"),
    ("dorde", "Đorđe Petrović", "name"),
    ("sorensen", "Ingrid Sørensen", "name"),
    ("strasse", "Hanna Vogel", "location"),
    ("obrien", "Conor O'Brien", "name"),
    ("o'brien", "Conor O'Brien", "name"),
    ("engineers", "Priya Raman", "note"),
    ("porsches", "Priya Raman", "note"),
]


def _build(invoke: Callable[..., object]) -> None:
    """Make the demo journal with the people above added, through `invoke(*args)`."""
    invoke("demo", "--contacts", "300", "--interactions", "3000", "--seed", "1")
    for name, extra in PEOPLE:
        invoke("add", name, *extra)


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo journal file with the people above added; built once, copied for each test."""
    from typer.testing import CliRunner

    from connect_cli.cli.app import app

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    runner = CliRunner()
    env = {"CONNECT_TODAY": "2026-11-22", "NO_COLOR": "1"}

    def invoke(*args: str) -> None:
        result = runner.invoke(app, ["--db", str(path), *args], env=env, catch_exceptions=False)
        assert result.exit_code == 0, result.stdout

    _build(invoke)
    return path


@pytest.fixture
def journal(request: pytest.FixtureRequest, private_journal: Path | str, ok: Run) -> None:
    """The test's journal holds the demo and the people above: a copy of the module's file on
    SQLite, built in the test's own database on a server."""
    if isinstance(private_journal, str):
        _build(ok)
        return
    private_journal.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(request.getfixturevalue("demo_journal"), private_journal)


def found(ok: Run, *args: str) -> list[dict]:  # type: ignore[type-arg]
    return ok("search", *args, "--json").json()  # type: ignore[return-value]


@pytest.mark.parametrize(("query", "name", "source"), FOUND_BY)
def test_search_finds_the_right_person(
    ok: Run, journal: None, query: str, name: str, source: str
) -> None:
    people = {p["name"]: p for p in found(ok, query)}
    assert name in people, (query, list(people))
    assert source in {m["source"] for m in people[name]["matches"]}
    # and the snippet marks what was found
    assert any(m["matched"] for m in people[name]["matches"])


def test_show_and_list_fold_the_letters_that_do_not_decompose(ok: Run, journal: None) -> None:
    assert "Łukasz Wójcik" in ok("show", "lukasz wojcik").stdout
    assert "Ingrid Sørensen" in ok("list", "sorensen").stdout
    assert "Bjørn Ødegaard" in ok("show", "bjorn odegaard").stdout
    assert "Đorđe Petrović" in ok("show", "dorde").stdout
    # the demo has other Łukasz: `show lukasz` asks which one, and Łukasz Wójcik is among them
    result = ok("list", "lukasz")
    assert "Łukasz Wójcik" in result.stdout


def test_show_lukasz_on_its_own(ok: Run) -> None:
    ok("add", "Łukasz Wójcik")
    assert "Łukasz Wójcik" in ok("show", "lukasz").stdout
    assert "Łukasz Wójcik" in ok("show", "ŁUKASZ").stdout


def test_a_cjk_name_is_found_by_either_part(ok: Run) -> None:
    for name in ("山田太郎", "王小明", "김민준"):
        ok("add", name)
    assert "山田太郎" in ok("show", "太郎").stdout
    assert "山田太郎" in ok("show", "山田").stdout
    assert "王小明" in ok("show", "小明").stdout
    assert "김민준" in ok("show", "민준").stdout


def test_a_name_is_never_stemmed_into_another_name(ok: Run) -> None:
    ok("add", "William Hart", "--note", "Lunch with the engineers")
    ok("add", "Hans Berg")
    ok("add", "Mei Han", "--note", "Talked about the Williams sisters")
    # "williams" is a word of a note, never William's name made plural
    assert [p["name"] for p in found(ok, "williams")] == ["Mei Han"]
    assert [p["name"] for p in found(ok, "hans")] == ["Hans Berg"]  # not Han
    assert [p["name"] for p in found(ok, "william")] == ["William Hart"]  # not the note's Williams
    assert [p["name"] for p in found(ok, "engineer")] == ["William Hart"]  # prose: inflected


def test_location_tags_emails_and_phones_are_searchable(ok: Run) -> None:
    ok(
        "add",
        "Ann Lee",
        "--location",
        "Kraków",
        "--tag",
        "climbing",
        "--email",
        "ann.lee@example.org",
        "--phone",
        "+1 (555) 010-0199",
    )
    for query, source in [
        ("krakow", "location"),
        ("climbing", "tag"),
        ("ann.lee@example.org", "email"),
        ("5550100199", "phone"),
        ("010-0199", "phone"),
    ]:
        [person] = found(ok, query)
        assert person["name"] == "Ann Lee"
        assert source in {m["source"] for m in person["matches"]}, query
    assert "location: Kraków" in ok("search", "krakow").stdout


def test_a_phone_edit_and_a_dropped_tag_keep_the_index_in_step(ok: Run) -> None:
    ok("add", "Ann Lee", "--tag", "climbing")
    ok("edit", "ann", "--drop", "tag:climbing")
    assert found(ok, "climbing") == []


def test_a_single_cjk_character_finds_the_words_it_starts_and_ends(ok: Run) -> None:
    ok("add", "山田太郎")
    assert [p["name"] for p in found(ok, "郎")] == ["山田太郎"]
    assert [p["name"] for p in found(ok, "山")] == ["山田太郎"]


# --- WHO, list and search agree ------------------------------------------------------------------

LATIN = ["an", "na", "ło", "øs", "ßa", "đo", "æl", "öz", "ré", "ck", "ıl", "li", "O'", "Þó", "ja"]
CJK = ["山", "田", "太", "郎", "王", "小", "明", "김", "민", "준"]
latin_word = st.lists(st.sampled_from(LATIN), min_size=1, max_size=3).map(
    lambda parts: "".join(parts).strip("'").capitalize()
)
cjk_word = st.lists(st.sampled_from(CJK), min_size=2, max_size=4).map("".join)
name = st.one_of(
    st.lists(latin_word.filter(bool), min_size=1, max_size=3).map(" ".join),
    cjk_word,
)


def queries_for(full_name: str) -> list[str]:
    """What a person might type for this name: all of it, each word, each word's fold."""
    words = full_name.split()
    return [full_name, *words, *(fold(w) for w in words)]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(name, min_size=1, max_size=3, unique_by=fold))
def test_who_list_and_search_agree(run: Run, names: list[str]) -> None:
    """If `show X` finds a person, `search X` and `list X` find them too."""
    folder = Path(tempfile.mkdtemp(prefix="connect-agree-"))
    try:
        db = ["--db", str(folder / "j.db")]
        for person in names:
            assert run(*db, "add", person, "--duplicate").exit_code == 0
        ids = {
            row[1]: row[0]
            for row in sqlite3.connect(folder / "j.db").execute("SELECT id, name FROM contact")
        }
        for person in names:
            for query in queries_for(person):
                shown = run(*db, "show", query)
                if shown.exit_code != 0 or f"#{ids[person]}" not in shown.stdout + person:
                    continue
                if person not in shown.stdout:
                    continue
                searched = run(*db, "search", query, "--json")
                assert person in {p["name"] for p in searched.json()}, (query, person)  # type: ignore[union-attr]
                listed = run(*db, "list", query)
                assert person in listed.stdout, (query, person)
    finally:
        shutil.rmtree(folder)


# --- the upgrade (migration 0003) -----------------------------------------------------------------

JOURNALS = TESTS / "journals"


def kept_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the search index's own (which the upgrade rebuilds)."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'search_index%' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version'"
            )
        ]
        return {t: sorted(_old_columns(connection, t), key=repr) for t in tables}
    finally:
        connection.close()


def _old_columns(connection: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    """A table's rows without the columns later schemas add (the derived last contact, one-off
    dates, met needs)."""
    later = {"last_contact_on", "once", "met_on", "met_by_id"}
    columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')]
    kept = ", ".join(f'"{c}"' for c in columns if c not in later)
    return connection.execute(f'SELECT {kept} FROM "{table}"').fetchall()


OLD_FILES = "the kept journals of schema 1 and 2 are SQLite files; no server journal had them"


@sqlite_only(OLD_FILES)
@pytest.mark.parametrize("kept", ["v1.db", "v2.db"])
def test_an_old_journal_upgrades_keeps_every_row_and_finds_every_script(
    ok: Run, journal_file: Path, kept: str
) -> None:
    from connect_cli.journal.sqlite import SCHEMA_VERSION

    journal_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(JOURNALS / kept, journal_file)
    before = kept_rows(journal_file)
    assert [p["name"] for p in found(ok, "李小龙")]  # v1's hostile text holds a Chinese name
    connection = sqlite3.connect(journal_file)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
    connection.close()
    after = kept_rows(journal_file)
    assert {t: after[t] for t in before} == before
    # tables later schemas add start empty, but for the derived name_word (0009, from every
    # name) and interaction_day_count (0010, from every interaction)
    derived = {"name_word", "interaction_day_count"}
    assert all(after[t] == [] for t in set(after) - set(before) - derived)
    counted = sum(r[2] for r in after.get("interaction_day_count", []))
    assert counted == len(after["interaction"])
    assert after["name_word"] and {r[1] for r in after["name_word"]} <= {
        r[0] for r in after["contact"]
    }
    # every source row is in the index
    connection = sqlite3.connect(journal_file)
    notes = connection.execute("SELECT COUNT(*) FROM interaction WHERE text != ''").fetchone()[0]
    indexed = connection.execute("SELECT COUNT(*) FROM search_index WHERE rowid % 16 = 0")
    assert indexed.fetchone()[0] == notes
    connection.close()
    if kept == "v2.db":
        for query, name in [
            ("東京", "山田太郎"),
            ("咖啡店", "王小明"),
            ("김민준", "김민준"),
            ("친구", "김민준"),  # a tag
            ("lukasz", "Łukasz Wójcik"),
            ("krakow", "Łukasz Wójcik"),  # location and company
            ("123456789", "Łukasz Wójcik"),  # a phone's digits, without +48
            ("engineer", "Łukasz Wójcik"),
            ("strasse", "Ingrid Sørensen"),
            ("obrien", "Conor O'Brien"),
        ]:
            assert name in [p["name"] for p in found(ok, query)], query


@sqlite_only(OLD_FILES + " (and FTS5)")
def test_downgrade_gives_back_the_0002_index(journal_file: Path) -> None:
    from alembic import command

    from connect_cli.journal.sqlite import locate_journal
    from connect_cli.write.migrate import alembic_config, upgrade
    from connect_cli.write.session import make_engine

    journal_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    shutil.copyfile(JOURNALS / "v2.db", journal_file)
    location = locate_journal(str(journal_file))
    upgrade(location)
    engine = make_engine(location)
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    engine.dispose()
    connection = sqlite3.connect(journal_file)
    schema = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'search_index'")
    assert "terms" not in schema.fetchone()[0]
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
    hits = connection.execute(
        "SELECT COUNT(*) FROM search_index WHERE search_index MATCH 'zurich OR linda'"
    ).fetchone()[0]
    connection.close()
    assert hits > 0


# --- names in their own order -------------------------------------------------------------------


def test_imported_names_in_their_own_order_found_by_part_and_reading(
    ok: Run, tmp_path: Path
) -> None:
    google = tmp_path / "google.csv"
    google.write_text(
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Last Name,Labels\n"
        "太郎,,山田,Taro,Yamada,* myContacts\n"
        "小明,,王,Xiaoming,Wang,* myContacts\n"
        "Ann,,Lee,,,* myContacts\n",
        encoding="utf-8",
    )
    vcard = tmp_path / "people.vcf"
    vcard.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:김;민준;;;\r\nX-PHONETIC-FIRST-NAME:Minjun\r\n"
        "X-PHONETIC-LAST-NAME:Kim\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    ok("import", str(google))
    ok("import", str(vcard))
    listed = ok("list").stdout
    assert all(name in listed for name in ("山田太郎", "王小明", "김민준", "Ann Lee"))
    for who, name in [
        ("山田太郎", "山田太郎"),
        ("太郎", "山田太郎"),
        ("山田", "山田太郎"),
        ("yamada", "山田太郎"),
        ("taro yamada", "山田太郎"),
        ("小明", "王小明"),
        ("xiaoming", "王小明"),
        ("민준", "김민준"),
        ("minjun", "김민준"),
    ]:
        assert name in ok("show", who).stdout, who
    assert "山田太郎" in [p["name"] for p in found(ok, "yamada")]


def test_wide_characters_line_up_in_tables_and_cards(ok: Run, terminal: None) -> None:
    from rich.cells import cell_len

    ok("add", "王小明", "-c", "深圳科技", "--tag", "朋友")
    ok("add", "Ann Lee")
    ok("log", "王小明", "在上海的咖啡店见面", "--kind", "meal")
    ok("log", "ann", "Coffee", "--kind", "meal")
    card = ok("show", "王小明").stdout.splitlines()
    assert len({cell_len(line) for line in card if line[:1] in "╭│╰"}) == 1
    timeline = [line for line in card if "meal" in line]
    assert timeline and "在上海的咖啡店见面" in timeline[0]
    header, *rows = ok("list").stdout.splitlines()
    column = cell_len(header[: header.index("Last contact")])
    assert [cell_len(row[: row.index("today")]) for row in rows] == [column, column]
