"""Settings kept in the journal itself, so a journal file carries everything that belongs to it.

What each setting is, its bounds and checks: domain/settings.py.
"""

from __future__ import annotations

from connect_cli.domain.errors import InputError
from connect_cli.domain.settings import Settings, spec_for, typed, with_defaults
from connect_cli.journal.sqlite import Reader


def stored_settings(reader: Reader) -> dict[str, str]:
    """Every setting as stored text (defaults filled in), for `config` to show."""
    return with_defaults(
        {r["key"]: r["value"] for r in reader.rows("SELECT key, value FROM setting")}
    )


def read_settings(reader: Reader) -> Settings:
    return typed(stored_settings(reader))


def write_setting(*, session: object, key: str, value: str) -> str:
    """Store a checked setting; returns the value as it will be shown."""
    from connect_cli.write.tables import Setting

    spec = spec_for(key)
    try:
        stored = spec.normalise(value)
    except InputError as problem:  # name the setting: "The limit setting was not changed: give…"
        raise InputError(
            f"The {spec.key} setting was not changed: {_lowered(str(problem))}"
        ) from None
    session.merge(Setting(key=spec.key, value=stored))  # type: ignore[attr-defined]
    return spec.show(stored)


def _lowered(sentence: str) -> str:
    """A sentence continued after a colon: "Give a…" -> "give a…" ("ICS…" stays as it is)."""
    if sentence[:1].isupper() and sentence[1:2].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence
