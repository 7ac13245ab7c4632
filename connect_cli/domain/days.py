"""Turn a typed day, or a day and a time, into values: parse_day, parse_due, parse_moment.

Pure functions: no database, no clock (callers pass ``today`` so tests and "log it as of" runs are
reproducible) and no third-party import at module load, because every CLI command imports this.
A small hand-written grammar reads every documented form strictly and fast. Only other English
phrasings ("yesterday evening", "last night") fall through to dateparser, imported lazily and
guarded so that it can never turn garbage into today or roll Feb 30 into March.

Decisions the design left open:
- ``friday`` means the most recent Friday on or before today in past contexts and the next one
  strictly after today for due dates; ``last``/``next`` are always strict, ``this`` is inclusive.
- A time given to ``parse_day``/``parse_due`` is accepted and dropped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from typing import Literal

from connect_cli.domain._date_words import (
    _DAY_MON,
    _MON_DAY,
    _MONTH_NAMES,
    _NUMBER_WORDS,
    _count,
    _impossible,
    _month,
    _normalize,
    _Pattern,
    _show,
)
from connect_cli.domain.day_range import RANGE_TEXT, in_range
from connect_cli.domain.errors import InputError

Prefer = Literal["past", "future"]

_DATE_HINT = "use YYYY-MM-DD or words like today, yesterday, 3 days ago, last friday or Nov 3"
# A date ahead (a promise's due date) is helped by examples ahead.
_DUE_HINT = (
    "use YYYY-MM-DD or words like today, tomorrow, friday, next monday, in 2 weeks or Dec 1"
)
_HINTS = {"past": _DATE_HINT, "future": _DUE_HINT}

_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed weds thu thur thurs fri sat sun"
).split()

_WD = r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_NUM = r"(?P<n>\d{1,6}|" + "|".join(_NUMBER_WORDS) + ")"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"
_TIME = (
    r"(?:(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::(?P<s24>\d{2}))?|(?P<word>noon|midnight))"
)


_ISO_DAY = _Pattern(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})")
# 31/12/2026, 17.11.2026, 12/31/2026: read only when the order cannot be mistaken.
_NUMERIC_DAY = _Pattern(r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})")
_ISO_MOMENT = _Pattern(_ISO_DAY.pattern + r"(?:[ t]" + _TIME + r")?")
_TIME_AFTER = _Pattern(r"(?:(?P<rest>.*?)\s+)??(?:at\s+)?" + _TIME)
_TIME_BEFORE = _Pattern(r"(?:at\s+)?" + _TIME + r"\s+(?P<rest>.+)")
_WEEKDAY = _Pattern(r"(?:(?P<mod>last|past|previous|next|(?:this\s+)?coming|this|on)\s+)?" + _WD)
_AGO = _Pattern(_NUM + r"\s+" + _UNIT + r"\s+ago")
_IN = _Pattern(r"in\s+" + _NUM + r"\s+" + _UNIT)
_FROM_NOW = _Pattern(_NUM + r"\s+" + _UNIT + r"\s+from\s+(?:now|today)")
_LAST_NEXT = _Pattern(r"(?P<mod>last|next)\s+(?P<unit>week|fortnight|month|year)")
_KEYWORDS = {
    "today": 0, "yesterday": -1, "tomorrow": 1,
    "day before yesterday": -2, "the day before yesterday": -2,
    "day after tomorrow": 2, "the day after tomorrow": 2,
}  # fmt: skip

# Fallback guard: every word must be date vocabulary and one must anchor the phrase to a day.
_ANCHORS = frozenset(_MONTH_NAMES + _WEEKDAY_NAMES) | frozenset(
    "ago last next this yesterday tomorrow today tonight now".split()
)
_VOCAB = _ANCHORS.union(
    _NUMBER_WORDS,
    "a an the of on at in day days week weeks fortnight fortnights morning afternoon".split(),
    "evening night noon midnight am pm".split(),
)
_VOCAB_NUMBER = _Pattern(r"\d{1,4}(?:st|nd|rd|th)?|\d{1,2}(?::\d{2})?(?:am|pm)?")

def _not_a_date(text: str, prefer: Prefer = "past") -> InputError:
    return InputError(f"{_show(text)} isn't a date I can read; {_HINTS[prefer]}.")


def _numeric_day(m: re.Match[str], text: str) -> date:
    """Day and month in either order, when only one order is a date (a number above 12 is the
    day); 03/04/2026 could be 3 April or March 4, so it is refused with the ISO form to use."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 or a == b:
        return _ymd(year, b, a, text)
    if b > 12:
        return _ymd(year, a, b, text)
    raise InputError(
        f"{_show(text)} could be {year}-{b:02d}-{a:02d} or {year}-{a:02d}-{b:02d}; "
        "write it as YYYY-MM-DD."
    )


