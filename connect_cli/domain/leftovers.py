"""Temporary files of ours, known by name and place, and when one is a leftover to sweep.

Every temporary file connect writes carries the id of the process writing it:
`.NAME.PID.RAND.KIND` beside the file it becomes (NAME: the journal or export; KIND: `part` an
export being written, `new` a journal being made, `restoring` a restore's copy,
`before-restore` and `before-upgrade` copies not yet named), and `connect-PID-RAND.connect.txt` in the
temporary folder (the profile `connect edit` opens in $EDITOR). TERM, HUP and Ctrl-C remove them
as the command unwinds; only a SIGKILL (or a power cut) leaves one. The next command that uses
the same place removes those whose process is gone: a file of a command still running is never
touched, nor anything whose name does not match exactly, nor a link, nor another user's file.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

RANDOM = r"[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix
KINDS = ("part", "new", "restoring", "before-restore", "before-upgrade")
SIDE_FILES = ("-wal", "-shm", "-journal")


def temp_prefix(name: str) -> str:
    """The mkstemp prefix of a temporary file beside NAME: `.NAME.PID.`."""
    return f".{name}.{os.getpid()}."


def beside(name: str, kinds: tuple[str, ...] = KINDS) -> re.Pattern[str]:
    """Our temporary files beside NAME, of KINDS (and their SQLite side files)."""
    kind = "|".join(re.escape(k) for k in kinds)
    sides = "|".join(re.escape(s) for s in SIDE_FILES)
    return re.compile(rf"\.{re.escape(name)}\.(?P<pid>\d+)\.{RANDOM}\.(?:{kind})(?:{sides})?")


def stale(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """The files in FOLDER named by PATTERN (group `pid`) whose process has ended."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found = []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not _ours(entry) or _running(int(match["pid"])):
            continue
        found.append(Path(entry.path))
    return sorted(found)


def sweep(folder: Path, pattern: re.Pattern[str]) -> None:
    """Remove what `stale` finds; a file that cannot be removed is left for `doctor` to list."""
    for path in stale(folder, pattern):
        try:
            path.unlink()
        except OSError:
            pass


def _ours(entry: os.DirEntry[str]) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OverflowError, OSError):  # e.g. another user's process: not ours to judge
        return True
    return True
