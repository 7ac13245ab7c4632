"""Our own CSV exports read back: the contacts CSV and the notes CSV (`connect export`).

Cells our export neutralised against spreadsheet formulas (`'=SUM…`, `'+1 415…`) are restored
exactly (csv_safety.restore_cell), so a phone like `+1 415…` survives the round trip.

Multi-valued columns hold one value per line (a `;` also separates emails, phones, urls and
tags, which cannot contain one sensibly); a channel may carry its label as `label=value`, the
form `connect add --email work=…` takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, time

from connect_cli.errors import InputError
from connect_cli.formats.csv_dialects import Columns, Dialect, RowReader
from connect_cli.formats.incoming import FileProblem, IncomingNote, PersonBuilder
from connect_cli.models_meta import INTERACTION_KINDS
from connect_cli.parsing import parse_rhythm

_LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 _-]{0,30})\s*=\s*(.+)$", re.S)
_FACT_COLUMNS = {
    "likes": "like", "dislikes": "dislike", "passions": "passion", "family": "family",
    "needs": "need", "offers": "offer", "facts": "fact",
}  # fmt: skip


def restore(value: str) -> str:
    try:
        from connect_cli.formats.csv_safety import restore_cell  # written by `export`
    except ImportError:  # pragma: no cover - until export lands: its documented rule
        return (
            value[1:]
            if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r")
            else value
        )
    return restore_cell(value)


def _lines(value: str, also: str = "") -> list[str]:
    pattern = f"[\n{also}]" if also else "\n"
    return [p.strip() for p in re.split(pattern, restore(value)) if p.strip()]


def _getter(cols: Columns, *names: str) -> Callable[[Sequence[str]], str]:
    lowered = {n.lower(): n for n in cols.index}
    for name in names:
        if name in lowered:
            get = cols.getter(lowered[name])
            return lambda row: restore(get(row))
    return lambda row: ""


def _labelled(raw: str) -> tuple[str, str | None]:
    m = _LABELLED.match(raw)
    if m and "@" not in m.group(1) and ":" not in m.group(1):
        return m.group(2).strip(), m.group(1).strip().lower()
    return raw, None


def contacts(cols: Columns) -> RowReader:
    get = {n: _getter(cols, n) for n in ("name", "company", "title", "location", "met_at",
                                          "met_on", "birthday", "every", "every_days")}  # fmt: skip
    multi = {
        n: _getter(cols, n) for n in ("nicknames", "emails", "phones", "urls", "tags", "dates")
    }
    facts = {kind: _getter(cols, column) for column, kind in _FACT_COLUMNS.items()}

    def read(row: Sequence[str], where: str):  # type: ignore[no-untyped-def]
        b = PersonBuilder(where)
        b.name(get["name"](row))
        for field in ("company", "title", "location", "met_at"):
            b.scalar(field, get[field](row))
        if met_on := get["met_on"](row).strip():
            b.met_on(_iso_day(met_on, where))
        b.birthday(get["birthday"](row))
        every = (get["every_days"](row) or get["every"](row)).strip()
        if every:
            b.draft.every_given = True
            b.draft.every_days = int(every) if every.isdigit() else _rhythm(every, where)
        for nickname in _lines(multi["nicknames"](row), ";"):
            b.nickname(nickname)
        for column, kind in (("emails", "email"), ("phones", "phone"), ("urls", "url")):
            for raw in _lines(multi[column](row), ";"):
                b.channel(kind, *_labelled(raw))
        for tag in _lines(multi["tags"](row), ";"):
            b.tag(tag)
        for raw in _lines(multi["dates"](row)):
            label, _, when = raw.rpartition("=")
            b.important_date(label or "date", when)
        for kind, getter in facts.items():
            for text in _lines(getter(row)):
                b.fact(text, kind=kind)
        return b.build()

    return read


def notes(cols: Columns) -> RowReader:
    get = {n: _getter(cols, n) for n in ("date", "time", "person", "kind", "note", "with",
                                          "tags", "follow_up")}  # fmt: skip

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
            on=_iso_day(get["date"](row).strip(), where),
            at=_iso_time(clock, where) if clock else None,
            kind=kind,
            text=get["note"](row).strip(),
            with_names=[" ".join(w.split()) for w in _lines(get["with"](row), ";,")],
            tags=[t.lower() for t in _lines(get["tags"](row), ";")],
            follow_up=get["follow_up"](row).strip() or None,
        )

    return read


def _iso_day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FileProblem(f"{where}: {text[:20]!r} is not a date like 2026-11-22.") from None


def _iso_time(text: str, where: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise FileProblem(f"{where}: {text[:20]!r} is not a time like 14:30.") from None


def _rhythm(text: str, where: str) -> int | None:
    try:
        return parse_rhythm(text)
    except InputError:
        raise FileProblem(f"{where}: {text[:20]!r} is not a rhythm like 30 or 3m.") from None


OUR_DIALECTS = (
    Dialect("connect notes", frozenset({"date", "person", "note"}), notes),
    Dialect("connect contacts", frozenset({"id", "name", "company"}), contacts),
    Dialect("connect contacts", frozenset({"id", "name", "nicknames"}), contacts),
)
