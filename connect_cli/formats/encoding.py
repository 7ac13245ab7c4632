"""Which text encoding an imported file uses: detected from its bytes, never guessed into mojibake.

The rule, in order:
1. `--encoding ENC` given: use it (and refuse bytes it cannot decode).
2. A byte-order mark: UTF-8 (`utf-8-sig` drops the mark, which plain `utf-8` would glue onto the
   first column name) or UTF-16 (LE/BE).
3. The whole file is valid UTF-8: UTF-8.
4. It decodes as Windows-1252 and looks like text (no control characters but tab, CR, LF):
   cp1252, reported in the summary so the user can correct it with `--encoding`.
5. Anything else (NUL bytes of a BOM-less UTF-16 file, binary data): refused with a hint.

Validation streams the file in chunks, so a large export is never held in memory twice. A vCard
is judged after its folded lines are joined (`unfold`): exporters fold at a byte count, which may
split a UTF-8 character in two, and such a file is valid UTF-8 once unfolded.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from connect_cli.domain.errors import InputError

_CHUNK = 1 << 20
# A NUL never appears in a text export: UTF-8 with NULs is BOM-less UTF-16 (or binary). A guessed
# legacy encoding must also be free of the other control characters (tab, LF, CR, FF are fine).
_NUL = re.compile("\x00")
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Encoding:
    name: str  # a Python codec name, e.g. "utf-8-sig", "utf-16", "cp1252"
    guessed: bool = False  # True when we fell back to a legacy 8-bit encoding

    def describe(self) -> str:
        if self.name == "utf-8-sig":
            return "UTF-8"
        if self.name == "cp1252":
            return "Windows-1252"
        return self.name.upper()


def _hint(path: Path) -> str:
    return f"pass --encoding (e.g. --encoding cp1252 or --encoding utf-16) to say how {path.name} is encoded"


Unfold = Callable[[bytes], bytes]


def _text_encoding(given: str) -> str:
    """The codec's name when `given` names a text encoding; rot13, base64, zlib (bytes or str
    transforms) and `undefined` (fails on any text) are codecs too, but not encodings."""
    try:
        info = codecs.lookup(given)
        # _is_text_encoding: how str.encode/bytes.decode themselves tell transforms apart.
        if getattr(info, "_is_text_encoding", True):
            b"name,email\r\n".decode(info.name)
            return info.name
    except (LookupError, UnicodeError, TypeError, ValueError):
        pass
    raise InputError(f"{given[:40]!r} is not an encoding I know; try utf-8, utf-16 or cp1252.")


def detect_encoding(path: Path, given: str | None = None, unfold: Unfold | None = None) -> Encoding:
    """The encoding to read `path` with; raises InputError with a hint when unsure."""
    if given:
        name = _text_encoding(given)
        name = "utf-8-sig" if name == "utf-8" else name  # a BOM is never part of the data
        _check_decodes(path, name, given_by_user=True, unfold=unfold)
        return Encoding(name)
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(codecs.BOM_UTF8):
        _check_decodes(path, "utf-8-sig", given_by_user=False, unfold=unfold)
        return Encoding("utf-8-sig")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        _check_decodes(path, "utf-16", given_by_user=False)
        return Encoding("utf-16")
    if _decodes(path, "utf-8-sig", _NUL, unfold):
        return Encoding("utf-8-sig")
    if _decodes(path, "cp1252", _NOT_TEXT, unfold):
        return Encoding("cp1252", guessed=True)
    raise InputError(
        f"{path.name} is not UTF-8 text and not a known legacy encoding; {_hint(path)}."
    )


def _decodes(
    path: Path, name: str, not_text: re.Pattern[str] = _NUL, unfold: Unfold | None = None
) -> bool:
    """Does the whole file decode as `name` into something that looks like text?"""
    if unfold is not None:  # a vCard: read whole anyway, so judged whole
        try:
            return not not_text.search(unfold(path.read_bytes()).decode(name))
        except UnicodeDecodeError:
            return False
    decoder = codecs.getincrementaldecoder(name)()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                if not_text.search(decoder.decode(chunk)):
                    return False
            return not not_text.search(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            return False


def _check_decodes(
    path: Path, name: str, *, given_by_user: bool, unfold: Unfold | None = None
) -> None:
    if _decodes(path, name, unfold=unfold):
        return
    if given_by_user:
        raise InputError(
            f"{path.name} cannot be read as {name}; check the file or try another --encoding."
        )
    raise InputError(f"{path.name} starts like {name} but is damaged; {_hint(path)}.")
