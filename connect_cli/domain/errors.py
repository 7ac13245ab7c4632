"""Domain exceptions: raised by the core, turned into one sentence and an exit code by the CLI.

Every message is a full sentence that tells the user what to do next. Messages never quote note
text, emails or other private content back (they may be shown in shared terminals or logs).
"""

from __future__ import annotations

from typing import NamedTuple

# What a shell reports for a program ended by SIGPIPE (128 + 13): the status of a command whose
# reader went away (`connect export | head`), as `cat` gives.
SIGPIPE_STATUS = 141


class ConnectError(Exception):
    """Base of every error a user (or a user's file) can cause. Exit code 1."""

    exit_code = 1


class InputError(ConnectError):
    """A value the user typed (date, rhythm, field) is not acceptable."""


class NotFound(ConnectError):
    """A person, follow-up or other record does not exist."""


class PersonChoice(NamedTuple):
    """One candidate shown when a WHO is ambiguous or unknown."""

    id: int
    name: str
    company: str | None = None


class AmbiguousPerson(ConnectError):
    """Several people fit a WHO; we never guess between them."""

    def __init__(self, query: str, candidates: list[PersonChoice]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(
            f"{len(candidates)} people match {query!r}; use the id (e.g. #{candidates[0].id}) "
            "or more of the name."
        )


class UnknownPerson(NotFound):
    """Nobody fits a WHO; carries the nearest names as suggestions."""

    def __init__(self, query: str, suggestions: list[PersonChoice]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = (
            " Did you mean " + " or ".join(repr(s.name) for s in suggestions[:3]) + "?"
            if suggestions
            else " See `connect list` for everyone, or `connect add` to add them."
        )
        super().__init__(f"Nobody in your journal matches {query!r}.{hint}")


class JournalBusy(ConnectError):
    """Another process holds the write lock longer than the busy timeout."""

    def __init__(self) -> None:
        super().__init__("The journal is busy with another connect command; try again in a moment.")


class JournalTooNew(ConnectError):
    """The journal was written by a newer version of connect."""


class NotAJournal(ConnectError):
    """A path given for the journal is not a connect journal; it was left exactly as it was."""


class TextKept(ConnectError):
    """A command failed after the user typed text (in $EDITOR or at prompts); the text was kept.

    Carries the original error's sentence and exit code, followed by where the text is and how
    to use it (issue #14: nothing a user typed is ever lost).
    """

    def __init__(self, error: ConnectError, path: object, hint: str) -> None:
        self.exit_code = error.exit_code
        self.path = path
        super().__init__(f"{error} What you typed is kept in {path}; {hint}")
