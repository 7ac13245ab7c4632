"""The Typer layer: parse arguments, call the core, render. Nothing else lives here."""
