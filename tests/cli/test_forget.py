"""`connect forget`: a person is erased from the journal file itself, not just hidden."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Run, sqlite_only

# One distinctive string per field; none of them occurs anywhere else.
SECRETS = {
    "name": "Quillonia Vexbridge",
    "company": "Zarnowick Holdings",
    "title": "Chief Xylograph Officer",
    "location": "Plimsworth Quay",
    "met_at": "Snorkfest Ninetyfour",
    "nickname": "Quilly-Vex",
    "email": "quillonia.vex@zarnowick.test",
    "phone": "+1 555 0199 7731",
    "url": "https://vexbridge.example/quill",
    "tag": "zarnotag",
    "like": "fermented kumquats",
    "family": "Thaddeus (grandson, 4)",
    "need": "a lighthouse keeper",
    "fact": "collects Byzantine buttons",
    "date label": "Vexbridge founding",
    "note": "Secret plans for Operation Gooseberry",
    "follow-up": "Return the brass astrolabe",
    "log": "Phoned about the Marmalade affair",
}


def raw_hits(journal: Path, needles: list[str]) -> dict[str, int]:
    """How often each string occurs in the bytes of the journal and its -wal/-shm."""
    blobs = [
        p.read_bytes()
        for p in (
            journal,
            journal.with_name(journal.name + "-wal"),
            journal.with_name(journal.name + "-shm"),
        )
        if p.exists()
    ]
    hits = {}
    for needle in needles:
        forms = {needle.encode("utf-8"), needle.encode("utf-16-le"), needle.lower().encode("utf-8")}
        hits[needle] = sum(blob.count(form) for blob in blobs for form in forms)
    return hits


@pytest.fixture
def crowd(ok: Run) -> None:
    s = SECRETS
    ok("add", "Linda Holcman", "-c", "Acme", "--note", "Linda's own note")
    ok(
        "add",
        s["name"],
        "-c",
        s["company"],
        "--title",
        s["title"],
        "--location",
        s["location"],
        "--met-at",
        s["met_at"],
        "--nickname",
        s["nickname"],
        "-e",
        s["email"],
        "-p",
        s["phone"],
        "--url",
        s["url"],
        "-t",
        s["tag"],
        "--like",
        s["like"],
        "--family",
        s["family"],
        "--need",
        s["need"],
        "--fact",
        s["fact"],
        "--date",
        f"{s['date label']}=03-01",
        "--birthday",
        "1971-05-06",
        "--note",
        s["note"],
        "--follow-up",
        s["follow-up"],
        "--due",
        "friday",
        "--via",
        "linda",
    )
    ok("log", "quillonia", s["log"], "-k", "call")
    ok("log", "linda", "Lunch with both of them", "--with", "quillonia")
    ok("add", "Bob Stone", "--via", "quillonia", "--like", "jazz")


@sqlite_only(
    "the raw bytes of the .db/-wal/-shm files and PRAGMA checks; a server's files are "
    "tests/cli/test_postgres.py's "
    "(test_forget_leaves_none_of_the_persons_text_in_the_servers_files)"
)
def test_forget_leaves_no_byte_of_them_in_the_file(
    ok: Run, crowd: None, journal_file: Path
) -> None:
    needles = list(SECRETS.values())
    before = raw_hits(journal_file, needles)
    assert all(before[n] > 0 for n in needles), [n for n in needles if not before[n]]
    ok("forget", "quillonia", "--yes")
    after = raw_hits(journal_file, needles)
    print(
        f"\nforget: {len(needles)} strings, {sum(before.values())} hits before, "
        f"{sum(after.values())} after in the .db/-wal/-shm bytes"
    )
    assert sum(after.values()) == 0, {n: c for n, c in after.items() if c}
    connection = sqlite3.connect(journal_file)
    assert connection.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_forget_keeps_everyone_else_and_shared_history(ok: Run, run: Run, crowd: None) -> None:
    ok("forget", "quillonia", "--yes")
    assert [r["name"] for r in ok("list", "--json").json()] == ["Bob Stone", "Linda Holcman"]  # type: ignore[index,union-attr]
    linda = ok("show", "linda", "--json").json()
    shared = {i["text"]: i["with"] for i in linda["interactions"]}  # type: ignore[index]
    assert shared["Lunch with both of them"] == [] and "Linda's own note" in shared
    bob = ok("show", "bob", "--json").json()
    assert bob["facts"]["likes"] == ["jazz"] and bob["introduced_by"] is None  # type: ignore[index]
    result = run("show", "quillonia")
    assert result.exit_code == 1 and "Nobody" in result.stderr


def test_forget_reports_what_went(ok: Run, crowd: None) -> None:
    out = ok("forget", "quillonia", "--yes").stdout
    assert "Forgot Quillonia Vexbridge" in out
    assert "2 interactions erased" in out and "1 shared interaction kept" in out


def test_forget_needs_yes_without_a_terminal(run: Run, crowd: None, dump) -> None:
    before = dump()
    result = run("forget", "quillonia")
    assert result.exit_code == 1 and "--yes" in result.stderr and result.stdout == ""
    assert dump() == before


def test_forget_asks_on_a_terminal(run: Run, crowd: None, dump, monkeypatch) -> None:
    from connect_cli.cli.context import Env

    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    before = dump()
    result = run("forget", "quillonia", input="n\n")
    assert result.exit_code == 1 and dump() == before
    result = run("forget", "quillonia", input="y\n")
    assert result.exit_code == 0 and dump() != before


def test_forget_never_guesses_between_people(run: Run, ok: Run, dump) -> None:
    ok("add", "Sam Lee")
    ok("add", "Sam Park")
    before = dump()
    result = run("forget", "sam", "--yes")
    assert result.exit_code == 1 and "2 people match" in result.stderr
    assert dump() == before
    result = run("forget", "nobody at all", "--yes")
    assert result.exit_code == 1 and "Nobody" in result.stderr and dump() == before


def test_archive_is_mentioned_as_the_gentle_option(ok: Run) -> None:
    assert "archive" in ok("forget", "--help").stdout


PROBE_FTS = [
    "CREATE VIRTUAL TABLE probe_fts USING fts5(text, content='interaction', content_rowid='id')",
    "INSERT INTO probe_fts(probe_fts) VALUES ('rebuild')",
    "CREATE TRIGGER probe_ad AFTER DELETE ON interaction BEGIN "
    "INSERT INTO probe_fts(probe_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
]
TOKENS = ["gooseberry", "marmalade"]  # words of their notes, as FTS5 stores them (lower case)


def _fts_hits(journal: Path) -> int:
    # Terms on an FTS5 leaf are prefix-compressed: look for the tail of each word.
    return sum(raw_hits(journal, [t[3:] for t in TOKENS]).values())


@sqlite_only(
    "an FTS5 table added by hand and the deleted tokens left in its bytes: a server's search "
    "index has no FTS5 tables"
)
def test_forget_purges_a_full_text_index(ok: Run, crowd: None, journal_file: Path) -> None:
    """Any FTS5 table in the journal is rebuilt and optimised: deleted tokens would stay otherwise."""
    connection = sqlite3.connect(journal_file)
    for statement in PROBE_FTS:
        connection.execute(statement)
    connection.commit()
    assert (
        connection.execute(
            "SELECT count(*) FROM probe_fts WHERE probe_fts MATCH 'gooseberry'"
        ).fetchone()[0]
        == 1
    )
    connection.close()
    assert _fts_hits(journal_file) > 0
    ok("forget", "quillonia", "--yes")
    assert _fts_hits(journal_file) == 0
    assert sum(raw_hits(journal_file, list(SECRETS.values())).values()) == 0
    connection = sqlite3.connect(journal_file)
    connection.execute("INSERT INTO probe_fts(probe_fts) VALUES ('integrity-check')")
    assert (
        connection.execute(
            "SELECT count(*) FROM probe_fts WHERE probe_fts MATCH 'lunch'"
        ).fetchone()[0]
        == 1
    )  # the shared interaction is still found
    connection.close()


def test_without_optimize_fts5_keeps_deleted_tokens(tmp_path: Path) -> None:
    """Why forget optimises: a plain delete leaves the token in the index's bytes."""
    path = tmp_path / "fts.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("CREATE VIRTUAL TABLE f USING fts5(body)")
    connection.execute("INSERT INTO f (body) VALUES ('the gooseberry file')")
    connection.commit()
    connection.execute("INSERT INTO f (body) VALUES ('other words')")
    connection.execute("DELETE FROM f WHERE body LIKE '%gooseberry%'")
    connection.commit()
    connection.execute("VACUUM")
    assert b"oseberry" in path.read_bytes()
    connection.execute("INSERT INTO f(f) VALUES ('optimize')")
    connection.commit()
    connection.execute("VACUUM")
    connection.close()
    assert b"oseberry" not in path.read_bytes()


def test_forget_says_when_the_file_could_not_be_compacted(
    ok: Run, crowd: None, monkeypatch
) -> None:
    # A reader holds the journal past the busy timeout: a file's VACUUM, or a server's VACUUM FULL.
    monkeypatch.setattr("connect_cli.write.forget._scrub", lambda path: False)
    monkeypatch.setattr("connect_cli.journal.postgres.scrub_server", lambda location: False)
    out = ok("forget", "quillonia", "--yes").stdout
    assert "Forgot Quillonia Vexbridge" in out and "could not be compacted" in out
