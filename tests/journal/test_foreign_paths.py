"""Never touch what isn't ours: a path that is not a connect journal is refused, left as it was.

Every command is run against --db pointing at a folder, a text file, an empty file, another
program's SQLite database, a link to each of them, a broken link and a path in a missing folder.
Each must exit 1 with one sentence on stderr and leave the path, its mode and its neighbours (no
-wal/-shm, no new folder) exactly as they were. Paths given to backup, restore, export and import
follow the same rule.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from connect_cli.cli.commands import COMMAND_MODULES
from connect_cli.journal.sqlite import APPLICATION_ID, SCHEMA_VERSION
from tests.conftest import TESTS, TODAY, Run, sqlite_only

V1 = TESTS / "journals" / "v1.db"

# One invocation per command, with arguments it would accept on a real journal, so that the only
# thing wrong is the journal path. {vcf}, {out} and {backup} are filled in per test.
COMMANDS: dict[str, list[str]] = {
    "today": ["today"],
    "list": ["list"],
    "show": ["show", "Ann"],
    "search": ["search", "sailing"],
    "followups": ["followups"],
    "prep": ["prep", "Ann"],
    "add": ["add", "Ann Example", "--passion", "sailing"],
    "log": ["log", "Ann", "coffee"],
    "edit": ["edit", "Ann", "--company", "Acme"],
    "import": ["import", "{vcf}", "--yes"],
    "import --dry-run": ["import", "{vcf}", "--dry-run"],
    "export": ["export", "-o", "{out}/notes.csv"],
    "export to stdout": ["export", "--format", "json"],
    "backup": ["backup", "{out}/copy.db"],
    "restore": ["restore", "{backup}", "--yes"],
    "doctor": ["doctor"],
    "demo": ["demo", "--contacts", "3", "--interactions", "5"],
    "config": ["config"],
    "config every": ["config", "every", "60d"],
    "where": ["where"],
    "merge": ["merge", "Ann", "Bob", "--yes"],
    "forget": ["forget", "Ann", "--yes"],
    "archive": ["archive", "Ann"],
    "snooze": ["snooze", "Ann", "2w"],
    "done": ["done", "1"],
    "feed": ["feed"],
    "stats": ["stats"],
    "review": ["review"],
    "intros": ["intros"],
    "intro": ["intro", "Ann", "Bob"],
    "fix": ["fix", "1", "A better note"],
    "unlog": ["unlog", "1", "--yes"],
    "promise": ["promise", "1", "--due", "friday"],
    "cancel": ["cancel", "1"],
    "history": ["history"],
}

KINDS = (
    "folder",
    "text",
    "empty",
    "sqlite",
    "link to folder",
    "link to text",
    "link to sqlite",
    "broken link",
    "missing folder",
)


def test_every_command_is_in_the_table() -> None:
    assert {args[0] for args in COMMANDS.values()} == set(COMMAND_MODULES)


# --- stand-ins ----------------------------------------------------------------------------------


def foreign_sqlite(path: Path) -> Path:
    """Another program's database: a table of its own, no application_id of ours."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE bookmarks (url TEXT)")
    connection.execute("INSERT INTO bookmarks VALUES ('https://example.test')")
    connection.commit()
    connection.close()
    path.chmod(0o644)
    return path


def text_file(path: Path) -> Path:
    path.write_text("my shopping list\n")
    path.chmod(0o644)
    return path


def folder(path: Path) -> Path:
    path.mkdir()
    (path / "inside.txt").write_text("keep me\n")
    path.chmod(0o755)
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    path.chmod(0o644)
    return path


def make_kind(place: Path, kind: str) -> Path:
    """The thing of KIND inside PLACE; returns the path to give to connect."""
    place.mkdir()
    makers = {"folder": folder, "text": text_file, "empty": empty_file, "sqlite": foreign_sqlite}
    if kind in makers:
        return makers[kind](place / f"{kind}.db")
    if kind.startswith("link to "):
        target = makers[kind.removeprefix("link to ")](place / "target")
        (place / "link.db").symlink_to(target)
        return place / "link.db"
    if kind == "broken link":
        (place / "link.db").symlink_to(place / "nowhere.db")
        return place / "link.db"
    assert kind == "missing folder"
    return place / "typo" / "x.db"


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every name under ROOT with its type, mode and bytes (or link target); links not followed."""
    seen: dict[str, tuple[object, ...]] = {}
    for folder_name, folders, files in os.walk(root):
        for name in folders + files:
            path = Path(folder_name) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                content: object = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = path.read_bytes()
            else:
                content = None
            seen[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), info.st_mode, content)
    seen["."] = (root.stat().st_mode,)
    return seen


@pytest.fixture(scope="module")
def backup_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real backup of a real journal, for `restore`."""
    from connect_cli.cli.app import app

    folder_ = tmp_path_factory.mktemp("real")
    env = {"CONNECT_DB": str(folder_ / "connect.db"), "CONNECT_TODAY": TODAY}
    for args in (["add", "Ann Example"], ["backup", str(folder_ / "backup.db")]):
        assert CliRunner().invoke(app, args, env=env).exit_code == 0
    return folder_ / "backup.db"


