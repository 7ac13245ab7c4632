"""`connect feed`: write the reminders feed now (it is also rewritten after every change)."""

from __future__ import annotations

import typer

from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def feed(ctx: typer.Context) -> None:
    """Write the reminders feed (birthdays, important dates, dated promises) for your calendar.

    Set where it goes once with `connect config feed PATH` (e.g. a synced folder your calendar
    app subscribes to); every command that changes those rewrites it by itself.

    
    Example: connect config feed ~/Sync/connect.ics && connect feed
    """
    env = env_of(ctx)
    from connect_cli.core.feed import write_feed

    written = write_feed(env.location, required=True)
    assert written is not None
    noun = "event" if written.events == 1 else "events"
    typer.echo(f"Wrote {written.events:,} {noun} to {written.path}.")
