"""Finding the person a WHO names, the same way in every command (rules in matching.py)."""

from __future__ import annotations

from connect_cli.domain.matching import (
    Candidate,
    id_in,
    lookup_word,
    resolve_by_name,
    resolve_person,
)
from connect_cli.journal.sqlite import Reader
from connect_cli.read.people import candidates_by_word, person_by_id, person_candidates


def resolve(reader: Reader, who: str) -> Candidate:
    """The one person `who` names, or AmbiguousPerson / UnknownPerson."""
    return resolve_many(reader, [who])[0]


def resolve_many(reader: Reader, whos: list[str]) -> list[Candidate]:
    """Several WHOs, each resolved, duplicates dropped (`--with linda --with linda`).

    `#12` is one indexed lookup; a name is looked up by its words (`by_words`); everyone is
    read (once) only when some WHO matches nobody that way and needs the fuzzy step.
    """
    candidates: list[Candidate] | None = None
    found: dict[int, Candidate] = {}
    for who in whos:
        wanted = id_in(who)
        person = person_by_id(reader, wanted) if wanted is not None else None
        if person is None:
            person = by_words(reader, who)
        if person is None:
            if candidates is None:
                candidates = person_candidates(reader)
            person = resolve_person(who, candidates)
        found.setdefault(person.id, person)
    return list(found.values())


def by_words(reader: Reader, who: str) -> Candidate | None:
    """The exact and prefix steps over only the people the query's longest word can match
    (journal/name_words.py): the same answer as over everyone, at the cost of a few index
    seeks whatever the journal's size. None: nobody matched so (or no index), go on."""
    word = lookup_word(who)
    if word is None:
        return None
    candidates = candidates_by_word(reader, word)
    if candidates is None:
        return None
    return resolve_by_name(who, candidates)
