"""`connect doctor`'s look at values, not only structure: each row against the rules the commands
apply (domain/stored_rules.py), with one sentence of what to do for each kind of problem."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from connect_cli.domain.stored_rules import DAY_COLUMNS, row_problems

# The columns each rule reads, per table (only those are fetched: a journal may hold millions).
_COLUMNS = {
    "contact": (
        "id", "name", "birthday_month", "birthday_day", "birthday_year", "every_days",
        "met_on", "snoozed_until",
    ),
    "important_date": ("contact_id", "month", "day", "year"),
    "interaction": ("id", *DAY_COLUMNS["interaction"]),
    "followup": ("id", *DAY_COLUMNS["followup"]),
    "setting": ("key", "value"),
}  # fmt: skip

# What to do, by the column a problem names first (`#ID` is the row's person or record).
_FIXES = {
    "name": "give them a name with `connect edit #ID --name NAME`",
    "birthday_month": "correct it with `connect edit #ID --birthday DATE` or `--clear birthday`",
    "every_days": "set a rhythm with `connect edit #ID --every 3m` (or `--every never`)",
    "met_on": "correct it with `connect edit #ID --met-on DATE` or `--clear met_on`",
    "snoozed_until": "lift the snooze with `connect snooze #ID 0`",
    "month": "drop the date with `connect edit #ID --drop date:LABEL` and add it again",
    "happened_on": "export with `connect export -f json`, correct note #ID's date, and import "
    "the file into a new journal",
    "due_on": "mark follow-up #ID done with `connect done #ID`, and add it again with a real date",
    "setting": "set it again with `connect config KEY VALUE` (see `connect config`)",
}


def value_problems(connection: sqlite3.Connection | Any) -> Iterator[tuple[str, str]]:
    """Each (problem, fix) of the journal's rows, in table order; `connection` is a SQLite or a
    psycopg connection (a server's days come as dates, which the rules take as they are)."""
    for table, columns in _COLUMNS.items():
        cursor = connection.execute(f"SELECT {', '.join(columns)} FROM {table}")
        for values in cursor:
            row = dict(zip(columns, values, strict=True))
            ident = row.get("id", row.get("contact_id"))
            for problem in row_problems(table, row):
                fix = _FIXES[problem.split()[0].rstrip(",")].replace("#ID", f"#{ident}")
                yield f"{table} #{ident}: {problem}" if ident else problem, fix
