"""What the calendar and mail readers produce: one touch (an interaction found in a file) or one
thing skipped with its reason, and the rules both imports share (who "you" are, what is a link).

A touch names people by email address only: the write side finds them in the journal (an email
in common, compared case-insensitively as in RFC 5321 practice) and adds the interaction once,
keyed by where it came from (`origin`, `key`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time

from connect_cli.domain.drafts import MAX_NOTE

# Why something in a file is not a touch; the summary counts each reason after the thing's
# noun, so each reads on from it: "1 message with a date that cannot be read", "3 events cancelled".
CANCELLED = "cancelled"
DECLINED = "declined by you"
FUTURE = "in the future"
BEFORE_SINCE = "dated before --since"
NOBODY = "with nobody in your journal"
NO_PEOPLE = "with nobody else in it"
BULK = "from a mailing list or bulk sender"
BROKEN_DATE = "with a date that cannot be read"
NO_ID = "without a Message-ID"
NOT_YOURS = "neither from nor to you"
OURS = "from connect's own reminders (birthdays, dates, promises)"


def fold_email(address: str) -> str:
    """An address as compared: no `mailto:`, no surrounding space or brackets, case folded."""
    value = address.strip().strip("<>").strip()
    if value[:7].casefold() == "mailto:":
        value = value[7:]
    return value.strip().casefold()


def fold_emails(addresses: Iterable[str]) -> frozenset[str]:
    return frozenset(f for f in (fold_email(a) for a in addresses) if "@" in f)


@dataclass(frozen=True)
class IncomingTouch:
    """An interaction read from a calendar or mailbox.

    `people` maps each address involved other than yours (folded) to the display name the file
    gave it (or ""). `key` is unique within `origin` ("ics": UID[#RECURRENCE-ID], "mail":
    Message-ID).
    """

    origin: str
    key: str
    on: date
    at: time | None
    kind: str
    text: str
    people: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.text) > MAX_NOTE:  # a note's cap: kept readable, never refused
            object.__setattr__(self, "text", self.text[: MAX_NOTE - 1] + "…")


@dataclass(frozen=True)
class SkippedTouch:
    """Something read and not a touch, with the reason (one of the constants above)."""

    reason: str
