"""Opening $EDITOR on a private temporary file (prompts and editors live in the CLI layer)."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from connect_cli.domain.errors import ConnectError


def edit_text(initial: str, suffix: str = ".txt") -> str:
    """Let the user edit `initial` in their editor; returns what they saved."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    fd, name = tempfile.mkstemp(prefix="connect-", suffix=suffix)  # created 0600
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        try:
            status = subprocess.call([*shlex.split(editor), str(path)])
        except OSError:
            raise ConnectError(
                f"Could not start the editor {editor!r}; set $EDITOR to one you have."
            ) from None
        if status != 0:
            raise ConnectError("The editor exited with an error; nothing was saved.")
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


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
