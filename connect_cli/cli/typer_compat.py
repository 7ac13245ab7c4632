"""The only module that touches Typer internals: plain-Python coercion for our command-line
parameters, so a command never imports pydantic.

Typer 0.29 turns each parameter's text into its typed value through a pydantic TypeAdapter
(typer/_coercion.py `build_runtime_param` → `_adapters.try_build_adapter`). Importing pydantic
costs ~50 ms, a quarter of what `connect show` or `connect search` may spend in all
(shared/BUDGETS.md). Our parameters are all simple: str, int, bool, an Enum, lists of str, each
optionally None. For exactly those, `prime` installs a small RuntimeParam that does what
Typer's adapter does for them (same accepted values, same error sentences); for anything else
(paths, files, datetimes, ranges, custom parsers) it leaves Typer's own coercion in place.

This touches one private hook of Typer (`_TyperParameter._runtime_param`, filled lazily by
`get_runtime_param`), which is why pyproject pins `typer<0.30`; tests/cli/test_typer_compat.py checks
that both paths agree, so a Typer upgrade that changes the hook fails loudly, not silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, get_args, get_origin

from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, TypeDescriptor
from typer._param_types import coerce_cli_choice

Convert = Callable[[Any], Any]

_INT = re.compile(r"\s*[+-]?[0-9]+\s*", re.ASCII)
# What pydantic's lax mode reads as a boolean from text.
_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no", ""}


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    convert: Convert

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.convert(value)
        except ValueError as error:
            raise BadParameter(str(error), ctx=ctx, param=param) from None


def to_str(value: Any) -> str:
    if value is None:
        raise ValueError("None is not a valid string")
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def to_int(value: Any) -> int:
    if isinstance(value, int):
        return int(value)  # True → 1, as pydantic's lax mode does
    if isinstance(value, str) and _INT.fullmatch(value):
        return int(value)
    raise ValueError(f"{to_str(value)!r} is not a whole number; give one such as 14")


def to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{to_str(value)!r} is neither yes nor no; give true or false")


def _leaf(annotation: Any, case_sensitive: bool) -> Convert | None:
    if annotation is str:
        return to_str
    if annotation is int:
        return to_int
    if annotation is bool:
        return to_bool
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = list(annotation)

        def to_choice(value: Any) -> Any:
            # Typer's own choice rule and message, without the "Value error, " its pydantic
            # path puts in front (a user reads "'age' is not one of 'name', …").
            return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive)

        return to_choice
    return None


def plain_converter(descriptor: TypeDescriptor) -> Convert | None:
    """A converter for the simple annotations we use, or None to keep Typer's own coercion."""
    info = descriptor.parameter_info
    plain = (
        descriptor.file_annotation is None
        and info.parser is None
        and info.min is None
        and info.max is None
        and not descriptor.is_path
    )
    if not plain:
        return None
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        item = _leaf(item_type, info.case_sensitive)
        if item is None:
            return None
        return lambda value: [
            item(v) for v in (value if isinstance(value, list | tuple) else [value])
        ]
    return _leaf(annotation, info.case_sensitive)


def prime(params: list[Any]) -> None:
    """Give each simple parameter of a command its plain coercion before Typer builds its own."""
    for param in params:
        if getattr(param, "_runtime_param", "absent") is not None:
            continue  # already built, or not a Typer parameter
        convert = plain_converter(param.type_descriptor)
        if convert is not None:
            descriptor = param.type_descriptor
            param._runtime_param = PlainRuntimeParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                convert=convert,
            )


# --- plain help ---------------------------------------------------------------------------------
# Typer 0.29 writes a required argument as `{WHO}` on the usage line and a value's type as
# `<str>`, `<path>` or `<int range>` in the help. connect's help names every value in capitals
# (WHO, TEXT, PATH, N), as man pages and the README do.

_TYPE_WORDS = {"str": "TEXT", "path": "PATH", "file": "PATH", "directory": "PATH", "int": "N",
               "int range": "N", "float": "NUMBER"}  # fmt: skip


def _argument_usage(self: Any) -> str:
    name = self.display_name_raw.upper()
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def _value_word(original: Callable[..., str | None]) -> Callable[..., str | None]:
    def word(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None:
            return str(self.metavar).upper()
        shown = original(self, ctx)
        if shown is None:
            return None
        bare = shown.rstrip(".").strip("<>")
        return _TYPE_WORDS.get(bare, bare) + ("..." if shown.endswith("...") else "")

    return word


def plain_help() -> None:
    """Install the plain help names (once per process; idempotent)."""
    from typer.core import TyperArgument, TyperOption

    if getattr(TyperArgument, "_connect_plain", False):
        return
    TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
    TyperArgument._rich_display_name = lambda self: self.display_name_raw.upper()  # type: ignore[method-assign]
    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
    TyperOption.display_type_rich = _value_word(TyperOption.display_type_rich)  # type: ignore[method-assign]
    TyperArgument._connect_plain = True  # type: ignore[attr-defined]
