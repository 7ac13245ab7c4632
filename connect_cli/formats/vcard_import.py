"""vCard cards -> incoming people.

What is kept where: FN (else N, else ORG) -> name; NICKNAME -> nicknames; ORG -> company (its
other parts a `department:` fact); TITLE -> title (ROLE a fact); EMAIL/TEL/URL -> channels with
their TYPE or Apple `itemN.X-ABLabel` label; BDAY -> birthday (`X-APPLE-OMIT-YEAR` means no year;
text birthdays become a `birthday:` fact); ANNIVERSARY, X-ABDATE and the vendors'
X-…-ANNIVERSARY -> important dates; NOTE -> a fact; CATEGORIES -> tags; ADR -> location (city,
region, country; other addresses as facts); RELATED, X-ABRELATEDNAMES, X-…-SPOUSE and X-…-CHILD
-> family facts; IMPP, X-SKYPE, X-JABBER… and X-SOCIALPROFILE -> web channels labelled with the
service; X-CONNECT-* (our own export, see vcard_export.py) -> location, how/when met, rhythm,
introducer, snooze, archived and important dates; on such a card the NOTE holds one fact per line.

A group card (`KIND:group`, Apple's `X-ADDRESSBOOKSERVER-KIND:group`) is not a person: the
members found in the same file (by UID, email or phone) get the group's name as a tag, and the
summary says so. Any other property is kept as a fact `label: value`, or, when it is the other
program's bookkeeping or a picture, named in the summary as skipped (`_SKIPPED`). PHOTO, LOGO,
SOUND and KEY are never fetched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from connect_cli.domain.folding import ordered_name
from connect_cli.domain.incoming import (
    FileProblem,
    Incoming,
    PersonBuilder,
    Remark,
    channel_label,
)
from connect_cli.formats.vcard_groups import Groups, has_groups, is_group
from connect_cli.formats.vcard_lines import Card, Property, read_cards, split_unescaped, unescape

# Read elsewhere (names, labels, groups) or only the card's own frame.
_CONSUMED = {"BEGIN", "END", "VERSION", "FN", "N", "ORG", "X-ABLABEL", "KIND", "MEMBER",
             "X-ADDRESSBOOKSERVER-KIND", "X-ADDRESSBOOKSERVER-MEMBER", "X-CONNECT-ID"}  # fmt: skip
_SKIPPED = {
    "PHOTO": "pictures are not stored", "LOGO": "pictures are not stored",
    "SOUND": "sounds are not stored", "KEY": "keys are not stored",
    "UID": "the other address book's own id", "REV": "when the other address book last changed it",
    "PRODID": "the program that wrote the file", "PROFILE": "it only says the file is a vCard",
    "SOURCE": "where the other address book keeps the card", "NAME": "the directory's own name",
    "CLIENTPIDMAP": "the other address book's bookkeeping", "SORT-STRING": "a sorting hint",
    "X-ABUID": "the other address book's own id", "X-ABSHOWAS": "a display hint",
    "LABEL": "the same address as ADR, laid out for an envelope", "X-ABADR": "a display hint",
}  # fmt: skip
_VENDOR = re.compile(r"^X-(?:EVOLUTION-|MS-|KADDRESSBOOK-(?:X-)?|MOZILLA-|GOOGLE-|AIM-)?")
_IM = {"X-AIM": "aim", "X-ICQ": "icq", "X-JABBER": "xmpp", "X-MSN": "msn", "X-YAHOO": "yahoo",
       "X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype", "X-GOOGLE-TALK": "gtalk",
       "X-GTALK": "gtalk", "X-TWITTER": "twitter", "X-QQ": "qq", "X-GADUGADU": "gadugadu"}  # fmt: skip


def read_vcards(
    data: str | bytes, file_name: str, encoding: str = "utf-8"
) -> Iterator[Incoming | Remark | None]:
    """People, one per card; group cards become tags on their members and a Remark each."""
    groups = Groups()
    if has_groups(data):  # rare: read the file twice rather than hold every card
        groups.collect(c for c in read_cards(data, file_name, encoding) if is_group(c))
    for card in read_cards(data, file_name, encoding):
        if is_group(card):
            continue
        where = f"{file_name}, card {card.number} (line {card.line})"
        yield card_to_person(card, where, groups.of(card))
    yield from groups.remarks()


def card_to_person(card: Card, where: str, groups: list[str] | None = None) -> Incoming | None:
    b = PersonBuilder(where)
    labels = {p.group: unescape(p.raw) for p in card.all("X-ABLABEL") if p.group}
    ours = card.first("X-CONNECT-ID") is not None  # written by `connect export`
    _names(b, card)
    for prop in card.properties:
        if prop.damage:
            b.notices.append(_damaged(where, prop))
        if ours and prop.name == "NOTE":
            _our_facts(b, unescape(prop.raw))
            continue
        handler = _handler(prop.name)
        if handler is not None:
            handler(b, prop, labels.get(prop.group) if prop.group else None)
        elif prop.name.startswith("X-CONNECT-"):
            _ours(b, prop)
        elif prop.name not in _CONSUMED:
            _other(b, prop)
    for group in groups or ():
        b.tag(group)
    return b.build()


def _damaged(where: str, prop: Property) -> str:
    card = where.split(" (line", 1)[0]
    return (
        f"{card}, line {prop.line}: the {prop.name} value is damaged ({prop.damage}); "
        "it was kept with \ufffd where it could not be read."
    )


def _handler(name: str):  # type: ignore[no-untyped-def]
    if (found := _HANDLERS.get(name)) is not None:
        return found
    if name.startswith("X-") and not name.startswith("X-CONNECT-"):
        if name.endswith("ANNIVERSARY"):
            return _anniversary
        if name.endswith(("SPOUSE", "SPOUSENAME")):
            return _spouse
        if name.endswith(("CHILD", "CHILDREN")):
            return _child
        if name in _IM:
            return _im_handle
    return None


def _other(b: PersonBuilder, prop: Property) -> None:
    """A property we have no field for: bookkeeping and pictures are skipped (and said), any
    other value is kept as a fact."""
    value = unescape(prop.raw).strip()
    if not value:
        return
    if prop.name in _SKIPPED or prop.name.startswith("X-ADDRESSBOOKSERVER-"):
        reason = _SKIPPED.get(prop.name, "the other address book's bookkeeping")
        b.remark(prop.name, f"skipped ({reason})")
        return
    label = _VENDOR.sub("", prop.name).replace("-", " ").lower()
    b.labelled_fact(label, value)


def _names(b: PersonBuilder, card: Card) -> None:
    fn = card.first("FN")
    if fn is not None:
        b.name(unescape(fn.raw))
    n = card.first("N")
    if n is not None and b.draft.name is None:
        family, given, additional, prefix, suffix = (split_unescaped(n.raw, ";") + [""] * 5)[:5]
        # in its own order: family name first for Chinese, Japanese and Korean (folding.py)
        core = ordered_name(given, family, additional)
        b.name(" ".join(p.strip() for p in (prefix, core, suffix) if p.strip()))
    # Apple's phonetic name (the reading of 山田太郎: Yamada Taro) is another name for WHO
    reading = [card.first(f"X-PHONETIC-{part}-NAME") for part in ("FIRST", "MIDDLE", "LAST")]
    if any(reading):
        given_r, middle_r, family_r = (unescape(p.raw) if p else "" for p in reading)
        b.nickname(ordered_name(given_r, family_r, middle_r))
    org = card.first("ORG")
    if org is not None:
        parts = [p.strip() for p in split_unescaped(org.raw, ";") if p.strip()]
        if parts:
            b.scalar("company", parts[0])
            if parts[1:]:
                b.fact(f"department: {', '.join(parts[1:])}")


def _label(prop: Property, apple_label: str | None) -> str | None:
    return channel_label(*(([apple_label] if apple_label else []) + prop.types()))


def _email(b: PersonBuilder, prop: Property, apple_label: str | None) -> None:
    b.channel("email", unescape(prop.raw), _label(prop, apple_label))


def _tel(b: PersonBuilder, prop: Property, apple_label: str | None) -> None:
    value = unescape(prop.raw).strip()
    if value.lower().startswith("tel:"):
        value = value[4:]  # the URI form of vCard 4.0 (TEL;VALUE=uri:tel:+1-555…)
    b.channel("phone", value, _label(prop, apple_label))


def _url(b: PersonBuilder, prop: Property, apple_label: str | None) -> None:
    b.channel("url", unescape(prop.raw), _label(prop, apple_label))


def _bday(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    value = unescape(prop.raw).strip()
    if (prop.param("VALUE") or "").lower() == "text":
        b.fact(f"birthday: {value}")
        return
    value = value.split("T", 1)[0] if value[:1].isdigit() else value  # 1985-04-15T00:00:00Z
    if prop.param("X-APPLE-OMIT-YEAR") and len(value) >= 8 and value[:4].isdigit():
        value = "--" + value[4:].lstrip("-")  # the year is a placeholder (1604)
    b.birthday(value)


def _anniversary(b: PersonBuilder, prop: Property, apple_label: str | None) -> None:
    value = unescape(prop.raw).split("T", 1)[0]
    label = channel_label(apple_label or "") or "anniversary"
    if prop.param("X-APPLE-OMIT-YEAR") and value[:4].isdigit():
        value = "--" + value[4:].lstrip("-")
    b.important_date(label, value)


def _note(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    b.fact(unescape(prop.raw))


def _title(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    b.scalar("title", unescape(prop.raw))


def _role(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    if text := unescape(prop.raw).strip():
        b.fact(f"role: {text}")


def _nickname(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    for nickname in split_unescaped(prop.raw, ","):
        b.nickname(nickname)


def _categories(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    for tag in split_unescaped(prop.raw, ","):
        b.tag(tag)


def _adr(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    parts = [p.strip() for p in (split_unescaped(prop.raw, ";") + [""] * 7)[:7]]
    place = ", ".join(p for p in (parts[3], parts[4], parts[6]) if p)
    if place:
        b.scalar("location", place)
    if any(parts[k] for k in (0, 1, 2, 5)):  # a street, box or postcode: the whole address
        b.fact("address: " + ", ".join(" ".join(p.split()) for p in parts if p))


def _impp(b: PersonBuilder, prop: Property, apple_label: str | None) -> None:
    """IMPP:xmpp:ana@chat.example — a chat handle is a web channel labelled with its service."""
    value = unescape(prop.raw).strip()
    scheme = value.split(":", 1)[0].lower() if ":" in value else None
    b.channel("url", value, _label(prop, apple_label) or scheme)


def _im_handle(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    service = _IM[prop.name]
    value = unescape(prop.raw).strip()
    b.channel("url", value if ":" in value else f"{service}:{value}", service)


def _social(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    value = unescape(prop.raw).strip() or (prop.param("X-USER") or "")
    b.channel("url", value, channel_label(*prop.types()))


def _related(b: PersonBuilder, prop: Property, apple_label: str | None) -> None:
    value = unescape(prop.raw).strip()
    if (prop.param("VALUE") or "").lower() != "text" and value.lower().startswith("urn:"):
        b.remark(prop.name, "skipped (a link to another card, not a name)")
        return
    relation = channel_label(apple_label or "", *prop.types())
    b.fact(f"{value} ({relation})" if relation else value, kind="family")


def _spouse(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    if value := unescape(prop.raw).strip():
        b.fact(f"{value} (spouse)", kind="family")


def _child(b: PersonBuilder, prop: Property, _label: str | None) -> None:
    for child in split_unescaped(prop.raw, ","):
        if child.strip():
            b.fact(f"{child.strip()} (child)", kind="family")


_HANDLERS = {
    "EMAIL": _email, "TEL": _tel, "URL": _url, "BDAY": _bday, "ANNIVERSARY": _anniversary,
    "X-ANNIVERSARY": _anniversary, "X-ABDATE": _anniversary, "NOTE": _note, "TITLE": _title,
    "ROLE": _role, "NICKNAME": _nickname, "CATEGORIES": _categories, "ADR": _adr, "IMPP": _impp,
    "RELATED": _related, "X-ABRELATEDNAMES": _related, "X-SOCIALPROFILE": _social,
}  # fmt: skip


def _our_facts(b: PersonBuilder, note: str) -> None:
    """Our export's NOTE: one fact per line, `<Heading>: <text>` (vcard_export.facts_note)."""
    from connect_cli.formats.vcard_export import FACT_HEADINGS, MET_HEADING, unescape_fact

    kinds = {heading: kind for kind, heading in FACT_HEADINGS.items()}
    for line in note.split("\n"):
        heading, sep, text = line.partition(": ")
        if sep and heading in kinds:
            b.fact(unescape_fact(text), kind=kinds[heading])
        elif sep and (met := MET_HEADING.fullmatch(heading)) and _met_day(met[1]):
            b.fact(unescape_fact(text), kind="need")
            b.need_met(unescape_fact(text), _met_day(met[1]))  # type: ignore[arg-type]
        elif line.strip():
            b.fact(line)


