"""`forget`: find the person first (so the CLI can ask), then erase them in one write."""

from __future__ import annotations

from connect_cli.core.journal import read_journal
from connect_cli.domain.matching import Candidate
from connect_cli.journal.sqlite import JournalLocation
from connect_cli.read.resolve import resolve


def find_person(location: JournalLocation, who: str) -> Candidate:
    """The one person WHO names; AmbiguousPerson / UnknownPerson otherwise."""
    with read_journal(location) as reader:
        return resolve(reader, who)
