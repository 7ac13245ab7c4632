"""Table and property tests for connect_cli.domain.days, .yearly_dates and .rhythms: dates, times,
birthdays, rhythms, wording.

"Today" is pinned to Sunday 2026-11-22 unless a row says otherwise, so relative phrases are
deterministic; a second pin on a Friday checks the weekday edge cases.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connect_cli.domain.days import parse_day, parse_due, parse_moment
from connect_cli.domain.errors import InputError
from connect_cli.domain.rhythms import (
    format_duration_days,
    format_rhythm,
    humanize_days_ago,
    parse_rhythm,
)
from connect_cli.domain.yearly_dates import MonthDay, age_on, next_occurrence, parse_month_day
from tests.conftest import TESTS

SUN = date(2026, 11, 22)  # a Sunday
FRI = date(2026, 11, 20)  # a Friday
D = date

# --------------------------------------------------------------------------------------- dates

PAST_DAYS = [
    ("today", SUN),
    ("Today", SUN),
    ("  TODAY  ", SUN),
    ("yesterday", D(2026, 11, 21)),
    ("tomorrow", D(2026, 11, 23)),
    ("the day before yesterday", D(2026, 11, 20)),
    ("day after tomorrow", D(2026, 11, 24)),
    ("last friday", D(2026, 11, 20)),
    ("friday", D(2026, 11, 20)),
    ("Fri", D(2026, 11, 20)),
    ("on friday", D(2026, 11, 20)),
    ("sunday", SUN),
    ("last sunday", D(2026, 11, 15)),
    ("this monday", D(2026, 11, 16)),
    ("monday", D(2026, 11, 16)),
    ("tues", D(2026, 11, 17)),
    ("wed", D(2026, 11, 18)),
    ("weds", D(2026, 11, 18)),
    ("thurs", D(2026, 11, 19)),
    ("thu", D(2026, 11, 19)),
    ("saturday", D(2026, 11, 21)),
    ("next tuesday", D(2026, 11, 24)),
    ("next sunday", D(2026, 11, 29)),
    ("3 days ago", D(2026, 11, 19)),
    ("three days ago", D(2026, 11, 19)),
    ("1 day ago", D(2026, 11, 21)),
    ("0 days ago", SUN),
    ("a week ago", D(2026, 11, 15)),
    ("an week ago", D(2026, 11, 15)),
    ("2 weeks ago", D(2026, 11, 8)),
    ("a fortnight ago", D(2026, 11, 8)),
    ("a month ago", D(2026, 10, 22)),
    ("2 months ago", D(2026, 9, 22)),
    ("a year ago", D(2025, 11, 22)),
    ("10 years ago", D(2016, 11, 22)),
    ("in 2 weeks", D(2026, 12, 6)),
    ("in 3 days", D(2026, 11, 25)),
    ("in a month", D(2026, 12, 22)),
    ("in 1 year", D(2027, 11, 22)),
    ("3 days from now", D(2026, 11, 25)),
    ("one week from today", D(2026, 11, 29)),
    ("last week", D(2026, 11, 15)),
    ("next week", D(2026, 11, 29)),
    ("last month", D(2026, 10, 22)),
    ("next year", D(2027, 11, 22)),
    ("Nov 3", D(2026, 11, 3)),
    ("nov. 3", D(2026, 11, 3)),
    ("November 3", D(2026, 11, 3)),
    ("November 3rd", D(2026, 11, 3)),
    ("3 Nov", D(2026, 11, 3)),
    ("3rd of November", D(2026, 11, 3)),
    ("the 3rd of november", D(2026, 11, 3)),
    ("Nov 22", SUN),
    ("Nov 23", D(2025, 11, 23)),
    ("Dec 25", D(2025, 12, 25)),
    ("Jan 1", D(2026, 1, 1)),
    ("Feb 29", D(2024, 2, 29)),
    ("Nov 3 2025", D(2025, 11, 3)),
    ("Nov 3, 2025", D(2025, 11, 3)),
    ("3 November 2025", D(2025, 11, 3)),
    ("Sept 9 2024", D(2024, 9, 9)),
    ("Feb 29 2024", D(2024, 2, 29)),
    ("2025-11-03", D(2025, 11, 3)),
    ("2025-1-3", D(2025, 1, 3)),
    ("2025/11/03", D(2025, 11, 3)),
    ("2026-11-22", SUN),
    ("2030-01-01", D(2030, 1, 1)),
    ("2026-11-22 14:30", SUN),
    ("2026-11-22T14:30", SUN),
    ("yesterday 3pm", D(2026, 11, 21)),
]


@pytest.mark.parametrize(("text", "expected"), PAST_DAYS)
def test_parse_day_past_context(text: str, expected: date) -> None:
    assert parse_day(text, SUN) == expected


DUE_DAYS = [
    ("today", SUN),
    ("tomorrow", D(2026, 11, 23)),
    ("friday", D(2026, 11, 27)),
    ("sunday", D(2026, 11, 29)),
    ("this sunday", SUN),
    ("this friday", D(2026, 11, 27)),
    ("next friday", D(2026, 11, 27)),
    ("last friday", D(2026, 11, 20)),
    ("monday", D(2026, 11, 23)),
    ("in 2 weeks", D(2026, 12, 6)),
    ("in 3 days", D(2026, 11, 25)),
    ("in 3 months", D(2027, 2, 22)),
    ("Nov 3", D(2027, 11, 3)),
    ("Nov 22", SUN),
    ("Nov 23", D(2026, 11, 23)),
    ("Jan 5", D(2027, 1, 5)),
    ("3 Dec", D(2026, 12, 3)),
    ("Feb 29", D(2028, 2, 29)),
    ("2025-11-03", D(2025, 11, 3)),
    ("3 days ago", D(2026, 11, 19)),
    ("Nov 3 2025", D(2025, 11, 3)),
    ("friday 5pm", D(2026, 11, 27)),
]


@pytest.mark.parametrize(("text", "expected"), DUE_DAYS)
def test_parse_due_looks_forward(text: str, expected: date) -> None:
    assert parse_due(text, SUN) == expected
    assert parse_day(text, SUN, prefer="future") == expected


WEEKDAYS_ON_A_FRIDAY = [  # (text, prefer, expected) with today = Friday 2026-11-20
    ("friday", "past", FRI),
    ("friday", "future", D(2026, 11, 27)),
    ("this friday", "past", FRI),
    ("this friday", "future", FRI),
    ("last friday", "past", D(2026, 11, 13)),
    ("last friday", "future", D(2026, 11, 13)),
    ("next friday", "past", D(2026, 11, 27)),
    ("next friday", "future", D(2026, 11, 27)),
    ("thursday", "past", D(2026, 11, 19)),
    ("thursday", "future", D(2026, 11, 26)),
    ("saturday", "past", D(2026, 11, 14)),
    ("saturday", "future", D(2026, 11, 21)),
    ("today", "future", FRI),
]


@pytest.mark.parametrize(("text", "prefer", "expected"), WEEKDAYS_ON_A_FRIDAY)
def test_weekdays_when_today_is_that_weekday(text: str, prefer: str, expected: date) -> None:
    assert parse_day(text, FRI, prefer=prefer) == expected  # type: ignore[arg-type]


YEAR_END = [  # (text, today, prefer, expected): yearless month-days across the year boundary
    ("Jan 3", D(2026, 12, 30), "future", D(2027, 1, 3)),
    ("Jan 3", D(2026, 12, 30), "past", D(2026, 1, 3)),
    ("Dec 30", D(2027, 1, 2), "past", D(2026, 12, 30)),
    ("Dec 30", D(2027, 1, 2), "future", D(2027, 12, 30)),
    ("Dec 31", D(2026, 12, 31), "past", D(2026, 12, 31)),
    ("Dec 31", D(2026, 12, 31), "future", D(2026, 12, 31)),
    ("Feb 29", D(2024, 2, 29), "past", D(2024, 2, 29)),
    ("Feb 29", D(2024, 3, 1), "future", D(2028, 2, 29)),
    ("Feb 29", D(2100, 3, 1), "past", D(2096, 2, 29)),
    ("Feb 29", D(2097, 1, 1), "future", D(2104, 2, 29)),
    ("a month ago", D(2026, 3, 31), "past", D(2026, 2, 28)),
    ("a month ago", D(2024, 3, 31), "past", D(2024, 2, 29)),
    ("in a year", D(2024, 2, 29), "future", D(2025, 2, 28)),
    ("tomorrow", D(2026, 12, 31), "future", D(2027, 1, 1)),
    ("yesterday", D(2027, 1, 1), "past", D(2026, 12, 31)),
    ("in 2 weeks", D(2026, 12, 25), "future", D(2027, 1, 8)),
]


@pytest.mark.parametrize(("text", "today", "prefer", "expected"), YEAR_END)
def test_calendar_edges(text: str, today: date, prefer: str, expected: date) -> None:
    assert parse_day(text, today, prefer=prefer) == expected  # type: ignore[arg-type]


NOT_DATES = [
    "banana",
    "next weak",
    "",
    "   ",
    "soon",
    "later",
    "asap",
    "3",
    "12",
    "-1",
    "a",
    "may",
    "december",
    "the",
    "in",
    "ago",
    "in days",
    "last",
    "next",
    "monday banana",
    "yesterday-ish",
    "x 5 y",
    "11/3",
    "3/11/2025",
    "3 days",
    "someday",
    "now-ish",
    "tomorow",
    "yesteday",
    "fridya",
    "2026-11",
    "20261122",
    "2026-11-22-",
    "26-11-22",
    "2 days before yesterday",
    "one week from tomorrow",
    "a couple of days ago",
    "٣ days ago",
    "in ３ days",
    "drop table people",
    "x" * 200,
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_text_that_is_not_a_date_is_refused(text: str) -> None:
    for call in (
        lambda: parse_day(text, SUN),
        lambda: parse_due(text, SUN),
        lambda: parse_moment(text, SUN),
    ):
        with pytest.raises(InputError) as err:
            call()
        _assert_one_plain_sentence(str(err.value), text)


IMPOSSIBLE = [
    "Feb 30",
    "February 30th",
    "30 Feb",
    "Feb 30 2024",
    "2023-02-29",
    "Feb 29 2023",
    "2026-13-01",
    "2026-00-10",
    "2026-04-31",
    "2026-11-00",
    "Apr 31",
    "Nov 0",
    "Nov 32",
    "0000-01-01",
]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates_are_rejected_not_rolled_over(text: str) -> None:
    for prefer in ("past", "future"):
        with pytest.raises(InputError, match="real calendar date") as err:
            parse_day(text, SUN, prefer=prefer)  # type: ignore[arg-type]
        _assert_one_plain_sentence(str(err.value), text)


TOO_FAR = [
    ("in 99999 years", SUN),
    ("999999 weeks ago", SUN),
    ("tomorrow", D(9999, 12, 31)),
    ("yesterday", D(1, 1, 1)),
    ("last friday", D(1, 1, 1)),
    ("in 3 months", D(9999, 11, 1)),
]


@pytest.mark.parametrize(("text", "today"), TOO_FAR)
def test_out_of_calendar_arithmetic_is_an_input_error(text: str, today: date) -> None:
    with pytest.raises(InputError):
        parse_day(text, today)


# ------------------------------------------------------------------------------------- moments

MOMENTS = [
    ("today", (SUN, None)),
    ("2026-11-22 14:30", (SUN, time(14, 30))),
    ("2026-11-22T14:30", (SUN, time(14, 30))),
    ("2026-11-22 14:30:15", (SUN, time(14, 30, 15))),
    ("2026-11-22 at 9am", (SUN, time(9))),
    ("2026-11-21 3pm", (D(2026, 11, 21), time(15))),
    ("yesterday 3pm", (D(2026, 11, 21), time(15))),
    ("yesterday 3 PM", (D(2026, 11, 21), time(15))),
    ("yesterday at 3:45pm", (D(2026, 11, 21), time(15, 45))),
    ("3pm yesterday", (D(2026, 11, 21), time(15))),
    ("at 9:05 last friday", (D(2026, 11, 20), time(9, 5))),
    ("today 09:15", (SUN, time(9, 15))),
    ("today 0:00", (SUN, time(0))),
    ("today 23:59", (SUN, time(23, 59))),
    ("today 12am", (SUN, time(0))),
    ("today 12pm", (SUN, time(12))),
    ("yesterday noon", (D(2026, 11, 21), time(12))),
    ("yesterday at midnight", (D(2026, 11, 21), time(0))),
    ("14:30", (SUN, time(14, 30))),
    ("at 8am", (SUN, time(8))),
    ("Nov 3 10:00", (D(2026, 11, 3), time(10))),
    ("3 days ago 18:00", (D(2026, 11, 19), time(18))),
    ("friday", (D(2026, 11, 20), None)),
    ("Dec 25", (D(2025, 12, 25), None)),
    ("2020-02-29", (D(2020, 2, 29), None)),
]


@pytest.mark.parametrize(("text", "expected"), MOMENTS)
def test_parse_moment(text: str, expected: tuple[date, time | None]) -> None:
    assert parse_moment(text, SUN) == expected


FUTURE_MOMENTS = [
    "tomorrow",
    "tomorrow 9am",
    "in 3 days",
    "next tuesday",
    "next friday",
    "this coming friday",
    "2026-11-23",
    "2026-11-23 08:00",
    "Nov 3 2030",
    "day after tomorrow",
    "one week from today",
]


@pytest.mark.parametrize("text", FUTURE_MOMENTS)
def test_interaction_in_the_future_points_to_follow_ups(text: str) -> None:
    with pytest.raises(InputError, match="can't be in the future") as err:
        parse_moment(text, SUN)
    assert "--follow-up" in str(err.value) and "--due" in str(err.value)
    _assert_one_plain_sentence(str(err.value), text)


BAD_TIMES = ["today 25:00", "today 24:00", "yesterday 13pm", "yesterday 0am", "today 9:60",
             "2026-11-22 14:75", "2026-11-22T99:00", "today 10:30:61"]  # fmt: skip


@pytest.mark.parametrize("text", BAD_TIMES)
def test_impossible_times_are_rejected(text: str) -> None:
    with pytest.raises(InputError, match="time"):
        parse_moment(text, SUN)


# ------------------------------------------------------------------------------------ fallback

FALLBACK_PHRASES = [  # not in the hand-written grammar: read by the lazily imported dateparser
    ("yesterday evening", "past", D(2026, 11, 21)),
    ("last night", "past", D(2026, 11, 21)),
    ("this morning", "past", SUN),
    ("tonight", "past", SUN),
    ("now", "past", SUN),
    ("tomorrow morning", "future", D(2026, 11, 23)),
]


@pytest.mark.parametrize(("text", "prefer", "expected"), FALLBACK_PHRASES)
def test_other_english_phrasings_use_the_fallback(text: str, prefer: str, expected: date) -> None:
    assert parse_day(text, SUN, prefer=prefer) == expected  # type: ignore[arg-type]


def _run_isolated(code: str) -> str:
    root = TESTS.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=root, check=True
    )
    return done.stdout.strip()


def test_documented_forms_never_import_a_date_library() -> None:
    texts = [t for t, _ in PAST_DAYS] + [t for t, _ in DUE_DAYS] + [t for t, _ in MOMENTS]
    code = (
        "import sys, datetime\n"
        "import connect_cli.domain.days as p\n"
        "heavy = ('dateparser', 'parsedatetime', 'dateutil', 'regex', 'pytz')\n"
        "assert not [m for m in heavy if m in sys.modules], 'imported at module load'\n"
        f"for t in {texts!r}:\n"
        "    p.parse_day(t, datetime.date(2026, 11, 22))\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    assert _run_isolated(code) == "[]"


def test_fallback_imports_dateparser_lazily() -> None:
    code = (
        "import sys, datetime\n"
        "import connect_cli.domain.days as p\n"
        "p.parse_day('yesterday evening', datetime.date(2026, 11, 22))\n"
        "print('dateparser' in sys.modules)\n"
    )
    assert _run_isolated(code) == "True"


# ----------------------------------------------------------------------------------- birthdays

MONTH_DAYS = [
    ("1985-04-15", MonthDay(4, 15, 1985)),
    ("1985-4-5", MonthDay(4, 5, 1985)),
    ("04-15", MonthDay(4, 15)),
    ("4-15", MonthDay(4, 15)),
    ("--04-15", MonthDay(4, 15)),
    ("--0415", MonthDay(4, 15)),
    ("19850415", MonthDay(4, 15, 1985)),
    ("April 15", MonthDay(4, 15)),
    ("april 15th", MonthDay(4, 15)),
    ("Apr. 15", MonthDay(4, 15)),
    ("15 April", MonthDay(4, 15)),
    ("15th of April", MonthDay(4, 15)),
    ("Apr 15 1985", MonthDay(4, 15, 1985)),
    ("April 15, 1985", MonthDay(4, 15, 1985)),
    ("15 April 1985", MonthDay(4, 15, 1985)),
    ("Feb 29", MonthDay(2, 29)),
    ("--02-29", MonthDay(2, 29)),
    ("2000-02-29", MonthDay(2, 29, 2000)),
    ("Dec 31", MonthDay(12, 31)),
    ("1 Jan", MonthDay(1, 1)),
    ("  SEPT 9  ", MonthDay(9, 9)),
]


@pytest.mark.parametrize(("text", "expected"), MONTH_DAYS)
def test_parse_month_day(text: str, expected: MonthDay) -> None:
    assert parse_month_day(text) == expected


BAD_MONTH_DAYS = [
    ("1985-02-29", "real calendar date"),
    ("1900-02-29", "real calendar date"),
    ("Feb 29 1985", "real calendar date"),
    ("Feb 30", "real calendar date"),
    ("--02-30", "real calendar date"),
    ("April 31", "real calendar date"),
    ("13-01", "real calendar date"),
    ("--1301", "real calendar date"),
    ("00-10", "real calendar date"),
    ("04-00", "real calendar date"),
    ("0000-04-15", "real calendar date"),
    ("19851315", "real calendar date"),
    ("banana", "birthday I can read"),
    ("", "birthday is required"),
    ("0415", "birthday I can read"),
    ("April", "birthday I can read"),
    ("15", "birthday I can read"),
    ("yesterday", "birthday I can read"),
    ("04/15", "birthday I can read"),
    ("April 15 85", "birthday I can read"),
    ("--04-15-", "birthday I can read"),
    ("x" * 500, "too long"),
]


@pytest.mark.parametrize(("text", "why"), BAD_MONTH_DAYS)
def test_parse_month_day_rejects(text: str, why: str) -> None:
    with pytest.raises(InputError, match=why) as err:
        parse_month_day(text)
    _assert_one_plain_sentence(str(err.value), text)


INVALID_MONTH_DAYS = [(2, 29, 1985), (13, 1, None), (4, 31, None), (1, 0, None), (0, 1, 2000),
                      (1, 1, 0), (1, 1, 10000), (2, 30, None)]  # fmt: skip


@pytest.mark.parametrize(("month", "day", "year"), INVALID_MONTH_DAYS)
def test_month_day_cannot_be_built_invalid(month: int, day: int, year: int | None) -> None:
    with pytest.raises(InputError):
        MonthDay(month, day, year)


NEXT_OCCURRENCES = [
    (MonthDay(4, 15), D(2026, 1, 1), D(2026, 4, 15)),
    (MonthDay(4, 15), D(2026, 4, 15), D(2026, 4, 15)),
    (MonthDay(4, 15), D(2026, 4, 16), D(2027, 4, 15)),
    (MonthDay(1, 3), D(2026, 12, 30), D(2027, 1, 3)),
    (MonthDay(12, 31), D(2026, 12, 30), D(2026, 12, 31)),
    (MonthDay(12, 30), D(2026, 12, 31), D(2027, 12, 30)),
    (MonthDay(1, 1), D(2026, 12, 31), D(2027, 1, 1)),
    (MonthDay(2, 29), D(2027, 1, 1), D(2027, 2, 28)),
    (MonthDay(2, 29), D(2027, 2, 28), D(2027, 2, 28)),
    (MonthDay(2, 29), D(2027, 3, 1), D(2028, 2, 29)),
    (MonthDay(2, 29), D(2028, 2, 28), D(2028, 2, 29)),
    (MonthDay(2, 29), D(2100, 1, 1), D(2100, 2, 28)),
    (MonthDay(2, 28), D(2028, 2, 29), D(2029, 2, 28)),
    (MonthDay(3, 1, 1990), D(2028, 2, 29), D(2028, 3, 1)),
]


@pytest.mark.parametrize(("md", "start", "expected"), NEXT_OCCURRENCES)
def test_next_occurrence(md: MonthDay, start: date, expected: date) -> None:
    assert next_occurrence(md, start) == expected


AGES = [
    (MonthDay(4, 15, 1985), D(2026, 4, 15), 41),
    (MonthDay(4, 15, 1985), D(2026, 4, 14), 40),
    (MonthDay(4, 15, 1985), D(2026, 12, 31), 41),
    (MonthDay(4, 15, 1985), D(1985, 4, 15), 0),
    (MonthDay(4, 15, 1985), D(1985, 4, 14), None),
    (MonthDay(4, 15), D(2026, 4, 15), None),
    (MonthDay(2, 29, 2000), D(2027, 2, 28), 27),
    (MonthDay(2, 29, 2000), D(2027, 2, 27), 26),
    (MonthDay(2, 29, 2000), D(2028, 2, 28), 27),
    (MonthDay(2, 29, 2000), D(2028, 2, 29), 28),
    (MonthDay(12, 31, 1999), D(2027, 1, 1), 27),
]


@pytest.mark.parametrize(("md", "day", "expected"), AGES)
def test_age_on(md: MonthDay, day: date, expected: int | None) -> None:
    assert age_on(md, day) == expected


@pytest.mark.parametrize(("md", "text"), [(MonthDay(4, 15, 1985), "1985-04-15"),
                                          (MonthDay(4, 5), "--04-05"),
                                          (MonthDay(1, 2, 33), "0033-01-02")])  # fmt: skip
def test_month_day_isoformat(md: MonthDay, text: str) -> None:
    assert md.isoformat() == text


# ------------------------------------------------------------------------------------- rhythms

RHYTHMS = [
    ("2w", 14), ("2W", 14), ("2 w", 14), ("30d", 30), ("3m", 90), ("1y", 365), ("10", 10),
    ("1", 1), ("3650", 3650), ("10y", 3650), ("2 weeks", 14), ("1 week", 7), ("3 months", 90),
    ("2 quarters", 182), ("1q", 91), ("2 years", 730), ("6mo", 180), ("3 wks", 21),
    ("2 yrs", 730), ("every 2 weeks", 14), ("every week", 7), ("every other week", 14),
    ("every 90 days", 90), ("every day", 1), ("a month", 30), ("two weeks", 14),
    ("a fortnight", 14), ("weekly", 7), ("Weekly", 7), ("biweekly", 14), ("fortnightly", 14),
    ("monthly", 30), ("quarterly", 91), ("yearly", 365), ("annually", 365), ("daily", 1),
    ("never", None), ("none", None), ("off", None), ("NEVER", None), ("no rhythm", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "days"), RHYTHMS)
def test_parse_rhythm(text: str, days: int | None) -> None:
    assert parse_rhythm(text) == days


BAD_RHYTHMS = [
    ("0", "between"), ("0d", "between"), ("zero weeks", "between"), ("3651", "between"),
    ("11y", "between"), ("522w", "between"), ("99999999999999999999d", "between"),
    ("-2w", "rhythm I can read"), ("-1", "rhythm I can read"), ("banana", "rhythm I can read"),
    ("2x", "rhythm I can read"), ("every", "rhythm I can read"), ("other", "rhythm I can read"),
    ("2.5w", "rhythm I can read"), ("w2", "rhythm I can read"), ("sometimes", "rhythm I can read"),
    ("2 weeks ago", "rhythm I can read"), ("", "rhythm is required"), ("x" * 99, "too long"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "why"), BAD_RHYTHMS)
def test_parse_rhythm_rejects(text: str, why: str) -> None:
    with pytest.raises(InputError, match=why) as err:
        parse_rhythm(text)
    _assert_one_plain_sentence(str(err.value), text)


FORMATTED_RHYTHMS = [
    (None, "no rhythm"), (1, "every day"), (2, "every 2 days"), (7, "every week"),
    (14, "every 2 weeks"), (21, "every 3 weeks"), (30, "every month"), (45, "every 45 days"),
    (60, "every 2 months"), (90, "every 3 months"), (91, "every quarter"),
    (182, "every 2 quarters"), (273, "every 3 quarters"), (364, "every 52 weeks"),
    (365, "every year"), (366, "every 366 days"), (730, "every 2 years"), (3650, "every 10 years"),
    (100, "every 100 days"),
]  # fmt: skip


@pytest.mark.parametrize(("days", "text"), FORMATTED_RHYTHMS)
def test_format_rhythm(days: int | None, text: str) -> None:
    assert format_rhythm(days) == text
    assert parse_rhythm(text) == days


AGO = [
    (0, "today"), (1, "yesterday"), (2, "2 days ago"), (13, "13 days ago"), (14, "2 weeks ago"),
    (20, "2 weeks ago"), (21, "3 weeks ago"), (59, "8 weeks ago"), (60, "2 months ago"),
    (89, "2 months ago"), (90, "3 months ago"), (365, "12 months ago"), (729, "24 months ago"),
    (730, "2 years ago"), (1094, "2 years ago"), (1095, "3 years ago"), (3650, "10 years ago"),
    (-1, "tomorrow"), (-2, "in 2 days"), (-21, "in 3 weeks"),
]  # fmt: skip


@pytest.mark.parametrize(("days", "text"), AGO)
def test_humanize_days_ago(days: int, text: str) -> None:
    assert humanize_days_ago(days) == text


DURATIONS = [
    (0, "0 days"), (1, "1 day"), (2, "2 days"), (12, "12 days"), (13, "13 days"),
    (14, "2 weeks"), (27, "3 weeks"), (59, "8 weeks"), (60, "2 months"), (400, "13 months"),
    (729, "24 months"), (730, "2 years"), (1000, "2 years"), (-12, "12 days"), (-21, "3 weeks"),
]  # fmt: skip


@pytest.mark.parametrize(("days", "text"), DURATIONS)
def test_format_duration_days(days: int, text: str) -> None:
    assert format_duration_days(days) == text


# ---------------------------------------------------------------------------------- properties

_TOKENS = [
    "today", "yesterday", "tomorrow", "last", "next", "this", "on", "in", "ago", "at", "of",
    "the", "a", "an", "day", "days", "week", "weeks", "fortnight", "month", "months", "year",
    "years", "from", "now", "friday", "mon", "tues", "nov", "february", "sept", "may", "3",
    "29", "30", "0", "2025", "3rd", "3pm", "12am", "14:30", "25:99", "noon", "evening", "night",
    "morning", "2026-11-22", "2023-02-29", "--04-15", "--0415", "19850415", "2w", "3m", "every",
    "other", "weekly", "never", "banana", ",", ".", "-", "99999", "٣",
]  # fmt: skip
_PHRASES = st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=5).map(" ".join)
_ANY_TEXT = st.one_of(st.text(max_size=80), _PHRASES)
_PARSERS = [
    lambda t, d: parse_day(t, d),
    lambda t, d: parse_day(t, d, prefer="future"),
    parse_due,
    parse_moment,
    lambda t, d: parse_month_day(t),
    lambda t, d: parse_rhythm(t),
]


@settings(max_examples=300, deadline=None)
@given(text=_ANY_TEXT, today=st.dates(), which=st.integers(0, len(_PARSERS) - 1))
def test_arbitrary_text_raises_nothing_but_input_error(text: str, today: date, which: int) -> None:
    try:
        _PARSERS[which](text, today)
    except InputError as err:
        _assert_one_plain_sentence(str(err), text)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(_TOKENS), max_size=4), at=st.integers(0, 4),
       junk=st.sampled_from(["banana", "soon", "weak", "asap", "ish", "x"]))  # fmt: skip
def test_one_non_date_word_spoils_any_phrase(words: list[str], at: int, junk: str) -> None:
    """Garbage is never silently read as today, however date-like the words around it are."""
    words.insert(min(at, len(words)), junk)
    with pytest.raises(InputError):
        parse_day(" ".join(words), SUN)


@given(day=st.dates(), prefer=st.sampled_from(["past", "future"]))
def test_iso_round_trips(day: date, prefer: str) -> None:
    from connect_cli.domain.day_range import in_range

    if not in_range(day):  # 9999-12-31 would break every ICS export and `today`: refused
        with pytest.raises(InputError, match="between 1900 and 2199"):
            parse_due(day.isoformat(), SUN)
        return
    assert parse_day(day.isoformat(), SUN, prefer=prefer) == day  # type: ignore[arg-type]
    assert parse_due(day.isoformat(), SUN) == day


@given(day=st.dates(min_value=D(1900, 1, 1), max_value=SUN), at=st.times().map(lambda t: t.replace(microsecond=0)),
       sep=st.sampled_from([" ", "T", " at "]))  # fmt: skip
def test_iso_moment_round_trips(day: date, at: time, sep: str) -> None:
    assert parse_moment(f"{day.isoformat()}{sep}{at.isoformat()}", SUN) == (day, at)
    assert parse_moment(f"{day.isoformat()}{sep}{at.strftime('%H:%M')}", SUN) == (
        day,
        at.replace(second=0),
    )


@st.composite
def month_days(draw: st.DrawFn) -> MonthDay:
    day = draw(st.dates(D(1, 1, 1), D(9999, 12, 31)))
    return MonthDay(day.month, day.day, draw(st.sampled_from([day.year, None])))


@given(md=month_days())
def test_month_day_iso_round_trips(md: MonthDay) -> None:
    assert parse_month_day(md.isoformat()) == md


@given(md=month_days(), start=st.dates(max_value=D(9998, 12, 31)))
def test_next_occurrence_is_the_first_celebration(md: MonthDay, start: date) -> None:
    got = next_occurrence(md, start)
    assert start <= got < start + timedelta(days=366)
    assert (got.month, got.day) == (md.month, md.day) or (md.month, md.day, got.day) == (2, 29, 28)
    assert next_occurrence(md, got) == got
    if got > start:  # nothing celebrated strictly between start and got
        assert next_occurrence(md, got - timedelta(days=1)) == got
    if md.year is not None and got.year >= md.year:
        assert age_on(md, got) == got.year - md.year


@given(days=st.one_of(st.none(), st.integers(1, 3650)))
def test_rhythm_format_round_trips(days: int | None) -> None:
    assert parse_rhythm(format_rhythm(days)) == days


@given(days=st.integers(-(10**6), 10**6))
def test_spans_never_read_negative_or_misplural(days: int) -> None:
    for text in (humanize_days_ago(days), format_duration_days(days)):
        assert "-" not in text and not re.search(r"(?<!\d)1 \w+s\b", text), text
        assert not re.search(r"(?<!\d)([02-9]|\d\d+) (day|week|month|year)\b", text), text
    assert format_duration_days(days) == format_duration_days(-days)


def _assert_one_plain_sentence(message: str, user_text: str) -> None:
    """Errors are one sentence and quote at most the user's short input, never long text."""
    shown = user_text.strip()
    body = message.replace(repr(shown), "'X'", 1) if shown else message
    assert body[0].isupper() or body.startswith("'X' "), message
    assert body.endswith(".") and "\n" not in body and ". " not in body, message
    if len(shown) > 32:
        assert shown not in message


@given(
    month=st.integers(-1, 14),
    day=st.integers(-1, 33),
    year=st.none() | st.integers(1, 9999) | st.sampled_from([1900, 2000, 2023, 2024, 2100]),
)
def test_a_month_day_is_real_exactly_when_the_calendar_says_so(
    month: int, day: int, year: int | None
) -> None:
    """Checked with a table, not calendar.monthrange (fast imports); Feb 29 needs a leap year."""
    try:
        date(2000 if year is None else year, month, day)
        real = True
    except ValueError:
        real = False
    try:
        MonthDay(month, day, year)
        made = True
    except InputError:
        made = False
    assert made == real
