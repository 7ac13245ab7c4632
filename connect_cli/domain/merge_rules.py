"""The ONE set of rules for combining what is known about a person with more about them (pure).

`connect merge WHO INTO` (write/merge.py, WHO's rows as a draft) and `import` (write/bulk.py, a
record matched to someone) both call `plan_merge`; only the word of a kept conflict differs
("company (merged): Initech", "title (imported): VP Sales"). The rules:
- multi-valued items (channels, nicknames, tags, facts) are added unless already there, compared
  folded (case, accents, spacing); a phone is "already there" when its digits are the same number
  (`+1 415 555 0100` = `(415) 555-0100`: one ends with the other, at least 7 digits); a nickname
  that is the kept person's name is already there;
- a different name becomes a nickname of the kept person (so WHO finds them by either name);
- an important date is the same date when its label (folded) and its day (month and day) are the
  same: a year only the incoming one knows is filled in; the same label on another day, or with
  another known year, is kept as a second date (dates are never turned into facts);
- an empty scalar (company, title, location, how/when met, birthday or its missing year) is filled;
- a scalar that differs keeps the kept person's value, and the incoming one is kept as a fact
  `title (<word>): VP Sales`, only when it is genuinely different (folded); a birthday on the same
  day with one year unknown is the same birthday;
- a rhythm is only filled, never changed nor kept as a fact: it is how often the user wants to be
  reminded of the person kept, not something known about them.

Who matches whom on import (write/bulk.py): any email in common (case-insensitive) first; else the
same folded name with strong evidence: the same company, or a phone in common. A name match is
refused when both sides have emails and share none (two John Smiths with different addresses are
two people). The same name and nothing else merges only when the record brings nothing new (the
same file imported again); otherwise the two are listed as possible duplicates, not merged.
A prefix or suffix is part of the name and of identity: Walter Brennan Jr. is not his father.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from connect_cli.domain.drafts import ChannelValue, DateValue, PersonDraft
from connect_cli.domain.matching import fold
from connect_cli.domain.yearly_dates import MonthDay

SCALARS = ("company", "title", "location", "met_at")
_NOT_DIGITS = re.compile(r"\D+")


@dataclass
class Existing:
    """What the journal holds for the person kept, enough to plan a merge."""

    id: int
    name: str
    company: str | None = None
    title: str | None = None
    location: str | None = None
    met_at: str | None = None
    met_on: date | None = None
    birthday: MonthDay | None = None
    every_days: int | None = None
    items: set[tuple[str, str]] = field(default_factory=set)  # (kind, folded value), not dates
    phone_digits: list[str] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)


@dataclass
class MergePlan:
    """What to change on the person kept. Each list keeps the order of the incoming items, and
    `nicknames` ends with the incoming name when it is new (write/merge.py relies on both)."""

    fill: dict[str, object] = field(default_factory=dict)  # contact column -> new value
    nicknames: list[str] = field(default_factory=list)
    channels: list[ChannelValue] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # the incoming facts to add
    dates: list[DateValue] = field(default_factory=list)
    date_years: list[DateValue] = field(default_factory=list)  # a known date's year, filled
    kept: list[str] = field(default_factory=list)  # conflicting values, as facts "x (word): v"

    def is_empty(self) -> bool:
        return self == MergePlan()


# Prefixes and suffixes, folded and without their dots: a name that differs from another only by
# these is shown as a possible duplicate (never merged: they are part of who someone is).
_HONORIFICS = frozenset(
    "dr mr mrs ms miss mx prof sir dame rev fr jr sr ii iii iv v phd md esq dds mba "
    "herr frau hr fr dott ing mme mlle m sra sr srta".split()
)


def core_name(folded: str) -> str:
    """A folded name without its prefixes and suffixes (`dr. anais morel, phd` -> `anais morel`)."""
    words = folded.replace(",", " ").split()
    if len(words) < 2 or (
        words[0].strip(".") not in _HONORIFICS and words[-1].strip(".") not in _HONORIFICS
    ):
        return folded  # the usual name: nothing to take off
    start, end = 0, len(words)
    while start < end - 1 and words[start].strip(".") in _HONORIFICS:
        start += 1
    while end > start + 1 and words[end - 1].strip(".") in _HONORIFICS:
        end -= 1
    return " ".join(words[start:end])


def phone_key(value: str) -> str:
    return _NOT_DIGITS.sub("", value)


def same_phone(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long.endswith(short) and len(short) >= 7


def plan_merge(
    existing: Existing, draft: PersonDraft, *, every_days: int | None, word: str = "imported"
) -> MergePlan:
    """What `draft` adds to `existing`; `every_days` is the rhythm asked for when the draft gives
    none, `word` names the command in a kept conflict ("imported", "merged")."""
    plan = MergePlan()
    items = set(existing.items)
    phones = list(existing.phone_digits)

    def new_item(kind: str, value: str) -> bool:
        key = (kind, fold(value))
        if key in items:
            return False
        items.add(key)
        return True

    def keep_as_fact(what: str, value: str) -> None:
        text = f"{what} ({word}): {value}"
        if new_item("fact", text):
            plan.kept.append(text)

    for name in SCALARS:
        value = getattr(draft, name)
        current = getattr(existing, name)
        if not value or (current and fold(current) == fold(value)):
            continue
        if not current:
            plan.fill[name] = value
        else:
            keep_as_fact(name.replace("_", " "), value)
    _merge_met_on(existing, draft, plan, keep_as_fact)
    _merge_birthday(existing, draft, plan, keep_as_fact)
    wanted_every = draft.every_days if draft.every_given else every_days
    if existing.every_days is None and wanted_every is not None:
        plan.fill["every_days"] = wanted_every
    items.add(("nickname", fold(existing.name)))
    plan.nicknames = [n for n in draft.nicknames if new_item("nickname", n)]
    if draft.name and new_item("nickname", draft.name):
        plan.nicknames.append(draft.name)
    plan.tags = [t for t in draft.tags if new_item("tag", t)]
    for channel in draft.channels:
        if channel.kind == "phone":
            digits = phone_key(channel.value)
            if any(same_phone(digits, known) for known in phones):
                continue
            phones.append(digits)
        if new_item(channel.kind, channel.value):
            plan.channels.append(channel)
    plan.facts = [f for f in draft.facts if new_item(*f)]
    if draft.dates:
        _merge_dates(existing, draft, plan)
    return plan


def _merge_dates(existing: Existing, draft: PersonDraft, plan: MergePlan) -> None:
    """The same label on the same day is the same date; its year fills a missing one."""
    known: dict[tuple[str, int, int], list[DateValue]] = {}
    for there in existing.dates:
        known.setdefault((fold(there.label), there.when.month, there.when.day), []).append(there)
    for incoming in draft.dates:
        when = incoming.when
        same_day = known.setdefault((fold(incoming.label), when.month, when.day), [])
        if any(when.year is None or d.when.year == when.year for d in same_day):
            continue
        yearless = next((d for d in same_day if d.when.year is None), None)
        if yearless is None:  # a new date, or the same day in another known year
            same_day.append(incoming)
            plan.dates.append(incoming)
            continue
        filled = DateValue(yearless.label, when)
        same_day[same_day.index(yearless)] = filled
        if yearless in plan.dates:  # added by this same plan: add it with its year
            plan.dates[plan.dates.index(yearless)] = filled
        else:
            plan.date_years.append(filled)


def _merge_met_on(existing: Existing, draft: PersonDraft, plan: MergePlan, keep) -> None:  # type: ignore[no-untyped-def]
    if draft.met_on is None or draft.met_on == existing.met_on:
        return
    if existing.met_on is None:
        plan.fill["met_on"] = draft.met_on
    else:
        keep("met on", draft.met_on.isoformat())


def _merge_birthday(existing: Existing, draft: PersonDraft, plan: MergePlan, keep) -> None:  # type: ignore[no-untyped-def]
    new, old = draft.birthday, existing.birthday
    if new is None or new == old:
        return
    if old is None:
        plan.fill |= {
            "birthday_month": new.month,
            "birthday_day": new.day,
            "birthday_year": new.year,
        }
    elif (old.month, old.day) == (new.month, new.day) and None in (old.year, new.year):
        if old.year is None:  # the same day, now with its year
            plan.fill["birthday_year"] = new.year
    else:
        keep("birthday", new.isoformat())
