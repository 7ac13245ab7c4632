"""Moving data out of the journal and tidying it: `export`, `merge`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app


class Format(StrEnum):
    csv = "csv"
    json = "json"
    vcard = "vcard"
    markdown = "markdown"
    ics = "ics"


class What(StrEnum):
    notes = "notes"
    contacts = "contacts"


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[Format, typer.Option("--format", "-f", help="File format.")] = Format.csv,
    what: Annotated[
        What | None, typer.Option("--what", help="For CSV: notes (default) or contacts.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this new file (default: stdout)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing -o file.")] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Only notes on or after this date.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", help="Only people with this tag.")
    ] = None,
    vcard_version: Annotated[
        str | None, typer.Option("--vcard-version", help="3.0 (default) or 4.0.")
    ] = None,
    raw: Annotated[
        bool, typer.Option("--raw", help="Do not neutralise CSV cells that look like formulas.")
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel", help="CSV for spreadsheet programs: UTF-8 with a byte order mark, CRLF."
        ),
    ] = False,
) -> None:
    """Write your notes or contacts as CSV, JSON (the whole journal), vCard, Markdown or iCalendar.

    Example: connect export --format csv --since "2026-01-01" -o notes.csv
    """
    env = env_of(ctx)
    from connect_cli.core.export import ExportRequest, export_to_file, plan_export, write_export

    request = ExportRequest(
        format.value, what.value if what else None, since, tag, vcard_version, raw, excel
    )
    plan = plan_export(request, today=env.today)
    # A counter on stderr, only on a terminal and never over the export itself on screen.
    counter = Counter() if sys.stderr.isatty() and (output or not sys.stdout.isatty()) else None
    try:
        if output is None:
            summary = write_export(
                env.location, plan, sys.stdout, today=env.today, progress=counter
            )
        else:
            summary = export_to_file(
                env.location, plan, output, force=force, today=env.today, progress=counter
            )
    finally:
        if counter is not None:
            counter.finish()
    from connect_cli.domain.wording import counted
    from connect_cli.render.output import stderr, stdout, user

    if output is not None:
        stdout().print(user(f"Exported {counted(summary.count, summary.noun)} to {output}."))
    for sentence in summary.left_out:  # on stderr: the export on stdout stays the file
        stderr().print(user(sentence), soft_wrap=True)


class Counter:
    """Progress of a large export on stderr, redrawn at most five times a second."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.last = self.clock()
        self.shown = False

    def __call__(self, count: int) -> None:
        now = self.clock()
        if count >= 50_000 and now - self.last >= 0.2:
            self.last, self.shown = now, True
            typer.echo(f"\rExported {count:,} rows…", err=True, nl=False)

    def finish(self) -> None:
        if self.shown:
            typer.echo("", err=True)


@app.command()
def merge(
    ctx: typer.Context,
    who: o.Who,
    into: Annotated[str, typer.Argument(help="The person to keep (name, nickname, or #id).")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Fold a duplicate (WHO) into another person (INTO); nothing is lost, WHO is then deleted.

    Example: connect merge "L. Holcman" "Linda Holcman"
    """
    env = env_of(ctx)
    from connect_cli.core.merge import merge_people, who_is

    source, target = who_is(env.location, who, into)
    from connect_cli.cli.backup import confirm

    question = (
        f"Merge {source.name} (#{source.id}) into {target.name} (#{target.id})? "
        f"Everything moves to #{target.id} and #{source.id} is deleted."
    )
    # like forget and restore: without a terminal a script must say --yes
    confirm(env, question, yes, stakes=f"Merging deletes #{source.id} after moving everything")
    report = merge_people(env.location, source.id, target.id)
    from connect_cli.render.merge import print_merge

    print_merge(report)
