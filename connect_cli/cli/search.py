"""Finding anything you wrote down: `search`."""

from __future__ import annotations

from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find; end one with * for a prefix.")],
    limit: Annotated[int, typer.Option("--limit", "-l", help="At most this many people.")] = 20,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", "-k", help="Only notes of this kind (call…) or facts of this kind (like…)."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only notes on or after this day.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", help="Only people with this tag.")
    ] = None,
    rank: Annotated[
        bool, typer.Option("--rank", help="Best matches first instead of newest first.")
    ] = False,
    json: o.Json = False,
) -> None:
    """Search notes, facts, names, nicknames, companies, titles and how you met.

    Results are grouped by person, newest first (or best first with --rank).

    Example: connect search "fintech investors" --since "3 months ago"
    """
    env = env_of(ctx)
    from connect_cli.core import search as core

    filters = core.search_filters(kind=kind, since=since, tag=tag, today=env.today)
    people = core.search(env.location, query, limit=limit, filters=filters, rank=rank)
    from connect_cli.render import search as render

    if json:
        from connect_cli.render.output import print_json

        print_json(render.results_document(people))
    elif not people:
        render.print_nothing_found(query)
    else:
        render.print_results(people)
