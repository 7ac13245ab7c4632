"""The README is the manual: its short session must run as written."""

from __future__ import annotations

import re
import shlex

from tests.conftest import TESTS, Run

README = TESTS.parent / "README.md"


def session_commands() -> list[list[str]]:
    """`$ connect …` lines of the README's console blocks (continuations joined, pipes kept)."""
    text = README.read_text(encoding="utf-8").replace("\\\n", " ")
    blocks = re.findall(r"```console\n(.*?)```", text, flags=re.S)
    return [
        shlex.split(line[2:])
        for block in blocks
        for line in block.splitlines()
        if line.startswith("$ ")
    ]


def test_the_readme_opens_with_the_two_setup_commands() -> None:
    first_blocks = re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)[
        :2
    ]
    assert "pip install" in first_blocks[0] and "connect" in first_blocks[0]
    assert "'.[test]'" in first_blocks[1] and "pytest" in first_blocks[1]


def test_the_short_session_runs_as_written(ok: Run) -> None:
    commands = session_commands()
    assert len(commands) >= 5
    for words in commands:
        stdin = None
        if "|" in words:  # `echo "text" | connect …`
            bar = words.index("|")
            stdin, words = " ".join(words[1:bar]) + "\n", words[bar + 1 :]
        assert words[0] == "connect", words
        shown = ok(*words[1:], input=stdin).stdout
        assert shown.strip(), f"`{' '.join(words)}` shows nothing"
        if "--tag" in words:  # the session tags someone, so filtering by it finds them
            assert "Linda Holcman" in shown, words
