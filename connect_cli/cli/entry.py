"""The `connect` console command.

`--version` is answered before Typer is even imported: it is the one thing a user runs to check
an install, and it should cost little more than starting Python (shared/BUDGETS.md).
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if args in (["--version"], ["-V"]):
        from connect_cli import __version__

        sys.stdout.write(f"connect {__version__}\n")
        return
    # Everything connect writes (journal, backups, exports) is for the owner's eyes only.
    os.umask(0o077)
    from connect_cli.cli.commands import load

    load(args)(prog_name="connect")
