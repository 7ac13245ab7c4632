"""What `backup`, `restore`, `doctor` and `forget` print."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from connect_cli.domain.wording import counted
from connect_cli.journal.backup import Restored
from connect_cli.journal.doctor import Check
from connect_cli.render.layout import indented
from connect_cli.render.output import stdout, user
from connect_cli.write.forget import Forgotten


def print_restored(restored: Restored) -> None:
    out = stdout()
    out.print(user(f"Restored the journal from {restored.source}."), soft_wrap=True)
    if restored.kept is not None:
        out.print(user(f"The journal it replaced is kept at {restored.kept}."), soft_wrap=True)


def doctor_document(checks: list[Check]) -> dict[str, Any]:
    return {
        "ok": all(c.ok for c in checks),
        "checks": [
            {"name": c.name, "ok": c.ok, "detail": c.detail, "advice": c.advice or None}
            for c in checks
        ],
    }


def print_checks(checks: list[Check]) -> None:
    out = stdout()
    for check in checks:
        mark = Text("✓ " if check.ok else "✗ ", style="green" if check.ok else "bold red")
        out.print(indented(mark, user(f"{check.name}: {check.detail}")))
        if not check.ok and check.advice:
            out.print(indented("    → ", user(check.advice)))
    if all(c.ok for c in checks):
        out.print("Everything is fine.")


def print_forgotten(gone: Forgotten) -> None:
    out = stdout()
    shared = (
        f"; {counted(gone.interactions_kept, 'shared interaction')} kept for the others, "
        "without them"
        if gone.interactions_kept
        else ""
    )
    out.print(
        user(
            f"Forgot {gone.name} (#{gone.id}): {counted(gone.interactions_deleted, 'interaction')} erased"
            f"{shared}. Backups made earlier still contain them."
        ),
        soft_wrap=True,
    )
    if not gone.fully_erased:
        out.print(
            "The journal could not be compacted just now (another connect command was reading it, "
            "or the disk is full): old copies of their text may stay in its unused space until "
            "the next `connect forget` compacts it.",
            soft_wrap=True,
        )
