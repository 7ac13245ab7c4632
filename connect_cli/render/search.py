"""How search results look: people with their matching snippets, highlighted; and the JSON.

A snippet is user text with the matched words between two control characters that FTS5's
snippet() put there. They are split on first, each piece is made inert with safe_text, and the
highlight is a style on a Text span: a note containing `[bold]` or an escape sequence prints as
the literal text it is, and no user text ever becomes markup.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from connect_cli.core.search import Match, PersonResult
from connect_cli.domain.safe_text import one_line
from connect_cli.read.search import MARK_END, MARK_START
from connect_cli.render.layout import hanging
from connect_cli.render.output import stdout, user

HIGHLIGHT = "bold reverse"
SOURCE_LABELS = {
    "note": "note",
    "fact": "fact",
    "name": "name",
    "nickname": "nickname",
    "company": "company",
    "title": "title",
    "met_at": "met at",
}


def highlighted(snippet: str) -> Text:
    """The snippet on one line, inert, with the matched words styled."""
    text = Text()
    for k, piece in enumerate(_pieces(snippet)):
        if piece:
            text.append(one_line(piece), style=HIGHLIGHT if k % 2 else "")
    return text


def _pieces(snippet: str) -> list[str]:
    """Plain and matched pieces, alternating (plain first); stray markers never leak out."""
    pieces: list[str] = []
    for chunk in snippet.split(MARK_START):
        matched, _, rest = chunk.rpartition(MARK_END)
        if pieces:
            pieces.append(matched.replace(MARK_END, ""))
            pieces.append(rest)
        else:  # text before the first start marker
            pieces.append(chunk.replace(MARK_END, ""))
    return pieces


def plain(snippet: str) -> str:
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


def matched_words(snippet: str) -> list[str]:
    return [piece for k, piece in enumerate(_pieces(snippet)) if k % 2 and piece]


def _match_row(match: Match) -> tuple[Text, Text]:
    label = SOURCE_LABELS.get(match.source, match.source)
    if match.source == "note":
        label = f"{match.on.isoformat() if match.on else '?'} {match.kind or 'note'}"
    elif match.kind:
        label = f"{label} ({match.kind})"
    return Text(f"  {label}:", style="dim"), highlighted(match.snippet)


def _person_matches(person: PersonResult) -> list[Text | Table]:
    """A person's snippets, each wrapping under itself after its label (render/layout.py)."""
    parts: list[Text | Table] = [hanging(_match_row(match) for match in person.matches)]
    more = person.match_count - len(person.matches)
    if more > 0:
        parts.append(Text(f"  … and {more} more", style="dim"))
    return parts


def print_results(people: list[PersonResult]) -> None:
    # One print of one Group: each Console.print has a fixed cost that dominated at 100 lines.
    parts: list[Text | Table] = []
    for i, person in enumerate(people):
        if i:
            parts.append(Text(""))
        heading = user(person.name, "bold") + Text(f" #{person.id}", style="dim")
        if person.archived:
            heading.append(" (archived)", style="dim")
        parts += [heading, *_person_matches(person)]
    stdout().print(Group(*parts))


def print_nothing_found(query: str) -> None:
    stdout().print(Text("Nothing found for ") + user(repr(one_line(query, 60))) + Text("."))


def results_document(people: list[PersonResult]) -> list[dict[str, Any]]:
    return [
        {
            "id": person.id,
            "name": person.name,
            "archived": person.archived,
            "match_count": person.match_count,
            "matches": [
                {
                    "source": match.source,
                    "kind": match.kind,
                    "on": match.on,
                    "snippet": plain(match.snippet),
                    "matched": matched_words(match.snippet),
                    "interaction_id": match.interaction_id,
                }
                for match in person.matches
            ],
        }
        for person in people
    ]
