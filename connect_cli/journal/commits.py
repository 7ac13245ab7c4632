"""Whether this process has committed a change to a journal (so the CLI says only what is true).

A command prints after it commits. When that printing fails (stdout on a full disk, closed, or
gone), the CLI must not claim "nothing was changed": it asks here. This is per-process state on
purpose: one process runs one command, and the record only ever grows.
"""

from __future__ import annotations

_committed: list[bool] = []


def record_commit() -> None:
    """Note that a transaction of this process reached the journal."""
    _committed.append(True)


def any_committed() -> bool:
    return bool(_committed)
