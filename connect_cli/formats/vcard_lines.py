"""vCard 2.1 / 3.0 / 4.0 content lines, read without losing anything and with line numbers.

We read the lines ourselves rather than through vobject: vobject drops list items
(`NICKNAME:Johnny,JQP` comes back as `Johnny`), cannot read a 2.1 QUOTED-PRINTABLE soft line
break (`…daughter =` + `L=C3=A9a`), and reports positions we cannot map back to the file. The
grammar is small (RFC 2425/2426/6350 and the 2.1 spec):

    [group "."] name *(";" param) ":" value        folded lines start with a space or a tab

Text values escape `\\n`, `\\,`, `\\;` and `\\\\`; structured values (N, ADR, ORG) separate their
parts with `;`, lists (NICKNAME, CATEGORIES) with `,`.

Lines are unfolded as bytes, before decoding: exporters fold at a byte count, so a fold may fall
inside a two-byte UTF-8 character, and decoding first would see broken UTF-8 (and mojibake).
Line ends are CRLF, LF, CR, or the stray CR CR LF of files that went through two converters.
A damaged value (a truncated QUOTED-PRINTABLE escape, bytes that are not its charset) is kept
with U+FFFD where it cannot be read and the property says so (`damage`); only a file whose
structure is broken (no END:VCARD) is refused.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from connect_cli.domain.incoming import FileProblem

_PHYSICAL = re.compile(rb"\r*\n|\r")
_FOLD = re.compile(rb"(?:\r*\n|\r)[ \t]")
# vCard 2.1 lets a parameter go without its name: `;QUOTED-PRINTABLE`, `;BASE64`, `;CELL`. The
# encodings are told apart from the types by their value, as the 2.1 spec lists them.
_BARE_PARAMS = {
    "QUOTED-PRINTABLE": "ENCODING", "BASE64": "ENCODING", "B": "ENCODING", "8BIT": "ENCODING",
    "7BIT": "ENCODING", "INLINE": "VALUE", "URL": "VALUE", "URI": "VALUE", "CONTENT-ID": "VALUE",
    "CID": "VALUE",
}  # fmt: skip


@dataclass
class Property:
    name: str  # upper-case, e.g. "EMAIL"
    group: str | None  # Apple's "item1"
    params: dict[str, list[str]]  # upper-case keys; 2.1 bare types land under "TYPE"
    raw: str  # the value as written (still escaped)
    line: int
    damage: str | None = None  # why part of the value could not be read (kept with U+FFFD)

    def types(self) -> list[str]:
        return self.params.get("TYPE", [])

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None


@dataclass
class Card:
    number: int  # 1-based position in the file
    line: int  # where BEGIN:VCARD is
    properties: list[Property] = field(default_factory=list)

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)


def unfold_bytes(data: bytes) -> bytes:
    """The file with folded lines joined (to judge its encoding on what the cards really say)."""
    return _FOLD.sub(b"", data)


def logical_lines(text: str | bytes, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """Unfolded lines with the physical line number each starts on, decoded after unfolding."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    for number, line in _logical_byte_lines(data):
        try:
            yield number, line.decode(encoding)
        except UnicodeDecodeError:
            yield number, line.decode(encoding, errors="replace")


def _logical_byte_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    current: bytes | None = None
    start = 0
    for number, line in enumerate(_PHYSICAL.split(data), start=1):
        if current is not None and line[:1] in (b" ", b"\t"):
            current += line[1:]
        elif current is not None and _continues_quoted_printable(current):
            current = current[:-1] + line  # a soft line break: "=" then the rest on the next line
        else:
            if current is not None:
                yield start, current
            current, start = line, number
    if current is not None:
        yield start, current


def _continues_quoted_printable(line: bytes) -> bool:
    head = line.split(b":", 1)[0].upper()
    return line.endswith(b"=") and b"QUOTED-PRINTABLE" in head


