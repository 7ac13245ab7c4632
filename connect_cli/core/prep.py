"""`prep`: everything personal worth remembering before a meeting, and what to ask.

The rules that turn facts into a brief (questions, gaps worth filling, who could help) are pure
functions of a `PrepPerson`, so they are tested without a journal; `brief_for` only reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from connect_cli.core.intros import Helpers
from connect_cli.core.journal import read_journal
from connect_cli.domain.matching import fold
from connect_cli.domain.yearly_dates import age_on, next_occurrence
from connect_cli.journal.sqlite import JournalLocation
from connect_cli.read.intros import Ledger, ledger
from connect_cli.read.models import PersonRef
from connect_cli.read.prep import PrepPerson, prep_person
from connect_cli.read.resolve import resolve

SOON_DAYS = 30  # a birthday or date within this many days is worth a word
MAX_QUESTIONS = 5
MAX_COULD_HELP = 3


@dataclass(frozen=True)
class UpcomingDate:
    label: str
    on: date
    in_days: int


@dataclass(frozen=True)
class HelpMatch:
    """Someone who could meet one of the person's needs: their offer, or None when their title,
    company or tags say so (`words`: the words that met)."""

    person: PersonRef
    offer: str | None
    need: str
    words: tuple[str, ...] = ()


@dataclass
class Brief:
    person: PrepPerson
    days_since: int | None
    last_kind: str | None
    next_birthday: date | None
    age_next: int | None
    upcoming_dates: list[UpcomingDate]
    could_help: list[HelpMatch]
    questions: list[str]
    to_learn: list[str]
    helping: Ledger | None = None  # introductions and met needs (issue #16)


def brief_for(location: JournalLocation, who: str, *, today: date) -> Brief:
    with read_journal(location) as reader:
        person = prep_person(reader, resolve(reader, who).id)
        helpers = could_help(Helpers(reader, today), person)
        helping = ledger(reader, person.id)
    brief = make_brief(person, helpers, today)
    brief.helping = helping
    return brief


def make_brief(person: PrepPerson, helpers: list[HelpMatch], today: date) -> Brief:
    next_birthday = next_occurrence(person.birthday, today) if person.birthday else None
    upcoming = upcoming_dates(person, today)
    brief = Brief(
        person=person,
        days_since=(today - person.last_contact).days if person.last_contact else None,
        last_kind=person.recent[0].kind if person.recent else None,
        next_birthday=next_birthday,
        age_next=age_on(person.birthday, next_birthday)
        if person.birthday and next_birthday
        else None,
        upcoming_dates=upcoming,
        could_help=helpers,
        questions=[],
        to_learn=worth_learning(person),
    )
    birthday_soon = next_birthday is not None and (next_birthday - today).days <= SOON_DAYS
    brief.questions = questions_for(person, birthday_soon=birthday_soon, upcoming=upcoming)
    return brief


def upcoming_dates(person: PrepPerson, today: date) -> list[UpcomingDate]:
    """Important dates (not the birthday) falling within SOON_DAYS, soonest first."""
    found = []
    for item in person.dates:
        when = item.when
        if item.once and when.year is not None:  # a one-off: its own day, and never again
            on = date(when.year, when.month, when.day)
        else:
            on = next_occurrence(when, today)
        if 0 <= (on - today).days <= SOON_DAYS:
            found.append(UpcomingDate(item.label, on, (on - today).days))
    return sorted(found, key=lambda d: (d.on, d.label))


# --- make the pie bigger: someone else's offer that meets this person's need -------------------


def could_help(helpers: Helpers, person: PrepPerson) -> list[HelpMatch]:
    """The first MAX_COULD_HELP people who could meet this person's open needs: the matcher of
    `intros WHO` (domain/intro_match.py), in its order, so prep and intros never disagree."""
    found = helpers.of(person.id, MAX_COULD_HELP)
    return [HelpMatch(PersonRef(s.helper_id, s.helper), s.offer, s.need, s.words) for s in found]


# --- questions worth asking --------------------------------------------------------------------

_FAMILY = re.compile(r"\s*(?P<name>[^(),:;]+?)\s*\((?P<detail>[^)]*)\)\s*")
RELATIONS = frozenset(
    "wife husband partner son daughter kids children mother mom father dad brother sister "
    "twins baby fiancé fiancee fiance girlfriend boyfriend dog cat".split()
)


def family_question(text: str) -> str:
    """ "Sam (son, 7)" -> "How is Sam doing?"; "wife (Anna)" -> "How is your wife doing?"."""
    match = _FAMILY.fullmatch(text)
    name = (match["name"] if match else text).strip()
    if fold(name) in RELATIONS:
        return f"How is your {name} doing?"
    if match or (len(name.split()) <= 2 and name[:1].isupper()):
        return f"How is {name} doing?"
    return "How is the family?"


# Words that open a noun phrase: "Any progress on a good accountant?" reads well after them.
DETERMINERS = frozenset(
    "a an the some more new better another their his her our my your two three few".split()
)


def _topic(fact: str, *, lower: bool = True) -> str:
    """A fact as the topic of a question: trimmed, its closing full stop or question mark
    dropped, its first word lowered unless it is a name or acronym (_lower_first)."""
    text = " ".join(fact.split()).rstrip(".?!;:, ")
    return _lower_first(text) if lower else text


def _is_gerund(word: str) -> bool:
    return word.islower() and word.endswith("ing") and len(word) > 4


def need_question(need: str) -> str:
    """A gerund reads as an effort in progress ("How is hiring a VP going?"), a noun phrase as a
    thing still wanted ("Any progress on a good accountant?"); anything else (a bare verb as
    in "cut vendor costs by 20%", a name) is quoted, which reads well whatever it is."""
    text = _topic(need)
    first = text.split(" ", 1)[0]
    if _is_gerund(first):
        return f"How is {text} going?"
    if first in DETERMINERS:
        return f"Any progress on {text}?"
    return f"Any news on “{text}”?"


def passion_question(passion: str) -> str:
    """ "sailing" -> "How's the sailing going?"; a name, a plural or a phrase ("Real Madrid",
    "New York trips", "jazz piano") takes no article: "Still into Real Madrid these days?"."""
    text = _topic(passion)
    if " " not in text and _is_gerund(text):
        return f"How's the {text} going?"
    return f"Still into {text} these days?"


def like_question(like: str) -> str:
    """ "Moebius comics" -> "Anything good in Moebius comics lately?": one frame that reads
    well for a food, a genre, a name or a plural alike. Kept as typed: "Moebius" is a name."""
    return f"Anything good in {_topic(like, lower=False)} lately?"


def _lower_first(text: str) -> str:
    """ "Hiring a VP" -> "hiring a VP"; acronyms and names ("VP Sales", "Formula 1", "New York
    trips") stay as typed: a capitalised first word followed by another is taken for a name."""
    words = text.split()
    if not words or (len(words) > 1 and (words[1][:1].isupper() or words[1][:1].isdigit())):
        return text
    first = words[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def questions_for(
    person: PrepPerson, *, birthday_soon: bool, upcoming: list[UpcomingDate]
) -> list[str]:
    """At most MAX_QUESTIONS openers, taking one from each kind of fact in turn."""
    facts = person.facts
    streams = [
        ["Any plans for your birthday?"] if birthday_soon else [],
        [need_question(n) for n in facts.get("need", [])],
        _unique(family_question(f) for f in facts.get("family", [])),
        [passion_question(p) for p in facts.get("passion", [])],
        [f"{d.label[:1].upper()}{d.label[1:]} is coming up; anything planned?" for d in upcoming],
        [like_question(like) for like in facts.get("like", [])],
    ]
    questions: list[str] = []
    while any(streams) and len(questions) < MAX_QUESTIONS:
        for stream in streams:
            if stream and len(questions) < MAX_QUESTIONS:
                questions.append(stream.pop(0))
    for fallback in _fallback_questions(person):
        if len(questions) >= 3:
            break
        questions.append(fallback)
    return questions


def _fallback_questions(person: PrepPerson) -> list[str]:
    """Openers that need no facts, for people you know little about yet."""
    found = [f"How are things at {person.company}?"] if person.company else []
    found.append("What are you working on these days?")
    if not person.facts.get("need"):
        found.append("What's the one thing you're trying to get done this year?")
    return found


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def worth_learning(person: PrepPerson) -> list[str]:
    """The gaps worth filling at this meeting, most useful first."""
    facts = person.facts
    gaps = []
    if not (person.met_at or person.met_on or person.introduced_by):
        gaps.append("You don't know how you met.")
    if not facts.get("need"):
        gaps.append("You don't know what they need.")
    if not facts.get("family"):
        gaps.append("No family details yet.")
    if not (facts.get("passion") or facts.get("like")):
        gaps.append("You don't know what they love doing.")
    if person.birthday is None:
        gaps.append("No birthday recorded.")
    if not facts.get("offer"):
        gaps.append("You don't know what they could help others with.")
    return gaps
