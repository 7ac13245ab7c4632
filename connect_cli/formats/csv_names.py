"""How a person's name is put together from the name columns of a CSV export.

A prefix and suffix (`Dr.`, `Jr.`, `PhD`) are part of the name; a salutation (`Mrs.`, `Herr`) is
kept as a fact. Chinese, Japanese and Korean names given in separate given/family columns are
written family name first without a space (王小明, 山田太郎, 김민준), as their owners write them
(domain/folding.py: ordered_name, the one rule of name order). A reading of the name (Google's
phonetic columns) becomes a nickname.
"""

from __future__ import annotations

from connect_cli.domain.folding import has_cjk, ordered_name
from connect_cli.domain.incoming import PersonBuilder
from connect_cli.domain.matching import fold


def in_column_order(first: str, last: str) -> str:
    """LinkedIn's two name cells in the file's order, as before issue #15 (which asks for the
    family-first rule in Google, vCard and Outlook only; our LinkedIn samples hold 王 | 小明)."""
    words = [p.strip() for p in (first, last) if p.strip()]
    return ("" if words and all(has_cjk(w) and " " not in w for w in words) else " ").join(words)


def reading_as_nickname(b: PersonBuilder, given: str, middle: str, family: str) -> None:
    """A name's reading from the file (Google's phonetic / yomi columns) is another name WHO and
    search know the person by: Yamada Taro for 山田太郎."""
    b.nickname(ordered_name(given, family, middle))


# Salutations say how to address a letter, not who someone is: kept as a fact, not in the name
# (a title such as Dr. or Prof. is part of the name).
_SALUTATIONS = frozenset(
    "mr mrs ms miss mx herr frau m mme mlle monsieur madame sr sra srta senor senora sig "
    "sigra signor signora dhr mevr hr fr".split()
)


def name_prefix(b: PersonBuilder, value: str) -> str:
    """The prefix for the name, or "" when it is a salutation (then kept as a fact)."""
    text = value.strip()
    if text and fold(text).rstrip(".") in _SALUTATIONS:
        b.labelled_fact("salutation", text)
        return ""
    return text


def person_name(given: str, middle: str, family: str, prefix: str = "", suffix: str = "") -> str:
    """A name from given/family columns: family name first for Chinese, Japanese and Korean
    names (王 + 小明 -> 王小明); a prefix and suffix are part of the name (Walter Brennan Jr.)."""
    core = ordered_name(given, family, middle)  # the one rule of name order (domain/folding.py)
    if not (prefix or suffix):  # most rows: a name without either
        return core
    return " ".join(p for p in (prefix.strip(), core, suffix.strip()) if p)
