"""The questions of `connect add` with no NAME on a terminal (prompts live in the CLI layer).

Issue #14: every flag is checked before the first question, a name already in the journal is
caught at once (and offers to log the meeting with that person instead), and the answers of a
command that still fails are kept in a recovery file by the caller.
"""

from __future__ import annotations

from dataclasses import replace

import typer

from connect_cli.cli.context import Env
from connect_cli.cli.questions import confirm as ask
from connect_cli.core.capture import NewPerson
from connect_cli.domain.errors import ConnectError, InputError, PersonChoice
from connect_cli.domain.safe_text import visible


def ask_new_person(env: Env, new: NewPerson) -> NewPerson | None:
    """Ask for the name, company, where you met and a note; None when the user chose to log a
    meeting with someone already in the journal instead (it is logged here)."""
    from connect_cli.core.capture import check_new_person, same_name

    check_new_person(env.location, new, today=env.today)
    name = _ask_name()
    same = same_name(env.location, name)
    if same is not None and not new.allow_duplicate:
        if ask(
            f"You already have {visible(same.name)} (#{same.id}). Log a meeting with them instead?",
            default=True,
        ):
            _log_meeting(env, same, new)
            return None
        if not ask(f"Add a second person named {visible(name)}?", default=False):
            raise ConnectError(f"Nothing was added; `connect show #{same.id}` shows who you have.")
        new = new._replace(allow_duplicate=True)
    raw = replace(new.raw, name=name)
    raw.company = raw.company or _ask("Company") or None
    raw.met_at = raw.met_at or _ask("Where did you meet") or None
    return new._replace(raw=raw, note=new.note or _ask("A note about it") or None)


def _ask(question: str) -> str:
    return str(typer.prompt(question, default="", show_default=False)).strip()


def _ask_name() -> str:
    """The name, asked again until it is one we can store (a blank answer is asked again)."""
    from rich.text import Text

    from connect_cli.domain.drafts import clean_name
    from connect_cli.render.output import stderr

    while True:
        try:
            return clean_name(str(typer.prompt("Name")))
        except InputError as problem:
            stderr().print(Text(visible(str(problem))))  # asked again: not an error yet


def _log_meeting(env: Env, person: PersonChoice, new: NewPerson) -> None:
    """Log the meeting with someone already in the journal: the note is asked now."""
    from connect_cli.cli.recovery import kept
    from connect_cli.core.capture import LogEntry, log_entry
    from connect_cli.render.capture import print_logged

    text = new.note or str(typer.prompt("What happened (a note)"))
    entry = LogEntry(
        whos=[f"#{person.id}"],
        text=text,
        kind="meeting",
        on=new.raw.met_on,
        follow_up=new.follow_up,
        due=new.due,
    )
    try:
        logged = log_entry(env.location, entry, today=env.today)
    except ConnectError as error:
        hint = f"log it with `connect log #{person.id} < FILE`."
        raise kept(env, error, text, "log", hint) from None
    print_logged(logged)


def answers_text(new: NewPerson) -> str:
    """The answers given at the prompts, as a recovery file shows them."""
    answers = [
        ("Name", new.raw.name),
        ("Company", new.raw.company),
        ("Where you met", new.raw.met_at),
        ("Note", new.note),
    ]
    return "".join(f"{label}: {value}\n" for label, value in answers if value)
