"""Keeping what a user typed when a command could not record it (issue #14: nothing typed is lost).

A note written in $EDITOR or answers given at prompts exist nowhere else: when the command then
fails, they go to a recovery file beside the journal (its data folder), owner-only, and the error
names it. A journal on a server has no folder of ours; then the system's temporary folder is used.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from connect_cli.journal.sqlite import JournalLocation


def recovery_folder(location: JournalLocation) -> Path:
    """The journal's data folder when it exists, else the system's temporary folder."""
    if location.path is not None and location.path.parent.is_dir():
        return location.path.parent
    return Path(tempfile.gettempdir())


def keep_typed_text(location: JournalLocation, text: str, what: str) -> Path:
    """Write `text` to a new file `unsaved-<what>-XXXX.txt` (0600, synced); returns its path.

    mkstemp creates the file 0600 with O_EXCL, so nothing existing is ever overwritten.
    """
    fd, name = tempfile.mkstemp(
        prefix=f"unsaved-{what}-", suffix=".txt", dir=recovery_folder(location)
    )
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return Path(name)
