"""A JSON object read one top-level member at a time, and a list member one element at a time.

`json.load` holds the whole document and every object in it: a 346 MB export peaked at 1.75 GB.
Our export is one object whose big members are lists of rows (formats/json_export.py), so only
the structure around them is tokenised here; each key and each element is decoded by the
standard decoder (`raw_decode`) from a window of the file, so memory follows one row, not the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

CHUNK = 1 << 20  # characters read at a time
_WHITESPACE = " \t\n\r"
_SLACK = 64  # characters before the window's end where a decoding error may just be a cut
_DECODER = json.JSONDecoder()


class StreamedObject:
    """Members of the JSON object in `handle`, in file order.

    `members()` yields (key, value); for a key in `streamed` whose value is a list, the value is
    an iterator over its elements that must be consumed before the next member is read. Raises
    json.JSONDecodeError (its lineno counts from the start of the file) for malformed text.
    """

    def __init__(self, handle: IO[str], streamed: frozenset[str]) -> None:
        self._handle = handle
        self._streamed = streamed
        self._buffer = ""
        self._pos = 0
        self._lines_before = 0  # line breaks in the text already dropped from the buffer
        self._eof = False

    def members(self) -> Iterator[tuple[str, Any]]:
        self._expect("{")
        if self._peek() == "}":
            self._pos += 1
            return
        while True:
            key = self._value()
            if not isinstance(key, str):
                self._fail("Expecting property name enclosed in double quotes")
            self._expect(":")
            if key in self._streamed and self._peek() == "[":
                self._pos += 1
                yield key, self._elements()
            else:
                yield key, self._value()
            if self._next_of(",}") == "}":
                return

    def _elements(self) -> Iterator[Any]:
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._value()
            if self._next_of(",]") == "]":
                return

    def _next_of(self, allowed: str) -> str:
        char = self._peek()
        if char not in allowed:
            self._fail(f"Expecting {' or '.join(repr(c) for c in allowed)} delimiter")
        self._pos += 1
        return char

    def _expect(self, char: str) -> None:
        self._next_of(char)

    def _peek(self) -> str:
        """The next character that is not whitespace ('' at the end of the file)."""
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in _WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buffer) or not self._fill():
                return self._buffer[self._pos : self._pos + 1]

    def _value(self) -> Any:
        self._peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                # Cut off by the window's end: read more and decode again.
                if not self._eof and self._reaches_end(error):
                    self._fill()
                    continue
                raise self._located(error) from None
            if not self._eof and end > len(self._buffer) - _SLACK:
                self._fill()  # a number near the window's end may go on (2.5 of 2.5e10)
                continue
            self._pos = end
            return value

    def _reaches_end(self, error: json.JSONDecodeError) -> bool:
        # The decoder reports a cut-off value near where the text ends (a word, number or
        # escape cut in two), or at the start of an unterminated string: read on then.
        near_end = error.pos >= len(self._buffer) - _SLACK
        return near_end or error.msg.startswith("Unterminated string")

    def _fill(self) -> bool:
        """Drop what was read and add the next chunk; False at the end of the file."""
        if self._eof:
            return False
        dropped = self._buffer[: self._pos]
        self._lines_before += dropped.count("\n")
        chunk = self._handle.read(CHUNK)
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        self._eof = not chunk
        return bool(chunk)

    def _fail(self, message: str) -> None:
        raise self._located(json.JSONDecodeError(message, self._buffer, self._pos))

    def _located(self, error: json.JSONDecodeError) -> json.JSONDecodeError:
        located = json.JSONDecodeError(error.msg, error.doc, error.pos)
        located.lineno += self._lines_before
        return located
