"""What every reader produces: one incoming person (a PersonDraft) with where it came from.

Readers (CSV dialects, vCard) only fill a `PersonBuilder`; the rules for what is kept and how a
label is spelled live here once, so the same person arrives the same way from every source.

Nothing is dropped without a word: what a reader does not map is kept as a fact (`label: value`)
or named in a remark (`PHOTO`, "skipped (pictures are not stored)") that the summary counts.
No cap that a real export can reach refuses an import: a name too long for a name is shortened and
kept whole as a fact, text too long for a fact is kept whole as a note in the timeline, and the
summary says so. (Typed text keeps its documented caps: core/drafts.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache
from typing import NamedTuple

from connect_cli.domain.drafts import (
    MAX_FIELD,
    MAX_NAME,
    ONE_OFF,
    ChannelValue,
    DateValue,
    PersonDraft,
    plain_name,
)
from connect_cli.domain.errors import InputError
from connect_cli.domain.matching import fold
from connect_cli.domain.yearly_dates import MonthDay, parse_month_day


class FileProblem(InputError):
    """A problem at a known place in an imported file (the message names file and position)."""


@dataclass
class Incoming:
    """One person read from a file; `where` is e.g. "line 12" or "card 3 (line 40)"."""

    draft: PersonDraft
    where: str
    # what only our own exports carry: introduced_by (a name), snoozed_until (date), archived
    extra: dict[str, object] = field(default_factory=dict)
    remarks: list[Remark] = field(default_factory=list)  # counted in the summary
    notices: list[str] = field(default_factory=list)  # sentences naming card/line, shown as is
    groups: list[str] = field(default_factory=list)  # vCard groups this person is a member of


class Remark(NamedTuple):
    """What happened to a kind of value, e.g. ("PHOTO", "skipped (pictures are not stored)")."""

    what: str
    outcome: str


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
    follow_ups: list[IncomingPromise] = field(default_factory=list)


@dataclass(frozen=True)
class IncomingPromise:
    """A follow-up from our notes CSV: its text, due day and the day it was kept (if it was)."""

    text: str
    due_on: date | None = None
    done_on: date | None = None


# Labels as the programs write them -> ours. Apple wraps its own in _$!<…>!$_; Google legacy
# prefixes the primary one with "* ". Type words that say nothing to a person are dropped.
_LABEL_WORDS = {
    "cell": "mobile", "cellular": "mobile", "iphone": "mobile", "mobile": "mobile",
    "work": "work", "business": "work", "home": "home", "other": "other", "main": "main",
    "fax": "fax", "workfax": "work fax", "homefax": "home fax", "pager": "pager", "car": "car",
    "homepage": "homepage", "blog": "blog", "profile": "profile", "linkedin": "linkedin",
}  # fmt: skip
_NOISE_TYPES = {"pref", "internet", "voice", "x400", "text", "uri", "msg", "video", "pcs"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


@lru_cache(maxsize=1024)
def channel_label(*raw_labels: str) -> str | None:
    """The first meaningful label among several type words (`CELL;VOICE;pref` -> mobile); a fax
    keeps where it is (`WORK;FAX` -> work fax)."""
    words = {w.strip().lower() for w in raw_labels}
    if "fax" in words and words & {"work", "home"}:
        return "work fax" if "work" in words else "home fax"
    for raw in raw_labels:
        text = raw.strip().removeprefix("*").strip()
        if m := _APPLE_LABEL.match(text):
            text = m.group(1)
        key = text.lower()
        if not key or key in _NOISE_TYPES or key.startswith("x-"):
            continue
        return _LABEL_WORDS.get(key.replace(" ", ""), key)[:MAX_NAME]
    return None


def _text(value: str | None) -> str | None:
    if not value:  # None or an empty cell: most cells of a wide export
        return None
    text = value.strip()
    if not text:
        return None
    if "\r" in text:  # CRLF inside a quoted cell or a vCard value is still just a line break
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "") if "\x00" in text else text


# Google's own bookkeeping groups, not labels a user made ("starred" is the user's: kept).
_SYSTEM_GROUPS = {"mycontacts", "my contacts", "other contacts", "othercontacts", "other"}
LONG_TEXT = Remark(
    "long text", f"kept whole as a note in the timeline (longer than {MAX_FIELD:,} characters)"
)


class PersonBuilder:
    """Collects one person's values; `build()` returns None when nothing names them."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.draft = PersonDraft()
        self.extra: dict[str, object] = {}
        self.remarks: list[Remark] = []
        self.notices: list[str] = []
        self.groups: list[str] = []
        self._seen: set[tuple[str, str]] = set()

    def remark(self, what: str, outcome: str) -> None:
        self.remarks.append(Remark(what, outcome))

    # scalars: the first non-empty value wins; later different ones are kept as facts
    def scalar(self, name: str, value: str | None) -> None:
        text = _text(value)
        if text is None:
            return
        current = getattr(self.draft, name)
        if len(text) > MAX_FIELD:
            self.fact(f"{name.replace('_', ' ')}: {text}")  # too long for the field: kept whole
        elif current is None:
            setattr(self.draft, name, text)
        elif fold(current) != fold(text):
            self.fact(f"{name.replace('_', ' ')}: {text}")

    def name(self, value: str | None) -> None:
        text = _text(value)
        if text is not None and self.draft.name is None and (name := plain_name(text)):
            self.draft.name = self._short(name, "name")

    def _short(self, text: str, what: str) -> str:
        """A name longer than a name may be: cut at a word, the whole kept as a fact."""
        if len(text) <= MAX_NAME:
            return text
        self.fact(f"{what}: {text}")
        self.remark(what, f"shortened to {MAX_NAME} characters (the whole kept as a fact)")
        cut = text[: MAX_NAME - 1].rsplit(" ", 1)[0] or text[: MAX_NAME - 1]
        return cut + "…"

    def introduced_by(self, value: str | None) -> None:
        text = _text(value)
        if text is not None and (name := plain_name(text)):
            self.extra["introduced_by"] = self._short(name, "introducer")

    def met_on(self, day: date | None) -> None:
        if day is not None and self.draft.met_on is None:
            self.draft.met_on = day

    def channel(self, kind: str, value: str | None, label: str | None = None) -> None:
        text = _text(value)
        if text is None:
            return
        if (kind == "email" and "@" not in text) or len(text) > MAX_FIELD:
            self.fact(f"{kind}: {text}")  # not an address; keep the words, not a broken channel
            return
        if self._once(kind, text):
            label = label[:MAX_NAME] if label else label
            self.draft.channels.append(ChannelValue(kind, text, label))

    def nickname(self, value: str | None) -> None:
        text = _text(value)
        if text is not None and (name := plain_name(text)) and self._once("nickname", name):
            self.draft.nicknames.append(self._short(name, "nickname"))

    def tag(self, value: str | None) -> None:
        text = _text(value)
        if text is None:
            return
        label = text.removeprefix("*").strip()
        if (skipped := _system_group(label)) is not None:
            self.remarks.append(skipped)
        elif len(label) > MAX_NAME:
            self.fact(f"tag: {label}")
        elif label and self._once("tag", label.lower()):
            self.draft.tags.append(label.lower())

    def fact(self, value: str | None, kind: str = "fact") -> None:
        text = _text(value)
        if text is None or not self._once(kind, text):
            return
        if len(text) > MAX_FIELD:
            self.draft.long_notes.append(text)
            self.remarks.append(LONG_TEXT)
        else:
            self.draft.facts.append((kind, text))

    def need_met(self, value: str | None, day: date) -> None:
        """A need (already given to `fact`) that was met on `day` (our exports say so, #16)."""
        if (text := _text(value)) is not None:
            self.draft.needs_met[text] = day

    def labelled_fact(self, label: str | None, value: str | None, kind: str = "fact") -> None:
        """A value we have no field for, kept as `label: value`."""
        if text := _text(value):
            name = (_text(label) or "").rstrip(":")
            self.fact(f"{name}: {text}" if name else text, kind)

    def birthday(self, value: str | None) -> None:
        """A readable birthday becomes the birthday; anything else is kept as a fact."""
        text = _text(value)
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
        text = _text(value)
        name = _text(label) or "date"
        if text is None:
            return
        # our own CSV writes a one-off date with its year and the word once ("2027-03-01 once")
        once = bool(ONE_OFF.search(text))
        when = ONE_OFF.sub("", text) if once else text
        day = read_month_day(when) if len(name) <= MAX_NAME else None
        if day is None or (once and day.year is None):
            self.fact(f"{name}: {text}")
        elif self._once("date", name):
            self.draft.dates.append(DateValue(name, day, once))

    def _once(self, kind: str, value: str) -> bool:
        # within one record, case is enough (the merge into the journal compares fully folded)
        key = (kind, value.casefold())
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def build(self) -> Incoming | None:
        draft = self.draft
        if draft.name is None and draft.company is not None:
            draft.name = draft.company  # an organisation card or a company-only row
        if draft.name is None:
            self._name_by_channel()
        if draft.name is None:
            return None
        return Incoming(draft, self.where, self.extra, self.remarks, self.notices, self.groups)

    def _name_by_channel(self) -> None:
        """A row with only an email (or only a phone) is someone: named by it, as address books
        show such a contact."""
        for kind in ("email", "phone"):
            found = next((c.value for c in self.draft.channels if c.kind == kind), None)
            if found is not None:
                self.draft.name = self._short(found, "name")
                self.remark("name", f"taken from the {kind} (the record has no name)")
                return


@lru_cache(maxsize=256)
def _system_group(label: str) -> Remark | None:
    """The remark for one of Google's own groups (the same few labels on every row: cached)."""
    if fold(label) not in _SYSTEM_GROUPS:
        return None
    return Remark(f"group {label}", "skipped (Google's own bookkeeping, not your label)")


_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
# Years that address books write when they mean "no year": Apple's 1604 (with or without its
# X-APPLE-OMIT-YEAR marker), Outlook's and Excel's 1900 and 1601, 0000 and 0001.
PLACEHOLDER_YEARS = frozenset({0, 1, 1601, 1604, 1900})


def read_month_day(text: str) -> MonthDay | None:
    """A birthday in any of the import formats, or None when it is not a date (e.g. "circa 1800").
    A placeholder year means the year is not known."""
    if m := _ISO_DAY.fullmatch(text):  # the common spelling, without the general parser
        year = int(m[1])
        try:
            return MonthDay(int(m[2]), int(m[3]), None if year in PLACEHOLDER_YEARS else year)
        except InputError:
            return None
    try:
        return parse_month_day(text)
    except InputError:
        return None