def read_cards(text: str | bytes, file_name: str, encoding: str = "utf-8") -> Iterator[Card]:
    """Cards one by one; a card without END:VCARD (or junk between cards) is a FileProblem."""
    card: Card | None = None
    count = 0
    for line_no, line in logical_lines(text, encoding):
        if not line.strip():
            continue
        upper = line.strip().lstrip("\ufeff").upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                raise _unclosed(file_name, card)
            count += 1
            card = Card(count, line_no)
        elif upper == "END:VCARD":
            if card is None:
                raise FileProblem(f"{file_name}, line {line_no}: END:VCARD without a BEGIN:VCARD.")
            yield card
            card = None
        elif card is None:
            raise FileProblem(
                f"{file_name}, line {line_no}: text outside any card; is this a vCard file?"
            )
        else:
            card.properties.append(parse_line(line, line_no, file_name, card.number))
    if card is not None:
        raise _unclosed(file_name, card)


def _unclosed(file_name: str, card: Card) -> FileProblem:
    return FileProblem(
        f"{file_name}, card {card.number} (line {card.line}): the card has no END:VCARD; "
        "the file looks cut short or damaged. Nothing was imported."
    )


_PARAM_SPLIT = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')


def parse_line(line: str, line_no: int, file_name: str, card_no: int) -> Property:
    head, sep, value = _split_value(line)
    if not sep:
        raise FileProblem(
            f"{file_name}, card {card_no} (line {line_no}): a line without ':' cannot be read."
        )
    parts = _PARAM_SPLIT.split(head)
    group, _, name = parts[0].rpartition(".")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, eq, values = part.partition("=")
        if not eq:  # vCard 2.1: TEL;CELL;VOICE, N;QUOTED-PRINTABLE
            key, values = _BARE_PARAMS.get(part.strip().upper(), "TYPE"), part
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in values.split(",") if v.strip()
        )
    prop = Property(name.strip().upper(), group or None, params, value, line_no)
    if (prop.param("ENCODING") or "").upper() == "QUOTED-PRINTABLE":
        prop.raw = _decode_quoted_printable(prop, file_name, card_no)
    return prop


def _split_value(line: str) -> tuple[str, str, str]:
    """Split at the first ':' outside a quoted parameter value."""
    quoted = False
    for k, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:k], ":", line[k + 1 :]
    return line, "", ""


_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})|=")
_LOST = "\x00"  # marks an unreadable escape until the charset is decoded (a NUL is never data)


def _decode_quoted_printable(prop: Property, file_name: str, card_no: int) -> str:
    """`=D0=A2…` in the property's charset; what cannot be read becomes U+FFFD, said in `damage`."""
    charset = prop.param("CHARSET") or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        prop.damage = f"its charset {charset[:20]!r} is unknown, so it was read as UTF-8"
        charset = "utf-8"
    data = _QP_ESCAPE.sub(
        lambda m: bytes.fromhex(m[1].decode()) if m[1] else _LOST.encode(),
        prop.raw.encode("utf-8", errors="replace"),
    )
    try:
        text = data.decode(charset)
    except UnicodeDecodeError:
        text = data.decode(charset, errors="replace")
        prop.damage = prop.damage or f"it is not valid {charset[:20]}"
    if _LOST in text:
        prop.damage = prop.damage or "a QUOTED-PRINTABLE escape is cut short"
        text = text.replace(_LOST, "\ufffd")
    return text


_ESCAPE = re.compile(r"\\(.)", re.S)


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def split_unescaped(text: str, separator: str) -> list[str]:
    """Split at separators that are not escaped, then unescape each part."""
    parts, current, k = [], [], 0
    while k < len(text):
        char = text[k]
        if char == "\\" and k + 1 < len(text):
            current.append(text[k : k + 2])
            k += 2
            continue
        if char == separator:
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(char)
        k += 1
    parts.append(unescape("".join(current)))
    return parts
