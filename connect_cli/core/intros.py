"""Always be helping: `intros` (suggestions), `intro` (log one, record its outcome), met needs.

Matching rules live in domain/intro_match.py; this module reads the journal, ranks, and writes
one transaction per command.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from connect_cli.core.journal import read_journal
from connect_cli.domain.errors import InputError, NotFound
from connect_cli.domain.folding import fold
from connect_cli.domain.intro_match import Journal, Suggestion, suggest, terms
from connect_cli.domain.vocabulary import INTRO_OUTCOMES
from connect_cli.journal.sqlite import JournalLocation, Reader
from connect_cli.read import intros as q
from connect_cli.read.intros import IntroRow

# Loaded by the commands that name people or periods, not by `intros` alone (start-up time,
# BUDGETS.md): read.resolve brings read.people and the name matching, parsing its rules.

DEFAULT_LIMIT = 5  # calm: a handful
DEFAULT_CHECK_IN = "2w"
MAX_NOTE = 2000


def check_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1:
        raise InputError("--limit must be 1 or more.")
    return limit


def suggestions(
    location: JournalLocation, who: str | None, *, today: date, limit: int | None = None
) -> list[Suggestion]:
    """The introductions worth making, best first (WHO: only that person's needs and offers)."""
    size = check_limit(limit)
    with read_journal(location) as reader:
        return suggestions_in(reader, who, today=today, limit=size)


def suggestions_in(
    reader: Reader, who: str | None, *, today: date, limit: int | None
) -> list[Suggestion]:
    introduced = q.introduced_pairs(reader)
    if who is None:  # the whole journal: at most POOL people weighed (domain/intro_match.POOL)
        journal = q.pooled_journal(reader, today)
        return suggest(journal, introduced=introduced, limit=limit, one_each=True)
    from connect_cli.read.resolve import resolve

    person = resolve(reader, who)
    journal = q.pooled_journal(reader, today, including=[person.id])  # the pool and WHO
    # Each side's best `limit` (in the order shown) hold the best `limit` of both.
    mine = suggest(
        journal, introduced=introduced, needers=[person.id], limit=limit, every_pair=True
    )
    theirs = suggest(
        journal, introduced=introduced, helpers_of=person.id, limit=limit, every_pair=True
    )
    both = best_first(mine + theirs)
    return both[:limit] if limit is not None else both


def best_first(found: list[Suggestion]) -> list[Suggestion]:
    """The order `intros WHO` lists suggestions in (and `prep`, so the two never disagree)."""
    return sorted(found, key=lambda s: (-s.score, fold(s.person), fold(s.helper)))


class Helpers:
    """Who could meet a person's open needs, best first: exactly the suggestions `intros WHO`
    lists with them as the one in need (the same matcher; pairs already introduced skipped).
    The journal is read once, on the first ask, for any number of people (`review`)."""

    def __init__(self, reader: Reader, today: date, people: Iterable[int] = ()) -> None:
        """`people`: the ones `of` will be asked about, read with the pool (read/intros
        .pooled_journal); anyone else asked about outside the pool has the journal read again."""
        self.reader, self.today = reader, today
        self._people = set(people)
        self._journal: Journal | None = None
        self._introduced: set[tuple[int, int]] = set()

    def of(self, person_id: int, limit: int | None = None) -> list[Suggestion]:
        """The first `limit` (all by default) in the order `intros WHO` shows them."""
        if self._journal is None or person_id not in self._people | self._journal.days.keys():
            self._people.add(person_id)
            self._journal = q.pooled_journal(self.reader, self.today, including=self._people)
            self._introduced = q.introduced_pairs(self.reader)
        found = suggest(self._journal, introduced=self._introduced, needers=[person_id],
                        limit=limit, every_pair=True)  # fmt: skip
        return best_first(found)


def made(location: JournalLocation, *, limit: int | None = None) -> list[IntroRow]:
    with read_journal(location) as reader:
        return q.introductions(reader, limit=limit)


# --- logging an introduction -------------------------------------------------------------------


@dataclass(frozen=True)
class Logged:
    intro_id: int
    person: str
    helper: str
    need: str | None
    check_in: date
    promise_ids: tuple[int, ...]


def check_in_day(text: str | None, today: date) -> date:
    """When to ask how it went: a period such as 2w, 10d, 1m after today (default 2w)."""
    from connect_cli.domain.rhythms import parse_rhythm

    try:  # a period is read as a rhythm is, but a rhythm's words would not fit the question
        days = parse_rhythm(text or DEFAULT_CHECK_IN)
    except InputError:
        days = None
    if days is None:
        raise InputError(
            "--check-in needs a period from 1 day to 10 years after today, such as 2w, 10d or 1m."
        )
    return today + timedelta(days=days)


def _best_need(needs: list[tuple[int, str]], typed: str) -> tuple[int, str] | None:
    """The need `typed` names: its folded text contained in the need, else most shared stems."""
    key = fold(typed)
    for need in needs:
        if key and key in fold(need[1]):
            return need
    wanted = terms(typed)
    scored = [(len(wanted & terms(text)), need_id, text) for need_id, text in needs]
    scored = [s for s in scored if s[0]]
    if not scored:
        return None
    best = max(scored, key=lambda s: (s[0], -s[1]))
    return best[1], best[2]


def log_intro(
    location: JournalLocation,
    first: str,
    second: str,
    *,
    today: date,
    need: str | None = None,
    note: str | None = None,
    check_in: str | None = None,
) -> Logged:
    """One transaction: the `intro` interaction with both, the introduction record, and a promise
    per person to ask how it went (due on the check-in day)."""
    from connect_cli.domain.drafts import clean_text
    from connect_cli.read.resolve import resolve
    from connect_cli.write.interactions import Promise, add_followup, log_interaction
    from connect_cli.write.introductions import intro_text
    from connect_cli.write.session import session_reader, write_session
    from connect_cli.write.tables import Introduction

    due = check_in_day(check_in, today)
    note = clean_text(note, "note", MAX_NOTE) if note is not None else None
    typed_need = clean_text(need, "need", MAX_NOTE) if need is not None else None
    with write_session(location) as session:
        reader = session_reader(session)
        a, b = resolve(reader, first), resolve(reader, second)
        if a.id == b.id:
            raise InputError("An introduction needs two different people.")
        person, helper = (a.id, a.name), (b.id, b.name)
        answered = None
        if typed_need is not None:
            answered = _best_need(q.open_needs(reader, a.id), typed_need)
            if answered is None:
                answered = _best_need(q.open_needs(reader, b.id), typed_need)
                if answered is not None:
                    person, helper = helper, person
            if answered is None:
                raise NotFound(
                    f"Neither {a.name} nor {b.name} has an open need like {typed_need[:60]!r}; "
                    "`connect show WHO` lists their needs (add one with `connect edit WHO --need`)."
                )
        text = intro_text(person[1], helper[1], answered[1] if answered else None, note)
        logged = log_interaction(
            session=session, contact_ids=[person[0], helper[0]], day=today, at=None,
            kind="intro", text=text,
        )  # fmt: skip
        intro = Introduction(
            happened_on=today, person_id=person[0], helper_id=helper[0],
            need_id=answered[0] if answered else None, need_text=answered[1] if answered else None,
            note=note, interaction_id=logged.interaction_id,
        )  # fmt: skip
        session.add(intro)
        promises = []
        for (_, name), (_, other) in ((person, helper), (helper, person)):
            promises.append(f"Ask {name} how the introduction to {other} went")
        rows = [
            add_followup(
                session=session,
                contact_id=contact_id,
                promise=Promise(text, due),
                interaction_id=logged.interaction_id,
            )  # fmt: skip
            for contact_id, text in zip((person[0], helper[0]), promises, strict=True)
        ]
        session.flush()
        assert intro.id is not None
        return Logged(
            intro.id, person[1], helper[1], answered[1] if answered else None, due,
            tuple(int(r.id) for r in rows if r.id is not None),
        )  # fmt: skip


def intro_id(text: str) -> int:
    match = re.fullmatch(r"#?(\d{1,18})", text.strip())
    if not match:
        raise InputError(
            f"{text[:30]!r} is not an introduction number; `connect intros --made` lists them."
        )
    return int(match.group(1))


@dataclass(frozen=True)
class Outcome:
    intro: IntroRow
    need_met: bool


def record_outcome(
    location: JournalLocation, intro: int, outcome: str, *, today: date, note: str | None = None
) -> Outcome:
    """Record what came of introduction #intro; `helped` meets its need (with the helper), and
    any outcome but `pending` keeps the check-in promises (you now know how it went)."""
    from connect_cli.domain.drafts import clean_text
    from connect_cli.write.introductions import keep_check_ins
    from connect_cli.write.session import session_reader, write_session
    from connect_cli.write.tables import Fact, Introduction

    value = outcome.strip().lower()
    if value not in INTRO_OUTCOMES:
        raise InputError(
            f"Unknown outcome {outcome[:30]!r}; use one of {', '.join(INTRO_OUTCOMES)}."
        )
    note = clean_text(note, "note", MAX_NOTE) if note is not None else None
    with write_session(location) as session:
        row = session.get(Introduction, intro)
        if row is None:
            raise NotFound(
                f"There is no introduction #{intro}; `connect intros --made` lists them."
            )
        row.outcome, row.outcome_on = value, today
        if note is not None:
            row.outcome_note = note
        met = False
        if value == "helped" and row.need_id is not None:
            fact = session.get(Fact, row.need_id)
            if fact is not None and fact.met_on is None:
                fact.met_on, fact.met_by_id = today, row.helper_id
                met = True
        if value != "pending" and row.interaction_id is not None:
            keep_check_ins(session, row.interaction_id)
        session.flush()
        found = q.introduction(session_reader(session), intro)
        assert found is not None
        return Outcome(found, met)


# --- needs have a life ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Met:
    person: str
    need: str
    on: date


def mark_met(session: object, reader: Reader, contact_id: int, typed: str, today: date) -> Met:
    """Inside an `edit` transaction: the open need `typed` names is met today (by no one known)."""
    from connect_cli.write.tables import Contact, Fact

    found = _best_need(q.open_needs(reader, contact_id), typed)
    person = session.get(Contact, contact_id)  # type: ignore[attr-defined]
    if found is None:
        raise NotFound(
            f"{person.name} has no open need like {typed[:60]!r}; "
            "`connect show WHO` lists their needs."
        )
    fact = session.get(Fact, found[0])  # type: ignore[attr-defined]
    fact.met_on = today
    return Met(person.name, found[1], today)


def mark_met_alone(location: JournalLocation, who: str, typed: str, *, today: date) -> Met:
    """`connect edit WHO --met NEED`: one transaction."""
    from connect_cli.read.resolve import resolve
    from connect_cli.write.session import session_reader, write_session

    with write_session(location) as session:
        reader = session_reader(session)
        return mark_met(session, reader, resolve(reader, who).id, typed, today)
