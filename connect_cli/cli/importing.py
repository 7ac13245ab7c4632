"""`connect import FILE`: bring people in from Google, LinkedIn, Outlook, vCard or our own files."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from connect_cli.cli import options as o
from connect_cli.cli.context import env_of
from connect_cli.cli.root import app

PROGRESS_FROM_BYTES = 1 << 20  # smaller files finish before a progress line would help


class ImportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    google = "google"
    linkedin = "linkedin"
    outlook = "outlook"
    vcard = "vcard"
    json = "json"


@app.command(name="import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A CSV, vCard (.vcf), connect JSON, calendar (.ics) or mbox file, or a Maildir folder.")
    ],
    format: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="What the file is (default: detected).")
    ] = ImportFormat.auto,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding", metavar="ENC", help="The file's encoding when not UTF-8 (e.g. cp1252)."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be added and merged; write nothing.")
    ] = False,
    tag: o.Tag = None,
    every: o.Every = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before importing.")] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Calendar and mail: only touches from DATE on."),
    ] = None,
    with_descriptions: Annotated[
        bool,
        typer.Option("--with-descriptions", help="Calendar: keep event descriptions in the notes."),
    ] = False,
    add_unknown: Annotated[
        bool,
        typer.Option("--add-unknown", help="Calendar: add the 10 most frequent unknown attendees."),
    ] = False,
) -> None:
    """Import contacts; re-importing the same file adds nobody twice.

    Reads Google Contacts and Outlook CSV, LinkedIn Connections.csv, vCard 2.1/3.0/4.0 and
    connect's own CSV and JSON exports. The same person from several files becomes one contact.
    A calendar (.ics) or mailbox (mbox, Maildir folder) logs your meetings and mail with the
    people in your journal as touches; re-importing adds none twice.

    Example: connect import Connections.csv --tag linkedin --dry-run
    """
    env = env_of(ctx)
    if format is ImportFormat.auto:
        from connect_cli.core.touches import touch_kind

        kind = touch_kind(file)
        if kind is not None:
            from connect_cli.cli.touches import import_touches_here

            import_touches_here(
                env, file, kind, dry_run=dry_run, since=since,
                with_descriptions=with_descriptions, add_unknown=add_unknown,
                tags=tag or [], every=every, yes=yes,
            )  # fmt: skip
            return
    if since or with_descriptions or add_unknown:
        raise typer.BadParameter(
            "--since, --with-descriptions and --add-unknown are for calendars and mail."
        )
    from connect_cli.core.importing import import_file, import_request
    from connect_cli.render.importing import print_import_report, progress_printer

    request = import_request(
        file, format.value, encoding=encoding, dry_run=dry_run, tags=tag or [], every=every
    )
    progress = None
    if sys.stderr.isatty() and file.is_file() and file.stat().st_size >= PROGRESS_FROM_BYTES:
        progress = progress_printer()
    if env.interactive and not yes and not dry_run:
        # Show the plan first; the real import runs only after a yes.
        preview = import_file(env.location, _dry(request), today=env.today, progress=progress)
        print_import_report(preview)
        if not typer.confirm("Import now?", default=True):
            raise typer.Exit(1)
    report = import_file(env.location, request, today=env.today, progress=progress)
    print_import_report(report)


def _dry(request):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(request, dry_run=True)
