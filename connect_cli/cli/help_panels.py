"""How `connect --help` groups the commands."""

from __future__ import annotations

# `connect --help` lists the commands in these groups, in this order (Typer's rich_help_panel
# names, kept here so the plain help, which ignores them, groups them too).
HELP_PANELS: dict[str, tuple[str, ...]] = {
    "Capture": ("add", "log", "fix", "unlog"),
    "Daily": ("today", "prep", "snooze", "followups", "done", "promise", "cancel"),
    "People": ("show", "list", "search", "history", "edit", "archive", "merge", "forget"),
    "Helping": ("intros", "intro"),
    "Overview": ("stats", "review"),
    "Files": ("import", "export", "feed", "backup", "restore"),
    "Journal": ("where", "config", "doctor", "demo"),
}
