"""The Typer application itself: global options and error translation.

Commands register on `app` when their module is imported; `cli/commands.py` decides which.
"""

from __future__ import annotations

import errno
import os
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from connect_cli.cli.typer_compat import prime
from connect_cli.domain.errors import SIGPIPE_STATUS, AmbiguousPerson, ConnectError

# The system refusing a file (an unreadable or read-only folder, a read-only file system).
_NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}


class ConnectGroup(TyperGroup):
    """Turns domain errors into one sentence on stderr and an exit code, in one place.

    It also gives every command's simple parameters a plain-Python coercion (cli/typer_compat.py),
    so that no command pays ~50 ms for importing pydantic.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        prime(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            prime(command.get_params(ctx))
        return command

    def invoke(self, ctx: Any) -> Any:
        from connect_cli.cli.output_guard import OutputFailed, guarded_stdout

        try:
            with guarded_stdout():
                result = super().invoke(ctx)
            refresh_feed(ctx)
            return result
        except OutputFailed as error:
            report_unprinted(error.reason)
            raise typer.Exit(1) from None
        except ConnectError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`connect export | head`): stop, as cat does
            raise typer.Exit(SIGPIPE_STATUS) from None
        except OSError as error:
            if error.errno not in _NOT_ALLOWED:
                internal_error(error)
            typer.echo(_not_allowed(error), err=True)
            raise typer.Exit(1) from None
        except Exception as error:
            internal_error(error)


def internal_error(error: Exception) -> NoReturn:
    """A bug of ours: say so, without locals or user data (and whether anything was saved)."""
    from connect_cli.journal.commits import any_committed

    if os.environ.get("CONNECT_DEBUG"):
        raise error
    changed = "your change was saved" if any_committed() else "nothing was changed"
    typer.echo(
        f"connect hit an internal error ({type(error).__name__}); {changed}. "
        "Run again with CONNECT_DEBUG=1 for details and please report it.",
        err=True,
    )
    raise typer.Exit(1) from None


def _not_allowed(error: OSError) -> str:
    """A file or folder the system would not let us use, named, with what to do."""
    where = error.filename if error.filename is not None else "A file connect needs"
    return (
        f"{where} cannot be used here ({error.strerror or 'permission denied'}); "
        "check its permissions or choose another place."
    )


def report_unprinted(reason: str) -> None:
    """Output failed: say so, and whether the command's change is in the journal anyway."""
    from connect_cli.journal.commits import any_committed

    if any_committed():
        typer.echo(
            f"Your change was saved, but it could not be printed ({reason}); "
            "`connect show` or `connect list` shows it. Do not run the command again.",
            err=True,
        )
    else:
        typer.echo(
            f"The output could not be printed ({reason}); send it to a file with `> FILE`.",
            err=True,
        )


def refresh_feed(ctx: Any) -> None:
    """After a command that can change birthdays, dates or promises, rewrite the reminders feed
    (core/feed.py) when one is set. The command's own work is committed by then: a feed that
    cannot be written is said in one sentence, and the command still succeeded (exit 0)."""
    from connect_cli.core.feed import CHANGES_FEED

    if ctx.invoked_subcommand not in CHANGES_FEED or ctx.obj is None:
        return
    from connect_cli.core.feed import write_feed
    from connect_cli.journal.sqlite import inspect_path

    location = ctx.obj.location
    if location.path is not None and inspect_path(location.path) != "journal":
        return  # nothing was made (a dry run against a new path)
    try:
        write_feed(location)
    except ConnectError as error:
        report(error)


def report(error: ConnectError) -> None:
    from connect_cli.render.output import stderr
    from connect_cli.render.problems import problem_text

    stderr().print(problem_text(error))
    if isinstance(error, AmbiguousPerson):
        from connect_cli.render.problems import candidates_text

        stderr().print(candidates_text(error.candidates))


app = typer.Typer(
    cls=ConnectGroup,
    name="connect",
    help="A personal contact journal: remember people as people, and keep in touch.",
    no_args_is_help=False,
    add_completion=True,
    rich_markup_mode=None,  # plain help: Rich-formatted help costs 100+ ms of start-up
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from connect_cli import __version__

        typer.echo(f"connect {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", envvar="CONNECT_DB", help="Journal file or database URL.", show_envvar=True
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A personal contact journal. Start with `connect add NAME` and `connect today`."""
    from connect_cli.cli.context import make_env

    try:
        ctx.obj = make_env(db)
    except ConnectError as error:
        report(error)
        raise typer.Exit(1) from None
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
