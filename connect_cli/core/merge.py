"""The merge use case around core/merge.py: resolve both people, then one write transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_cli.core.journal import read_journal
from connect_cli.domain.errors import InputError
from connect_cli.domain.matching import Candidate
from connect_cli.journal.sqlite import JournalLocation
from connect_cli.read.resolve import resolve

if TYPE_CHECKING:
    from connect_cli.write.merge import MergeReport


def who_is(location: JournalLocation, who: str, into: str) -> tuple[Candidate, Candidate]:
    """The duplicate and the person to keep; refuses one person named twice."""
    with read_journal(location) as reader:
        source, target = resolve(reader, who), resolve(reader, into)
    if source.id == target.id:
        raise InputError(
            f"Both names point to {source.name} (#{source.id}); name two different people."
        )
    return source, target


def merge_people(location: JournalLocation, source_id: int, target_id: int) -> MergeReport:
    from connect_cli.write.merge import merge_contacts
    from connect_cli.write.session import write_session

    with write_session(location) as session:
        return merge_contacts(session=session, source_id=source_id, target_id=target_id)
