"""The words and tokenizer shared by the typed-date readers (days.py, yearly_dates.py, rhythms.py).

Private to domain/: month and number vocabularies, the lazily compiled ``_Pattern``, and the
normalizing and quoting every reader applies before and after it matches.
"""

from __future__ import annotations

import re

from connect_cli.domain.errors import InputError

_MAX_LEN = 64  # longer input is never a date; refusing early keeps regexes and fallback cheap

_MONTH_NAMES = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_NUMBER_WORDS = {"a": 1, "an": 1} | {w: i for i, w in enumerate(_NUMBERS)}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DAYNUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s+(?P<year>\d{4}))?"


class _Pattern:
    """A regex compiled on first use (all of them cost ~8 ms, which commands that only format
    should not pay), ASCII-only so that e.g. Arabic-Indic digits are never read as numbers."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, re.ASCII)
        return self._compiled.fullmatch(text)


_MON_DAY = _Pattern(_MON + r"\s+" + _DAYNUM + _YEAR)
_DAY_MON = _Pattern(r"(?:the\s+)?" + _DAYNUM + r"\s+(?:of\s+)?" + _MON + _YEAR)


def _show(text: str) -> str:
    """Quote short input back so the user sees what was misread; long input is never echoed."""
    t = text.strip()
    return repr(t) if 0 < len(t) <= 32 and t.isprintable() else "That"


def _normalize(text: str, what: str, hint: str) -> str:
    """Lowercase, drop commas and abbreviation dots, squeeze spaces; refuse empty or long input."""
    s = " ".join(re.sub(r"(?<=[a-z])\.|,", " ", text.lower()).split())
    if not s:
        raise InputError(f"A {what} is required; {hint}.")
    if len(s) > _MAX_LEN:
        raise InputError(f"That is too long to be a {what}; {hint}.")
    return s


def _impossible(text: str) -> InputError:
    return InputError(f"{_show(text)} isn't a real calendar date; check the month and day.")


def _month(name: str) -> int:
    return [m[:3] for m in _MONTH_NAMES[:12]].index(name[:3]) + 1


def _count(n: str) -> int:
    return _NUMBER_WORDS[n] if n in _NUMBER_WORDS else int(n)
