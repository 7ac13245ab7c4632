"""Seeing and correcting people: `show`, `list`, `edit`, `archive`."""

from __future__ import annotations

from enum import StrEnum
from functools import partial
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app
from connect_cli.domain.errors import InputError


class Sort(StrEnum):
    name = "name"
    recent = "recent"
    overdue = "overdue"
    added = "added"


@app.command()
def show(
    ctx: typer.Context,
    who: o.Who,
    all_: Annotated[
        bool, typer.Option("--all", help="The whole timeline, not only the latest 10.")
    ] = False,
    json: o.Json = False,
) -> None:
    """Show a person's profile card: how you met, rhythm, facts, promises, timeline.

    
    Example: connect show linda
    """
    env = env_of(ctx)
    from connect_cli.core.browse import card_and_ledger

    card, ledger = card_and_ledger(env.location, who, today=env.today)
    from connect_cli.render import intros as helping
    from connect_cli.render import people as render

    if json:
        from connect_cli.render.output import print_json

        print_json(render.card_document(card) | {"helping": helping.ledger_document(ledger)})
    else:
        render.print_card(card, env.today, whole_timeline=all_)
        helping.print_ledger(ledger, card.name)


@app.command("list")
def list_(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(metavar="QUERY", help="Only people whose name, company or tag matches."),
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only people with this tag.")
    ] = None,
    sort: Annotated[Sort, typer.Option("--sort", help="Order of the rows.")] = Sort.name,
    archived: Annotated[
        bool, typer.Option("--archived", help="List archived people instead.")
    ] = False,
    limit: o.Limit = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Everyone, however many (what a pipe or file gets).")
    ] = False,
    json: o.Json = False,
) -> None:
    """List people: on a terminal the first 50 as a table; piped, everyone as tab-separated lines.


    Example: connect list --tag client --sort overdue
    """
    env = env_of(ctx)
    from connect_cli.cli.context import stdout_is_terminal
    from connect_cli.cli.paging import page_size, print_listing
    from connect_cli.core import browse
    from connect_cli.render import people as render

    terminal = stdout_is_terminal()
    wanted = browse.PeopleFilter(query, tag, sort.value, archived)
    shown = print_listing(
        page_size(limit, all_, terminal=terminal and not json),
        json=json,
        each=partial(browse.each_person, env.location, wanted, today=env.today),
        first_page=partial(browse.people_page, env.location, wanted, today=env.today),
        print_stream=partial(render.print_contact_stream, today=env.today, terminal=terminal),
        print_page=partial(render.print_contact_page, today=env.today, terminal=terminal),
        document=render.contact_row_document,
        more_hint="`connect list --all` shows everyone.",
    )
    if shown == 0:
        from connect_cli.render.output import stderr

        stderr().print(
            "Nobody to list yet; add someone with `connect add NAME`."
            if not (query or tag or archived)
            else "Nobody matches; try `connect list` without filters."
        )


@app.command()
def edit(
    ctx: typer.Context,
    who: o.Who,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NAME", help="Their new name.")
    ] = None,
    company: o.Company = None,
    title: o.Title = None,
    email: o.Email = None,
    phone: o.Phone = None,
    url: o.Url = None,
    location: o.Location = None,
    nickname: o.Nickname = None,
    met_at: o.MetAt = None,
    met_on: o.MetOn = None,
    via: o.Via = None,
    tag: o.Tag = None,
    every: o.Every = None,
    birthday: o.Birthday = None,
    date: o.DateOpt = None,
    like: o.Like = None,
    dislike: o.Dislike = None,
    passion: o.Passion = None,
    family: o.Family = None,
    need: o.Need = None,
    offer: o.Offer = None,
    fact: o.Fact = None,
    drop: Annotated[
        list[str] | None,
        typer.Option(
            "--drop",
            metavar="KIND:VALUE",
            help="Remove one item: tag:client, like:golf, email:a@b.com.",
        ),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear", metavar="FIELD", help="Empty a field: company, title, birthday, every…"
        ),
    ] = None,
    met: Annotated[
        str | None,
        typer.Option(
            "--met", metavar="NEED", help="A need of theirs was met (a few of its words)."
        ),
    ] = None,
) -> None:
    """Change anything about a person; with no options on a terminal, edit the whole profile in $EDITOR.

    
    Example: connect edit linda --title CTO --drop tag:prospect --like "single malt"
    """
    env = env_of(ctx)
    from connect_cli.domain.drafts import RawPerson

    raw = o.raw_person(ctx.params)
    from connect_cli.core import browse

    if met is not None:
        if raw != RawPerson():
            raise InputError('Give --met on its own: connect edit WHO --met "fintech angels".')
        from connect_cli.core.intros import mark_met_alone
        from connect_cli.render.output import stdout, user

        done = mark_met_alone(env.location, who, met, today=env.today)
        stdout().print(user(f"Need met for {done.person}: “{done.need}” ({done.on.isoformat()})."))
        return
    if raw == RawPerson():
        if not env.interactive:
            raise InputError(
                "Say what to change (e.g. --title CTO, --drop tag:client), or run on a terminal to use $EDITOR."
            )
        from connect_cli.cli.profile_editor import edit_in_editor

        edited, changed = edit_in_editor(env, who)
    else:
        edited, changed = browse.apply_edit(env.location, who, raw, today=env.today), True
    from connect_cli.render.output import stdout, user

    done = "Updated" if changed else "No changes to"
    stdout().print(user(f"{done} {edited.name} (#{edited.id})."))


@app.command()
def archive(
    ctx: typer.Context,
    who: o.Who,
    undo: Annotated[
        bool, typer.Option("--undo", "--unarchive", help="Bring an archived person back.")
    ] = False,
) -> None:
    """Hide someone from lists and reminders, keeping their history (--undo brings them back).

    
    Example: connect archive "Old Colleague"
    """
    env = env_of(ctx)
    from connect_cli.core.browse import change_archived

    person = change_archived(env.location, who, archived=not undo)
    from connect_cli.render.output import stdout, user

    if not person.changed:
        state = "not archived" if undo else "already archived"
        stdout().print(user(f"{person.name} (#{person.id}) is {state}; nothing changed."))
        return
    verb = "Brought back" if undo else "Archived"
    hint = (
        ""
        if undo
        else f" Their history is kept; `connect archive #{person.id} --undo` brings them back."
    )
    stdout().print(user(f"{verb} {person.name} (#{person.id}).{hint}"))
