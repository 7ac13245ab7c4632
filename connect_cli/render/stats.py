"""How `stats` looks: a year heatmap, a health bar, monthly sparklines, promises, helping and who
is most and least touched; its JSON document; and the picture saved as SVG or HTML.

Fits 60 columns (a heatmap cell is one character; 53 weeks and the day labels take 57); on a
terminal of 112 columns or more each cell is two characters wide.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from connect_cli.core.stats import Stats
from connect_cli.domain.rhythms import format_rhythm
from connect_cli.domain.wording import counted
from connect_cli.read.models import PersonRef
from connect_cli.read.stats import Touched
from connect_cli.render.charts import (
    SHADE_STYLES,
    SHADES,
    level,
    month_axis,
    sparkline,
    split_bar,
)
from connect_cli.render.output import stdout, user

DAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
LABEL_WIDTH = 4
WIDE = 112  # columns from which a heatmap cell is two characters
PICTURE_WIDTH = 112  # the width of a saved picture
BAR_WIDTH = 50

# Health segments: (key, label, character, style); the character tells them apart without colour.
HEALTH_PARTS = (
    ("on_track", "on track", "█", "green"),
    ("due", "due this week", "▓", "yellow"),
    ("overdue", "overdue", "▒", "red"),
    ("snoozed", "snoozed", "░", "blue"),
    ("no_rhythm", "no rhythm", "·", "grey50"),
)


# --- heatmap ------------------------------------------------------------------------------------


def heatmap(stats: Stats, cell_width: int = 1) -> Text:
    """Seven rows (Monday first) of one column per week, shaded by the day's touches, with the
    months labelled above the week in which each begins."""
    period = stats.period
    busiest = max(stats.per_day.values(), default=0)
    out = Text(" " * LABEL_WIDTH + month_labels(stats, cell_width) + "\n")
    for weekday in range(7):
        out.append(f"{DAY_LABELS[weekday]:<{LABEL_WIDTH}}", style="dim")
        for week in range(period.weeks):
            day = period.grid_start + timedelta(days=7 * week + weekday)
            if day < period.start or day > period.end or day > stats.today:
                out.append(" " * cell_width)
                continue
            shade = level(stats.per_day.get(day, 0), busiest)
            out.append(SHADES[shade] * cell_width, style=SHADE_STYLES[shade])
        out.append("\n")
    out.append(" " * LABEL_WIDTH + "less ", style="dim")
    for shade, char in enumerate(SHADES):
        out.append(char, style=SHADE_STYLES[shade])
    out.append(" more", style="dim")
    total = sum(stats.per_day.values())
    out.append(f"   {counted(total, 'touch')}" + (f", at most {busiest} a day" if busiest else ""))
    return out


def month_labels(stats: Stats, cell_width: int) -> str:
    """Month abbreviations above the first week holding the month's first day in the period.

    Labels are placed from the last month back, each kept one blank apart from its neighbours:
    where two collide, the later month wins, so the period's first, partial month (often one
    or two weeks) gives way to the next one ("Jan") rather than hiding it on a narrow grid. A
    label that would run past the last week is left out."""
    period = stats.period
    line = [" "] * (period.weeks * cell_width)
    for day in reversed(_month_starts(period.start, period.end)):
        column = (day - period.grid_start).days // 7 * cell_width
        name = day.strftime("%b")
        fits = column + len(name) <= len(line)  # a label cut at the grid's edge ("D") misleads
        if fits and all(c == " " for c in line[max(0, column - 1) : column + len(name) + 1]):
            line[column : column + len(name)] = name
    return "".join(line).rstrip()


def _month_starts(start: date, end: date) -> list[date]:
    """`start`, then the first day of every later month up to `end`."""
    days, day = [], start
    while day <= end:
        days.append(day)
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return days


# --- health, months, promises, helping, people --------------------------------------------------


def health_bar(stats: Stats, width: int) -> Text:
    """A bar split by standing, then one legend line per part (a character, a label, a count)."""
    counts = [getattr(stats.health, key) for key, *_ in HEALTH_PARTS]
    if not sum(counts):
        return Text("Nobody yet.", style="dim")
    out = Text()
    for (_, _, char, style), size in zip(HEALTH_PARTS, split_bar(counts, width), strict=True):
        out.append(char * size, style=style)
    for (key, label, char, style), count in zip(HEALTH_PARTS, counts, strict=True):
        out.append("\n")
        out.append(char, style=style)
        out.append(f" {count:>6,} {label}")
        if key == "overdue" and count:
            h = stats.health
            out.append(
                f" (under a week {h.overdue_week:,}, under a month {h.overdue_month:,},"
                f" more {h.overdue_more:,})",
                style="dim",
            )
    return out


def month_table(stats: Stats) -> Table:
    table = Table(box=None, show_header=True, pad_edge=False, header_style="dim")
    table.add_column("kind")
    table.add_column(month_axis(stats.months), no_wrap=True)
    table.add_column("total", justify="right")
    rows = [("all", [stats.month_total(m) for m in stats.months])]
    rows += [
        (kind, [stats.per_month.get((m, kind), 0) for m in stats.months]) for kind in stats.kinds()
    ]
    for kind, counts in rows:
        style = "bold" if kind == "all" else ""
        table.add_row(
            Text(kind, style=style), Text(sparkline(counts), style="cyan"), f"{sum(counts):,}"
        )
    return table


def promises_line(stats: Stats) -> Text:
    p = stats.promises
    out = Text(f"{p.open:,} open · ")
    out.append(f"{p.overdue:,} overdue", style="red" if p.overdue else "")
    if p.on_time_percent is None:
        out.append(" · none were due in the last 90 days")
    else:
        out.append(
            f" · {p.on_time_percent:g}% kept on time ({p.kept_on_time:,} of {p.due_in_window:,}"
            " due in the last 90 days)"
        )
    return out


def helping_lines(stats: Stats) -> Text:
    intro = stats.introductions
    from connect_cli.domain.wording import counted

    out = Text(f"{counted(intro.made, 'introduction')} made · {counted(intro.needs_met, 'need')} met")
    if intro.outcomes:
        out.append(" (" + ", ".join(f"{k} {n}" for k, n in intro.outcomes.items()) + ")")
    out.append("\nTop connectors: ", style="dim")
    if not stats.connectors:
        out.append("nobody has introduced anyone yet (add --via WHO).", style="dim")
    for i, connector in enumerate(stats.connectors):
        out.append(", " if i else "")
        out.append_text(_who(connector.person))
        out.append(f" {connector.introduced}", style="dim")
    return out


def people_table(stats: Stats) -> Table:
    """Most and least touched people with a rhythm: name, touches in the period, rhythm."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("who", overflow="ellipsis", no_wrap=True, max_width=30)
    table.add_column("touches", justify="right")
    table.add_column("rhythm", style="dim", no_wrap=True)
    for heading, people in (("Most touched", stats.most), ("Least touched", stats.least)):
        table.add_row(Text(heading, style="bold"), "", "")
        if not people:
            table.add_row(Text("  nobody with a rhythm yet", style="dim"), "", "")
        for touched in people:
            table.add_row(
                Text("  ").append_text(user(touched.person.name)),
                f"{touched.touches:,}",
                format_rhythm(touched.every_days),
            )
    return table


