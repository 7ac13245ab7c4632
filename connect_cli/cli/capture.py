"""Capturing people and what happens with them: `add` and `log`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from connect_cli.cli import context
from connect_cli.cli import options as o
from connect_cli.cli.completion import complete_who
from connect_cli.cli.context import env_of
from connect_cli.cli.recovery import kept
from connect_cli.cli.root import app
from connect_cli.domain.errors import ConnectError, InputError
from connect_cli.domain.undecodable import has_undecodable_bytes

if TYPE_CHECKING:
    from connect_cli.core.capture import LogPlan


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
    from connect_cli.core.capture import NewPerson, add_new_person

    new = NewPerson(
        raw=o.raw_person(ctx.params, name=name, met_at=met_at),
        note=note,
        follow_up=follow_up,
        due=due,
        allow_duplicate=duplicate,
    )
    if name is None:
        if not env.interactive:
            raise InputError('Give the person\'s name, e.g. connect add "Linda Holcman".')
        from connect_cli.cli.add_prompts import ask_new_person

        new = ask_new_person(env, new)
        if new is None:
            return
    try:
        added = add_new_person(env.location, new, today=env.today)
    except ConnectError as error:
        if name is not None:
            raise
        from connect_cli.cli.add_prompts import answers_text

        raise kept(
            env, error, answers_text(new), "add", "add them again with these answers."
        ) from None
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
    from connect_cli.core.capture import LogEntry, check_log, log_entry

    entry = LogEntry(
        whos=[who, *(with_ or [])],
        text=text or "",
        kind=kind,
        on=on,
        follow_up=follow_up,
        due=due,
    )
    typed = False
    if text is None:
        if context.stdin_is_terminal():
            if not env.interactive:
                raise InputError(
                    "Give the note as text, pipe it in, or run on a terminal to use $EDITOR."
                )
            # Check every argument before the editor opens: a mistyped name must not cost the note.
            plan = check_log(env.location, entry, today=env.today)
            text, typed = _note_from_editor(plan), True
        else:
            text = _piped_text()
    try:
        logged = log_entry(env.location, entry._replace(text=text), today=env.today)
    except ConnectError as error:
        if not typed:
            raise
        raise kept(env, error, text, "log", "log it with `connect log WHO < FILE`.") from None
    from connect_cli.render.capture import print_logged

    print_logged(logged)


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


def _note_from_editor(plan: LogPlan) -> str:
    """The note, written in $EDITOR (keeps notes out of shell history) on a commented template.

    An emptied file cancels: exit 1, nothing logged.
    """
    from connect_cli.cli.editor import edit_text, note_template, without_comments

    written = without_comments(edit_text(note_template(plan.names, plan.kind, plan.on.isoformat())))
    if not written.strip():
        raise ConnectError("The note was empty, so nothing was logged.")
    return written
