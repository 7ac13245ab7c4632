"""Synthetic people for `connect demo`: pure generation from a seeded random.Random, no database.

Everything is relative to the pinned today and drawn from one `random.Random(seed)`, so a seed
always yields the same journal. Rows come out as tuples of Python values (dates, aware UTC
instants, booleans) in their table's column order; the bulk writer stores them as the ORM would.
"""

from __future__ import annotations

import calendar
import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from connect_cli.domain import demo_words as w
from connect_cli.domain.vocabulary import FACT_KINDS

HISTORY_DAYS = 3 * 365  # interactions spread over about three years up to today


def stamp(day: date, clock: str = "09:00:00") -> datetime:
    """An instant on that day, in UTC."""
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=UTC)


@dataclass
class Person:
    """One synthetic contact: its row, its children, and what its history is drawn from."""

    id: int
    first: str
    row: tuple[object, ...]
    facts: list[tuple[str, str]]
    window: tuple[int, int]  # first and last day offset (from the start of history) of contact
    weight: int  # how much of the history involves them
    topics: list[str] = field(default_factory=list)
    channels: list[tuple[str, str, str | None]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    nickname: str | None = None
    dates: list[tuple[str, int, int, int | None]] = field(default_factory=list)


INITIALS = [chr(code) for code in range(65, 91)]
# Draws of a middle initial (or a table companion) before stepping to the next free one: enough
# that a journal the old draw-until-free loops could make comes out the same, and a bound.
REDRAWS = 10


class DistinctNames:
    """Full names that never repeat, each found in a bounded number of steps.

    A first/last pair is drawn; when its plain name is taken, a middle initial is drawn, up to
    REDRAWS times, and if all those are taken the next free initial after the last one drawn is
    used (at most 26 looks). A pair whose 27 variants are all taken goes on with two initials,
    then three, counted per pair, so those are found at once and cannot collide (no first or last
    name holds a dot). No loop waits for a lucky draw, so every size finishes; and the draws are
    those of the earlier retry-until-unused scheme, so a seed's journal is the one it always was
    at the sizes that scheme could make (unless it would have needed more than REDRAWS draws).
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.overflow: dict[tuple[str, str], int] = {}  # per pair: multi-initial names made

    def next(self) -> tuple[str, str]:
        """(first name, full name) for the next person."""
        rng = self.rng
        first, last = rng.choice(w.FIRST_NAMES), rng.choice(w.LAST_NAMES)
        name = f"{first} {last}"
        if name in self.used:
            name = self._with_initial(first, last)
        self.used.add(name)
        return first, name

    def _with_initial(self, first: str, last: str) -> str:
        start = 0
        for _ in range(REDRAWS):
            start = self.rng.randrange(65, 91) - 65
            name = f"{first} {INITIALS[start]}. {last}"
            if name not in self.used:
                return name
        for step in range(1, len(INITIALS)):
            name = f"{first} {INITIALS[(start + step) % len(INITIALS)]}. {last}"
            if name not in self.used:
                return name
        made = self.overflow.get((first, last), 0)
        self.overflow[(first, last)] = made + 1
        return f"{first} {several_initials(made)} {last}"


def several_initials(index: int) -> str:
    """The index-th run of two or more initials: 0 → "A. A.", 675 → "Z. Z.", 676 → "A. A. A."."""
    width, span = 2, len(INITIALS) ** 2
    while index >= span:  # ends: index shrinks by a growing span each turn
        index -= span
        width, span = width + 1, span * len(INITIALS)
    letters = []
    for _ in range(width):
        index, letter = divmod(index, len(INITIALS))
        letters.append(INITIALS[letter])
    return " ".join(f"{letter}." for letter in reversed(letters))


class PeopleMaker:
    """Makes people one by one; full names stay distinct (DistinctNames)."""

    def __init__(self, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.start = today - timedelta(days=HISTORY_DAYS)
        self.names = DistinctNames(rng)

    def make(self, contact_id: int, index: int) -> Person:
        rng = self.rng
        first, name = self.names.next()
        company = rng.choice(w.COMPANY_STEMS) + rng.choice(w.COMPANY_SUFFIXES)
        met_on = self.today - timedelta(days=rng.randint(30, 6 * 365))
        every = rng.choices(w.RHYTHMS, w.RHYTHM_WEIGHTS)[0]
        introducer = (
            rng.randrange(1, contact_id) if contact_id > 1 and rng.random() < 0.15 else None
        )
        met_at = self._met_at(met_on, introducer)
        birthday = self._birthday()
        snoozed = self.today + timedelta(days=rng.randint(1, 30)) if rng.random() < 0.03 else None
        archived = rng.random() < 0.03
        if index == 0:  # someone clearly overdue, so `connect today` always has a row to show
            every, snoozed, archived, met_on = 30, None, False, self.today - timedelta(days=800)
        if index == 1:  # a leap-day birthday: celebrated on Feb 28 in other years
            birthday = (2, 29, 1988)
        created = stamp(met_on, "18:00:00")
        row = (
            contact_id, name, company if rng.random() < 0.9 else None, rng.choice(w.TITLES),
            rng.choice(w.LOCATIONS) if rng.random() < 0.8 else None, met_at, met_on, introducer,
            *birthday, every, snoozed, archived, created, created,
            None,  # last_contact_on: the demo writer computes it once the history is written
        )  # fmt: skip
        facts = self._facts(every_kind=index == 0)
        person = Person(
            id=contact_id,
            first=first,
            row=row,
            facts=facts,
            window=self._window(met_on, every, overdue=index == 0),
            weight=rng.choice((1, 1, 2, 3, 5, 8)),
        )
        person.topics = self._topics(facts, company)
        person.channels = self._channels(name, company)
        person.tags = rng.sample(w.TAGS, rng.choice((0, 1, 1, 2, 3)))
        person.nickname = w.NICKNAMES.get(first) if rng.random() < 0.6 else None
        person.dates = self._dates(facts)
        return person

    def _met_at(self, met_on: date, introducer: int | None) -> str | None:
        rng = self.rng
        roll = rng.random()
        if introducer is not None and roll < 0.5:
            return "introduced over email"
        if roll < 0.45:
            return f"{rng.choice(w.EVENTS)} {met_on.year}"
        if roll < 0.85:
            return rng.choice(w.PLACES_MET)
        return None

    def _birthday(self) -> tuple[int | None, int | None, int | None]:
        rng = self.rng
        if rng.random() < 0.3:
            return (None, None, None)
        month = rng.randint(1, 12)
        year = rng.randint(1955, 2000) if rng.random() < 0.6 else None
        days = calendar.monthrange(year or 2000, month)[1]
        return (month, rng.randint(1, days), year)

    def _facts(self, *, every_kind: bool) -> list[tuple[str, str]]:
        rng = self.rng
        kinds = list(FACT_KINDS) if every_kind else []
        if not every_kind and rng.random() >= 0.1:  # one in ten: nothing known yet
            kinds = rng.choices(FACT_KINDS, (3, 2, 3, 3, 2, 2, 2), k=rng.randint(1, 7))
        facts = [(kind, self._fact_text(kind)) for kind in kinds]
        return list(dict.fromkeys(facts))  # the same fact twice reads like a bug

    def _fact_text(self, kind: str) -> str:
        rng = self.rng
        if kind == "family":
            return family_text(rng)
        bank = {
            "like": w.LIKES, "dislike": w.DISLIKES, "passion": w.PASSIONS, "need": w.NEEDS,
            "offer": w.OFFERS, "fact": w.FACTS,
        }[kind]  # fmt: skip
        return rng.choice(bank)

    def _window(self, met_on: date, every: int | None, *, overdue: bool) -> tuple[int, int]:
        """The span of days their interactions fall in; for some, the last one is long ago."""
        rng = self.rng
        first = max(0, (met_on - self.start).days)
        if overdue:
            gap = 75
        elif every is None:
            gap = rng.randint(0, 400)
        elif rng.random() < 0.3:  # behind on their rhythm: the people `today` will suggest
            gap = int(every * (1 + rng.random() * 2))
        else:
            gap = int(every * rng.random() * 0.9)
        last = max(first, HISTORY_DAYS - gap)
        return first, last

    def _topics(self, facts: list[tuple[str, str]], company: str) -> list[str]:
        topics = [f"{t.format(x=company)}" for t in w.TOPICS["company"]]
        for kind, text in facts:
            subject = family_name(text) if kind == "family" else text
            topics += [t.format(x=subject) for t in w.TOPICS.get(kind, ())]
        return topics + list(w.GENERIC_TOPICS[:2])

    def _channels(self, name: str, company: str) -> list[tuple[str, str, str | None]]:
        rng = self.rng
        handle = ascii_handle(name)
        domain = ascii_handle(company).replace(".", "") + ".example"
        found: list[tuple[str, str, str | None]] = [("email", f"{handle}@{domain}", "work")]
        if rng.random() < 0.4:
            found.append(("email", f"{handle}@mail.example", "home"))
        if rng.random() < 0.7:
            number = f"+1 {rng.randint(201, 989)} 555 {rng.randint(0, 9999):04d}"
            found.append(("phone", number, rng.choice(("mobile", "work", None))))
        if rng.random() < 0.5:
            slug = handle.replace(".", "-")
            found.append(("url", f"https://www.linkedin.com/in/{slug}", "linkedin"))
        return found

    def _dates(self, facts: list[tuple[str, str]]) -> list[tuple[str, int, int, int | None]]:
        rng = self.rng
        found = []
        if rng.random() < 0.2:
            year = rng.randint(2005, self.today.year - 1) if rng.random() < 0.5 else None
            found.append((rng.choice(w.DATE_LABELS), rng.randint(1, 12), rng.randint(1, 28), year))
        kids = [
            family_name(t) for k, t in facts if k == "family" and ("(son" in t or "(daughter" in t)
        ]
        if kids and rng.random() < 0.5:
            found.append((f"{kids[0]}'s birthday", rng.randint(1, 12), rng.randint(1, 28), None))
        return found


def family_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.55:
        relation, names = rng.choice((("son", w.SON_NAMES), ("daughter", w.DAUGHTER_NAMES)))
        return f"{rng.choice(names)} ({relation}, {rng.randint(1, 19)})"
    if roll < 0.9:
        return f"{rng.choice(w.PARTNER_NAMES)} ({rng.choice(('wife', 'husband', 'partner'))})"
    return f"{rng.choice(w.PET_NAMES)} (dog)"


def family_name(text: str) -> str:
    """ "Sam (son, 7)" -> "Sam"."""
    return text.split(" (", 1)[0]


def ascii_handle(name: str) -> str:
    """ "Zoë O'Brien" -> "zoe.obrien": what an email address made from a name looks like."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = ["".join(ch for ch in word if ch.isalnum()) for word in plain.split()]
    return ".".join(word for word in words if word) or "someone"


def followup_rows(
    rng: random.Random, people: list[Person], today: date
) -> list[tuple[object, ...]]:
    """Promises for about one person in six: a calm handful due around today (most later, some
    overdue, some undated), and some already kept."""
    rows: list[tuple[object, ...]] = []
    for person in people:
        if rng.random() >= 0.16:
            continue
        for _ in range(rng.choice((1, 1, 2))):
            text = _followup_text(rng, person, people)
            due = today + timedelta(days=rng.randint(-14, 45)) if rng.random() < 0.75 else None
            created = stamp(today - timedelta(days=rng.randint(20, 60)))
            done = None
            if rng.random() < 0.4:
                done = stamp(today - timedelta(days=rng.randint(1, 19)), "16:30:00")
            rows.append((person.id, None, text, due, done, created))
    return rows


def _followup_text(rng: random.Random, person: Person, people: list[Person]) -> str:
    """A promise in the user's words, about this person's own passion or need when it has one."""
    passion = next((t for k, t in person.facts if k == "passion"), None)
    need = next((t for k, t in person.facts if k == "need"), None)
    usable = [
        t for t in w.FOLLOWUPS if ("{passion}" not in t or passion) and ("{need}" not in t or need)
    ]
    return rng.choice(usable).format(passion=passion, need=need, other=rng.choice(people).first)