def _who(person: PersonRef) -> Text:
    return user(person.name)


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def title(stats: Stats) -> Text:
    p = stats.period
    out = Text("Touches ", style="bold")
    out.append(str(p.year) if p.year else f"{p.start.isoformat()} to {p.end.isoformat()}")
    if stats.person:
        out.append(" with ")
        out.append_text(user(stats.person.name, "bold"))
    if stats.tag:
        out.append(" · tag ")
        out.append_text(user(stats.tag, "bold"))
    return out


def stats_renderable(stats: Stats, width: int) -> RenderableType:
    cell_width = 2 if width >= WIDE and LABEL_WIDTH + 2 * stats.period.weeks <= width else 1
    return Group(
        title(stats),
        heatmap(stats, cell_width),
        Text(""),
        _heading("Relationship health"),
        health_bar(stats, min(BAR_WIDTH, max(10, width - 2))),
        Text(""),
        _heading("Touches per month"),
        month_table(stats),
        Text(""),
        _heading("Promises"),
        promises_line(stats),
        Text(""),
        _heading("Helping"),
        helping_lines(stats),
        Text(""),
        _heading("People with a rhythm, touches in the period"),
        people_table(stats),
    )


def print_stats(stats: Stats) -> None:
    console = stdout()
    console.print(stats_renderable(stats, console.width))