def _ymd(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise _impossible(text) from None


def _add_months(day: date, n: int) -> date:
    """Calendar months, clamping the day: Mar 31 minus a month is Feb 28 (or 29)."""
    y, m0 = divmod(day.year * 12 + day.month - 1 + n, 12)
    if not 1 <= y <= 9999:
        raise OverflowError("date out of range")
    return date(y, m0 + 1, min(day.day, calendar.monthrange(y, m0 + 1)[1]))


def _shift(today: date, n: int, unit: str) -> date:
    if unit in ("month", "year"):
        return _add_months(today, n * (12 if unit == "year" else 1))
    return today + timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])


def _weekday(name: str, today: date, direction: Prefer, inclusive: bool) -> date:
    sign = -1 if direction == "past" else 1
    delta = sign * ([w[:3] for w in _WEEKDAY_NAMES[:7]].index(name[:3]) - today.weekday()) % 7
    return today + timedelta(days=sign * (delta or (0 if inclusive else 7)))


def _nearest(month: int, day: int, today: date, prefer: Prefer, text: str) -> date:
    """Most recent (past) or next (future) month-day, inclusive of today; Feb 29 skips to a leap
    year, which is always within 8 years."""
    if day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
        raise _impossible(text)
    step = -1 if prefer == "past" else 1
    for y in range(today.year, today.year + 9 * step, step):
        if 1 <= y <= 9999 and (month != 2 or day != 29 or calendar.isleap(y)):
            got = date(y, month, day)
            if (got <= today) if prefer == "past" else (got >= today):
                return got
    raise _not_a_date(text, prefer)


def _parse_time(m: re.Match[str], text: str) -> time:
    """Read the ``_TIME`` groups of a match; 12-hour clock needs 1-12, 24-hour clock 0-23."""
    g = m.groupdict()
    if g["word"]:
        return time(12 if g["word"] == "noon" else 0)
    if g["ampm"]:
        h, mi = int(g["h12"]), int(g["m12"] or 0)
        if 1 <= h <= 12 and mi < 60:
            return time(h % 12 + (12 if g["ampm"] == "pm" else 0), mi)
    elif 0 <= (h := int(g["h24"])) < 24 and int(g["m24"]) < 60 and int(g["s24"] or 0) < 60:
        return time(h, int(g["m24"]), int(g["s24"] or 0))
    raise InputError(f"{_show(text)} has a time I can't read; use 24-hour 14:30 or 3pm.")


def _fallback(s: str, today: date, prefer: Prefer) -> date | None:
    """Other English phrasings via dateparser, but only if every word is date vocabulary, the
    result is a specific day (not "may" or "last month") and keeps any month that was named."""
    words = s.split()
    if len(words) > 8 or not any(w in _ANCHORS for w in words):
        return None
    if not all(w in _VOCAB or _VOCAB_NUMBER.fullmatch(w) for w in words):
        return None
    try:
        from dateparser.date import DateDataParser  # lazy: ~100 ms import, rarely needed

        base = datetime.combine(today, time())
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer}
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(s)
    except Exception:  # a third-party parser must never crash the CLI
        return None
    if not isinstance(data.date_obj, datetime) or data.period not in ("day", "week", "time"):
        return None
    got = data.date_obj.date()
    named = {_month(w) for w in words if w in _MONTH_NAMES}
    if (named and got.month not in named) or abs(got.year - today.year) > 100:
        return None
    return got


