"""`review`: the calm look back over a week (or month) and ahead to the next one.

The window is the last 7 (or 30) days, today included; "ahead" is the same number of days
after today. Everything is read in one snapshot; suggestions reuse the rules of `today` (most
overdue first, with a talk-about hook) and of `prep` (an offer that meets a need).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from connect_cli.core.daily import _with_hook
from connect_cli.core.intros import Helpers
from connect_cli.core.journal import read_journal
from connect_cli.core.prep import could_help
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.read.daily import coming_dates, reconnect_rows
from connect_cli.read.daily_models import ComingDate, Hook
from connect_cli.read.models import PersonRef
from connect_cli.read.prep import prep_person
from connect_cli.read.review import (
    Drifted,
    PromiseDone,
    TalkedTo,
    drifted,
    people_met,
    promises_kept,
    promises_missed,
    talked_to,
)
from connect_cli.read.stats import Introductions, introductions_made

WEEK, MONTH = 7, 30
SUGGESTIONS = 3
INTRO_CANDIDATES = 10  # people whose needs are matched against offers for one introduction


@dataclass(frozen=True)
class Suggestion:
    """Reconnect with `person` (talking about `hook`), or introduce `person` to `other`."""

    kind: str  # "reconnect" or "introduce"
    person: PersonRef
    hook: Hook | None = None
    overdue_days: int | None = None
    other: PersonRef | None = None
    need: str | None = None
    offer: str | None = None


@dataclass
class Review:
    start: date
    end: date
    ahead_until: date
    talked_to: list[TalkedTo]
    kept: list[PromiseDone]
    missed: list[PromiseDone]
    met: list[PersonRef]
    introductions: Introductions
    drifted: list[Drifted]
    coming: list[ComingDate]
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def review_for(location: JournalLocation, *, today: date, days: int = WEEK) -> Review:
    with read_journal(location) as reader:
        return read_review(reader, today, days)


def read_review(reader: Reader, today: date, days: int) -> Review:
    start = today - timedelta(days=days - 1)
    review = Review(
        start=start,
        end=today,
        ahead_until=today + timedelta(days=days),
        talked_to=talked_to(reader, start, today),
        kept=promises_kept(reader, start, today),
        missed=promises_missed(reader, start, today),
        met=people_met(reader, start, today),
        introductions=introductions_made(reader, start, today),
        drifted=drifted(reader, today, days),
        # The days after today: a birthday today belongs to `today`, not to the week ahead.
        coming=coming_dates(reader, today + timedelta(days=1), days - 1),
    )
    review.suggestions = suggestions(reader, today, review)
    return review


def suggestions(reader: Reader, today: date, review: Review) -> list[Suggestion]:
    """The most overdue people with a hook, and one introduction when an offer meets a need
    (else one more overdue person): SUGGESTIONS in all."""
    overdue = reconnect_rows(reader, today, SUGGESTIONS)
    found = [
        Suggestion("reconnect", PersonRef(r.id, r.name), r.talk_about, r.overdue_days)
        for r in (_with_hook(reader, row) for row in overdue)
    ]
    intro = one_introduction(
        reader, [*(t.person for t in review.talked_to), *found_people(found)], today
    )
    if intro is None:
        return found[:SUGGESTIONS]
    return [*found[: SUGGESTIONS - 1], intro]


def found_people(found: list[Suggestion]) -> list[PersonRef]:
    return [s.person for s in found]


def one_introduction(reader: Reader, people: list[PersonRef], today: date) -> Suggestion | None:
    """The first of `people` (at most INTRO_CANDIDATES) with a need someone's offer meets."""
    seen: set[int] = set()
    candidates = list(dict.fromkeys(ref.id for ref in people))[:INTRO_CANDIDATES]
    helpers = Helpers(reader, today, candidates)  # reads the journal once, if anyone has a need
    for ref in people:
        if ref.id in seen or len(seen) >= INTRO_CANDIDATES:
            continue
        seen.add(ref.id)
        person = prep_person(reader, ref.id)
        if not person.facts.get("need"):
            continue
        matches = could_help(helpers, person)
        if matches:
            best = matches[0]
            return Suggestion("introduce", ref, other=best.person, need=best.need, offer=best.offer)
    return None
