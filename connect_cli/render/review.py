"""How `review` looks on a terminal, as JSON, and as a Markdown note.

The terminal and the Markdown note are made from the same sections (heading, lines), so they
always say the same; user text is inert on the terminal and escaped in Markdown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text

from connect_cli.core.review import Review, Suggestion
from connect_cli.domain.rhythms import format_duration_days, format_rhythm
from connect_cli.domain.safe_text import one_line
from connect_cli.domain.wording import counted
from connect_cli.formats.markdown_export import escape_line
from connect_cli.read.daily_models import ComingDate
from connect_cli.read.models import PersonRef
from connect_cli.read.review import Drifted, PromiseDone, TalkedTo
from connect_cli.render.output import stdout

HOOK_SOURCES = {"need": "their need", "passion": "passion", "family": "family", "like": "likes"}
SHOWN = 10  # lines per section on the terminal and in Markdown; --json carries every one

# A line is a list of pieces: (text, is_user_text). User text is escaped in Markdown only.
Piece = tuple[str, bool]
Line = list[Piece]


def _u(text: str) -> Piece:
    return (one_line(text), True)


def _t(text: str) -> Piece:
    return (text, False)


def _talked(item: TalkedTo) -> Line:
    kinds = ", ".join(f"{kind} {n}" for kind, n in item.kinds.items())
    return [_u(item.person.name), _t(f": {kinds}")]


def _promise(item: PromiseDone, *, kept: bool) -> Line:
    line = [_t(f"#{item.id} "), _u(item.text), _t(" ("), _u(item.person.name), _t(")")]
    due = f"due {item.due_on.isoformat()}" if item.due_on else "no due day"
    if kept and item.kept_on:
        line.append(_t(f", kept {item.kept_on.isoformat()}, {due}"))
    else:
        line.append(_t(f", {due}" + (f", kept late {item.kept_on}" if item.kept_on else "")))
    return line


def _drifted(item: Drifted) -> Line:
    late = (
        "due today"
        if item.overdue_days == 0
        else f"overdue by {format_duration_days(item.overdue_days)}"
    )
    return [_u(item.person.name), _t(f": {format_rhythm(item.every_days)}, {late}")]


def _coming(item: ComingDate) -> Line:
    day = f"{item.on.strftime('%a')} {item.on.isoformat()}: "
    if item.is_birthday:
        age = f" (turns {item.age})" if item.age else ""
        return [_t(day), _u(item.person.name), _t(f"'s birthday{age}")]
    age = f" ({item.age} years)" if item.age else ""
    return [_t(day), _u(item.person.name), _t(": "), _u(item.label), _t(age)]


def _suggestion(item: Suggestion) -> Line:
    if item.kind == "introduce" and item.other is not None:
        return [
            _t("Introduce "),
            _u(item.person.name),
            _t(" to "),
            _u(item.other.name),
            _t(": needs "),
            _u(item.need or ""),
            _t("; offers "),
            _u(item.offer or ""),
        ]
    line = [_t("Reconnect with "), _u(item.person.name)]
    if item.overdue_days:
        line.append(_t(f" (overdue by {format_duration_days(item.overdue_days)})"))
    if item.hook is not None:
        source = HOOK_SOURCES.get(item.hook.kind, "last note")
        line += [_t(f"; talk about {source}: "), _u(item.hook.text)]
    return line


def _people(people: list[PersonRef]) -> list[Line]:
    return [[_u(p.name)] for p in people]


def sections(review: Review) -> list[tuple[str, list[Line], str]]:
    """(heading, lines, what to say when there are none), in reading order."""
    intro = review.introductions
    return [
        ("Talked to", [_talked(t) for t in _most_talked_first(review.talked_to)], "Nobody."),
        ("Promises kept", [_promise(p, kept=True) for p in review.kept], "None."),
        ("Promises missed", [_promise(p, kept=False) for p in review.missed], "None."),
        ("New people met", _people(review.met), "Nobody."),
        (
            "Introductions made",
            [[_t(f"{a.name} and {b.name}")] for a, b in intro.pairs],
            f"{intro.made}.",
        ),
        ("Drifted past their rhythm", [_drifted(d) for d in review.drifted], "Nobody."),
        (
            f"Birthdays and dates until {review.ahead_until.isoformat()}",
            [_coming(c) for c in review.coming],
            "None.",
        ),
        ("Suggestions for the days ahead", [_suggestion(s) for s in review.suggestions], "None."),
    ]


def _most_talked_first(talked: list[TalkedTo]) -> list[TalkedTo]:
    """By name when all are shown; when the list is cut, the people you talked to most come
    first (then by name, as read), so the ten shown are the week's main conversations."""
    if len(talked) <= SHOWN:
        return talked
    return sorted(talked, key=lambda t: -sum(t.kinds.values()))  # stable: names stay in order


