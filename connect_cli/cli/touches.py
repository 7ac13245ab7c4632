"""`connect import` of a calendar (.ics), an mbox or a Maildir folder: the touches they hold."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from connect_cli.cli.context import Env
from connect_cli.domain.errors import InputError

PROGRESS_FROM_BYTES = 1 << 20


def import_touches_here(env: Env, file: Path, kind: str, *, dry_run: bool, since: str | None,
                        with_descriptions: bool, add_unknown: bool, tags: list[str],
                        every: str | None, yes: bool) -> None:  # fmt: skip
    from connect_cli.core import touches as core
    from connect_cli.render.touches import print_touch_report

    request = core.touch_request(
        file, kind, dry_run=dry_run, since=since, with_descriptions=with_descriptions,
        add_unknown=add_unknown, tags=tags, every=every, today=env.today,
    )  # fmt: skip
    me = core.your_addresses(env.location)
    if kind == "calendar":
        me = me or _ask_who_you_are_in_calendar(env, file)
        records = core.calendar_records(request, today=env.today, me=me)
    else:
        me = me or _ask_who_you_are(env, file)
        records = core.mail_records(request, today=env.today, me=me)
    progress = _progress(file)
    if kind == "calendar" and env.interactive and not yes and not dry_run:
        from dataclasses import replace

        print_touch_report(
            core.import_touches(env.location, replace(request, dry_run=True), records)
        )
        if not typer.confirm("Import now?", default=True):
            raise typer.Exit(1)
    report = core.import_touches(env.location, request, records, progress=progress)
    print_touch_report(report)


def _ask_who_you_are(env: Env, file: Path) -> frozenset[str]:
    """On a terminal: guess "you" from the most frequent sender, confirmed or corrected."""
    from connect_cli.core.touches import keep_your_addresses
    from connect_cli.formats.mail_import import frequent_senders

    if not env.interactive:
        raise InputError(
            "connect needs your email address to tell mail you sent from mail you received; "
            "set it with connect config me you@example.com, then import again."
        )
    senders = frequent_senders(file)
    guess = senders[0][0] if senders else None
    answer = typer.prompt(
        "Your email addresses (comma-separated; mail from them is mail you sent)",
        default=guess,
        err=True,
    )
    return keep_your_addresses(env.location, answer)


def _ask_who_you_are_in_calendar(env: Env, file: Path) -> frozenset[str]:
    """Without `connect config me`, your declined events would count and you would be listed as
    an unknown attendee. Not asked when the file names its owner or has no attendees; on a
    terminal the guess is the address on most events, confirmed or corrected."""
    from connect_cli.core.touches import keep_your_addresses
    from connect_cli.formats.calendar_import import attendance

    owners, regulars = attendance(file)
    if owners or not regulars:
        return frozenset()
    guess = regulars[0][0]
    if not env.interactive:
        raise InputError(
            "connect needs your email address to leave out events you declined (most events "
            f"here name {guess[:60]}); set it with connect config me you@example.com, "
            "then import again."
        )
    answer = typer.prompt(
        "Your email addresses (comma-separated; events you declined are not touches)",
        default=guess,
        err=True,
    )
    return keep_your_addresses(env.location, answer)


def _progress(file: Path):  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return None
    if file.is_file() and file.stat().st_size < PROGRESS_FROM_BYTES:
        return None
    from connect_cli.render.output import stderr

    console = stderr()

    def show(count: int) -> None:
        if count % 10_000 == 0:
            console.print(f"… {count:,} messages and events read")

    return show
