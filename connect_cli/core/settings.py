"""Settings kept in the journal itself, so a journal file carries everything that belongs to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from connect_cli.domain.errors import InputError
from connect_cli.domain.parsing import format_rhythm, parse_rhythm
from connect_cli.journal.sqlite import Reader


def _positive_int(low: int, high: int) -> Callable[[str], str]:
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


class SettingSpec(NamedTuple):
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
        SettingSpec("limit", "5", "how many people `today` suggests", _positive_int(1, 100)),
        SettingSpec(
            "horizon", "7", "days ahead `today` looks for promises and dates", _positive_int(0, 366)
        ),
    )
}


def spec_for(key: str) -> SettingSpec:
    try:
        return SETTINGS[key.strip().lower()]
    except KeyError:
        raise InputError(
            f"Unknown setting {key[:30]!r}; the settings are {', '.join(SETTINGS)}."
        ) from None


def read_settings(reader: Reader) -> dict[str, str]:
    stored = {row["key"]: row["value"] for row in reader.rows("SELECT key, value FROM setting")}
    return {key: stored.get(key, spec.default) for key, spec in SETTINGS.items()}


def default_rhythm(settings: dict[str, str]) -> int | None:
    value = settings["every"]
    return None if value == "never" else int(value)


def write_setting(*, session: object, key: str, value: str) -> str:
    """Store a checked setting; returns the value as it will be shown."""
    from connect_cli.write.tables import Setting

    spec = spec_for(key)
    stored = spec.normalise(value)
    session.merge(Setting(key=spec.key, value=stored))  # type: ignore[attr-defined]
    return spec.show(stored)
