"""Touches found in calendars and mailboxes, written as interactions with their source kept.

An interaction is added once per source (`interaction_source`: origin + key), so re-importing the
same or an overlapping file adds nothing twice. Rows are queued and inserted in batches on the
import's transaction (a Takeout mailbox brings a hundred thousand of them).
"""

from __future__ import annotations

from sqlalchemy import text

from connect_cli.domain.touches import IncomingTouch
from connect_cli.write.bulk import PeopleWriter
from connect_cli.write.bulk_rows import insert_rows

BATCH = 5_000


class TouchWriter:
    def __init__(self, people: PeopleWriter) -> None:
        self.people = people
        self.connection = people.connection
        top = self.connection.execute(text("SELECT MAX(id) FROM interaction")).scalar()
        self.next_id = (top or 0) + 1
        driver = self.connection.connection.driver_connection
        self.cursor = driver.cursor() if self.connection.dialect.name == "sqlite" and driver else None
        self.seen: set[tuple[str, str]] = set()  # sources added or met in this import
        self.pending: dict[str, list[tuple[object, ...]]] = {
            "interaction": [], "participant": [], "interaction_source": []
        }  # fmt: skip

    def contacts_of(self, touch: IncomingTouch) -> list[int]:
        """The journal's people among the touch's addresses, each once, in the file's order."""
        by_email = self.people.by_email
        return list(dict.fromkeys(by_email[a] for a in touch.people if a in by_email))

    def known(self, touch: IncomingTouch) -> bool:
        """Whether this source is already an interaction (in the journal or earlier in the file)."""
        if (touch.origin, touch.key) in self.seen:
            return True
        found = self._lookup(touch.origin, touch.key)
        if found:
            self.seen.add((touch.origin, touch.key))
        return bool(found)

    def _lookup(self, origin: str, key: str) -> bool:
        """One primary-key probe; on SQLite straight through the driver (SQLAlchemy's own
        statement handling was most of a 100k-message import)."""
        sql = "SELECT 1 FROM interaction_source WHERE origin = ? AND key = ?"
        if self.cursor is not None:
            return self.cursor.execute(sql, (origin, key)).fetchone() is not None
        found = self.connection.execute(
            text(sql.replace("= ?", "= :o", 1).replace("= ?", "= :k")), {"o": origin, "k": key}
        ).scalar()
        return found is not None

    def add(self, touch: IncomingTouch, contact_ids: list[int]) -> int:
        interaction_id = self.next_id
        self.next_id += 1
        self.seen.add((touch.origin, touch.key))
        pending = self.pending
        pending["interaction"].append(
            (interaction_id, touch.on, touch.at, touch.kind, touch.text, self.people.now)
        )
        pending["participant"] += [(interaction_id, c, touch.on) for c in contact_ids]
        pending["interaction_source"].append((touch.origin, touch.key, interaction_id))
        if len(pending["interaction"]) >= BATCH:
            self.flush()
        return interaction_id

    def flush(self) -> None:
        """Insert what is queued; people first, as participants point at them."""
        self.people.flush()
        for name, rows in self.pending.items():
            if rows:
                insert_rows(self.connection, name, rows)
                rows.clear()

    def names_of(self, contact_ids: list[int]) -> dict[int, str]:
        """The names of these people (after a flush), a few hundred ids per query."""
        found: dict[int, str] = {}
        for start in range(0, len(contact_ids), 500):
            chunk = contact_ids[start : start + 500]
            marks = ", ".join(str(int(c)) for c in chunk)
            rows = self.connection.exec_driver_sql(
                f"SELECT id, name FROM contact WHERE id IN ({marks})"
            )
            found.update({row[0]: row[1] for row in rows})
        return found