def _met_day(text: str) -> date | None:
    """A met need's day as our export wrote it; None (kept as a plain fact line) if impossible."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _ours(b: PersonBuilder, prop: Property) -> None:
    """What our own vCard export adds beyond the standard (vcard_export.py), so nothing is lost."""
    value = unescape(prop.raw).strip()
    name = prop.name.removeprefix("X-CONNECT-")
    if name == "MET-AT":
        b.scalar("met_at", value)
    elif name == "LOCATION":
        b.scalar("location", value)
    elif name == "MET-ON":
        b.met_on(_day(b, prop, value))
    elif name in ("EVERY-DAYS", "EVERY"):
        _every(b, value)
    elif name == "INTRODUCED-BY":
        b.introduced_by(value)
    elif name == "SNOOZED-UNTIL":
        b.extra["snoozed_until"] = _day(b, prop, value)
    elif name == "ARCHIVED":
        b.extra["archived"] = value.lower() == "true"
    elif name == "DATE":
        when, _, label = value.partition(" ")
        b.important_date(label or "date", when)


def _day(b: PersonBuilder, prop: Property, value: str) -> date:
    from connect_cli.domain.errors import InputError
    from connect_cli.domain.stored_rules import day_from_file

    try:
        return day_from_file(value)
    except InputError as problem:  # the value is named, never quoted: it may be private
        raise FileProblem(f"{b.where}: {prop.name} {problem}.") from None


def _every(b: PersonBuilder, value: str) -> None:
    from connect_cli.domain.errors import InputError
    from connect_cli.domain.stored_rules import rhythm_from_file

    try:
        days = rhythm_from_file(value)
    except InputError as problem:
        raise FileProblem(f"{b.where}: X-CONNECT-EVERY-DAYS {problem}.") from None
    b.draft.every_given, b.draft.every_days = True, days
