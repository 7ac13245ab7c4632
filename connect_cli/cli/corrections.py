"""Fixing mistakes: `fix` and `unlog` for logged interactions, `promise` and `cancel` for promises.

Ids are shown wherever interactions and promises are listed (`show`, `followups`, `today`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from connect_cli.cli.backup import Yes, confirm
from connect_cli.cli.context import env_of
from connect_cli.cli.recovery import kept
from connect_cli.cli.root import app
from connect_cli.domain.errors import ConnectError

InteractionId = Annotated[
    str,
    typer.Argument(metavar="ID", help="The interaction's number (the #N in `connect show WHO`)."),
]
PromiseId = Annotated[
    str, typer.Argument(metavar="ID", help="The promise's number (see `connect followups`).")
]


@app.command()
def fix(
    ctx: typer.Context,
    interaction: InteractionId,
    text: Annotated[
        str | None,
        typer.Argument(metavar="TEXT", help="The corrected note, replacing the old one."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="The right day (and time).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", metavar="KIND", help="The right kind.")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", metavar="WHO", help="Someone who was there too (repeat)."),
    ] = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", metavar="WHO", help="Someone who was not there after all."),
    ] = None,
) -> None:
    """Correct a logged interaction: its note, day, kind or people.

    With nothing but the ID on a terminal, the note opens in $EDITOR.

    \b
    Example: connect fix 12 --on yesterday --without tom --with "Tom Baker"
    """
    env = env_of(ctx)
    from connect_cli.core import corrections as core

    number = core.record_id(interaction, "interaction", "connect fix 12 --on yesterday")
    edit = core.InteractionEdit(text, on, kind, tuple(with_ or ()), tuple(without or ()))
    typed = edit == core.InteractionEdit() and env.interactive
    if typed:  # nothing else to change: the note itself, in $EDITOR
        edit = edit._replace(text=_note_in_editor(core.interaction_note(env.location, number)))
    try:
        fixed = core.fix_interaction(env.location, number, edit, today=env.today)
    except ConnectError as error:
        if not typed or edit.text is None:
            raise
        hint = f'put it back with `connect fix {number} "$(cat FILE)"`.'
        raise kept(env, error, edit.text, "fix", hint) from None
    done = "Fixed" if fixed.changed else "Nothing changed in"
    typer.echo(f"{done} interaction #{fixed.id}.")


def _note_in_editor(note: str) -> str:
    """The note edited in $EDITOR; an emptied file changes nothing (exit 1)."""
    from connect_cli.cli.editor import edit_text

    written = edit_text(note if note.endswith("\n") else note + "\n")
    if not written.strip():
        raise ConnectError(
            "The note was emptied, so nothing was changed; `connect unlog ID` deletes one."
        )
    return written


@app.command()
def unlog(
    ctx: typer.Context,
    interaction: InteractionId,
    yes: Yes = False,
) -> None:
    """Delete a logged interaction (promises made in it stay open).

    \b
    Example: connect unlog 12
    """
    env = env_of(ctx)
    from connect_cli.core import corrections as core
    from connect_cli.render.history import deletion_question

    number = core.record_id(interaction, "interaction", "connect unlog 12")
    if not yes:  # the question shows what goes: the day, kind, people and the note's start
        confirm(env, deletion_question(core.interaction_to_delete(env.location, number)), yes)
    deleted = core.delete_interaction(env.location, number)
    typer.echo(f"Deleted interaction #{number}{core.with_introductions(deleted)}.")


@app.command()
def promise(
    ctx: typer.Context,
    promise_id: PromiseId,
    text: Annotated[
        str | None, typer.Option("--text", metavar="TEXT", help="What you promised, reworded.")
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", metavar="DATE", help="The new due day: friday, 2026-12-24."),
    ] = None,
    no_due: Annotated[bool, typer.Option("--no-due", help="Take the due day away.")] = False,
) -> None:
    """Change a promise's text or due day.

    \b
    Example: connect promise 3 --due "next friday"
    """
    env = env_of(ctx)
    from connect_cli.core import corrections as core

    number = core.record_id(promise_id, "promise", "connect promise 3 --due friday")
    fixed = core.fix_promise(
        env.location, number, text=text, due=due, no_due=no_due, today=env.today
    )
    done = "Changed" if fixed.changed else "Nothing changed in"
    typer.echo(f"{done} promise #{fixed.id}.")


@app.command()
def cancel(ctx: typer.Context, promise_id: PromiseId) -> None:
    """Drop a promise you will not keep, without marking it kept.

    \b
    Example: connect cancel 3
    """
    env = env_of(ctx)
    from connect_cli.core import corrections as core
    from connect_cli.render.output import stdout, user

    number = core.record_id(promise_id, "promise", "connect cancel 3")
    cancelled = core.cancel_promise(env.location, number)
    stdout().print(
        user(f"Cancelled promise #{cancelled.id} to {cancelled.person}: {cancelled.text}")
    )
