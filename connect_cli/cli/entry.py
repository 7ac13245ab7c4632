"""The `connect` console command.

`--version` is answered before Typer is even imported: it is the one thing a user runs to check
an install, and it should cost little more than starting Python (shared/BUDGETS.md).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from connect_cli.domain.errors import SIGPIPE_STATUS
from connect_cli.domain.undecodable import has_undecodable_bytes


def main() -> None:
    """Run the command in sys.argv; like any Click app, it ends by raising SystemExit."""
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from connect_cli import __version__

        sys.stdout.write(f"connect {__version__}\n")
        return
    if any(has_undecodable_bytes(arg) for arg in args):
        sys.stderr.write(
            "An argument is not UTF-8 text; retype it, or set your terminal to UTF-8.\n"
        )
        raise SystemExit(2)
    # Everything connect writes (journal, backups, exports) is for the owner's eyes only.
    os.umask(0o077)
    from connect_cli.cli.signals import end_cleanly_on_signals

    end_cleanly_on_signals()
    from connect_cli.cli.commands import load

    load(args)(prog_name="connect")


def console() -> NoReturn:
    """The console script: run main(), flush what it printed, and leave without a teardown.

    Tearing down an interpreter that holds SQLAlchemy and pydantic costs more than a whole
    `connect today`: ~200 ms of a `connect log` under hyperfine (~13 ms for `today`). There is
    nothing left for it to do: every command has committed and closed its journal, and closed
    (and synced) the files it wrote, before it returns; no command starts a thread.
    """
    try:
        main()
        status = 0
    except SystemExit as done:
        status = exit_status(done.code)
    except KeyboardInterrupt:  # Ctrl-C before Click could catch it (while starting up)
        status = 130
    except BrokenPipeError:  # `connect --help | head -1`: quiet, as cat is
        status = SIGPIPE_STATUS
    except OSError as error:  # help or usage text (printed before any command runs) not written
        sys.stderr.write(f"The output could not be printed ({error.strerror or error}).\n")
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: the shell started us with it closed (`>&-`)
                stream.flush()
        except BrokenPipeError:  # the reader went away (`connect list | head`): quiet, as cat is
            status = status or SIGPIPE_STATUS
        except (OSError, ValueError):  # a full disk or a stream already closed: said already
            status = status or 1
    if sys.getprofile() or sys.gettrace():  # a profiler or coverage: let it write its report
        sys.exit(status)
    os._exit(status)


def exit_status(code: object) -> int:
    """What SystemExit(code) would make the process return, as Python itself decides it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
