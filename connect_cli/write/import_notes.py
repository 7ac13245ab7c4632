"""Our notes CSV read back: each row is an interaction with a person found (or added) by name.

An interaction with three people is three rows (one per person, the others under `with`); they
share day, kind, text and the set of people, which is how they become one interaction again. One
already in the journal (same day, kind and text with the same person) is not added twice.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, text

from connect_cli.domain.drafts import PersonDraft
from connect_cli.domain.incoming import FileProblem, IncomingNote, IncomingPromise
from connect_cli.domain.matching import fold
from connect_cli.write.bulk import PeopleWriter
from connect_cli.write.tables import FollowUp, Interaction, Participant


class NotesWriter:
    def __init__(self, people: PeopleWriter, *, today: date) -> None:
        self.people = people
        self.today = today
        self.connection = people.connection
        top = self.connection.execute(text("SELECT MAX(id) FROM interaction")).scalar()
        self.next_id = (top or 0) + 1
        self.seen: dict[tuple[object, ...], int] = {}
        self.tagged: set[tuple[int, str]] = set()

    def person(self, name: str, where: str) -> int:
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
        self.connection.execute(
            insert(Interaction.__table__),  # type: ignore[attr-defined]
            {"id": interaction_id, "happened_on": note.on, "happened_time": note.at,
             "kind": note.kind, "text": note.text, "created_at": self.people.now},
        )  # fmt: skip
        self.connection.execute(
            insert(Participant.__table__),  # type: ignore[attr-defined]
            [
                {"interaction_id": interaction_id, "contact_id": c, "happened_on": note.on}
                for c in who
            ],
        )
        self.people.tally.interactions += 1
        return interaction_id

    def _follow_up(self, contact_id: int, interaction_id: int, promise: IncomingPromise) -> None:
        known = self.connection.execute(
            text("SELECT 1 FROM followup WHERE contact_id = :c AND text = :t LIMIT 1"),
            {"c": contact_id, "t": promise.text},
        ).first()
        if known is None:
            self.connection.execute(
                insert(FollowUp.__table__),  # type: ignore[attr-defined]
                {"contact_id": contact_id, "interaction_id": interaction_id, "text": promise.text,
                 "due_on": promise.due_on, "done_at": None, "created_at": self.people.now},
            )  # fmt: skip

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
                self.connection.execute(
                    text("INSERT INTO tag (contact_id, name) VALUES (:c, :n)"),
                    {"c": contact_id, "n": tag},
                )
