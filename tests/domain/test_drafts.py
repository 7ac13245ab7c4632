"""The pure checks between what a user typed and what is stored."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connect_cli.core.profile_text import parse_profile_text, profile_changes
from connect_cli.domain.drafts import (
    ChannelValue,
    RawPerson,
    build_draft,
    parse_channel,
    parse_clear,
    parse_drop,
    parse_important_date,
)
from connect_cli.domain.errors import InputError
from connect_cli.domain.yearly_dates import MonthDay

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("email", "linda@acme.com", ChannelValue("email", "linda@acme.com", None)),
        ("email", "work=linda@acme.com", ChannelValue("email", "linda@acme.com", "work")),
        ("email", " Work = Linda@Acme.com ", ChannelValue("email", "Linda@Acme.com", "work")),
        ("phone", "mobile=+1 415 555 0100", ChannelValue("phone", "+1 415 555 0100", "mobile")),
        (
            "phone",
            "+1 (415) 555-0100 ext. 12",
            ChannelValue("phone", "+1 (415) 555-0100 ext. 12", None),
        ),
        ("url", "https://x.com/?a=b", ChannelValue("url", "https://x.com/?a=b", None)),
        (
            "url",
            "linkedin=https://linkedin.com/in/x",
            ChannelValue("url", "https://linkedin.com/in/x", "linkedin"),
        ),
        ("phone", "home phone=555", ChannelValue("phone", "555", "home phone")),
    ],
)
def test_channels_keep_the_value_as_given(kind: str, raw: str, expected: ChannelValue) -> None:
    assert parse_channel(kind, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw"), [("email", "nope"), ("email", ""), ("phone", "   "), ("url", "x\x00y")]
)
def test_bad_channels_are_refused(kind: str, raw: str) -> None:
    with pytest.raises(InputError):
        parse_channel(kind, raw)


@pytest.mark.parametrize(
    ("raw", "label", "when"),
    [
        ("work anniversary=03-01", "work anniversary", MonthDay(3, 1)),
        ("Sam's birthday=June 2 2019", "Sam's birthday", MonthDay(6, 2, 2019)),
        ("wedding = 2015-09-12", "wedding", MonthDay(9, 12, 2015)),
    ],
)
def test_important_dates(raw: str, label: str, when: MonthDay) -> None:
    parsed = parse_important_date(raw)
    assert (parsed.label, parsed.when) == (label, when)


@pytest.mark.parametrize("raw", ["no equals", "=03-01", "label=", "label=Feb 30", "x=banana"])
def test_bad_important_dates(raw: str) -> None:
    with pytest.raises(InputError):
        parse_important_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("tag:client", ("tag", "client")),
        ("LIKE: golf ", ("like", "golf")),
        ("email:a@b.c", ("email", "a@b.c")),
        ("family:Sam: son", ("family", "Sam: son")),
    ],
)
def test_drop(raw: str, expected: tuple[str, str]) -> None:
    assert parse_drop(raw) == expected


@pytest.mark.parametrize("raw", ["tag", "tag:", "colour:red", ":x", "company:Acme"])
def test_bad_drop(raw: str) -> None:
    with pytest.raises(InputError):
        parse_drop(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("company", "company"),
        ("met-at", "met_at"),
        ("Birthday", "birthday"),
        ("rhythm", "every"),
        ("introduced_by", "via"),
        ("snooze", "snooze"),
    ],
)
def test_clear(raw: str, expected: str) -> None:
    assert parse_clear(raw) == expected


def test_build_draft_parses_everything() -> None:
    draft = build_draft(
        RawPerson(
            name="  Linda   Holcman ",
            met_on="yesterday",
            every="monthly",
            birthday="April 15",
            tag=["Client"],
            like=["golf"],
            email=["work=l@a.com"],
        ),
        TODAY,
    )
    assert draft.name == "Linda Holcman" and draft.met_on == date(2026, 11, 21)
    assert draft.every_days == 30 and draft.every_given and draft.birthday == MonthDay(4, 15)
    assert draft.tags == ["client"] and draft.facts == [("like", "golf")]


def test_every_never_is_a_deliberate_none() -> None:
    draft = build_draft(RawPerson(every="never"), TODAY)
    assert draft.every_given and draft.every_days is None


@given(st.text(max_size=300))
def test_any_profile_text_parses_or_says_which_line(text: str) -> None:
    try:
        parse_profile_text(text)
    except InputError as error:
        assert str(error).endswith(".")


def test_profile_changes_are_minimal() -> None:
    from connect_cli.read.models import ChannelItem, KeepInTouch, PersonCard

    card = PersonCard(
        id=1,
        name="Linda",
        nicknames=[],
        company="Acme",
        title=None,
        location=None,
        met_at=None,
        met_on=None,
        introduced_by=None,
        birthday=None,
        every_days=90,
        snoozed_until=None,
        archived=False,
        emails=[ChannelItem("l@a.com", "work")],
        phones=[],
        urls=[],
        tags=["a"],
        facts={"like": ["golf"]},
        dates=[],
        last_contact=None,
        followups=[],
        interactions=[],
        standing=KeepInTouch(90, 0, None),
    )
    from connect_cli.core.profile_text import profile_to_text

    text = profile_to_text(card)
    assert profile_changes(card, text) == RawPerson()
    edited = text.replace("company: Acme", "company: ").replace("email: work=l@a.com", "")
    changes = profile_changes(card, edited + "tag: b\n")
    assert (
        changes.clear == ["company"] and changes.drop == ["email:l@a.com"] and changes.tag == ["b"]
    )
