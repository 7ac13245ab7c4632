"""How often to keep in touch (rhythms, in days) and how long ago or overdue (spans), read and
written in words.

Pure functions: no database, no clock. A decision the design left open:
- A month is 30 days for rhythms, so ``3m`` is 90 days and formats back as "every 3 months".
"""

from __future__ import annotations

from connect_cli.domain._date_words import _NUMBER_WORDS, _count, _normalize, _Pattern, _show
from connect_cli.domain.errors import InputError

_MAX_RHYTHM = 3650

_RHYTHM_HINT = "use 2w, 30d, 3m, 1y, weekly, monthly, quarterly, yearly or never"
_RHYTHM_NAMED: dict[str, int | None] = {
    "daily": 1, "weekly": 7, "biweekly": 14, "fortnightly": 14, "monthly": 30,
    "quarterly": 91, "yearly": 365, "annually": 365, "annual": 365,
    "never": None, "none": None, "off": None, "no": None, "no rhythm": None,
}  # fmt: skip
_RHYTHM_UNITS = {
    "d": 1, "day": 1, "w": 7, "wk": 7, "week": 7, "fortnight": 14,
    "m": 30, "mo": 30, "month": 30, "q": 91, "quarter": 91, "y": 365, "yr": 365, "year": 365,
}  # fmt: skip
_RHYTHM = _Pattern(
    r"(?:every\s+)?(?:(?P<n>\d+|other|" + "|".join(_NUMBER_WORDS) + r")\s*)?"
    r"(?P<unit>d|days?|w|wks?|weeks?|fortnights?|m|mos?|months?|q|quarters?|y|yrs?|years?)?"
)


def parse_rhythm(text: str) -> int | None:
    """How often to keep in touch, in days (week 7, month 30, quarter 91, year 365); None means
    no rhythm. Bounded to 1 day .. 10 years so typos like ``300y`` are caught."""
    s = _normalize(text, "rhythm", _RHYTHM_HINT)
    if s in _RHYTHM_NAMED:
        return _RHYTHM_NAMED[s]
    m = _RHYTHM.fullmatch(s)
    if not m or not (m["n"] or m["unit"]) or (m["n"] == "other" and not m["unit"]):
        raise InputError(f"{_show(text)} isn't a rhythm I can read; {_RHYTHM_HINT}.")
    n = m["n"] or "1"
    count = 2 if n == "other" else _count(n) if len(n) <= 6 else _MAX_RHYTHM + 1
    days = count * _RHYTHM_UNITS[(m["unit"] or "d").removesuffix("s")]
    if not 1 <= days <= _MAX_RHYTHM:
        raise InputError("A rhythm must be between 1 day and 10 years; try 2w, 3m or 1y.")
    return days


def is_zero_span(text: str) -> bool:
    """Whether `text` is a span of no length (``0``, ``0d``, ``0 weeks``): snooze reads it as
    "lift the snooze", as its help says of 0."""
    try:
        s = _normalize(text, "span", _RHYTHM_HINT)
    except InputError:
        return False
    m = _RHYTHM.fullmatch(s)
    return bool(m and m["n"] and m["n"].isdigit() and int(m["n"]) == 0)


def format_rhythm(days: int | None) -> str:
    """Words for a rhythm, using the largest whole unit so it reads back through parse_rhythm:
    7 "every week", 14 "every 2 weeks", 30 "every month", 90 "every 3 months", 91 "every
    quarter", 365 "every year", 45 "every 45 days", None "no rhythm". Quarters are only used up
    to 3 (364 reads better as 52 weeks)."""
    if days is None:
        return "no rhythm"
    for size, unit, most in ((365, "year", None), (30, "month", None), (91, "quarter", 3),
                             (7, "week", None), (1, "day", None)):  # fmt: skip
        n, rest = divmod(days, size)
        if rest == 0 and n >= 1 and (most is None or n <= most):
            return f"every {unit}" if n == 1 else f"every {n} {unit}s"
    return f"every {days} days"


def format_duration_days(days: int) -> str:
    """A span in the coarsest honest unit, rounded down ("overdue by 3 weeks"): under 14 days in
    days, under 60 in weeks, under 730 in months (30 d), then years. Sign is ignored."""
    bands = ((14, 1, "day"), (60, 7, "week"), (730, 30, "month"))
    size, unit = next(((s, u) for top, s, u in bands if abs(days) < top), (365, "year"))
    n = abs(days) // size
    return f"{n} {unit}{'' if n == 1 else 's'}"


def humanize_days_ago(days: int) -> str:
    """How long since a contact, for lists: today, yesterday, 5 days ago, 3 weeks ago, 4 months
    ago, 2 years ago. The unit bands of format_duration_days mean no singular unit can occur.
    Negative days (a clock change) read tomorrow / in 3 days instead of a confusing -3 days ago.
    """
    special = {-1: "tomorrow", 0: "today", 1: "yesterday"}
    if days in special:
        return special[days]
    return f"in {format_duration_days(days)}" if days < 0 else f"{format_duration_days(days)} ago"
