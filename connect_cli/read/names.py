"""People's names for shell completion: one small query, no SQLAlchemy."""

from __future__ import annotations

from collections.abc import Iterator

from connect_cli.journal.sqlite import Reader

# Archived people are left out: completion offers the people you are likely to type.
NAMES = """
SELECT c.id, c.name, c.company FROM contact c
WHERE c.archived = 0
ORDER BY c.name COLLATE NOCASE, c.id
"""


def active_names(reader: Reader) -> Iterator[tuple[int, str, str | None]]:
    """(id, name, company) of everyone not archived, by name."""
    for row in reader.each(NAMES):
        yield row["id"], row["name"], row["company"]
