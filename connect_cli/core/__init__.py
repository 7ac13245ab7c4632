"""Use cases of the journal: no Typer, no Rich. Each takes what it needs as arguments."""
