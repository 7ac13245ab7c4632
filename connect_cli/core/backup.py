"""`restore`: the journal is replaced by a checked backup, then upgraded if the backup is older."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from connect_cli.core.journal import ensure_current
from connect_cli.journal.backup import Restored, restore_journal
from connect_cli.journal.sqlite import JournalLocation


def restore(location: JournalLocation, source: Path, now: datetime) -> Restored:
    """Restore `source` over the journal (keeping the replaced one), then bring its schema up to
    date (an upgrade takes its own backup first)."""
    restored = restore_journal(location, source, now)
    ensure_current(location)
    return restored
