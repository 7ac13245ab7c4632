"""Capturing people and what happens with them: `add` and `log`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from connect_cli.cli import context
from connect_cli.cli import options as o
from connect_cli.cli.completion import complete_who
from connect_cli.cli.context import Env, env_of
from connect_cli.cli.root import app
from connect_cli.domain.errors import InputError
from connect_cli.domain.undecodable import has_undecodable_bytes


@app.command()
def add(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="NAME", help="Their name (asked for on a terminal if left out)."),
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
    note: Annotated[
        str | None,
        typer.Option(
            "--note", "-n", metavar="TEXT", help="Logs your first meeting with this text."
        ),
    ] = None,
    follow_up: o.FollowUp = None,
    due: o.Due = None,
    duplicate: Annotated[
        bool, typer.Option("--duplicate", help="Add even if someone has this name.")
    ] = False,
) -> None:
    """Add a person right after you meet them.

    
    Example: connect add "Linda Holcman" -c Acme --met-at "SaaStr 2026" --passion sailing
    --family "Sam (son, 7)" --need "hiring a VP Sales" --note "Coffee at the booth"
    """
    env = env_of(ctx)

    if name is None:
        if not env.interactive:
            raise InputError('Give the person\'s name, e.g. connect add "Linda Holcman".')
        name = typer.prompt("Name")
        met_at = (
            met_at or typer.prompt("Where did you meet", default="", show_default=False) or None
        )
        note = note or typer.prompt("A note about it", default="", show_default=False) or None
    raw = o.raw_person(ctx.params, name=name, met_at=met_at)
    from connect_cli.core.capture import NewPerson, add_new_person

    added = add_new_person(
        env.location,
        NewPerson(
            raw=raw,
            note=note,
            follow_up=follow_up,
            due=due,
            allow_duplicate=duplicate,
        ),
        today=env.today,
    )
    from connect_cli.render.capture import print_added

    print_added(added)


@app.command()
def log(
    ctx: typer.Context,
    who: Annotated[
        str,
        typer.Argument(
            metavar="WHO",
            help="Who you talked to: a name, nickname, prefix or #id.",
            autocompletion=complete_who,
        ),
    ],
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="What happened (stdin or $EDITOR if left out)."),
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="meeting, call, video, email, message, meal, event, note.",
        ),
    ] = "note",
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="When: yesterday, last friday, 2026-11-20 14:30."
        ),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            metavar="WHO",
            help="Someone else who was there (repeat).",
            autocompletion=complete_who,
        ),
    ] = None,
    follow_up: o.FollowUp = None,
    due: o.Due = None,
) -> None:
    """Record a call, meeting or message; it resets their keep-in-touch clock.

    
    Example: connect log linda "Talked about the VP search" -k call --follow-up "Intro to Bob" --due friday
    """
    env = env_of(ctx)
    from connect_cli.core.capture import LogEntry, log_entry

    if text is None:
        text = _note_from_stdin_or_editor(env)
    logged = log_entry(
        env.location,
        LogEntry(
            whos=[who, *(with_ or [])],
            text=text,
            kind=kind,
            on=on,
            follow_up=follow_up,
            due=due,
        ),
        today=env.today,
    )
    from connect_cli.render.capture import print_logged

    print_logged(logged)


def _note_from_stdin_or_editor(env: Env) -> str:
    """Piped text is the note; on a terminal the editor opens (keeps notes out of shell history)."""
    if not context.stdin_is_terminal():
        return _piped_text()
    if not env.interactive:
        raise InputError("Give the note as text, pipe it in, or run on a terminal to use $EDITOR.")
    from connect_cli.cli.editor import edit_text

    return edit_text("")


def _piped_text() -> str:
    """stdin as text; bytes that are not UTF-8 are refused, not stored as mangled text."""
    problem = InputError(
        "The text piped in is not UTF-8; convert it first, e.g. with `iconv -f latin1 -t utf-8`."
    )
    try:
        text = sys.stdin.read()
    except UnicodeDecodeError:
        raise problem from None
    if has_undecodable_bytes(text):
        raise problem
    return text
