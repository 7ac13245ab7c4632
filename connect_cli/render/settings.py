"""What `connect config` prints: one setting a line, `key = value`, and its help beside it,
wrapping under itself (render.layout.hanging), never back at column 0 nor mid-word."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from connect_cli.render.layout import hanging
from connect_cli.render.output import stdout, user


def print_settings(rows: Sequence[tuple[str, str, str | None]]) -> None:
    """`rows` are (key, value as shown, help or None); the value may be user text (a path)."""
    lines = [(Text(f"{key} = ") + user(value), Text(f"# {help}" if help else "", style="dim"))
             for key, value, help in rows]  # fmt: skip
    stdout().print(hanging(lines, gap=4) if any(help for *_, help in rows) else _plain(lines))


def _plain(lines: list[tuple[Text, Text]]) -> Text:
    return Text("\n").join(setting for setting, _ in lines)
