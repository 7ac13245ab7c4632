"""The settings a journal keeps (default rhythm, the daily list's size and horizon): their names,
defaults, bounds and checks, in one place, and the typed values the use cases read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from connect_cli.domain.errors import InputError
from connect_cli.domain.rhythms import format_rhythm, parse_rhythm

LIMIT_RANGE = (1, 100)  # people `today` suggests: the `limit` setting and `today --limit`
HORIZON_RANGE = (0, 366)  # days `today` looks ahead: the `horizon` setting and `today --horizon`


def check_range(value: int, low: int, high: int, option: str) -> int:
    """A number typed as an option (`today --limit 500`) within the setting's bounds."""
    if not low <= value <= high:
        raise InputError(f"{option} must be a whole number from {low} to {high}.")
    return value


def _whole_number(low: int, high: int) -> Callable[[str], str]:
    def check(raw: str) -> str:
        try:
            value = int(raw.strip())
        except ValueError:
            raise InputError(f"Give a whole number from {low} to {high}.") from None
        if not low <= value <= high:
            raise InputError(f"Give a whole number from {low} to {high}.")
        return str(value)

    return check


def _rhythm(raw: str) -> str:
    days = parse_rhythm(raw)
    return "never" if days is None else str(days)


def _addresses(raw: str) -> str:
    """`connect config me`: your email addresses, separated by commas or spaces ("" clears)."""
    found = list(dict.fromkeys(a.strip("<>").casefold() for a in raw.replace(",", " ").split()))
    for address in found:
        if "@" not in address.strip("@") or len(address) > 254:
            raise InputError(
                f"{address[:60]!r} is not an email address; give yours, e.g. me@example.com."
            )
    return ",".join(found)


def _feed_path(raw: str) -> str:
    """`connect config feed`: where the reminders feed is kept, as an absolute path ("" stops)."""
    import os

    value = raw.strip()
    if not value:
        return ""
    path = os.path.abspath(os.path.expanduser(value))
    if not path.lower().endswith(".ics"):
        raise InputError("Give the feed a name ending in .ics, e.g. ~/Sync/connect.ics.")
    return path


def _or_not_set(value: str) -> str:
    return value or "(not set)"


class SettingSpec(NamedTuple):
    """One setting: stored as text (`normalise` checks what a user typed), shown by `show`."""

    key: str
    default: str
    help: str
    normalise: Callable[[str], str]
    show: Callable[[str], str] = str


SETTINGS = {
    spec.key: spec
    for spec in (
        SettingSpec(
            "every",
            "90",
            "keep-in-touch rhythm given to people you add (e.g. 30d, 3m, never)",
            _rhythm,
            lambda v: format_rhythm(None if v == "never" else int(v)),
        ),
        SettingSpec("limit", "5", "how many people `today` suggests", _whole_number(*LIMIT_RANGE)),
        SettingSpec(
            "horizon",
            "7",
            "days ahead `today` looks for promises and dates",
            _whole_number(*HORIZON_RANGE),
        ),
        SettingSpec(
            "me",
            "",
            "your email addresses, so imported mail knows sent from received",
            _addresses,
            _or_not_set,
        ),
        SettingSpec(
            "feed",
            "",
            "an .ics file of birthdays, dates and promises kept fresh for your calendar",
            _feed_path,
            _or_not_set,
        ),
    )
}


class Settings(NamedTuple):
    """The settings as values: `every_days` None means new people get no rhythm."""

    every_days: int | None
    limit: int
    horizon: int
    me: frozenset[str] = frozenset()  # your email addresses, folded
    feed: str | None = None  # the reminders feed's absolute path


def spec_for(key: str) -> SettingSpec:
    try:
        return SETTINGS[key.strip().lower()]
    except KeyError:
        raise InputError(
            f"Unknown setting {key[:30]!r}; the settings are {', '.join(SETTINGS)}."
        ) from None


def with_defaults(stored: Mapping[str, str]) -> dict[str, str]:
    """Every setting's stored text, the default where the journal holds none."""
    return {key: stored.get(key, spec.default) for key, spec in SETTINGS.items()}


def typed(stored: Mapping[str, str]) -> Settings:
    text = with_defaults(stored)
    every = text["every"]
    return Settings(
        every_days=None if every == "never" else int(every),
        limit=int(text["limit"]),
        horizon=int(text["horizon"]),
        me=frozenset(a for a in text["me"].split(",") if a),
        feed=text["feed"] or None,
    )
