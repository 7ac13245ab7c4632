"""What `intros` and `intro` print: suggestions with one line of why, introductions made."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from connect_cli.core.intros import Logged, Outcome
from connect_cli.domain.intro_match import Suggestion
from connect_cli.read.intros import IntroRow, Ledger
from connect_cli.render.layout import indented
from connect_cli.render.output import cell, stderr, stdout, user

FORGOTTEN = "(forgotten)"


def why(s: Suggestion) -> Text:
    """One line: the need, the offer (or the title/company/tags), the words that met (printed
    indented under its suggestion, wrapping under itself: render.layout.indented)."""
    line = user(s.person) + Text(" needs ") + cell(f"“{s.need}”", width=60)
    if s.offer:
        line += Text("; ") + user(s.helper) + Text(" offers ") + cell(f"“{s.offer}”", width=60)
    else:
        line += Text("; ") + user(s.helper) + Text("'s profile says so")
    line += Text(" (") + cell(", ".join(s.words)) + Text(")")
    return line


def print_suggestions(found: list[Suggestion]) -> None:
    if not found:
        stderr().print(
            "No introductions to suggest: record what people need and offer with "
            '`connect edit WHO --need "…"` and `--offer "…"`.'
        )
        return
    out = stdout()
    for n, s in enumerate(found, 1):
        head = Text("Introduce ") + user(s.person, "bold") + Text(" to ")
        head += user(s.helper, "bold") + Text(f"  (#{s.person_id} → #{s.helper_id})")
        out.print(indented(f"{n}. ", head))
        out.print(indented("  ", why(s)))
    out.print(Text(f"Log one with `connect intro #{found[0].person_id} #{found[0].helper_id}`."))


def suggestion_document(s: Suggestion) -> dict[str, Any]:
    return {
        "person": {"id": s.person_id, "name": s.person},
        "need": {"id": s.need_id, "text": s.need},
        "helper": {"id": s.helper_id, "name": s.helper},
        "offer": s.offer,
        "words": list(s.words),
        "strength": s.strength,
        "score": s.score,
    }


def intro_line(row: IntroRow) -> Text:
    line = Text(f"#{row.id} {row.on.isoformat()} ") + user(row.person or FORGOTTEN, "bold")
    line += Text(" → ") + user(row.helper or FORGOTTEN, "bold")
    if row.need:
        line += Text(" for ") + cell(f"“{row.need}”", width=60)
    line += Text(f" · {row.outcome}")
    if row.outcome_on and row.outcome != "pending":
        line += Text(f" ({row.outcome_on.isoformat()})")
    if row.outcome_note:
        line += Text(": ") + cell(row.outcome_note, width=60)
    return line


def print_made(rows: list[IntroRow]) -> None:
    if not rows:
        stderr().print("No introductions logged yet; `connect intro A B` logs one.")
        return
    for row in rows:
        stdout().print(intro_line(row))


def intro_document(row: IntroRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "on": row.on,
        "person": {"id": row.person_id, "name": row.person} if row.person_id else None,
        "helper": {"id": row.helper_id, "name": row.helper} if row.helper_id else None,
        "need": row.need,
        "note": row.note,
        "outcome": row.outcome,
        "outcome_on": row.outcome_on,
        "outcome_note": row.outcome_note,
    }


def print_logged(logged: Logged) -> None:
    line = Text(f"Logged introduction #{logged.intro_id}: ") + user(logged.person, "bold")
    line += Text(" → ") + user(logged.helper, "bold")
    if logged.need:
        line += Text(" for ") + cell(f"“{logged.need}”", width=60)
    ids = ", ".join(f"#{n}" for n in logged.promise_ids)
    line += Text(f". Check in with both on {logged.check_in.isoformat()} (promises {ids}).")
    stdout().print(line)


def print_outcome(done: Outcome) -> None:
    row = done.intro
    line = Text(f"Introduction #{row.id} ") + user(row.person or FORGOTTEN) + Text(" → ")
    line += user(row.helper or FORGOTTEN) + Text(f": {row.outcome}.")
    if done.need_met and row.need:
        line += Text(" Need met: ") + cell(f"“{row.need}”", width=60) + Text(".")
    stdout().print(line)


def thank_line(name: str, count: int) -> str | None:
    """ "Bob has introduced you to 6 people; thank him." (no pronoun is guessed: "them")."""
    if count < 1:
        return None
    people = "1 person" if count == 1 else f"{count} people"
    return f"{name} has introduced you to {people}; thank them."


def ledger_renderables(ledger: Ledger, name: str) -> list[Table]:
    """The lines of the Helping section of `show` and `prep` (none when there is nothing), each
    indented two columns and wrapping under itself."""
    lines: list[Text] = []
    thanks = thank_line(name, ledger.introduced_you_to)
    if thanks:
        lines.append(user(thanks))
    for row in ledger.introductions:
        lines.append(intro_line(row))
    for need in ledger.met:
        line = Text("Need met: ") + cell(f"“{need.text}”", width=60)
        if need.on:
            line += Text(f" on {need.on.isoformat()}")
        if need.by:
            line += Text(" through ") + user(need.by)
        lines.append(line)
    return [indented("  ", line) for line in lines]


def print_ledger(ledger: Ledger, name: str) -> None:
    lines = ledger_renderables(ledger, name)
    if not lines:
        return
    out = stdout()
    out.print()
    out.print(Text("Helping", style="bold"))
    for line in lines:
        out.print(line)


def ledger_document(ledger: Ledger) -> dict[str, Any]:
    return {
        "introductions": [intro_document(r) for r in ledger.introductions],
        "met_needs": [
            {"need": m.text, "on": m.on, "by": {"id": m.by_id, "name": m.by} if m.by_id else None}
            for m in ledger.met
        ],
        "introduced_you_to": ledger.introduced_you_to,
    }


def print_help_section(s: Suggestion | None) -> None:
    """`today`'s calm Help section: one introduction worth making, or nothing at all."""
    if s is None:
        return
    out = stdout()
    out.print()
    out.print(Text("Help", style="bold"))
    line = Text("Introduce ") + user(s.person, "bold") + Text(" to ") + user(s.helper, "bold")
    out.print(indented("  ", line + Text(f"  (connect intro #{s.person_id} #{s.helper_id})")))
    out.print(indented("  ", why(s)))
