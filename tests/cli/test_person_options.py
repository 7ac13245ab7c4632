"""`add` and `edit` build their RawPerson with one function from their parameters."""

from __future__ import annotations

from dataclasses import fields

import pytest
import typer

from connect_cli.cli.options import raw_person
from connect_cli.domain.drafts import RawPerson

ONLY_EDIT = {"clear", "drop"}


def parameter_names(command: str) -> set[str]:
    from connect_cli.cli.commands import load

    click_command = typer.main.get_command(load([command]))
    return {p.name for p in click_command.commands[command].params}  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["add", "edit"])
def test_every_person_field_is_an_option_of_add_and_edit(command: str) -> None:
    wanted = {f.name for f in fields(RawPerson)} - (set() if command == "edit" else ONLY_EDIT)
    assert wanted <= parameter_names(command)


def test_options_never_given_make_an_empty_person() -> None:
    given = {f.name: None for f in fields(RawPerson)} | {"who": "linda", "tag": ()}
    assert raw_person(given) == RawPerson()


def test_given_values_are_kept_and_repeats_become_lists() -> None:
    raw = raw_person({"company": "Acme", "tag": ("a", "b"), "note": "x"}, name="Linda")
    assert raw == RawPerson(name="Linda", company="Acme", tag=["a", "b"])
