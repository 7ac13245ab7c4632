"""The Typer application itself: global options and error translation.

Commands register on `app` when their module is imported; `cli/commands.py` decides which.
"""

from __future__ import annotations

import errno
import os
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from connect_cli.cli.typer_compat import plain_help, prime
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
        plain_help()  # before any --help is drawn, the group's or a command's
        return super().parse_args(ctx, hoist_global_options(args))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        plain_help()
        super().format_help(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Commands grouped by what they are for (HELP_PANELS), in the order a day uses them."""
        from connect_cli.cli.help_panels import HELP_PANELS

        grouped = {name for names in HELP_PANELS.values() for name in names}
        others = tuple(n for n in self.list_commands(ctx) if n not in grouped)  # never hidden
        for panel, names in (*HELP_PANELS.items(), ("Other", others)):
            rows = []
            for name in names:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(formatter.width - 18)))
            if rows:
                with formatter.section(panel):
                    formatter.write_dl(rows)

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

    try:
        if _journal_made(ctx.obj.location):
            write_feed(ctx.obj.location)
    except ConnectError as error:
        report(error)


def _journal_made(location: Any) -> bool:
    """False when the command made no journal (a dry run against a new path, or against an
    empty server database): there is then no feed to rewrite, and reading for one would make it."""
    if location.path is not None:
        from connect_cli.journal.sqlite import inspect_path

        return inspect_path(location.path) == "journal"
    from connect_cli.journal.postgres import server_database_is_empty

    return not server_database_is_empty(location)


GLOBAL_VALUE_OPTIONS = ("--db", "--width")
MIN_WIDTH = 20  # narrower, a table has no room for its columns


def hoist_global_options(args: list[str]) -> list[str]:
    """`connect today --db x.db` as `connect --db x.db today`: the global options that take a
    value are read wherever they stand before a `--` (people type them after the command word)."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            rest += args[i:]
            break
        name = word.split("=", 1)[0]
        if name in GLOBAL_VALUE_OPTIONS and rest:  # before the command word it is already fine
            takes_next = "=" not in word and i + 1 < len(args)
            front += args[i : i + 2] if takes_next else [word]
            i += 2 if takes_next else 1
            continue
        rest.append(word)
        i += 1
    return front + rest


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
            "--db",
            envvar="CONNECT_DB",
            metavar="PATH",
            help="Journal file or database URL.",
            show_envvar=True,
        ),
    ] = None,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            metavar="N",  # no min=: a ranged int would load pydantic (cli/typer_compat.py)
            help="Wrap output at N columns (default: COLUMNS, else the terminal's width; "
            "output for a pipe or file is not wrapped).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A personal contact journal. Start with `connect add NAME` and `connect today`."""
    import sys

    from connect_cli.cli.context import make_env

    if width is not None and width < MIN_WIDTH:
        raise typer.BadParameter(f"give at least {MIN_WIDTH} columns.", param_hint="'--width'")
    # Rich is loaded only when asked for a width, or already loaded (a reused process: reset it).
    if width is not None or "connect_cli.render.output" in sys.modules:
        from connect_cli.render.output import use_width

        use_width(width)
    try:
        ctx.obj = make_env(db)
    except ConnectError as error:
        report(error)
        raise typer.Exit(1) from None
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
