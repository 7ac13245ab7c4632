"""Keeping the journal safe: `backup`, `restore`, `doctor`, `forget`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import Env, env_of
from connect_cli.cli.questions import confirm as ask
from connect_cli.cli.root import app
from connect_cli.domain.errors import InputError

Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do it without asking.")]


def confirm(env: Env, question: str, yes: bool, *, stakes: str = "This cannot be undone") -> None:
    """Ask on a terminal; refuse without one unless --yes (a script must say what it means);
    `stakes` says what is at stake, truthfully (restore keeps a copy, forget does not)."""
    if yes:
        return
    if not env.interactive:
        raise InputError(f"{stakes}; add --yes to confirm when not on a terminal.")
    if not ask(question, default=False):
        typer.echo("Nothing was changed.", err=True)
        raise typer.Exit(1)


@app.command()
def backup(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="File or folder to write to (default: a dated file beside the journal; in the current folder for a server journal)."
        ),
    ] = None,
) -> None:
    """Write a consistent copy of the journal (safe while other commands write); never overwrites.

    Put copies in a synced folder this way, never the live journal itself.

    
    Example: connect backup ~/Dropbox/connect-backups/
    """
    env = env_of(ctx)
    from connect_cli.core.backup import backup as backup_journal

    written = backup_journal(env.location, path, env.now)
    typer.echo(str(written))


@app.command()
def restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A backup made by `connect backup`.")],
    yes: Yes = False,
) -> None:
    """Replace the journal with a backup, after checking it; the current journal is kept as a backup.

    A damaged, truncated or foreign file is refused and the journal is left as it is. An older
    backup is upgraded after it is restored.

    
    Example: connect restore ~/connect-20261122-093000.db
    """
    env = env_of(ctx)
    from connect_cli.core.backup import check_restore
    from connect_cli.core.backup import restore as restore_backup

    journal = check_restore(env.location, path.expanduser())
    confirm(
        env,
        f"Replace the journal at {journal} with {path}?",
        yes,
        stakes="This replaces the journal (a copy of it is kept "
        + ("beside it)" if env.location.path else "in the current folder)"),
    )
    restored = restore_backup(env.location, path, env.now)
    from connect_cli.render.safety import print_restored

    print_restored(restored)


@app.command()
def doctor(ctx: typer.Context, json: o.Json = False) -> None:
    """Check the journal: integrity, references, schema, search index, permissions, location.

    Exits 1 when something needs your attention, and says what to do about it.

    
    Example: connect doctor
    """
    env = env_of(ctx)
    from connect_cli.render import safety as render

    if env.location.path is None:  # a server: the checks that mean something there
        from connect_cli.journal.pg_doctor import diagnose_server as diagnose
    else:
        from connect_cli.journal.doctor import diagnose
    checks = diagnose(env.location)
    if json:
        from connect_cli.render.output import print_json

        print_json(render.doctor_document(checks))
    else:
        render.print_checks(checks)
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@app.command()
def forget(
    ctx: typer.Context,
    who: o.Who,
    yes: Yes = False,
) -> None:
    """Erase a person and every trace of them from the journal file, for good.

    Interactions with only them go; shared ones stay for the others, without them. To just hide
    someone and keep their history, use `connect archive` instead.

    
    Example: connect forget "Old Contact" --yes
    """
    env = env_of(ctx)
    from connect_cli.core.forget import find_person
    from connect_cli.write.forget import forget_person

    person = find_person(env.location, who)
    confirm(env, f"Erase {person.name} (#{person.id}) and all their history for good?", yes)
    gone = forget_person(env.location, who, expected_id=person.id)
    from connect_cli.render.safety import print_forgotten

    print_forgotten(gone)
