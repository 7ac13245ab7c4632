"""The Typer application itself: global options and error translation.

Commands register on `app` when their module is imported; `cli/commands.py` decides which.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from connect_cli.cli.typer_compat import prime
from connect_cli.domain.errors import SIGPIPE_STATUS, AmbiguousPerson, ConnectError


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
        try:
            return super().invoke(ctx)
        except ConnectError as error:
            report(error)
            raise typer.Exit(error.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(interrupted()) from None
        except typer.Abort as abort:
            # Click turns Ctrl-C (and Ctrl-D) at a prompt into Abort and prints "Aborted!"; a
            # user who pressed Ctrl-C asked to stop: a quiet exit 130, as a shell reports SIGINT.
            if isinstance(abort.__context__, KeyboardInterrupt):
                raise typer.Exit(interrupted()) from None
            typer.echo("", err=True)
            typer.echo("No answer was given; nothing was changed.", err=True)
            raise typer.Exit(1) from None
        except (typer.Exit, typer.TyperException):
            raise
        except BrokenPipeError:  # the reader went away (`connect export | head`): stop, as cat does
            raise typer.Exit(SIGPIPE_STATUS) from None
        except Exception as error:  # a bug of ours: say so, without locals or user data
            if os.environ.get("CONNECT_DEBUG"):
                raise
            typer.echo(
                f"connect hit an internal error ({type(error).__name__}); nothing was changed. "
                "Run again with CONNECT_DEBUG=1 for details and please report it.",
                err=True,
            )
            raise typer.Exit(1) from None


# What a shell reports for a program ended by Ctrl-C (128 + SIGINT).
INTERRUPTED_STATUS = 130


def interrupted() -> int:
    """End the prompt's line so the shell's prompt starts clean; say nothing else."""
    typer.echo("", err=True)
    return INTERRUPTED_STATUS


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
