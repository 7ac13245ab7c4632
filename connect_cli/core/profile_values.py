"""How one value is written in the $EDITOR profile, and read back exactly (pure).

Three forms, chosen by what the value holds, so that render -> parse is the identity:

- plain: `company: Acme` -- one printable line with no space at either end;
- continued: a value with line breaks goes on as lines starting with `|` (one space after the
  `|` is part of the syntax, anything after it is the value's next line, kept as is):

      fact: Kids: Sam
      | email: sam@kid.example

- quoted: anything else (spaces at an end, an empty item, a control character, a line ending in a
  space, which editors tend to strip) is a JSON string: `nickname: "  Bo "`, `tag: ""`.

The quoted form is RFC 8259's string syntax, so `\\n`, `\\t`, `\\"`, `\\\\` and `\\uXXXX` work by hand.
"""

from __future__ import annotations

import json

from connect_cli.domain.errors import InputError

CONTINUATION = "|"


def _is_plain_line(line: str) -> bool:
    # isprintable() is False for every character str.splitlines() breaks on.
    return line.isprintable() and line == line.rstrip()


def value_lines(value: str) -> list[str]:
    """The text lines that show `value` after `key: ` (first) and on `|` lines (the rest)."""
    first, *rest = value.split("\n")
    if (
        first
        and first == first.strip()
        and not first.startswith('"')
        and all(_is_plain_line(line) for line in (first, *rest))
    ):
        return [first, *(f"{CONTINUATION} {line}" if line else CONTINUATION for line in rest)]
    return [_quoted(value)]


def _quoted(value: str) -> str:
    # Escape every character that is not printable (json only escapes below U+0020).
    return (
        '"'
        + "".join(
            char if char.isprintable() and char not in '"\\' else json.dumps(char)[1:-1]
            for char in value
        )
        + '"'
    )


def value_from_text(text: str, line_number: int) -> str | None:
    """The value written after `key:` (None when empty: the field is cleared, the item dropped).

    Raises InputError naming the line when a quoted value is not a valid JSON string.
    """
    text = text.strip()
    if not text:
        return None
    if not text.startswith('"'):
        return text
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, str):
        raise InputError(
            f"Line {line_number} starts a quoted value that is not closed properly; "
            'end it with " and write a quote inside it as \\".'
        )
    return value


def continued_line(line: str) -> str | None:
    """The value's next line if `line` is a `|` continuation line, else None."""
    stripped = line.lstrip()
    if not stripped.startswith(CONTINUATION):
        return None
    rest = stripped[len(CONTINUATION) :]
    return rest[1:] if rest.startswith(" ") else rest
