"""The whole application, every command registered: for tests and anything embedding connect.

The console command (`cli/entry.py`) loads only the command it runs; see `cli/commands.py`.
"""

from __future__ import annotations

from connect_cli.cli.commands import load

app = load()

__all__ = ["app"]
