"""CSV cells that are safe in a spreadsheet, and multi-valued cells that split back exactly.

Formula neutralising (OWASP "CSV injection")
--------------------------------------------
A cell whose text starts with `=`, `+`, `-`, `@`, TAB or CR may be run as a formula by a
spreadsheet. `neutralise_cell` prefixes such a cell with one single quote `'`. So that the
escaping is exactly reversible for *every* string, a cell that already starts with one or more
quotes followed by one of those characters (`'=x`, `''+1`) also gets one more quote. Formally,
with D = the dangerous characters:

    neutralise(s) = "'" + s   if s matches  ^'*[D]   (zero or more quotes, then a D)
                    s         otherwise
    restore(s)    = s[1:]     if s matches  ^'+[D]   (one or more quotes, then a D)
                    s         otherwise

so restore(neutralise(s)) == s for all strings, and a neutralised cell never starts with a D.
A phone `+1 415 555 0100` is written `'+1 415 555 0100` and read back unchanged by our import.
Cells such as `'tis` (a quote not followed by quotes and a D) are left alone.

Multi-valued cells
------------------
Lists (tags, nicknames, facts of one kind) are joined with the separator ` | ` (space, vertical
bar, space). Inside each item a backslash is written `\\\\`, a vertical bar `\\|`, and an equals
sign `\\=`. Labelled items (channels, important dates) are written `label=value` with both parts
escaped that way, so the first unescaped `=` separates the label; an item with no unescaped `=`
has no label. An empty list is an empty cell; items are never empty (the journal refuses empty
text), so `split_values("")` is `[]`.

Reading a cell back: first `restore_cell`, then `split_values` / `split_labelled`.

Name lists
----------
The notes CSV's `with` and `tags` cells are read by people, so they keep their own, lighter
scheme: names joined by `; ` (semicolon, space). Inside a name a semicolon is written `\\;` and a
backslash `\\\\`, so "Smith; John" stays one name (`join_names` / `split_names`). A backslash
followed by anything else is read as itself, so files written before names were escaped read as
they did (only a name holding `\\;` or `\\\\` in such a file reads differently).
"""

from __future__ import annotations

import re

DANGEROUS = "=+-@\t\r"
SEPARATOR = " | "

_NEEDS_QUOTE = re.compile("'*[=+\\-@\t\r]")
_WAS_QUOTED = re.compile("'+[=+\\-@\t\r]")
# Characters that start a cell worth checking: a D, or a quote that might precede one.
UNSAFE_FIRST = frozenset(DANGEROUS + "'")


def neutralise_cell(text: str) -> str:
    """The cell as a spreadsheet should see it: never the start of a formula."""
    if text and text[0] in UNSAFE_FIRST and _NEEDS_QUOTE.match(text):
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Exactly undo `neutralise_cell` (our import calls this on every cell of our CSV)."""
    if text and text[0] == "'" and _WAS_QUOTED.match(text):
        return text[1:]
    return text


def _escape(item: str) -> str:
    return item.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=")


def join_values(items: list[str] | tuple[str, ...]) -> str:
    """Several values in one cell: `a | b | c`, with `\\`, `|` and `=` escaped in each."""
    return SEPARATOR.join(_escape(item) for item in items)


def join_labelled(pairs: list[tuple[str | None, str]]) -> str:
    """Labelled values in one cell: `work=a@b.com | home=c@d.org | e@f.net`."""
    return SEPARATOR.join(
        _escape(value) if label is None else f"{_escape(label)}={_escape(value)}"
        for label, value in pairs
    )


def _escape_name(name: str) -> str:
    if "\\" in name or ";" in name:
        return name.replace("\\", "\\\\").replace(";", "\\;")
    return name


def join_names(names: list[str] | tuple[str, ...]) -> str:
    """Names in one cell: `Ann; Smith\\; John`, with `;` and `\\` escaped in each."""
    return "; ".join(_escape_name(name) for name in names)


def split_names(cell: str) -> list[str]:
    """Undo `join_names`: the names, each with its spaces evened out; empty ones dropped."""
    if "\\" not in cell:  # the usual cell: nothing escaped
        parts = cell.split(";")
    else:
        parts, current, i = [], [], 0
        while i < len(cell):
            char = cell[i]
            if char == "\\" and i + 1 < len(cell) and cell[i + 1] in "\\;":
                current.append(cell[i + 1])
                i += 2
                continue
            if char == ";":
                parts.append("".join(current))
                current = []
            else:
                current.append(char)
            i += 1
        parts.append("".join(current))
    return [name for part in parts if (name := " ".join(part.split()))]


def _split_raw(cell: str) -> list[list[tuple[str, bool]]]:
    """Items of a cell as (char, escaped) pairs; unescaped `|` separates, with its two spaces."""
    items: list[list[tuple[str, bool]]] = [[]]
    i = 0
    while i < len(cell):
        char = cell[i]
        if char == "\\" and i + 1 < len(cell):
            items[-1].append((cell[i + 1], True))
            i += 2
            continue
        if char == "|":
            current = items[-1]
            if current and current[-1] == (" ", False):
                current.pop()
            items.append([])
            i += 1
            if i < len(cell) and cell[i] == " ":
                i += 1
            continue
        items[-1].append((char, False))
        i += 1
    return items if cell else []


def split_values(cell: str) -> list[str]:
    """Exactly undo `join_values`."""
    return ["".join(char for char, _ in item) for item in _split_raw(cell)]


def split_labelled(cell: str) -> list[tuple[str | None, str]]:
    """Exactly undo `join_labelled`: (label or None, value) pairs."""
    pairs: list[tuple[str | None, str]] = []
    for item in _split_raw(cell):
        cut = next((i for i, (char, escaped) in enumerate(item) if char == "=" and not escaped), -1)
        if cut < 0:
            pairs.append((None, "".join(char for char, _ in item)))
        else:
            label = "".join(char for char, _ in item[:cut])
            pairs.append((label, "".join(char for char, _ in item[cut + 1 :])))
    return pairs
