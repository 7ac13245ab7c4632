"""Mailboxes (mbox: Google Takeout, Thunderbird; Maildir folders) read as touches, headers only.

Streamed: an mbox is read line by line and only each message's header block is kept (the body is
skipped as it goes by), so a multi-gigabyte Takeout file never sits in memory. A message starts
at a line beginning `From ` (RFC 4155); a Maildir message is one file in `cur/` or `new/`.

Per message (RFC 5322 headers; RFC 2047 encoded words in any charset Python knows, raw 8-bit
headers read as UTF-8 or else Windows-1252):
- `List-Id`, or `Precedence: bulk|list|junk` (RFC 2919, RFC 3834): not a touch;
- a `Date` that cannot be read, or one after today: counted and skipped;
- sent when a `From` address is yours: a touch with everyone in To, Cc and Bcc; otherwise
  received: a touch with the sender;
- text: `Sent: <subject>` or `Received: <subject>`; the body is never read;
- key: the Message-ID without its angle brackets; a message without one is keyed by a hash of
  its Date, From, To and Subject, which stays the same on every import.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from connect_cli.domain.touches import (
    BEFORE_SINCE,
    BROKEN_DATE,
    BULK,
    FUTURE,
    NO_PEOPLE,
    IncomingTouch,
    SkippedTouch,
    fold_email,
)

CHUNK = 1 << 20  # bytes read at a time
MAX_HEADER_BYTES = 256 * 1024  # a header block past this is cut (nothing legitimate is so big)
BULK_PRECEDENCE = {"bulk", "list", "junk"}


_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")  # RFC 5322 2.2: a field name, then a colon


def looks_like_mbox(head: bytes) -> bool:
    """An mbox opens with a `From ` separator line followed by a header field (RFC 4155); a
    CSV whose first column happens to be called "From …" does not."""
    lines = head.splitlines()
    return (
        len(lines) > 1 and lines[0].startswith(b"From ") and b"," not in lines[0]
        and _HEADER_LINE.match(lines[1]) is not None
    )  # fmt: skip


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def header_blocks(path: Path) -> Iterator[bytes]:
    """Each message's header block, in file order (mbox) or name order (Maildir)."""
    if path.is_dir():
        for folder in ("cur", "new"):
            for entry in sorted(os.scandir(path / folder), key=lambda e: e.name):
                if entry.is_file():
                    with open(entry.path, "rb") as handle:
                        yield _headers(handle)
        return
    with path.open("rb") as handle:
        yield from _mbox_headers(handle)


def _headers(handle: BinaryIO) -> bytes:
    """A Maildir message's header block: read up to its first blank line, never the body."""
    lines = []
    size = 0
    for line in handle:
        if line in (b"\n", b"\r\n"):
            break
        size += len(line)
        if size > MAX_HEADER_BYTES:
            break
        lines.append(line)
    return b"".join(lines)


def _mbox_headers(handle: BinaryIO) -> Iterator[bytes]:
    """Each message's header block, found by searching blocks of the file (not line by line:
    a Takeout mbox is mostly base64 bodies, and only the `\nFrom ` between messages matters)."""
    buffer = handle.read(CHUNK)
    if not buffer.startswith(b"From "):
        return
    start = 0  # where the current message's `From ` line begins in buffer
    while True:
        buffer, start, header_end, next_start = _find_message(handle, buffer, start)
        line_end = buffer.find(b"\n", start, header_end)
        if line_end != -1:
            yield buffer[line_end + 1 : header_end]
        if next_start == -1:
            return
        start = next_start


def _find_message(handle: BinaryIO, buffer: bytes, start: int) -> tuple[bytes, int, int, int]:
    """(buffer, start, end of the header block, start of the next message or -1), reading more
    of the file until the header block's end is in view; the body is then skipped block-wise."""
    while True:
        next_from = buffer.find(b"\nFrom ", start)
        header_end = _blank_line(buffer, start, len(buffer) if next_from == -1 else next_from)
        if header_end != -1 and (next_from == -1 or header_end < next_from):
            break
        if next_from != -1:  # a message with no body: its headers end at the next message
            return buffer, start, next_from, next_from + 1
        if len(buffer) - start > MAX_HEADER_BYTES:  # headers too long: cut, then find the next
            header_end = start + MAX_HEADER_BYTES
            break
        more = handle.read(CHUNK)
        if not more:
            return buffer, start, len(buffer), -1
        buffer, start = buffer[start:] + more, 0
    if next_from != -1:  # already found past the headers: the body is not searched again
        return buffer, start, header_end, next_from + 1
    position = header_end
    while True:
        found = buffer.find(b"\nFrom ", position)
        if found != -1:
            return buffer, start, header_end, found + 1
        more = handle.read(CHUNK)
        if not more:
            return buffer, start, header_end, -1
        # keep the header block and the last bytes (a `\nFrom ` may straddle two blocks)
        keep = max(header_end, len(buffer) - 6)
        head = buffer[start:header_end]
        buffer = head + buffer[keep:] + more
        start, header_end, position = 0, len(head), len(head)


