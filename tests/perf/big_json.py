"""A connect JSON export of a chosen size, written row by row (for the streaming import test and
for measuring a large import on demand):

    python -m tests.perf.big_json OUT.json MEGABYTES
    /usr/bin/time -v connect --db /tmp/fresh.db import OUT.json   # "Maximum resident set size"
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from connect_cli.formats.json_export import FORMAT_NAME, FORMAT_VERSION
from connect_cli.journal.sqlite import SCHEMA_VERSION

NOTE = "Coffee at the booth; she is hiring a CTO and likes single malt. " * 30  # ~2 KB
CREATED = "2026-11-01 09:00:00.000000"


def write_export(out: Path, megabytes: float, people: int = 200) -> int:
    """Write a valid export of about `megabytes` MB; returns how many notes it holds."""
    notes = max(1, int(megabytes * 1_000_000 / (len(NOTE) + 200)))
    with out.open("w", encoding="utf-8") as handle:
        head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "schema": SCHEMA_VERSION}
        handle.write(json.dumps(head)[:-1] + ',\n"contacts": [')
        handle.write(",\n".join(json.dumps(_person(i)) for i in range(1, people + 1)))
        handle.write('],\n"interactions": [\n')
        for i in range(1, notes + 1):
            row = {"id": i, "happened_on": "2026-10-01", "happened_time": None, "kind": "note",
                   "text": f"{i} {NOTE}", "created_at": CREATED}  # fmt: skip
            handle.write(("" if i == 1 else ",\n") + json.dumps(row))
        handle.write('],\n"participants": [\n')
        for i in range(1, notes + 1):
            row = {"interaction_id": i, "contact_id": 1 + i % people, "happened_on": "2026-10-01"}
            handle.write(("" if i == 1 else ",\n") + json.dumps(row))
        handle.write("]\n}\n")
    return notes


def _person(i: int) -> dict[str, object]:
    return {"id": i, "name": f"Person {i}", "company": None, "title": None, "location": None,
            "met_at": None, "met_on": None, "introduced_by_id": None, "birthday_month": None,
            "birthday_day": None, "birthday_year": None, "every_days": 90, "snoozed_until": None,
            "archived": 0, "created_at": CREATED, "updated_at": CREATED}  # fmt: skip


if __name__ == "__main__":
    print(write_export(Path(sys.argv[1]), float(sys.argv[2])), "notes")
