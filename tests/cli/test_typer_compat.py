"""The plain coercion (cli/typer_compat.py, the only module touching Typer internals) accepts and
refuses exactly what Typer's pydantic one does."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pytest
from typer._adapters import try_build_adapter
from typer._coercion import resolve_type_descriptor
from typer.models import OptionInfo

from connect_cli.cli.typer_compat import plain_converter
from tests.conftest import TESTS, Run


class Colour(StrEnum):
    red = "red"
    dark_blue = "dark-blue"


VALUES: list[Any] = [
    "12",
    "-3",
    "+4",
    " 7 ",
    "0",
    "007",
    "1.5",
    "1e3",
    "",
    "abc",
    "١٢",
    "12abc",
    "true",
    "False",
    "yes",
    "NO",
    "on",
    "off",
    "t",
    "f",
    "y",
    "n",
    "1",
    "red",
    "RED",
    "dark-blue",
    "dark_blue",
    "naïve",
    "[bold]",
    12,
    True,
]


def outcome(convert: Any, value: Any) -> tuple[str, Any]:
    try:
        return "ok", convert(value)
    except Exception as error:  # either library's error type
        return "error", type(error).__name__


@pytest.mark.parametrize("annotation", [str, int, bool, Colour, list[str]])
@pytest.mark.parametrize("value", VALUES)
def test_plain_coercion_agrees_with_typers_own(annotation: Any, value: Any) -> None:
    info = OptionInfo()
    descriptor = resolve_type_descriptor(annotation, info)
    plain = plain_converter(descriptor)
    assert plain is not None
    adapter = try_build_adapter(annotation, info)
    assert adapter is not None
    mine = outcome(plain, value)
    theirs = outcome(adapter.validate_python, value)
    assert mine[0] == theirs[0], (mine, theirs)
    if mine[0] == "ok":
        assert mine[1] == theirs[1] and type(mine[1]) is type(theirs[1])


def test_unsupported_annotations_keep_typers_coercion() -> None:
    from datetime import datetime
    from pathlib import Path

    for annotation in (Path, datetime, float):
        assert plain_converter(resolve_type_descriptor(annotation, OptionInfo())) is None
    ranged = OptionInfo(min=1)
    assert plain_converter(resolve_type_descriptor(int, ranged)) is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "--limit", "abc"], "'abc' is not a whole number; give one such as 14"),
        (["today", "--horizon", "abc"], "'abc' is not a whole number; give one such as 14"),
        (["list", "--limit", "1.5"], "'1.5' is not a whole number; give one such as 14"),
        (["list", "--sort", "oldest"], "'oldest' is not one of 'name', 'recent'"),
    ],
)
def test_bad_values_are_usage_errors_with_a_plain_sentence(
    run: Run, args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.stderr


def test_good_values_arrive_typed(ok: Run) -> None:
    ok("add", "Ann", "-t", "a", "-t", "b")
    assert ok("list", "--sort", "recent", "--json").json()[0]["tags"] == ["a", "b"]
    assert ok("search", "ann", "--limit", " 1", "--json").json()[0]["name"] == "Ann"


def test_no_other_module_touches_typer_internals() -> None:
    """Private Typer APIs change without notice: keep them behind this one seam."""

    package = TESTS.parent / "connect_cli"
    touching = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "typer._" in path.read_text("utf-8")
    )
    assert touching == ["cli/typer_compat.py"]
