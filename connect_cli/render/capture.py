"""Confirmations after a write: short, on stdout, user text inert."""

from __future__ import annotations

from rich.text import Text

from connect_cli.core.capture import Added, Logged
from connect_cli.render.output import stdout, user


def print_added(added: Added) -> None:
    line = Text("Added ") + user(added.name, "bold") + Text(f" (#{added.id})")
    if added.interaction_id is not None:
        line.append(" and logged your first meeting")
    if added.followup_id is not None:
        line.append(f"; promise #{added.followup_id} noted")
    stdout().print(line + Text("."))


def print_logged(logged: Logged) -> None:
    line = Text(f"Logged {logged.kind} with ") + user(", ".join(logged.names), "bold")
    line.append(f" on {logged.on.isoformat()} (#{logged.interaction_id})")
    if logged.followup_id is not None:
        line.append(f"; promise #{logged.followup_id} noted")
    stdout().print(line + Text("."))
