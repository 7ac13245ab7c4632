"""Counts in words: "1 person", "2 people", "1 year", "0 interactions" (one rule for every message).

English plurals of the nouns connect counts: a few irregular ones by name, "-y" after a consonant
becomes "-ies", "-s", "-x", "-ch" and "-sh" take "-es", the rest take "-s".
"""

from __future__ import annotations

IRREGULAR = {"person": "people", "child": "children"}


def plural(noun: str) -> str:
    """The plural of a singular English noun: "person" -> "people", "entry" -> "entries"."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def counted(count: int, noun: str) -> str:
    """`count` and the singular `noun`, made plural unless the count is exactly 1 ("0 people",
    "1 person", "2,048 people"); thousands separated by commas."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"
