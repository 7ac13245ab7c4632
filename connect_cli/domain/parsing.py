"""Turn what people type (dates, times, birthdays, rhythms) into values, and values back into words.

Pure functions: no database, no clock (callers pass ``today`` so tests and "log it as of" runs are
reproducible) and no third-party import at module load, because every CLI command imports this.
A small hand-written grammar reads every documented form strictly and fast. Only other English
phrasings ("yesterday evening", "last night") fall through to dateparser, imported lazily and
guarded so that it can never turn garbage into today or roll Feb 30 into March.

Decisions the design left open:
- ``friday`` means the most recent Friday on or before today in past contexts and the next one
  strictly after today for due dates; ``last``/``next`` are always strict, ``this`` is inclusive.
- A time given to ``parse_day``/``parse_due`` is accepted and dropped.
- A month is 30 days for rhythms, so ``3m`` is 90 days and formats back as "every 3 months".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from connect_cli.domain.day_range import RANGE_TEXT, in_range
from connect_cli.domain.errors import InputError

Prefer = Literal["past", "future"]

_MAX_LEN = 64  # longer input is never a date; refusing early keeps regexes and fallback cheap
_DATE_HINT = "use YYYY-MM-DD or words like today, yesterday, 3 days ago, last friday or Nov 3"
# A date ahead (a promise's due date) is helped by examples ahead.
_DUE_HINT = (
    "use YYYY-MM-DD or words like today, tomorrow, friday, next monday, in 2 weeks or Dec 1"
)
_HINTS = {"past": _DATE_HINT, "future": _DUE_HINT}
_MAX_RHYTHM = 3650

_MONTH_NAMES = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_WEEKDAY_NAMES = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed weds thu thur thurs fri sat sun"
).split()
_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()
_NUMBER_WORDS = {"a": 1, "an": 1} | {w: i for i, w in enumerate(_NUMBERS)}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WD = r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_NUM = r"(?P<n>\d{1,6}|" + "|".join(_NUMBER_WORDS) + ")"
_UNIT = r"(?P<unit>day|week|fortnight|month|year)s?"
_DAYNUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s+(?P<year>\d{4}))?"
_TIME = (
    r"(?:(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm)"
    r"|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::(?P<s24>\d{2}))?|(?P<word>noon|midnight))"
)


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
_MON_DAY = _Pattern(_MON + r"\s+" + _DAYNUM + _YEAR)
_DAY_MON = _Pattern(r"(?:the\s+)?" + _DAYNUM + r"\s+(?:of\s+)?" + _MON + _YEAR)
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


def _impossible(text: str) -> InputError:
    return InputError(f"{_show(text)} isn't a real calendar date; check the month and day.")


def _month(name: str) -> int:
    return [m[:3] for m in _MONTH_NAMES[:12]].index(name[:3]) + 1


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


def _count(n: str) -> int:
    return _NUMBER_WORDS[n] if n in _NUMBER_WORDS else int(n)


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


def _valid_md(month: int, day: int, year: int | None) -> bool:
    """Feb 29 is fine without a year (someone's birthday) but not with a non-leap year."""
    if not 1 <= month <= 12 or (year is not None and not 1 <= year <= 9999):
        return False
    if month == 2 and year is not None and not calendar.isleap(year):
        return 1 <= day <= 28
    return 1 <= day <= _LONGEST_MONTH[month]  # a table: monthrange was a third of an import's


_LONGEST_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # Feb 29 in leap years


def valid_month_day(month: object, day: object, year: object = None) -> bool:
    """A stored month, day and optional year make a real calendar date (the birthday rule)."""
    numbers = (month, day) if year is None else (month, day, year)
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return False
    return _valid_md(month, day, year)  # type: ignore[arg-type]


@dataclass(frozen=True)
class MonthDay:
    """A recurring day such as a birthday; ``year`` is optional because people often omit it."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not _valid_md(self.month, self.day, self.year):
            raise InputError("That isn't a real calendar date; check the month and day.")

    def isoformat(self) -> str:
        """``1985-04-15`` or vCard's yearless ``--04-15``; both read back by parse_month_day."""
        head = "-" if self.year is None else f"{self.year:04d}"
        return f"{head}-{self.month:02d}-{self.day:02d}"


_MD_NUMERIC = [
    _Pattern(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    _Pattern(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
    _Pattern(r"(?:--)?(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    _Pattern(r"--(?P<month>\d{2})(?P<day>\d{2})"),
]
_MD_HINT = "use 1985-04-15, --04-15, April 15 or 15 April 1985"


def parse_month_day(text: str, what: str = "birthday") -> MonthDay:
    """A birthday or anniversary, with or without a year (ISO, vCard ``--MMDD`` or English);
    `what` names it in an error ("birthday", "date")."""
    s = _normalize(text, what, _MD_HINT)
    for rx in _MD_NUMERIC:
        if m := rx.fullmatch(s):
            month, day = int(m["month"]), int(m["day"])
            break
    else:
        if not (m := _MON_DAY.fullmatch(s) or _DAY_MON.fullmatch(s)):
            raise InputError(f"{_show(text)} isn't a {what} I can read; {_MD_HINT}.")
        month, day = _month(m["mon"]), int(m["day"])
    year = int(y) if (y := m.groupdict().get("year")) else None
    if not _valid_md(month, day, year):
        raise _impossible(text)
    return MonthDay(month, day, year)


def _celebrated(md: MonthDay, year: int) -> date:
    """The day it is marked in ``year``: Feb 29 falls back to Feb 28 in non-leap years."""
    leap_fix = md.month == 2 and md.day == 29 and not calendar.isleap(year)
    return date(year, md.month, 28 if leap_fix else md.day)


def next_occurrence(md: MonthDay, on_or_after: date) -> date:
    """The next celebration on or after the day (today counts), rolling over the year end.

    Raises ValueError only when that celebration would fall after 9999-12-31.
    """
    got = _celebrated(md, on_or_after.year)
    return got if got >= on_or_after else _celebrated(md, on_or_after.year + 1)


def age_on(md: MonthDay, day: date) -> int | None:
    """Whole years completed on ``day`` (so the age turned at an occurrence); None if the year is
    unknown or ``day`` is before the birth."""
    if md.year is None:
        return None
    age = day.year - md.year - (day < _celebrated(md, day.year))
    return age if age >= 0 else None


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


def month_day_iso(md: MonthDay | None) -> str | None:
    """ISO 8601: 1985-04-15, or --04-15 when the year is unknown."""
    if md is None:
        return None
    if md.year is None:
        return f"--{md.month:02d}-{md.day:02d}"
    return f"{md.year:04d}-{md.month:02d}-{md.day:02d}"