@pytest.fixture
def vcf(tmp_path: Path) -> Path:
    card = tmp_path / "inbox" / "ann.vcf"
    card.parent.mkdir()
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Example\r\nEND:VCARD\r\n")
    return card


def said(stderr: str) -> str:
    """What stderr says, as the console may have wrapped it, on one line."""
    return " ".join(stderr.split())


def one_sentence(stderr: str) -> bool:
    """One "Error: …." sentence (the console may wrap it): no second sentence after a full stop."""
    text = said(stderr)
    return (
        text.startswith("Error: ")
        and text.endswith(".")
        and re.search(r"\.\s+[A-Z]", text[:-1]) is None
    )


# --- every command × every kind of foreign path -------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_foreign_journal_path_is_refused_and_left_alone(
    run: Run, tmp_path: Path, vcf: Path, backup_file: Path, command: str, kind: str
) -> None:
    place = tmp_path / "place"
    given = make_kind(place, kind)
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(vcf=vcf, out=out, backup=backup_file) for a in COMMANDS[command]]
    before, backup_before = snapshot(place), backup_file.read_bytes()

    result = run("--db", str(given), *args)

    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert one_sentence(result.stderr), result.stderr
    assert "Traceback" not in result.stderr and str(given) in said(result.stderr)
    assert result.stdout.strip() == (str(given) if command == "where" else "")
    assert snapshot(place) == before
    assert list(out.iterdir()) == []
    assert backup_file.read_bytes() == backup_before


# --- a missing journal --------------------------------------------------------------------------

READS = ["today", "list", "show", "search", "followups", "prep", "export to stdout", "config"]