def _blank_line(buffer: bytes, start: int, end: int) -> int:
    """Where the first empty line in buffer[start:end] begins (-1: none), LF or CRLF."""
    lf = buffer.find(b"\n\n", start, end)
    # A CRLF blank line counts only before the LF one: search no further (a body is long).
    crlf = buffer.find(b"\n\r\n", start, end if lf == -1 else lf)
    found = [i for i in (lf, crlf) if i != -1]
    return min(found) + 1 if found else -1


def read_mail(path: Path, *, today: date, me: frozenset[str], since: date | None = None
              ) -> Iterator[IncomingTouch | SkippedTouch]:  # fmt: skip
    for block in header_blocks(path):
        yield message_touch(block, today=today, me=me, since=since)


def message_touch(block: bytes, *, today: date, me: frozenset[str], since: date | None
                  ) -> IncomingTouch | SkippedTouch:  # fmt: skip
    message = _Headers(block)
    if message.get("List-Id") is not None or (
        _text(message.get("Precedence")).strip().lower() in BULK_PRECEDENCE
    ):
        return SkippedTouch(BULK)
    moment = _moment(message.get("Date"))
    if moment is None:
        return SkippedTouch(BROKEN_DATE)
    day, at = moment
    if day > today:
        return SkippedTouch(FUTURE)
    if since is not None and day < since:
        return SkippedTouch(BEFORE_SINCE)
    senders = _addresses(message, "From")
    sent = any(address in me for address, _name in senders)
    others = _addresses(message, "To", "Cc", "Bcc") if sent else senders
    people: dict[str, str] = {}
    for address, name in others:
        if address not in me:
            people.setdefault(address, name)
    if not people:
        return SkippedTouch(NO_PEOPLE)
    subject = " ".join(_text(message.get("Subject")).split()) or "(no subject)"
    return IncomingTouch(
        origin="mail",
        key=_key(message),
        on=day,
        at=at,
        kind="email",
        text=f"{'Sent' if sent else 'Received'}: {subject}",
        people=people,
    )


def frequent_senders(path: Path, *, sample: int = 5_000) -> list[tuple[str, int]]:
    """Who "you" probably are: among the addresses that sent any of the first `sample`
    messages, those found most often in From, To and Cc of personal mail (you are in nearly every
    message of your own mailbox; a friend who writes a lot is in only their own), best first."""
    counts: Counter[str] = Counter()
    senders: set[str] = set()
    for number, block in enumerate(header_blocks(path)):
        if number >= sample:
            break
        message = _Headers(block)
        if message.get("List-Id") is not None:
            continue
        senders.update(address for address, _name in _addresses(message, "From"))
        counts.update({address for address, _name in _addresses(message, "From", "To", "Cc")})
    return [(a, n) for a, n in counts.most_common() if a in senders][:5]


# The fields a touch is made of; a Takeout message carries dozens more (Received, DKIM, ARC…),
# which are passed over by one pattern instead of being split into a dict line by line.
_WANTED = ("list-id", "precedence", "date", "from", "to", "cc", "bcc", "subject", "message-id")
_FIELD = re.compile(
    rf"^({'|'.join(_WANTED)})[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE
)


class _Headers:
    """A message's headers as written, looked up case-insensitively (RFC 5322 2.2: folded lines
    unfolded). Bytes are read as UTF-8; others are kept as surrogates for `_text` to judge. Only
    the fields in _WANTED are kept."""

    def __init__(self, block: bytes) -> None:
        self.values: dict[str, list[str]] = {}
        for match in _FIELD.finditer(block.decode("utf-8", "surrogateescape")):
            value = match.group(2)
            if "\n" in value:  # folded: one space where each line break was
                value = " ".join(line.strip() for line in value.split("\n"))
            self.values.setdefault(match.group(1).lower(), []).append(value.strip())

    def get(self, name: str) -> str | None:
        found = self.values.get(name.lower())
        return found[0] if found else None

    def get_all(self, name: str, default: list[str]) -> list[str]:
        return self.values.get(name.lower(), default)


