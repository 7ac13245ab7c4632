"""How the daily list, promises, snoozes and kept promises look; and their JSON documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rich.table import Table
from rich.text import Text

from connect_cli.domain.clock import local_day
from connect_cli.domain.rhythms import format_duration_days, format_rhythm, humanize_days_ago
from connect_cli.domain.wording import counted
from connect_cli.read.daily_models import (
    ComingDate,
    DailyList,
    Kept,
    PromiseRow,
    ReconnectRow,
    Snoozed,
)
from connect_cli.render.layout import indented
from connect_cli.render.output import cell, print_in_chunks, stdout, user, write_tsv

HOOK_SOURCES = {
    "need": "their need",
    "passion": "passion",
    "family": "family",
    "like": "likes",
    "note": "last note",
}


def _day(day: date) -> str:
    return f"{day.strftime('%a')} {day.isoformat()}"


def _in_days(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"in {format_duration_days(days)}")


def due_text(promise: PromiseRow, today: date) -> str:
    """ "overdue by 3 days", "due today", "due in 2 weeks", "no due date", "kept 2026-11-20"."""
    if promise.done_at is not None:
        return f"kept {local_day(promise.done_at).isoformat()}"
    overdue = promise.overdue_days(today)
    if overdue is None:
        return "no due date"
    if overdue > 0:
        return f"overdue by {format_duration_days(overdue)}"
    return "due " + _in_days(-overdue)


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _table() -> Table:
    return Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 2))


def promises_table(promises: list[PromiseRow], today: date) -> Table:
    table = _table()
    for p in promises:
        due = f"{due_text(p, today)} ({p.due_on.isoformat()})" if p.due_on else due_text(p, today)
        style = "red" if (p.overdue_days(today) or 0) > 0 else ""
        table.add_row(f"#{p.id}", cell(p.text, width=60), cell(p.person.name, width=30),
                      Text(due, style=style))  # fmt: skip
    return table


def _occasion(item: ComingDate) -> Text:
    text = cell(item.label, width=40)
    if item.is_birthday and item.age is not None:
        text.append(f", turns {item.age}")
    elif item.age:  # an anniversary; on its very first day (0) the label says it all
        text.append(f", {counted(item.age, 'year')}")
    return text


def coming_table(items: list[ComingDate]) -> Table:
    table = _table()
    for item in items:
        table.add_row(_day(item.on), cell(item.person.name, width=30), _occasion(item),
                      _in_days(item.in_days))  # fmt: skip
    return table


def last_touch_text(row: ReconnectRow) -> str:
    """ "6 weeks ago · call", or "never contacted" for someone counted from met on / added."""
    if row.last_contact is None:
        return "never contacted"
    words = humanize_days_ago(row.days_since)
    return f"{words} · {row.last_kind}" if row.last_kind else words


def reconnect_lines(rows: list[ReconnectRow]) -> list[Any]:
    """Each person and their Talk about hook, wrapping under their own indent at any width."""
    lines: list[Any] = []
    for row in rows:
        line = user(row.name, "bold") + Text(f" (#{row.id})")
        overdue = (
            f"overdue by {format_duration_days(row.overdue_days)}"
            if row.overdue_days
            else "due today"
        )
        line.append(f"  {last_touch_text(row)} · {format_rhythm(row.every_days)} · ")
        line.append(overdue, style="yellow")
        lines.append(indented("  ", line))
        if row.talk_about:
            hook = cell(row.talk_about.text, width=90)
            hook.append(f"  ({HOOK_SOURCES.get(row.talk_about.kind, row.talk_about.kind)})",
                        style="dim")  # fmt: skip
            lines.append(indented(Text("    Talk about: ", style="dim"), hook))
    return lines


def empty_state(daily: DailyList) -> list[Text]:
    """Kind words and the next step, when a section (or everything) has nothing to show."""
    if daily.people == 0:
        return [Text("Nobody in your journal yet; add someone with `connect add NAME`.")]
    lines = []
    if daily.is_empty:
        lines.append(Text("All caught up: no promises due, no dates coming up, nobody overdue."))
    if daily.next_due is not None:
        line = Text("Next to reconnect with: ") + user(daily.next_due.person.name, "bold")
        days = (daily.next_due.on - daily.date).days
        line.append(f", {_in_days(days)} ({_day(daily.next_due.on)}).")
        lines.append(line)
    elif daily.is_empty:
        lines.append(Text("Nobody has a keep-in-touch rhythm; set one with "
                          "`connect edit WHO --every 30d`."))  # fmt: skip
    return lines


# The table shows at most this many promises and dates: a calm list, not a guilt list. The rest
# is one command away (and all of it is in --json).
SECTION_ROWS = 10


def _more(count: int, where: str) -> list[Text]:
    hidden = count - SECTION_ROWS
    return [Text(f"  … and {hidden} more: {where}", style="dim")] if hidden > 0 else []


def daily_renderables(daily: DailyList) -> list[Any]:
    parts: list[Any] = [Text(daily.date.strftime("%A, ") + daily.date.isoformat(), style="bold")]
    if daily.promises:
        parts += [Text(""), _heading("Promises"),
                  promises_table(daily.promises[:SECTION_ROWS], daily.date),
                  *_more(len(daily.promises), "`connect followups` lists every promise.")]  # fmt: skip
    if daily.coming_up:
        parts += [Text(""), _heading("Coming up"), coming_table(daily.coming_up[:SECTION_ROWS]),
                  *_more(len(daily.coming_up), "`connect today --json` lists them all.")]  # fmt: skip
    if daily.reconnect:
        parts += [Text(""), _heading("Reconnect"), *reconnect_lines(daily.reconnect)]
        if daily.reconnect_hidden:
            parts.append(Text(f"  … and {daily.reconnect_hidden:,} more: "
                              "`connect list --sort overdue`", style="dim"))  # fmt: skip
    extra = empty_state(daily) if not daily.reconnect else []
    if extra:
        parts += [Text(""), *extra]
    return parts


def print_daily(daily: DailyList) -> None:
    out = stdout()
    for part in daily_renderables(daily):
        out.print(part)


def _ref(person: Any) -> dict[str, Any]:
    return {"id": person.id, "name": person.name}


def promise_document(p: PromiseRow, today: date) -> dict[str, Any]:
    return {
        "id": p.id,
        "person": _ref(p.person),
        "text": p.text,
        "due": p.due_on,
        "overdue_days": p.overdue_days(today),
        "done_at": p.done_at,
    }


def daily_document(daily: DailyList) -> dict[str, Any]:
    """The `today --json` contract (README): dates ISO, absent values null."""
    return {
        "date": daily.date,
        "promises": [promise_document(p, daily.date) for p in daily.promises],
        "coming_up": [
            {
                "person": _ref(c.person),
                "label": c.label,
                "date": c.on,
                "age": c.age,
                "in_days": c.in_days,
            }  # fmt: skip
            for c in daily.coming_up
        ],
        "reconnect": [
            {
                "id": r.id,
                "name": r.name,
                "last_contact": r.last_contact,
                "last_kind": r.last_kind,
                "every_days": r.every_days,
                "days_since": r.days_since,
                "overdue_days": r.overdue_days,
                "overdue_ratio": round(r.overdue_ratio, 3),
                "talk_about": r.talk_about.text if r.talk_about else None,
                "talk_about_kind": r.talk_about.kind if r.talk_about else None,
            }
            for r in daily.reconnect
        ],
    }


FOLLOWUP_HEADINGS = ("#", "Person", "Promise", "Due")
FOLLOWUP_WIDTHS = (6, 30, 70, 34)  # fixed while a long listing streams, so its chunks line up
FOLLOWUP_TSV = ("id", "person", "promise", "due", "status")


def followup_widths(columns: int) -> tuple[int, ...]:
    """FOLLOWUP_WIDTHS, or on a narrower terminal widths that fit it, so that Rich never
    squeezes the # column (the id `done`, `promise` and `cancel` need) out of a chunk."""
    gaps = 2 * (len(FOLLOWUP_WIDTHS) - 1)
    if columns >= sum(FOLLOWUP_WIDTHS) + gaps:
        return FOLLOWUP_WIDTHS
    rest = max(columns - gaps - 6 - 16, 24)
    person = max(10, rest * 35 // 100)
    return (6, person, rest - person, 16)


def followups_table(
    promises: Iterable[PromiseRow],
    today: date,
    *,
    widths: Sequence[int | None] = (None,) * 4,
    header: bool = True,
) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False, show_header=header)
    for heading, width in zip(FOLLOWUP_HEADINGS, widths, strict=True):
        if heading == "#":  # the id `done`, `promise` and `cancel` need: never squeezed out
            table.add_column(heading, no_wrap=True, min_width=3, width=width)
        else:
            table.add_column(heading, overflow="fold", width=width)
    for p in promises:
        due = due_text(p, today)
        if p.due_on and p.done_at is None:
            due = f"{p.due_on.isoformat()} · {due}"
        style = "dim" if p.done_at else ("red" if (p.overdue_days(today) or 0) > 0 else "")
        table.add_row(str(p.id), cell(p.person.name, width=30), cell(p.text, width=70),
                      Text(due, style=style))  # fmt: skip
    return table


