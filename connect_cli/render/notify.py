"""`connect today --notify`: the day's list as one desktop notification (freedesktop.org, through
`notify-send`), for a cron job or a systemd user timer.

The body is plain lines; user text is made inert (control characters escaped, domain/safe_text)
and its `&`, `<` and `>` written as entities, because notification servers read a small HTML
subset in the body (Desktop Notifications Specification, "Markup"): a name like `<b>Bo</b>` shows
as typed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html import escape

from connect_cli.domain.errors import ConnectError
from connect_cli.domain.safe_text import one_line
from connect_cli.read.daily_models import DailyList
from connect_cli.render.daily import due_text

LINES_PER_SECTION = 5
SEND_TIMEOUT_S = 10


class NotificationFailed(ConnectError):
    """The notification could not be shown (no notify-send, no desktop session)."""


def notification(daily: DailyList) -> tuple[str, str]:
    """(summary, body) of the day's list; the body is empty on a quiet day."""
    lines: list[str] = []
    for promise in daily.promises[:LINES_PER_SECTION]:
        lines.append(f"Promise to {_inert(promise.person.name)}: {_inert(promise.text)} "
                     f"({due_text(promise, daily.date)})")  # fmt: skip
    for item in daily.coming_up[:LINES_PER_SECTION]:
        when = "today" if item.in_days == 0 else f"in {item.in_days} d"
        lines.append(f"{_inert(item.person.name)}: {_inert(item.label)} {when}")
    for row in daily.reconnect[:LINES_PER_SECTION]:
        hook = f" · {_inert(row.talk_about.text, 60)}" if row.talk_about else ""
        lines.append(f"Reconnect with {_inert(row.name)}{hook}")
    count = len(daily.promises) + len(daily.coming_up) + len(daily.reconnect)
    summary = f"connect · {daily.date.isoformat()}: " + (
        f"{count} {'thing' if count == 1 else 'things'} today" if count else "nothing due today"
    )
    return summary, "\n".join(lines)


def _inert(text: str, width: int = 80) -> str:
    return escape(one_line(text, width), quote=False)


def send(summary: str, body: str) -> None:
    """Show the notification; raises NotificationFailed with one sentence saying why not."""
    program = shutil.which("notify-send")
    if program is None:
        raise NotificationFailed(
            "notify-send is not installed, so no notification was sent; install libnotify "
            "(e.g. apt install libnotify-bin) or run connect today without --notify."
        )
    if not (os.environ.get("DBUS_SESSION_BUS_ADDRESS") or os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")):  # fmt: skip
        raise NotificationFailed(
            "There is no desktop session to notify (DBUS_SESSION_BUS_ADDRESS is not set); "
            "from cron, set it as the README shows, or use the systemd user timer."
        )
    try:
        done = subprocess.run(
            [program, "--app-name=connect", summary, body], capture_output=True,
            timeout=SEND_TIMEOUT_S, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        raise NotificationFailed(
            f"notify-send did not run ({type(error).__name__}); no notification was sent."
        ) from None
    if done.returncode != 0:
        raise NotificationFailed(
            f"notify-send failed (exit {done.returncode}); is a notification daemon running "
            "in your desktop session?"
        )
