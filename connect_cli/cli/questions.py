"""Yes/no questions that wrap like the rest of the output: at word boundaries, at the width the
output is drawn at (a terminal's own wrap cuts a long question mid-word: "bir/thday")."""

from __future__ import annotations

import typer


def confirm(question: str, *, default: bool = False, err: bool = False) -> bool:
    """Ask `question` (plain text, already inert) and return the answer; the question is drawn
    by Rich on stdout (stderr with `err`), then click asks for "[y/N]" after it."""
    from rich.text import Text

    from connect_cli.render.output import stderr, stdout

    (stderr() if err else stdout()).print(Text(question), end="")
    return typer.confirm("", default=default, err=err)
