"""What `merge` says when it is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_cli.domain.wording import counted
from connect_cli.render.output import stdout, user

if TYPE_CHECKING:
    from connect_cli.write.merge import MergeReport


def merge_summary(report: MergeReport) -> str:
    moved = ", ".join(counted(n, kind) for kind, n in report.moved.items() if n)
    lines = [
        f"Merged {report.source_name} (#{report.source_id}) into "
        f"{report.target_name} (#{report.target_id})."
    ]
    if moved:
        lines.append(f"Moved: {moved}.")
    if report.already_there:
        were = "was" if report.already_there == 1 else "were"
        lines.append(f"{counted(report.already_there, 'item')} {were} already on #{report.target_id}.")
    for fact in report.kept_as_facts:
        lines.append(f"Kept as a fact: {fact}")
    return "\n".join(lines)


def print_merge(report: MergeReport) -> None:
    stdout().print(user(merge_summary(report)))
