"""How errors look on stderr: one plain sentence, and the candidates when a name is ambiguous."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from connect_cli.domain.errors import ConnectError, PersonChoice
from connect_cli.domain.safe_text import visible
from connect_cli.render.layout import hanging


def problem_text(error: ConnectError) -> Text:
    return Text("Error: ", style="bold red") + Text(visible(str(error)))


def problem_to_fix(error: ConnectError) -> Table:
    """ "Problem: …" above a question to fix it: the sentence wraps at word boundaries under its
    own first word, never back at column 0 nor mid-word (a terminal's own wrap would do both)."""
    return hanging([("Problem:", Text(visible(str(error))))])


def candidates_text(candidates: list[PersonChoice]) -> Text:
    lines = Text()
    for choice in candidates:
        lines.append(f"  #{choice.id:<6} ")
        lines.append(visible(choice.name))
        if choice.company:
            lines.append(f"  ({visible(choice.company)})", style="dim")
        lines.append("\n")
    lines.rstrip()
    return lines
