"""What every reader produces: one incoming person (a PersonDraft) with where it came from.

Readers (CSV dialects, vCard) only fill a `PersonBuilder`; the rules for what is kept and how a
label is spelled live here once, so the same person arrives the same way from every source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache

from connect_cli.domain.drafts import MAX_FIELD, MAX_NAME, ChannelValue, DateValue, PersonDraft
from connect_cli.domain.errors import InputError
from connect_cli.domain.matching import fold
from connect_cli.domain.parsing import MonthDay, parse_month_day


class FileProblem(InputError):
    """A problem at a known place in an imported file (the message names file and position)."""


@dataclass
class Incoming:
    """One person read from a file; `where` is e.g. "line 12" or "card 3 (line 40)"."""

    draft: PersonDraft
    where: str
    # what only our own exports carry: introduced_by (a name), snoozed_until (date), archived
    extra: dict[str, object] = field(default_factory=dict)


@dataclass
class IncomingNote:
    """One row of our notes CSV: an interaction with a person (found or created by name)."""

    where: str
    person: str
    on: date
    at: time | None
    kind: str
    text: str
    with_names: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)


# Labels as the programs write them -> ours. Apple wraps its own in _$!<…>!$_; Google legacy
# prefixes the primary one with "* ". Type words that say nothing to a person are dropped.
_LABEL_WORDS = {
    "cell": "mobile", "cellular": "mobile", "iphone": "mobile", "mobile": "mobile",
    "work": "work", "business": "work", "home": "home", "other": "other", "main": "main",
    "fax": "fax", "workfax": "work fax", "homefax": "home fax", "pager": "pager",
    "homepage": "homepage", "blog": "blog", "profile": "profile", "linkedin": "linkedin",
}  # fmt: skip
_NOISE_TYPES = {"pref", "internet", "voice", "x400", "text", "uri", "msg", "video", "pcs"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


@lru_cache(maxsize=1024)
def channel_label(*raw_labels: str) -> str | None:
    """The first meaningful label among several type words (`CELL;VOICE;pref` -> mobile)."""
    for raw in raw_labels:
        text = raw.strip().removeprefix("*").strip()
        if m := _APPLE_LABEL.match(text):
            text = m.group(1)
        key = text.lower()
        if not key or key in _NOISE_TYPES or key.startswith("x-"):
            continue
        return _LABEL_WORDS.get(key.replace(" ", ""), key)[:MAX_NAME]
    return None


def _text(value: str | None, what: str, where: str, limit: int = MAX_FIELD) -> str | None:
    if not value:  # None or an empty cell: most cells of a wide export
        return None
    text = value.strip()
    if not text:
        return None
    if len(text) > limit:
        raise FileProblem(
            f"{where}: the {what.replace('_', ' ')} is longer than {limit:,} characters."
        )
    if "\r" in text:  # CRLF inside a quoted cell or a vCard value is still just a line break
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "") if "\x00" in text else text


class PersonBuilder:
    """Collects one person's values; `build()` returns None when nothing names them."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.draft = PersonDraft()
        self.extra: dict[str, object] = {}
        self._seen: set[tuple[str, str]] = set()

    # scalars: the first non-empty value wins; later different ones are kept as facts
    def scalar(self, name: str, value: str | None) -> None:
        text = _text(value, name, self.where)
        if text is None:
            return
        current = getattr(self.draft, name)
        if current is None:
            setattr(self.draft, name, text)
        elif fold(current) != fold(text):
            self.fact(f"{name.replace('_', ' ')}: {text}")

    def name(self, value: str | None) -> None:
        text = _text(value, "name", self.where, MAX_NAME)
        if text is not None and self.draft.name is None:
            self.draft.name = " ".join(text.split())

    def introduced_by(self, value: str | None) -> None:
        text = _text(value, "introducer", self.where, MAX_NAME)
        if text is not None:
            self.extra["introduced_by"] = " ".join(text.split())

    def met_on(self, day: date | None) -> None:
        if day is not None and self.draft.met_on is None:
            self.draft.met_on = day

    def channel(self, kind: str, value: str | None, label: str | None = None) -> None:
        text = _text(value, kind, self.where)
        if text is None:
            return
        if kind == "email" and "@" not in text:
            self.fact(f"email: {text}")  # not an address; keep the words, not a broken channel
            return
        if self._once(kind, text):
            self.draft.channels.append(ChannelValue(kind, text, label))

    def nickname(self, value: str | None) -> None:
        text = _text(value, "nickname", self.where, MAX_NAME)
        if text is not None and self._once("nickname", text):
            self.draft.nicknames.append(" ".join(text.split()))

    def tag(self, value: str | None) -> None:
        text = _text(value, "tag", self.where, MAX_NAME)
        if text is not None and self._once("tag", text.lower()):
            self.draft.tags.append(text.lower())

    def fact(self, value: str | None, kind: str = "fact") -> None:
        text = _text(value, "note", self.where)
        if text is not None and self._once(kind, text):
            self.draft.facts.append((kind, text))

    def birthday(self, value: str | None) -> None:
        """A readable birthday becomes the birthday; anything else is kept as a fact."""
        text = _text(value, "birthday", self.where, MAX_NAME)
        if text is None:
            return
        day = read_month_day(text)
        if day is None:
            self.fact(f"birthday: {text}")
        elif self.draft.birthday is None:
            self.draft.birthday = day
        elif self.draft.birthday != day:
            self.fact(f"birthday: {text}")

    def important_date(self, label: str | None, value: str | None) -> None:
        text = _text(value, "date", self.where, MAX_NAME)
        name = _text(label, "date label", self.where, MAX_NAME) or "date"
        if text is None:
            return
        day = read_month_day(text)
        if day is None:
            self.fact(f"{name}: {text}")
        elif self._once("date", name):
            self.draft.dates.append(DateValue(name, day))

    def _once(self, kind: str, value: str) -> bool:
        # within one record, case is enough (the merge into the journal compares fully folded)
        key = (kind, value.casefold())
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def build(self) -> Incoming | None:
        if self.draft.name is None and self.draft.company is not None:
            self.draft.name = self.draft.company  # an organisation card or a company-only row
        if self.draft.name is None:
            return None
        return Incoming(self.draft, self.where, self.extra)


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def read_month_day(text: str) -> MonthDay | None:
    """A birthday in any of the import formats, or None when it is not a date (e.g. "circa 1800")."""
    if m := _ISO_DAY.fullmatch(text):  # the common spelling, without the general parser
        try:
            return MonthDay(int(m[2]), int(m[3]), int(m[1]))
        except InputError:
            return None
    try:
        return parse_month_day(text)
    except InputError:
        return None
