"""`connect intros` and `connect intro` from the shell: the whole helping story, and its errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import Run, journal_dump


def circle(ok: Run) -> None:
    ok("add", "Priya Shah", "--need", "intros to fintech angels", "--note", "Coffee")
    ok("add", "Tom Becker", "--offer", "angel and seed investing in fintech", "--via", "priya")
    ok("add", "Linda Holcman", "-c", "Acme", "--need", "hiring a VP Sales")
    ok("add", "Sam Ortiz", "--title", "VP Sales", "-c", "Globex")
    ok("add", "Erin Old", "--offer", "fintech angel syndicate")
    ok("archive", "erin")


def test_the_whole_story_from_need_to_thanks(ok: Run, run: Run) -> None:
    circle(ok)
    # intros suggests the right person, and says why in one line
    out = ok("intros", "priya").stdout
    assert "Introduce Priya Shah to Tom Becker" in out
    assert "angel and seed investing in fintech" in out and "fintech" in out
    assert "Erin" not in ok("intros", "--limit", "50").stdout  # archived: never suggested
    # intro logs it with both, and promises to ask both
    logged = ok("intro", "priya", "tom", "--for", "fintech angels", "--note", "Emailed both",
                "--check-in", "2w").stdout  # fmt: skip
    assert "Logged introduction #1" in logged and "2026-12-06" in logged
    assert "Introduce Priya Shah to Tom Becker" not in ok("intros").stdout  # already introduced
    shown = ok("show", "tom").stdout
    assert "intro" in shown and "Introduced Priya Shah to Tom Becker" in shown
    # the check-in comes due in today as promises, not before
    assert "how the introduction" not in ok("today").stdout
    due = ok("today", env={"CONNECT_TODAY": "2026-12-07"}).stdout
    assert "Ask Priya Shah how the introduction to Tom Becker went" in due
    assert "Ask Tom Becker how the introduction to Priya Shah went" in due
    # the need is still a Talk-about hook until it is met
    # --outcome helped closes the need and keeps the check-ins
    done = ok("intro", "1", "--outcome", "helped", "--note", "Tom invested").stdout
    assert "helped" in done and "Need met" in done
    after = ok("today", env={"CONNECT_TODAY": "2026-12-07"}).stdout
    assert "how the introduction" not in after
    assert ok("show", "priya", "--json").json()["facts"]["needs"] == []
    assert ok("intros", "priya", "--json").json() == []
    # prep shows the whole history
    prep = ok("prep", "priya").stdout
    assert "Helping" in prep and "#1 2026-11-22 Priya Shah → Tom Becker" in prep
    assert "Need met: “intros to fintech angels” on 2026-11-22 through Tom Becker" in prep
    assert "Tom invested" in prep
    doc = ok("prep", "priya", "--json").json()["helping"]
    assert doc["met_needs"] == [
        {
            "need": "intros to fintech angels",
            "on": "2026-11-22",
            "by": {"id": 2, "name": "Tom Becker"},
        }
    ]
    assert doc["introduced_you_to"] == 1
    assert "Priya Shah has introduced you to 1 person; thank them." in prep
    made = ok("intros", "--made", "--json").json()
    assert [(m["id"], m["outcome"], m["outcome_note"]) for m in made] == [
        (1, "helped", "Tom invested")
    ]


def test_titles_meet_needs_and_edit_met_closes_one(ok: Run) -> None:
    circle(ok)
    found = ok("intros", "linda", "--json").json()
    assert [(s["helper"]["name"], s["offer"]) for s in found] == [("Sam Ortiz", None)]
    assert "Sam Ortiz's profile says so" in ok("intros", "linda").stdout
    ok("edit", "linda", "--met", "vp sales")
    assert ok("intros", "linda", "--json").json() == []
    card = ok("show", "linda", "--json").json()
    assert card["facts"]["needs"] == [] and card["helping"]["met_needs"][0]["by"] is None
    assert "hiring a VP Sales" not in ok("today", "--json").stdout


def test_intro_errors_are_one_sentence(run: Run, ok: Run) -> None:
    circle(ok)
    cases = [
        (("intro", "priya"), "Name two people"),
        (("intro", "priya", "priya"), "two different people"),
        (("intro", "priya", "tom", "--for", "a yacht"), "has an open need like"),
        (("intro", "9", "--outcome", "helped"), "no introduction #9"),
        (("intro", "x1", "--outcome", "helped"), "not an introduction number"),
        (("intro", "priya", "tom", "--check-in", "soonish"), "--check-in needs a period"),
        (("edit", "priya", "--met", "a yacht"), "no open need like"),
        (("edit", "priya", "--met", "fintech", "--title", "CEO"), "on its own"),
        (("intros", "priya", "--made"), "leave WHO out"),
        (("intros", "--limit", "0"), "--limit"),
    ]
    ok("intro", "priya", "tom")
    cases.append((("intro", "1", "--outcome", "maybe"), "Unknown outcome"))
    for args, words in cases:
        result = run(*args)
        assert result.exit_code != 0 and result.stdout == "", args
        assert words in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)


def left_in_journal(journal: Path | str) -> bytes:
    """What a forgotten text must be gone from: the journal file's bytes on SQLite; on a server,
    every row of every table (its own files are tests/cli/test_postgres.py's)."""
    if isinstance(journal, Path):
        return journal.read_bytes()
    return repr(journal_dump(journal)).encode()


def test_forget_erases_one_side_and_merge_moves_it(ok: Run, private_journal: Path | str) -> None:
    circle(ok)
    ok("intro", "priya", "tom", "--for", "fintech")
    ok("intro", "linda", "sam")
    ok("add", "Sam Ortiz", "--duplicate", "--title", "VP Sales")
    ok("merge", "#4", "#6", "--yes")  # the Sam who was introduced folds into the one kept
    assert ok("intros", "--made", "--json").json()[0]["helper"] == {"id": 6, "name": "Sam Ortiz"}
    ok("forget", "priya", "--yes")
    made = ok("intros", "--made", "--json").json()
    forgotten = next(m for m in made if m["id"] == 1)
    assert forgotten["person"] is None and forgotten["need"] is None
    assert forgotten["helper"] == {"id": 2, "name": "Tom Becker"}
    raw = left_in_journal(private_journal)
    assert b"fintech angels" not in raw and b"Priya" not in raw
    assert "Ask Tom Becker how the introduction to (forgotten) went" in ok("followups").stdout
    assert "(forgotten) → Tom Becker" in ok("intros", "--made").stdout
    ok("intro", "1", "--outcome", "helped", "--note", "a private outcome")
    ok("forget", "tom", "--yes")  # both sides gone: the record goes whole, its notes with it
    assert [m["id"] for m in ok("intros", "--made", "--json").json()] == [2]
    assert b"a private outcome" not in left_in_journal(private_journal)


def test_merging_the_two_sides_of_an_introduction_drops_it(ok: Run) -> None:
    circle(ok)
    ok("intro", "priya", "tom", "--for", "fintech")
    ok("merge", "tom", "priya", "--yes")  # Tom was Priya all along
    assert ok("intros", "--made", "--json").json() == []


def test_json_export_import_keeps_introductions(ok: Run, tmp_path: Path) -> None:
    circle(ok)
    ok("intro", "priya", "tom", "--for", "fintech")
    ok("intro", "1", "--outcome", "helped")
    out = tmp_path / "all.json"
    ok("export", "--format", "json", "-o", str(out))
    doc = ok("export", "--format", "json").json()
    assert doc["introductions"][0]["outcome"] == "helped"
    assert [f["met_by_id"] for f in doc["facts"] if f["met_on"]] == [2]
    other = tmp_path / "other.db"
    ok("import", str(out), "--yes", env={"CONNECT_DB": str(other)})
    again = ok("export", "--format", "json", env={"CONNECT_DB": str(other)}).json()
    assert again["introductions"] == doc["introductions"] and again["facts"] == doc["facts"]
    with sqlite3.connect(other) as connection:
        assert connection.execute("SELECT kind FROM interaction WHERE kind = 'intro'").fetchall()


def test_today_offers_one_introduction_a_day_and_moves_on(ok: Run) -> None:
    circle(ok)
    ok("add", "Ann Lee", "--offer", "recruits VP Sales candidates")
    first = ok("today").stdout
    assert first.count("\nHelp\n") == 1 and "Introduce Priya Shah to Tom Becker" in first
    assert ok("today").stdout == first  # the same day: the same one, remembered
    doc = ok("today", "--json").json()["help"]
    assert (doc["person"]["name"], doc["helper"]["name"]) == ("Priya Shah", "Tom Becker")
    # the next day: the best one not shown this week
    nxt = ok("today", "--json", env={"CONNECT_TODAY": "2026-11-23"}).json()["help"]
    assert (nxt["person"]["name"], nxt["helper"]["name"]) != ("Priya Shah", "Tom Becker")
    assert ok("today", "--json", env={"CONNECT_TODAY": "2026-11-23"}).json()["help"] == nxt
    # a week later the first may come back; once introduced, never
    ok("intro", "priya", "tom")
    later = ok("today", "--json", env={"CONNECT_TODAY": "2026-12-30"}).json()["help"]
    assert later is None or later["helper"]["name"] != "Tom Becker"


@pytest.mark.parametrize(
    "refusal", ["busy", "read-only"], ids=["another writer holds it", "it takes no writes"]
)
def test_today_shows_its_help_when_the_journal_cannot_remember_it(
    ok: Run, monkeypatch: pytest.MonkeyPatch, refusal: str
) -> None:
    """The day's pick is a memo: a journal that cannot take it still gets the whole list."""
    import sqlite3

    from connect_cli.domain.errors import JournalBusy
    from connect_cli.write import help_shown

    circle(ok)
    ok("add", "Ann Lee", "--offer", "recruits VP Sales candidates")

    def refuse(*_: object) -> None:
        if refusal == "busy":
            raise JournalBusy()
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(help_shown, "record_shown", refuse)
    monkeypatch.setattr(help_shown, "record_shown_on_server", refuse)
    said = ok("today").stdout
    assert "\nHelp\n" in said and "Introduce Priya Shah to Tom Becker" in said
    assert ok("today", "--json").json()["help"]["helper"]["name"] == "Tom Becker"


def test_today_reads_its_list_and_its_help_in_one_snapshot(
    ok: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One read transaction per read command (issue #19): the list and the Help agree."""
    from connect_cli.journal import postgres, sqlite

    circle(ok)
    opened: list[str] = []
    for module, name in ((sqlite, "read_sqlite"), (postgres, "read_postgres")):
        real = getattr(module, name)

        def counted(*args: object, _real=real, _name=name, **kwargs: object):  # type: ignore[no-untyped-def]
            opened.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    for _ in range(2):  # the day's first run (ranks, remembers) and a later one (remembered)
        opened.clear()
        said = ok("today").stdout
        assert "Introduce Priya Shah to Tom Becker" in said
        assert len(opened) == 1, opened


def test_a_remembered_introduction_is_not_matched_again(
    ok: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from connect_cli.core import intros

    circle(ok)
    rankings: list[object] = []
    whole_journal = intros.suggestions_in

    def counted(*args: object, **kwargs: object) -> object:
        rankings.append(args)
        return whole_journal(*args, **kwargs)

    monkeypatch.setattr(intros, "suggestions_in", counted)
    first = ok("today").stdout
    assert "Introduce Priya Shah to Tom Becker" in first and len(rankings) == 1
    # the rest of the day: only the remembered pair is weighed, and it reads the same
    assert ok("today").stdout == first and len(rankings) == 1
    # once it is no longer worth making (introduced), the day moves on to the whole ranking
    ok("intro", "priya", "tom")
    assert "Introduce Priya Shah to Tom Becker" not in ok("today").stdout
    assert len(rankings) == 2


def test_today_has_no_help_section_without_needs(ok: Run) -> None:
    ok("add", "Solo Person", "--note", "hello")
    out = ok("today")
    assert "Help" not in out.stdout and ok("today", "--json").json()["help"] is None


def test_markdown_export_tells_the_helping_history(ok: Run) -> None:
    circle(ok)
    ok("intro", "priya", "tom", "--for", "fintech")
    ok("intro", "1", "--outcome", "helped", "--note", "Tom *invested*")
    text = ok("export", "--format", "markdown").stdout
    priya = text.split("## Priya Shah", 1)[1].split("\n## ", 1)[0]
    assert "### Helping" in priya
    assert "- 2026-11-22 introduced to Tom Becker for “intros to fintech angels” · helped" in priya
    assert "Tom \\*invested\\*" in priya  # user text stays text
    assert "need met 2026-11-22: intros to fintech angels (through Tom Becker)" in priya
    tom = text.split("## Tom Becker", 1)[1].split("\n## ", 1)[0]
    assert "introduced Priya Shah for" in tom
