"""`connect history`: what happened with everyone, newest first."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def history(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only on or after this day: 2026-11-01, last month."
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", metavar="KIND", help="Only this kind: call, meeting, meal…"),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with", metavar="WHO", help="Only with this person (repeat: with all of them)."
        ),
    ] = None,
    limit: o.Limit = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Everything, however long (what a pipe or file gets).")
    ] = False,
    json: o.Json = False,
) -> None:
    """Everything you logged, with everyone, newest first; on a terminal the first 50.

    Piped, every interaction as tab-separated lines (id, on, at, kind, people, text).

    \b
    Example: connect history --since "last month" --kind call
    """
    env = env_of(ctx)
    from connect_cli.cli.context import stdout_is_terminal
    from connect_cli.cli.paging import page_size, print_listing
    from connect_cli.core import history as core
    from connect_cli.render import history as render
    from connect_cli.render.output import stderr

    terminal = stdout_is_terminal()
    request = core.HistoryRequest(since, kind, tuple(with_ or ()))
    shown = print_listing(
        page_size(limit, all_, terminal=terminal and not json),
        json=json,
        each=partial(core.each_history, env.location, request, today=env.today),
        first_page=partial(core.history_page, env.location, request, today=env.today),
        print_stream=partial(render.print_history, terminal=terminal),
        print_page=partial(render.print_history, terminal=terminal),
        document=render.history_document,
        more_hint="`connect history --all` shows everything.",
    )
    if shown == 0:
        stderr().print(
            "Nothing logged yet; record a meeting with `connect log WHO TEXT`."
            if request == core.HistoryRequest()
            else "Nothing logged matches; try `connect history` without filters."
        )
