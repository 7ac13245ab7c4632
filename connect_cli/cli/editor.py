"""Opening $EDITOR on a private temporary file (prompts and editors live in the CLI layer)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import tempfile
from pathlib import Path

from connect_cli.domain.errors import ConnectError
from connect_cli.domain.leftovers import RANDOM, sweep


def edit_text(initial: str, suffix: str = ".txt") -> str:
    """Let the user edit `initial` in their editor; returns what they saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(editor)
    except ValueError:  # an unbalanced quote
        raise ConnectError(
            "$EDITOR (or $VISUAL) has an unbalanced quote; fix it, e.g. EDITOR='code --wait'."
        ) from None
    folder = Path(tempfile.gettempdir())
    # What an editing session killed by SIGKILL left (its profile, private data and all).
    sweep(folder, re.compile(rf"connect-(?P<pid>\d+)-{RANDOM}{re.escape(suffix)}"))
    fd, name = tempfile.mkstemp(prefix=f"connect-{os.getpid()}-", suffix=suffix, dir=folder)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            status = subprocess.call([*command, str(path)])
        except OSError:
            raise ConnectError(
                f"Could not start the editor {editor!r}; set $EDITOR to one you have."
            ) from None
        if status != 0:
            raise ConnectError("The editor exited with an error; nothing was saved.")
        return _saved_text(path)
    finally:
        path.unlink(missing_ok=True)


def _saved_text(path: Path) -> str:
    """What the editor left in the file: UTF-8 text, or one sentence saying why not."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConnectError(
            "The editor removed the file instead of saving it; nothing was changed."
        ) from None
    except UnicodeDecodeError:
        raise ConnectError(
            "The editor saved the file in another encoding than UTF-8; set it to UTF-8 and "
            "try again (nothing was changed)."
        ) from None


COMMENT = "#"


def without_comments(text: str) -> str:
    """The text with the template's comment lines (`# ...`, or a bare `#`) left out, as git does
    for a commit message; a line like `#12 came too` is the user's and stays."""
    kept = [
        line
        for line in text.splitlines(keepends=True)
        if not (line.rstrip("\r\n") == COMMENT or line.startswith(COMMENT + " "))
    ]
    return "".join(kept)


def note_template(names: list[str], kind: str, day: str) -> str:
    """What the empty `log` editor file says: what to write, and how to cancel."""
    who = ", ".join(names)
    return (
        "\n"
        f"# Write above what happened: {kind} with {who} on {day}.\n"
        "# Lines starting with '# ' are left out of the note.\n"
        "# To cancel, save an empty note (delete everything) and quit: nothing is logged.\n"
    )