def _addresses(message, *names: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return _parsed_addresses(tuple(v for name in names for v in message.get_all(name, [])))


@lru_cache(maxsize=8192)
def _parsed_addresses(raw: tuple[str, ...]) -> list[tuple[str, str]]:
    """(folded address, name) of header values as written. Cached: a mailbox repeats the same
    From and To lines (you and the people you write to) thousands of times. Callers only read
    the list."""
    values = [_text(v) for v in raw]
    found = []
    for name, address in _simple(values) or getaddresses(values):
        folded = fold_email(address)
        if "@" in folded:
            found.append((folded, " ".join(name.split())))
    return found


_ADDRESS = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+"
_PLAIN = re.compile(rf"\s*(?:([^<>@]*?)\s*<({_ADDRESS})>|({_ADDRESS}))\s*")


def _simple(values: list[str]) -> list[tuple[str, str]] | None:
    """Addresses written the common way (`a@b`, `Name <a@b>`, comma-separated) read by one
    pattern: most of a mailbox, at a fraction of getaddresses' cost. None for anything with
    quotes, comments or groups, which getaddresses reads by RFC 5322's full grammar."""
    found: list[tuple[str, str]] = []
    for value in values:
        if any(c in value for c in '"():;\\'):
            return None
        for part in value.split(","):
            if not part.strip():
                continue
            match = _PLAIN.fullmatch(part)
            if match is None:
                return None
            name, bracketed, bare = match.groups()
            found.append((name or "", bracketed or bare))
    return found


def _text(value: object) -> str:
    """A header as text: RFC 2047 encoded words decoded, raw 8-bit bytes as UTF-8 or cp1252."""
    if value is None:
        return ""
    raw = str(value)
    if not raw.isascii():
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept as surrogates: cp1252
            raw = raw.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
    if "=?" not in raw:
        return raw
    try:
        parts = decode_header(raw)
    except Exception:  # a malformed encoded word: the header as written beats nothing
        return raw
    return "".join(_decoded(part, charset) for part, charset in parts)


def _decoded(part: bytes | str, charset: str | None) -> str:
    if isinstance(part, str):
        return part
    for name in (charset or "ascii", "utf-8", "cp1252"):
        try:
            return part.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return part.decode("utf-8", "replace")


def _moment(value: object) -> tuple[date, time | None] | None:
    """The Date header as a local day and time (RFC 5322 3.3); None when it cannot be read."""
    if value is None:
        return None
    written = _text(value).strip()
    moment = _common_date(written)
    if moment is not None:
        return moment.date(), moment.time().replace(microsecond=0, tzinfo=None)
    try:
        moment = parsedate_to_datetime(written)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is not None:
        try:
            moment = moment.astimezone()
        except (OverflowError, OSError, ValueError):
            return None
    if not datetime(1900, 1, 1) <= moment.replace(tzinfo=None):
        return None
    return moment.date(), moment.time().replace(microsecond=0, tzinfo=None)


_MONTHS = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
# RFC 5322 3.3 as nearly every mailer writes it: "Mon, 5 Oct 2026 10:12:00 +0200 (CEST)".
_COMMON_DATE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s+([+-])(\d{2})(\d{2})(?:\s+\([^()]*\))?"  # "+0000(UTC)": the email package's way
)


def _common_date(written: str) -> datetime | None:
    """The common spelling of a Date, read by one pattern at a fraction of the email package's
    cost, in the local zone; None for anything else (obsolete zones such as `GMT` or `EST`,
    `-0000`, which RFC 5322 says is no zone at all, or values out of range), which
    parsedate_to_datetime then reads by the full grammar."""
    match = _COMMON_DATE.fullmatch(written)
    if match is None:
        return None
    day, month, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    number = _MONTHS.get(month.lower())
    offset = timedelta(hours=int(zone_hours), minutes=int(zone_minutes))
    if number is None or (sign == "-" and not offset) or int(year) < 1900:
        return None
    try:
        zone = timezone(-offset if sign == "-" else offset)
        moment = datetime(int(year), number, int(day), int(hour), int(minute), int(second or 0),
                          tzinfo=zone)  # fmt: skip
        moment = moment.astimezone()
    except (OverflowError, OSError, ValueError):
        return None
    return moment if moment.replace(tzinfo=None) >= datetime(1900, 1, 1) else None


def _key(message) -> str:  # type: ignore[no-untyped-def]
    found = " ".join(_text(message.get("Message-ID")).split()).strip("<>").strip()
    if found:
        return found[:998]
    seen = "\n".join(_text(message.get(n)) for n in ("Date", "From", "To", "Subject"))
    return "sha1:" + hashlib.sha1(seen.encode("utf-8", "surrogatepass")).hexdigest()
