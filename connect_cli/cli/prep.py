"""Before a meeting: `prep`."""

from __future__ import annotations

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def prep(
    ctx: typer.Context,
    who: o.Who,
    json: o.Json = False,
) -> None:
    """A one-screen brief before you meet someone: facts, family, needs, promises, what to ask.


    Example: connect prep linda
    """
    env = env_of(ctx)
    from connect_cli.core.prep import brief_for

    brief = brief_for(env.location, who, today=env.today)
    if json:
        from connect_cli.render.intros import ledger_document
        from connect_cli.render.output import print_json
        from connect_cli.render.prep import brief_document

        helping = ledger_document(brief.helping) if brief.helping else None
        print_json(brief_document(brief) | {"helping": helping})
    else:
        from connect_cli.render.intros import print_ledger
        from connect_cli.render.prep import print_brief

        print_brief(brief, env.today)
        if brief.helping:
            print_ledger(brief.helping, brief.person.name)
