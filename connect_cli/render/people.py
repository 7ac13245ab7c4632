"""How a person looks: the profile card, the contact table, and their JSON documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from connect_cli.domain.rhythms import format_duration_days, format_rhythm, humanize_days_ago
from connect_cli.domain.yearly_dates import MonthDay, age_on, month_day_iso
from connect_cli.read.models import (
    ChannelItem,
    ContactRow,
    KeepInTouch,
    PersonCard,
    PersonRef,
    TimelineItem,
)
from connect_cli.render.layout import hanging
from connect_cli.render.output import (
    cell,
    print_card_like,
    print_in_chunks,
    stdout,
    user,
    write_tsv,
)

FACT_HEADINGS = {
    "need": "Needs",
    "offer": "Can offer",
    "passion": "Passions",
    "family": "Family",
    "like": "Likes",
    "dislike": "Dislikes",
    "fact": "Facts",
}
# JSON keys of the facts object (DESIGN.md), by fact kind.
FACT_KEYS = {
    "like": "likes",
    "dislike": "dislikes",
    "passion": "passions",
    "family": "family",
    "need": "needs",
    "offer": "offers",
    "fact": "facts",
}
TIMELINE_ON_CARD = 10


def month_day_text(md: MonthDay) -> str:
    text = date(2000, md.month, md.day).strftime("%B %-d")
    return f"{text}, {md.year}" if md.year else text


def status_text(standing: KeepInTouch, today: date) -> str:
    """ "overdue by 12 days", "next touch in 3 weeks", "snoozed until 2026-12-01", "no rhythm"."""
    if standing.snoozed_until and standing.snoozed_until > today:
        return f"snoozed until {standing.snoozed_until.isoformat()}"
    overdue = standing.overdue_days
    if overdue is None:
        return "no rhythm"
    if overdue > 0:
        return f"overdue by {format_duration_days(overdue)}"
    if overdue == 0:
        return "due today"
    return f"next touch in {format_duration_days(-overdue)}"


def _channels(items: list[ChannelItem]) -> Text:
    text = Text()
    for i, item in enumerate(items):
        if i:
            text.append(", ")
        text.append_text(user(item.value))
        if item.label:
            text.append_text(user(f" ({item.label})", "dim"))
    return text


def how_met_lines(
    met_at: str | None, met_on: date | None, introduced_by: PersonRef | None
) -> list[tuple[Text, Text]]:
    """The card's and the brief's "Met" (where, on which day) and "Introduced by" (name, #id)
    rows; a row with nothing to say is left out."""
    lines = []
    met = " on ".join(x for x in (met_at, met_on.isoformat() if met_on else None) if x)
    if met:
        lines.append(_line("Met", met))
    if introduced_by:
        lines.append(_line("Introduced by", f"{introduced_by.name} (#{introduced_by.id})"))
    return lines


def _line(label: str, value: Text | str) -> tuple[Text, Text]:
    """A labelled row of the card: the label column is as wide as its longest label, plus a
    space ("Introduced by Priya Raman"), and the value wraps under itself."""
    return Text(label, style="bold"), value if isinstance(value, Text) else user(value)


def card_renderable(card: PersonCard, today: date, *, whole_timeline: bool = False) -> Panel:
    title = user(card.name, "bold")
    if card.nicknames:
        title.append_text(user(f" ({', '.join(card.nicknames)})", "dim"))
    if card.archived:
        title.append(" [archived]", style="red")
    lines: list[tuple[Text, Text]] = []
    work = " · ".join(x for x in (card.title, card.company, card.location) if x)
    lines += how_met_lines(card.met_at, card.met_on, card.introduced_by)
    last = (
        f"{humanize_days_ago((today - card.last_contact).days)} ({card.last_contact.isoformat()})"
        if card.last_contact
        else "never logged"
    )
    lines.append(_line("Last contact", last))
    lines.append(_line("Rhythm", rhythm_text(card.every_days, card.standing, today)))
    if card.touches_by_month:
        lines.append(_touch_line(card.touches_by_month, today))
    if card.birthday:
        birthday = month_day_text(card.birthday)
        if card.next_birthday:
            age = age_on(card.birthday, card.next_birthday)
            birthday += f" (next: {card.next_birthday.isoformat()}" + (
                f", turns {age})" if age else ")"
            )
        lines.append(_line("Birthday", birthday))
    for item in card.dates:
        once = " (once)" if item.once else ""
        lines.append(_line("Date", f"{item.label}: {month_day_text(item.when)}{once}"))
    for label, items in (("Email", card.emails), ("Phone", card.phones), ("Web", card.urls)):
        if items:
            lines.append(_line(label, _channels(items)))
    if card.tags:
        lines.append(_line("Tags", ", ".join(card.tags)))
    parts: list[Any] = [user(work, "italic")] if work else []
    facts = _facts_rows(card)
    # One grid for the profile and its facts, so every label column lines up.
    parts.append(hanging([*lines, *([(Text(""), Text(""))] if facts else []), *facts]))
    parts += _followups_section(card)
    parts += _timeline_section(card.interactions, None if whole_timeline else TIMELINE_ON_CARD)
    return Panel(Group(*parts), title=title, title_align="left", expand=False)


def _touch_line(counts: list[int], today: date) -> tuple[Text, Text]:
    """The last twelve months as a sparkline over their initials ("12 months ▁ █  ▃ …")."""
    from connect_cli.core.stats import months_ending
    from connect_cli.render.charts import month_axis, sparkline

    value = Text()
    value.append(sparkline(counts), style="cyan")
    value.append(f"  {sum(counts)} in 12 months ({month_axis(months_ending(today))})", style="dim")
    return _line("Touches", value)


def _facts_rows(card: PersonCard) -> list[tuple[Text, Text]]:
    out: list[tuple[Text, Text]] = []
    for kind, heading in FACT_HEADINGS.items():
        for i, fact in enumerate(card.facts.get(kind, [])):
            out.append(_line(heading if i == 0 else "", fact))
    return out


def _followups_section(card: PersonCard) -> list[Any]:
    if not card.followups:
        return []
    rows = []
    for item in card.followups:
        line = user(item.text)
        if item.due_on:
            line.append(f"  (due {item.due_on.isoformat()})", style="yellow")
        rows.append((f"  #{item.id}", line))
    return [Text(""), Text("Open promises", style="bold underline"), hanging(rows)]


def _timeline_section(items: list[TimelineItem], shown: int | None = TIMELINE_ON_CARD) -> list[Any]:
    """The latest `shown` interactions (None: all of them), each with its id for `connect fix ID`
    and `connect unlog ID`; the text wraps under its own column."""
    shown = len(items) if shown is None else shown
    if not items:
        return []
    rows = []
    for item in items[:shown]:
        when = item.on.isoformat() + (f" {item.at.strftime('%H:%M')}" if item.at else "")
        line = user(item.text)
        if item.with_people:
            line.append_text(user(f"  (with {', '.join(item.with_people)})", "dim"))
        rows.append(
            (Text(f"  #{item.id}", style="dim"), Text(f"{when} ", style="dim"),
             Text(item.kind, style="dim"), line)
        )  # fmt: skip
    out: list[Any] = [Text(""), Text("Timeline", style="bold underline"), hanging(rows)]
    if len(items) > shown:
        out.append(Text(f"  … {len(items) - shown} earlier (`show --all` or --json)", style="dim"))
    return out


def print_card(card: PersonCard, today: date, *, whole_timeline: bool = False) -> None:
    print_card_like(card_renderable(card, today, whole_timeline=whole_timeline))


def card_document(card: PersonCard) -> dict[str, Any]:
    """The `show --json` contract (DESIGN.md); absent values are null, never missing."""
    return {
        "id": card.id,
        "name": card.name,
        "nicknames": card.nicknames,
        "company": card.company,
        "title": card.title,
        "location": card.location,
        "met_at": card.met_at,
        "met_on": card.met_on,
        "introduced_by": {"id": card.introduced_by.id, "name": card.introduced_by.name}
        if card.introduced_by
        else None,
        "birthday": month_day_iso(card.birthday),
        "every_days": card.every_days,
        "snoozed_until": card.snoozed_until,
        "archived": card.archived,
        "emails": [{"value": c.value, "label": c.label} for c in card.emails],
        "phones": [{"value": c.value, "label": c.label} for c in card.phones],
        "urls": [{"value": c.value, "label": c.label} for c in card.urls],
        "tags": card.tags,
        "facts": {FACT_KEYS[kind]: texts for kind, texts in card.facts.items()},
        "dates": [{"label": d.label, "date": month_day_iso(d.when)} for d in card.dates],
        "last_contact": card.last_contact,
        "days_since": card.standing.days_since,
        "overdue_days": card.standing.overdue_days,
        "next_birthday": card.next_birthday,
        "followups": [{"id": f.id, "text": f.text, "due": f.due_on} for f in card.followups],
        "interactions": timeline_document(card.interactions),
        "touches_by_month": card.touches_by_month,
    }


def timeline_document(items: list[TimelineItem]) -> list[dict[str, Any]]:
    """Interactions as JSON: `{id, on, at, kind, text, with}` (with = the others present)."""
    return [
        {
            "id": i.id,
            "on": i.on,
            "at": i.at.strftime("%H:%M") if i.at else None,
            "kind": i.kind,
            "text": i.text,
            "with": list(i.with_people),
        }
        for i in items
    ]


CONTACT_HEADINGS = ("#", "Name", "Company", "Tags", "Last contact", "Rhythm")
# Column widths of a listing drawn a chunk at a time: fixed, so the chunks line up (Rich narrows
# them alike to fit the terminal).
CONTACT_WIDTHS = (6, 30, 22, 22, 13, 38)
NARROW = 100  # columns below which a table of people is fitted by hand (fitted_widths)
TSV_HEADINGS = ("id", "name", "company", "tags", "last_contact", "rhythm")


def contact_table(
    rows: Iterable[ContactRow],
    today: date,
    *,
    widths: Sequence[int | None] = (None,) * 6,
    header: bool = True,
) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False, show_header=header)
    columns = stdout().width
    narrow = columns < NARROW
    fixed = all(widths) and sum(widths) + 10 > columns  # type: ignore[arg-type]
    if narrow or fixed:  # Rich would squeeze (or drop) columns
        widths = fitted_widths(columns)
    for heading, width in zip(CONTACT_HEADINGS, widths, strict=True):
        if width != 0:
            table.add_column(heading, overflow="fold", width=width)
    for row in rows:
        last = humanize_days_ago((today - row.last_contact).days) if row.last_contact else "never"
        cells = [str(row.id), cell(row.name, width=40), cell(row.company, width=30),
                 cell(", ".join(row.tags), width=30), last,
                 status_text(row.standing, today) if narrow else _rhythm(row, today)]  # fmt: skip
        table.add_row(*(c for c, width in zip(cells, widths, strict=True) if width != 0))
    return table


def fitted_widths(columns: int) -> tuple[int, ...]:
    """Widths of #, Name, Company, Tags, Last contact and Rhythm on a terminal narrower than
    NARROW, so that Rich never has to squeeze a column down to a few letters (a name broken
    mid-word, a rhythm over five lines): the Rhythm column shows only the status there ("next
    touch in 3 weeks") below NARROW, and below 80 columns Tags are left out (0: `connect show` has them)."""
    tags_shown = columns >= 80
    gaps = 2 * (5 if tags_shown else 4)
    rest = max(columns - gaps - 4 - 13, 30)
    rhythm = max(14, rest * (3 if columns < NARROW else 4) // 10)
    name = max(12, (rest - rhythm) * 2 // 5)
    others = rest - rhythm - name
    company = others // 2 if tags_shown else others
    return (4, name, company, others - company if tags_shown else 0, 13, rhythm)


def _rhythm(row: ContactRow, today: date) -> str:
    if row.archived:  # no reminders for the archived: a "next touch" would be a false promise
        return f"{format_rhythm(row.every_days)} · archived"
    return rhythm_text(row.every_days, row.standing, today)


def rhythm_text(every_days: int | None, standing: KeepInTouch, today: date) -> str:
    """ "every 2 weeks · overdue by 3 days"; just "no rhythm" when that is all there is to say."""
    rhythm, status = format_rhythm(every_days), status_text(standing, today)
    return rhythm if status == rhythm else f"{rhythm} · {status}"


def print_contact_page(rows: list[ContactRow], today: date, *, terminal: bool) -> int:
    """A first page: the table on a terminal, tab-separated lines elsewhere; returns the count."""
    if not terminal:
        return print_contact_stream(rows, today, terminal=False)
    if rows:
        stdout().print(contact_table(rows, today))
    return len(rows)


def print_contact_stream(rows: Iterable[ContactRow], today: date, *, terminal: bool) -> int:
    """Everyone, as they are read, never as one giant table (drawing a Rich table costs ~1.5 ms
    a row: 30k people took 35 s). A terminal gets the table a chunk at a time; a pipe or file
    gets tab-separated lines. Returns how many people were written."""
    if terminal:
        return print_in_chunks(
            rows,
            lambda chunk, first: contact_table(chunk, today, widths=CONTACT_WIDTHS, header=first),
        )
    return write_tsv(rows, TSV_HEADINGS, lambda row: _contact_cells(row, today))


def _contact_cells(row: ContactRow, today: date) -> tuple[str, ...]:
    # A file outlives the day it was written: the last contact as a date, not "3 weeks ago".
    last = row.last_contact.isoformat() if row.last_contact else ""
    return (str(row.id), row.name, row.company or "", ", ".join(row.tags), last,
            _rhythm(row, today))  # fmt: skip


def contact_row_document(r: ContactRow) -> dict[str, Any]:
    """One person of the `list --json` contract (DESIGN.md)."""
    return {
        "id": r.id,
        "name": r.name,
        "company": r.company,
        "tags": list(r.tags),
        "last_contact": r.last_contact,
        "every_days": r.every_days,
    }
