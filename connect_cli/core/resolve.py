"""Finding the person a WHO names, the same way in every command (rules in matching.py)."""

from __future__ import annotations

from connect_cli.db import Reader
from connect_cli.matching import Candidate, id_in, resolve_person
from connect_cli.queries import person_by_id, person_candidates


def resolve(reader: Reader, who: str) -> Candidate:
    """The one person `who` names, or AmbiguousPerson / UnknownPerson."""
    wanted = id_in(who)
    if wanted is not None:  # `#12`: one indexed lookup instead of reading everyone
        person = person_by_id(reader, wanted)
        if person is not None:
            return person
    return resolve_person(who, person_candidates(reader))


def resolve_many(reader: Reader, whos: list[str]) -> list[Candidate]:
    """Several WHOs, each resolved, duplicates dropped (`--with linda --with linda`)."""
    candidates = person_candidates(reader)
    found: dict[int, Candidate] = {}
    for who in whos:
        person = resolve_person(who, candidates)
        found.setdefault(person.id, person)
    return list(found.values())