def save_picture(stats: Stats, path: Path, *, kind: str, force: bool) -> None:
    """The same picture as an SVG or HTML file (mode 0600, written whole or not at all)."""
    console = Console(
        record=True,
        width=PICTURE_WIDTH,
        file=io.StringIO(),
        force_terminal=True,
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(stats_renderable(stats, PICTURE_WIDTH))
    text = (
        console.export_svg(title="connect stats", code_format=offline_svg_format())
        if kind == "svg"
        else console.export_html(inline_styles=True)
    )
    from connect_cli.formats.atomic import atomic_output  # only a saved picture needs it

    with atomic_output(path, force=force) as out:
        out.write(text)


# Fonts a saved picture asks for by name only: nothing is fetched, whatever opens the file.
LOCAL_MONOSPACE = (
    '"Fira Code", Menlo, "DejaVu Sans Mono", Consolas, "Liberation Mono", "Courier New", monospace'
)


def offline_svg_format() -> str:
    """Rich's SVG template without what would leave the machine when the file is opened.

    Rich's default loads Fira Code from a CDN (two `@font-face` rules with https URLs) and names
    its website in a comment; this keeps the template and draws with the system's monospace
    fonts instead. Worked on the template, never on the output, so no user text is touched."""
    import inspect
    import re

    template = inspect.signature(Console.export_svg).parameters["code_format"].default
    template = re.sub(r"@font-face \{\{.*?\}\}\s*", "", template, flags=re.DOTALL)
    template = re.sub(r"<!--.*?-->\s*", "", template, flags=re.DOTALL)
    return template.replace("font-family: Fira Code, monospace", f"font-family: {LOCAL_MONOSPACE}")


# --- JSON ---------------------------------------------------------------------------------------


def _ref(person: PersonRef) -> dict[str, Any]:
    return {"id": person.id, "name": person.name}


def stats_document(stats: Stats) -> dict[str, Any]:
    p, h, pr, intro = stats.period, stats.health, stats.promises, stats.introductions
    return {
        "today": stats.today,
        "period": {"start": p.start, "end": p.end, "year": p.year},
        "tag": stats.tag,
        "person": _ref(stats.person) if stats.person else None,
        "touches": sum(stats.per_day.values()),
        "touches_per_day": {day.isoformat(): n for day, n in sorted(stats.per_day.items())},
        "touches_per_month": [
            {
                "month": m,
                "total": stats.month_total(m),
                "by_kind": {k: n for (mm, k), n in sorted(stats.per_month.items()) if mm == m},
            }
            for m in stats.months
        ],
        "health": {
            "on_track": h.on_track,
            "due": h.due,
            "overdue": h.overdue,
            "overdue_by": {
                "week": h.overdue_week,
                "month": h.overdue_month,
                "more": h.overdue_more,
            },
            "snoozed": h.snoozed,
            "no_rhythm": h.no_rhythm,
        },
        "promises": {
            "open": pr.open,
            "overdue": pr.overdue,
            "due_last_90_days": pr.due_in_window,
            "kept_on_time": pr.kept_on_time,
            "kept_on_time_percent": pr.on_time_percent,
        },
        "helping": {
            "introductions_made": intro.made,
            "introduction_outcomes": dict(intro.outcomes),
            "needs_met": intro.needs_met,
            "top_connectors": [
                {**_ref(c.person), "introduced": c.introduced} for c in stats.connectors
            ],
        },
        "most_touched": [_touched_document(t) for t in stats.most],
        "least_touched": [_touched_document(t) for t in stats.least],
    }


def _touched_document(touched: Touched) -> dict[str, Any]:
    return {**_ref(touched.person), "touches": touched.touches, "every_days": touched.every_days}
