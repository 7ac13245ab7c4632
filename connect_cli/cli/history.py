"""`connect history`: what happened with everyone, newest first."""

from __future__ import annotations

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
    from connect_cli.cli.paging import more_line, page_size
    from connect_cli.core import history as core
    from connect_cli.render import history as render
    from connect_cli.render.output import stderr

    terminal = stdout_is_terminal()
    request = core.HistoryRequest(since, kind, tuple(with_ or ()))
    size = page_size(limit, all_, terminal=terminal and not json)
    if json:
        from connect_cli.render.output import print_json_list

        with core.each_history(env.location, request, today=env.today, limit=size) as items:
            print_json_list(render.history_document(i) for i in items)
        return
    if size is None:
        with core.each_history(env.location, request, today=env.today) as items:
            shown = render.print_history(items, terminal=terminal)
    else:
        page = core.history_page(env.location, request, today=env.today, limit=size)
        shown = render.print_history(page.rows, terminal=terminal)
        if page.more:
            stderr().print(more_line(page.more, "`connect history --all` shows everything."))
    if not shown:
        stderr().print(
            "Nothing logged yet; record a meeting with `connect log WHO TEXT`."
            if request == core.HistoryRequest()
            else "Nothing logged matches; try `connect history` without filters."
        )