def _read_day(s: str, text: str, today: date, prefer: Prefer) -> date:
    """The hand-written grammar for a day (no time); falls back to dateparser last."""
    if s in _KEYWORDS:
        return today + timedelta(days=_KEYWORDS[s])
    if m := _ISO_DAY.fullmatch(s):
        return _ymd(int(m["y"]), int(m["m"]), int(m["d"]), text)
    if m := _NUMERIC_DAY.fullmatch(s):
        return _numeric_day(m, text)
    if m := _WEEKDAY.fullmatch(s):
        if (mod := m["mod"] or "").endswith(("last", "past", "previous", "next", "coming")):
            ahead = mod.endswith(("next", "coming"))
            return _weekday(m["wd"], today, "future" if ahead else "past", False)
        return _weekday(m["wd"], today, prefer, mod == "this" or prefer == "past")
    if m := _AGO.fullmatch(s):
        return _shift(today, -_count(m["n"]), m["unit"])
    if m := _IN.fullmatch(s) or _FROM_NOW.fullmatch(s):
        return _shift(today, _count(m["n"]), m["unit"])
    if m := _LAST_NEXT.fullmatch(s):
        return _shift(today, -1 if m["mod"] == "last" else 1, m["unit"])
    if m := _MON_DAY.fullmatch(s) or _DAY_MON.fullmatch(s):
        month, day = _month(m["mon"]), int(m["day"])
        if m["year"]:
            return _ymd(int(m["year"]), month, day, text)
        return _nearest(month, day, today, prefer, text)
    if got := _fallback(s, today, prefer):
        return got
    raise _not_a_date(text, prefer)


def _read(text: str, today: date, prefer: Prefer) -> tuple[date, time | None]:
    """Shared reader: a day, optionally with a time before or after it."""
    day, at = _read_any(text, today, prefer)
    if not in_range(day):
        raise InputError(f"{_show(text)} is too far away; give a date {RANGE_TEXT}.")
    return day, at


def _read_any(text: str, today: date, prefer: Prefer) -> tuple[date, time | None]:
    s = _normalize(text, "date", _HINTS[prefer])
    try:
        if m := _ISO_MOMENT.fullmatch(s):
            day = _ymd(int(m["y"]), int(m["m"]), int(m["d"]), text)
            return day, (_parse_time(m, text) if m["ampm"] or m["h24"] or m["word"] else None)
        if m := _TIME_AFTER.fullmatch(s) or _TIME_BEFORE.fullmatch(s):
            rest = m["rest"]
            return (_read_day(rest, text, today, prefer) if rest else today), _parse_time(m, text)
        return _read_day(s, text, today, prefer), None
    except (OverflowError, ValueError):
        raise InputError(f"{_show(text)} is too far from today to be a date.") from None


def parse_day(text: str, today: date, *, prefer: Prefer = "past") -> date:
    """A calendar day from ISO or plain English, counted from ``today`` (never the real clock).

    ``prefer`` settles yearless and weekday-only input ("Nov 3", "friday"): the most recent one
    on or before today for "past", the next one for "future". Anything unreadable raises
    InputError rather than defaulting to today, because a wrong date silently corrupts history.
    """
    return _read(text, today, prefer)[0]


def parse_due(text: str, today: date) -> date:
    """A follow-up due date: weekdays and yearless dates look forward; explicit past dates are
    still allowed so overdue items can be recorded as they were."""
    return parse_day(text, today, prefer="future")


def parse_moment(text: str, today: date) -> tuple[date, time | None]:
    """When an interaction happened: a past-leaning day plus an optional time ("yesterday 3pm").

    Future days are refused because the journal records what happened; plans are follow-ups.
    """
    day, at = _read(text, today, "past")
    if day > today:
        raise InputError(
            "An interaction can't be in the future; to plan one, add a follow-up with "
            "--follow-up TEXT --due DATE."
        )
    return day, at
