"""What a calendar or mail import did (or would do): touches per person, skips by reason, and the
attendees not in the journal. Names and addresses come from files: printed inert."""

from __future__ import annotations

from rich.text import Text

from connect_cli.core.touches import TouchReport
from connect_cli.domain.wording import counted
from connect_cli.render.layout import indented
from connect_cli.render.output import stdout, user

PEOPLE_SHOWN = 20


def print_touch_report(report: TouchReport) -> None:
    out = stdout()
    would = report.dry_run
    head = Text("Dry run: nothing was written. " if would else "")
    head += Text("Read ") + user(report.file, "bold") + Text(f" as {report.format}.")
    out.print(head)
    unit = "event" if report.format == "iCalendar" else "message"  # what the file holds
    if report.people_added:
        added = len(report.people_added)
        verb = "would be" if would else "was" if added == 1 else "were"
        out.print(
            Text(f"{counted(added, 'person')} {verb} added: ")
            + user(", ".join(report.people_added))
        )
    noun = "touch" if report.touches == 1 else "touches"
    line = f"{report.touches:,} {noun} {'would be' if would else 'were' if report.touches != 1 else 'was'} logged"
    if report.known:
        line += f", {report.known:,} already in your journal"
    out.print(Text(line + ("." if not report.per_person else ":")))
    ranked = sorted(report.per_person.items(), key=lambda item: (-item[1], item[0]))
    for name, count in ranked[:PEOPLE_SHOWN]:
        out.print(indented("  ", user(name) + Text(f": {count:,}")))
    if len(ranked) > PEOPLE_SHOWN:
        out.print(Text(f"  and {len(ranked) - PEOPLE_SHOWN:,} more people"))
    if report.skipped:
        out.print(Text("Skipped:"))
        for reason, count in sorted(report.skipped.items(), key=lambda item: (-item[1], item[0])):
            out.print(Text(f"  {counted(count, unit)} {reason}"))
    if report.unknown:
        out.print(Text("Not in your journal (--add-unknown adds them):"))
        for address, name, count in report.unknown:
            who = user(f"{name} <{address}>" if name else address)
            out.print(indented("  ", who + Text(f": {counted(count, unit)}")))
