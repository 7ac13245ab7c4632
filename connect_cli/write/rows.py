"""One row by its primary key, or the NotFound that names the missing id and where to look."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session

from connect_cli.domain.errors import NotFound

Row = TypeVar("Row")


def row_or_not_found(session: Session, table: type[Row], row_id: int, missing: str) -> Row:
    """The row of `table` whose primary key is `row_id`; raises NotFound(`missing`) when there is
    none (`missing` is the one sentence the user reads: which id, and how to find the real ones)."""
    row = session.get(table, row_id)
    if row is None:
        raise NotFound(missing)
    return row
