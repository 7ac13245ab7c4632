"""vCard group cards: a group is not a person, its name is a tag on its members.

vCard 4.0 writes `KIND:group` with `MEMBER` lines; Apple's 3.0 writes the same as
`X-ADDRESSBOOKSERVER-KIND:group` / `X-ADDRESSBOOKSERVER-MEMBER`. A member is a link: to another
card of the file (`urn:uuid:…`, its UID), or an address (`mailto:`, `tel:`). Members found among
the file's cards are tagged; the others are only counted in the summary (a group lists people,
it does not describe them, so nobody is made up from a bare address).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from connect_cli.domain.incoming import Remark
from connect_cli.domain.wording import counted
from connect_cli.formats.vcard_lines import Card, unescape

_KIND = ("KIND", "X-ADDRESSBOOKSERVER-KIND")
_MEMBER = ("MEMBER", "X-ADDRESSBOOKSERVER-MEMBER")
_HAS_GROUP = re.compile(rb"(?im)^(?:[\w-]+\.)?(?:X-ADDRESSBOOKSERVER-)?KIND[ \t]*:[ \t]*group")
_NOT_DIGITS = re.compile(r"\D+")


def has_groups(data: str | bytes) -> bool:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return _HAS_GROUP.search(raw) is not None


def is_group(card: Card) -> bool:
    return any(unescape(p.raw).strip().lower() == "group" for name in _KIND for p in card.all(name))


def member_key(link: str) -> str | None:
    """The key a member link and a card share: `uid:…`, `email:…` or `phone:<digits>`."""
    text = link.strip()
    scheme, _, rest = text.partition(":")
    scheme = scheme.lower()
    if scheme == "mailto" and rest:
        return "email:" + rest.strip().casefold()
    if scheme == "tel" and (digits := _NOT_DIGITS.sub("", rest)):
        return "phone:" + digits
    return "uid:" + text.casefold() if text else None


def card_keys(card: Card) -> set[str]:
    keys = {"uid:" + unescape(p.raw).strip().casefold() for p in card.all("UID")}
    keys |= {"email:" + unescape(p.raw).strip().casefold() for p in card.all("EMAIL")}
    for tel in card.all("TEL"):
        if digits := _NOT_DIGITS.sub("", unescape(tel.raw).removeprefix("tel:")):
            keys.add("phone:" + digits)
    return keys


@dataclass
class _Group:
    name: str
    members: set[str]
    found: set[str] = field(default_factory=set)


class Groups:
    """The file's groups, collected first, then asked card by card."""

    def __init__(self) -> None:
        self._groups: list[_Group] = []

    def collect(self, cards: Iterable[Card]) -> None:
        for card in cards:
            fn = card.first("FN")
            name = " ".join(unescape(fn.raw).split()) if fn is not None else ""
            members = {
                key
                for prop_name in _MEMBER
                for p in card.all(prop_name)
                if (key := member_key(unescape(p.raw)))
            }
            self._groups.append(_Group(name or f"group {card.number}", members))

    def of(self, card: Card) -> list[str]:
        """The names of the groups this card is a member of."""
        if not self._groups:
            return []
        keys = card_keys(card)
        names = []
        for group in self._groups:
            if hit := group.members & keys:
                group.found |= hit
                names.append(group.name)
        return names

    def remarks(self) -> Iterator[Remark]:
        for group in self._groups:
            tagged = len(group.found)
            outcome = f"is a group, not a person: {counted(tagged, 'member')} tagged with its name"
            missing = len(group.members) - tagged
            if missing:
                outcome += f", {missing} not in this file"
            yield Remark(f"group card {group.name!r}", outcome)