def shown(lines: list[Line]) -> tuple[list[Line], int]:
    """The first SHOWN lines of a section, and how many more there are."""
    return lines[:SHOWN], max(0, len(lines) - SHOWN)


def more_line(hidden: int) -> str:
    return f"… and {hidden:,} more (connect review --json lists every one)"


def title(review: Review) -> str:
    span = "week" if review.days == 7 else counted(review.days, "day")
    return f"Review of the {span}: {review.start.isoformat()} to {review.end.isoformat()}"


def print_review(review: Review) -> None:
    console = stdout()
    console.print(Text(title(review), style="bold"))
    for heading, lines, empty in sections(review):
        console.print()
        console.print(
            Text(f"{heading} ({len(lines):,})" if lines else heading, style="bold underline")
        )
        if not lines:
            console.print(Text("  " + empty, style="dim"))
            continue
        numbered = heading.startswith("Suggestions")
        first, hidden = shown(lines)
        for n, line in enumerate(first, 1):
            _print_hanging(console, f"  {n}. " if numbered else "  ", _terminal(line))
        if hidden:
            console.print(Text("  " + more_line(hidden), style="dim"))


def _print_hanging(console: Console, prefix: str, text: Text) -> None:
    """`text` after `prefix`, wrapped lines indented under the text (no trailing spaces)."""
    width = max(20, console.width - len(prefix))
    for i, piece in enumerate(text.wrap(console, width)):
        piece.rstrip()
        console.print(Text(prefix if i == 0 else " " * len(prefix)).append_text(piece))


def _terminal(line: Line) -> Text:
    out = Text()
    for text, _ in line:
        out.append(text)
    return out


def markdown(review: Review) -> str:
    """A Markdown note: a level-1 title, a level-2 heading per section, bullet (or numbered)
    lists, blank lines between blocks; user text escaped."""
    blocks = [f"# {title(review)}"]
    for heading, lines, empty in sections(review):
        blocks.append(f"## {heading}")
        numbered = heading.startswith("Suggestions")
        if not lines:
            blocks.append(f"_{empty}_")
            continue
        first, hidden = shown(lines)
        blocks.append(
            "\n".join(
                (f"{n}. " if numbered else "- ") + _markdown_line(line)
                for n, line in enumerate(first, 1)
            )
            + (f"\n\n_{more_line(hidden)}_" if hidden else "")
        )
    return "\n\n".join(blocks) + "\n"


def _markdown_line(line: Line) -> str:
    escape: Callable[[str], str] = lambda s: escape_line(s, starts_line=False)  # noqa: E731
    return "".join(escape(text) if is_user else text for text, is_user in line)


def print_markdown(review: Review) -> None:
    sys.stdout.write(markdown(review))


# --- JSON ---------------------------------------------------------------------------------------


def _ref(person: PersonRef) -> dict[str, Any]:
    return {"id": person.id, "name": person.name}


def _promise_document(item: PromiseDone) -> dict[str, Any]:
    return {
        "id": item.id,
        "person": _ref(item.person),
        "text": item.text,
        "due_on": item.due_on,
        "kept_on": item.kept_on,
    }


def _suggestion_document(item: Suggestion) -> dict[str, Any]:
    return {
        "kind": item.kind,
        "person": _ref(item.person),
        "overdue_days": item.overdue_days,
        "talk_about": {"kind": item.hook.kind, "text": item.hook.text} if item.hook else None,
        "introduce_to": _ref(item.other) if item.other else None,
        "need": item.need,
        "offer": item.offer,
    }


def review_document(review: Review) -> dict[str, Any]:
    intro = review.introductions
    return {
        "start": review.start,
        "end": review.end,
        "ahead_until": review.ahead_until,
        "talked_to": [{**_ref(t.person), "kinds": dict(t.kinds)} for t in review.talked_to],
        "promises_kept": [_promise_document(p) for p in review.kept],
        "promises_missed": [_promise_document(p) for p in review.missed],
        "people_met": [_ref(p) for p in review.met],
        "introductions_made": intro.made,
        "drifted": [
            {
                **_ref(d.person),
                "every_days": d.every_days,
                "due_on": d.due_on,
                "overdue_days": d.overdue_days,
            }
            for d in review.drifted
        ],
        "coming_up": [
            {**_ref(c.person), "label": c.label, "on": c.on, "age": c.age} for c in review.coming
        ],
        "suggestions": [_suggestion_document(s) for s in review.suggestions],
    }
