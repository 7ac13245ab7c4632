"""What `demo` says when it is done: the counts, and where to go next."""

from __future__ import annotations

from connect_cli.core.demo import DemoSummary
from connect_cli.render.output import stdout


def summary_lines(summary: DemoSummary) -> list[str]:
    return [
        f"Made {summary.people:,} people ({summary.archived:,} archived), "
        f"{summary.facts:,} personal facts,",
        f"{summary.channels:,} channels, {summary.tags:,} tags, {summary.dates:,} important dates,",
        f"{summary.interactions:,} interactions ({summary.participants:,} participations)",
        f"and {summary.followups:,} promises ({summary.open_followups:,} open).",
        "Next: `connect today`, then `connect prep NAME` before a meeting.",
    ]


def print_summary(summary: DemoSummary) -> None:
    console = stdout()
    for line in summary_lines(summary):
        console.print(line)
