"""Consoles, safe text pieces and JSON output shared by every renderer."""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime, time
from functools import cache
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from connect_cli.domain.safe_text import one_line, visible


@cache
def stdout() -> Console:
    # markup/emoji/highlight off: nothing in user text is ever interpreted.
    return Console(markup=False, emoji=False, highlight=False, soft_wrap=False)


@cache
def stderr() -> Console:
    return Console(stderr=True, markup=False, emoji=False, highlight=False)


def user(text: str | None, style: str = "") -> Text:
    """A piece of user text, made inert."""
    return Text(visible(text or ""), style=style)


def cell(text: str | None, style: str = "", width: int | None = None) -> Text:
    """User text for a table cell: one line, inert."""
    return Text(one_line(text or "", width), style=style)


# JSON escapes C0 controls itself; C1 controls and bidi overrides it leaves raw, so escape them
# too: a JSON document piped to a terminal must be as inert as our tables.
_UNSAFE_IN_JSON = re.compile("[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(document: Any) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def print_json(document: Any, file: IO[str] | None = None) -> None:
    """One JSON document on stdout and nothing else."""
    (file or sys.stdout).write(dumps(document) + "\n")
