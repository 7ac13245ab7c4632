"""Shell completion of people's names for WHO (issue 14, item 20)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from connect_cli.core.completion import complete_names
from tests.conftest import Run, sqlite_only


def complete(words: str, journal: Path | str, shell: str = "bash") -> subprocess.CompletedProcess[str]:
    """What the shell gets when Tab is pressed after `words` (the last one being typed)."""
    env = {**os.environ, "CONNECT_DB": str(journal), "_CONNECT_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "connect_cli"], env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip


# core/completion.py completes from a journal file only: a Tab press never connects to a server.
FILES_ONLY = "names complete from a journal file only; a Tab press never connects to a server"


@sqlite_only(FILES_ONLY)
def test_names_complete_from_what_is_typed_case_and_accents_folded(
    ok: Run, tmp_path: Path
) -> None:
    ok("add", "Linda Holcman", "-c", "Acme")
    ok("add", "Łukasz Lis")
    ok("add", "Lina Old")
    ok("archive", "lina")
    assert complete_names(None, "Li") == [("Linda Holcman", "#1 · Acme")]
    assert complete_names(None, "li") == [("linda Holcman", "#1 · Acme")]
    assert complete_names(None, "luk") == [("lukasz Lis", "#2")]
    assert complete_names(None, "") == [("Linda Holcman", "#1 · Acme"), ("Łukasz Lis", "#2")]
    assert complete_names(None, "zed") == []
    assert complete_names(str(tmp_path / "missing.db"), "li") == []
    assert not (tmp_path / "missing.db").exists()  # a Tab press creates nothing


@sqlite_only(FILES_ONLY)
def test_the_shell_gets_the_names_without_sqlalchemy(
    ok: Run, private_journal: Path | str
) -> None:
    ok("add", "Linda Holcman")
    ok("add", "Bob Stone")
    for words in ("connect show Li", "connect log bob --with Li", "connect merge Li",
                  "connect snooze Li", "connect prep Li"):  # fmt: skip
        done = complete(words, private_journal)
        assert done.stdout.splitlines() == ["Linda Holcman"], (words, done.stdout)
        loaded = {line.rsplit("|", 1)[1].strip().split(".")[0]
                  for line in done.stderr.splitlines() if line.startswith("import time:")}  # fmt: skip
        assert "connect_cli" in loaded and not loaded & {"sqlalchemy", "sqlmodel", "alembic"}
    zsh = complete("connect show bo", private_journal, shell="zsh").stdout
    assert "bob Stone" in zsh and "#2" in zsh
