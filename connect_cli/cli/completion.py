"""Shell completion of WHO arguments (Typer's autocompletion hook)."""

from __future__ import annotations

import typer


def complete_who(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The people whose names fit `incomplete`, each with their #id as its description.

    Typer passes `ctx` and `incomplete` by their annotations; --db may stand anywhere before."""
    from connect_cli.core.completion import complete_names

    return complete_names(ctx.find_root().params.get("db"), incomplete)
