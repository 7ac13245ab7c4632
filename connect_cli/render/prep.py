"""How a pre-meeting brief looks: one screen of text, or the `prep --json` document."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from connect_cli.core.prep import Brief, HelpMatch
from connect_cli.domain.rhythms import humanize_days_ago
from connect_cli.domain.yearly_dates import month_day_iso
from connect_cli.render.layout import hanging, indented
from connect_cli.render.output import cell, print_card_like, user
from connect_cli.render.people import (
    FACT_HEADINGS,
    FACT_KEYS,
    how_met_lines,
    month_day_text,
    timeline_document,
)


def _line(label: str, value: Text | str) -> tuple[Text, Text]:
    """A labelled row: the value wraps under itself (render/layout.py)."""
    return Text(label, style="bold"), value if isinstance(value, Text) else user(value)


def _heading(text: str) -> list[Text]:
    return [Text(""), Text(text, style="bold underline")]


def _in_days(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")


def last_spoke(brief: Brief) -> str:
    """ "3 weeks ago · call (2026-11-01)", or "never logged"."""
    person = brief.person
    if person.last_contact is None or brief.days_since is None:
        return "never logged"
    return (
        f"{humanize_days_ago(brief.days_since)} · {brief.last_kind} "
        f"({person.last_contact.isoformat()})"
    )


def _who_lines(brief: Brief, today: date) -> list[tuple[Text, Text]]:
    person = brief.person
    lines = []
    lines.append(_line("Last spoke", last_spoke(brief)))
    lines += how_met_lines(person.met_at, person.met_on, person.introduced_by)
    if person.introduced:
        names = ", ".join(f"{ref.name} (#{ref.id})" for ref in person.introduced)
        lines.append(_line("Introduced you", f"to {names}"))
    if person.birthday and brief.next_birthday:
        text = f"{month_day_text(person.birthday)} ({_in_days((brief.next_birthday - today).days)}"
        text += f", turns {brief.age_next})" if brief.age_next else ")"
        lines.append(_line("Birthday", text))
    for item in brief.upcoming_dates:
        when = f"{item.on.isoformat()} ({_in_days(item.in_days)})"
        lines.append(_line("Coming up", f"{item.label}: {when}"))
    return lines


def _facts_lines(brief: Brief) -> list[tuple[Text, Text]]:
    lines = []
    for kind, heading in FACT_HEADINGS.items():
        for i, fact in enumerate(brief.person.facts.get(kind, [])):
            lines.append(_line(heading if i == 0 else "", fact))
    return lines


def _could_help(brief: Brief) -> list[Any]:
    return [
        indented(
            Text("You could help: ", style="bold green"),
            user(f"introduce {match.person.name} (#{match.person.id}), {_how(match)}"),
        )
        for match in brief.could_help
    ]


def _how(match: HelpMatch) -> str:
    """Why they could help, as `intros` says it: their offer, or their title/company/tags."""
    if match.offer is not None:
        return f"who offers “{match.offer}”"
    return f"whose profile says so ({', '.join(match.words)})"


def _list_lines(brief: Brief) -> list[Any]:
    person = brief.person
    out: list[Any] = []
    if person.followups:
        out += _heading("Your open promises")
        rows = []
        for promise in person.followups:
            line = user(promise.text)
            if promise.due_on:
                line.append(f"  (due {promise.due_on.isoformat()})", style="yellow")
            rows.append((f"  #{promise.id}", line))
        out.append(hanging(rows))
    if person.recent:
        out += _heading("Recent")
        rows = []
        for item in person.recent:
            with_ = f"  (with {', '.join(item.with_people)})" if item.with_people else ""
            rows.append((Text(f"  {item.on.isoformat()} ", style="dim"),
                         Text(item.kind, style="dim"), cell(item.text + with_)))  # fmt: skip
        out.append(hanging(rows))
    if brief.questions:
        out += _heading("Questions worth asking")
        out += [indented("  • ", user(q)) for q in brief.questions]
    if brief.to_learn:
        out += _heading("Worth learning next")
        out += [indented("  • ", Text(gap, style="dim")) for gap in brief.to_learn]
    return out


def brief_renderable(brief: Brief, today: date) -> Panel:
    person = brief.person
    work = " · ".join(x for x in (person.title, person.company, person.location) if x)
    parts: list[Any] = [user(work, "italic")] if work else []
    facts = _facts_lines(brief)
    # One grid for who they are and their facts, so every label column lines up.
    parts.append(hanging([*_who_lines(brief, today),
                          *([(Text(""), Text(""))] if facts else []), *facts]))  # fmt: skip
    parts += _could_help(brief)
    parts += _list_lines(brief)
    title = user(brief.person.name, "bold")
    return Panel(Group(*parts), title=title, title_align="left", expand=False)


def print_brief(brief: Brief, today: date) -> None:
    print_card_like(brief_renderable(brief, today))


def brief_document(brief: Brief) -> dict[str, Any]:
    """The `prep --json` contract (README); absent values are null, never missing."""
    person = brief.person
    return {
        "id": person.id,
        "name": person.name,
        "company": person.company,
        "title": person.title,
        "location": person.location,
        "last_contact": person.last_contact,
        "days_since": brief.days_since,
        "last_kind": brief.last_kind,
        "met_at": person.met_at,
        "met_on": person.met_on,
        "introduced_by": {"id": person.introduced_by.id, "name": person.introduced_by.name}
        if person.introduced_by
        else None,
        "introduced": [{"id": ref.id, "name": ref.name} for ref in person.introduced],
        "facts": {FACT_KEYS[kind]: texts for kind, texts in person.facts.items()},
        "followups": [{"id": f.id, "text": f.text, "due": f.due_on} for f in person.followups],
        "recent_interactions": timeline_document(person.recent),
        "birthday": month_day_iso(person.birthday),
        "next_birthday": brief.next_birthday,
        "age_next": brief.age_next,
        "upcoming_dates": [
            {"label": d.label, "date": d.on, "in_days": d.in_days} for d in brief.upcoming_dates
        ],
        "could_help": [
            {"id": m.person.id, "name": m.person.name, "offer": m.offer, "need": m.need}
            for m in brief.could_help
        ],
        "questions": brief.questions,
        "to_learn": brief.to_learn,
    }
