"""Make user text inert before it reaches a terminal.

Names, notes and imported vCards can carry anything: ANSI escapes that recolour or clear the
screen, C1 controls some terminals obey (U+009B is a one-byte CSI), carriage returns that overwrite
a line, and bidi overrides that make text read differently from what it is ("Trojan Source").
Everything that is printed goes through :func:`visible` or :func:`one_line` first.

Escaping: each dangerous character becomes its Python-style escape, so what the user sees is what
they would type to reproduce it: ESC -> ``\\x1b``, DEL -> ``\\x7f``, U+202E -> ``\\u202e``. These
are plain ASCII, so the result is safe however it is printed. Backslashes already in the text are
left alone (a name containing the four characters ``\\x1b`` looks the same as an escaped ESC); the
point is inertness and readability, not a reversible encoding.

Dangerous (escaped):
  * C0 controls except tab and newline, DEL, C1 controls (U+0080-U+009F);
  * bidi marks, embeddings, overrides and isolates: U+061C, U+200E, U+200F, U+202A-U+202E,
    U+2066-U+2069;
  * invisible format characters that can hide or spoof text: U+180E, U+200B, U+2060-U+2064,
    U+206A-U+206F, U+FEFF, U+FFF9-U+FFFB;
  * U+2028/U+2029 (line/paragraph separator), which some terminals and tools treat as newlines;
  * lone surrogates (from undecodable file names or bytes), which cannot even be encoded for
    output and would crash the print.

Kept: tab and newline (in :func:`visible`), ZWJ/ZWNJ (U+200C/U+200D: emoji sequences, Persian and
Indic spelling), variation selectors and tag characters (emoji presentation and flags), the soft
hyphen, and everything printable in any script.

Rich markup is not this module's concern: the renderer builds ``rich.text.Text`` objects, never
markup strings, so ``[bold]`` and ``:smile:`` stay literal.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, split_graphemes

ELLIPSIS = "…"

# One character class, so checking a whole note is a single C-level regex search.
_DANGEROUS = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except \t \n, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi
    "\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # invisible format chars
    "\u2028\u2029"  # line / paragraph separators
    "\ud800-\udfff"  # lone surrogates
    "]"
)
_DANGEROUS_SPLIT = re.compile(f"({_DANGEROUS.pattern})")
# Line breaks and tabs that one_line() turns into a space; \r\n first so it counts as one break.
_BREAKS = re.compile("(?:\r\n|[\n\r\t\v\f\x85\u2028\u2029])+")


def is_dangerous(char: str) -> bool:
    """True for a character that visible() escapes (exposed for tests and for the renderer)."""
    return _DANGEROUS.fullmatch(char) is not None


def _escape(char: str) -> str:
    code = ord(char)
    # every dangerous character is in the BMP, so \x and \u escapes cover them all
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Return ``text`` with every dangerous character replaced by its ``\\xNN``/``\\uNNNN`` escape.

    Tabs, newlines and all printable text (any script, emoji) are unchanged, so this is a no-op on
    ordinary text and idempotent: ``visible(visible(s)) == visible(s)``.
    """
    if _DANGEROUS.search(text) is None:  # the usual case: no copy, no callback
        return text
    return _DANGEROUS.sub(lambda match: _escape(match.group()), text)


def one_line(text: str, width: int | None = None) -> str:
    """Like :func:`visible`, for a single table cell or line.

    Each run of line breaks and tabs (``\\n``, ``\\r\\n``, ``\\r``, ``\\t``, ``\\v``, ``\\f``,
    U+0085, U+2028, U+2029) becomes one space; nothing else is collapsed or stripped. With
    ``width``, the result is cut to at most that many terminal cells (wide CJK and emoji count
    two, as rich counts them), ending in ``…`` when anything was cut. Cuts fall between whole
    graphemes, and an escape like ``\\x1b`` is never split. ``width=0`` gives ``""``.
    """
    if width is not None and width < 0:
        raise ValueError(f"width must be at least 0, not {width}")
    flat_raw = _BREAKS.sub(" ", text)
    flat = visible(flat_raw)
    if width is None or cell_len(flat) <= width:
        return flat
    return _truncate(flat_raw, width)


def _units(flat_raw: str) -> list[str]:
    """What will be shown, as uncuttable units: whole graphemes of safe text (as rich splits
    them) and whole escapes. Dangerous characters are split off first so rich's grapheme rules
    for control characters never matter."""
    units: list[str] = []
    for k, part in enumerate(_DANGEROUS_SPLIT.split(flat_raw)):
        if k % 2:  # odd parts are the captured dangerous characters
            units.append(_escape(part))
        elif part:
            spans, _ = split_graphemes(part)
            units.extend(part[start:end] for start, end, _cells in spans)
    return units


def _truncate(flat_raw: str, width: int) -> str:
    """Cut line-break-free (not yet escaped) text to ``width`` cells, ellipsis included."""
    budget = width - cell_len(ELLIPSIS)
    if budget < 0:
        return ""
    # Split only a prefix into graphemes (a cell may show the start of a long note), growing it
    # while the cut could still fall at its end, where the last grapheme might be incomplete.
    length = 4 * width + 16
    while True:
        units = _units(flat_raw[:length])
        kept: list[str] = []
        used = 0
        for unit in units:
            cells = cell_len(unit)
            if used + cells > budget:
                return "".join(kept) + ELLIPSIS
            kept.append(unit)
            used += cells
        if length >= len(flat_raw):  # cannot happen: the caller saw the text did not fit
            return "".join(kept) + ELLIPSIS
        length *= 2

