"""What an import did (or would do): counts and a few names per outcome, user text inert."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from connect_cli.core.importing import ImportReport
from connect_cli.domain.wording import counted
from connect_cli.render.layout import indented
from connect_cli.render.output import stderr, stdout, user

if TYPE_CHECKING:
    from connect_cli.write.json_restore import JournalRestored


def print_import_report(report: ImportReport) -> None:
    from connect_cli.write.bulk import Tally

    out = stdout()
    head = Text("Dry run: nothing was written. " if report.dry_run else "")
    head += Text("Read ") + user(report.file, "bold") + Text(f" as {report.format}")
    if report.encoding:
        hint = "; pass --encoding if that looks wrong" if report.encoding_guessed else ""
        head.append(f" ({report.encoding} encoding{hint})")
    out.print(head + Text("."))
    tally = report.tally
    if not isinstance(tally, Tally):  # a JSON journal restored
        out.print(Text(restored_sentence(tally, report.dry_run)))
        return
    for title, outcome in (
        ("added", tally.added),
        ("merged into people you have", tally.merged),
        ("already in your journal, nothing new", tally.unchanged),
    ):
        if outcome.count:
            line = Text(
                f"{counted(outcome.count, 'person')} {_verb(outcome.count, report.dry_run)} {title}: "
            )
            line += user(", ".join(outcome.names))
            if outcome.count > len(outcome.names):
                line.append(f" and {outcome.count - len(outcome.names):,} more")
            out.print(line)
    if tally.skipped.count:
        out.print(Text(skipped_sentence(tally.skipped.count, report.format, report.dry_run)))
    _print_said(out, tally)
    if tally.interactions:
        added = f"{counted(tally.interactions, 'interaction')} {_verb(tally.interactions, report.dry_run)} added"
        known = f", {tally.interactions_known:,} already there" if tally.interactions_known else ""
        out.print(Text(added + known + "."))
    elif tally.interactions_known:
        out.print(Text(f"No new interactions; {tally.interactions_known:,} already there."))


def _print_said(out, tally) -> None:  # type: ignore[no-untyped-def]
    """What was kept elsewhere or skipped, by kind and count; damaged values by place; people
    who may be one person but were not merged."""
    for (what, outcome), count in sorted(tally.remarks.items()):
        if count > 0:
            out.print(user(what) + Text(f": {count:,} ") + user(outcome))
    for title, outcome in (
        ("Damaged values, kept", tally.notices),
        ("Possible duplicates, not merged (connect merge joins them)", tally.duplicates),
    ):
        if outcome.count:
            out.print(Text(f"{title}:"))
            for line in outcome.names:
                out.print(indented("  ", user(line)))
            if outcome.count > len(outcome.names):
                out.print(Text(f"  and {outcome.count - len(outcome.names):,} more"))


def skipped_sentence(count: int, format: str, dry_run: bool) -> str:
    """ "1 card was skipped: it has no name." (a card of a vCard file, a row of a CSV)."""
    unit = "card" if format == "vCard" else "record" if format == "connect JSON" else "row"
    reason = "it has no name" if count == 1 else "they have no name"
    return f"{counted(count, unit)} {_verb(count, dry_run)} skipped: {reason}."


def _verb(count: int, dry_run: bool) -> str:
    return "would be" if dry_run else "was" if count == 1 else "were"



def progress_printer() -> Callable[[int], None]:
    console = stderr()

    def show(count: int) -> None:
        if count % 10_000 == 0:
            console.print(f"… {count:,} records read")

    return show


def restored_sentence(restored: JournalRestored, dry_run: bool) -> str:
    """ "Restored 3 contacts, 5 interactions into the empty journal." ("Would restore" when dry)."""
    shown = ", ".join(counted(n, _noun(key)) for key, n in restored.counts.items() if n)
    verb = "Would restore" if dry_run else "Restored"
    return f"{verb} {shown or 'nothing'} into the empty journal."


# A table of our JSON as the thing one row of it is, for counting ("1 channel", "2 promises").
ROW_NOUNS = {"contacts": "person", "followups": "promise", "help_shown": "shown suggestion", "participants": "participant"}


def _noun(table: str) -> str:
    return ROW_NOUNS.get(table) or table.removesuffix("s").replace("_", " ")
