"""Our notes CSV read back: each row is an interaction with a person found (or added) by name.

An interaction with three people is three rows (one per person, the others under `with`); they
share day, kind, text and the set of people, which is how they become one interaction again. One
already in the journal (same day, kind and text with the same person) is not added twice.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time

from sqlalchemy import text

from connect_cli.domain.drafts import PersonDraft, plain_name
from connect_cli.domain.incoming import FileProblem, IncomingNote, IncomingPromise
from connect_cli.domain.matching import fold
from connect_cli.write.bulk import COLUMNS, PeopleWriter
from connect_cli.write.bulk_rows import columns, insert_rows

FOLLOWUP_COLUMNS = columns("followup", without=("id",))  # its id comes from SQLite


class NotesWriter:
    def __init__(self, people: PeopleWriter, *, today: date) -> None:
        self.people = people
        self.today = today
        self.connection = people.connection
        top = self.connection.execute(text("SELECT MAX(id) FROM interaction")).scalar()
        self.next_id = (top or 0) + 1
        self.seen: dict[tuple[object, ...], int] = {}
        self.tagged: set[tuple[int, str]] = set()
        # promises (person, note, text) read so far, and how many of those this import added
        self.promised: Counter[tuple[int, int, str]] = Counter()
        self.added: Counter[tuple[int, int, str]] = Counter()

    def person(self, name: str, where: str) -> int:
        name = plain_name(name)  # the rule every name follows (domain/drafts.py)
        ids = self.people.by_name.get(fold(name), [])
        if len(ids) > 1:
            raise FileProblem(
                f"{where}: {len(ids)} people in your journal are called {name[:60]!r}; "
                "rename one (connect edit) so each note finds its person, then import again."
            )
        return ids[0] if ids else self.people.take(PersonDraft(name=name))

    def take(self, note: IncomingNote) -> None:
        if note.on > self.today:
            raise FileProblem(
                f"{note.where}: the date {note.on} is in the future; a plan is a follow-up."
            )
        who = list(dict.fromkeys([self.person(note.person, note.where)] +
                                 [self.person(n, note.where) for n in note.with_names]))  # fmt: skip
        self._tag(who[0], note.tags)
        key = (note.on, note.at, note.kind, note.text, frozenset(who))
        interaction_id = self.seen.get(key)
        if interaction_id is None:
            self.people.flush()  # participants point at people that may still be queued
            known = self._known(who[0], note)
            if known is not None:
                self.people.tally.interactions_known += 1
            interaction_id = known if known is not None else self._add(note, who)
            self.seen[key] = interaction_id
        for promise in note.follow_ups:
            self._follow_up(who[0], interaction_id, promise)

    def _known(self, contact_id: int, note: IncomingNote) -> int | None:
        """The interaction already in the journal that this row describes, if any."""
        return self.connection.execute(
            text(
                "SELECT i.id FROM participant p JOIN interaction i ON i.id = p.interaction_id "
                "WHERE p.contact_id = :c AND p.happened_on = :d AND i.kind = :k "
                "AND i.text = :t LIMIT 1"
            ),
            {"c": contact_id, "d": note.on.isoformat(), "k": note.kind, "t": note.text},
        ).scalar()

    def _add(self, note: IncomingNote, who: list[int]) -> int:
        interaction_id = self.next_id
        self.next_id += 1
        insert_rows(
            self.connection,
            "interaction",
            [(interaction_id, note.on, note.at, note.kind, note.text, self.people.now)],
        )
        insert_rows(self.connection, "participant", [(interaction_id, c, note.on) for c in who])
        self.people.tally.interactions += 1
        return interaction_id

    def _follow_up(self, contact_id: int, interaction_id: int, promise: IncomingPromise) -> None:
        """Add the promise unless the journal had it before this import (the same text, owed by
        the same person at the same note, counted: two equal promises in the file are two)."""
        key = (contact_id, interaction_id, promise.text)
        self.promised[key] += 1
        before = self.connection.execute(
            text(
                "SELECT COUNT(*) FROM followup "
                "WHERE contact_id = :c AND interaction_id = :i AND text = :t"
            ),
            {"c": contact_id, "t": promise.text, "i": interaction_id},
        ).scalar()
        if self.promised[key] <= (before or 0) - self.added[key]:
            return
        done = promise.done_on
        insert_rows(
            self.connection,
            "followup",
            [{"contact_id": contact_id, "interaction_id": interaction_id, "text": promise.text,
              "due_on": promise.due_on, "created_at": self.people.now,
              "done_at": datetime.combine(done, time(), UTC) if done is not None else None}],
            FOLLOWUP_COLUMNS,
        )  # fmt: skip
        self.added[key] += 1

    def _tag(self, contact_id: int, tags: list[str]) -> None:
        for tag in tags:
            key = (contact_id, fold(tag))
            if key in self.tagged:
                continue
            self.tagged.add(key)
            self.people.flush()
            have = self.connection.execute(
                text("SELECT name FROM tag WHERE contact_id = :c"), {"c": contact_id}
            ).scalars()
            if fold(tag) not in {fold(t) for t in have}:
                insert_rows(self.connection, "tag", [(contact_id, tag)], COLUMNS["tag"])