def print_followups(promises: list[PromiseRow], today: date, *, terminal: bool = True) -> int:
    """A page of promises: the table on a terminal, tab-separated lines elsewhere."""
    if not terminal:
        return print_followup_stream(promises, today, terminal=False)
    if promises:
        stdout().print(followups_table(promises, today))
    return len(promises)


def print_followup_stream(promises: Iterable[PromiseRow], today: date, *, terminal: bool) -> int:
    """Every promise as it is read: the table a chunk at a time on a terminal, else
    tab-separated lines (never one giant table; see render.people.print_contact_stream)."""
    if terminal:
        return print_in_chunks(
            promises,
            lambda chunk, first: followups_table(
                chunk, today, widths=followup_widths(stdout().width), header=first
            ),
        )
    return write_tsv(promises, FOLLOWUP_TSV, lambda p: _followup_cells(p, today))


def _followup_cells(p: PromiseRow, today: date) -> tuple[str, ...]:
    due = p.due_on.isoformat() if p.due_on else ""
    return (str(p.id), p.person.name, p.text, due, due_text(p, today))


def print_snoozed(snoozed: Snoozed) -> None:
    who = user(snoozed.person.name, "bold") + Text(f" (#{snoozed.person.id})")
    if snoozed.until is None:
        line = who + Text(" is no longer snoozed.")
    else:
        line = Text("Snoozed ") + who
        line.append(f" until {snoozed.until.strftime('%A')} {snoozed.until.isoformat()}; "
                    "they are back in Reconnect that day.")  # fmt: skip
    if not snoozed.has_rhythm:
        line.append(" They have no keep-in-touch rhythm, so Reconnect does not list them; "
                    f"set one with `connect edit #{snoozed.person.id} --every 30d`.")  # fmt: skip
    stdout().print(line)


def print_kept(kept: Kept) -> None:
    p = kept.promise
    line = Text(f"Kept promise #{p.id} to ") + user(p.person.name, "bold") + Text(": ")
    line.append_text(cell(p.text))
    if not p.text.rstrip().endswith((".", "!", "?")):
        line.append(".")
    if kept.interaction_id is not None:
        line.append(f" Logged what you did (#{kept.interaction_id}).")
    stdout().print(line)
