"""The JSON export: the whole journal, every table, every column, lossless.

    {
      "format": "connect-journal",
      "version": 1,                      # of this document's layout
      "schema": 1,                       # the journal's schema version (db.SCHEMA_VERSION)
      "columns": {"contacts": ["id", "name", ...], ...},
      "contacts": [{...}, ...],          # table contact
      "nicknames": [...],                # table nickname
      "channels": [...],                 # table channel
      "tags": [...],                     # table tag
      "facts": [...],                    # table fact
      "important_dates": [...],          # table important_date
      "interactions": [...],             # table interaction
      "participants": [...],             # table participant
      "followups": [...],                # table followup
      "settings": [...]                  # table setting
    }

Each table key holds a list of objects, one per row, with one key per column (every column,
`null` for NULL), rows ordered by primary key. The keys appear in the order above, which is an
order that satisfies the foreign keys when the rows are inserted back. Values are exactly as
SQLite stores them, so inserting them back with plain SQL reproduces the journal:

- ids and foreign keys: integers (ids are kept: an import into an empty journal reuses them);
- calendar days (met_on, happened_on, due_on, snoozed_until): "YYYY-MM-DD";
- an interaction's time of day: "HH:MM:SS.ffffff";
- instants (created_at, updated_at, done_at): UTC as "YYYY-MM-DD HH:MM:SS.ffffff";
- booleans (archived): 0 or 1; month/day/year of birthdays and dates: integers or null.

The file is UTF-8 (non-ASCII as is); C1 control characters, bidi overrides and line/paragraph
separators inside strings are written as `\\uXXXX` escapes, so the file is inert in a terminal.
It is written row by row: the export never holds a whole table in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from typing import IO

# One table of the document: its key, its column names, and its rows in that column order.
Section = tuple[str, list[str], Iterable[tuple]]

FORMAT_NAME = "connect-journal"
FORMAT_VERSION = 1

_UNSAFE = re.compile("[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _encode(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def write_journal(
    out: IO[str],
    sections: list[Section],
    *,
    schema: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the document; returns how many rows (of all tables) it holds.

    `sections` come in insert order (foreign keys satisfied); rows are streamed, never held.
    """
    columns = {key: names for key, names, _rows in sections}
    out.write("{\n")
    out.write(f'"format": {_encode(FORMAT_NAME)},\n"version": {FORMAT_VERSION},\n')
    out.write(f'"schema": {schema},\n"columns": {_encode(columns)}')
    count = 0
    for key, names, rows in sections:
        out.write(f",\n{_encode(key)}: [")
        first = True
        for row in rows:
            out.write("\n" if first else ",\n")
            out.write(_encode(dict(zip(names, row, strict=True))))
            first = False
            count += 1
            if progress is not None and count % 5000 == 0:
                progress(count)
        out.write("]" if first else "\n]")
    out.write("\n}\n")
    return count
