"""Finding the person a WHO names, the same way in every command (rules in matching.py)."""

from __future__ import annotations

from connect_cli.domain.matching import Candidate, id_in, resolve_person
from connect_cli.journal.sqlite import Reader
from connect_cli.read.people import person_by_id, person_candidates


def resolve(reader: Reader, who: str) -> Candidate:
    """The one person `who` names, or AmbiguousPerson / UnknownPerson."""
    return resolve_many(reader, [who])[0]


def resolve_many(reader: Reader, whos: list[str]) -> list[Candidate]:
    """Several WHOs, each resolved, duplicates dropped (`--with linda --with linda`).

    `#12` is one indexed lookup; everyone is read (once) only when some WHO is a name.
    """
    candidates: list[Candidate] | None = None
    found: dict[int, Candidate] = {}
    for who in whos:
        wanted = id_in(who)
        person = person_by_id(reader, wanted) if wanted is not None else None
        if person is None:
            if candidates is None:
                candidates = person_candidates(reader)
            person = resolve_person(who, candidates)
        found.setdefault(person.id, person)
    return list(found.values())
