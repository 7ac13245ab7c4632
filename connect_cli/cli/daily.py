"""The daily habit: `today`, `snooze`, `followups`, `done`."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app
from connect_cli.domain.errors import InputError


@app.command()
def today(
    ctx: typer.Context,
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", help="At most this many people to reconnect with."),
    ] = None,
    horizon: Annotated[
        int | None,
        typer.Option("--horizon", metavar="DAYS", help="Days ahead for promises and dates."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="See the list as it will be that day: friday, 2026-12-24."
        ),
    ] = None,
    json: o.Json = False,
    notify: Annotated[
        bool,
        typer.Option("--notify", help="Also send the list as a desktop notification (notify-send)."),
    ] = False,
) -> None:
    """Your daily list: promises due, birthdays and dates coming up, and whom to reconnect with.

    
    Example: connect today --limit 3 --horizon 14
    """
    env = env_of(ctx)
    from connect_cli.core import daily as core

    result, offer_help = core.today_with_help(
        env.location, today=env.today, on=on, horizon=horizon, limit=limit
    )
    from connect_cli.render import daily as render
    from connect_cli.render import intros as helping

    if json:
        from connect_cli.render.output import print_json

        document = render.daily_document(result)
        document["help"] = helping.suggestion_document(offer_help) if offer_help else None
        print_json(document)
    else:
        render.print_daily(result)
        helping.print_help_section(offer_help)
    if notify:
        from connect_cli.render.notify import notification, send

        send(*notification(result))


@app.command()
def snooze(
    ctx: typer.Context,
    who: o.Who,
    for_: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FOR",
            help="3d, 2w, 1m, 2 weeks, or a date (2026-12-01, next monday); 0 lifts it.",
        ),
    ] = None,
    off: Annotated[bool, typer.Option("--off", help="Lift the snooze now.")] = False,
) -> None:
    """Hide someone from Reconnect for a while (default a week); they come back on the day it ends.

    
    Example: connect snooze linda 2w
    """
    env = env_of(ctx)
    from connect_cli.core import daily as core

    # `snooze ken 2 weeks` unquoted: the words after WHO are one duration or date.
    typed = " ".join(for_) if for_ else None
    if off and typed is not None:
        raise InputError("Give either how long to snooze or --off, not both.")
    until = None if off else core.snooze_until(typed, env.today)
    snoozed = core.snooze(env.location, who, until)
    from connect_cli.render.daily import print_snoozed

    print_snoozed(snoozed)


@app.command()
def followups(
    ctx: typer.Context,
    all_: Annotated[
        bool, typer.Option("--all", help="Every promise, kept ones too, however many.")
    ] = False,
    limit: o.Limit = None,
    json: o.Json = False,
) -> None:
    """List your open promises, soonest due first (undated ones last); on a terminal the first 50.


    Example: connect followups --all
    """
    env = env_of(ctx)
    from connect_cli.cli.context import stdout_is_terminal
    from connect_cli.cli.paging import PAGE_SIZE, check_limit, print_listing
    from connect_cli.core import daily as core
    from connect_cli.render import daily as render
    from connect_cli.render.output import stderr

    terminal = stdout_is_terminal()
    # --all already meant "kept ones too"; it also lifts the page, as it does for `list`.
    if limit is not None:
        check_limit(limit)
    size = limit if limit is not None else (PAGE_SIZE if terminal and not all_ else None)
    shown = print_listing(
        limit if json else size,
        json=json,
        each=partial(core.each_followup, env.location, include_done=all_),
        first_page=partial(core.followups_page, env.location, include_done=all_),
        print_stream=partial(render.print_followup_stream, today=env.today, terminal=terminal),
        print_page=partial(render.print_followups, today=env.today, terminal=terminal),
        document=partial(render.promise_document, today=env.today),
        more_hint="`connect followups --all` shows every promise, kept ones too.",
    )
    if shown == 0:
        stderr().print(
            'No open promises. Make one with `connect log WHO TEXT --follow-up "…" --due friday`.'
        )


@app.command()
def done(
    ctx: typer.Context,
    promise: Annotated[
        str, typer.Argument(metavar="ID", help="The promise's number (see `followups`).")
    ],
    note: Annotated[
        str | None,
        typer.Option(
            "--note", "-n", metavar="TEXT", help="Also log what you did with that person."
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", "-k", metavar="KIND", help="Kind of the logged note (default note)."
        ),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with", metavar="WHO", help="Someone else it involved (repeat): logged with them too."
        ),
    ] = None,
) -> None:
    """Mark a promise kept; --note also logs what you did, which resets their clock.

    --with logs it with someone else too (without --note, the promise's text is the note).

    
    Example: connect done 3 --note "Sent the intro to Bob" --kind email --with bob
    """
    env = env_of(ctx)
    from connect_cli.core import daily as core

    kept = core.mark_done(
        env.location,
        core.promise_id(promise),
        today=env.today,
        note=note,
        kind=kind,
        with_=with_,
    )
    from connect_cli.render.daily import print_kept

    print_kept(kept)
