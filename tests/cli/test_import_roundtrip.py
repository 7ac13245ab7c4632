"""Export -> import round trips: what `connect export` writes, `connect import` reads back whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, Run, copy_journal

PERSONAL = ["--company", "Acme", "--title", "VP Sales", "-e", "work=linda@acme.example",
            "-e", "linda@home.example", "-p", "mobile=+1 415 555 0100", "-p", "=1+2",
            "--url", "linkedin=https://linkedin.example/in/linda", "--location", "Boston",
            "--nickname", "Lin", "--met-at", "SaaStr 2026", "--met-on", "2026-03-01",
            "-t", "client", "-t", "sailing | fans", "--every", "2w", "--birthday", "--02-29",
            "--date", "work anniversary=2019-03-01", "--like", "espresso", "--dislike", "golf",
            "--passion", "sailing", "--family", "Sam (son, 7)", "--need", "a VP Sales",
            "--offer", "-intros to VCs", "--fact", "line one\nline two \\ with a backslash",
            "--fact", "@handle = on | off"]  # fmt: skip


def _build(ok: Callable[..., object]) -> None:
    """Three people with everything, a shared meal, promises, an archive, through `ok(*args)`."""
    ok("add", "Linda Holcman", *PERSONAL)
    ok("add", "Bob Stone", "-c", "Fintech, Inc.", "--via", "linda", "-e", "bob@fin.example")
    ok("add", "Zoë Ångström", "--every", "never")
    ok("log", "linda", "Coffee; talked about \"sailing\"", "--with", "bob", "--with", "zoe",
       "-k", "meal", "--on", "2026-11-20 08:15", "--follow-up", "+send the deck", "--due", "friday")  # fmt: skip
    ok("log", "bob", "=HYPERLINK(x)", "--on", "yesterday")
    ok("archive", "zoe")


@pytest.fixture(scope="module")
def built_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The journal of `_build` as a file: built once per module through the CLI, copied for
    each test on SQLite (see `journal`)."""
    from typer.testing import CliRunner

    from connect_cli.cli.app import app

    path = tmp_path_factory.mktemp("roundtrip") / "journal.db"

    def ok(*args: str) -> None:
        env = {"CONNECT_DB": str(path), "CONNECT_TODAY": TODAY}
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)

    _build(ok)
    return path


@pytest.fixture
def journal(request: pytest.FixtureRequest, private_journal: Path | str, ok: Run) -> None:
    """The test's journal holds `_build`'s people: a copy of the module's file on SQLite, built
    in the test's own database on a server."""
    if isinstance(private_journal, str):
        _build(ok)
    else:
        copy_journal(request.getfixturevalue("built_journal"), private_journal)


def people(ok: Run, db: Path | None = None) -> list[dict[str, Any]]:
    where = ["--db", str(db)] if db else []
    listed = ok(*where, "list", "--json").json() + ok(*where, "list", "--json", "--archived").json()  # type: ignore[operator]
    ids = sorted({p["id"] for p in listed})
    assert len(ids) == 3
    cards = [ok(*where, "show", f"#{i}", "--json").json() for i in ids]
    return sorted(cards, key=lambda c: c["name"])  # type: ignore[no-any-return]


def comparable(card: dict[str, Any], keep_history: bool) -> dict[str, Any]:
    drop = {"id", "last_contact", "days_since", "overdue_days"}
    if not keep_history:
        drop |= {"interactions", "followups", "touches_by_month"}  # history
    out = {k: v for k, v in card.items() if k not in drop}
    if out.get("introduced_by"):
        out["introduced_by"] = out["introduced_by"]["name"]
    for item in out.get("interactions", []):
        item.pop("id", None)
    for item in out.get("followups", []):
        item.pop("id", None)
    return out


def test_json_export_imported_into_an_empty_journal_exports_identically(
    ok: Run, journal: None, tmp_path: Path
) -> None:
    first, second, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.db"
    ok("export", "--format", "json", "-o", str(first))
    ok("--db", str(copy), "import", str(first))
    ok("--db", str(copy), "export", "--format", "json", "-o", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


@pytest.mark.parametrize("form", [["--format", "csv", "--what", "contacts"],
                                  ["--format", "vcard"], ["--format", "vcard", "--vcard-version", "4.0"]])  # fmt: skip
def test_contacts_come_back_with_every_personal_detail(
    ok: Run, journal: None, tmp_path: Path, form: list[str]
) -> None:
    exported, copy = tmp_path / "contacts.out", tmp_path / "copy.db"
    ok("export", *form, "-o", str(exported))
    ok("--db", str(copy), "import", str(exported))
    before = [comparable(c, keep_history=False) for c in people(ok)]
    after = [comparable(c, keep_history=False) for c in people(ok, copy)]
    assert after == before


def test_contacts_then_notes_csv_rebuild_the_history(
    ok: Run, journal: None, tmp_path: Path
) -> None:
    contacts, notes, copy = tmp_path / "contacts.csv", tmp_path / "notes.csv", tmp_path / "copy.db"
    ok("export", "--format", "csv", "--what", "contacts", "-o", str(contacts))
    ok("export", "--format", "csv", "-o", str(notes))
    ok("--db", str(copy), "import", str(contacts))
    ok("--db", str(copy), "import", str(notes))
    before = [comparable(c, keep_history=True) for c in people(ok)]
    after = [comparable(c, keep_history=True) for c in people(ok, copy)]
    for card in before + after:  # a follow-up's due date is not in the notes CSV
        for promise in card["followups"]:
            promise.pop("due", None)
    assert after == before


@pytest.mark.parametrize(
    ("form", "said"),
    [
        (["--format", "csv", "--what", "contacts"], "were already in your journal, nothing new"),
        (["--format", "csv"], "No new interactions;"),
        (["--format", "vcard"], "were already in your journal, nothing new"),
    ],
)
def test_importing_our_own_export_into_the_same_journal_adds_nothing(
    ok: Run,
    dump,
    journal: None,
    tmp_path: Path,
    form: list[str],
    said: str,  # type: ignore[no-untyped-def]
) -> None:
    exported = tmp_path / "out"
    ok("export", *form, "-o", str(exported))
    before = dump()
    out = ok("import", str(exported)).stdout
    assert said in out and "added" not in out
    assert dump() == before
