"""The reminders feed: an iCalendar file of birthdays, important dates and dated promises that a
calendar app subscribes to (`connect config feed PATH`), rewritten after every command that can
change them, so the calendar always shows what the journal holds.

The events are those of `connect export --format ics` (formats/ics_export.py: stable UIDs, so a
subscribed calendar updates events rather than duplicating them). The file is replaced
atomically and is 0600 (formats/atomic.py); a file at the path that is not a feed of ours is
never replaced. Introduction check-ins join the feed once the journal has introductions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from connect_cli.domain.errors import InputError
from connect_cli.journal.sqlite import JournalLocation, Reader

PRODID = b"-//connect//contact journal//EN"

# Commands that can change what the feed shows. Every command is either here or in READS
# (tests/cli/test_feed.py holds it), so a new command has to say which it is.
CHANGES_FEED = frozenset(
    {"add", "edit", "log", "done", "archive", "forget", "merge", "import", "restore", "demo",
     "config", "intro", "promise", "cancel", "unlog", "fix"}
)  # fmt: skip
READS = frozenset(
    {"show", "list", "today", "snooze", "followups", "prep", "search", "export", "backup",
     "doctor", "where", "feed", "stats", "review", "intros", "history"}
)  # fmt: skip


@dataclass(frozen=True)
class FeedWritten:
    path: Path
    events: int


def feed_path(reader: Reader) -> Path | None:
    from connect_cli.core.settings import read_settings

    feed = read_settings(reader).feed
    return Path(feed) if feed else None


def write_feed(location: JournalLocation, *, required: bool = False) -> FeedWritten | None:
    """Rewrite the feed where `connect config feed` says; None when no feed is set (an error
    when `required`, as for `connect feed`). Raises InputError when the file cannot be written."""
    from connect_cli.core.journal import read_journal

    with read_journal(location) as reader:
        path = feed_path(reader)
        if path is None:
            if required:
                raise InputError(
                    "No feed is set; choose where it goes with connect config feed ~/Sync/connect.ics."
                )
            return None
        return FeedWritten(path, _write(reader, path))


def _write(reader: Reader, path: Path) -> int:
    from connect_cli.formats.atomic import atomic_output
    from connect_cli.formats.ics_export import write_calendar
    from connect_cli.read import export as q

    if path.exists() and not is_our_feed(path):
        raise InputError(
            f"{path} is not a connect feed, so it was left alone; "
            "choose another file with connect config feed PATH."
        )
    try:
        with atomic_output(path, force=True, newline="") as out:
            people = q.people(reader, active_only=True)
            return write_calendar(out, people, q.open_followups_due(reader))
    except OSError as error:
        raise InputError(
            f"Could not write the feed {path} ({error.strerror or type(error).__name__}); "
            "check the folder, then run connect feed."
        ) from None


def is_our_feed(path: Path) -> bool:
    """A calendar file we wrote (its PRODID is ours): the only kind the feed replaces."""
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as handle:
        head = handle.read(512)
    return head.startswith(b"BEGIN:VCALENDAR") and PRODID in head
