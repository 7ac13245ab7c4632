"""Trying the tool (and benchmarking it): `demo`."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


@app.command()
def demo(
    ctx: typer.Context,
    contacts: Annotated[
        int, typer.Option("--contacts", metavar="N", help="How many people to make.")
    ] = 200,
    interactions: Annotated[
        int,
        typer.Option("--interactions", metavar="M", help="How many interactions, over ~3 years."),
    ] = 2000,
    seed: Annotated[int, typer.Option("--seed", metavar="S", help="Same seed, same journal.")] = 1,
) -> None:
    """Fill an EMPTY journal with realistic synthetic people and history, to try connect.


    Example: connect --db demo.db demo --contacts 500 --interactions 20000
    """
    env = env_of(ctx)
    from connect_cli.core.demo import check_sizes, fill_demo

    check_sizes(contacts, interactions)
    with _progress(interactions) as progress:
        summary = fill_demo(
            env.location,
            contacts=contacts,
            interactions=interactions,
            seed=seed,
            today=env.today,
            progress=progress,
        )
    from connect_cli.render.demo import print_summary

    print_summary(summary)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr, only when stderr is a terminal (never in pipes or logs)."""
    if not sys.stderr.isatty() or total == 0:
        yield None
        return
    from rich.progress import Progress

    from connect_cli.render.output import stderr

    with Progress(console=stderr(), transient=True) as bar:
        task = bar.add_task("Writing history", total=total)
        yield lambda done: bar.update(task, completed=done)
