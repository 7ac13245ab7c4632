"""What a user asked to record about a person, already parsed and checked (no database here).

The CLI turns flags into a `PersonDraft`; `edit` from $EDITOR turns a text profile into one. The
write side then applies it. Keeping this pure lets the parsing be table-tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from connect_cli.domain.controls import without_controls
from connect_cli.domain.errors import InputError
from connect_cli.domain.vocabulary import CHANNEL_KINDS, FACT_KINDS
from connect_cli.domain.yearly_dates import MonthDay, parse_month_day

# Longest text kept in one field. Notes get more room than names; beyond it we refuse rather than
# silently cut a user's words.
MAX_NAME = 200
MAX_FIELD = 2_000
MAX_NOTE = 100_000

SCALAR_FIELDS = ("company", "title", "location", "met_at")
CLEARABLE = (*SCALAR_FIELDS, "met_on", "via", "birthday", "every", "snooze")
DROPPABLE = ("tag", "email", "phone", "url", "nickname", "date", *FACT_KINDS)

# A label is a short word before '=' (work=a@b.com); a URL's own '=' never looks like one.
_LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 _-]{0,30})\s*=\s*(.+)$", re.S)


class ChannelValue(NamedTuple):
    kind: str
    value: str
    label: str | None = None


class DateValue(NamedTuple):
    label: str
    when: MonthDay
    once: bool = False  # on that day only (a launch), not every year; `when` then has a year


@dataclass
class PersonDraft:
    """Fields to set (None = leave as is) and items to add; used by `add` and `edit`."""

    name: str | None = None
    company: str | None = None
    title: str | None = None
    location: str | None = None
    met_at: str | None = None
    met_on: date | None = None
    via: str | None = None  # a WHO, resolved by the write side
    birthday: MonthDay | None = None
    every_days: int | None = None
    every_given: bool = False  # `--every never` sets None on purpose
    nicknames: list[str] = field(default_factory=list)
    channels: list[ChannelValue] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    long_notes: list[str] = field(default_factory=list)  # imported text too long for a fact
    needs_met: dict[str, date] = field(default_factory=dict)  # imported need text -> day met
    clear: list[str] = field(default_factory=list)
    drop: list[tuple[str, str]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return self == PersonDraft()


OPTION_IF_EMPTY = "give some text or leave the option out"


def clean_text(
    value: str,
    what: str,
    limit: int = MAX_FIELD,
    *,
    if_empty: str = OPTION_IF_EMPTY,
) -> str:
    """Trim a user's text and refuse what cannot be stored sensibly; `if_empty` says what to do
    about an empty one (the default fits an option given as "")."""
    text = value.strip()
    if not text:
        raise InputError(f"The {what} is empty; {if_empty}.")
    if len(text) > limit:
        raise InputError(
            f"The {what} is longer than {limit:,} characters; shorten it and try again."
        )
    if "\x00" in text:
        raise InputError(f"The {what} contains a NUL character; remove it and try again.")
    return text


NAME_IF_EMPTY = 'give the person\'s name, e.g. "Linda Holcman"'


def plain_name(value: str) -> str:
    """A name as stored: escape sequences and control characters (a pasted colour code, a tab)
    become spaces and whitespace runs one space: "Ann\x1b[1m Smith\n" -> "Ann Smith". The one
    rule for every way a name arrives (typed, edited, imported)."""
    return " ".join(without_controls(value).split())


def clean_name(value: str, what: str = "name", if_empty: str = NAME_IF_EMPTY) -> str:
    """A typed name (or nickname, with `what`), made plain and checked: InputError when nothing
    is left ("The name is empty; give the person's name…"), it is too long, or it holds a NUL
    (typed text with a NUL is refused, as every typed text is: clean_text)."""
    return clean_text(plain_name(value) if "\x00" not in value else value, what, MAX_NAME,
                      if_empty=if_empty)  # fmt: skip


def parse_channel(kind: str, raw: str) -> ChannelValue:
    """`work=linda@acme.com` → a labelled channel; the value itself is kept exactly as given."""
    assert kind in CHANNEL_KINDS
    text = clean_text(raw, kind)
    label = None
    match = _LABELLED.match(text)
    if match and "@" not in match.group(1) and ":" not in match.group(1):
        label, text = match.group(1).strip().lower(), match.group(2).strip()
    if kind == "email" and "@" not in text:
        raise InputError(
            f"{text[:60]!r} does not look like an email address; use name@example.com."
        )
    return ChannelValue(kind, text, label)


# "launch=2027-03-01 once": the word that makes an important date one-off (typed, and in our CSV)
ONE_OFF = re.compile(r"\s+once\s*$", re.IGNORECASE)


def parse_important_date(raw: str) -> DateValue:
    """`work anniversary=2019-03-01`, `Sam's birthday=June 2`, or a one-off date with its year
    and the word once: `launch=2027-03-01 once` (shown on its approach, never again)."""
    label, sep, when = raw.partition("=")
    once = bool(ONE_OFF.search(when))
    when = ONE_OFF.sub("", when)
    if not sep or not label.strip() or not when.strip():
        raise InputError('Give an important date as "LABEL=DATE", e.g. "work anniversary=03-01".')
    label = clean_text(label, "date label", MAX_NAME)
    day = parse_month_day(when.strip(), "date")
    if once and day.year is None:
        raise InputError(f"A date that happens once needs its year, e.g. \"{label}=2027-03-01 once\".")
    return DateValue(label, day, once)


def parse_drop(raw: str) -> tuple[str, str]:
    """`tag:client` → ("tag", "client"); the kinds are the multi-valued items."""
    kind, sep, value = raw.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in DROPPABLE or not value.strip():
        raise InputError(
            f"Use --drop KIND:VALUE where KIND is one of {', '.join(DROPPABLE)} "
            "(e.g. --drop tag:client)."
        )
    return kind, value.strip()


def parse_clear(raw: str) -> str:
    name = raw.strip().lower().replace("-", "_")
    name = {"met_at": "met_at", "introduced_by": "via", "rhythm": "every"}.get(name, name)
    if name not in CLEARABLE:
        raise InputError(f"Use --clear with one of {', '.join(CLEARABLE)}.")
    return name


@dataclass
class RawPerson:
    """Fields exactly as typed on the command line (or in the profile editor), not yet checked."""

    name: str | None = None
    company: str | None = None
    title: str | None = None
    location: str | None = None
    met_at: str | None = None
    met_on: str | None = None
    via: str | None = None
    birthday: str | None = None
    every: str | None = None
    nickname: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    url: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    date: list[str] = field(default_factory=list)
    like: list[str] = field(default_factory=list)
    dislike: list[str] = field(default_factory=list)
    passion: list[str] = field(default_factory=list)
    family: list[str] = field(default_factory=list)
    need: list[str] = field(default_factory=list)
    offer: list[str] = field(default_factory=list)
    fact: list[str] = field(default_factory=list)
    clear: list[str] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)


def build_draft(raw: RawPerson, today: date) -> PersonDraft:
    """Check and parse every field; the first problem raises InputError naming the option."""
    from connect_cli.domain.days import parse_day
    from connect_cli.domain.rhythms import parse_rhythm

    draft = PersonDraft(
        name=clean_name(raw.name) if raw.name is not None else None,
        company=_opt(raw.company, "company"),
        title=_opt(raw.title, "title"),
        location=_opt(raw.location, "location"),
        met_at=_opt(raw.met_at, "how you met (--met-at)"),
        met_on=parse_day(raw.met_on, today) if raw.met_on is not None else None,
        via=_opt(raw.via, "introducer (--via)"),
        birthday=parse_month_day(raw.birthday) if raw.birthday is not None else None,
        every_given=raw.every is not None,
        every_days=parse_rhythm(raw.every) if raw.every is not None else None,
        nicknames=[clean_name(n, "nickname", OPTION_IF_EMPTY) for n in raw.nickname],
        tags=[clean_text(t, "tag", MAX_NAME).lower() for t in raw.tag],
        channels=[parse_channel(kind, v) for kind in CHANNEL_KINDS for v in getattr(raw, kind)],
        facts=[(kind, clean_text(v, kind)) for kind in FACT_KINDS for v in getattr(raw, kind)],
        dates=[parse_important_date(d) for d in raw.date],
        clear=[parse_clear(c) for c in raw.clear],
        drop=[parse_drop(d) for d in raw.drop],
    )
    if draft.met_on is not None and draft.met_on > today:
        raise InputError("The day you met cannot be in the future; give a past date with --met-on.")
    return draft


def _opt(value: str | None, what: str) -> str | None:
    return clean_text(value, what) if value is not None else None
