"""The journal itself: `where` and `config`."""

from __future__ import annotations

from typing import Annotated

import typer

from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def where(ctx: typer.Context) -> None:
    """Print where the journal is (set with --db or CONNECT_DB).

    Exits 1, after printing it, when something else is there or its folder is missing.

    
    Example: connect where
    """
    location = env_of(ctx).location
    typer.echo(location.describe())
    if location.path is None:
        return
    from connect_cli.journal.sqlite import find_journal

    # Checked as a write would see it: a path `connect add` could start a journal at is fine.
    if not find_journal(location, create=True):
        typer.echo("There is no journal there yet; `connect add NAME` starts one.", err=True)


@app.command()
def config(
    ctx: typer.Context,
    key: Annotated[
        str | None, typer.Argument(metavar="KEY", help="every, limit, horizon, me or feed.")
    ] = None,
    value: Annotated[str | None, typer.Argument(metavar="VALUE", help="The new value.")] = None,
) -> None:
    """Show or change a setting kept in the journal.

    
    Example: connect config every 60d
    """
    env = env_of(ctx)
    from connect_cli.core.settings import stored_settings
    from connect_cli.domain.settings import SETTINGS, spec_for

    if value is None:
        from connect_cli.core.journal import read_journal

        with read_journal(env.location) as reader:
            current = stored_settings(reader)
        from connect_cli.render.settings import print_settings

        keys = [spec_for(key).key] if key else list(SETTINGS)
        print_settings(
            [(n, SETTINGS[n].show(current[n]), None if key else SETTINGS[n].help) for n in keys]
        )
        return
    from connect_cli.core.settings import write_setting
    from connect_cli.write.session import write_session

    spec_for(key or "")
    with write_session(env.location, create=True) as session:
        shown = write_setting(session=session, key=key or "", value=value)
    typer.echo(f"{spec_for(key or '').key} = {shown}")
