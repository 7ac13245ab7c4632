"""Seeing and correcting people: `show`, `list`, `edit`, `archive`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app
from connect_cli.domain.errors import InputError

Who = Annotated[str, typer.Argument(metavar="WHO", help="A name, nickname, unique prefix, or #id.")]


class Sort(StrEnum):
    name = "name"
    recent = "recent"
    overdue = "overdue"
    added = "added"


@app.command()
def show(ctx: typer.Context, who: Who, json: o.Json = False) -> None:
    """Show a person's profile card: how you met, rhythm, facts, promises, timeline.

    
    Example: connect show linda
    """
    env = env_of(ctx)
    from connect_cli.core.browse import card_for

    card = card_for(env.location, who, today=env.today)
    from connect_cli.render import people as render

    if json:
        from connect_cli.render.output import print_json

        print_json(render.card_document(card))
    else:
        render.print_card(card, env.today)


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
    json: o.Json = False,
) -> None:
    """List people as a table.

    
    Example: connect list --tag client --sort overdue
    """
    env = env_of(ctx)
    from connect_cli.core.browse import list_people

    rows = list_people(
        env.location, today=env.today, query=query, tag=tag, sort=sort.value, archived=archived
    )
    from connect_cli.render import people as render

    if json:
        from connect_cli.render.output import print_json

        print_json(render.contact_rows_document(rows))
    elif not rows:
        from connect_cli.render.output import stderr

        stderr().print(
            "Nobody to list yet; add someone with `connect add NAME`."
            if not (query or tag or archived)
            else "Nobody matches; try `connect list` without filters."
        )
    else:
        render.print_contact_table(rows, env.today)


@app.command()
def edit(
    ctx: typer.Context,
    who: Who,
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
) -> None:
    """Change anything about a person; with no options on a terminal, edit the whole profile in $EDITOR.

    
    Example: connect edit linda --title CTO --drop tag:prospect --like "single malt"
    """
    env = env_of(ctx)
    from connect_cli.domain.drafts import RawPerson, build_draft

    raw = o.raw_person(ctx.params)
    from connect_cli.core import browse

    if raw == RawPerson():
        if not env.interactive:
            raise InputError(
                "Say what to change (e.g. --title CTO, --drop tag:client), or run on a terminal to use $EDITOR."
            )
        from connect_cli.cli.profile_editor import edit_in_editor

        edited = edit_in_editor(env, who)
    else:
        edited = browse.apply_edit(env.location, who, build_draft(raw, env.today))
    from connect_cli.render.output import stdout, user

    stdout().print(user(f"Updated {edited.name} (#{edited.id})."))


@app.command()
def archive(
    ctx: typer.Context,
    who: Who,
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

    verb = "Brought back" if undo else "Archived"
    hint = "" if undo else " Their history is kept; `connect archive --undo` brings them back."
    stdout().print(user(f"{verb} {person.name} (#{person.id}).{hint}"))
