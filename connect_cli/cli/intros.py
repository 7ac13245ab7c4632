"""Always be helping: `intros` (who to introduce) and `intro` (log one, or what came of it)."""

from __future__ import annotations

from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def intros(
    ctx: typer.Context,
    who: Annotated[
        str | None,
        typer.Argument(metavar="WHO", help="Only this person's needs and offers."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", metavar="N", help="Show at most N (default 5).")
    ] = None,
    made: Annotated[
        bool, typer.Option("--made", help="List the introductions you made, with outcomes.")
    ] = False,
    json: o.Json = False,
) -> None:
    """The introductions worth making: one person's need meeting another's offer, best first.


    Example: connect intros linda
    """
    env = env_of(ctx)
    from connect_cli.core import intros as core
    from connect_cli.render import intros as render
    from connect_cli.render.output import print_json

    if made:
        if who is not None:
            from connect_cli.domain.errors import InputError

            raise InputError(
                "--made lists every introduction; leave WHO out (`show WHO` has theirs)."
            )
        rows = core.made(env.location, limit=limit)
        if json:
            print_json([render.intro_document(r) for r in rows])
        else:
            render.print_made(rows)
        return
    found = core.suggestions(env.location, who, today=env.today, limit=limit)
    if json:
        print_json([render.suggestion_document(s) for s in found])
    else:
        render.print_suggestions(found)


@app.command()
def intro(
    ctx: typer.Context,
    first: Annotated[
        str,
        typer.Argument(
            metavar="A|ID", help="Who you introduce (or, with --outcome, the intro's number)."
        ),
    ],
    second: Annotated[
        str | None, typer.Argument(metavar="B", help="Whom you introduce them to.")
    ] = None,
    need: Annotated[
        str | None,
        typer.Option("--for", metavar="NEED", help="The need it answers (a few of its words)."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="A note on it.")
    ] = None,
    check_in: Annotated[
        str | None,
        typer.Option("--check-in", metavar="PERIOD", help="Ask both how it went after this (2w)."),
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option("--outcome", metavar="helped|no-fit|pending", help="What came of intro ID."),
    ] = None,
) -> None:
    """Log an introduction of A to B (with a check-in promise), or record what came of one.


    Examples: connect intro priya tom --for "fintech angels" --check-in 2w
              connect intro 3 --outcome helped --note "Tom invested"
    """
    env = env_of(ctx)
    from connect_cli.core import intros as core
    from connect_cli.domain.errors import InputError
    from connect_cli.render import intros as render

    if outcome is not None:
        if second is not None or need is not None or check_in is not None:
            raise InputError(
                "--outcome takes an introduction's number only: connect intro 3 --outcome helped."
            )
        done = core.record_outcome(
            env.location, core.intro_id(first), outcome, today=env.today, note=note
        )
        render.print_outcome(done)
        return
    if second is None:
        raise InputError(
            "Name two people (connect intro A B), or an introduction's number with --outcome."
        )
    logged = core.log_intro(
        env.location, first, second, today=env.today, need=need, note=note, check_in=check_in
    )
    render.print_logged(logged)
