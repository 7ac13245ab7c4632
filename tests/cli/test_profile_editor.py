"""`edit` in $EDITOR: the whole profile as text, checked, and never lost on a mistake."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from connect_cli.cli.context import Env
from tests.conftest import Run


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Env, "interactive", property(lambda self: True))
    monkeypatch.setattr("connect_cli.cli.context.stdin_is_terminal", lambda: True)


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *scripts: str) -> Path:
    """$EDITOR that applies the Nth Python snippet on its Nth run to the file (as `text`)."""
    counter = tmp_path / "editor-runs"
    counter.write_text("0")
    program = tmp_path / "editor.py"
    program.write_text(
        "import sys, pathlib\n"
        f"counter = pathlib.Path({str(counter)!r})\n"
        "n = int(counter.read_text()); counter.write_text(str(n + 1))\n"
        "path = pathlib.Path(sys.argv[1]); text = path.read_text()\n"
        f"scripts = {list(scripts)!r}\n"
        "exec(scripts[min(n, len(scripts) - 1)])\n"
        "path.write_text(text)\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {program}")
    return counter


def test_editor_changes_fields_and_items(
    ok: Run, tmp_path: Path, monkeypatch, on_a_terminal
) -> None:
    ok(
        "add",
        "Linda Holcman",
        "-c",
        "Acme",
        "--like",
        "golf",
        "-t",
        "client",
        "-e",
        "work=l@acme.com",
    )
    fake_editor(
        tmp_path,
        monkeypatch,
        (
            "text = text.replace('company: Acme', 'company: Globex')"
            ".replace('like: golf', 'like: sailing')"
            ".replace('tag: client', 'tag: client\\ntag: vip')"
            ".replace('email: work=l@acme.com', 'email: home=l@acme.com')"
            ".replace('title: ', 'title: CEO')"
        ),
    )
    assert "Updated Linda Holcman" in ok("edit", "linda").stdout
    card = ok("show", "linda", "--json").json()
    assert card["company"] == "Globex" and card["title"] == "CEO"
    assert card["facts"]["likes"] == ["sailing"] and card["tags"] == ["client", "vip"]
    assert card["emails"] == [{"value": "l@acme.com", "label": "home"}]


def test_a_mistake_reopens_the_editor_with_the_users_text(
    ok: Run, tmp_path: Path, monkeypatch, on_a_terminal
) -> None:
    ok("add", "Linda Holcman", "-c", "Acme")
    counter = fake_editor(
        tmp_path,
        monkeypatch,
        "text = text.replace('company: Acme', 'company: Globex').replace('birthday: ', 'birthday: Feb 30')",
        # Second run: the user's company edit is still there; they fix only the birthday.
        "assert 'company: Globex' in text and '# PROBLEM:' in text\n"
        "text = text.replace('birthday: Feb 30', 'birthday: Feb 28')",
    )
    result = ok("edit", "linda", input="y\n")
    assert "Problem:" in result.stderr and counter.read_text() == "2"
    card = ok("show", "linda", "--json").json()
    assert card["company"] == "Globex" and card["birthday"] == "--02-28"


def test_giving_up_after_a_mistake_changes_nothing(
    run: Run, ok: Run, tmp_path: Path, monkeypatch, on_a_terminal, dump
) -> None:
    ok("add", "Linda Holcman", "-c", "Acme")
    before = dump()
    fake_editor(tmp_path, monkeypatch, "text = text.replace('company: Acme', 'shoe size: 9')")
    result = run("edit", "linda", input="n\n")
    assert result.exit_code == 1 and "Line" in result.stderr and "discarded" in result.stderr
    assert dump() == before


def test_saving_unchanged_changes_nothing(
    ok: Run, tmp_path: Path, monkeypatch, on_a_terminal, dump
) -> None:
    ok("add", "Linda Holcman", "-c", "Acme", "--need", "a CTO")
    before = dump()
    fake_editor(tmp_path, monkeypatch, "pass")
    ok("edit", "linda")
    assert dump() == before


def test_log_opens_the_editor_on_a_terminal(
    ok: Run, tmp_path: Path, monkeypatch, on_a_terminal
) -> None:
    ok("add", "Linda Holcman")
    fake_editor(tmp_path, monkeypatch, "text = 'Private note from the editor'")
    ok("log", "linda", input="")  # stdin is "a terminal": it must not be read

    assert (
        ok("show", "linda", "--json").json()["interactions"][0]["text"]
        == "Private note from the editor"
    )


def test_add_asks_on_a_terminal_when_the_name_is_missing(ok: Run, on_a_terminal) -> None:
    ok("add", input="Linda Holcman\nAcme\nSaaStr 2026\nCoffee at the booth\n")
    card = ok("show", "linda", "--json").json()
    assert (card["company"], card["met_at"]) == ("Acme", "SaaStr 2026")
    assert card["interactions"][0]["text"] == "Coffee at the booth"


def test_add_without_a_name_and_without_a_terminal_is_an_error(run: Run) -> None:
    result = run("add")
    assert result.exit_code == 1 and "name" in result.stderr


def test_edit_without_options_and_without_a_terminal_is_an_error(run: Run, ok: Run) -> None:
    ok("add", "Linda Holcman")
    result = run("edit", "linda")
    assert result.exit_code == 1 and "$EDITOR" in result.stderr


def test_values_with_line_breaks_survive_an_unchanged_save(
    ok: Run, tmp_path: Path, monkeypatch, on_a_terminal, dump
) -> None:
    # Issue #12 item 2: the second line used to become a tag and an email, or an unreadable file.
    ok(
        "add",
        "Sneaky Lines",
        "--fact",
        "Kids: Sam\nemail: sam@kid.example",
        "--company",
        "Acme\ntag: vip",
        "--nickname",
        "  spaced  ",
    )
    before = dump()
    fake_editor(tmp_path, monkeypatch, "pass")
    result = ok("edit", "sneaky")
    assert "No changes to Sneaky Lines" in result.stdout and "Updated" not in result.stdout
    assert dump() == before


def test_a_continued_value_can_be_edited_by_hand(
    ok: Run, tmp_path: Path, monkeypatch, on_a_terminal
) -> None:
    ok("add", "Sneaky Lines", "--need", "intro\nto a CTO")
    fake_editor(tmp_path, monkeypatch, "text = text.replace('| to a CTO', '| to a CTO\\n| and a VC')")
    assert "Updated Sneaky Lines" in ok("edit", "sneaky").stdout
    assert ok("show", "sneaky", "--json").json()["facts"]["needs"] == ["intro\nto a CTO\nand a VC"]
