"""The Markdown export: the journal as a document to read (`connect import` does not read it).

    # Contact journal
    (one line: how many people, exported on what day)

    ## <Name>                         one section per person, by name
    - **Company:** … / **Title:** … / **Location:** … / **Met:** … / **Introduced by:** …
    - **Birthday:** … / **Keep in touch:** every N days / **Tags:** … / **Email:** … (one bullet
      per item present)

    ### About                         personal facts, one bullet each: "**Likes:** espresso";
                                      a need that was met: "**Needs (met 2026-11-20):** …"
    ### Important dates               "- --03-01 work anniversary"
    ### Timeline                      oldest first: "- 2026-11-01 14:30 · meeting · with Bob — text"
    ### Promises                      in the order made, kept ones too:
                                      "- open · due 2026-12-01 — send the deck", "- open — call",
                                      "- kept 2026-11-20 · due 2026-11-18 — intro to Bob"
                                      (kept: the UTC day it was marked done)
    ### Helping                       introductions they took part in and their needs met:
                                      "- 2026-11-22 introduced to Tom for “…” · helped (…)"

User text cannot change the structure: Markdown's special characters (`\\ ` * _ [ ] < > # | ~`)
are backslash-escaped everywhere, a line that would start a heading, list, quote, rule or
numbered item is escaped at its start, control characters are shown as `\\xNN` escapes, and a
note's extra lines are indented under its bullet (blank lines dropped) so they stay inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import IO

from connect_cli.domain.safe_text import visible
from connect_cli.domain.wording import counted
from connect_cli.formats.vcard_export import FACT_HEADINGS, fact_heading
from connect_cli.read.export import NotePromise, PersonRecord, clock

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
# What would start a list, quote, rule, setext heading or numbered item at the start of a line.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")

Timeline = Callable[[int], Iterable[tuple]]


def escape_line(text: str, *, starts_line: bool) -> str:
    line = _SPECIAL.sub(r"\\\1", visible(text).replace("\t", " "))
    if not starts_line:
        return line
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(2)[0].isdigit():  # 1. → 1\.
        return line[: match.end()] + "\\" + line[match.end() :]
    return f"{match.group(1)}\\{line[match.end(1) :]}"


def inline(text: str, indent: str = "  ") -> str:
    """User text after a bullet or heading: escaped; extra lines indented, blank ones dropped."""
    lines = [line for line in text.splitlines() if line.strip()]
    escaped = [escape_line(line, starts_line=i > 0) for i, line in enumerate(lines)]
    return f"\n{indent}".join(escaped)


def _profile_lines(person: PersonRecord) -> list[str]:
    items: list[tuple[str, str | None]] = [
        ("Nicknames", ", ".join(person.nicknames) or None),
        ("Company", person.company),
        ("Title", person.title),
        ("Location", person.location),
        ("Met", " on ".join(x for x in (person.met_at, str(person.met_on or "")) if x) or None),
        ("Introduced by", person.introduced_by),
        ("Birthday", person.birthday.isoformat() if person.birthday else None),
        ("Keep in touch", f"every {counted(person.every_days, 'day')}" if person.every_days else None),
        ("Snoozed until", str(person.snoozed_until) if person.snoozed_until else None),
        ("Archived", "yes" if person.archived else None),
        ("Tags", ", ".join(person.tags) or None),
    ]
    for heading, channels in (
        ("Email", person.emails),
        ("Phone", person.phones),
        ("Web", person.urls),
    ):
        items += [(heading, f"{value} ({label})" if label else value) for label, value in channels]
    return [f"- **{heading}:** {inline(value)}" for heading, value in items if value]


def promise_line(promise: NotePromise) -> str:
    """One promise as a bullet: its state, its due day, its text."""
    parts = [f"kept {promise.done_on}" if promise.done_on else "open"]
    if promise.due_on:
        parts.append(f"due {promise.due_on}")
    return f"- {' · '.join(parts)} — {inline(promise.text)}\n"


def _section(
    out: IO[str],
    person: PersonRecord,
    timeline: Timeline,
    names: dict[int, str],
    promises: list[NotePromise],
    helping: list[str] | None = None,
) -> None:
    heading = escape_line(" ".join(person.name.split()), starts_line=False)
    out.write(f"\n## {heading or '(no name)'}\n\n")
    out.write("".join(line + "\n" for line in _profile_lines(person)))
    met = person.needs_met
    facts = [
        (fact_heading(k, met[i] if k == "need" and i < len(met) else None), t)
        for k in FACT_HEADINGS
        for i, t in enumerate(person.facts[k])
    ]
    if facts:
        out.write("\n### About\n\n")
        out.write("".join(f"- **{h}:** {inline(t)}\n" for h, t in facts))
    if person.dates:
        out.write("\n### Important dates\n\n")
        out.write(
            "".join(
                f"- {d.when.isoformat()} {inline(d.label)}{' (once)' if d.once else ''}\n"
                for d in person.dates
            )
        )
    header_written = False
    for _, day, moment, kind, text, others in timeline(person.id):
        if not header_written:
            out.write("\n### Timeline\n\n")
            header_written = True
        parts = [str(day)[:10] + (f" {clock(moment)}" if moment else ""), kind]
        if others:
            parts.append("with " + ", ".join(sorted(names[int(o)] for o in others.split(","))))
        out.write(f"- {inline(' · '.join(parts))} — {inline(text)}\n")
    if promises:
        out.write("\n### Promises\n\n")
        out.write("".join(promise_line(promise) for promise in promises))
    if helping:
        out.write("\n### Helping\n\n")
        out.write("".join(f"- {inline(line)}\n" for line in helping))


def write_markdown(
    out: IO[str],
    people: list[PersonRecord],
    timeline: Timeline,
    names: dict[int, str],
    *,
    today: date,
    promises: dict[int, list[NotePromise]] | None = None,
    helping: dict[int, list[str]] | None = None,
) -> int:
    """Write the document; `timeline(id)` yields a person's interactions (queries_export),
    `promises` holds each person's promises by id."""
    count = len(people)
    out.write("# Contact journal\n\n")
    out.write(f"{count} {'person' if count == 1 else 'people'}, exported on {today.isoformat()}.\n")
    for person in people:
        _section(
            out, person, timeline, names, (promises or {}).get(person.id, []),
            (helping or {}).get(person.id),
        )  # fmt: skip
    return count
