"""The vCard export: one card per person, vCard 3.0 (RFC 2426, default) or 4.0 (RFC 6350).

Cards are written by vobject (CRLF line ends, long lines folded, `\\,` `\\;` `\\\\` `\\n`
escaped as vCard requires). What each card holds:

    VERSION     3.0 or 4.0
    UID         connect-contact-<id>@connect
    FN          the name, exactly
    N           family name = last word of the name, given = the rest (FN is the truth)
    NICKNAME    one property per nickname
    ORG, TITLE  company, job title
    EMAIL, TEL, URL   one property per channel, in the order recorded; a label becomes
                TYPE=<label> (a `"` in a label is written `'`: vCard parameters cannot hold it)
    BDAY        3.0: 1985-04-15, or --04-15 without a year;  4.0: 19850415, or --0415
    CATEGORIES  the tags
    NOTE        the personal facts, one line per fact, `<Heading>: <text>`, headings
                Likes, Dislikes, Passions, Family, Needs, Offers, Facts (one per fact kind);
                inside <text> a backslash is written `\\\\` and a line break `\\n`, so each
                fact stays on its line and reads back exactly; a need that was met is
                headed `Needs (met YYYY-MM-DD)` (issue #16: it comes back met)
    X-CONNECT-ID            the person's id in the exporting journal
    X-CONNECT-LOCATION      where they live or work (free text)
    X-CONNECT-MET-AT        how/where you met
    X-CONNECT-MET-ON        YYYY-MM-DD
    X-CONNECT-EVERY-DAYS    keep-in-touch rhythm in days
    X-CONNECT-INTRODUCED-BY the introducer's name
    X-CONNECT-SNOOZED-UNTIL YYYY-MM-DD
    X-CONNECT-ARCHIVED      true (only for archived people)
    X-CONNECT-DATE          one per important date: `<date> <label>`, date as YYYY-MM-DD or
                            --MM-DD (no spaces), then one space, then the label

Properties with no value are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import IO

import vobject

from connect_cli.read.export import PersonRecord

FACT_HEADINGS = {
    "like": "Likes", "dislike": "Dislikes", "passion": "Passions", "family": "Family",
    "need": "Needs", "offer": "Offers", "fact": "Facts",
}  # fmt: skip
VERSIONS = ("3.0", "4.0")


def escape_fact(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def unescape_fact(text: str) -> str:
    """Undo `escape_fact` (for the import side)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append("\n" if text[i + 1] == "n" else text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def facts_note(facts: dict[str, list[str]], needs_met: list[date | None] | None = None) -> str:
    """The NOTE: one `<Heading>: <text>` line per fact; `needs_met` is each need's met day."""
    met = needs_met or []
    return "\n".join(
        f"{fact_heading(kind, met[i] if kind == 'need' and i < len(met) else None)}: "
        f"{escape_fact(text)}"
        for kind in FACT_HEADINGS
        for i, text in enumerate(facts[kind])
    )


def fact_heading(kind: str, met_on: date | None = None) -> str:
    """`Needs`, or `Needs (met 2026-11-20)` for a need that was met (MET_HEADING reads it)."""
    heading = FACT_HEADINGS[kind]
    return f"{heading} (met {met_on.isoformat()})" if met_on else heading


MET_HEADING = re.compile(r"Needs \(met (\d{4}-\d{2}-\d{2})\)")


def birthday_value(person: PersonRecord, version: str) -> str | None:
    when = person.birthday
    if when is None:
        return None
    if version == "3.0":
        return when.isoformat()
    head = "--" if when.year is None else f"{when.year:04d}"
    return f"{head}{when.month:02d}{when.day:02d}"


def _add(card: vobject.base.Component, name: str, value: object, label: str | None = None) -> None:
    if value is None or value == "" or value == []:
        return
    prop = card.add(name)
    prop.value = value
    if label:
        prop.type_param = label.replace('"', "'").replace("\r", " ").replace("\n", " ")


def person_card(person: PersonRecord, version: str) -> vobject.base.Component:
    card = vobject.vCard()
    _add(card, "version", version)
    _add(card, "uid", f"connect-contact-{person.id}@connect")
    _add(card, "fn", person.name)
    given, _, family = person.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    for nickname in person.nicknames:
        _add(card, "nickname", nickname)
    _add(card, "org", [person.company] if person.company else None)
    _add(card, "title", person.title)
    for kind, items in (("email", person.emails), ("tel", person.phones), ("url", person.urls)):
        for label, value in items:
            _add(card, kind, value, label)
    _add(card, "bday", birthday_value(person, version))
    _add(card, "categories", list(person.tags))
    _add(card, "note", facts_note(person.facts, person.needs_met))
    _extensions(card, person)
    return card


def _extensions(card: vobject.base.Component, person: PersonRecord) -> None:
    def text(value: object) -> str | None:
        return None if value is None else str(value)

    _add(card, "x-connect-id", str(person.id))
    _add(card, "x-connect-location", person.location)
    _add(card, "x-connect-met-at", person.met_at)
    _add(card, "x-connect-met-on", text(person.met_on))
    _add(card, "x-connect-every-days", text(person.every_days))
    _add(card, "x-connect-introduced-by", person.introduced_by)
    _add(card, "x-connect-snoozed-until", text(person.snoozed_until))
    _add(card, "x-connect-archived", "true" if person.archived else None)
    for item in person.dates:  # vCard has no one-off date: a one-off date is written as any other
        _add(card, "x-connect-date", f"{item.when.isoformat()} {item.label}")


def write_cards(out: IO[str], people: Iterable[PersonRecord], *, version: str = "3.0") -> int:
    count = 0
    for person in people:
        out.write(person_card(person, version).serialize())
        count += 1
    return count
