"""Control characters in text a user or a file gave us: where they separate words.

A note pasted from a terminal can carry ANSI escape sequences (ECMA-48: "ESC [ 3 1 m" sets red),
and a name read from a file can carry any C0 or C1 control. Shown, they are escaped
(domain/safe_text.py); but between words they must not glue them together: "\\x1b[31mred"
holds the word "red", not "31mred". Pure, standard library only (search's index function and
import both call it).
"""

from __future__ import annotations

import re
from functools import cache

# ECMA-48 control sequences (CSI: ESC [ parameters intermediates final, or the one-byte C1 CSI
# U+009B), operating system commands (ESC ] … BEL or ST), other two-character escapes (ESC x),
# then any C0 or C1 control or DEL left over.
_CONTROLS = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
    r"|[\x00-\x1f\x7f-\x9f]"
)
_ANY_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # tab and newline are text


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compiled on first use (~2 ms for both): every command opens a journal, few meet a control."""
    return re.compile(pattern)


def has_controls(text: str) -> bool:
    """True when `text` holds a control character other than tab and newline."""
    return _compiled(_ANY_CONTROL).search(text) is not None


def without_controls(text: str) -> str:
    """`text` with each escape sequence and each control character (tab and newline included)
    made one space: "Ann\\x1b[1mSmith" -> "Ann Smith"; text without any is returned as it is."""
    return _compiled(_CONTROLS).sub(" ", text)
