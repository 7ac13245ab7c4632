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
    folder = Path(tempfile.gettempdir())
    # What an editing session killed by SIGKILL left (its profile, private data and all).
    sweep(folder, re.compile(rf"connect-(?P<pid>\d+)-{RANDOM}{re.escape(suffix)}"))
    fd, name = tempfile.mkstemp(prefix=f"connect-{os.getpid()}-", suffix=suffix, dir=folder)
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
