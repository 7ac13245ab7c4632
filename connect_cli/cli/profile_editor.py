"""`edit` with no options: the whole profile in $EDITOR, checked, re-opened on a mistake."""

from __future__ import annotations

import typer

from connect_cli.cli.context import Env
from connect_cli.cli.editor import edit_text
from connect_cli.domain.errors import ConnectError, InputError
from connect_cli.read.models import PersonRef


def edit_in_editor(env: Env, who: str) -> tuple[PersonRef, bool]:
    """The person as edited, and whether anything changed (a file saved unchanged writes nothing)."""
    from connect_cli.core.browse import apply_edit, card_for
    from connect_cli.core.profile_text import profile_changes, profile_to_text
    from connect_cli.domain.drafts import RawPerson
    from connect_cli.render.output import stderr
    from connect_cli.render.problems import problem_to_fix

    card = card_for(env.location, who, today=env.today)
    text = profile_to_text(card)
    while True:
        edited = edit_text(text, suffix=".connect.txt")
        try:
            raw = profile_changes(card, edited)
            if raw == RawPerson():
                return PersonRef(card.id, card.name), False
            return apply_edit(env.location, f"#{card.id}", raw, today=env.today), True
        except InputError as problem:
            # Keep everything the user typed; put the problem on top and let them fix it.
            stderr().print(problem_to_fix(problem))
            if not typer.confirm("Open the editor again to fix it?", default=True, err=True):
                raise ConnectError("Nothing was changed; your edit was discarded.") from None
            text = f"# PROBLEM: {problem}\n" + _without_problem_lines(edited)


def _without_problem_lines(text: str) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("# PROBLEM:")
    )
