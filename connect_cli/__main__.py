"""`python -m connect_cli` runs the same entry point as the `connect` command."""

from connect_cli.cli.entry import console

if __name__ == "__main__":
    console()
