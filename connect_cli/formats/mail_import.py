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
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time
from email.header import decode_header
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
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

MAX_HEADER_BYTES = 256 * 1024  # a header block past this is cut (nothing legitimate is so big)
BULK_PRECEDENCE = {"bulk", "list", "junk"}
_PARSER = BytesHeaderParser(policy=compat32)


def looks_like_mbox(head: bytes) -> bool:
    return head.startswith(b"From ")


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
    lines = []
    size = 0
    for line in handle:
        if line in (b"\n", b"\r\n"):
            break
        size += len(line)
        if size <= MAX_HEADER_BYTES:
            lines.append(line)
    return b"".join(lines)


def _mbox_headers(handle: BinaryIO) -> Iterator[bytes]:
    lines: list[bytes] = []
    size = 0
    in_headers = False
    for line in handle:
        if line.startswith(b"From "):
            if lines:
                yield b"".join(lines)
            lines, size, in_headers = [], 0, True
        elif in_headers:
            if line in (b"\n", b"\r\n"):
                in_headers = False
            else:
                size += len(line)
                if size <= MAX_HEADER_BYTES:
                    lines.append(line)
    if lines:
        yield b"".join(lines)


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


class _Headers:
    """A message's headers as written (raw 8-bit bytes kept as surrogates, which compat32's own
    accessors would turn into U+FFFD), looked up case-insensitively."""

    def __init__(self, block: bytes) -> None:
        self.values: dict[str, list[str]] = {}
        for name, value in _PARSER.parsebytes(block).raw_items():
            self.values.setdefault(name.lower(), []).append(str(value))

    def get(self, name: str) -> str | None:
        found = self.values.get(name.lower())
        return found[0] if found else None

    def get_all(self, name: str, default: list[str]) -> list[str]:
        return self.values.get(name.lower(), default)


def _addresses(message, *names: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    values = [_text(v) for name in names for v in message.get_all(name, [])]
    found = []
    for name, address in getaddresses(values):
        folded = fold_email(address)
        if "@" in folded:
            found.append((folded, " ".join(name.split())))
    return found


def _text(value: object) -> str:
    """A header as text: RFC 2047 encoded words decoded, raw 8-bit bytes as UTF-8 or cp1252."""
    if value is None:
        return ""
    raw = str(value)
    if any("\udc80" <= c <= "\udcff" for c in raw):  # undecodable bytes kept by the parser
        data = raw.encode("ascii", "surrogateescape")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")
    if "=?" not in raw:
        return raw.replace("\r", "").replace("\n", " ")
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
    try:
        moment = parsedate_to_datetime(_text(value).strip())
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


def _key(message) -> str:  # type: ignore[no-untyped-def]
    found = " ".join(_text(message.get("Message-ID")).split()).strip("<>").strip()
    if found:
        return found[:998]
    seen = "\n".join(_text(message.get(n)) for n in ("Date", "From", "To", "Subject"))
    return "sha1:" + hashlib.sha1(seen.encode("utf-8", "surrogatepass")).hexdigest()