@pytest.mark.parametrize("command", READS + ["doctor", "backup"])
def test_a_read_never_creates_a_journal_it_was_pointed_at(
    run: Run, tmp_path: Path, command: str
) -> None:
    (tmp_path / "out").mkdir()
    given = tmp_path / "new.db"
    args = [a.format(out=tmp_path / "out") for a in COMMANDS[command]]
    before = sorted(p.name for p in tmp_path.iterdir())  # "out", and the test's own journal folder
    result = run("--db", str(given), *args)
    assert result.exit_code == 1 and one_sentence(result.stderr), result.stderr
    assert str(given) in said(result.stderr) and "connect where" in said(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == before and "out" in before


def test_a_write_starts_a_new_private_journal_in_an_existing_folder(
    ok: Run, tmp_path: Path
) -> None:
    place = tmp_path / "place"
    place.mkdir(mode=0o755)
    place.chmod(0o755)
    given = place / "new.db"
    ok("--db", str(given), "add", "Ann Example")
    assert stat.S_IMODE(given.stat().st_mode) == 0o600
    assert stat.S_IMODE(place.stat().st_mode) == 0o755  # the user's folder keeps its mode
    assert sorted(p.name for p in place.iterdir()) == ["new.db"]  # no -wal, no temporary file
    assert classify_header(given.read_bytes()[:100]) == "journal"  # marked before it appeared
    assert [p["name"] for p in ok("--db", str(given), "list", "--json").json()] == ["Ann Example"]  # type: ignore[index]


def test_where_names_a_missing_journal_and_says_how_to_start_it(ok: Run, tmp_path: Path) -> None:
    given = tmp_path / "new.db"
    result = ok("--db", str(given), "where")
    assert result.stdout.strip() == str(given)
    assert "connect add" in result.stderr
    assert not given.exists()


@sqlite_only(
    "the platform's default journal path (no --db, no CONNECT_DB), its file and folder modes "
    "and SQLite header: a server journal is always named by its URL"
)
def test_the_default_journal_is_made_on_first_read(run: Run, default_journal: Path) -> None:
    result = run("today")
    assert result.exit_code == 0 and "Nobody in your journal yet" in result.stderr + result.stdout
    assert stat.S_IMODE(default_journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(default_journal.parent.stat().st_mode) == 0o700
    assert classify_header(default_journal.read_bytes()[:100]) == "journal"
    assert sorted(p.name for p in default_journal.parent.iterdir()) == ["connect.db"]


@sqlite_only(
    "the platform's default journal path (no --db, no CONNECT_DB): a server journal is always "
    "named by its URL"
)
def test_the_default_journal_is_ours_even_through_where(ok: Run, default_journal: Path) -> None:
    assert ok("where").stdout.strip() == str(default_journal)
    assert not default_journal.parent.exists()  # `where` only looks


# --- our own journal, however it is reached -----------------------------------------------------


def test_an_old_journal_is_recognised_made_private_and_upgraded(ok: Run, tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes(V1.read_bytes())
    old.chmod(0o644)
    assert classify_header(V1.read_bytes()[:100]) == "journal"  # schema 1 set application_id
    ok("--db", str(old), "list")
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
    connection = sqlite3.connect(old)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_a_link_to_our_journal_is_followed(ok: Run, tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    ok("--db", str(real), "add", "Ann Example")
    link = tmp_path / "link.db"
    link.symlink_to(real)
    ok("--db", str(link), "log", "Ann", "coffee")
    assert link.is_symlink() and "Ann Example" in ok("--db", str(real), "list").stdout


# --- the header test itself ---------------------------------------------------------------------


def classify_header(header: bytes) -> str:
    from connect_cli.journal.sqlite import classify_header

    return classify_header(header)


def _header(app_id: int) -> bytes:
    return b"SQLite format 3\x00" + bytes(52) + app_id.to_bytes(4, "big") + bytes(28)


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (_header(APPLICATION_ID), "journal"),
        (_header(0), "sqlite"),
        (_header(42), "sqlite"),
        (b"", "empty"),
        (b"SQLite format 3\x00", "sqlite"),  # too short to hold an application_id
        (b"my shopping list\n", "other"),
        (_header(APPLICATION_ID)[:60], "sqlite"),
    ],
)
def test_classify_header(header: bytes, kind: str) -> None:
    assert classify_header(header) == kind


# --- paths given to backup, restore, export and import ------------------------------------------


@pytest.fixture
def journal(ok: Run) -> None:
    ok("add", "Ann Example", "--note", "coffee")


@pytest.mark.parametrize("kind", ["folder", "link to folder", "link to text", "broken link"])
@pytest.mark.parametrize("force", [False, True])
def test_export_never_writes_over_a_folder_or_through_a_link(
    run: Run, journal: None, tmp_path: Path, kind: str, force: bool
) -> None:
    place = tmp_path / "place"
    given = make_kind(place, kind)
    before = snapshot(place)
    result = run("export", "-o", str(given), *(["--force"] if force else []))
    assert result.exit_code == 1 and one_sentence(result.stderr), result.stderr
    assert snapshot(place) == before


def test_export_never_replaces_a_special_file(run: Run, journal: None, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo, 0o644)
    result = run("export", "-o", str(fifo), "--force")
    assert result.exit_code == 1 and one_sentence(result.stderr), result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and stat.S_IMODE(fifo.lstat().st_mode) == 0o644


def test_export_force_replaces_the_named_file_with_a_private_one(
    ok: Run, journal: None, tmp_path: Path
) -> None:
    target = text_file(tmp_path / "notes.csv")
    before = sorted(p.name for p in tmp_path.iterdir())  # no temporary file left beside it
    ok("export", "-o", str(target), "--force")
    assert "coffee" in target.read_text() and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == before and "notes.csv" in before


def test_a_new_export_file_is_private(ok: Run, journal: None, tmp_path: Path) -> None:
    ok("export", "-o", str(tmp_path / "new.csv"))
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["text", "empty", "sqlite", "link to text", "broken link"])
def test_backup_never_writes_over_anything(
    run: Run, journal: None, tmp_path: Path, kind: str
) -> None:
    place = tmp_path / "place"
    given = make_kind(place, kind)
    before = snapshot(place)
    result = run("backup", str(given))
    assert result.exit_code == 1 and one_sentence(result.stderr), result.stderr
    assert snapshot(place) == before


@pytest.mark.parametrize(
    "kind", ["folder", "text", "empty", "sqlite", "link to folder", "link to sqlite", "broken link"]
)
def test_restore_refuses_what_is_not_a_backup_and_leaves_it_alone(
    run: Run, journal: None, tmp_path: Path, kind: str, dump
) -> None:
    place = tmp_path / "place"
    given = make_kind(place, kind)
    before, journal_before = snapshot(place), dump()
    result = run("restore", str(given), "--yes")
    assert result.exit_code == 1 and one_sentence(result.stderr), result.stderr
    assert snapshot(place) == before and dump() == journal_before


@sqlite_only(
    "a SQLite backup file switched to WAL mode must get no -wal/-shm beside it: a server backup"
    " is a pg_dump archive"
)
def test_restore_reads_a_backup_in_wal_mode_without_leaving_files_beside_it(
    ok: Run, journal: None, tmp_path: Path, journal_file: Path
) -> None:
    place = tmp_path / "place"
    place.mkdir()
    copy = place / "copy.db"
    ok("backup", str(copy))
    connection = sqlite3.connect(copy)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.close()
    copy.chmod(0o644)
    before = snapshot(place)
    ok("restore", str(copy), "--yes")
    assert snapshot(place) == before


@pytest.mark.parametrize("kind", ["folder", "link to folder", "broken link"])
def test_import_refuses_a_folder_or_broken_link(
    run: Run, tmp_path: Path, kind: str, private_journal: Path | str, dump
) -> None:  # type: ignore[no-untyped-def]
    """Refused before the journal is made: no file on SQLite, no table in a server's database."""
    place = tmp_path / "place"
    given = make_kind(place, kind)
    before = snapshot(place)
    result = run("import", str(given), "--yes")
    assert result.exit_code == 1 and one_sentence(result.stderr), result.stderr
    assert snapshot(place) == before and dump() == []
    if isinstance(private_journal, Path):
        assert not private_journal.exists()


def test_import_reads_a_file_without_changing_it(ok: Run, vcf: Path) -> None:
    vcf.chmod(0o644)
    before = snapshot(vcf.parent)
    ok("import", str(vcf), "--yes")
    assert snapshot(vcf.parent) == before
