"""The mail reader's fast paths say exactly what the email package says, where they answer."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.formats.mail_import import _common_date, _Headers

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

pytestmark = pytest.mark.usefixtures("berlin")  # a local zone with summer time (conftest.py)


@given(
    weekday=st.sampled_from(["", "Mon, ", "Thu,"]),
    day=st.integers(1, 31),
    month=st.sampled_from(MONTHS + ["Xyz"]),
    year=st.integers(1890, 2100),
    hour=st.integers(0, 24),
    minute=st.integers(0, 59),
    second=st.one_of(st.none(), st.integers(0, 60)),
    sign=st.sampled_from("+-"),
    zone=st.integers(0, 1400),
    comment=st.sampled_from(["", " (CEST)", "(UTC)"]),
)
def test_the_common_date_agrees_with_the_email_package(
    weekday: str, day: int, month: str, year: int, hour: int, minute: int,
    second: int | None, sign: str, zone: int, comment: str,
) -> None:  # fmt: skip
    written = f"{weekday}{day} {month} {year} {hour:02d}:{minute:02d}"
    written += f":{second:02d}" if second is not None else ""
    written += f" {sign}{zone:04d}{comment}"
    fast = _common_date(written)
    if fast is None:
        return  # the full grammar reads it (or says it cannot be read)
    slow = parsedate_to_datetime(written).astimezone()
    assert (fast, fast.utcoffset()) == (slow, slow.utcoffset())


@pytest.mark.parametrize(
    "written", ["Mon, 5 Oct 2026 10:12:00 -0000", "Mon, 5 Oct 2026 10:12:00 GMT", "5 Oct 26 10:12"]
)
def test_other_spellings_are_left_to_the_full_grammar(written: str) -> None:
    assert _common_date(written) is None


def test_common_dates_are_read() -> None:
    moment = _common_date("Mon, 5 Oct 2026 23:12:00 -0700 (PDT)")
    assert moment is not None and moment.isoformat() == "2026-10-06T08:12:00+02:00"


def test_only_the_fields_of_a_touch_are_kept_unfolded() -> None:
    block = (
        b"Received: from a\n by b\nSUBJECT: Hello\n  there\nX-Other: 1\nfrom : Ann <a@x.test>\n"
        b"To: b@x.test,\n\tc@x.test\nTo: d@x.test\n"
    )
    headers = _Headers(block)
    assert headers.get("Subject") == "Hello there"
    assert headers.get("From") == "Ann <a@x.test>"
    assert headers.get_all("To", []) == ["b@x.test, c@x.test", "d@x.test"]
    assert headers.get("Received") is None and headers.get("X-Other") is None
