"""What `demo` says when it is done: the counts, and where to go next."""

from __future__ import annotations

from connect_cli.core.demo import DemoSummary
from connect_cli.domain.wording import counted
from connect_cli.render.output import stdout


def summary_lines(summary: DemoSummary) -> list[str]:
    return [
        f"Made {counted(summary.people, 'person')} ({summary.archived:,} archived), "
        f"{counted(summary.facts, 'personal fact')},",
        f"{counted(summary.channels, 'channel')}, {counted(summary.tags, 'tag')}, "
        f"{counted(summary.dates, 'important date')},",
        f"{counted(summary.interactions, 'interaction')} "
        f"({counted(summary.participants, 'participation')})",
        f"and {counted(summary.followups, 'promise')} ({summary.open_followups:,} open).",
        "Next: `connect today`, then `connect prep NAME` before a meeting.",
    ]


def print_summary(summary: DemoSummary) -> None:
    console = stdout()
    for line in summary_lines(summary):
        console.print(line)
