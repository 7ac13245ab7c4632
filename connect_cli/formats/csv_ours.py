"""Our own CSV exports read back: the contacts CSV and the notes CSV (`connect export`).

The format is specified in formats/csv_export.py and csv_safety.py. Every cell is first restored
(`restore_cell` exactly undoes the export's formula neutralising, so `'+1 415…` is `+1 415…`
again), then multi-valued cells are split (`split_values`, `split_labelled`: ` | ` between items,
`label=value` for labelled ones). In the notes CSV `with` and `tags` are joined by `; ` with `\\;`
and `\\\\` escaped inside a name (`split_names`; a file from before that escaping reads as it did),
and each promise of `follow_up` takes its due and kept day from the same place in
`follow_up_due` and `follow_up_done` (a file without those columns: open and undated).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time

from connect_cli.domain.errors import InputError
from connect_cli.domain.incoming import (
    FileProblem,
    IncomingNote,
    IncomingPromise,
    PersonBuilder,
)
from connect_cli.domain.stored_rules import day_from_file, rhythm_from_file
from connect_cli.domain.vocabulary import INTERACTION_KINDS
from connect_cli.formats.csv_dialects import Columns, Dialect, RowReader
from connect_cli.formats.csv_export import FACT_COLUMNS
from connect_cli.formats.csv_safety import (
    restore_cell,
    split_labelled,
    split_names,
    split_values,
)

_FACT_COLUMNS = {column: kind for kind, column in FACT_COLUMNS.items()}  # likes -> like
_SCALARS = ("name", "company", "title", "location", "met_at", "met_on", "birthday", "every_days",
            "every", "introduced_by", "snoozed_until", "archived")  # fmt: skip


def _getter(cols: Columns, name: str) -> Callable[[Sequence[str]], str]:
    lowered = {n.lower(): n for n in cols.index}
    if name not in lowered:
        return lambda row: ""
    get = cols.getter(lowered[name])
    return lambda row: restore_cell(get(row))


def contacts(cols: Columns) -> RowReader:
    get = {n: _getter(cols, n) for n in _SCALARS}
    multi = {
        n: _getter(cols, n) for n in ("nicknames", "emails", "phones", "urls", "tags", "dates")
    }
    facts = {kind: _getter(cols, column) for column, kind in _FACT_COLUMNS.items()}
    needs_met = _getter(cols, "needs_met")

    def read(row: Sequence[str], where: str):  # type: ignore[no-untyped-def]
        b = PersonBuilder(where)
        b.name(get["name"](row))
        for field in ("company", "title", "location", "met_at"):
            b.scalar(field, get[field](row))
        if met_on := get["met_on"](row).strip():
            b.met_on(_iso_day(met_on, where, "met_on"))
        b.birthday(get["birthday"](row))
        every = (get["every_days"](row) or get["every"](row)).strip()
        if every:
            b.draft.every_given = True
            b.draft.every_days = _rhythm(every, where)
        for nickname in split_values(multi["nicknames"](row)):
            b.nickname(nickname)
        for column, kind in (("emails", "email"), ("phones", "phone"), ("urls", "url")):
            for label, value in split_labelled(multi[column](row)):
                b.channel(kind, value, label)
        for tag in split_values(multi["tags"](row)):
            b.tag(tag)
        for label, when in split_labelled(multi["dates"](row)):
            b.important_date(label or "date", when)
        for kind, getter in facts.items():
            for text in split_values(getter(row)):
                b.fact(text, kind=kind)
        _needs_met(b, split_values(facts["need"](row)), needs_met(row), where)
        b.introduced_by(get["introduced_by"](row))
        if snoozed := get["snoozed_until"](row).strip():
            b.extra["snoozed_until"] = _iso_day(snoozed, where, "snoozed_until")
        if get["archived"](row).strip().lower() in ("true", "1", "yes"):
            b.extra["archived"] = True
        return b.build()

    return read


def notes(cols: Columns) -> RowReader:
    get = {n: _getter(cols, n) for n in ("date", "time", "person", "kind", "note", "with",
                                          "tags", "follow_up", "follow_up_due",
                                          "follow_up_done")}  # fmt: skip

    def read(row: Sequence[str], where: str):  # type: ignore[no-untyped-def]
        person = " ".join(get["person"](row).split())
        if not person:
            return None
        kind = get["kind"](row).strip().lower() or "note"
        if kind not in INTERACTION_KINDS:
            raise FileProblem(
                f"{where}: unknown kind {kind[:20]!r}; use one of {', '.join(INTERACTION_KINDS)}."
            )
        clock = get["time"](row).strip()
        return IncomingNote(
            where=where,
            person=person,
            on=_iso_day(get["date"](row).strip(), where, "date"),
            at=_iso_time(clock, where) if clock else None,
            kind=kind,
            text=get["note"](row).strip(),
            with_names=split_names(get["with"](row)),
            tags=[tag.lower() for tag in split_names(get["tags"](row))],
            follow_ups=_promises(get, row, where),
        )

    return read


def _promises(
    get: dict[str, Callable[[Sequence[str]], str]], row: Sequence[str], where: str
) -> list[IncomingPromise]:
    """The promises of a notes row, each with the due and kept day at its place in the lists."""
    texts = split_values(get["follow_up"](row))
    if not texts:
        return []
    days = {}
    for column in ("follow_up_due", "follow_up_done"):
        cell = get[column](row).strip()
        found = split_values(cell) if cell else [""] * len(texts)
        if len(found) != len(texts):
            raise FileProblem(
                f"{where}: {column} has {len(found)} days for {len(texts)} follow-ups; "
                "give one per follow-up (empty for none), separated by ' | '."
            )
        days[column] = [
            _iso_day(day.strip(), where, column) if day.strip() else None for day in found
        ]
    return [
        IncomingPromise(text.strip(), due, done)
        for text, due, done in zip(
            texts, days["follow_up_due"], days["follow_up_done"], strict=True
        )
        if text.strip()
    ]


def _needs_met(b: PersonBuilder, needs: list[str], cell: str, where: str) -> None:
    """Mark the needs the needs_met cell gives a day for as met (one day or empty per need)."""
    if not cell.strip():
        return
    days = split_values(cell)
    if len(days) != len(needs):
        raise FileProblem(
            f"{where}: needs_met has {len(days)} days for {len(needs)} needs; "
            "give one per need (empty while open), separated by ' | '."
        )
    for text, day in zip(needs, days, strict=True):
        if day.strip():
            b.need_met(text, _iso_day(day.strip(), where, "needs_met"))


def _iso_day(text: str, where: str, column: str) -> date:
    try:
        return day_from_file(text)
    except InputError as problem:  # the cell is named, never quoted: it may be private
        raise FileProblem(f"{where}: the {column} cell {problem}.") from None


def _iso_time(text: str, where: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise FileProblem(f"{where}: the time cell is not a time like 14:30.") from None


def _rhythm(text: str, where: str) -> int | None:
    try:
        return rhythm_from_file(text)
    except InputError as problem:
        raise FileProblem(f"{where}: the every_days cell {problem}.") from None


OUR_DIALECTS = (
    Dialect("connect notes", frozenset({"date", "person", "note"}), notes),
    Dialect("connect contacts", frozenset({"id", "name", "company"}), contacts),
    Dialect("connect contacts", frozenset({"id", "name", "nicknames"}), contacts),
)
