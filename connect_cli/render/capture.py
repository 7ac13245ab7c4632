"""Confirmations after a write: short, on stdout, user text inert."""

from __future__ import annotations

from rich.text import Text

from connect_cli.core.capture import Added, Logged
from connect_cli.render.output import stderr, stdout, user


def print_added(added: Added) -> None:
    line = Text("Added ") + user(added.name, "bold") + Text(f" (#{added.id})")
    if added.interaction_id is not None:
        line.append(" and logged your first meeting")
    if added.followup_id is not None:
        line.append(f"; promise #{added.followup_id} noted")
    stdout().print(line + Text("."))
    if added.looks_like:
        print_looks_like(added)


def print_looks_like(added: Added) -> None:
    """A warning on stderr (the person was added): who the new name could also mean, and how to
    fold them together if they are the same person."""
    others = Text(" or ").join(user(p.name) + Text(f" (#{p.id})") for p in added.looks_like)
    first = added.looks_like[0].id
    stderr().print(
        Text("Note: ")
        + user(added.name)
        + Text(" looks like ")
        + others
        + Text(f"; if they are the same person, `connect merge #{added.id} #{first}` folds them.")
    )


def print_logged(logged: Logged) -> None:
    line = Text(f"Logged {logged.kind} with ") + user(", ".join(logged.names), "bold")
    line.append(f" on {logged.on.isoformat()} (#{logged.interaction_id})")
    if logged.followup_id is not None:
        line.append(f"; promise #{logged.followup_id} noted")
    stdout().print(line + Text("."))
