"""Text that arrived as bytes which were not UTF-8 (arguments, piped notes)."""

from __future__ import annotations


def has_undecodable_bytes(text: str) -> bool:
    """True when `text` carries bytes that were not UTF-8 (Python's surrogateescape keeps each
    as a lone surrogate U+DC80..U+DCFF, which no journal, file or terminal can store)."""
    return any("\udc80" <= char <= "\udcff" for char in text)
